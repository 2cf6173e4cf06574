"""The house rules, checked on the source: no import cycles, and stages import only downward.

Imports are read with ``ast`` (nothing is run), function-level ones included, because an
import hidden in a function still ties the two modules together.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tlsum"

#: Each layer may import itself and the layers before it, never one after it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("tlsum.version", "tlsum.types", "tlsum.errors", "tlsum.dirs", "tlsum.files", "tlsum.options"),
    ("tlsum.config",),
    ("tlsum.fetch",),
    ("tlsum.extract",),
    ("tlsum.segment",),
    ("tlsum.models",),
    ("tlsum.translate",),
    ("tlsum.digest",),
    ("tlsum.render",),
    ("tlsum.pipeline",),
    ("tlsum", "tlsum.cli", "tlsum.__main__"),  # the package itself: the API façade
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The tlsum modules ``name`` imports, resolved to the longest known module name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def layer_of(name: str) -> int:
    best = -1, 0
    for rank, layer in enumerate(LAYERS):
        for prefix in layer:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best[1]:
                best = rank, len(prefix)
    return best[0]


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_checker_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_every_module_has_a_layer() -> None:
    assert [name for name in modules() if layer_of(name) < 0] == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_only_run_downward(name: str) -> None:
    upward = sorted(t for t in graph()[name] if layer_of(t) > layer_of(name))
    assert upward == [], f"{name} imports from a higher layer: {upward}"


def test_no_module_calls_another_modules_private_names() -> None:
    offenders = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tlsum"):
                offenders += [f"{name}: {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and isinstance(node.value, ast.Name)
                    and node.value.id in {"g", "r", "u"}):
                offenders.append(f"{name}: {node.value.id}.{node.attr}")
    assert offenders == []


def test_public_api_imports_from_the_package() -> None:
    import tlsum
    from tlsum import Options, TlsumError, summarize  # the promise in pipeline's docstring

    assert callable(summarize) and Options() and issubclass(TlsumError, Exception)
    assert all(getattr(tlsum, name) is not None for name in tlsum.__all__)


def test_bench_and_tools_import_names_that_exist() -> None:
    """The benchmarks and tools import tlsum's modules by path; a moved name breaks them
    silently (no test runs ``make bench``), so check every ``from tlsum... import`` here."""
    import importlib
    import importlib.util

    root = PACKAGE.parent
    missing = []
    for path in sorted([*root.glob("bench/*.py"), *root.glob("tools/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tlsum"):
                module = importlib.import_module(str(node.module))
                missing += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                            if not hasattr(module, a.name)
                            and importlib.util.find_spec(f"{node.module}.{a.name}") is None]
    assert missing == []

"""How ``tlsum models`` shows models: aligned tables, language pairs, the demo group.

The bundled toys are demo models (used only when ``--model`` names them): ``models
list`` shows them in a group of their own and ``models info`` finds them, while the
store (``ModelStore``) holds only what the user installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tlsum.models.store import InstalledModel, ModelStore


DEMO_GROUP = "bundled demo models: toy vocabulary, not for real articles"


def demo_models() -> list[InstalledModel]:
    """The models bundled with tlsum (the toys), which run only when ``--model`` names them.

    Their manifests are the trainer's, not an install's: languages and size are read
    from the files.
    """
    from dataclasses import replace

    from tlsum.dirs import bundled_models_dir
    from tlsum.errors import ModelError
    from tlsum.models.store import ModelStore, tree_size

    bundled = bundled_models_dir()
    found = []
    for model in ModelStore(bundled).models() if bundled is not None else []:
        try:
            info = model.inspect()
        except ModelError:
            found.append(model)  # listed as broken
            continue
        found.append(replace(model, manifest=replace(
            model.manifest, sources=info.sources, targets=info.targets,
            size=tree_size(model.path), origin="bundled with tlsum")))
    return found


def langs(sources: tuple[str, ...], targets: tuple[str, ...], limit: int = 4) -> str:
    """``ru,uk→en``; long multilingual lists become a count."""
    if sources == targets and len(sources) > limit:
        return f"{len(sources)} languages, any pair"

    def side(codes: tuple[str, ...]) -> str:
        return ",".join(codes) if len(codes) <= limit else f"{len(codes)} languages"

    return f"{side(sources)}→{side(targets)}"


def echo_table(columns: list[str], rows: list[list[str]]) -> None:
    """Aligned plain columns, never truncated (ids and commands must stay copyable)."""
    widths = [max(len(r[i]) for r in [columns, *rows]) for i in range(len(columns) - 1)]
    for row in [columns, *rows]:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)] + [row[-1]]
        typer.echo("  ".join(cells).rstrip())


def echo_models(models: list[InstalledModel]) -> None:
    """One row per model: id, format, languages, size, license, where it came from."""
    from tlsum.files import human_size

    rows = []
    for m in models:
        problem = m.check()
        rows.append([m.id, m.manifest.format or "?", langs(m.manifest.sources, m.manifest.targets),
                     human_size(m.manifest.size), m.manifest.license or "-",
                     f"BROKEN: {problem}" if problem else m.manifest.origin])
    echo_table(["ID", "FORMAT", "LANGUAGES", "SIZE", "LICENSE", "FROM"], rows)


def find_with_demos(store: ModelStore, name: str) -> tuple[InstalledModel, bool]:
    """The installed model ``name``, else the bundled demo model of that id (and whether it is)."""
    model = store.find(name)
    if model is not None:
        return model, False
    demo = next((m for m in demo_models() if name in (m.id, m.manifest.id)), None)
    return (demo, True) if demo is not None else (store.get(name), False)

"""``make fuzz`` only: every compiled regex of the text path, on long adversarial tokens.

A pattern such as ``\\S+@\\S+\\.\\w+`` restarts at every position of a long token and
costs quadratic (or worse) time; one 200 KB base64 line then took minutes. Each
module-level pattern of fetch, extract, segment and digest must get through a
50,000-character run of each shape in well under a second (linear patterns take
a few milliseconds). Timed, so it lives here rather than in ``make test``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import tlsum

_STAGES = ("tlsum.fetch", "tlsum.extract", "tlsum.segment", "tlsum.digest")
_N = 50_000
SHAPES = {
    "letters": "a" * _N, "spaces": " " * _N, "dots": "." * _N, "newlines": "\n" * _N,
    "a@": "a@" * (_N // 2), "a.": "a." * (_N // 2), "digits": "1" * _N, "caps": "A" * _N,
    "words": "a " * (_N // 2), "tags": "<a " * (_N // 3), "base64": "QUJD+/9=" * (_N // 8),
    "cyrillic": "ж" * _N, "hyphens": "x-" * (_N // 2), "commas": "a, " * (_N // 3),
    "parens": "(" * _N, "quotes": '"' * _N, "wh": "and whether " * (_N // 12),
}


def _patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    found: dict[int, tuple[str, re.Pattern[str] | re.Pattern[bytes]]] = {}
    for info in pkgutil.walk_packages(tlsum.__path__, "tlsum."):
        if info.name.startswith(_STAGES) and not info.name.endswith("__main__"):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda v: str(v)[:60])
def test_pattern_is_linear_on_long_runs(name: str, pattern: re.Pattern[str]) -> None:
    for shape, text in SHAPES.items():
        subject: str | bytes = text
        if isinstance(pattern.pattern, bytes):
            subject = text.encode("utf-8")
        start = time.perf_counter()
        for _ in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
        pattern.match(subject)  # type: ignore[arg-type]
        assert time.perf_counter() - start < 0.5, f"{name} on {shape}"

"""Articles for the batch tests: toy-model Russian and English texts written to a folder.

The Russian ones are combinations of the paragraphs of ``examples/article_ru.txt`` (which
the bundled toy ru->en model translates exactly), the English ones the same paragraphs'
reference translation's sentences, so every article is distinct and needs no network.
"""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _blocks(name: str, separator: str) -> tuple[str, list[str]]:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    title, *paragraphs = [b.strip() for b in text.split(separator) if b.strip()]
    return title, paragraphs


def write_articles(folder: Path, n: int) -> list[Path]:
    """``n`` Russian then ``n`` English articles (two paragraphs each), as text files."""
    paths = []
    for lang, name, separator in (("ru", "article_ru.txt", "\n\n"),
                                  ("en", "article_ru.expected_en.txt", "\n")):
        title, paragraphs = _blocks(name, separator)
        pairs = list(permutations(range(len(paragraphs)), 2))
        for i in range(n):
            first, second = pairs[i % len(pairs)]
            path = folder / f"{lang}-{i:02d}.txt"
            path.write_text(f"{title}\n\n{paragraphs[first]}\n\n{paragraphs[second]}\n",
                            encoding="utf-8")
            paths.append(path)
    return paths

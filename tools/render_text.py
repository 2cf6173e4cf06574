#!/usr/bin/env python3
"""Render pages as whole-page text, the way the benchmark's text-mode inputs were made.

Text mode is scored on ``html/ID.txt``: the page as a browser's select-all copy
(block layout, every menu and footer line kept). To build more pages of that
task (an external evaluation set, pages we write ourselves) the rendering must
be the same, or a stripper tuned on one rendering is judged on another. The
benchmark's ``page_as_text`` names html-text with ``guess_layout``; ``--check``
proves the match on the dev pages (it reproduced all 91 ``.txt`` files byte for
byte with html-text 0.7.1).

    python tools/render_text.py --check ../shared/bench/extraction-dev   # compare with their .txt
    python tools/render_text.py DIR                                      # write DIR/html/ID.txt
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path


def render(html: str) -> str:
    """Whole-page text with block layout (html-text's browser-like rendering)."""
    import html_text  # dev extra: only this tool and the external-set builder need it

    return str(html_text.extract_text(html, guess_layout=True))


def read_page(path: Path) -> str:
    """The page's HTML as the benchmark reads it (UTF-8, bad bytes replaced)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf8", errors="replace")


def line_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' sets of non-empty stripped lines."""
    left = {line.strip() for line in a.splitlines() if line.strip()}
    right = {line.strip() for line in b.splitlines() if line.strip()}
    return len(left & right) / len(left | right) if left | right else 1.0


def pages(folder: Path) -> list[Path]:
    """Every ``html/ID.html(.gz)`` of a benchmark-shaped folder."""
    return sorted(p for p in (folder / "html").iterdir()
                  if p.name.endswith((".html", ".html.gz")))


def text_path(page: Path) -> Path:
    return page.with_name(page.name.split(".")[0] + ".txt")


def check(folder: Path) -> int:
    """Compare our rendering with the folder's own .txt files; print how close."""
    same, scores = 0, []
    for page in pages(folder):
        ours, theirs = render(read_page(page)), text_path(page).read_text(encoding="utf8")
        same += ours == theirs
        scores.append(line_jaccard(ours, theirs))
    print(f"{len(scores)} pages: {same} identical; line-set Jaccard mean "
          f"{sum(scores) / len(scores):.4f}, min {min(scores):.4f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder with html/ID.html(.gz)")
    parser.add_argument("--check", action="store_true", help="compare with the existing .txt")
    args = parser.parse_args()
    if args.check:
        return check(args.folder)
    for page in pages(args.folder):
        text_path(page).write_text(render(read_page(page)), encoding="utf8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

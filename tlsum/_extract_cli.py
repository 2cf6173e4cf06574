"""``python -m tlsum._extract_cli``: the extract stage alone, for benchmarks.

It stands in for ``tlsum extract --format text -`` where the console script is
not installed: HTML or text on stdin, the body as plain text on stdout.
"""

from __future__ import annotations

import argparse
import sys

from tlsum.errors import NoArticleError
from tlsum.extract import extract
from tlsum.options import ExtractOptions
from tlsum.types import ContentKind, Fetched


def sniff_kind(text: str) -> ContentKind:
    """HTML when the start of the text has markup, else plain text."""
    head = text[:2000].lstrip().lower()
    return "html" if head.startswith("<") or "<html" in head or "<body" in head else "text"


def main(argv: list[str] | None = None) -> int:
    """Read stdin, print the article body (paragraphs separated by blank lines)."""
    parser = argparse.ArgumentParser(prog="python -m tlsum._extract_cli")
    parser.add_argument("--input", choices=["auto", "html", "text"], default="auto")
    parser.add_argument("source", nargs="?", default="-", choices=["-"], help="stdin only")
    args = parser.parse_args(argv)
    data = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    fetched = Fetched(text=data, kind=sniff_kind(data), origin="stdin")
    try:
        article = extract(fetched, ExtractOptions(input=args.input))
    except NoArticleError as err:
        sys.stderr.write(f"tlsum: {err}\n")
        return 4
    sys.stdout.write(article.text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m tlsum.extract``: the extract stage alone, for benchmarks.

It stands in for ``tlsum extract --format text -`` where the console script is
not installed: HTML or text on stdin, the body as plain text on stdout. Input goes
through the product's own fetch (size cap, charset, HTML-or-text sniffing), so a
benchmark of this measures what users get.
"""

from __future__ import annotations

import argparse
import sys

from tlsum.errors import FetchError, NoArticleError
from tlsum.extract import extract
from tlsum.fetch import fetch
from tlsum.options import ExtractOptions


def main(argv: list[str] | None = None) -> int:
    """Read stdin, print the article body (paragraphs separated by blank lines)."""
    parser = argparse.ArgumentParser(prog="python -m tlsum.extract")
    parser.add_argument("--input", choices=["auto", "html", "text"], default="auto")
    parser.add_argument("source", nargs="?", default="-", choices=["-"], help="stdin only")
    args = parser.parse_args(argv)
    try:
        article = extract(fetch("-", stdin=sys.stdin.buffer), ExtractOptions(input=args.input))
    except FetchError as err:
        sys.stderr.write(f"tlsum: error: {err}\n")
        return 3
    except NoArticleError as err:
        sys.stderr.write(f"tlsum: error: {err}\n")
        return 4
    sys.stdout.write(article.text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``tlsum batch FILE``: many sources in, one JSON line per source out.

Sources are fetched concurrently; translation and digest run one after the
other in this process, so each model is loaded once for the whole batch. A
failed source becomes a line with an ``error`` object instead of stopping the
batch; the exit code is 0 only when every source succeeded.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlsum.cli.exitcodes import exit_code
from tlsum.errors import TlsumError, UsageError

if TYPE_CHECKING:
    from tlsum.options import Options
    from tlsum.pipeline import Installer


def read_sources(path: str) -> list[str]:
    """Non-empty lines that are not comments (``#``), in order."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read source list {path}: {exc}") from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def batch_records(path: str, options: Options, jobs: int,
                  installer: Installer | None = None) -> Iterator[dict[str, Any]]:
    """One JSON-ready record per source, in input order: the result, or its error."""
    from tlsum.pipeline import digest_article, load_many
    from tlsum.render import View, to_json

    for source, loaded in load_many(read_sources(path), options, workers=jobs):
        try:
            if isinstance(loaded, TlsumError):
                raise loaded
            result = digest_article(loaded, options, installer=installer)
            yield {"source": source, **to_json(result, View())}
        except TlsumError as error:
            yield {"source": source, "error": {"code": exit_code(error), "message": str(error)}}

"""Fetch stage: turn SOURCE (an http(s) URL, a path, or ``-`` for stdin) into ``Fetched``.

Everything that can go wrong while getting the bytes becomes one of the
``FetchError`` subclasses with a one-line message, so the CLI can map it to
exit code 3 without tracebacks. The pure helpers (``sniff_kind``,
``describe_binary``; charsets in ``tlsum.fetch.charset``) carry the content logic and
are tested on bytes alone; the I/O modules only move bytes and enforce limits:

    __init__  fetch(): which kind of source, then one of
    local     files and stdin
    http      URLs (httpx, retries, redirects, one deadline)
    body      bytes -> Fetched (binary check, charset, sniffing) and the size cap
    sniff     HTML or text, binary signatures
    charset   which charset a page is in
"""

from __future__ import annotations

import re
import time
from typing import BinaryIO

from tlsum.errors import FetchError, UsageError
from tlsum.fetch.http import RETRY_STATUSES, Sleep, fetch_url, parse_retry_after
from tlsum.fetch.local import default_stdin, fetch_file, fetch_stream
from tlsum.fetch.sniff import binary_content_type, describe_binary, sniff_kind
from tlsum.options import FetchOptions
from tlsum.types import Fetched

__all__ = ["RETRY_STATUSES", "binary_content_type", "describe_binary", "fetch",
           "parse_retry_after", "sniff_kind"]


def fetch(
    source: str,
    options: FetchOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    sleep: Sleep = time.sleep,
) -> Fetched:
    """Get SOURCE's text, deciding HTML vs text by content and the charset by evidence.

    ``stdin`` replaces ``sys.stdin.buffer`` and ``sleep`` replaces ``time.sleep``
    (retry waits) so tests need neither a terminal nor real delays.
    """
    options = options or FetchOptions()
    if not source.strip():
        raise UsageError("SOURCE is empty: give a URL, a file path, or - for stdin")
    if source == "-":
        return fetch_stream(stdin if stdin is not None else default_stdin(), options)
    if _is_url(source):
        return fetch_url(source, options, sleep)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+://", source):
        if source.lower().startswith("file://"):
            return fetch_file(_file_url_path(source), options)
        raise FetchError(f"unsupported URL scheme in {source} (only http and https)")
    return fetch_file(source, options)


def _is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def _file_url_path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)

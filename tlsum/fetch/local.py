"""Stdin and local files: read under the size cap, every OS failure one line naming the path."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tlsum.errors import FetchError, TooLargeError
from tlsum.fetch.body import build, human_size, read_capped
from tlsum.options import FetchOptions
from tlsum.types import Fetched

_CHUNK = 64 * 1024


def default_stdin() -> BinaryIO:
    if sys.stdin is None or not hasattr(sys.stdin, "buffer"):
        raise FetchError("cannot read stdin: there is none")
    return sys.stdin.buffer


def fetch_stream(stream: BinaryIO, options: FetchOptions) -> Fetched:
    """Read stdin up to the size cap; an empty stdin is an empty text, not an error."""
    try:
        data = read_capped(_iter_stream(stream), options.max_bytes, "stdin")
    except OSError as exc:
        raise FetchError(f"cannot read stdin: {_os_reason(exc)}") from exc
    return build(data, "stdin", "stdin")


def fetch_file(path: str, options: FetchOptions) -> Fetched:
    """Read a local file; every OS failure becomes a one-line FetchError naming the path."""
    target = Path(path)
    try:
        if target.is_dir():
            raise FetchError(f"{path} is a directory, not a file")
        size = target.stat().st_size
        if size > options.max_bytes:
            raise TooLargeError(f"{path} is {human_size(size)}, over the "
                                f"{human_size(options.max_bytes)} size limit")
        with target.open("rb") as stream:
            data = read_capped(_iter_stream(stream), options.max_bytes, path)
    except FileNotFoundError as exc:
        raise FetchError(f"no such file: {path}{_url_hint(path)}") from exc
    except PermissionError as exc:
        raise FetchError(f"permission denied: {path}") from exc
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {_os_reason(exc)}") from exc
    return build(data, "file", path)


def _iter_stream(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _url_hint(path: str) -> str:
    """Someone who typed ``example.com/news/1`` most likely meant a web page."""
    if re.match(r"^(www\.[\w.-]+|[\w-]+(\.[\w-]+)*\.[a-z]{2,}/)", path, re.IGNORECASE):
        return f" (for a web page, write https://{path})"
    return ""


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__

"""Stdin and local files: read under the size cap, every OS failure one line naming the path."""

from __future__ import annotations

import os
import re
import select
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tlsum.errors import FetchError, FetchTimeout, TooLargeError
from tlsum.fetch.body import build, read_capped
from tlsum.files import human_size
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
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            return build(_read_special(path, options), "file", path)
        if info.st_size > options.max_bytes:
            raise TooLargeError(f"{path} is {human_size(info.st_size)}, over the "
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


def _read_special(path: str, options: FetchOptions) -> bytes:
    """A FIFO or a device, read under the size cap and the fetch deadline.

    Opening a FIFO for reading waits for a writer, forever if none comes; opened
    without blocking, each read waits (``select``) only until the deadline.
    """
    deadline = time.monotonic() + options.timeout
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return read_capped(_special_chunks(fd, path, deadline, options.timeout),
                           options.max_bytes, path, deadline)
    finally:
        os.close(fd)


def _special_chunks(fd: int, path: str, deadline: float, timeout: float) -> Iterator[bytes]:
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise FetchTimeout(f"gave up reading {path}: nothing came within {timeout:g} s "
                               "(a FIFO with no writer?)")
        try:
            chunk = os.read(fd, _CHUNK)
        except BlockingIOError:
            continue
        if not chunk:
            return
        yield chunk


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

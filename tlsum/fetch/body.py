"""Bytes to ``Fetched``, the same for every kind of source, and the size cap while reading."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Literal

from tlsum.errors import FetchTimeout, TooLargeError, UnsupportedContent
from tlsum.fetch.charset import charset_from_content_type, decode
from tlsum.fetch.sniff import SNIFF_BYTES, describe_binary, sniff_kind
from tlsum.files import human_size
from tlsum.types import Fetched


def build(data: bytes, origin: Literal["url", "file", "stdin"], where: str,
           content_type: str = "", url: str | None = None) -> Fetched:
    """Check for binary content, decode, and sniff: the same for every kind of source."""
    header_charset = charset_from_content_type(content_type)
    what = describe_binary(data[:SNIFF_BYTES], header_charset)
    if what:
        raise UnsupportedContent(f"{where} is {what}, not an article")
    text, charset = decode(data, header_charset)
    return Fetched(text=text, kind=sniff_kind(data), origin=origin, url=url,
                   charset=charset, content_type=content_type)


def read_capped(chunks: Iterable[bytes], limit: int, where: str,
                 deadline: float | None = None) -> bytes:
    """Collect chunks but stop as soon as the total passes ``limit`` (or the deadline)."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        if len(buffer) > limit:
            raise TooLargeError(f"{where} is larger than the {human_size(limit)} size limit; "
                                "stopped reading")
        if deadline is not None and time.monotonic() > deadline:
            raise FetchTimeout(f"gave up reading {where}: the whole fetch took too long")
    return bytes(buffer)

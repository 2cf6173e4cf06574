"""Content-Encoding layers decoded with bounded output: the one decoded-size meter.

httpx decodes a whole network chunk at once, so 16 KB of ``gzip, gzip`` can
turn into gigabytes before any cap is looked at. Here every layer inflates at
most ``PIECE`` bytes per step (zlib's ``max_length``) and hands them on lazily,
so the cap on decoded bytes is checked every ``PIECE`` bytes, whatever the
number of layers, and memory stays at a few pieces.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from tlsum.errors import FetchError, UnsupportedContent

PIECE = 64 * 1024
#: What we can decode ourselves; sent as Accept-Encoding so servers pick one of these.
ACCEPT_ENCODING = "gzip, deflate"
_GZIP = zlib.MAX_WBITS | 16
_MAX_LAYERS = 4


def encodings(header: str, where: str) -> list[str]:
    """The layers of a Content-Encoding value in the order they must be undone.

    Unknown codings (br, zstd, compress) are refused: passing them on would
    hand compressed bytes to the charset detector as if they were text.
    """
    names = [n.strip().lower() for n in header.split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    for name in names:
        if name not in ("gzip", "x-gzip", "deflate"):
            raise UnsupportedContent(f"{where} is compressed with {name!r}, "
                                     "which tlsum cannot decode")
    if len(names) > _MAX_LAYERS:
        raise UnsupportedContent(f"{where} has {len(names)} layers of compression "
                                 f"(at most {_MAX_LAYERS} are decoded)")
    return names[::-1]


def decoded(chunks: Iterable[bytes], layers: list[str], where: str) -> Iterator[bytes]:
    """The body with every layer undone, in pieces of at most ``PIECE`` bytes."""
    stream: Iterator[bytes] = iter(chunks)
    for name in layers:
        stream = _inflate(stream, name, where)
    return stream


def _inflate(chunks: Iterator[bytes], name: str, where: str) -> Iterator[bytes]:
    """One layer: gzip (possibly several members) or deflate (zlib or raw).

    A stream's first two bytes decide its framing, so a chunk boundary right after
    the first byte carries that byte over to the next chunk.
    """
    inflater: zlib._Decompress | None = None
    carry = b""
    try:
        for chunk in chunks:
            data, carry = carry + chunk, b""
            while data:
                if inflater is None or inflater.eof:
                    if len(data) < 2:
                        carry = data
                        break
                    if inflater is not None and not _new_member(name, data):
                        return  # padding after the end of the stream: ignored
                    inflater = zlib.decompressobj(_wbits(name, data))
                yield from _drain(inflater, data)
                data = inflater.unused_data if inflater.eof else b""
        if carry and inflater is None:
            inflater = zlib.decompressobj(_wbits(name, carry))
            yield from _drain(inflater, carry)
        if inflater is not None and not inflater.eof:
            raise FetchError(f"the compressed body of {where} ends early (truncated)")
    except zlib.error as exc:
        raise FetchError(f"cannot decode the compressed body of {where} ({name}: {exc})") from exc


def _drain(inflater: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Feed ``data`` and yield the output a piece at a time (never all of it at once)."""
    while True:
        piece = inflater.decompress(data, PIECE)
        data = inflater.unconsumed_tail
        if piece:
            yield piece
        if inflater.eof or (not data and len(piece) < PIECE):
            return


def _new_member(name: str, data: bytes) -> bool:
    """gzip allows several members one after another; anything else after the end is padding."""
    return name != "deflate" and data.startswith(b"\x1f\x8b")


def _wbits(name: str, head: bytes) -> int:
    """gzip framing; for deflate, zlib framing when the header says so, else raw deflate."""
    if name != "deflate":
        return _GZIP
    zlib_header = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS

"""What the bytes are: HTML or text, or a binary format that is never an article.

Content decides, not file names or declared types (they lie).
"""

from __future__ import annotations

import re

from tlsum.fetch.charset import bom_of
from tlsum.types import ContentKind

SNIFF_BYTES = 64 * 1024  # how much of the body the sniffers look at


#: Signatures of formats that are never articles. Those that read as ASCII ("ID3",
#: "OggS"...) include the binary byte that follows, so a text that merely starts
#: with those letters is not refused.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or an office document)"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "a program (ELF)"),
    (b"wOFF\x00", "a web font"),
    (b"wOF2\x00", "a web font"),
    (b"ID3\x03\x00", "an MP3 audio file"),
    (b"ID3\x04\x00", "an MP3 audio file"),
    (b"OggS\x00", "an Ogg media file"),
    (b"\x1aE\xdf\xa3", "a video (Matroska/WebM)"),
)

_BINARY_TYPES = {
    "application/pdf": "a PDF",
    "application/zip": "a zip archive",
    "application/gzip": "gzip-compressed data",
    "application/x-gzip": "gzip-compressed data",
    "application/x-tar": "a tar archive",
    "application/msword": "a Word document",
    "application/vnd.ms-excel": "an Excel spreadsheet",
    "application/epub+zip": "an EPUB book",
}
_BINARY_PREFIXES = {"image/": "an image", "audio/": "an audio file",
                    "video/": "a video", "font/": "a font"}


def describe_binary(
    data: bytes, charset: str | None = None, *, magic_only: bool = False
) -> str | None:
    """Say what binary content this is ("a PDF", "a PNG image"...), or None for text.

    Magic numbers come first; then NUL bytes, which never occur in real text
    unless it is UTF-16/32 (recognized by a BOM or a declared charset).
    """
    head = data.lstrip(b"\r\n\t ") if data[:1] in b"\r\n\t " else data
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if re.match(rb"BZh[1-9]1AY&SY", head):
        return "bzip2-compressed data"
    if head[4:8] == b"ftyp":
        return "a video or audio file (MP4)"
    if magic_only or b"\x00" not in data[:8192]:
        return None
    wide = bom_of(data) or (charset and charset.lower().replace("_", "-").startswith("utf-"))
    return None if wide else "binary data"


def binary_content_type(content_type: str) -> str | None:
    """A description of a Content-Type that can never hold an article, else None."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in _BINARY_TYPES:
        return _BINARY_TYPES[mime]
    for prefix, what in _BINARY_PREFIXES.items():
        if mime.startswith(prefix) and mime != "image/svg+xml":
            return f"{what} ({mime})"
    if mime.startswith("application/vnd.openxmlformats") or mime.startswith(
            "application/vnd.oasis.opendocument"):
        return f"an office document ({mime})"
    return None


_DOC_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|li|ul|ol|h[1-6]|table|tr|td|th|script|style|meta|link|title|"
    r"article|section|header|footer|nav|main|img|em|strong|b|i|u|blockquote|figure|"
    r"figcaption|time|form|input|button|iframe|noscript|picture|source)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)


def sniff_kind(data: bytes) -> ContentKind:
    """"html" or "text", from the content alone (file names and types lie).

    HTML is a document that starts like one (doctype, <html>, <head>, <body>,
    after an optional XML declaration and comments) or a fragment dense in
    known tags (at least 3 tags and one per 400 characters or so).
    """
    head = _ascii_view(data[:SNIFF_BYTES]).lstrip()
    if _DOC_START.match(head):
        return "html"
    tags = sum(1 for _ in _TAG.finditer(head))
    if tags >= 3 and tags * 400 >= len(head):
        return "html"
    if tags >= 2 and head.startswith("<") and _TAG.match(head):
        return "html"
    return "text"


def _ascii_view(data: bytes) -> str:
    """Text to run ASCII regexes on: tags survive any ASCII-compatible charset as latin-1."""
    bom = bom_of(data)
    if bom and bom[0].startswith(("utf-16", "utf-32")):
        return data[len(bom[1]):].decode(bom[0], errors="ignore")
    return data.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")

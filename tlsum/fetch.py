"""Fetch stage: turn SOURCE (an http(s) URL, a path, or ``-`` for stdin) into ``Fetched``.

Everything that can go wrong while getting the bytes becomes one of the
``FetchError`` subclasses with a one-line message, so the CLI can map it to
exit code 3 without tracebacks. The pure helpers (``sniff_kind``,
``describe_binary``; charsets in ``tlsum.charset``) carry the content logic and
are tested on bytes alone; the I/O functions only move bytes and enforce limits.
"""

from __future__ import annotations

import contextlib
import email.utils
import http
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from tlsum.charset import bom_of, charset_from_content_type, decode
from tlsum.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLargeError,
    UnsupportedContent,
    UsageError,
)
from tlsum.options import FetchOptions
from tlsum.types import ContentKind, Fetched

if TYPE_CHECKING:  # httpx is imported lazily: files and stdin never need it
    import httpx

Sleep = Callable[[float], None]

#: Statuses that usually mean "come back later" rather than "this will never work".
RETRY_STATUSES = frozenset({429, 502, 503, 504})
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
_CHUNK = 64 * 1024
_SNIFF_BYTES = 64 * 1024  # how much of the body the sniffers look at


# --------------------------------------------------------------------------- entry point


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
        return _fetch_stream(stdin if stdin is not None else _stdin(), options)
    if _is_url(source):
        return _fetch_url(source, options, sleep)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+://", source):
        if source.lower().startswith("file://"):
            return _fetch_file(_file_url_path(source), options)
        raise FetchError(f"unsupported URL scheme in {source} (only http and https)")
    return _fetch_file(source, options)


def _stdin() -> BinaryIO:
    if sys.stdin is None or not hasattr(sys.stdin, "buffer"):
        raise FetchError("cannot read stdin: there is none")
    return sys.stdin.buffer


def _is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def _file_url_path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)


def _build(data: bytes, origin: Literal["url", "file", "stdin"], where: str,
           content_type: str = "", url: str | None = None) -> Fetched:
    """Check for binary content, decode, and sniff: the same for every kind of source."""
    header_charset = charset_from_content_type(content_type)
    what = describe_binary(data[:_SNIFF_BYTES], header_charset)
    if what:
        raise UnsupportedContent(f"{where} is {what}, not an article")
    text, charset = decode(data, header_charset)
    return Fetched(text=text, kind=sniff_kind(data), origin=origin, url=url,
                   charset=charset, content_type=content_type)


# --------------------------------------------------------------------------- stdin and files


def _fetch_stream(stream: BinaryIO, options: FetchOptions) -> Fetched:
    """Read stdin up to the size cap; an empty stdin is an empty text, not an error."""
    try:
        data = _read_capped(_iter_stream(stream), options.max_bytes, "stdin")
    except OSError as exc:
        raise FetchError(f"cannot read stdin: {_os_reason(exc)}") from exc
    return _build(data, "stdin", "stdin")


def _fetch_file(path: str, options: FetchOptions) -> Fetched:
    """Read a local file; every OS failure becomes a one-line FetchError naming the path."""
    target = Path(path)
    try:
        if target.is_dir():
            raise FetchError(f"{path} is a directory, not a file")
        size = target.stat().st_size
        if size > options.max_bytes:
            raise TooLargeError(f"{path} is {_human(size)}, over the "
                                f"{_human(options.max_bytes)} size limit")
        with target.open("rb") as stream:
            data = _read_capped(_iter_stream(stream), options.max_bytes, path)
    except FileNotFoundError as exc:
        raise FetchError(f"no such file: {path}{_url_hint(path)}") from exc
    except PermissionError as exc:
        raise FetchError(f"permission denied: {path}") from exc
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {_os_reason(exc)}") from exc
    return _build(data, "file", path)


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


# --------------------------------------------------------------------------- limits


def _read_capped(chunks: Iterable[bytes], limit: int, where: str,
                 deadline: float | None = None) -> bytes:
    """Collect chunks but stop as soon as the total passes ``limit`` (or the deadline)."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        if len(buffer) > limit:
            raise TooLargeError(f"{where} is larger than the {_human(limit)} size limit; "
                                "stopped reading")
        if deadline is not None and time.monotonic() > deadline:
            raise FetchTimeout(f"gave up reading {where}: the whole fetch took too long")
    return bytes(buffer)


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} bytes"


# --------------------------------------------------------------------------- HTTP


def _fetch_url(url: str, options: FetchOptions, sleep: Sleep) -> Fetched:
    """GET with bounded redirects, retries on 429/5xx-busy, size cap and total deadline."""
    if options.offline:
        raise FetchError(f"offline mode: not fetching {url}")
    import httpx

    _check_url(url)
    deadline = time.monotonic() + options.total_timeout
    with _httpx_errors(url, options.timeout), httpx.Client(
            timeout=httpx.Timeout(options.timeout), headers=_headers(options),
            follow_redirects=False, trust_env=True) as client:
        return _get_with_retries(client, url, options, sleep, deadline)


def _check_url(url: str) -> None:
    import httpx

    try:
        host = httpx.URL(url).host
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a valid URL: {url} ({_one_line(exc)})") from exc
    if not host:
        raise FetchError(f"not a valid URL (no host name): {url}")


@contextlib.contextmanager
def _httpx_errors(url: str, timeout: float) -> Iterator[None]:
    """Turn httpx's exceptions into ours, naming the URL that was being fetched at the time."""
    import httpx

    try:
        yield
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"timed out after {timeout:g} s fetching {url}") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {_host(url)}: {_one_line(exc)}") from exc
    except httpx.DecodingError as exc:
        raise FetchError(f"cannot decode the compressed body of {url}: "
                         f"{_one_line(exc)}") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"cannot fetch {url}: {_one_line(exc)}") from exc


def _headers(options: FetchOptions) -> dict[str, str]:
    return {"User-Agent": options.user_agent, "Accept": ACCEPT,
            "Accept-Language": options.accept_language}


def _get_with_retries(client: httpx.Client, url: str, options: FetchOptions,
                      sleep: Sleep, deadline: float) -> Fetched:
    """One GET per attempt; only busy statuses are retried, with exponential backoff."""
    for attempt in range(options.retries + 1):
        response = _open_following(client, url, options)
        try:
            if response.status_code < 400:
                return _read_response(response, options, deadline)
            status = response.status_code
            if status not in RETRY_STATUSES or attempt == options.retries:
                tries = f" (after {attempt} {'retry' if attempt == 1 else 'retries'})"
                tries = tries if attempt else ""
                raise _status_error(response, tries)
            wait = _retry_wait(response, options, attempt)
        finally:
            response.close()
        if wait > options.max_retry_wait or time.monotonic() + wait > deadline:
            raise _status_error(response, f" (giving up: the next try would be in {wait:g} s)")
        sleep(wait)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _open_following(client: httpx.Client, url: str, options: FetchOptions) -> httpx.Response:
    """Send the request and follow redirects ourselves, never reading a redirect's body.

    Doing it by hand (instead of httpx's follow_redirects) keeps redirect bodies
    out of memory and lets the error say where the chain went.
    """
    request = client.build_request("GET", url)
    seen: list[str] = []
    while True:
        with _httpx_errors(str(request.url), options.timeout):
            response = client.send(request, stream=True)
        if not response.has_redirect_location:
            return response
        seen.append(str(request.url))
        next_request = response.next_request
        response.close()
        if next_request is None:  # pragma: no cover - httpx sets it when not following
            raise FetchError(f"broken redirect from {request.url}")
        if len(seen) > options.max_redirects:
            raise FetchError(_redirect_message(url, seen, str(next_request.url),
                                               options.max_redirects))
        request = next_request


def _redirect_message(url: str, seen: list[str], target: str, limit: int) -> str:
    if target in seen:
        return f"redirect loop: {url} keeps redirecting (back to {target})"
    return f"too many redirects (more than {limit}) starting at {url}; last went to {target}"


def _read_response(response: httpx.Response, options: FetchOptions, deadline: float) -> Fetched:
    """Refuse binary types and oversized bodies before reading; then read under the cap."""
    url = str(response.url)
    content_type = response.headers.get("content-type", "")
    what = binary_content_type(content_type)
    if what:
        raise UnsupportedContent(f"{url} is {what}, not an article")
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > options.max_bytes:
        raise TooLargeError(f"{url} is {_human(int(declared))}, over the "
                            f"{_human(options.max_bytes)} size limit")
    # iter_bytes() yields *decoded* bytes, so the cap also bounds a gzip bomb's output.
    chunks = _sniffing(response.iter_bytes(), url)
    with _httpx_errors(url, options.timeout):
        data = _read_capped(chunks, options.max_bytes, url, deadline)
    return _build(data, "url", url, content_type, url)


def _sniffing(chunks: Iterable[bytes], where: str) -> Iterator[bytes]:
    """Pass chunks through, but stop at the first one if the body starts like a PDF or image."""
    checked = False
    for chunk in chunks:
        if not checked and chunk:
            checked = True
            what = describe_binary(chunk[:_SNIFF_BYTES], None, magic_only=True)
            if what:
                raise UnsupportedContent(f"{where} is {what}, not an article")
        yield chunk


def _retry_wait(response: httpx.Response, options: FetchOptions, attempt: int) -> float:
    """Retry-After (seconds or HTTP date) when given, else backoff doubled per attempt."""
    after = parse_retry_after(response.headers.get("retry-after"))
    if after is not None:
        return after
    return options.backoff * (2**attempt)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _status_error(response: httpx.Response, suffix: str = "") -> HTTPStatusError:
    status = response.status_code
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = response.reason_phrase or "error"
    return HTTPStatusError(f"HTTP {status} {reason} for {response.url}{suffix}", status)


def _host(url: str) -> str:
    match = re.match(r"^[a-zA-Z]+://([^/?#]+)", url)
    return match.group(1) if match else url


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


# --------------------------------------------------------------------------- sniffing

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
    head = _ascii_view(data[:_SNIFF_BYTES]).lstrip()
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

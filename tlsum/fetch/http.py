"""URLs: httpx with bounded redirects, retries on busy statuses, a size cap and one deadline.

The deadline (``FetchOptions.timeout``) runs from the first connect to the
last byte, redirects and retry waits included (``tlsum.fetch.transport``);
the size cap counts decoded bytes as each layer of compression produces them
(``tlsum.fetch.encoding``). httpx is imported lazily: files and stdin never need it.
"""

from __future__ import annotations

import contextlib
import email.utils
import http
import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from tlsum.dirs import offline
from tlsum.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLargeError,
    UnsupportedContent,
)
from tlsum.fetch.body import build, read_capped
from tlsum.fetch.encoding import ACCEPT_ENCODING, decoded, encodings
from tlsum.fetch.redirects import check_redirect
from tlsum.fetch.sniff import SNIFF_BYTES, binary_content_type, describe_binary
from tlsum.files import human_size
from tlsum.options import FetchOptions
from tlsum.types import Fetched

if TYPE_CHECKING:
    import httpx

Sleep = Callable[[float], None]

#: Statuses that usually mean "come back later" rather than "this will never work".
RETRY_STATUSES = frozenset({429, 502, 503, 504})
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"


def fetch_url(url: str, options: FetchOptions, sleep: Sleep) -> Fetched:
    """GET with bounded redirects, retries on 429/5xx-busy, size cap and one deadline."""
    if offline(options.offline):
        raise FetchError(f"offline mode: not fetching {url}")
    import httpx

    from tlsum.fetch.transport import DeadlineTransport

    _check_url(url)
    deadline = time.monotonic() + options.timeout
    with _httpx_errors(url, options.timeout), httpx.Client(
            transport=DeadlineTransport(deadline), timeout=httpx.Timeout(options.timeout),
            headers=_headers(options), follow_redirects=False) as client:
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
        raise FetchTimeout(f"timed out after {timeout:g} s fetching {url} (the limit for the "
                           "whole fetch, from connecting to the last byte)") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {_host(url)}: {_one_line(exc)}") from exc
    except httpx.DecodingError as exc:
        raise FetchError(f"cannot decode the compressed body of {url}: "
                         f"{_one_line(exc)}") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"cannot fetch {url}: {_one_line(exc)}") from exc


def _headers(options: FetchOptions) -> dict[str, str]:
    return {"User-Agent": options.user_agent, "Accept": ACCEPT,
            "Accept-Language": options.accept_language, "Accept-Encoding": ACCEPT_ENCODING}


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
        if wait > options.max_retry_wait or time.monotonic() + wait >= deadline:
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
        if not options.allow_private_redirects:
            check_redirect(request.url.host, next_request.url.host, str(next_request.url))
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
        raise TooLargeError(f"{url} is {human_size(int(declared))}, over the "
                            f"{human_size(options.max_bytes)} size limit")
    # Raw bytes, decoded here a piece at a time: the cap bounds a compression bomb's output.
    layers = encodings(response.headers.get("content-encoding", ""), url)
    chunks = _sniffing(decoded(response.iter_raw(), layers, url), url)
    with _httpx_errors(url, options.timeout):
        data = read_capped(chunks, options.max_bytes, url, deadline)
    return build(data, "url", url, content_type, url)


def _sniffing(chunks: Iterable[bytes], where: str) -> Iterator[bytes]:
    """Pass chunks through, but stop at the first one if the body starts like a PDF or image."""
    checked = False
    for chunk in chunks:
        if not checked and chunk:
            checked = True
            what = describe_binary(chunk[:SNIFF_BYTES], None, magic_only=True)
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

"""Streamed, resumable, verified downloads for model files.

Models are hundreds of megabytes, so a download is streamed to a ``.part``
file (never held in memory), resumed with an HTTP ``Range`` request when the
connection drops, checked against its sha256 where one is published, and only
then renamed to its final name. Library code reports progress through a
callback; rendering a progress bar is the command line's job.

Gated or private hub repositories need a token: ``TLSUM_HF_TOKEN`` or, as with
huggingface_hub, ``HF_TOKEN``. It is sent only to the hub endpoint itself (same
scheme, host and port), never to a mirror, an argos URL or the CDN the hub
redirects file downloads to (httpx drops ``Authorization`` on cross-origin
redirects, and our hook adds it only for the hub's own origin).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tlsum.errors import ChecksumError, ModelStoreError
from tlsum.files import human_size
from tlsum.models.paths import hf_endpoint
from tlsum.version import __version__

ProgressCallback = Callable[[str, int, int | None], None]
"""Called as ``progress(label, bytes_done, bytes_total_or_None)``."""

FREE_SPACE_MARGIN = 64 * 1024 * 1024  # keep the disk from filling to the last byte


@dataclass(frozen=True)
class DownloadOptions:
    """Network limits for model downloads (longer reads than page fetches)."""

    timeout: float = 30.0
    retries: int = 5  # resumptions after a dropped connection or a 5xx answer
    backoff: float = 0.5  # first wait in seconds, doubled each time, capped at 8
    user_agent: str = f"tlsum/{__version__} (model download)"


def refuse_offline(what: str) -> ModelStoreError:
    """The one message for "this would need the network, and we are offline"."""
    return ModelStoreError(
        f"offline mode (--offline or TLSUM_OFFLINE=1): not contacting the network for {what}"
    )


def make_client(options: DownloadOptions | None = None) -> httpx.Client:
    """An httpx client with our timeouts, redirects, User-Agent and hub token (if any)."""
    opts = options or DownloadOptions()
    token = hub_token()
    hooks = {"request": [_hub_authorizer(token)]} if token else {}
    return httpx.Client(
        timeout=httpx.Timeout(opts.timeout),
        follow_redirects=True,
        headers={"User-Agent": opts.user_agent},
        event_hooks=hooks,
    )


def hub_token() -> str:
    """The hub access token: ``TLSUM_HF_TOKEN``, else ``HF_TOKEN`` (huggingface_hub's name)."""
    return (os.environ.get("TLSUM_HF_TOKEN") or os.environ.get("HF_TOKEN") or "").strip()


def _hub_authorizer(token: str) -> Callable[[httpx.Request], None]:
    """A request hook that adds the token to requests for the hub's own origin only."""
    hub = httpx.URL(hf_endpoint())

    def authorize(request: httpx.Request) -> None:
        url = request.url
        if (url.scheme, url.host, url.port) == (hub.scheme, hub.host, hub.port):
            request.headers.setdefault("Authorization", f"Bearer {token}")

    return authorize


def _denied(url: str, status: int) -> str:
    """The message for a refused request; on the hub, say how to authenticate."""
    message = f"{url} answered HTTP {status}"
    if status in (401, 403) and url.startswith(hf_endpoint()):
        have = "the token in TLSUM_HF_TOKEN/HF_TOKEN was refused" if hub_token() else (
            "gated or private repositories need a token: set HF_TOKEN")
        message += f" ({have})"
    return message


def fetch_json(client: httpx.Client, url: str) -> Any:
    """GET a small JSON document (an index or a hub listing)."""
    try:
        response = client.get(url)
    except httpx.HTTPError as err:
        raise ModelStoreError(f"cannot reach {url}: {err}") from err
    if response.status_code >= 400:
        raise ModelStoreError(_denied(url, response.status_code))
    try:
        return response.json()
    except ValueError as err:
        raise ModelStoreError(f"{url} did not return JSON") from err


def check_free_space(directory: Path, needed: int) -> None:
    """Refuse to start a download that cannot fit (plus a safety margin)."""
    free = shutil.disk_usage(directory).free
    if needed + FREE_SPACE_MARGIN > free:
        raise ModelStoreError(
            f"not enough free disk space in {directory}: need {human_size(needed)}, "
            f"{human_size(free)} free"
        )


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


class _Transfer:
    """State of one download across resumptions: file, offset, running hash."""

    def __init__(self, part: Path) -> None:
        self.part = part
        self.hash = hashlib.sha256()
        self.done = 0
        self.total: int | None = None
        part.write_bytes(b"")

    def restart(self) -> None:
        """The server ignored our Range header: start over from byte 0."""
        self.hash = hashlib.sha256()
        self.done = 0
        self.part.write_bytes(b"")


def _range_start(response: httpx.Response) -> int:
    """The first byte of a 206 answer, from ``Content-Range: bytes a-b/n``."""
    value = response.headers.get("content-range", "")
    try:
        return int(value.split()[1].split("-")[0])
    except (IndexError, ValueError):
        return -1


def _open_total(response: httpx.Response, t: _Transfer) -> int | None:
    """Total size from a fresh or resumed answer, when the server says it."""
    if response.status_code == 206:
        tail = response.headers.get("content-range", "").rpartition("/")[2]
        return int(tail) if tail.isdigit() else t.total
    length = response.headers.get("content-length", "")
    return int(length) if length.isdigit() else None


def _accept(response: httpx.Response, t: _Transfer, url: str) -> None:
    """Decide what an answer means for our partial file, or raise for errors."""
    if response.status_code == 206 and t.done and _range_start(response) == t.done:
        return
    if response.status_code == 200:
        if t.done:
            t.restart()
        return
    if response.status_code >= 500 or response.status_code == 429:
        raise _Retry(f"HTTP {response.status_code}")
    raise ModelStoreError(f"download failed: {_denied(url, response.status_code)}")


class _Retry(Exception):
    """Internal: a transient failure worth another (resumed) attempt."""


def _attempt(client: httpx.Client, url: str, t: _Transfer, label: str,
             progress: ProgressCallback | None) -> None:
    # identity: Range offsets must count the bytes we store, not a compressed stream
    headers = {"Accept-Encoding": "identity"}
    if t.done:
        headers["Range"] = f"bytes={t.done}-"
    with client.stream("GET", url, headers=headers) as response:
        _accept(response, t, url)
        first = t.total is None
        t.total = _open_total(response, t) or t.total
        if first and t.total is not None:
            check_free_space(t.part.parent, t.total - t.done)
        with open(t.part, "ab") as out:
            for chunk in response.iter_bytes():  # as it arrives: a drop loses nothing
                out.write(chunk)
                t.hash.update(chunk)
                t.done += len(chunk)
                if progress:
                    progress(label, t.done, t.total)


def download(url: str, dest: Path, *, client: httpx.Client, sha256: str = "",
             progress: ProgressCallback | None = None,
             options: DownloadOptions | None = None) -> str:
    """Download ``url`` to ``dest`` and return its sha256.

    Streams into ``dest.part``; after a dropped connection or a 5xx answer it
    asks for the rest with ``Range: bytes=N-`` (starting over if the server
    ignores ranges). A wrong ``sha256`` deletes the file and raises
    ChecksumError; nothing is left behind on any failure.
    """
    opts = options or DownloadOptions()
    part = dest.with_name(dest.name + ".part")
    transfer = _Transfer(part)
    try:
        _run_attempts(client, url, transfer, dest.name, progress, opts)
        digest = transfer.hash.hexdigest()
        if sha256 and digest != sha256.strip().lower():
            raise ChecksumError(
                f"{dest.name}: sha256 mismatch (expected {sha256[:16]}…, got {digest[:16]}…); "
                "nothing was installed"
            )
        os.replace(part, dest)
        return digest
    finally:
        part.unlink(missing_ok=True)


def _run_attempts(client: httpx.Client, url: str, t: _Transfer, label: str,
                  progress: ProgressCallback | None, opts: DownloadOptions) -> None:
    for attempt in range(opts.retries + 1):
        try:
            _attempt(client, url, t, label, progress)
        except (httpx.TransportError, _Retry) as err:
            if attempt == opts.retries:
                raise ModelStoreError(
                    f"download of {url} failed after {attempt + 1} attempts: {err}"
                ) from err
            time.sleep(min(opts.backoff * 2**attempt, 8.0))
            continue
        if t.total is None or t.done >= t.total:
            return
    raise ModelStoreError(f"download of {url} stopped at {t.done} of {t.total} bytes")

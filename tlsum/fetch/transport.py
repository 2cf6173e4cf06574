"""An httpx transport under one deadline: connect, every write and every read.

httpx's timeouts apply to each socket operation, so a server that sends one
byte of its headers every 2 s never trips a 20 s read timeout and keeps us
forever. Here every socket operation gets ``min(its timeout, time left)``
and fails at once when the time is up, so the whole exchange, from connect
to the last byte of the body (redirects and retries included), ends by the
deadline. Proxies from the environment (``HTTP_PROXY``, ``NO_PROXY``...) go
through the same clock.

Only imported when a URL is fetched (it imports httpx and httpcore).
"""

from __future__ import annotations

import contextlib
import ssl
import time
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

#: httpcore's errors as the httpx ones fetch maps to messages (most specific first).
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.TimeoutException, httpx.ReadTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)
_CORE_ERRORS = tuple(core for core, _ in _ERRORS)


class DeadlineTransport(httpx.BaseTransport):
    """HTTP/1.1 through httpcore, every socket operation bounded by ``deadline`` (monotonic)."""

    def __init__(self, deadline: float, *, trust_env: bool = True) -> None:
        self._backend = _DeadlineBackend(deadline)
        self._ssl = httpx.create_ssl_context(trust_env=trust_env)
        self._trust_env = trust_env
        self._pools: dict[str | None, httpcore.ConnectionPool] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream,
            extensions=request.extensions)
        with _as_httpx_errors():
            answer = self._pool(request.url).handle_request(core)
        stream = answer.stream
        if not isinstance(stream, Iterable):  # pragma: no cover - a sync pool streams sync
            raise httpx.TransportError("httpcore returned an async body")
        return httpx.Response(status_code=answer.status, headers=answer.headers,
                              stream=_Body(stream), extensions=answer.extensions)

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()

    def _pool(self, url: httpx.URL) -> httpcore.ConnectionPool:
        """The direct pool, or one for the proxy the environment names for this URL."""
        proxy = _env_proxy(url) if self._trust_env else None
        if proxy not in self._pools:
            if proxy is None:
                self._pools[proxy] = httpcore.ConnectionPool(
                    ssl_context=self._ssl, network_backend=self._backend)
            else:
                self._pools[proxy] = httpcore.HTTPProxy(
                    proxy_url=proxy, ssl_context=self._ssl, network_backend=self._backend)
        return self._pools[proxy]


def _env_proxy(url: httpx.URL) -> str | None:
    """The proxy ``HTTP(S)_PROXY``/``ALL_PROXY`` name for ``url``, unless ``NO_PROXY`` covers it."""
    proxies = urllib.request.getproxies()
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(url.host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


class _Body(httpx.SyncByteStream):
    """httpcore's body stream with its errors seen as httpx's."""

    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._stream

    def close(self) -> None:
        closer = getattr(self._stream, "close", None)
        if closer is not None:
            closer()


@contextlib.contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except _CORE_ERRORS as exc:
        ours = next(mapped for core, mapped in _ERRORS if isinstance(exc, core))
        raise ours(str(exc) or type(exc).__name__) from exc


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float) -> None:
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        wait = _left(self._deadline, timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, wait, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(self._deadline, timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(self._deadline, timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        wait = _left(self._deadline, timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, wait),
                               self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


def _left(deadline: float, timeout: float | None, error: type[Exception]) -> float:
    """How long this operation may take: its own timeout, never past the deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the deadline for the whole fetch has passed")
    return left if timeout is None else min(timeout, left)

"""A scriptable HTTP server on 127.0.0.1 for tests (no network, no extra dependency).

Use the ``http_server`` fixture from ``conftest.py``::

    def test_something(http_server):
        http_server.route("/page", Reply(b"<html>...", headers={"Content-Type": "text/html"}))
        http_server.route("/busy", Reply(status=503), Reply(b"ok"))   # 503 once, then ok forever
        http_server.redirect("/old", "/page")
        http_server.route("/echo", lambda request: Reply(request.header("user-agent").encode()))
        url = http_server.url("/page")
        ...
        assert http_server.requests_to("/busy")[0].header("User-Agent")

Replies can be slow (``delay``, ``chunk_delay``, ``header_delay``: the head
dripped a byte at a time), lie about or omit their length
(``content_length=False``, ``truncate_at``), reset the connection
(``reset_at``: a TCP RST after that many body bytes), and serve byte ranges
(``ranges=True``) for resumable downloads. Fault injection builds on these:
nested encodings are a body compressed by the test plus its
``Content-Encoding`` header; a redirect goes anywhere its ``Location`` says.
Each request is recorded with its headers and how much of the body actually
went out (``sent``, ``aborted``), so a test can prove that a client stopped
reading early.
"""

from __future__ import annotations

import http
import re
import socket
import struct
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    body: bytes = b""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before the status line (for timeouts)
    chunk_size: int = 64 * 1024
    chunk_delay: float = 0.0  # seconds between body chunks (a slow drip)
    content_length: bool = True  # False: no Content-Length; the body ends at connection close
    truncate_at: int | None = None  # send this many body bytes, then drop the connection
    ranges: bool = False  # honour "Range: bytes=N-" / "bytes=N-M" with 206 Partial Content
    header_delay: float = 0.0  # seconds between the bytes of the status line and headers
    reset_at: int | None = None  # send this many body bytes, then reset the connection (RST)


@dataclass
class Request:
    """What the server saw (header names lower-cased) and how the answer went."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]
    body: bytes = b""
    sent: int = 0  # body bytes written to the socket
    aborted: bool = False  # the client hung up before the whole body was written
    done: threading.Event = field(default_factory=threading.Event, repr=False)  # answer over

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


Handler = Callable[[Request], Reply]


class LocalHTTPServer:
    """A threaded server with routes; a context manager that starts and stops it."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.errors: list[BaseException] = []
        self._routes: dict[str, Handler] = {}
        self._stop = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.01}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def route(self, path: str, *replies: Reply | Handler) -> None:
        """Serve ``path`` (query ignored): successive replies in turn, the last one repeating;
        or one callable that builds each reply from the ``Request``."""
        if len(replies) == 1 and callable(replies[0]):
            self._routes[path] = replies[0]
            return
        queue = [r for r in replies if isinstance(r, Reply)] or [Reply()]
        if len(queue) != max(1, len(replies)):
            raise TypeError("route() takes Reply objects, or exactly one handler callable")
        lock = threading.Lock()

        def next_reply(_request: Request) -> Reply:
            with lock:
                return queue.pop(0) if len(queue) > 1 else queue[0]

        self._routes[path] = next_reply

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.route(path, Reply(status=status, headers={"Location": to}))

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def _reply_for(self, request: Request) -> Reply:
        handler = self._routes.get(request.path.split("?", 1)[0])
        if handler is None:
            return Reply(b"not found", status=404, headers={"Content-Type": "text/plain"})
        return handler(request)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait(self, seconds: float) -> None:
        """Sleep that ends early when the server stops, so teardown never hangs."""
        self._stop.wait(seconds)

    def __enter__(self) -> LocalHTTPServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalHTTPServer

    def handle_error(self, request: object, client_address: object) -> None:
        """Record instead of printing a traceback: clients hanging up is routine here."""
        import sys

        error = sys.exc_info()[1]
        if error is not None:
            self.owner.errors.append(error)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection; bodies may end at close
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Silence the default stderr access log."""

    def do_GET(self) -> None:
        self._serve()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_GET

    def _serve(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(self.command, self.path,
                          {k.lower(): v for k, v in self.headers.items()},
                          self.rfile.read(length) if length else b"")
        owner.requests.append(request)
        reply = owner._reply_for(request)
        if reply.delay:
            owner.wait(reply.delay)
        status, headers, body = _apply_range(reply, request)
        try:
            self._send_head(reply, status, headers, body)
            if self.command != "HEAD":
                self._send_body(reply, request, body)
        except (BrokenPipeError, ConnectionResetError):
            request.aborted = True
        finally:
            request.done.set()

    def _send_head(self, reply: Reply, status: int, headers: dict[str, str], body: bytes) -> None:
        if reply.header_delay:
            self._drip_head(reply, status, headers, body)
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        lowered = {name.lower() for name in headers}
        if reply.content_length and "content-length" not in lowered:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()

    def _drip_head(self, reply: Reply, status: int, headers: dict[str, str], body: bytes) -> None:
        """The status line and headers one byte at a time, ``header_delay`` apart."""
        lines = [f"HTTP/1.0 {status} {http.HTTPStatus(status).phrase}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if reply.content_length:
            lines.append(f"Content-Length: {len(body)}")
        for byte in "\r\n".join([*lines, "", ""]).encode("latin-1"):
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            self.server.owner.wait(reply.header_delay)
            if self.server.owner.stopping:
                raise ConnectionResetError("server stopping")

    def _send_body(self, reply: Reply, request: Request, body: bytes) -> None:
        if reply.reset_at is not None:
            self._reset(request, body[:reply.reset_at])
            return
        end = len(body) if reply.truncate_at is None else min(reply.truncate_at, len(body))
        for start in range(0, end, max(1, reply.chunk_size)):
            chunk = body[start:min(end, start + reply.chunk_size)]
            self.wfile.write(chunk)
            self.wfile.flush()
            request.sent += len(chunk)
            if reply.chunk_delay:
                self.server.owner.wait(reply.chunk_delay)
        if end < len(body):
            request.aborted = True  # scripted truncation: pretend the line dropped

    def _reset(self, request: Request, sent: bytes) -> None:
        """Write ``sent``, then close with SO_LINGER 0 so the client sees a TCP reset."""
        self.wfile.write(sent)
        self.wfile.flush()
        request.sent += len(sent)
        request.aborted = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.wfile = self.rfile = _Closed()  # type: ignore[assignment]


def _apply_range(reply: Reply, request: Request) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body after honouring a single byte range, when enabled."""
    headers = dict(reply.headers)
    spec = request.header("range")
    if not reply.ranges or reply.status != 200:
        return reply.status, headers, reply.body
    headers.setdefault("Accept-Ranges", "bytes")
    match = re.fullmatch(r"bytes=(\d+)-(\d*)", (spec or "").strip())
    if not match:
        return reply.status, headers, reply.body
    total = len(reply.body)
    first = int(match.group(1))
    last = min(int(match.group(2)), total - 1) if match.group(2) else total - 1
    if first >= total or first > last:
        headers["Content-Range"] = f"bytes */{total}"
        return 416, headers, b""
    headers["Content-Range"] = f"bytes {first}-{last}/{total}"
    return 206, headers, reply.body[first:last + 1]


class _Closed:
    """Stands in for the handler's files after a reset, so its cleanup writes nothing."""

    closed = True

    def write(self, data: bytes) -> int:
        return 0

    def flush(self) -> None:
        """Nothing to flush."""

    def close(self) -> None:
        """Already closed."""

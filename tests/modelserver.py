"""A model server on 127.0.0.1 for the model-management tests.

It serves files and JSON documents from a dict, honours ``Range`` requests
(``bytes=N-``) when asked to, logs every request, and can drop the connection
in the middle of a file, so the tests exercise resumption, checksums and
offline mode against a real socket instead of mocks.

Import the fixture into a test module with ``from tests.modelserver import model_server``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Logged:
    """One request as the server saw it."""

    method: str
    path: str
    range: str | None


@dataclass
class ModelServer:
    """Routes, fault switches and the request log of a running server."""

    base: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    ranges: bool = True  # honour Range headers
    drops: dict[str, int] = field(default_factory=dict)  # path -> bytes sent before one drop
    always_drop: dict[str, int] = field(default_factory=dict)  # the same, on every request
    requests: list[Logged] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base + path

    def add(self, path: str, data: bytes) -> str:
        """Serve ``data`` at ``path``; returns its URL."""
        self.files[path] = data
        return self.url(path)

    def add_json(self, path: str, obj: Any) -> str:
        """Serve ``obj`` as JSON at ``path``; returns its URL."""
        return self.add(path, json.dumps(obj).encode())

    def hits(self, path_prefix: str = "") -> list[Logged]:
        """Logged requests whose path starts with ``path_prefix``."""
        with self.lock:
            return [r for r in self.requests if r.path.startswith(path_prefix)]


class _Handler(BaseHTTPRequestHandler):
    server_version = "tlsum-test-modelserver/1"
    protocol_version = "HTTP/1.1"
    state: ModelServer  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep test output clean."""

    def do_GET(self) -> None:
        state = self.state
        path = self.path.split("?", 1)[0]
        with state.lock:
            state.requests.append(Logged("GET", path, self.headers.get("Range")))
            data = state.files.get(path)
            drop = state.drops.pop(path, state.always_drop.get(path))
        if data is None:
            self._send(404, b"not found", 0)
            return
        start = self._range_start(len(data))
        self._send_file(data, start, drop)

    def _range_start(self, size: int) -> int:
        header = self.headers.get("Range", "")
        if not (self.state.ranges and header.startswith("bytes=") and header.endswith("-")):
            return 0
        value = header[len("bytes="):-1]
        return int(value) if value.isdigit() and int(value) < size else 0

    def _send(self, status: int, body: bytes, start: int, total: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes" if self.state.ranges else "none")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{(total or 1) - 1}/{total}")
        self.end_headers()
        self.wfile.write(body)

    def _send_file(self, data: bytes, start: int, drop: int | None) -> None:
        body = data[start:]
        status = 206 if start else 200
        if drop is None:
            self._send(status, body, start, len(data))
            return
        # Promise the whole body, send part of it, then hang up mid-file.
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        self.wfile.write(body[:drop])
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture
def model_server() -> Iterator[ModelServer]:
    """A fresh server on 127.0.0.1 (random port) for one test."""
    state = ModelServer()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

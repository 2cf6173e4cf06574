"""A model server on 127.0.0.1 for the model-management tests.

It serves files and JSON documents from a dict, honours ``Range`` requests
(``bytes=N-``) when asked to, logs every request, and can drop the connection
in the middle of a file, so the tests exercise resumption, checksums and
offline mode against a real socket instead of mocks.

Import the fixture into a test module with ``from modelserver import model_server_fixture``
(it registers under the name ``model_server``).
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Logged:
    """One request as the server saw it."""

    method: str
    path: str
    range: str | None
    auth: str | None = None  # the Authorization header


@dataclass
class ModelServer:
    """Routes, fault switches and the request log of a running server."""

    base: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    ranges: bool = True  # honour Range headers
    drops: dict[str, int] = field(default_factory=dict)  # path -> bytes sent before one drop
    always_drop: dict[str, int] = field(default_factory=dict)  # the same, on every request
    delays: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering
    token: str | None = None  # when set, only "Authorization: Bearer <token>" gets an answer
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

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""

    def do_GET(self) -> None:
        state = self.state
        path = self.path.split("?", 1)[0]
        with state.lock:
            auth = self.headers.get("Authorization")
            state.requests.append(Logged("GET", path, self.headers.get("Range"), auth))
            data = state.files.get(path)
            drop = state.drops.pop(path, state.always_drop.get(path))
            delay = state.delays.get(path, 0.0)
        time.sleep(delay)
        if state.token and auth != f"Bearer {state.token}":
            self._send(401, b"unauthorized", 0)
            return
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


@pytest.fixture(name="model_server")
def model_server_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelServer]:
    """A fresh server on 127.0.0.1 (random port) for one test, never behind a proxy."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
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


# --- model packages built from the toy model at test time ------------------------------

REPO = Path(__file__).resolve().parent.parent
TOY_RU_EN = REPO / "models" / "toy-ru-en"
_NOT_CT2 = {"source.spm", "target.spm", "tlsum-model.json", "README.md"}


def toy_model() -> Path:
    """The committed toy ru->en model (trained by tools/toy_model)."""
    if not (TOY_RU_EN / "model.bin").is_file():
        pytest.fail(f"the toy model is missing: {TOY_RU_EN} (run `make toy-model`)")
    return TOY_RU_EN


def build_argosmodel(toy: Path, name: str = "translate-ru_en-1_0") -> bytes:
    """A ``.argosmodel`` (zip of ``<name>/model/…``, sentencepiece.model, metadata.json)."""
    meta = {"package_version": "1.0", "argos_version": "1.0", "from_code": "ru",
            "from_name": "Russian", "to_code": "en", "to_name": "English"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(toy.iterdir()):
            if path.is_file() and path.name not in _NOT_CT2 | {"config.json"}:
                zf.write(path, f"{name}/model/{path.name}")
        # argos packages get no </s> appended by tlsum; a Marian model needs one, so the
        # package asks CTranslate2 to add it, and translates exactly like the toy itself.
        config = json.loads((toy / "config.json").read_text(encoding="utf-8"))
        zf.writestr(f"{name}/model/config.json", json.dumps({**config, "add_source_eos": True}))
        zf.write(toy / "source.spm", f"{name}/sentencepiece.model")
        zf.writestr(f"{name}/metadata.json", json.dumps(meta))
    return buffer.getvalue()


def argos_index_entry(server: ModelServer, path: str, src: str = "ru", tgt: str = "en",
                      version: str = "1.0") -> dict[str, Any]:
    """One package of an argos-style index (the shape of argospm-index/index.json)."""
    return {"code": f"translate-{src}_{tgt}", "name": f"{src}-{tgt}", "type": "translate",
            "package_version": version, "argos_version": "1.0", "from_code": src,
            "to_code": tgt, "links": [server.url(path)]}


def serve_argos(server: ModelServer, toy: Path) -> str:
    """Serve an index with the toy as ru->en (plus a newer-looking decoy pair); returns its URL."""
    path = "/argos/translate-ru_en-1_0.argosmodel"
    server.add(path, build_argosmodel(toy))
    index = [argos_index_entry(server, path),
             argos_index_entry(server, "/argos/missing.argosmodel", "ru", "de", "9.9")]
    return server.add_json("/argos/index.json", index)


def serve_hub(server: ModelServer, toy: Path, repo: str = "tlsum/opus-mt-ru-en",
              license: str = "cc-by-4.0", sha_override: dict[str, str] | None = None) -> str:
    """Serve ``toy`` as a hub repo (listing + resolve URLs); returns the endpoint URL."""
    siblings: list[dict[str, Any]] = [{"rfilename": "README.md"},
                                      {"rfilename": "pytorch_model.bin"}]
    server.add(f"/{repo}/resolve/main/README.md", b"# toy\n")
    for path in sorted(toy.iterdir()):
        if not path.is_file() or path.name in ("tlsum-model.json", "README.md"):
            continue
        data = path.read_bytes()
        server.add(f"/{repo}/resolve/main/{path.name}", data)
        sha = (sha_override or {}).get(path.name, hashlib.sha256(data).hexdigest())
        siblings.append({"rfilename": path.name,
                         "lfs": {"sha256": sha, "size": len(data)}})
    server.add_json(f"/api/models/{repo}", {"id": repo, "sha": "0123456789abcdef",
                                            "cardData": {"license": license},
                                            "siblings": siblings})
    return server.base

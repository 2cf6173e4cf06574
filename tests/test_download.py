"""Streamed downloads against a real server on 127.0.0.1: resume, checksums, limits."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from modelserver import (
    ModelServer,
    model_server_fixture,  # noqa: F401 - registers model_server
)

from tlsum.dirs import offline as offline_requested
from tlsum.errors import ChecksumError, ModelStoreError
from tlsum.models.download import (
    DownloadOptions,
    check_free_space,
    download,
    make_client,
)

FAST = DownloadOptions(timeout=5, retries=3, backoff=0.01)
DATA = os.urandom(700_000)
SHA = hashlib.sha256(DATA).hexdigest()


def fetch(server: ModelServer, dest: Path, sha256: str = "") -> tuple[str, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []
    with make_client(FAST) as client:
        digest = download(server.url("/m.bin"), dest, client=client, sha256=sha256,
                          progress=lambda _label, done, total: seen.append((done, total or -1)),
                          options=FAST)
    return digest, seen


def test_download_streams_verifies_and_reports_progress(model_server: ModelServer,
                                                        tmp_path: Path) -> None:
    model_server.add("/m.bin", DATA)
    digest, seen = fetch(model_server, tmp_path / "m.bin", SHA)
    assert digest == SHA
    assert (tmp_path / "m.bin").read_bytes() == DATA
    assert seen[-1] == (len(DATA), len(DATA))
    assert len(seen) > 1, "progress is reported while streaming, not only at the end"
    assert [p.name for p in tmp_path.iterdir()] == ["m.bin"]  # no .part left


def test_dropped_connection_resumes_with_range(model_server: ModelServer, tmp_path: Path) -> None:
    model_server.add("/m.bin", DATA)
    model_server.drops["/m.bin"] = 300_000
    digest, _ = fetch(model_server, tmp_path / "m.bin", SHA)
    assert digest == SHA and (tmp_path / "m.bin").read_bytes() == DATA
    hits = model_server.hits("/m.bin")
    assert len(hits) == 2
    assert hits[0].range is None
    start = int(hits[1].range.removeprefix("bytes=").rstrip("-"))  # type: ignore[union-attr]
    assert 0 < start <= 300_000, "the second request asks only for the missing part"


def test_server_without_ranges_restarts_from_zero(model_server: ModelServer,
                                                  tmp_path: Path) -> None:
    model_server.ranges = False
    model_server.add("/m.bin", DATA)
    model_server.drops["/m.bin"] = 300_000
    digest, _ = fetch(model_server, tmp_path / "m.bin", SHA)
    assert digest == SHA and (tmp_path / "m.bin").read_bytes() == DATA


def test_wrong_checksum_leaves_nothing(model_server: ModelServer, tmp_path: Path) -> None:
    model_server.add("/m.bin", DATA)
    with pytest.raises(ChecksumError, match="sha256 mismatch"):
        fetch(model_server, tmp_path / "m.bin", "0" * 64)
    assert list(tmp_path.iterdir()) == []


def test_http_error_is_one_line_and_not_retried(model_server: ModelServer,
                                                tmp_path: Path) -> None:
    with pytest.raises(ModelStoreError, match="HTTP 404"):
        fetch(model_server, tmp_path / "m.bin")
    assert len(model_server.hits("/m.bin")) == 1
    assert list(tmp_path.iterdir()) == []


def test_repeated_drops_give_up_after_the_retry_budget(model_server: ModelServer,
                                                       tmp_path: Path) -> None:
    model_server.ranges = False  # every attempt restarts and is dropped again
    model_server.add("/m.bin", DATA)
    model_server.always_drop["/m.bin"] = 1000
    with pytest.raises(ModelStoreError, match="failed after 4 attempts"):
        fetch(model_server, tmp_path / "m.bin")
    assert len(model_server.hits("/m.bin")) == 4
    assert list(tmp_path.iterdir()) == []


def test_free_space_check(tmp_path: Path) -> None:
    check_free_space(tmp_path, 1)
    with pytest.raises(ModelStoreError, match="not enough free disk space"):
        check_free_space(tmp_path, 1 << 60)


def test_offline_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TLSUM_OFFLINE", raising=False)
    assert not offline_requested()
    assert offline_requested(True)
    monkeypatch.setenv("TLSUM_OFFLINE", "1")
    assert offline_requested()
    monkeypatch.setenv("TLSUM_OFFLINE", "0")
    assert not offline_requested()

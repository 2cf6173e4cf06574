"""Fault injection: hostile servers and odd local inputs against the real ``tlsum`` command.

Each case runs tlsum in a child process (``tests/faults.py``) and asserts the
documented exit code, one ``tlsum: error:`` line on stderr, an empty stdout,
and bounds on wall time and peak memory. The servers run on 127.0.0.1
(``tests/httpserver.py``); every bad file is made here, at test time.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import os
import zlib
from pathlib import Path

import pytest
from faults import run_tlsum
from httpserver import LocalHTTPServer, Reply

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARTICLE = (EXAMPLES / "turkey_ceasefire.txt").read_text(encoding="utf-8")
PAGE = ("<html><head><title>Talks</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n") if p.strip())
        + "</article></body></html>").encode()


@functools.cache
def _zeros_gzipped(mib: int) -> bytes:
    """``mib`` MiB of zero bytes, gzip-compressed (about 1/1000 of the size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    return b"".join([*(packer.compress(block) for _ in range(mib)), packer.flush()])


# ------------------------------------------------------------------ compression bombs


@pytest.mark.parametrize(("encoding", "body"), [
    ("gzip, gzip", lambda: gzip.compress(_zeros_gzipped(512))),  # 2 KB on the wire, 512 MiB
    ("gzip", lambda: _zeros_gzipped(64)),
    ("deflate, gzip", lambda: gzip.compress(zlib.compress(bytes(64 << 20), 9))),
    ("gzip, identity, gzip, gzip", lambda: gzip.compress(gzip.compress(_zeros_gzipped(256)))),
])
def test_compression_bomb_stops_at_the_cap_on_decoded_bytes(
        http_server: LocalHTTPServer, encoding: str, body: object) -> None:
    assert callable(body)
    http_server.route("/bomb", Reply(body(), headers={"Content-Encoding": encoding,
                                                      "Content-Type": "text/html"}))
    line = run_tlsum("extract", http_server.url("/bomb")).failed_cleanly(
        3, seconds=20, peak_mb=300)
    assert "larger than the 20 MB size limit" in line


def test_an_encoding_tlsum_cannot_decode_is_refused(http_server: LocalHTTPServer) -> None:
    http_server.route("/br", Reply(b"\x8b\x02\x80hello\x03", headers={"Content-Encoding": "br"}))
    line = run_tlsum("extract", http_server.url("/br")).failed_cleanly(3, seconds=20)
    assert "compressed with 'br'" in line
    assert http_server.requests[0].header("Accept-Encoding") == "gzip, deflate"


def test_corrupt_and_truncated_gzip_bodies(http_server: LocalHTTPServer) -> None:
    packed = gzip.compress(PAGE)
    http_server.route("/cut", Reply(packed[: len(packed) // 2], headers={
        "Content-Encoding": "gzip"}))
    http_server.route("/junk", Reply(b"\x1f\x8b\x08\x00" + os.urandom(2000), headers={
        "Content-Encoding": "gzip"}))
    assert "ends early" in run_tlsum("extract", http_server.url("/cut")).failed_cleanly(
        3, seconds=20)
    assert "cannot decode" in run_tlsum("extract", http_server.url("/junk")).failed_cleanly(
        3, seconds=20)


# ------------------------------------------------------------------ one deadline


def test_headers_dripping_a_byte_at_a_time_end_at_the_deadline(
        http_server: LocalHTTPServer) -> None:
    http_server.route("/drip", Reply(PAGE, header_delay=0.5))
    line = run_tlsum("extract", "--timeout", "2", http_server.url("/drip")).failed_cleanly(
        3, seconds=8)
    assert "timed out after 2 s" in line


def test_a_stalled_body_ends_at_the_deadline(http_server: LocalHTTPServer) -> None:
    http_server.route("/stall", Reply(PAGE, chunk_size=100, chunk_delay=30))
    line = run_tlsum("extract", "--timeout", "2", http_server.url("/stall")).failed_cleanly(
        3, seconds=8)
    assert "2 s" in line


def test_one_slow_source_does_not_hold_up_a_batch(http_server: LocalHTTPServer,
                                                  tmp_path: Path) -> None:
    http_server.route("/drip", Reply(PAGE, header_delay=1.0))
    http_server.route("/page", Reply(PAGE, headers={"Content-Type": "text/html"}))
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{http_server.url('/drip')}\n{http_server.url('/page')}\n")
    run = run_tlsum("batch", "--timeout", "2", str(sources))
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.code == 8 and run.seconds < 15  # 8: some sources failed
    assert records[0]["error"]["code"] == 3 and "timed out" in records[0]["error"]["message"]
    assert records[1]["title"] == "Talks"


# ------------------------------------------------------------------ broken connections


def test_reset_and_truncated_bodies(http_server: LocalHTTPServer) -> None:
    http_server.route("/reset", Reply(PAGE, reset_at=100))
    http_server.route("/short", Reply(PAGE, truncate_at=200))
    for path in ("/reset", "/short"):
        line = run_tlsum("extract", http_server.url(path)).failed_cleanly(3, seconds=20)
        assert http_server.url(path) in line


# ------------------------------------------------------------------ redirects


def test_loopback_to_loopback_redirects_are_followed(http_server: LocalHTTPServer) -> None:
    http_server.route("/page", Reply(PAGE, headers={"Content-Type": "text/html"}))
    http_server.redirect("/old", http_server.url("/page").replace("127.0.0.1", "localhost"))
    run = run_tlsum("extract", "--format", "json", http_server.url("/old"))
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["title"] == "Talks"


def test_a_redirect_to_nowhere_is_one_line(http_server: LocalHTTPServer) -> None:
    http_server.redirect("/away", "http://127.0.0.1:9/")
    line = run_tlsum("extract", http_server.url("/away")).failed_cleanly(3, seconds=20)
    assert "cannot connect to 127.0.0.1:9" in line


# ------------------------------------------------------------------ local inputs


def test_a_fifo_without_a_writer_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    line = run_tlsum("extract", "--timeout", "1", str(fifo)).failed_cleanly(3, seconds=8)
    assert "nothing came within 1 s" in line


def test_stdin_on_a_terminal_says_how_to_use_tlsum() -> None:
    leader, follower = os.openpty()
    try:
        line = run_tlsum("-", stdin=follower).failed_cleanly(2, seconds=10)
    finally:
        os.close(leader)
        os.close(follower)
    assert "nothing is piped to stdin" in line and "tlsum URL|FILE" in line


def test_a_cut_utf8_text_stays_russian() -> None:
    """``head -c 1000 article_ru.txt | tlsum -`` used to come back as Serbian mojibake."""
    cut = (EXAMPLES / "article_ru.txt").read_bytes()[:1000]
    assert cut[-1] >= 0x80  # the cut falls inside a two-byte character
    run = run_tlsum("extract", "--format", "json", "-", stdin=cut)
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["language"]["code"] == "ru"


def test_a_long_base64_line_costs_linear_time(tmp_path: Path) -> None:
    """An article plus one 200 KB ``data:`` line took 111 s (a quadratic e-mail regex)."""
    blob = "data:image/png;base64," + base64.b64encode(os.urandom(150_000)).decode()
    page = tmp_path / "article.txt"
    page.write_text(f"{ARTICLE}\n\n{blob}\n\n{blob.replace('A', '@')}\n", encoding="utf-8")
    run = run_tlsum("extract", str(page))
    assert run.code == 0, run.stderr
    assert run.seconds < 30
    assert "Turkey" in run.stdout


@pytest.mark.parametrize("kind", ["html", "text"])
def test_huge_inputs_under_the_cap_are_cut_with_a_warning(tmp_path: Path, kind: str) -> None:
    """14 MB of HTML with a million <p>, 13 MB of text in 600,000 paragraphs."""
    if kind == "html":
        body = "<p>Talks go on.</p>" * 1_000_000
        data = f"<html><head><title>Many</title></head><body><article>{body}</article>"
    else:
        data = "\n\n".join(["The talks go on now."] * 600_000)
    page = tmp_path / f"big.{kind}"
    page.write_text(data, encoding="utf-8")
    run = run_tlsum("extract", "--format", "json", str(page))
    assert run.seconds < 30 and run.peak_mb < 2048
    assert run.code in (0, 4), run.stderr
    assert "input cut" in run.stderr
    if run.code == 0:
        assert json.loads(run.stdout)["warnings"]

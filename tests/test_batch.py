"""``tlsum batch`` and the library's ``batch``: order, per-source errors, streaming, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batchdata import write_articles
from httpserver import LocalHTTPServer, Reply

from tlsum import BatchItem, Options, batch, digest_article, load
from tlsum.cli import main
from tlsum.cli.exitcodes import EXIT_FETCH, EXIT_NO_ARTICLE, EXIT_USAGE
from tlsum.options import TranslateOptions

ROOT = Path(__file__).resolve().parent.parent

# The Russian articles are in the toy's vocabulary; the toy is a demo model, used when named:
# TOY for the library, TLSUM_MODEL for the command line and its child processes.
TOY = Options(translate=TranslateOptions(model="toy-ru-en"))


@pytest.fixture(autouse=True)
def _toy_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_MODEL", "toy-ru-en")


def test_batch_keeps_order_and_errors_per_source(tmp_path: Path) -> None:
    """Each source gets its own outcome in input order; the same as digesting it alone."""
    articles = write_articles(tmp_path, 5)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    sources = [str(articles[0]), str(tmp_path / "missing.txt"), str(articles[7]), str(empty),
               *map(str, articles[1:5])]
    items = list(batch(sources, TOY, workers=3, chunk=3))
    assert [item.source for item in items] == sources
    assert [type(item.error).__name__ if item.error else None for item in items] == [
        None, "FetchError", None, "NoArticleError", None, None, None, None]
    for item in items:
        if item.result is not None:
            alone = digest_article(load(item.source, TOY), TOY)
            assert item.result.digest == alone.digest
            assert item.result.document.sentences == alone.document.sentences
    assert items[0].result is not None and items[0].result.translation is not None
    assert items[2].result is not None and items[2].result.translation is None  # English


def test_batch_reads_its_sources_lazily(tmp_path: Path) -> None:
    """The first result comes back before the input is read to its end (streaming)."""
    article = write_articles(tmp_path, 1)[0]
    read = 0

    def sources() -> Iterator[str]:
        nonlocal read
        for _ in range(10_000):
            read += 1
            yield str(article)

    first = next(batch(sources(), TOY, workers=2, chunk=2))
    assert isinstance(first, BatchItem) and first.result is not None
    assert read < 100


def test_bad_arguments_fail_before_any_source_is_read() -> None:
    from tlsum.errors import UsageError

    with pytest.raises(UsageError, match="engine"):
        batch(iter(()), Options(), engine="spark")
    with pytest.raises(UsageError, match="worker"):
        batch(iter(()), Options(), workers=0)


def test_ray_engine_without_ray_is_a_usage_error_naming_the_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{write_articles(tmp_path, 1)[0]}\n")
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    out = tmp_path / "out.jsonl"
    code = main(["batch", str(listing), "--engine", "ray", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.strip().splitlines() == ["tlsum: error: --engine ray needs Ray: "
                                        "pip install 'tlsum[ray]'"]
    assert not out.exists()


def _cli(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tlsum", "batch", *args], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_resume_after_sigkill_gives_the_uninterrupted_output(
        tmp_path: Path, http_server: LocalHTTPServer) -> None:
    """Kill the batch mid-run, resume it: the same lines as a run that was never stopped."""
    articles = write_articles(tmp_path, 8)
    http_server.route("/slow.txt", Reply(
        body=articles[3].read_bytes(), delay=3.0,
        headers={"Content-Type": "text/plain; charset=utf-8"}))
    sources = [*map(str, articles), http_server.url("/slow.txt"), *map(str, articles[:6]),
               str(tmp_path / "missing.txt")]
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{s}\n" for s in sources))
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost"}
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    assert _cli([str(listing), "-o", str(whole)], env=env).wait(timeout=120) == 1
    proc = _cli([str(listing), "-o", str(cut)], env=env)
    deadline = time.monotonic() + 60
    while len(_lines(cut)) < 16 and time.monotonic() < deadline:  # the first chunk is out
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert 16 <= len(_lines(cut)) < len(sources)  # killed midway, waiting on /slow.txt
    with cut.open("a", encoding="utf-8") as handle:
        handle.write('{"source": "half a line')  # as if killed mid-write
    assert _cli([str(listing), "-o", str(cut), "--resume"], env=env).wait(timeout=120) == 1
    assert _lines(cut) == _lines(whole)
    assert [json.loads(line)["source"] for line in _lines(cut)] == sources
    assert json.loads(_lines(cut)[-1])["error"]["code"] == EXIT_FETCH


def test_resume_refuses_an_output_of_another_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write_articles(tmp_path, 1)[0]
    listing = tmp_path / "list.txt"
    listing.write_text(f"{article}\n")
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "elsewhere.txt", "error": {"code": 3, "message": "x"}}\n')
    code = main(["batch", str(listing), "-o", str(out), "--resume"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and len(err.strip().splitlines()) == 1
    assert "is not the record of source 1" in err
    assert _lines(out) == ['{"source": "elsewhere.txt", "error": {"code": 3, "message": "x"}}']
    assert main(["batch", str(listing), "--resume"]) == EXIT_USAGE  # no --output to continue


def test_resume_of_a_finished_run_adds_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = write_articles(tmp_path, 2)
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n")
    listing = tmp_path / "list.txt"
    listing.write_text(f"{articles[0]}\n# a comment\n\n{empty}\n{articles[2]}\n")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(listing), "-o", str(out)]) == 1
    before = out.read_bytes()
    assert main(["batch", str(listing), "-o", str(out), "--resume"]) == 0
    assert out.read_bytes() == before
    records = [json.loads(line) for line in _lines(out)]
    assert [r.get("error", {}).get("code") for r in records] == [None, EXIT_NO_ARTICLE, None]
    assert capsys.readouterr().out == ""  # everything went to --output


def test_progress_bar_shows_count_rate_and_eta(tmp_path: Path) -> None:
    from rich.console import Console

    from tlsum.cli.batch import with_progress

    console = Console(force_terminal=True, width=120, record=True)
    articles = write_articles(tmp_path, 3)
    items = list(with_progress(batch(map(str, articles), TOY, chunk=2), 6, 0, console))
    assert len(items) == 6
    drawn = console.export_text()
    assert "6/6" in drawn and "articles/s" in drawn and "ETA" in drawn


def test_errors_cross_process_boundaries_intact() -> None:
    """The Ray engine pickles errors back to the driver: message, status and hint survive."""
    import pickle

    from tlsum.errors import HTTPStatusError, NoModelError

    status = pickle.loads(pickle.dumps(HTTPStatusError("HTTP 404 for x", 404)))
    assert (str(status), status.status_code) == ("HTTP 404 for x", 404)
    hint = pickle.loads(pickle.dumps(NoModelError("no model ru->de", "tlsum models pull a")))
    assert (str(hint), hint.hint) == ("no model ru->de; try: tlsum models pull a",
                                      "tlsum models pull a")

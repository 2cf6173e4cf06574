"""``tlsum batch --engine ray`` on a local Ray instance (127.0.0.1 only).

One Ray instance serves the module: starting it takes several seconds. The
same inputs through both engines must give the same JSON, and a worker killed
while it fetches must not lose its article (Ray runs the task again).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batchdata import write_articles
from httpserver import LocalHTTPServer, Reply

from tlsum import Options, batch
from tlsum.cli import main
from tlsum.engines.rayengine import LOOPBACK_ONLY
from tlsum.options import TranslateOptions

os.environ[LOOPBACK_ONLY] = "0"  # before ray is imported: every Ray server on 127.0.0.1
ray = pytest.importorskip("ray", reason="the ray extra is not installed (make test installs it)")


# The Russian articles are in the toy's vocabulary; the toy is a demo model, used when named:
# TOY for the library, TLSUM_MODEL for the command line and its child processes.
TOY = Options(translate=TranslateOptions(model="toy-ru-en"))


@pytest.fixture(autouse=True)
def _toy_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_MODEL", "toy-ru-en")


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A Ray instance on 127.0.0.1 with 4 logical CPUs; its workers see the test settings."""
    cache = tmp_path_factory.getbasetemp() / "tlsum-cache"
    env = {"TLSUM_CACHE_DIR": str(cache), "NO_PROXY": "127.0.0.1,localhost",
           "TLSUM_MODELS_DIR": str(tmp_path_factory.mktemp("ray-models")),
           "TLSUM_CONFIG": str(tmp_path_factory.mktemp("ray-home") / "config.toml")}
    ray.init(num_cpus=4, include_dashboard=False, log_to_driver=False,
             _node_ip_address="127.0.0.1", runtime_env={"env_vars": env})
    yield
    ray.shutdown()


def records(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    code = main(["batch", *args])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.usefixtures("local_ray")
def test_ray_and_local_engines_give_identical_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = write_articles(tmp_path, 6)
    listing = tmp_path / "list.txt"
    sources = [*map(str, articles), str(tmp_path / "missing.txt"), str(articles[1])]
    listing.write_text("".join(f"{s}\n" for s in sources))
    local_code, local = records([str(listing), "-q"], capsys)
    ray_code, on_ray = records([str(listing), "-q", "--engine", "ray", "-j", "2"], capsys)
    assert local_code == ray_code == 1  # one missing file
    assert on_ray == local
    assert [r["source"] for r in on_ray] == sources
    assert on_ray[0]["translated"] and not on_ray[6 + 0]["translated"]
    assert on_ray[12]["error"]["code"] == 3


@pytest.mark.usefixtures("local_ray")
def test_batch_joins_a_running_cluster_by_address(tmp_path: Path) -> None:
    """``--address`` from another process: the cluster the fixture started, as a user's would be."""
    import subprocess
    import sys

    articles = write_articles(tmp_path, 2)
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{p}\n" for p in articles))
    address = ray.get_runtime_context().gcs_address
    assert address.startswith("127.0.0.1:")
    env = dict(os.environ)
    joined = subprocess.run([sys.executable, "-m", "tlsum", "batch", str(listing), "-q",
                             "--engine", "ray", "--address", address], env=env,
                            capture_output=True, text=True, timeout=240, check=False)
    local = subprocess.run([sys.executable, "-m", "tlsum", "batch", str(listing), "-q"],
                           env=env, capture_output=True, text=True, timeout=240, check=False)
    assert (joined.returncode, joined.stderr) == (0, "")
    assert joined.stdout == local.stdout and len(joined.stdout.splitlines()) == 4


def _ray_worker_running(task: str) -> int | None:
    """The pid of a Ray worker process now running ``task`` (its title is ``ray::task``)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if cmdline.startswith(f"ray::{task}".encode()):
            return int(proc.name)
    return None


@pytest.mark.usefixtures("local_ray")
def test_a_killed_worker_does_not_lose_its_article(
        tmp_path: Path, http_server: LocalHTTPServer) -> None:
    """SIGKILL the worker fetching a slow source: the task is retried, every article comes back."""
    articles = write_articles(tmp_path, 3)
    http_server.route("/held.txt", Reply(body=articles[4].read_bytes(), delay=4.0,
                                         headers={"Content-Type": "text/plain; charset=utf-8"}))
    sources = [str(articles[0]), http_server.url("/held.txt"), str(articles[1])]
    killed: list[int] = []

    def kill_the_fetching_worker() -> None:
        deadline = time.monotonic() + 60
        while not http_server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = _ray_worker_running("load_or_error")
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    killer = threading.Thread(target=kill_the_fetching_worker)
    killer.start()
    items = list(batch(sources, TOY, engine="ray", workers=1, chunk=3))
    killer.join()
    assert killed, "no Ray worker was found fetching the held source"
    assert len(http_server.requests) >= 2  # the retried task fetched again
    assert [item.source for item in items] == sources
    assert all(item.error is None for item in items)
    assert items[1].result is not None
    assert items[1].result.digest == batch([str(articles[4])], TOY).__next__().result.digest

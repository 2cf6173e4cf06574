"""The Ray engine: the local engine's per-article work, spread over a Ray cluster.

Ray tasks fetch and extract (retried on another worker when one dies);
``workers`` translating actors each load the model once (on a GPU when the
cluster has one and ``--device`` allows it) and digest chunks of articles with
the same library call as the local engine, so both give the same results.
Chunks are handed to the actors in turn and their results read back in input
order, with a bounded number of chunks in flight.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from tlsum.engines.flow import digest_many, load_or_error
from tlsum.engines.item import BatchItem
from tlsum.engines.local import chunked
from tlsum.errors import TlsumError, UsageError
from tlsum.options import Options
from tlsum.types import Article, Result

# A task or actor call lost with its worker process is run again this many times.
RETRIES = 3
# Ray's switch that keeps a single-machine instance on 127.0.0.1 ("0": no cluster networking).
LOOPBACK_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


class Digester:
    """A translating actor: one process, models loaded on first use and kept."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def run(self, *loaded: Article | TlsumError) -> list[Result | TlsumError]:
        """Segment, translate together and digest one chunk of loaded articles."""
        return digest_many(list(loaded), self.options)


def run_ray(sources: Iterable[str], options: Options, *, workers: int, chunk: int,
            address: str | None) -> Iterator[BatchItem]:
    """Yield one item per source in input order, the work done on Ray.

    Ray is imported here (a missing extra is a usage error before anything
    runs); the cluster is joined or started when the first item is asked for.
    """
    if address is None:
        # A private instance listens on loopback only: Ray otherwise swaps 127.0.0.1 for
        # the machine's network address. Read when ray is imported (first use in a process).
        os.environ.setdefault(LOOPBACK_ONLY, "0")
    return _run(_import_ray(), sources, options, workers=workers, chunk=chunk, address=address)


def _run(ray: Any, sources: Iterable[str], options: Options, *, workers: int, chunk: int,
         address: str | None) -> Iterator[BatchItem]:
    """The generator behind ``run_ray``."""
    started = _connect(ray, address, workers)
    actors: list[Any] = []
    try:
        load = ray.remote(max_retries=RETRIES)(load_or_error)
        actors = _start_actors(ray, options, workers)
        pending: deque[tuple[list[str], Any]] = deque()
        for n, group in enumerate(chunked(sources, chunk)):
            refs = [load.remote(source, options) for source in group]
            pending.append((group, actors[n % len(actors)].run.remote(*refs)))
            if len(pending) > 2 * len(actors):
                yield from _finish(ray, *pending.popleft())
        while pending:
            yield from _finish(ray, *pending.popleft())
    finally:
        for handle in actors:  # on a shared cluster, free their CPUs (and GPUs) now
            ray.kill(handle)
        if started:
            ray.shutdown()


def _start_actors(ray: Any, options: Options, workers: int) -> list[Any]:
    """``workers`` translating actors, at most one per two CPUs (and one per GPU) of the cluster.

    The other CPUs are left to the fetching tasks; an actor that cannot be
    placed would hold its chunks forever.
    """
    actor = ray.remote(max_restarts=RETRIES, max_task_retries=RETRIES)(Digester)
    gpu = _gpus_per_actor(ray, options)
    resources = ray.cluster_resources()
    count = max(1, min(workers, int(resources.get("CPU", 2)) // 2))
    if gpu:
        count = min(count, int(resources.get("GPU", 1)))
    return [actor.options(num_cpus=1, num_gpus=gpu).remote(options) for _ in range(count)]


def _finish(ray: Any, group: list[str], ref: Any) -> Iterator[BatchItem]:
    """Wait for one chunk and yield its items."""
    for source, outcome in zip(group, ray.get(ref), strict=True):
        yield BatchItem.of(source, outcome)


def _import_ray() -> Any:
    """``ray``, or the one-line usage error that names the extra to install."""
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install 'tlsum[ray]'") from None
    return ray


def _connect(ray: Any, address: str | None, workers: int) -> bool:
    """Join ``address`` (or the cluster this process already joined); else start one here.

    Returns whether this call started Ray (and so must shut it down).
    """
    if ray.is_initialized():
        return False
    quiet = {"log_to_driver": False, "logging_level": logging.ERROR}  # stderr is tlsum's
    if address:
        ray.init(address=address, **quiet)
        return True
    # Logical CPUs: one per translating actor plus as many for fetching tasks.
    ray.init(num_cpus=2 * workers, include_dashboard=False, _node_ip_address="127.0.0.1", **quiet)
    return True


def _gpus_per_actor(ray: Any, options: Options) -> float:
    """One GPU per actor when the cluster has enough and the device setting allows it."""
    if options.translate.device == "cpu":
        return 0
    return 1 if ray.cluster_resources().get("GPU", 0) >= 1 else 0

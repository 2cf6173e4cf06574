"""The local engine: fetching threads, one process translating chunks of articles.

A bounded window of sources is in flight at a time, so memory stays flat on
any input length, and the next chunk is fetched while this one is translated.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

from tlsum.engines.item import BatchItem
from tlsum.options import Options
from tlsum.pipeline import Installer, digest_many, load_or_error

T = TypeVar("T")
R = TypeVar("R")


def run_local(sources: Iterable[str], options: Options, *, workers: int, chunk: int,
              installer: Installer | None = None) -> Iterator[BatchItem]:
    """Load with ``workers`` threads, digest ``chunk`` articles at a time, in input order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        loaded = ordered_map(pool, lambda s: (s, load_or_error(s, options)), sources,
                             window=2 * max(workers, chunk))
        for group in chunked(loaded, chunk):
            outcomes = digest_many([article for _, article in group], options,
                                   installer=installer)
            for (source, _), outcome in zip(group, outcomes, strict=True):
                yield BatchItem.of(source, outcome)


def ordered_map(pool: ThreadPoolExecutor, fn: Callable[[T], R], items: Iterable[T], *,
                window: int) -> Iterator[R]:
    """``pool.map`` that reads ``items`` lazily: at most ``window`` calls in flight."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while group := list(islice(it, size)):
        yield group

"""The local engine: fetching threads, one process translating groups of articles.

A bounded window of sources is in flight at a time, so memory stays flat on
any input length, and the next articles are fetched while these are
translated. Each result is yielded as soon as it and everything before it are
done: an article that needs no translation is digested at once, the others
are translated together in groups of up to ``chunk``, cut short when the next
article is still being fetched.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import Generic, TypeVar

from tlsum.engines.flow import digest_each, load_or_error
from tlsum.engines.item import BatchItem
from tlsum.errors import TlsumError
from tlsum.options import Options
from tlsum.pipeline import Installer
from tlsum.types import Article

T = TypeVar("T")
R = TypeVar("R")


def run_local(sources: Iterable[str], options: Options, *, workers: int, chunk: int,
              installer: Installer | None = None) -> Iterator[BatchItem]:
    """Load with ``workers`` threads, digest as the loads come in, in input order.

    On Ctrl-C (or when the caller stops early) the fetches in flight are
    abandoned rather than waited for: a hanging server must not hold the exit.
    """
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        yield from _run(pool, sources, options, workers=workers, chunk=chunk,
                        installer=installer)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _run(pool: ThreadPoolExecutor, sources: Iterable[str], options: Options, *, workers: int,
         chunk: int, installer: Installer | None) -> Iterator[BatchItem]:
    """The engine's work, in ``pool``: loads ahead, digests in order."""
    loads: Prefetch[tuple[str, Article | TlsumError]] = Prefetch(
        pool, lambda s: (s, load_or_error(s, options)), sources,
        window=2 * max(workers, chunk))
    names: deque[str] = deque()

    def articles() -> Iterator[Article | TlsumError]:
        for source, loaded in loads:
            names.append(source)
            yield loaded

    for outcome in digest_each(articles(), options, chunk=chunk,
                               more_ready=loads.ready, installer=installer):
        yield BatchItem.of(names.popleft(), outcome)


class Prefetch(Generic[R]):
    """``fn`` over ``items`` in a pool, results in input order, at most ``window`` in flight.

    ``items`` is read lazily; ``ready()`` says whether the next result is
    there already (or there is none), so a caller can stop waiting for more.
    """

    def __init__(self, pool: ThreadPoolExecutor, fn: Callable[[T], R], items: Iterable[T], *,
                 window: int) -> None:
        self._pending: deque[Future[R]] = deque()
        self._submit = lambda item: self._pending.append(pool.submit(fn, item))
        self._items = iter(items)
        self._window = window

    def __iter__(self) -> Iterator[R]:
        self._fill()
        while self._pending:
            result = self._pending.popleft().result()
            self._fill()
            yield result

    def ready(self) -> bool:
        return not self._pending or self._pending[0].done()

    def _fill(self) -> None:
        for item in islice(self._items, max(0, self._window - len(self._pending))):
            self._submit(item)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while group := list(islice(it, size)):
        yield group

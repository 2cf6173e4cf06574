"""Many sources in, one result each, in input order: the library behind ``tlsum batch``.

    from tlsum import Options, batch
    for item in batch(open("urls.txt"), Options()):
        print(item.source, item.error or item.result.digest.summary[0].text)

``batch`` is an iterator and reads its sources lazily, so it runs in constant
memory however long the input is. Two engines do the same per-article work and
give the same results: ``local`` (threads fetch and extract, this process
translates a chunk of articles at a time through one loaded model) and ``ray``
(``pip install 'tlsum[ray]'``: Ray tasks fetch and extract, translating actors
load the model once each). A source that fails is an item with ``error`` set;
the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tlsum.engines.item import BatchItem
from tlsum.errors import UsageError
from tlsum.options import Options
from tlsum.pipeline import Installer

__all__ = ["DEFAULT_CHUNK", "ENGINES", "BatchItem", "batch"]
ENGINES = ("local", "ray")
# Articles translated together: enough sentences to fill CTranslate2's batches,
# few enough that the first results come back quickly.
DEFAULT_CHUNK = 16


def batch(
    sources: Iterable[str], options: Options, *, engine: str = "local", workers: int = 4,
    chunk: int = DEFAULT_CHUNK, address: str | None = None, installer: Installer | None = None,
) -> Iterator[BatchItem]:
    """Summarize every source (URL, path), yielding one ``BatchItem`` each, in input order.

    ``workers``: fetching threads (local) or Ray workers and translating actors
    (ray). ``address``: an existing Ray cluster (``ray start --head`` prints it);
    without it a local Ray instance is started for the run. ``installer``
    (``--auto-pull``, local engine only) pulls a missing model once.
    Bad arguments and a missing Ray raise here, before any source is read.
    """
    if workers < 1 or chunk < 1:
        raise UsageError("batch needs at least one worker and a chunk of at least one article")
    if engine == "local":
        from tlsum.engines.local import run_local

        return run_local(sources, options, workers=workers, chunk=chunk, installer=installer)
    if engine == "ray":
        from tlsum.engines.rayengine import run_ray

        if options.translate.auto_pull:
            raise UsageError("--auto-pull works with the local engine only; with --engine ray "
                             "pull the model on every node first (tlsum models pull)")
        return run_ray(sources, options, workers=workers, chunk=chunk, address=address)
    raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")

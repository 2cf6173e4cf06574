"""``tlsum batch FILE``: many sources in, one JSON line per source out.

The work is ``tlsum.engines.batch`` (the library function); this module reads the
source list lazily, writes each record as soon as it is ready (in input order,
flushed line by line), shows a progress bar on an interactive stderr, and
resumes: with ``--resume -o OUT`` the records already in OUT are checked
against the first sources of FILE, a line cut off by a crash is dropped, and
the batch continues after them. A failed source is a line with an ``error``
object instead of stopping the batch.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tlsum.cli.exitcodes import exit_code
from tlsum.errors import UsageError

if TYPE_CHECKING:
    from tlsum.engines import BatchItem


@contextmanager
def source_list(path: str) -> Iterator[Iterator[str]]:
    """The sources of FILE (or stdin), read one line at a time while the block runs.

    The file is opened on entry, so a missing list fails before anything is written.
    """
    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read source list {path}: {exc}") from exc
    try:
        yield _lines(handle, path)
    finally:
        if handle is not sys.stdin:
            handle.close()


def _lines(handle: IO[str], path: str) -> Iterator[str]:
    """Non-empty lines that are not comments (``#``), in order."""
    try:
        for raw in handle:
            line = raw.strip()
            if line and not line.startswith("#"):
                yield line
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read source list {path}: {exc}") from exc


def count_sources(path: str) -> int | None:
    """How many sources a file lists (for the progress bar's ETA); None for stdin."""
    if path == "-":
        return None
    with source_list(path) as sources:
        return sum(1 for _ in sources)


def record(item: BatchItem) -> dict[str, Any]:
    """The JSON Lines record of one item: the ``--json`` object plus "source", or its error."""
    from tlsum.render import View, to_json

    if item.error is not None:
        return {"source": item.source,
                "error": {"code": exit_code(item.error), "message": str(item.error)}}
    assert item.result is not None
    return {"source": item.source, **to_json(item.result, View())}


def resume(sources: Iterator[str], output: Path) -> int:
    """Skip the sources whose records OUT already holds; return how many.

    Records are written in input order, so they match a prefix of the sources;
    anything else means OUT belongs to another list and nothing is touched.
    A last line without its newline (the run was killed mid-write) is cut off.
    """
    done, keep = 0, 0
    with open(output, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            expected = next(sources, None)
            found = _source_of(line)
            if found is None or found != expected:
                raise UsageError(f"--resume: line {done + 1} of {output} is not the record "
                                 f"of source {done + 1} of the list ({expected!r})")
            done, keep = done + 1, keep + len(line)
    if output.stat().st_size != keep:
        with open(output, "r+b") as handle:
            handle.truncate(keep)
    return done


def _source_of(line: bytes) -> str | None:
    """The "source" of one JSON Lines record, or None when the line is not one."""
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    source = data.get("source") if isinstance(data, dict) else None
    return source if isinstance(source, str) else None


def write_records(items: Iterable[BatchItem], out: IO[str]) -> tuple[int, Counter[int]]:
    """Write one line per item, flushed at once (a crash loses at most one line).

    Returns how many lines were written and how many failed, by exit code.
    """
    written, failed = 0, Counter[int]()
    for item in items:
        line = record(item)
        if "error" in line:
            failed[line["error"]["code"]] += 1
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()
        written += 1
    return written, failed


def failure_summary(written: int, failed: Counter[int]) -> str:
    """One line: how many sources failed, and with which codes (most frequent first)."""
    from tlsum.cli.exitcodes import MEANING

    codes = ", ".join(f"{n} x code {code} ({MEANING.get(code, 'error')})"
                      for code, n in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])))
    total = sum(failed.values())
    noun = "source" if written == 1 else "sources"
    return f"{total} of {written} {noun} failed: {codes}; see their \"error\" lines"


@contextmanager
def open_output(output: Path | None, resuming: bool) -> Iterator[IO[str]]:
    """stdout, or OUT opened for appending (resume) or afresh."""
    if output is None:
        yield sys.stdout
        return
    try:
        handle = open(output, "a" if resuming else "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc}") from exc
    with handle:
        yield handle


def with_progress(items: Iterable[BatchItem], total: int | None, done: int,
                  console: Any = None, clock: Callable[[], float] = time.monotonic,
                  ) -> Iterator[BatchItem]:
    """Pass ``items`` through while a bar on stderr shows count, rate and ETA.

    The rate is this run's items over its wall time so far (rich's own speed
    is over the last burst, and results come in bursts: a chunk at a time).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TextColumn("ETA {task.fields[eta]}"))
    start, seen = clock(), 0
    with Progress(*columns, console=console or Console(stderr=True), transient=False) as bar:
        task = bar.add_task("batch", total=total, completed=done, rate="", eta="-")
        for item in items:
            yield item
            seen += 1
            rate = seen / max(clock() - start, 1e-9)
            left = None if total is None else max(0, total - done - seen)
            bar.update(task, advance=1, rate=f"{rate:.2f} articles/s", eta=_eta(left, rate))


def _eta(left: int | None, rate: float) -> str:
    """``h:mm:ss`` to go at ``rate``; ``-`` when the total is unknown (stdin)."""
    if left is None:
        return "-"
    seconds = round(left / rate)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

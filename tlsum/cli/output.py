"""What the CLI shows: results on stdout, warnings and progress on stderr.

rich panels on a colour terminal, plain text when piped or ``NO_COLOR`` is set;
the spinner only on an interactive stderr, so logs and pipes stay clean.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

import typer

from tlsum.render import Format, View
from tlsum.types import Result

if TYPE_CHECKING:
    from rich.status import Status


def plain() -> bool:
    """Plain text unless stdout is a colour-capable terminal."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


class Spinner:
    """The current stage on stderr (interactive stderr only); pausable for download bars."""

    def __init__(self, status: Status | None = None) -> None:
        self.status = status

    def __call__(self, stage: str) -> None:
        if self.status is not None:
            self.status.update(f"{stage}…")

    @contextmanager
    def paused(self) -> Iterator[None]:
        """rich shows one live display at a time: stop the spinner while bars run."""
        if self.status is not None:
            self.status.stop()
        try:
            yield
        finally:
            if self.status is not None:
                self.status.start()


def interactive(quiet: bool) -> bool:
    """Whether progress may be drawn on stderr: a terminal, not ``-q``, no ``NO_COLOR``."""
    return not (quiet or not sys.stderr.isatty() or os.environ.get("NO_COLOR"))


@contextmanager
def progress(quiet: bool) -> Iterator[Spinner]:
    """A spinner on stderr naming the current stage, only on an interactive stderr."""
    if not interactive(quiet):
        yield Spinner()
        return
    from rich.console import Console

    with Console(stderr=True).status("Starting") as status:
        yield Spinner(status)


def emit(result: Result, view: View, fmt: Format, quiet: bool) -> None:
    """Print the result in the chosen format and warnings on stderr."""
    import tlsum.render as render

    if not quiet:
        for warning in result.warnings:
            typer.echo(f"tlsum: warning: {warning}", err=True)
    if fmt == "json":
        typer.echo(json.dumps(render.to_json(result, view), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        typer.echo(render.to_markdown(result, view), nl=False)
    elif plain():
        typer.echo(render.to_text(result, view), nl=False)
    else:
        from rich.console import Console

        Console().print(render.to_rich(result, view))


class Bars:
    """rich progress bars on stderr, one per label, fed by a library callback
    ``(label, done, total)``: bytes of each file for downloads, steps for a conversion.

    Started by the first update, so a prompt printed before it (a license) comes out clean.
    """

    def __init__(self, kind: Literal["bytes", "steps"]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        columns = ((DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
                   if kind == "bytes" else (MofNCompleteColumn(), TimeElapsedColumn()))
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), *columns,
                                 console=Console(stderr=True), transient=False)
        self.tasks: dict[str, Any] = {}

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if not self.tasks:
            self.progress.start()
        if label not in self.tasks:
            self.tasks[label] = self.progress.add_task(label, total=total)
        self.progress.update(self.tasks[label], completed=done, total=total)

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.tasks:
            self.progress.stop()

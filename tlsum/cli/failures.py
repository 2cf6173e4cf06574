"""How the CLI reports what went wrong: always one line on stderr, never a usage block.

``main`` sends every failure here: a ``TlsumError`` (its own exit code), a usage
error of the command-line parser (click's three-line "Usage / Try / Error" block
becomes one ``tlsum: error:`` line, exit 2), Ctrl-C (one line, exit 130 at
once), and the warnings the library logs (one ``tlsum: warning:`` line each).
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import suppress
from typing import Any, NoReturn

import typer

from tlsum.cli.exitcodes import EXIT_INTERRUPTED


def say(message: str, prefix: str = "tlsum: error: ") -> None:
    """One line on stderr: a message never spans lines, whatever it quotes."""
    typer.echo(prefix + " ".join(str(message).split()), err=True)


def usage_message(error: Any) -> str:
    """click's message, plus where to read more, instead of its usage block."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None and ctx.command_path else "tlsum"
    return f"{error.format_message()} (see '{command} --help')"


def help_shown(error: Any) -> bool:
    """Bare ``tlsum`` or ``tlsum models``: let click print the help, which is what we want."""
    if type(error).__name__ != "NoArgsIsHelpError":
        return False
    error.show()
    return True


def interrupted() -> NoReturn:
    """Ctrl-C: one line, and exit 130 now.

    ``os._exit`` skips the interpreter's shutdown, where CTranslate2 would first
    finish every batch still queued (seconds on a long article). Nothing is lost:
    the ``with`` blocks that own files and the cache already ran while the
    interrupt unwound, and stdout and stderr are flushed here.
    """
    say("interrupted", prefix="tlsum: ")
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: nothing left to save
            stream.flush()
    os._exit(EXIT_INTERRUPTED)


class _WarningLines(logging.Handler):
    """Library warnings as ``tlsum: warning: …`` lines on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        say(record.getMessage(), prefix="tlsum: warning: ")


def show_library_warnings(quiet: bool) -> None:
    """Stages never print: what they log at WARNING reaches the user here (not with -q)."""
    logger = logging.getLogger("tlsum")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines())
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)

"""Shared checks of the failure-mode suites: exit code, one line on stderr, empty stdout."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tlsum.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "turkey_ceasefire.txt"
ARTICLE_RU = ROOT / "examples" / "article_ru.txt"


# Every case must end within these, however hostile (the acceptance bounds).
MAX_SECONDS = 30.0
MAX_RSS_BYTES = 2 * 1024**3


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in-process (the same ``main`` the console script calls), within MAX_SECONDS."""
    start = time.monotonic()
    code = main(list(args))
    assert time.monotonic() - start < MAX_SECONDS, args
    out, err = capsys.readouterr()
    return code, out, err


def run_tlsum(*args: str, env: dict[str, str] | None = None,
              preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m tlsum ARGS`` in a child process with this test's environment.

    The child must end within MAX_SECONDS (else ``TimeoutExpired``) and stay under
    MAX_RSS_BYTES (the peak of every child so far: a bound on this one too).
    """
    proc = subprocess.run([sys.executable, "-m", "tlsum", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=MAX_SECONDS,
                          check=False, preexec_fn=preexec, cwd=ROOT)
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 < MAX_RSS_BYTES
    return proc


def assert_error(code: int, out: str, err: str, expected: int, *needles: str) -> None:
    """A failure: the documented code, nothing on stdout, exactly one ``tlsum: error:`` line."""
    assert (code, out) == (expected, ""), (code, out, err)
    assert err.startswith("tlsum: error: ") and err.count("\n") == 1 and err.endswith("\n"), err
    for needle in needles:
        assert needle in err, (needle, err)


def assert_warning(code: int, out: str, err: str, *needles: str) -> None:
    """A success that had to work around something: output, and one ``tlsum: warning:`` line."""
    assert code == 0 and out.strip(), (code, err)
    assert err.startswith("tlsum: warning: ") and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, (needle, err)

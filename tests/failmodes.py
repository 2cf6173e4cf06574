"""Shared checks of the failure-mode suites: exit code, one line on stderr, empty stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tlsum.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "turkey_ceasefire.txt"
ARTICLE_RU = ROOT / "examples" / "article_ru.txt"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in-process (the same ``main`` the console script calls)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_tlsum(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
              preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m tlsum ARGS`` in a child process with this test's environment."""
    return subprocess.run([sys.executable, "-m", "tlsum", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout,
                          check=False, preexec_fn=preexec, cwd=ROOT)


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

"""Run the real ``tlsum`` command in a child process and measure what a user would see.

Every fault-injection test checks the same contract: the exit code, exactly one
line on stderr (``tlsum: error: ...``) on failure, nothing on stdout, and bounds
on wall time and peak memory (the child's ``ru_maxrss`` from ``wait4``). The child
also runs under a 4 GB address-space limit, so a regression that inflates a
compression bomb fails this test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TLSUM = [sys.executable, "-m", "tlsum"]
_AS_LIMIT = 4 * 1024**3


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def failed_cleanly(self, code: int, *, seconds: float, peak_mb: float = 1024) -> str:
        """The one stderr line of a failure that kept every promise (asserted here)."""
        assert self.code == code, (self.code, self.stderr)
        assert self.stdout == "", self.stdout
        assert len(self.error_lines) == 1, self.stderr
        assert self.error_lines[0].startswith("tlsum: error: "), self.stderr
        assert self.seconds < seconds, self.seconds
        assert self.peak_mb < peak_mb, self.peak_mb
        return self.error_lines[0]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_AS_LIMIT, _AS_LIMIT))


def run_tlsum(*args: str, stdin: bytes | int | None = None, cwd: Path | None = None,
              limit: float = 120) -> Run:
    """``tlsum ARGS`` with ``stdin`` (bytes, or a file descriptor such as a pty's)."""
    with tempfile.TemporaryFile() as feed, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        if isinstance(stdin, bytes):
            feed.write(stdin)
            feed.seek(0)
        source = feed if isinstance(stdin, bytes) else (subprocess.DEVNULL if stdin is None
                                                        else stdin)
        start = time.monotonic()
        child = subprocess.Popen(
            [*TLSUM, *args], stdin=source, stdout=out, stderr=err, cwd=cwd,
            env={**os.environ, "COLUMNS": "200"}, preexec_fn=_limit_memory)
        status, usage = _wait(child, start + limit)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(os.waitstatus_to_exitcode(status), out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss / 1024)


def _wait(child: subprocess.Popen[bytes], deadline: float) -> tuple[int, resource.struct_rusage]:
    """Reap the child with ``wait4`` (its own peak memory); kill it past the deadline."""
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return status, usage
        if time.monotonic() > deadline:
            child.kill()
        time.sleep(0.02)

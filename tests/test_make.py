"""The Makefile installs what each target needs: the demo the runtime alone, the tests the extras.

``make -n`` prints the commands without running them, into a venv path that
does not exist, so the test reads the exact install lines a fresh clone runs.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dry_run(target: str, venv: Path) -> list[str]:
    proc = subprocess.run(["make", "-n", target, f"VENV={venv}"], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return [line for line in proc.stdout.splitlines() if "pip install" in line]


def test_demo_installs_the_runtime_dependencies_only(tmp_path: Path) -> None:
    installs = dry_run("demo", tmp_path / "venv")
    assert installs[-1].endswith("pip install --quiet --no-compile -e .")
    assert not any("dev" in line or "ray" in line for line in installs)


def extras(install: str) -> set[str]:
    match = re.search(r"-e '\.\[([\w,]+)\]'$", install)
    return set(match.group(1).split(",")) if match else set()


def test_test_installs_the_dev_and_ray_extras(tmp_path: Path) -> None:
    assert {"dev", "ray"} <= extras(dry_run("test", tmp_path / "venv")[-1])


def test_demo_then_test_adds_the_extras(tmp_path: Path) -> None:
    """After ``make demo`` (runtime stamp present) ``make test`` still installs the extras."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    (venv / ".installed-run").touch()
    assert dry_run("demo", venv) == []
    assert {"dev", "ray"} <= extras(dry_run("test", venv)[-1])

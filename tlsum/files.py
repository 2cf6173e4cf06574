"""The files tlsum keeps: reading the small JSON and TOML ones, writing its own safely.

One place for the Python 3.10 ``tomli`` fallback and for "a JSON object or a one-line
error naming the file", so every caller reports a broken file the same way.

A file tlsum derives for itself can always be made again, so a copy that fails
to load is deleted and rebuilt rather than failing every run until someone
deletes it by hand (``load_or_rebuild``).
Writes go to a temporary file next to the target and become visible by one
``os.replace`` (``atomic_write``): an interrupted or disk-full write leaves no
half-written file, and its temporary file is removed on the way out. A process
killed outright cannot clean up, so temporary files of processes that no longer
run are swept before the next write.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, TypeVar

from tlsum.errors import TlsumError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError
log = logging.getLogger(__name__)


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML document at ``path``; OSError, UnicodeDecodeError or TOMLDecodeError on failure."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def read_json_object(path: Path, error: type[TlsumError], what: str = "JSON") -> dict[str, Any]:
    """The JSON object at ``path``, or ``error`` with one line naming the file and the fault."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise error(f"{path}: unreadable {what} ({err})") from err
    if not isinstance(data, dict):
        raise error(f"{path}: expected a JSON object")
    return data


T = TypeVar("T")
TEMP_PREFIX = ".tlsum-tmp-"
_OURS = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")
_LEGACY = re.compile(r"tmp[a-z0-9_]{8}")  # NamedTemporaryFile names of tlsum 0.1
_STALE_S = 3600.0  # no write takes an hour: such a file was abandoned


def atomic_write(target: Path, fill: Callable[[IO[bytes]], object]) -> None:
    """Write ``target`` through ``fill(file)`` so that it appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_temp(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
        os.replace(tmp, target)
    except BaseException:  # disk full, Ctrl-C, a bug in fill: never leave the temp file
        with suppress(OSError):
            os.unlink(tmp)
        raise


def load_or_rebuild(target: Path, load: Callable[[Path], T],
                    fill: Callable[[IO[bytes]], object],
                    broken: tuple[type[BaseException], ...]) -> T:
    """``load(target)``; a missing copy is written first, a broken one rebuilt once.

    ``broken`` lists what ``load`` raises on a truncated or garbled file. What
    the rebuilt copy raises goes to the caller.
    """
    if target.is_file():
        try:
            return load(target)
        except broken as err:
            log.warning("rebuilding %s, which could not be read: %s",
                        target, _reason(err))
            with suppress(OSError):
                target.unlink()
    atomic_write(target, fill)
    return load(target)


def sweep_temp(directory: Path) -> None:
    """Remove temporary files left by tlsum processes that were killed mid-write."""
    try:
        entries = list(directory.iterdir())
    except OSError:
        return
    for path in entries:
        if _abandoned(path.name, path):
            with suppress(OSError):
                path.unlink()


def _abandoned(name: str, path: Path) -> bool:
    """Ours from a process that is gone, or any temp name untouched for an hour."""
    mine = _OURS.match(name)
    if not (mine or _LEGACY.fullmatch(name)):
        return False
    pid = int(mine.group(1)) if mine else os.getpid()
    if os.name == "posix" and pid != os.getpid() and not _running(pid):
        return True
    try:
        return time.time() - path.stat().st_mtime > _STALE_S
    except OSError:
        return False


def _running(pid: int) -> bool:
    """Whether a process exists (POSIX: signal 0 probes without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def _reason(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def shipped_json(name: str) -> dict[str, Any] | None:
    """A JSON model shipped in ``tlsum/data`` (the text and question classifiers), or None
    when this install lacks it (the callers then fall back to rules)."""
    from importlib import resources

    try:
        text = resources.files("tlsum").joinpath(f"data/{name}").read_text("utf-8")
    except FileNotFoundError:
        return None
    data: dict[str, Any] = json.loads(text)
    return data


def human_size(size: float | None) -> str:
    """Bytes for a person (``20 MB``, ``1.75 MB``, ``512 bytes``; ``?`` when unknown).

    Binary units, so the 20 MiB fetch cap reads as the "20 MB" the docs promise; one
    function for size limits, disk space and model sizes alike.
    """
    if size is None:
        return "?"
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:.0f} bytes"

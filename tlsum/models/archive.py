"""Safe unpacking of model archives (zip, tar, ``.argosmodel``).

Model archives come from the network, so we treat them like any untrusted
input: argos-translate calls ``ZipFile.extractall`` straight into its package
dir, which trusts every member name. Here every member is checked before a
byte is written: no absolute paths, no ``..``, no links that point outside the
target, no device files, and a cap on total size and file count (a small
archive can claim terabytes). Links are created last, so nothing is ever
written *through* a link.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
import tarfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tlsum.errors import UnsafeArchiveError

MAX_TOTAL_BYTES = 16 * 1024**3  # NLLB-3.3B int8 is ~3.3 GB; 16 GiB leaves room, stops bombs
MAX_FILES = 10_000
_COPY_CHUNK = 1024 * 1024
ARCHIVE_SUFFIXES = (".argosmodel", ".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")


@dataclass(frozen=True)
class Limits:
    """Bounds on what one archive may unpack to."""

    max_bytes: int = MAX_TOTAL_BYTES
    max_files: int = MAX_FILES


@dataclass(frozen=True)
class _Member:
    """One archive entry reduced to what the safety checks need."""

    name: str  # normalized relative POSIX path
    kind: str  # "file", "dir", "symlink" or "hardlink"
    size: int
    link: str = ""  # link target as stored in the archive


def archive_stem(path: Path) -> str:
    """The file name without its archive suffix (``x.tar.gz`` -> ``x``)."""
    name = path.name
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def is_archive(path: Path) -> bool:
    """True for files we know how to unpack (by content, not by name)."""
    return path.is_file() and (zipfile.is_zipfile(path) or tarfile.is_tarfile(path))


def safe_relpath(name: str, archive: str = "archive") -> str:
    """Normalize a member name, refusing absolute paths and ``..`` escapes.

    Also used for file names that a hub listing gives us, which are just as
    untrusted as archive members.
    """
    raw = name.replace("\\", "/")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise UnsafeArchiveError(f"{archive}: refusing absolute path {name!r}")
    norm = posixpath.normpath(raw)
    if norm == ".." or norm.startswith("../") or "\x00" in norm:
        raise UnsafeArchiveError(f"{archive}: refusing {name!r}: it escapes the target directory")
    return "" if norm == "." else norm


def _check_link(member: _Member, archive: str) -> None:
    """A link is fine only if its target, resolved from its own folder, stays inside."""
    target = member.link.replace("\\", "/")
    base = posixpath.dirname(member.name) if member.kind == "symlink" else ""
    joined = posixpath.normpath(posixpath.join(base, target))
    if target.startswith("/") or joined == ".." or joined.startswith("../"):
        raise UnsafeArchiveError(
            f"{archive}: refusing link {member.name!r} -> {member.link!r}: it points outside"
        )


def _check_all(members: Iterable[_Member], archive: str, limits: Limits) -> list[_Member]:
    """Validate every member and the totals before anything is written."""
    checked, total = [], 0
    for m in members:
        if m.kind in ("symlink", "hardlink"):
            _check_link(m, archive)
        total += m.size
        checked.append(m)
        if len(checked) > limits.max_files:
            raise UnsafeArchiveError(f"{archive}: more than {limits.max_files} files; refusing")
        if total > limits.max_bytes:
            raise UnsafeArchiveError(
                f"{archive}: unpacks to more than {limits.max_bytes} bytes; refusing"
            )
    return checked


def _zip_members(zf: zipfile.ZipFile, archive: str) -> list[_Member]:
    out = []
    for info in zf.infolist():
        name = safe_relpath(info.filename, archive)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            target = zf.read(info).decode("utf-8", "replace")
            out.append(_Member(name, "symlink", 0, target))
        elif info.is_dir():
            out.append(_Member(name, "dir", 0))
        elif stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: no type bits (DOS-made zips)
            raise UnsafeArchiveError(f"{archive}: refusing special file {info.filename!r}")
        else:
            out.append(_Member(name, "file", info.file_size))
    return out


def _tar_members(tf: tarfile.TarFile, archive: str) -> list[_Member]:
    out = []
    for info in tf.getmembers():
        name = safe_relpath(info.name, archive)
        if info.issym():
            out.append(_Member(name, "symlink", 0, info.linkname))
        elif info.islnk():
            out.append(_Member(name, "hardlink", 0, safe_relpath(info.linkname, archive)))
        elif info.isdir():
            out.append(_Member(name, "dir", 0))
        elif info.isfile():
            out.append(_Member(name, "file", info.size))
        else:
            raise UnsafeArchiveError(f"{archive}: refusing special file {info.name!r}")
    return out


def _inside(dest: Path, rel: str) -> Path:
    """The target path for ``rel``, re-checked after resolving what already exists."""
    path = dest / rel
    if not path.parent.resolve().is_relative_to(dest.resolve()):
        raise UnsafeArchiveError(f"refusing {rel!r}: it would be written outside the target")
    return path


def _copy_limited(src, dst: Path, budget: list[int], archive: str) -> None:
    """Copy a member stream, counting real bytes against the size budget."""
    with open(dst, "wb") as out:
        while chunk := src.read(_COPY_CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise UnsafeArchiveError(f"{archive}: unpacks to more than its limit; refusing")
            out.write(chunk)


def _make_links(members: list[_Member], dest: Path, archive: str) -> None:
    """Create links after all files exist, so no member is written through one."""
    for m in members:
        path = _inside(dest, m.name)
        if os.path.lexists(path):
            raise UnsafeArchiveError(f"{archive}: link {m.name!r} collides with another member")
        if m.kind == "symlink":
            resolved = (path.parent / m.link).resolve()
            if not resolved.is_relative_to(dest.resolve()):
                raise UnsafeArchiveError(f"{archive}: refusing link {m.name!r}: it points outside")
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(m.link, path)
        else:  # hardlink: copy the already-extracted target instead of linking
            source = _inside(dest, m.link)
            if not source.is_file():
                raise UnsafeArchiveError(f"{archive}: link {m.name!r} to a missing member")
            shutil.copyfile(source, path)


def _extract(opener, members: list[_Member], dest: Path, archive: str, limits: Limits) -> None:
    budget = [limits.max_bytes]
    links = [m for m in members if m.kind in ("symlink", "hardlink")]
    for m in members:
        if not m.name or m.kind in ("symlink", "hardlink"):
            continue
        path = _inside(dest, m.name)
        if m.kind == "dir":
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with opener(m) as src:
            _copy_limited(src, path, budget, archive)
    _make_links(links, dest, archive)


def unpack(archive: Path, dest: Path, limits: Limits | None = None) -> Path:
    """Unpack ``archive`` into the (new or empty) directory ``dest``; return ``dest``.

    Raises UnsafeArchiveError before writing anything when a member is unsafe.
    """
    limits = limits or Limits()
    label = archive.name
    dest.mkdir(parents=True, exist_ok=True)
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zf:
            members = _check_all(_zip_members(zf, label), label, limits)
            by_name = {safe_relpath(i.filename, label): i for i in zf.infolist()}
            _extract(lambda m: zf.open(by_name[m.name]), members, dest, label, limits)
    elif tarfile.is_tarfile(archive):
        with tarfile.open(archive, "r:*") as tf:
            members = _check_all(_tar_members(tf, label), label, limits)
            tar_infos = {safe_relpath(i.name, label): i for i in tf.getmembers()}
            _extract(lambda m: _tar_open(tf, tar_infos[m.name]), members, dest, label, limits)
    else:
        raise UnsafeArchiveError(f"{label}: not a zip or tar archive")
    return dest


def _tar_open(tf: tarfile.TarFile, info: tarfile.TarInfo):
    stream = tf.extractfile(info)
    if stream is None:  # cannot happen for regular files; keeps the type checker honest
        raise UnsafeArchiveError(f"cannot read {info.name!r}")
    return stream


def single_root(dest: Path) -> Path:
    """The one top-level folder of an unpacked archive, or ``dest`` itself.

    argos packages wrap everything in ``<name>/``; plain zips of a model
    directory often do not. macOS resource-fork folders are ignored.
    """
    entries = [p for p in dest.iterdir() if p.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        return entries[0]
    return dest

"""The model store: where installed models live and how they get there safely.

Layout of the store root (``TLSUM_MODELS_DIR``, else ``<user data dir>/models``)::

    <root>/<model-id>/            one installed model, with tlsum-model.json
    <root>/.tmp/<random>/         staging for downloads, unpacking, conversion
    <root>/.locks/<model-id>.lock one file lock per model id

A model only ever appears in the store by one ``os.rename`` of a complete,
inspected and hashed staging directory, so a failed or interrupted pull
leaves the visible store exactly as it was. The lock makes two concurrent
pulls of one model install it once: the second waits, then finds it there.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlsum.dirs import models_dir
from tlsum.errors import ModelError, ModelStoreError
from tlsum.files import read_json_object
from tlsum.models.paths import MANIFEST_NAME, clean_id

if TYPE_CHECKING:
    from filelock import FileLock

    from tlsum.models.format import ModelInfo

STALE_SECONDS = 24 * 3600  # staging dirs this old belong to a process that died


@dataclass(frozen=True)
class Manifest:
    """What we record about an installed model, in ``tlsum-model.json``."""

    id: str
    format: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    origin: str  # where it came from: URL, argos:xx-yy, hf:owner/repo, a local path
    license: str = ""
    size: int = 0  # bytes of all files, manifest excluded
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    installed_at: str = ""  # ISO 8601, UTC
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (tuples become lists)."""
        data = asdict(self)
        data["sources"], data["targets"] = list(self.sources), list(self.targets)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        """Read a manifest, tolerating extra keys written by other tools."""
        return cls(
            id=str(data.get("id", "")),
            format=str(data.get("format", "")),
            sources=tuple(data.get("sources") or ()),
            targets=tuple(data.get("targets") or ()),
            origin=str(data.get("origin", "")),
            license=str(data.get("license", "")),
            size=int(data.get("size", 0) or 0),
            files=dict(data.get("files") or {}),
            installed_at=str(data.get("installed_at", "")),
            version=str(data.get("version", "")),
        )


def read_manifest(model_dir: Path) -> dict[str, Any]:
    """The raw manifest dict of a model directory ({} when there is none)."""
    path = model_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    return read_json_object(path, ModelStoreError, "manifest")


def hash_tree(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (links and the manifest excluded)."""
    from tlsum.models.download import file_sha256

    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name != MANIFEST_NAME:
            out[path.relative_to(root).as_posix()] = file_sha256(path)
    return out


def tree_size(root: Path) -> int:
    """Total bytes of the regular files under ``root``."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@dataclass(frozen=True)
class InstalledModel:
    """One model directory in the store, with its manifest."""

    path: Path
    manifest: Manifest
    problem: str = ""  # why the manifest could not be read ("" when it could)

    @property
    def id(self) -> str:
        """The model id (its directory name)."""
        return self.path.name

    def inspect(self) -> ModelInfo:
        """What ``tlsum.models.format`` makes of the directory (raises ModelError)."""
        from tlsum.models.format import inspect_model

        return inspect_model(self.path)

    def check(self) -> str:
        """What is wrong with this model ("" when nothing is): ``models list`` shows it."""
        if self.problem:
            return self.problem
        try:
            self.inspect()
        except ModelError as err:
            return str(err).removeprefix(f"{self.path}: ")
        return ""


class ModelStore:
    """The directory of installed models; every change goes through here."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = models_dir(root)

    def hidden_dir(self, name: str) -> Path:
        """``.tmp`` or ``.locks``, made if missing; tlsum's own, so a file in the way goes."""
        path = self.root / name
        if path.is_file() or path.is_symlink():
            path.unlink()
        path.mkdir(parents=True, exist_ok=True)
        return path

    def models(self) -> list[InstalledModel]:
        """Installed models, sorted by id (hidden folders skipped)."""
        if not self.root.is_dir():
            return []
        out = []
        for path in sorted(self.root.iterdir()):
            if path.is_dir() and not path.name.startswith("."):
                out.append(self._load(path))
        return out

    def _load(self, path: Path) -> InstalledModel:
        """The model in ``path``; an unreadable manifest makes it broken, never an error here.

        One damaged model must not stop ``list``, or its own ``remove``.
        """
        try:
            manifest = Manifest.from_dict({"id": path.name, **read_manifest(path)})
        except (ModelStoreError, TypeError, ValueError) as err:
            return InstalledModel(path, Manifest(path.name, "", (), (), ""),
                                  problem=str(err).removeprefix(f"{path / MANIFEST_NAME}: "))
        return InstalledModel(path, manifest)

    def find(self, name: str) -> InstalledModel | None:
        """The installed model with this id (or directory name), if any."""
        path = self.root / clean_id(name)
        if path.is_dir() and not path.name.startswith("."):
            return self._load(path)
        return next((m for m in self.models() if m.manifest.id == name), None)

    def get(self, name: str) -> InstalledModel:
        """Like ``find`` but raises a one-line error naming the fix."""
        model = self.find(name)
        if model is None:
            raise ModelStoreError(f"no installed model {name!r}; see `tlsum models list`")
        return model

    def lock(self, model_id: str, timeout: float = -1) -> FileLock:
        """An inter-process lock for one model id (held during a pull or removal)."""
        from filelock import FileLock

        path = self.hidden_dir(".locks") / f"{clean_id(model_id)}.lock"
        return FileLock(str(path), timeout=timeout)

    @contextmanager
    def locked(self, model_id: str, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold ``lock(model_id)``; call ``waiting(model_id)`` first if another process has it."""
        from filelock import Timeout

        lock = self.lock(model_id)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if waiting:
                waiting(model_id)
            lock.acquire()
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A fresh directory on the store's file system, removed on exit whatever happens.

        Leftovers of a killed process (older than a day, so never a running
        pull's) are swept first.
        """
        tmp = self.hidden_dir(".tmp")
        for stale in tmp.iterdir():
            if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        path = Path(tempfile.mkdtemp(prefix="stage-", dir=tmp))
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def remove(self, name: str) -> Path:
        """Delete an installed model: renamed aside first, so it vanishes atomically."""
        model = self.get(name)
        with self.lock(model.id):
            _move_aside(self, model.path)
        return model.path

    def install(self, src: Path, *, model_id: str, origin: str, license: str = "",
                version: str = "", replace: bool = False) -> InstalledModel:
        """Move a complete model directory from staging into the store.

        ``src`` must be inside this store's staging area (same file system, so
        the final ``os.rename`` is atomic). The model is inspected first: a
        directory that tlsum cannot load is refused, not installed. Callers
        hold ``lock(model_id)``.
        """
        model_id = clean_id(model_id)
        info = _inspect_for_install(src, origin)
        license = license or str(read_manifest(src).get("license", ""))
        manifest = Manifest(
            id=model_id, format=info.format, sources=tuple(info.sources),
            targets=tuple(info.targets), origin=origin, license=license,
            size=tree_size(src), files=hash_tree(src),
            installed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            version=version or info.version,
        )
        _write_manifest(src, manifest)
        final = self.root / model_id
        if final.exists():
            if not replace:
                raise ModelStoreError(f"{model_id} is already installed; remove it first")
            _move_aside(self, final)
        os.rename(src, final)
        return self._load(final)

    def verify(self, name: str) -> list[str]:
        """Files whose sha256 no longer matches the manifest (empty: intact)."""
        model = self.get(name)
        recorded = model.manifest.files
        actual = hash_tree(model.path)
        problems = [f"{p}: changed" for p in recorded if p in actual and actual[p] != recorded[p]]
        problems += [f"{p}: missing" for p in recorded if p not in actual]
        problems += [f"{p}: not in manifest" for p in actual if p not in recorded]
        return problems


def _move_aside(store: ModelStore, final: Path) -> None:
    """Rename an installed model into staging and delete it there (caller holds the lock)."""
    trash = Path(tempfile.mkdtemp(prefix="trash-", dir=store.hidden_dir(".tmp")))
    os.rename(final, trash / final.name)
    shutil.rmtree(trash, ignore_errors=True)


def _inspect_for_install(src: Path, origin: str) -> ModelInfo:
    from tlsum.models.format import inspect_model

    try:
        return inspect_model(src)
    except ModelError as err:
        raise ModelStoreError(f"{origin}: not a usable translation model: {err}") from err


def _write_manifest(model_dir: Path, manifest: Manifest) -> None:
    """Write our manifest, keeping keys that another tool (or the trainer) wrote."""
    data = read_manifest(model_dir)
    data.update(manifest.to_dict())
    tmp = model_dir / (MANIFEST_NAME + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, model_dir / MANIFEST_NAME)

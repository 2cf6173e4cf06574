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
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlsum.errors import ModelError, ModelStoreError

if TYPE_CHECKING:
    import httpx
    from filelock import FileLock

    from tlsum.download import DownloadOptions, ProgressCallback
    from tlsum.modelformat import ModelInfo
    from tlsum.registry import PullPlan

MANIFEST_NAME = "tlsum-model.json"
STALE_SECONDS = 24 * 3600  # staging dirs this old belong to a process that died
_ID_RE = re.compile(r"[^A-Za-z0-9._-]+")


def default_models_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The store root: an explicit path, else ``TLSUM_MODELS_DIR``, else the user data dir."""
    if override:
        return Path(override).expanduser()
    if os.environ.get("TLSUM_MODELS_DIR"):
        return Path(os.environ["TLSUM_MODELS_DIR"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tlsum")) / "models"


def clean_id(name: str) -> str:
    """A model id safe as one directory name (``Helsinki-NLP/x`` -> ``Helsinki-NLP-x``)."""
    cleaned = _ID_RE.sub("-", name).strip(".-")
    if not cleaned:
        raise ModelStoreError(f"{name!r} is not usable as a model name")
    return cleaned


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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelStoreError(f"{path}: unreadable manifest: {err}") from err
    return data if isinstance(data, dict) else {}


def hash_tree(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (links and the manifest excluded)."""
    from tlsum.download import file_sha256

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

    @property
    def id(self) -> str:
        """The model id (its directory name)."""
        return self.path.name

    def inspect(self) -> ModelInfo:
        """What ``tlsum.modelformat`` makes of the directory (raises ModelError)."""
        from tlsum.modelformat import inspect_model

        return inspect_model(self.path)


class ModelStore:
    """The directory of installed models; every change goes through here."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = default_models_dir(root)

    def _hidden(self, name: str) -> Path:
        path = self.root / name
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
        data = read_manifest(path)
        data.setdefault("id", path.name)
        return InstalledModel(path, Manifest.from_dict(data))

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

        return FileLock(str(self._hidden(".locks") / f"{clean_id(model_id)}.lock"), timeout=timeout)

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
        tmp = self._hidden(".tmp")
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
    trash = Path(tempfile.mkdtemp(prefix="trash-", dir=store._hidden(".tmp")))
    os.rename(final, trash / final.name)
    shutil.rmtree(trash, ignore_errors=True)


def _inspect_for_install(src: Path, origin: str) -> ModelInfo:
    from tlsum.modelformat import inspect_model

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


# --- getting models into the store ------------------------------------------------------


@dataclass(frozen=True)
class PullResult:
    """The installed model, and whether this call installed it (False: it was there)."""

    model: InstalledModel
    installed: bool


ConfirmLicense = Callable[["PullPlan"], bool]


def pull(name: str, store: ModelStore, *, progress: ProgressCallback | None = None,
         confirm: ConfirmLicense | None = None, offline: bool = False, force: bool = False,
         options: DownloadOptions | None = None,
         waiting: Callable[[str], None] | None = None) -> PullResult:
    """Download and install ``name`` (see ``tlsum.registry`` for the accepted names).

    Runs under the model's lock: a second concurrent pull waits, then finds
    the model installed and returns it without touching the network. Offline,
    nothing is contacted at all. A license that needs acceptance (CC-BY-NC)
    is passed to ``confirm``; without a yes nothing is downloaded. ``waiting``
    hears about it when another pull of the same model holds the lock.
    """
    from tlsum.download import make_client, offline_requested, refuse_offline
    from tlsum.registry import model_id_for, resolve

    model_id = model_id_for(name)
    existing = store.find(model_id)
    if offline_requested(offline):
        if existing and not force:
            return PullResult(existing, False)
        raise refuse_offline(f"pulling {name}")
    with store.locked(model_id, waiting):
        existing = store.find(model_id)
        if existing and not force:
            return PullResult(existing, False)
        with make_client(options) as client:
            plan = resolve(name, client)
            _accept_license(plan, confirm)
            with store.staging() as stage:
                root = _fetch_plan(plan, stage, client, progress, options)
                model = store.install(root, model_id=plan.model_id, origin=plan.origin,
                                      license=plan.license, version=plan.version, replace=force)
    return PullResult(model, True)


def _accept_license(plan: PullPlan, confirm: ConfirmLicense | None) -> None:
    if plan.needs_acceptance and not (confirm and confirm(plan)):
        raise ModelStoreError(
            f"{plan.model_id} is licensed {plan.license} ({plan.license_url or plan.origin}); "
            "not downloaded: accept the license interactively or pass --accept-license"
        )


def _fetch_plan(plan: PullPlan, stage: Path, client: httpx.Client,
                progress: ProgressCallback | None, options: DownloadOptions | None) -> Path:
    """Download (and unpack) everything in the plan; return the model directory."""
    from tlsum.archive import safe_relpath, single_root, unpack
    from tlsum.download import check_free_space, download

    if plan.size:
        check_free_space(stage, plan.size * (2 if plan.archive else 1))
    archive = plan.archive
    if archive is not None:
        packed = stage / "download" / (Path(archive.url.split("?")[0]).name or "model.zip")
        packed.parent.mkdir()
        download(archive.url, packed, client=client, sha256=archive.sha256,
                 progress=progress, options=options)
        root = single_root(unpack(packed, stage / plan.model_id))
        packed.unlink()
    else:
        root = stage / plan.model_id
    for item in (*(f for f in plan.files if f.dest), *plan.extra):
        target = root / safe_relpath(item.dest, plan.origin)
        target.parent.mkdir(parents=True, exist_ok=True)
        download(item.url, target, client=client, sha256=item.sha256,
                 progress=progress, options=options)
    return root


def import_path(path: Path, store: ModelStore, *, name: str | None = None,
                force: bool = False) -> InstalledModel:
    """Install a local model directory or archive (``.argosmodel``, zip, tar) by copy."""
    from tlsum.archive import archive_stem, is_archive, single_root, unpack

    path = Path(path).expanduser()
    with store.staging() as stage:
        if path.is_dir():
            root = stage / clean_id(name or path.name)
            shutil.copytree(path, root, symlinks=False)
        elif is_archive(path):
            root = single_root(unpack(path, stage / clean_id(name or archive_stem(path))))
        else:
            raise ModelStoreError(f"{path}: not a model directory or a zip/tar/.argosmodel archive")
        model_id = name or _natural_id(root, archive_stem(path) if path.is_file() else path.name)
        with store.lock(model_id):
            if store.find(model_id) and not force:
                raise ModelStoreError(f"{model_id} is already installed; use --force to replace it")
            return store.install(root, model_id=model_id, origin=str(path.resolve()),
                                 replace=force)


def _natural_id(root: Path, fallback: str) -> str:
    """A model's own id: its manifest id, ``argos-xx-yy`` for argos packages, else its name."""
    manifest = read_manifest(root)
    if manifest.get("id"):
        return clean_id(str(manifest["id"]))
    meta = root / "metadata.json"
    if meta.is_file() and (root / "model").is_dir():
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict) and data.get("from_code") and data.get("to_code"):
            return clean_id(f"argos-{data['from_code']}-{data['to_code']}")
    return clean_id(fallback)


_CONVERT_COPY = ("source.spm", "target.spm", "sentencepiece.bpe.model", "spm.128k.model")
CONVERT_HINT = "`tlsum models convert` needs transformers and torch: pip install 'tlsum[convert]'"


def convert(model: str, store: ModelStore, *, name: str | None = None,
            quantization: str = "int8", sources: tuple[str, ...] = (),
            targets: tuple[str, ...] = (), offline: bool = False,
            force: bool = False) -> InstalledModel:
    """Convert a Transformers model (hub id or local dir) with CTranslate2 and install it.

    Needs the optional ``convert`` extra; without it, one line says what to install.
    Languages come from the arguments, else the registry entry for ``model``,
    else what ``tlsum.modelformat`` reads from the name (opus-mt-ru-en).
    """
    import importlib.util

    from tlsum.download import offline_requested, refuse_offline
    from tlsum.registry import load_registry

    if not all(importlib.util.find_spec(m) for m in ("transformers", "torch")):
        raise ModelStoreError(CONVERT_HINT)
    local = Path(model).expanduser().is_dir()
    if offline_requested(offline) and not local:
        raise refuse_offline(f"downloading {model} to convert it")
    entry = next((e for e in load_registry() if e.convert == model), None)
    model_id = clean_id(name or (entry.id if entry else Path(model.rstrip("/")).name))
    with store.lock(model_id):
        if store.find(model_id) and not force:
            raise ModelStoreError(f"{model_id} is already installed; use --force to replace it")
        with store.staging() as stage:
            out = stage / model_id
            _run_converter(model, out, quantization, local)
            hints = {"format": entry.format if entry else None,
                     "sources": list(sources or (entry.sources if entry else ())) or None,
                     "targets": list(targets or (entry.targets if entry else ())) or None}
            _write_hints(out, {k: v for k, v in hints.items() if v})
            return store.install(out, model_id=model_id, origin=f"convert:{model}",
                                 license=entry.license if entry else "", replace=force)


def _run_converter(model: str, out: Path, quantization: str, local: bool) -> None:
    from ctranslate2.converters import TransformersConverter

    try:
        copy = _copy_candidates(model, local)
        TransformersConverter(model, copy_files=copy).convert(
            str(out), quantization=quantization, force=True
        )
    except (OSError, ValueError, RuntimeError, KeyError) as err:
        raise ModelStoreError(f"converting {model} failed: {err}") from err


def _copy_candidates(model: str, local: bool) -> list[str]:
    """The tokenizer files the model has, to copy next to the converted weights."""
    if local:
        return [f for f in _CONVERT_COPY if (Path(model).expanduser() / f).is_file()]
    from huggingface_hub import list_repo_files

    return [f for f in _CONVERT_COPY if f in set(list_repo_files(model))]


def _write_hints(model_dir: Path, hints: dict[str, Any]) -> None:
    """Seed the manifest with what the converter cannot know (languages, format)."""
    if hints:
        data = read_manifest(model_dir)
        data.update(hints)
        (model_dir / MANIFEST_NAME).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

"""Getting models into the store: pull from the registry or a URL, import a path, convert.

Every route ends in ``ModelStore.install`` (one rename of a complete, verified staging
directory), under the model's lock, so an interrupted install leaves nothing behind.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlsum.dirs import offline as offline_mode
from tlsum.errors import ModelStoreError
from tlsum.files import read_json_object
from tlsum.models.paths import MANIFEST_NAME, clean_id
from tlsum.models.store import InstalledModel, ModelStore, read_manifest

if TYPE_CHECKING:
    import httpx

    from tlsum.models.download import DownloadOptions, ProgressCallback
    from tlsum.models.gguf_convert import Progress
    from tlsum.models.registry import PullPlan


@dataclass(frozen=True)
class PullResult:
    """The installed model, and whether this call installed it (False: it was there)."""

    model: InstalledModel
    installed: bool


ConfirmLicense = Callable[["PullPlan"], bool]


def pull(name: str, store: ModelStore, *, progress: ProgressCallback | None = None,
         confirm: ConfirmLicense | None = None, offline: bool = False, force: bool = False,
         options: DownloadOptions | None = None,
         waiting: Callable[[str], None] | None = None,
         converting: Progress | None = None) -> PullResult:
    """Download and install ``name`` (see ``tlsum.models.registry`` for the accepted names).

    Runs under the model's lock: a second concurrent pull waits, then finds
    the model installed and returns it without touching the network. Offline,
    nothing is contacted at all. A license that needs acceptance (CC-BY-NC)
    is passed to ``confirm``; without a yes nothing is downloaded. ``waiting``
    hears about it when another pull of the same model holds the lock. A GGUF
    (an instruct model) is converted after its download; ``converting`` hears how far.
    """
    from tlsum.models.download import make_client, refuse_offline
    from tlsum.models.registry import model_id_for, resolve

    model_id = model_id_for(name)
    existing = _usable(store.find(model_id))
    if offline_mode(offline):
        if existing and not force:
            return PullResult(existing, False)
        raise refuse_offline(f"pulling {name}")
    with store.locked(model_id, waiting):
        existing = _usable(store.find(model_id))
        if existing and not force:
            return PullResult(existing, False)
        force = force or store.find(model_id) is not None  # a broken copy is replaced
        with make_client(options) as client:
            plan = resolve(name, client)
            if plan.gguf:
                from tlsum.models.gguf_convert import check_available

                check_available()  # before a download we could not convert
            _accept_license(plan, confirm)
            with store.staging() as stage:
                root = _fetch_plan(plan, stage, client, progress, options)
                if plan.gguf:
                    return PullResult(_install_gguf(root, stage, store, plan, force,
                                                    converting), True)
                model = store.install(root, model_id=plan.model_id, origin=plan.origin,
                                      license=plan.license, version=plan.version, replace=force)
    return PullResult(model, True)


def _install_gguf(root: Path, stage: Path, store: ModelStore, plan: PullPlan, force: bool,
                  converting: Progress | None) -> InstalledModel:
    from tlsum.models.gguf_install import convert_pulled

    return convert_pulled(root, stage, store, model_id=plan.model_id, origin=plan.origin,
                          license=plan.license, replace=force, progress=converting)


def _usable(model: InstalledModel | None) -> InstalledModel | None:
    """The installed model unless it is broken (a pull then installs it again)."""
    return model if model is not None and not model.check() else None


def _accept_license(plan: PullPlan, confirm: ConfirmLicense | None) -> None:
    if plan.needs_acceptance and not (confirm and confirm(plan)):
        raise ModelStoreError(
            f"{plan.model_id} is licensed {plan.license} ({plan.license_url or plan.origin}); "
            "not downloaded: accept the license interactively or pass --accept-license"
        )


def _fetch_plan(plan: PullPlan, stage: Path, client: httpx.Client,
                progress: ProgressCallback | None, options: DownloadOptions | None) -> Path:
    """Download (and unpack) everything in the plan; return the model directory."""
    from tlsum.models.archive import safe_relpath, single_root, unpack
    from tlsum.models.download import check_free_space, download

    if plan.size:
        check_free_space(stage, plan.size * (2 if plan.archive else 3 if plan.gguf else 1))
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
    """Install a local model directory or archive (``.argosmodel``, zip, tar) by copy.

    A GGUF file (told by its magic bytes, or its extension) is converted instead.
    """
    from tlsum.models.archive import archive_stem, is_archive, single_root, unpack

    path = Path(path).expanduser()
    if looks_like_gguf(path):
        from tlsum.models.gguf_install import import_gguf

        return import_gguf(path, store, name=name, force=force)
    with store.staging() as stage:
        if path.is_dir():
            root = stage / clean_id(name or path.name)
            _check_copyable(path)
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


def looks_like_gguf(path: Path) -> bool:
    """A file with the GGUF magic, or named ``.gguf`` (then a bad magic is reported as such)."""
    from tlsum.models.gguf_file import is_gguf

    return path.is_file() and (path.suffix.lower() == ".gguf" or is_gguf(path))


def _check_copyable(root: Path) -> None:
    """Refuse, in one line, what a plain copy of a model directory cannot take.

    A link to a file is copied as that file (a Hugging Face snapshot links into
    its blob store); a link to a directory (it may loop), a dangling link and a
    FIFO, socket or device are refused before anything is copied.
    """
    for folder, dirs, files in os.walk(root):
        for name in (*dirs, *files):
            path = Path(folder) / name
            try:
                mode = path.stat().st_mode  # follows links: dangling or looping ones raise
            except OSError as err:
                raise ModelStoreError(f"{path}: cannot import {_unreadable(path, err)}") from None
            if path.is_symlink() and stat.S_ISDIR(mode):
                raise ModelStoreError(f"{path}: cannot import a symlink to a directory")
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                raise ModelStoreError(f"{path}: cannot import a special file (FIFO, socket "
                                      "or device); a model holds regular files only")


def _unreadable(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "a symlink loop"
    return "a dangling symlink" if path.is_symlink() else f"an unreadable file ({err.strerror})"


def _natural_id(root: Path, fallback: str) -> str:
    """A model's own id: its manifest id, ``argos-xx-yy`` for argos packages, else its name."""
    manifest = read_manifest(root)
    if manifest.get("id"):
        return clean_id(str(manifest["id"]))
    meta = root / "metadata.json"
    if meta.is_file() and (root / "model").is_dir():
        try:
            data = read_json_object(meta, ModelStoreError)
        except ModelStoreError:
            data = {}
        if data.get("from_code") and data.get("to_code"):
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
    else what ``tlsum.models.format`` reads from the name (opus-mt-ru-en).
    """
    import importlib.util

    from tlsum.models.download import refuse_offline
    from tlsum.models.registry import load_registry

    if not all(importlib.util.find_spec(m) for m in ("transformers", "torch")):
        raise ModelStoreError(CONVERT_HINT)
    local = Path(model).expanduser().is_dir()
    if offline_mode(offline) and not local:
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

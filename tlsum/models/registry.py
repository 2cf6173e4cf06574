"""Where models come from: the bundled registry and the names ``models pull`` accepts.

``models/registry.toml`` lists the models we recommend, with languages,
licenses, sizes and a quality note with its source. ``resolve`` turns a
name into a ``PullPlan`` (what to download, from where, under which license):

    argos:ru-en            newest ru->en package of the argos index (TLSUM_ARGOS_INDEX)
    hf:OWNER/REPO          a CTranslate2 conversion on a hub (TLSUM_HF_ENDPOINT)
    https://.../x.zip      an archive (.argosmodel, zip, tar)
    hf:OWNER/REPO/F.gguf   a GGUF instruct model on a hub, converted on install (also a
                           https://.../F.gguf URL)
    opus-mt-tc-big-zle-en  a registry id
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from tlsum.errors import ModelStoreError
from tlsum.files import read_toml
from tlsum.models.paths import clean_id, hf_endpoint

if TYPE_CHECKING:
    import httpx

DEFAULT_ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
# Weights in other frameworks: a CTranslate2 conversion never needs them.
_SKIP_SUFFIXES = (".safetensors", ".h5", ".msgpack", ".onnx", ".ot", ".pt", ".pth", ".ckpt")
_SKIP_NAMES = {"pytorch_model.bin", ".gitattributes"}


def argos_index_url() -> str:
    """The argos package index (``TLSUM_ARGOS_INDEX`` overrides, e.g. for tests or mirrors)."""
    return os.environ.get("TLSUM_ARGOS_INDEX") or DEFAULT_ARGOS_INDEX


@dataclass(frozen=True)
class RegistryEntry:
    """One recommended model (a row of ``models/registry.toml``)."""

    id: str
    name: str
    format: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    pull: str = ""  # argos:xx-yy, hf:owner/repo or a URL; "" = build it with `models convert`
    convert: str = ""  # Hugging Face id that `tlsum models convert` turns into this model
    extra_files: tuple[str, ...] = ()  # hf:owner/repo/file or URLs added next to the model
    size_mb: int = 0  # approximate download size; 0 = unknown
    sha256: str = ""  # of the archive when `pull` is a URL; "" = not published / unknown
    license: str = ""
    license_url: str = ""
    quality: str = ""
    quality_source: str = ""
    rank: int = 0  # higher is better when several entries cover a pair
    verified: str = ""  # what could and could not be checked when the entry was written

    def covers(self, src: str | None, tgt: str | None) -> bool:
        """True when the entry reads ``src`` and writes ``tgt`` (None: any)."""
        return (src is None or src in self.sources) and (tgt is None or tgt in self.targets) and (
            src is None or tgt is None or src != tgt
        )

    @property
    def needs_acceptance(self) -> bool:
        """Non-commercial licenses are shown and must be accepted before a pull."""
        return license_needs_acceptance(self.license)

    @property
    def command(self) -> str:
        """The shell command that installs this entry."""
        if self.pull:
            return f"tlsum models pull {self.id}"
        return f"tlsum models convert {self.convert} --name {self.id}"


def license_needs_acceptance(license_id: str) -> bool:
    """CC-BY-NC, qwen-research and similar: the user must agree to the restricted terms."""
    parts = license_id.lower().replace("_", "-").split("-")
    return bool({"nc", "noncommercial", "research"} & set(parts))


def registry_path() -> Path:
    """``models/registry.toml`` in a checkout, or the copy shipped in the package data."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "models" / "registry.toml",
                      package / "data" / "registry.toml"):
        if candidate.is_file():
            return candidate
    raise ModelStoreError("the bundled model registry (models/registry.toml) is missing")


@lru_cache(maxsize=4)
def load_registry(path: Path | None = None) -> tuple[RegistryEntry, ...]:
    """All entries of the registry file, in file order."""
    path = path or registry_path()
    data = read_toml(path)
    return tuple(_entry(raw) for raw in data.get("models", []))


def _entry(raw: dict[str, Any]) -> RegistryEntry:
    values = dict(raw)
    for key in ("sources", "targets", "extra_files"):
        values[key] = tuple(values.get(key, ()))
    return RegistryEntry(**values)


def get_entry(name: str) -> RegistryEntry | None:
    """The registry entry with this id, if any."""
    return next((e for e in load_registry() if e.id == name), None)


def candidates(src: str | None = None, tgt: str | None = None) -> list[RegistryEntry]:
    """Entries covering the pair, best first (rank, then registry order)."""
    entries = [e for e in load_registry() if e.covers(src, tgt)]
    return sorted(entries, key=lambda e: -e.rank)


def best_for(src: str, tgt: str, pullable_only: bool = True) -> RegistryEntry | None:
    """The entry to suggest when no installed model covers ``src`` -> ``tgt``.

    By default only entries one ``tlsum models pull`` away are considered
    (a conversion needs the heavy ``convert`` extra); pass
    ``pullable_only=False`` for the best quality regardless.
    """
    for entry in candidates(src, tgt):
        if entry.pull or not pullable_only:
            return entry
    return None


@dataclass(frozen=True)
class RemoteFile:
    """One file to download: into ``dest`` inside the model, or an archive to unpack."""

    url: str
    dest: str  # path inside the model directory; "" for an archive
    sha256: str = ""
    size: int | None = None


@dataclass(frozen=True)
class PullPlan:
    """Everything a pull will fetch, decided before the first byte of a model moves."""

    model_id: str
    origin: str
    files: tuple[RemoteFile, ...]
    license: str = ""
    license_url: str = ""
    version: str = ""
    entry: RegistryEntry | None = None
    extra: tuple[RemoteFile, ...] = field(default=())

    @property
    def archive(self) -> RemoteFile | None:
        """The archive to unpack, when the model comes as one."""
        return next((f for f in self.files if not f.dest), None)

    @property
    def size(self) -> int | None:
        """Total bytes to download, when every size is known."""
        sizes = [f.size for f in (*self.files, *self.extra)]
        return None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)

    @property
    def needs_acceptance(self) -> bool:
        """True when the user must accept the license first."""
        return license_needs_acceptance(self.license)

    @property
    def gguf(self) -> bool:
        """True when the download is a GGUF file to convert into an instruct model."""
        return any(f.dest.endswith(".gguf") for f in self.files)


def model_id_for(name: str) -> str:
    """The store id a pull of ``name`` installs under, known without the network."""
    from tlsum.models.archive import archive_stem

    entry = _entry_for(name)
    if entry:
        return entry.id
    if name.startswith("argos:"):
        return clean_id("argos-" + name.split(":", 1)[1])
    if name.startswith("hf:"):
        return clean_id(name.split(":", 1)[1].rstrip("/").rsplit("/", 1)[-1].removesuffix(".gguf"))
    if _is_url(name):
        path = Path(urlparse(name).path)
        return clean_id(path.stem if path.suffix == ".gguf" else archive_stem(path))
    raise ModelStoreError(
        f"unknown model {name!r}: use a registry id (see `tlsum models available`), "
        "argos:xx-yy, hf:OWNER/REPO or an https:// archive URL"
    )


def _is_url(name: str) -> bool:
    return urlparse(name).scheme in ("http", "https")


def _entry_for(name: str) -> RegistryEntry | None:
    """The registry entry named ``name``, or the one that pulls exactly ``name``."""
    return get_entry(name) or next((e for e in load_registry() if e.pull and e.pull == name), None)


def resolve(name: str, client: httpx.Client) -> PullPlan:
    """Turn a pull name into a plan; may read the argos index or a hub listing.

    A registry entry, whether named by id or by its source, brings its license,
    checksum and extra files along.
    """
    entry = _entry_for(name)
    if entry is None:
        return _resolve_source(name, model_id_for(name), client)
    if not entry.pull:
        raise ModelStoreError(
            f"{entry.id} has no prebuilt download; build it with: {entry.command}"
        )
    base = _resolve_source(entry.pull, entry.id, client, entry)
    return PullPlan(
        model_id=entry.id, origin=base.origin, files=base.files,
        license=entry.license or base.license, license_url=entry.license_url or base.license_url,
        version=base.version, entry=entry,
        extra=tuple(_extra_file(spec) for spec in entry.extra_files),
    )


def _resolve_source(spec: str, model_id: str, client: httpx.Client,
                    entry: RegistryEntry | None = None) -> PullPlan:
    if spec.startswith("argos:"):
        return _resolve_argos(spec, model_id, client)
    if spec.endswith(".gguf"):
        file = _extra_file(spec)  # keeps the name: a split model's parts are found by it
        size = entry.size_mb * 10**6 if entry and entry.size_mb else None
        return PullPlan(model_id=model_id, origin=spec, files=(
            RemoteFile(file.url, file.dest, entry.sha256 if entry else "", size),))
    if spec.startswith("hf:"):
        return _resolve_hf(spec, model_id, client)
    size = entry.size_mb * 10**6 if entry and entry.size_mb else None
    return PullPlan(model_id=model_id, origin=spec,
                    files=(RemoteFile(spec, "", entry.sha256 if entry else "", size),))


def _extra_file(spec: str) -> RemoteFile:
    """``hf:owner/repo/path`` or a URL -> a file placed at the model's top level."""
    if spec.startswith("hf:"):
        owner, repo, path = spec[3:].split("/", 2)
        return RemoteFile(f"{hf_endpoint()}/{owner}/{repo}/resolve/main/{path}",
                          path.rsplit("/", 1)[-1])
    return RemoteFile(spec, urlparse(spec).path.rsplit("/", 1)[-1])


def argos_packages(client: httpx.Client) -> list[dict[str, Any]]:
    """The translate packages of the argos index (a JSON list of package dicts)."""
    from tlsum.models.download import fetch_json

    data = fetch_json(client, argos_index_url())
    if not isinstance(data, list):
        raise ModelStoreError(f"{argos_index_url()}: not an argos package index")
    return [p for p in data if isinstance(p, dict) and p.get("type", "translate") == "translate"
            and p.get("from_code") and p.get("to_code")]


def _version_key(package: dict[str, Any]) -> tuple[int, ...]:
    parts = str(package.get("package_version", "0")).split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts)


def _resolve_argos(name: str, model_id: str, client: httpx.Client) -> PullPlan:
    pair = name.split(":", 1)[1]
    src, _, tgt = pair.partition("-")
    matches = [p for p in argos_packages(client)
               if p["from_code"] == src and p["to_code"] == tgt and p.get("links")]
    if not matches:
        raise ModelStoreError(f"the argos index has no {src}->{tgt} package ({argos_index_url()})")
    package = max(matches, key=_version_key)
    return PullPlan(
        model_id=model_id, origin=name, files=(RemoteFile(str(package["links"][0]), ""),),
        license=str(package.get("license", "")), version=str(package.get("package_version", "")),
    )


def hf_files(listing: dict[str, Any]) -> list[RemoteFile]:
    """The files of a hub listing worth downloading (no framework weights)."""
    from tlsum.models.archive import safe_relpath

    repo = str(listing.get("id") or listing.get("modelId") or "")
    out = []
    for sibling in listing.get("siblings") or []:
        name = safe_relpath(str(sibling.get("rfilename", "")), f"hf:{repo}")
        base = name.rsplit("/", 1)[-1]
        if not name or base in _SKIP_NAMES or base.lower().endswith(_SKIP_SUFFIXES):
            continue
        lfs = sibling.get("lfs") or {}
        size = lfs.get("size", sibling.get("size"))
        out.append(RemoteFile("", name, str(lfs.get("sha256", "")),
                              int(size) if size is not None else None))
    return out


def _hf_license(listing: dict[str, Any]) -> str:
    card = listing.get("cardData") or {}
    if card.get("license"):
        return str(card["license"])
    tags = [t for t in listing.get("tags") or [] if str(t).startswith("license:")]
    return tags[0].split(":", 1)[1] if tags else ""


def _resolve_hf(name: str, model_id: str, client: httpx.Client) -> PullPlan:
    from tlsum.models.download import fetch_json

    repo = name.split(":", 1)[1].strip("/")
    base = hf_endpoint()
    listing = fetch_json(client, f"{base}/api/models/{repo}?blobs=true")
    files = [RemoteFile(f"{base}/{repo}/resolve/main/{f.dest}", f.dest, f.sha256, f.size)
             for f in hf_files(listing if isinstance(listing, dict) else {})]
    if not any(f.dest in ("model.bin", "model/model.bin") for f in files):
        raise ModelStoreError(
            f"{name} has no CTranslate2 model.bin; to convert a Transformers model run: "
            f"tlsum models convert {repo}"
        )
    return PullPlan(model_id=model_id, origin=name, files=tuple(files),
                    license=_hf_license(listing), license_url=f"{base}/{repo}",
                    version=str(listing.get("sha", ""))[:12])

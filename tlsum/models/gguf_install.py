"""Installing an instruct model from a GGUF file: checked, converted in staging, renamed in.

``models import FILE.gguf`` and a pull of a registry entry whose source is a ``.gguf``
both end here. The file is checked whole (header, architecture, tokenizer, tensor
shapes) before the store is touched, converted into a staging directory of the store,
and installed by ``ModelStore.install`` (one rename), so a refused or interrupted
conversion leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tlsum.errors import ModelStoreError
from tlsum.models.gguf_convert import Progress, check_available, convert_gguf, inspect_gguf
from tlsum.models.paths import clean_id
from tlsum.models.store import InstalledModel, ModelStore

DEFAULT_QUANTIZATION = "int8"
# bytes per weight of a converted model (int8 weights; float16/float32 when asked)
_BYTES_PER_WEIGHT = {"int8": 1, "int8_float32": 1, "int8_float16": 1, "int16": 2,
                     "float16": 2, "float32": 4}


@dataclass(frozen=True)
class GGUFSummary:
    """What a GGUF says about itself, shown before the (long) conversion starts."""

    path: Path
    name: str
    family: str
    license: str
    layers: int
    weights: int  # number of parameters

    def converted_size(self, quantization: str) -> int:
        """Approximate bytes of the converted model."""
        return self.weights * _BYTES_PER_WEIGHT.get(quantization, 4)


Announce = Callable[[GGUFSummary], None]


def summarize(path: Path) -> GGUFSummary:
    """Check ``path`` completely (weights excepted) and describe it; ModelStoreError if bad."""
    header, hyper = inspect_gguf(path)
    weights = 0
    for info in header.tensors.values():
        count = 1
        for dim in info.dims:
            count *= dim
        weights += count
    return GGUFSummary(path=path, name=str(header.get("general.name", "") or path.stem),
                       family=hyper.arch, license=str(header.get("general.license", "")),
                       layers=hyper.layers, weights=weights)


def import_gguf(path: Path, store: ModelStore, *, name: str | None = None,
                force: bool = False, quantization: str = DEFAULT_QUANTIZATION,
                progress: Progress | None = None, announce: Announce | None = None,
                origin: str = "", license: str = "") -> InstalledModel:
    """Convert the GGUF at ``path`` and install it as ``name`` (default: the file's stem)."""
    check_available()
    path = Path(path).expanduser()
    summary = summarize(path)
    if announce:
        announce(summary)
    model_id = clean_id(name or path.stem)
    with store.lock(model_id):
        if store.find(model_id) and not force:
            raise ModelStoreError(f"{model_id} is already installed; use --force to replace it")
        with store.staging() as stage:
            return convert_into(path, stage, store, model_id=model_id, quantization=quantization,
                                progress=progress, origin=origin or str(path.resolve()),
                                license=license or summary.license, replace=force,
                                size=summary.converted_size(quantization))


def convert_into(path: Path, stage: Path, store: ModelStore, *, model_id: str,
                 quantization: str, progress: Progress | None, origin: str, license: str,
                 replace: bool, size: int = 0) -> InstalledModel:
    """Convert inside ``stage`` (a staging dir of ``store``) and install; caller holds the lock."""
    from tlsum.models.download import check_free_space

    if size:
        check_free_space(stage, size)
    out = stage / f"{model_id}.converted"
    convert_gguf(path, out, model_id=model_id, quantization=quantization, source=origin,
                 progress=progress)
    return store.install(out, model_id=model_id, origin=origin, license=license,
                         replace=replace)


def convert_pulled(root: Path, stage: Path, store: ModelStore, *, model_id: str,
                   origin: str, license: str, replace: bool,
                   progress: Progress | None = None) -> InstalledModel:
    """A pull's downloaded ``root/*.gguf``, converted and installed (``install.pull``).

    A split model's parts sort by their names, its first part first.
    """
    found = sorted(root.glob("*.gguf"))
    if not found:
        raise ModelStoreError(f"{origin}: the download holds no .gguf file")
    summary = summarize(found[0])
    return convert_into(found[0], stage, store, model_id=model_id,
                        quantization=DEFAULT_QUANTIZATION, progress=progress, origin=origin,
                        license=license or summary.license, replace=replace,
                        size=summary.converted_size(DEFAULT_QUANTIZATION))

"""Language identification with py3langid's model, without loading it.

py3langid ships a good 142-language model (a byte-level DFA that finds
features, then naive Bayes over them), but importing it costs numpy plus
reading 68 MB of arrays: about 0.4 s, most of a short run. This module reads
the same model through ``mmap`` and touches only the pages a text needs:
opening it takes a few milliseconds, and the answers are py3langid's own
(same argmax on every text of ``bench/langid.py``; probabilities within 1e-5,
the difference between float32 and float64 sums).

The model ships LZMA-compressed; it is unpacked once into the user cache dir
(``langid-SIZE-MTIME.npz``), written atomically and checked on every open:
a truncated or foreign file is rebuilt, and a cache dir that cannot be written
falls back to an unpacked copy in an anonymous temporary file.
"""

from __future__ import annotations

import ast
import logging
import lzma
import math
import mmap
import shutil
import struct
import tempfile
import unicodedata
import zipfile
from collections import Counter
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from tlsum.dirs import cache_dir

_ARRAY_CODES = {"<u2": "H", "<u4": "I", "<i4": "i", "<i8": "q", "<f4": "f"}
# Arrays the scorer needs: DFA rows, state -> row, state -> feature, class priors, the
# class names, and the per-feature class weights packed as one integer per feature.
_MEMBERS = ("nextmove", "nextmove_row", "out_feat", "pc", "classes", "rows", "row_shift",
            "row_limit")
_FIELD_BITS = 32
_FIELD_MASK = (1 << _FIELD_BITS) - 1


class ModelFileError(ValueError):
    """The unpacked model file is not what this module wrote (truncated, foreign)."""


# What opening a damaged copy raises: ours, and a directory or unreadable file in its place.
_BROKEN = (ModelFileError, IsADirectoryError, PermissionError)
log = logging.getLogger(__name__)


class Identifier:
    """Scores text against py3langid's model, read from an mmap'ed ``.npz``."""

    def __init__(self, handle: IO[bytes]) -> None:
        try:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError as err:  # an empty file
            raise ModelFileError(str(err)) from err
        members = _npy_members(handle, self._map)
        self._next = self._array(members, "nextmove")
        self._row = self._array(members, "nextmove_row")
        self._feature = self._array(members, "out_feat")
        self._prior: list[float] = [float(p) for p in self._array(members, "pc")]
        self.classes = _class_names(self._map, *members["classes"])
        rows, self._rows_at = members["rows"]
        self._row_bytes = len(self.classes) * _FIELD_BITS // 8
        if rows["descr"] != "|u1" or tuple(rows["shape"][1:]) != (self._row_bytes,):
            raise ModelFileError("unexpected weight table")
        if self._rows_at + math.prod(rows["shape"]) > len(self._map):
            raise ModelFileError("the weight table runs past the end of the file")
        self._scale = float(2 ** self._array(members, "row_shift")[0])
        self._row_limit = int(self._array(members, "row_limit")[0])
        self._aliases = _alias_pairs(self.classes)

    def _array(self, members: dict[str, tuple[dict[str, Any], int]], name: str) -> memoryview:
        """A typed, zero-copy view of one array of the model."""
        header, offset = members[name]
        code = _ARRAY_CODES.get(header["descr"])
        if code is None:
            raise ModelFileError(f"unexpected dtype for {name}")
        end = offset + math.prod(header["shape"]) * struct.calcsize(code)
        if end > len(self._map):
            raise ModelFileError(f"{name} runs past the end of the file")
        view: Any = memoryview(self._map)[offset:end]
        return view.cast(code)

    def scores(self, text: str) -> list[float]:
        """Probability per class (``classes`` order), as py3langid's ``norm_probs``."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
        counts = self._features(data)
        n = len(self.classes)
        probs = self._softmax(self._log_posterior(counts), len(data)) if counts else [1 / n] * n
        for first, dupe in self._aliases:
            probs[first] += probs[dupe]
            probs[dupe] = 0.0
        return probs

    def classify(self, text: str) -> tuple[str, float]:
        """The most likely language and its probability."""
        probs = self.scores(text)
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.classes[best], probs[best]

    def _features(self, data: bytes) -> Counter[int]:
        """Walk the DFA over the bytes and count the features it emits."""
        nxt, row, feature = self._next, self._row, self._feature
        state, found = 0, []
        for byte in data:
            state = nxt[(row[state] << 8) + byte]
            if feature[state] >= 0:
                found.append(feature[state])
        return Counter(found)

    def _log_posterior(self, counts: Counter[int]) -> list[float]:
        """Sum of log1p(count) x the feature's class weights, plus the priors.

        Each feature's weights are stored as one integer, 32 bits a class (the
        weight x -2**shift, exact for this model's float16 weights), so adding
        the rows of all features with the same count is one C-level ``sum`` of
        integers; the fields are split apart and weighted once per count.
        """
        by_count: dict[int, list[int]] = {}
        for feat, count in counts.items():
            by_count.setdefault(count, []).append(feat)
        total = list(self._prior)
        for count, feats in by_count.items():
            weight = -math.log1p(count) / self._scale
            sums = self._field_sums(feats)
            total = [t + weight * s for t, s in zip(total, sums, strict=True)]
        return total

    def _field_sums(self, feats: list[int]) -> list[int]:
        """Per class, the sum of the packed weights of ``feats`` (in runs that cannot overflow)."""
        data, at, size = self._map, self._rows_at, self._row_bytes
        sums = [0] * len(self.classes)
        for start in range(0, len(feats), self._row_limit):
            packed = sum(int.from_bytes(data[at + f * size:at + (f + 1) * size], "big")
                         for f in feats[start:start + self._row_limit])
            sums = [s + ((packed >> (_FIELD_BITS * j)) & _FIELD_MASK)
                    for j, s in enumerate(sums)]
        return sums

    @staticmethod
    def _softmax(log_post: list[float], length: int) -> list[float]:
        """py3langid's calibration: temperature sqrt(bytes), then softmax."""
        scale = 1.0 / math.sqrt(length or 1)
        scaled = [s * scale for s in log_post]
        top = max(scaled)
        exps = [math.exp(s - top) for s in scaled]
        total = sum(exps)
        return [e / total for e in exps]


def _npy_members(handle: IO[bytes], data: mmap.mmap) -> dict[str, tuple[dict[str, Any], int]]:
    """Header and data offset of each stored (uncompressed) array of the npz."""
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = {info.filename.removesuffix(".npy"): info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError) as err:
        raise ModelFileError(str(err)) from err
    if not set(_MEMBERS) <= set(infos):
        raise ModelFileError("missing arrays")
    return {name: _npy_header(data, infos[name]) for name in _MEMBERS}


def _npy_header(data: mmap.mmap, info: zipfile.ZipInfo) -> tuple[dict[str, Any], int]:
    """Parse one ``.npy`` member's header (format 1 or 2) where it sits in the file."""
    if info.compress_type != zipfile.ZIP_STORED:
        raise ModelFileError("compressed member")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    if data[start:start + 6] != b"\x93NUMPY" or data[start + 6] not in (1, 2):
        raise ModelFileError("not an npy array")
    wide = data[start + 6] == 2
    length = struct.unpack_from("<I" if wide else "<H", data, start + 8)[0]
    header_start = start + (12 if wide else 10)
    header = ast.literal_eval(data[header_start:header_start + length].decode("latin-1"))
    if not isinstance(header, dict) or header.get("fortran_order"):
        raise ModelFileError("unexpected array header")
    return header, header_start + length


def _class_names(data: mmap.mmap, header: dict[str, Any], offset: int) -> list[str]:
    """The class labels, stored as fixed-width UTF-32 strings (``<U3``)."""
    width = int(str(header["descr"]).removeprefix("<U"))
    count = int(header["shape"][0])
    raw = data[offset:offset + count * width * 4].decode("utf-32-le")
    return [raw[i * width:(i + 1) * width].rstrip("\0") for i in range(count)]


def _alias_pairs(classes: list[str]) -> list[tuple[int, int]]:
    """(first, duplicate) columns of labels that occur twice (py3langid folds them)."""
    first: dict[str, int] = {}
    pairs = []
    for i, name in enumerate(classes):
        if name in first:
            pairs.append((first[name], i))
        else:
            first.setdefault(name, i)
    return pairs


def packed_model() -> Path:
    """py3langid's bundled model file, found without importing py3langid (and numpy)."""
    from importlib.util import find_spec

    spec = find_spec("py3langid")
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError("py3langid is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "model.npz.xz"


def unpacked_path() -> Path:
    """Where the unpacked model is kept: named after the packed file's size and mtime."""
    stat = packed_model().stat()
    return cache_dir() / f"langid-{stat.st_size}-{int(stat.st_mtime)}.npz"


@lru_cache(maxsize=1)
def identifier() -> Identifier:
    """The identifier, opened once per process.

    A missing copy is built, a damaged one rebuilt (with a warning); when none
    can be kept (a read-only or full cache dir) a private one is built per run.
    """
    from tlsum.files import load_or_rebuild

    packed, target = packed_model(), unpacked_path()
    try:
        found = load_or_rebuild(target, _open, lambda out: _build(packed, out), _BROKEN)
    except (OSError, *_BROKEN) as err:
        log.warning("cannot keep an unpacked language-identification model in %s (%s); "
                    "unpacking it on every run instead", target.parent, err)
        return _open_anonymous(packed)
    _drop_older_copies(target)
    return found


def _open(path: Path) -> Identifier:
    """The identifier over the copy at ``path``."""
    with open(path, "rb") as handle:
        return Identifier(handle)


def _drop_older_copies(target: Path) -> None:
    """Remove the copies of another py3langid version, or of an older tlsum (68 MB each)."""
    for old in [*target.parent.glob("langid-*.npz"), *target.parent.glob("py3langid-*.npz")]:
        if old != target:
            with suppress(OSError):
                old.unlink()


def _open_anonymous(packed: Path) -> Identifier:
    """An unpacked copy nobody else sees (the cache dir is read-only or full)."""
    with tempfile.TemporaryFile() as handle:
        _build(packed, handle)
        handle.flush()
        return Identifier(handle)


def _build(packed: Path, out: IO[bytes]) -> None:
    """Write the model as this module reads it: py3langid's arrays, weights packed.

    Runs once per installed py3langid, so numpy (py3langid's own dependency)
    may be used here; it is never imported to identify a text.
    """
    import numpy as np

    with tempfile.TemporaryFile() as raw:
        with lzma.open(packed) as src:
            shutil.copyfileobj(src, raw, length=1 << 20)
        raw.seek(0)
        with np.load(raw, allow_pickle=False) as data:
            arrays = {name: data[name] for name in _MEMBERS[:5]}
            weights = -data["ptc"].astype(np.float64)  # negative log-probabilities
    np.savez(out, **arrays, **_packed_rows(np, weights))


def _packed_rows(np: Any, weights: Any) -> dict[str, Any]:
    """Each row as one big-endian integer of 32-bit fields (class j at bits 32j..32j+31)."""
    for shift in range(25):
        fixed = weights * 2.0 ** shift
        if np.array_equal(fixed, np.round(fixed)):
            break
    else:
        raise ModelFileError("the model's weights are not fixed-point numbers")
    if fixed.min() < 0 or fixed.max() >= 2 ** (_FIELD_BITS - 1):
        raise ModelFileError("the model's weights do not fit the packed fields")
    little = fixed.astype("<u4").view(np.uint8).reshape(len(fixed), -1)
    return {"rows": np.ascontiguousarray(little[:, ::-1]),
            "row_shift": np.array([shift], dtype="<i8"),
            "row_limit": np.array([2 ** _FIELD_BITS // (int(fixed.max()) + 1)], dtype="<i8")}

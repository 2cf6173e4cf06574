"""Language identification with py3langid's model, without loading it.

py3langid ships a good 142-language model (a byte-level DFA that finds
features, then naive Bayes over them), but importing it costs numpy plus
reading 68 MB of arrays: about 0.4 s, most of a short run. This module reads
the same model through ``mmap`` and touches only the pages a text needs:
opening it takes a few milliseconds, and the answers are py3langid's own
(same argmax on every text of ``bench/langid.py``; probabilities within 1e-5,
the difference between float32 and float64 sums).

The model ships LZMA-compressed; it is unpacked once into the user cache dir
(``py3langid-SIZE-MTIME.npz``), written atomically and checked on every open:
a truncated or foreign file is rebuilt, and a cache dir that cannot be written
falls back to an unpacked copy in an anonymous temporary file.
"""

from __future__ import annotations

import ast
import lzma
import math
import mmap
import os
import shutil
import struct
import tempfile
import unicodedata
import zipfile
from collections import Counter
from functools import lru_cache
from operator import add
from pathlib import Path
from typing import IO, Any

from tlsum.dirs import cache_dir

_ARRAY_CODES = {"<u2": "H", "<u4": "I", "<i4": "i", "<f4": "f"}
# Arrays the scorer needs: DFA rows, state -> row, state -> feature, class priors,
# per-feature class weights (float16) and the class names.
_MEMBERS = ("nextmove", "nextmove_row", "out_feat", "pc", "ptc", "classes")


class ModelFileError(ValueError):
    """The unpacked model file is not what this module wrote (truncated, foreign)."""


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
        ptc_header, self._ptc_offset = members["ptc"]
        if ptc_header["descr"] != "<f2" or ptc_header["shape"][1] != len(self.classes):
            raise ModelFileError("unexpected feature table")
        self._weights = struct.Struct(f"<{len(self.classes)}e")
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

        Rows with the same count are summed first and weighted once: most
        features occur once, so this is a handful of multiplications.
        """
        by_count: dict[int, list[int]] = {}
        for feat, count in counts.items():
            by_count.setdefault(count, []).append(feat)
        total = list(self._prior)
        unpack, base, size = self._weights.unpack_from, self._ptc_offset, self._weights.size
        for count, feats in by_count.items():
            rows = [0.0] * len(total)
            for feat in feats:
                rows = list(map(add, rows, unpack(self._map, base + feat * size)))
            weight = math.log1p(count)
            total = [t + weight * r for t, r in zip(total, rows, strict=True)]
        return total

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
    return cache_dir() / f"py3langid-{stat.st_size}-{int(stat.st_mtime)}.npz"


@lru_cache(maxsize=1)
def identifier() -> Identifier:
    """The identifier, opened once per process."""
    packed, target = packed_model(), unpacked_path()
    try:
        return _open_cached(packed, target)
    except OSError:
        return _open_anonymous(packed)


def _open_cached(packed: Path, target: Path) -> Identifier:
    """Open the cached copy; (re)build it when missing or damaged."""
    for attempt in range(2):
        if not target.is_file() or attempt:
            _unpack_to(packed, target)
        try:
            with open(target, "rb") as handle:
                return Identifier(handle)
        except ModelFileError:
            continue
    raise OSError(f"{target}: could not be rebuilt")


def _unpack_to(packed: Path, target: Path) -> None:
    """Decompress into a private temporary file, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(packed) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _open_anonymous(packed: Path) -> Identifier:
    """An unpacked copy nobody else sees (the cache dir is read-only or full)."""
    with tempfile.TemporaryFile() as handle:
        with lzma.open(packed) as src:
            shutil.copyfileobj(src, handle, length=1 << 20)
        handle.flush()
        return Identifier(handle)

"""Language identification with py3langid's model, in the form this module reads it.

py3langid ships a good 142-language model (a byte-level automaton that finds
features, then naive Bayes over them) as one LZMA stream: importing it costs
numpy plus unpacking 68 MB, and tlsum used to keep a 97 MB unpacked copy in the
cache dir, built on the first run (a second and 430 MB). The same model is now
shipped in ``tlsum/data/langid.bin`` (5.6 MB, written by ``tools/langid_tables.py``;
BSD-3-Clause, ``tlsum/data/LICENSE.langid``), read in place and never copied:

- the automaton is kept as the strings of its states (the next state is the
  longest suffix of the bytes read so far that is a state: one dict lookup or
  a few per byte), loaded for the first bytes a text holds;
- each feature's class weights are 16-bit distances from the class's floor,
  in zlib blocks of 16 features; a text decompresses only the blocks it
  touches, and rows already read are kept as one integer each, so adding the
  rows of many features is one C-level ``sum``.

The answers are py3langid's: same argmax on every text of ``bench/langid.py``,
probabilities within 1e-5 (float64 sums against numpy's float32).
"""

from __future__ import annotations

import json
import math
import struct
import sys
import unicodedata
import zlib
from array import array
from collections import Counter
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from tlsum.errors import ModelError, UsageError

MAGIC = b"TLSUMLID"
# In memory a row is one integer of 32-bit fields (class j at bits 32j..): stored
# as 16-bit distances, up to 2**16 rows add up without one field running into the next.
_FIELD_BITS = 32
_FIELD_MASK = (1 << _FIELD_BITS) - 1


class ModelFileError(ModelError):
    """The shipped model file is not what ``tools/langid_tables.py`` writes (a broken install)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the language-identification model {model_path()} is broken "
                         f"({reason}); reinstall tlsum")


def model_path() -> Path:
    """The shipped model, beside this package's other data."""
    return Path(__file__).resolve().parent / "data" / "langid.bin"


class Identifier:
    """Scores text against py3langid's model, read from ``langid.bin``."""

    def __init__(self, data: bytes) -> None:
        head, body = _split(data)
        self.classes: list[str] = list(head["classes"])
        self._prior: list[float] = [float(p) for p in head["priors"]]
        self._floor: list[int] = [int(f) for f in head["floors"]]
        self._scale = float(2 ** int(head["shift"]))
        self._block = int(head["block"])
        self._offsets: list[int] = [int(o) for o in head["blocks"]]
        self._features = int(head["features"])
        self._row_limit = _FIELD_MASK // max(1, int(head["max_delta"]))  # rows a sum may add
        self._body = body
        self._table = _StateTable(body[:self._offsets[0]], head)
        self._longest = int(head["longest_state"])
        self._rows: dict[int, int] = {}  # feature -> its row, widened
        self._blocks: dict[int, bytes] = {}  # block -> its rows, decompressed
        self._aliases = _alias_pairs(self.classes)

    def scores(self, text: str) -> list[float]:
        """Probability per class (``classes`` order), as py3langid's ``norm_probs``."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
        counts = self._count_features(data)
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

    def _count_features(self, data: bytes) -> Counter[int]:
        """Walk the automaton over the bytes and count the features its states emit.

        The state after byte ``i`` is the longest suffix of ``data[:i + 1]``
        that is a state; it is at most one byte longer than the state before.
        """
        states, longest = self._table.covering(data), self._longest
        size, found = 0, []
        for end in range(1, len(data) + 1):
            size = min(size + 1, longest)
            feature = states.get(data[end - size:end])
            while feature is None:
                size -= 1
                feature = states.get(data[end - size:end]) if size else -1
            if feature >= 0:
                found.append(feature)
        return Counter(found)

    def _log_posterior(self, counts: Counter[int]) -> list[float]:
        """Priors plus the sum of log1p(count) x each feature's log-probabilities.

        A weight is ``-(floor - distance) / scale``; the floors' share is one
        product per class, the distances of all features with the same count
        are summed as integers first.
        """
        self._read_rows(counts)
        by_count: dict[int, list[int]] = {}
        for feat, count in counts.items():
            by_count.setdefault(count, []).append(feat)
        mass = sum(math.log1p(c) for c in counts.values())
        total = [p - f * mass / self._scale for p, f in zip(self._prior, self._floor, strict=True)]
        for count, feats in by_count.items():
            weight = math.log1p(count) / self._scale
            sums = self._field_sums(feats)
            total = [t + weight * s for t, s in zip(total, sums, strict=True)]
        return total

    def _read_rows(self, feats: Counter[int]) -> None:
        """Widen the rows not read yet, decompressing each block once per process."""
        width = len(self.classes) * 2
        for feat in feats:
            if feat not in self._rows:
                block, at = divmod(feat, self._block)
                rows = self._blocks.get(block) or self._decompress(block)
                self._rows[feat] = _widen(rows[at * width:(at + 1) * width])

    def _decompress(self, block: int) -> bytes:
        start, end = self._offsets[block], self._offsets[block + 1]
        try:
            rows = zlib.decompress(self._body[start:end])
        except zlib.error as err:
            raise ModelFileError(f"weight block {block}: {err}") from err
        count = min(self._block, self._features - block * self._block)
        if len(rows) != count * len(self.classes) * 2:
            raise ModelFileError(f"weight block {block} has the wrong size")
        self._blocks[block] = rows
        return rows

    def _field_sums(self, feats: list[int]) -> list[int]:
        """Per class, the sum of the rows of ``feats`` (in runs that cannot overflow a field)."""
        rows, limit = self._rows, self._row_limit
        sums = [0] * len(self.classes)
        for start in range(0, len(feats), limit):
            packed = sum(rows[f] for f in feats[start:start + limit])
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


def _widen(row: bytes) -> int:
    """16-bit little-endian fields -> one integer of 32-bit fields (class 0 lowest)."""
    narrow = array("H")
    narrow.frombytes(row)
    if sys.byteorder == "big":
        narrow.byteswap()
    wide = array("I", narrow)
    if sys.byteorder == "big":
        wide.byteswap()
    return int.from_bytes(wide.tobytes(), "little")


def _split(data: bytes) -> tuple[dict[str, Any], memoryview]:
    """The JSON header and the sections after it."""
    if data[:len(MAGIC)] != MAGIC or len(data) < len(MAGIC) + 4:
        raise ModelFileError("not a tlsum language-identification model")
    (size,) = struct.unpack_from("<I", data, len(MAGIC))
    start = len(MAGIC) + 4
    try:
        head = json.loads(data[start:start + size])
    except ValueError as err:
        raise ModelFileError(f"unreadable header: {err}") from err
    if not isinstance(head, dict) or head.get("format") != 1:
        raise ModelFileError("unknown model format")
    body = memoryview(data)[start + size:]
    if int(head["blocks"][-1]) != len(body):
        raise ModelFileError("the file is truncated or has trailing data")
    return head, body


class _StateTable:
    """State string -> the feature it emits (-1: none), filled one first byte at a time.

    A state is a suffix of the text read so far, so a text needs only the
    states that start with one of its bytes: an English article, under half.
    The table is the feature ids (int32), then the states joined by 0xFF (a
    byte UTF-8 never uses), both grouped by first byte; ``bytes.split`` cuts a
    group apart in C.
    """

    def __init__(self, section: memoryview, head: dict[str, Any]) -> None:
        try:
            raw = zlib.decompress(section)
        except zlib.error as err:
            raise ModelFileError(f"state table: {err}") from err
        count = int(head["states"])
        self._starts = [int(i) for i in head["state_groups"]]
        self._bytes = [int(i) for i in head["state_group_bytes"]]
        if len(self._starts) != 257 or self._starts[-1] != count or \
                4 * count + self._bytes[-1] != len(raw):
            raise ModelFileError("state table has the wrong size")
        self._feats = array("i")
        self._feats.frombytes(raw[:4 * count])
        if sys.byteorder == "big":
            self._feats.byteswap()
        self._blob = raw[4 * count:]
        self._states: dict[bytes, int] = {b"": -1}
        self._loaded: set[int] = set()

    def covering(self, data: bytes) -> dict[bytes, int]:
        """The table, holding at least every state that starts with a byte of ``data``."""
        for first in set(data) - self._loaded:
            self._load(first)
        return self._states

    def _load(self, first: int) -> None:
        start, end = self._starts[first], self._starts[first + 1]
        if end > start:
            strings = self._blob[self._bytes[first]:self._bytes[first + 1]].split(b"\xff")
            if len(strings) != end - start:
                raise ModelFileError("state table has the wrong size")
            self._states.update(zip(strings, self._feats[start:end].tolist(), strict=True))
        self._loaded.add(first)


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


@lru_cache(maxsize=1)
def identifier() -> Identifier:
    """The identifier, opened once per process; nothing is written anywhere."""
    _tidy_cache()
    try:
        return Identifier(model_path().read_bytes())
    except OSError as err:
        raise ModelFileError(f"cannot read it: {err.strerror or err}") from err


def _tidy_cache() -> None:
    """Remove what older versions left in the cache dir: 97 MB unpacked copies of the
    model, and temporary files of runs killed while writing one."""
    from tlsum.dirs import cache_dir
    from tlsum.files import sweep_temp

    try:
        folder = cache_dir()
    except UsageError:  # a TLSUM_CACHE_DIR that is not a directory: nothing to tidy
        return
    if not folder.is_dir():
        return
    sweep_temp(folder)
    for old in [*folder.glob("langid-*.npz"), *folder.glob("py3langid-*.npz")]:
        with suppress(OSError):
            old.unlink()

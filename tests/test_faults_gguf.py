"""Fault injection: truncated and hostile GGUF files against ``tlsum models import``.

Each bad file is made here: by hand, byte by byte, when it lies about counts, lengths,
dimensions or offsets, or with ``gguf.GGUFWriter`` (``tests/ggufmodels.py``) when it is
well formed but not convertible. Every one must be refused by the real command in a
child process (``tests/faults.py``) with exit 7 and one ``tlsum: error:`` line, fast and
small in memory (before any large allocation), leaving nothing in the store.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from faults import run_tlsum
from ggufmodels import write_tiny

EXIT_INSTALL = 7
U32, U64, STRING, ARRAY = 4, 10, 8, 9


def _str(text: str | bytes, length: int | None = None) -> bytes:
    data = text.encode() if isinstance(text, str) else text
    return struct.pack("<Q", len(data) if length is None else length) + data


def craft(*, n_tensors: int = 0, n_kv: int | None = None, kvs: bytes = b"",
          tensors: bytes = b"", data: bytes = b"", version: int = 3) -> bytes:
    """A GGUF from raw parts; counts default to what the parts hold (or lie when given)."""
    head = b"GGUF" + struct.pack("<IQQ", version, n_tensors, 0 if n_kv is None else n_kv)
    body = head + kvs + tensors
    return body + bytes(-len(body) % 32) + data


def kv_u32(key: str, value: int) -> bytes:
    return _str(key) + struct.pack("<II", U32, value)


def tensor(name: str, dims: tuple[int, ...], ttype: int = 0, offset: int = 0) -> bytes:
    return (_str(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d)
            for d in dims) + struct.pack("<IQ", ttype, offset))


def _tiny(tmp: Path, **kwargs: object) -> bytes:
    path = tmp / "made.gguf"
    write_tiny(path, **kwargs)  # type: ignore[arg-type]
    return path.read_bytes()


CASES = {
    "bad-magic": (lambda tmp: b"GGML" + bytes(200), "bad magic"),
    "empty": (lambda tmp: b"", "truncated"),
    "old-version": (lambda tmp: craft(version=1), "GGUF version 1"),
    "header-cut": (lambda tmp: _tiny(tmp)[:300], "truncated"),
    "data-cut": (lambda tmp: _tiny(tmp)[:-4000], "truncated"),
    "trailing-bytes": (lambda tmp: _tiny(tmp) + bytes(4096), "do not add up"),
    "billion-tensors": (lambda tmp: craft(n_tensors=10**9), "tensors and"),
    "billion-keys": (lambda tmp: craft(n_kv=2**62), "keys"),
    "huge-string": (lambda tmp: craft(n_kv=1, kvs=_str("k") + struct.pack("<I", STRING)
                                      + _str(b"x", 2**62)), "limit"),
    "huge-key": (lambda tmp: craft(n_kv=1, kvs=_str(b"k", 2**40)), "limit"),
    "huge-array": (lambda tmp: craft(n_kv=1, kvs=_str("tokenizer.ggml.tokens")
                                     + struct.pack("<IIQ", ARRAY, STRING, 2**40)),
                   "does not fit"),
    "unknown-value-type": (lambda tmp: craft(n_kv=1, kvs=_str("k") + struct.pack("<I", 99)),
                           "unknown value type"),
    "absurd-dims": (lambda tmp: craft(n_tensors=1, tensors=tensor("w", (2**40, 2**40))),
                    "absurd dimensions"),
    "zero-dim": (lambda tmp: craft(n_tensors=1, tensors=tensor("w", (0,))),
                 "absurd dimensions"),
    "too-many-dims": (lambda tmp: craft(n_tensors=1, tensors=tensor("w", (1,) * 9)),
                      "dimensions"),
    "tensor-past-end": (lambda tmp: craft(n_tensors=1, tensors=tensor("w", (64, 64)),
                                          data=bytes(1024)), "truncated"),
    "overlap": (lambda tmp: craft(n_tensors=2, tensors=tensor("a", (64,)) + tensor("b", (64,)),
                                  data=bytes(512)), "overlaps"),
    "unaligned": (lambda tmp: craft(n_tensors=1, tensors=tensor("a", (8,), offset=4),
                                    data=bytes(64)), "not aligned"),
    "unknown-tensor-type": (lambda tmp: craft(n_tensors=1, tensors=tensor("a", (8,), 77),
                                              data=bytes(32)), "unknown tensor type"),
    "no-architecture": (lambda tmp: craft(n_kv=1, kvs=kv_u32("general.alignment", 32)),
                        "unknown architecture None"),
    "unknown-architecture": (lambda tmp: _tiny(tmp, arch="falcon"),
                             "unknown architecture 'falcon'"),
    "no-tokenizer": (lambda tmp: _tiny(tmp, tokenizer=False), "carries no tokenizer"),
    "missing-tensor": (lambda tmp: _tiny(tmp, skip=("blk.1.ffn_down.weight",)),
                       "blk.1.ffn_down.weight is missing"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_gguf_is_refused_in_one_line_and_leaves_no_trace(tmp_path: Path,
                                                                  case: str) -> None:
    make, reason = CASES[case]
    bad = tmp_path / f"{case}.gguf"
    bad.write_bytes(make(tmp_path))
    store = tmp_path / "store"
    run = run_tlsum("models", "import", str(bad), "--models-dir", str(store))
    line = run.failed_cleanly(EXIT_INSTALL, seconds=60, peak_mb=600)
    assert reason in line, line
    assert str(bad) in line, "the line names the file"
    left = [p for p in store.rglob("*") if p.is_file() and p.suffix != ".lock"] \
        if store.exists() else []
    assert left == [], left
    assert not [p for p in store.iterdir() if not p.name.startswith(".")] \
        if store.exists() else True


def test_magic_decides_not_the_extension(tmp_path: Path) -> None:
    """A GGUF named .zip is still read as a GGUF (and refused as one when it is bad)."""
    bad = tmp_path / "model.zip"
    bad.write_bytes(craft(n_tensors=10**9))
    run = run_tlsum("models", "import", str(bad), "--models-dir", str(tmp_path / "store"))
    assert "not a usable GGUF file" in run.failed_cleanly(EXIT_INSTALL, seconds=60)

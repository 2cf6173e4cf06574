"""Read and check a GGUF file's header ourselves, before anything trusts it.

A GGUF is a header (metadata key/values, then one record per tensor) followed by
the tensor data. A truncated or hostile file can claim a billion tensors, a string
of 2**63 bytes or a tensor past the end of the file; libraries that read it trust
those numbers. Here every count and length is checked against caps and against the
bytes that are really left, so a bad file is refused in one line (``ModelStoreError``,
exit 7) before any large allocation. The tensor data is then memory-mapped, never read
into memory whole.
"""

from __future__ import annotations

import mmap
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlsum.errors import ModelStoreError

MAGIC = b"GGUF"
MAX_TENSORS = 1 << 16
MAX_KV = 1 << 16
MAX_KEY = 1 << 16  # bytes in a key or tensor name
MAX_STRING = 1 << 24  # bytes in one string value (a chat template is a few KB)
MAX_ARRAY = 1 << 24  # items in one array (a vocabulary is ~150k)
MAX_DIMS = 4
MAX_DIM = 1 << 32
MAX_ELEMENTS = 1 << 36
DEFAULT_ALIGNMENT = 32

# value type -> struct format (8 string and 9 array are handled apart)
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}
_NUMPY = {0: "u1", 1: "i1", 2: "<u2", 3: "<i2", 4: "<u4", 5: "<i4", 6: "<f4", 7: "?",
          10: "<u8", 11: "<i8", 12: "<f8"}
_STRING, _ARRAY = 8, 9


@dataclass(frozen=True)
class TensorInfo:
    """One tensor record: GGML dims (innermost first), type, and where its bytes are."""

    name: str
    dims: tuple[int, ...]
    type: int
    offset: int  # from the start of the file
    nbytes: int
    path: Path  # the file (or the part of a split model) holding the bytes

    @property
    def shape(self) -> tuple[int, ...]:
        """The numpy shape of the dequantized array (outermost first: (out, in))."""
        return tuple(reversed(self.dims))


@dataclass(frozen=True)
class GGUFHeader:
    """A checked header: metadata, tensor records, and the file they describe."""

    path: Path
    version: int
    metadata: dict[str, Any]
    tensors: dict[str, TensorInfo]

    def get(self, key: str, default: Any = None) -> Any:
        """A metadata value, or ``default``."""
        return self.metadata.get(key, default)


def is_gguf(path: Path) -> bool:
    """True when the file starts with the GGUF magic (the extension is not trusted)."""
    try:
        with Path(path).open("rb") as f:
            return f.read(4) == MAGIC
    except OSError:
        return False


def read_header(path: Path) -> GGUFHeader:
    """Parse and check the header of ``path``; raise ``ModelStoreError`` in one line."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            size = path.stat().st_size
            if size < 24:
                raise ModelStoreError(f"{path}: not a GGUF file (truncated: {size} bytes)")
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                return _Parser(path, mm, size).header()
    except OSError as err:
        raise ModelStoreError(f"{path}: cannot read: {err.strerror or err}") from None


class _Parser:
    """A cursor over the mapped file that refuses to read past its end or its caps."""

    def __init__(self, path: Path, buf: mmap.mmap, size: int) -> None:
        self.path, self.buf, self.size, self.pos = path, buf, size, 0

    def fail(self, why: str) -> ModelStoreError:
        return ModelStoreError(f"{self.path}: not a usable GGUF file: {why}")

    def take(self, n: int, what: str) -> bytes:
        if n < 0 or self.pos + n > self.size:
            raise self.fail(f"truncated ({what} runs past the end of the file)")
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str, what: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt), what))[0]

    def string(self, cap: int, what: str) -> str:
        n = self.unpack("<Q", what)
        if n > cap:
            raise self.fail(f"{what} of {n} bytes (limit {cap})")
        try:
            return self.take(n, what).decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail(f"{what} is not UTF-8") from None

    def header(self) -> GGUFHeader:
        if self.take(4, "magic") != MAGIC:
            raise self.fail("bad magic (expected GGUF)")
        version = self.unpack("<I", "version")
        if version not in (2, 3):
            raise self.fail(f"GGUF version {version} (tlsum reads versions 2 and 3)")
        n_tensors, n_kv = self.unpack("<Q", "tensor count"), self.unpack("<Q", "key count")
        if n_tensors > MAX_TENSORS or n_kv > MAX_KV:
            raise self.fail(f"{n_tensors} tensors and {n_kv} keys (limits {MAX_TENSORS}, "
                            f"{MAX_KV})")
        metadata: dict[str, Any] = {}
        for _ in range(n_kv):
            key = self.string(MAX_KEY, "key")
            metadata[key] = self.value(self.unpack("<I", "value type"), key)
        records = [self.tensor_record() for _ in range(n_tensors)]
        tensors = self.place(records, metadata)
        return GGUFHeader(self.path, version, metadata, tensors)

    def value(self, vtype: int, key: str) -> Any:
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype], key)
        if vtype == _STRING:
            return self.string(MAX_STRING, key)
        if vtype == _ARRAY:
            return self.array(key)
        raise self.fail(f"{key}: unknown value type {vtype}")

    def array(self, key: str) -> Any:
        import numpy as np

        itype, count = self.unpack("<I", key), self.unpack("<Q", key)
        if count > MAX_ARRAY or count * (8 if itype == _STRING else 1) > self.size - self.pos:
            raise self.fail(f"{key}: array of {count} items does not fit the file")
        if itype == _STRING:
            return [self.string(MAX_STRING, key) for _ in range(count)]
        if itype not in _NUMPY:
            raise self.fail(f"{key}: arrays of type {itype} are not supported")
        dtype = np.dtype(_NUMPY[itype])
        return np.frombuffer(self.take(count * dtype.itemsize, key), dtype=dtype)

    def tensor_record(self) -> tuple[str, tuple[int, ...], int, int]:
        name = self.string(MAX_KEY, "tensor name")
        n_dims = self.unpack("<I", name)
        if not 1 <= n_dims <= MAX_DIMS:
            raise self.fail(f"tensor {name}: {n_dims} dimensions (limit {MAX_DIMS})")
        dims = tuple(self.unpack("<Q", name) for _ in range(n_dims))
        if any(not 1 <= d <= MAX_DIM for d in dims) or _product(dims) > MAX_ELEMENTS:
            raise self.fail(f"tensor {name}: absurd dimensions {list(dims)}")
        return name, dims, self.unpack("<I", name), self.unpack("<Q", name)

    def place(self, records: list[tuple[str, tuple[int, ...], int, int]],
              metadata: dict[str, Any]) -> dict[str, TensorInfo]:
        """Check that the tensors tile the data section of the file, in bounds, no overlap."""
        alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(alignment, int) or not 1 <= alignment <= 1 << 16:
            raise self.fail(f"alignment {alignment!r}")
        start = -(-self.pos // alignment) * alignment
        tensors: dict[str, TensorInfo] = {}
        for name, dims, ttype, offset in records:
            if name in tensors:
                raise self.fail(f"tensor {name} appears twice")
            if offset % alignment:
                raise self.fail(f"tensor {name}: offset {offset} is not aligned")
            nbytes = self.tensor_bytes(name, dims, ttype)
            tensors[name] = TensorInfo(name, dims, ttype, start + offset, nbytes, self.path)
        end = start
        for info in sorted(tensors.values(), key=lambda t: t.offset):
            if info.offset < end:
                raise self.fail(f"tensor {info.name} overlaps the one before it")
            end = info.offset + info.nbytes
        if end > self.size:
            raise self.fail(f"truncated (the tensors need {end} bytes, the file has "
                            f"{self.size})")
        if self.size - end >= alignment:
            raise self.fail(f"{self.size - end} bytes after the last tensor (sizes do not "
                            "add up)")
        return tensors

    def tensor_bytes(self, name: str, dims: tuple[int, ...], ttype: int) -> int:
        from gguf import GGML_QUANT_SIZES, GGMLQuantizationType

        try:
            block, type_size = GGML_QUANT_SIZES[GGMLQuantizationType(ttype)]
        except (ValueError, KeyError):
            raise self.fail(f"tensor {name}: unknown tensor type {ttype}") from None
        if dims[0] % block:
            raise self.fail(f"tensor {name}: row of {dims[0]} is not whole blocks of {block}")
        return _product(dims) // block * type_size


def _product(dims: tuple[int, ...]) -> int:
    out = 1
    for d in dims:
        out *= d
    return out


def tensor_array(header: GGUFHeader, name: str) -> Any:
    """One tensor dequantized to a float32 numpy array of ``shape`` ((out, in) for matrices)."""
    import numpy as np
    from gguf import GGML_QUANT_SIZES, GGMLQuantizationType, quants

    info = header.tensors[name]
    qtype = GGMLQuantizationType(info.type)
    block, type_size = GGML_QUANT_SIZES[qtype]
    shape = info.shape
    byte_shape = (*shape[:-1], shape[-1] // block * type_size)
    raw = np.memmap(info.path, dtype=np.uint8, mode="r", offset=info.offset,
                    shape=(info.nbytes,)).reshape(byte_shape)
    try:
        out = quants.dequantize(raw, qtype)
    except NotImplementedError:
        raise ModelStoreError(f"{header.path}: tensor {name}: type {qtype.name} "
                              "cannot be dequantized") from None
    out = np.asarray(out, dtype=np.float32).reshape(shape)
    return out if out.flags.writeable else out.copy()  # F32 is a view of the read-only map


_SPLIT_NAME = re.compile(r"^(?P<stem>.+)-(?P<no>\d{5})-of-(?P<count>\d{5})\.gguf$")
MAX_PARTS = 256


def read_model(path: Path) -> GGUFHeader:
    """The checked header of a GGUF, merged with its other parts when it is split.

    llama.cpp splits big models into ``NAME-00001-of-0000N.gguf`` files; the first
    holds the metadata, each holds some tensors. The parts are found beside the first
    by that name, and each is checked like a whole file.
    """
    first = read_header(path)
    count = first.get("split.count", 1)
    if count == 1:
        return first
    fail = _Failer(Path(path))
    if not isinstance(count, int) or not 1 < count <= MAX_PARTS:
        raise fail(f"split into {count!r} parts")
    match = _SPLIT_NAME.match(Path(path).name)
    if first.get("split.no", 0) != 0 or match is None:
        raise fail("a part of a split model, not its first part (NAME-00001-of-0000N.gguf)")
    tensors = dict(first.tensors)
    for no in range(1, count):
        part_path = Path(path).with_name(f"{match['stem']}-{no + 1:05d}-of-{count:05d}.gguf")
        if not part_path.is_file():
            raise fail(f"part {no + 1} of {count} is missing ({part_path.name})")
        part = read_header(part_path)
        if part.get("split.no") != no or part.get("split.count") != count:
            raise fail(f"{part_path.name} is not part {no + 1} of {count}")
        if tensors.keys() & part.tensors.keys():
            raise fail(f"{part_path.name} repeats tensors of another part")
        tensors.update(part.tensors)
    return GGUFHeader(first.path, first.version, first.metadata, tensors)


class _Failer:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, why: str) -> ModelStoreError:
        return ModelStoreError(f"{self.path}: not a usable GGUF file: {why}")

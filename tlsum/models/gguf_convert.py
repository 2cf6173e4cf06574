"""Convert a qwen2- or llama-family GGUF into a CTranslate2 decoder model, without torch.

The header is checked first (``gguf_file``), then the architecture, hyper-parameters,
tokenizer and every tensor's shape, all before one weight is dequantized, so a file
we cannot convert fails fast and in one line. Weights are dequantized one tensor at a
time with the ``gguf`` package (float16 in memory unless float32 output is asked for),
placed in a ``TransformerDecoderModelSpec`` the way CTranslate2's own Qwen2/Llama
loaders place Hugging Face weights, and quantized by CTranslate2 when saved.

The output directory follows the instruct-model contract: ``model.bin``,
``config.json``, ``vocabulary.json``, ``tokenizer.json`` and the ``tlsum-model.json``
manifest (format ``instruct``, family, chat template kind, bos/eos, license...).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlsum.errors import ModelStoreError
from tlsum.models.gguf_file import GGUFHeader, read_model, tensor_array
from tlsum.models.gguf_tokenizer import build_tokenizer, chat_kind, eos_tokens
from tlsum.models.paths import MANIFEST_NAME

FAMILIES = ("qwen2", "llama")
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int16", "float16", "float32")
PREQUANTIZED = ("int8", "int8_float32")  # weights int8, everything else float32
INSTRUCT_HINT = "converting a GGUF needs gguf and tokenizers: pip install 'tlsum[instruct]'"

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass(frozen=True)
class Hyper:
    """The shape of the network, read from ``<arch>.*`` metadata and checked."""

    arch: str
    layers: int
    hidden: int
    heads: int
    heads_kv: int
    ffn: int
    vocab: int
    rope_base: float
    eps: float
    context: int

    @property
    def head_dim(self) -> int:
        """Width of one attention head."""
        return self.hidden // self.heads


def check_available() -> None:
    """Refuse in one line when the install-path packages are missing."""
    import importlib.util

    if not all(importlib.util.find_spec(m) for m in ("gguf", "tokenizers", "numpy")):
        raise ModelStoreError(INSTRUCT_HINT)


def inspect_gguf(path: Path) -> tuple[GGUFHeader, Hyper]:
    """Read and check everything about ``path`` that conversion needs, weights excepted."""
    check_available()
    header = read_model(path)
    hyper = _hyper(header)
    build_tokenizer(header, hyper.vocab)  # refuses a missing or unsupported tokenizer
    _check_tensors(header, hyper)
    return header, hyper


def _fail(header: GGUFHeader, why: str) -> ModelStoreError:
    return ModelStoreError(f"{header.path}: cannot convert: {why}")


def _hyper(header: GGUFHeader) -> Hyper:
    arch = header.get("general.architecture")
    if arch not in FAMILIES:
        raise _fail(header, f"unknown architecture {arch!r} (tlsum converts "
                    f"{' and '.join(FAMILIES)})")

    def whole(key: str, top: int, default: int | None = None) -> int:
        value = header.get(f"{arch}.{key}", default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            raise _fail(header, f"{arch}.{key} is {value!r} (expected 1..{top})")
        return value

    heads = whole("attention.head_count", 1024)
    embd = header.tensors.get("token_embd.weight")
    if embd is None or len(embd.dims) != 2:
        raise _fail(header, "no 2-D token_embd.weight tensor")
    hyper = Hyper(
        arch=arch, layers=whole("block_count", 1024), hidden=whole("embedding_length", 1 << 16),
        heads=heads, heads_kv=whole("attention.head_count_kv", 1024, heads),
        ffn=whole("feed_forward_length", 1 << 20), vocab=embd.dims[1],
        rope_base=float(header.get(f"{arch}.rope.freq_base", 10000.0)),
        eps=float(header.get(f"{arch}.attention.layer_norm_rms_epsilon", 1e-6)),
        context=whole("context_length", 1 << 24, 4096),
    )
    if hyper.hidden % heads or heads % hyper.heads_kv or hyper.head_dim % 2:
        raise _fail(header, f"{heads} heads ({hyper.heads_kv} kv) do not divide "
                    f"width {hyper.hidden}")
    rot = header.get(f"{arch}.rope.dimension_count", hyper.head_dim)
    if rot != hyper.head_dim or "rope_freqs.weight" in header.tensors:
        raise _fail(header, "partial or scaled rotary embeddings are not supported")
    return hyper


def _expected(hyper: Hyper) -> dict[str, tuple[int, ...]]:
    """Every tensor conversion reads, with its (out, in) shape; biases are optional."""
    h, kv = hyper.hidden, hyper.heads_kv * hyper.head_dim
    out: dict[str, tuple[int, ...]] = {"token_embd.weight": (hyper.vocab, h),
                                       "output_norm.weight": (h,)}
    for i in range(hyper.layers):
        b = f"blk.{i}."
        out.update({b + "attn_norm.weight": (h,), b + "ffn_norm.weight": (h,),
                    b + "attn_q.weight": (h, h), b + "attn_k.weight": (kv, h),
                    b + "attn_v.weight": (kv, h), b + "attn_output.weight": (h, h),
                    b + "ffn_gate.weight": (hyper.ffn, h), b + "ffn_up.weight": (hyper.ffn, h),
                    b + "ffn_down.weight": (h, hyper.ffn)})
    return out


def _optional(hyper: Hyper) -> dict[str, tuple[int, ...]]:
    kv = hyper.heads_kv * hyper.head_dim
    out: dict[str, tuple[int, ...]] = {"output.weight": (hyper.vocab, hyper.hidden)}
    for i in range(hyper.layers):
        out.update({f"blk.{i}.attn_q.bias": (hyper.hidden,), f"blk.{i}.attn_k.bias": (kv,),
                    f"blk.{i}.attn_v.bias": (kv,)})
    return out


def _check_tensors(header: GGUFHeader, hyper: Hyper) -> None:
    from gguf import GGMLQuantizationType, quants

    expected = _expected(hyper)
    for name, shape in (*expected.items(), *_optional(hyper).items()):
        info = header.tensors.get(name)
        if info is None:
            if name in expected:
                raise _fail(header, f"tensor {name} is missing")
            continue
        if info.shape != shape:
            raise _fail(header, f"tensor {name} has shape {list(info.shape)}, "
                        f"expected {list(shape)}")
        qtype = GGMLQuantizationType(info.type)
        if qtype not in (GGMLQuantizationType.F32, GGMLQuantizationType.F16) \
                and qtype not in quants._type_traits:
            raise _fail(header, f"tensor {name}: type {qtype.name} is not supported")


def convert_gguf(path: Path, out: Path, *, model_id: str, quantization: str = "int8",
                 source: str = "", progress: Progress | None = None) -> dict[str, Any]:
    """Convert ``path`` into the new directory ``out``; return the manifest written there."""
    if quantization not in QUANTIZATIONS:
        raise ModelStoreError(f"quantization {quantization!r}: expected one of "
                              f"{', '.join(QUANTIZATIONS)}")
    header, hyper = inspect_gguf(path)
    tokenizer, vocab = build_tokenizer(header, hyper.vocab)
    spec = _build_spec(header, hyper, vocab, quantization, progress)
    label = f"quantizing to {quantization} and saving"
    if progress:
        progress(label, 0, 1)
    spec.validate()
    # int8 weights were quantized while loading (CTranslate2's own per-row scheme), so
    # only one layer was ever held in float: optimize then only aliases tied weights.
    spec.optimize(quantization=None if quantization in PREQUANTIZED else quantization)
    out.mkdir(parents=True, exist_ok=True)
    spec.save(str(out))
    del spec
    if progress:
        progress(label, 1, 1)
    tokenizer.save(str(out / "tokenizer.json"))
    manifest = _manifest(header, hyper, model_id, quantization, source)
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    return manifest


def _manifest(header: GGUFHeader, hyper: Hyper, model_id: str, quantization: str,
              source: str) -> dict[str, Any]:
    tokens = header.get("tokenizer.ggml.tokens")
    bos_id = header.get("tokenizer.ggml.bos_token_id")
    add_bos = bool(header.get("tokenizer.ggml.add_bos_token", False))
    chat = chat_kind(header)
    return {
        "id": model_id, "format": "instruct", "family": hyper.arch, "chat": chat,
        "bos": tokens[bos_id] if add_bos and isinstance(bos_id, int) and bos_id < len(tokens)
        else "",
        "eos": eos_tokens(header, chat), "license": str(header.get("general.license", "")),
        "source": source or str(header.path), "context_length": hyper.context,
        "quantization": quantization, "name": str(header.get("general.name", "")),
        "layers": hyper.layers, "hidden": hyper.hidden, "vocab": hyper.vocab,
    }


def _build_spec(header: GGUFHeader, hyper: Hyper, vocab: list[str], quantization: str,
                progress: Progress | None) -> Any:
    import ctranslate2

    spec = ctranslate2.specs.TransformerDecoderModelSpec.from_config(
        hyper.layers, hyper.heads, activation=ctranslate2.specs.Activation.SWISH,
        pre_norm=True, ffn_glu=True, rms_norm=True, rotary_dim=0, rotary_interleave=False,
        rotary_base=hyper.rope_base,
        num_heads_kv=hyper.heads_kv if hyper.heads_kv != hyper.heads else None,
    )
    load = _Loader(header, hyper, quantization)
    dec = spec.decoder
    dec.scale_embeddings = False
    load.put(dec.embeddings, load("token_embd.weight"))
    dec.layer_norm.gamma = load("output_norm.weight")
    if "output.weight" in header.tensors:
        load.put(dec.projection, load("output.weight"))
    else:  # tied: the same arrays, which CTranslate2 stores once
        dec.projection.weight = dec.embeddings.weight
        if load.int8:
            dec.projection.weight_scale = dec.embeddings.weight_scale
    for i, layer in enumerate(dec.layer):
        if progress:
            progress("converting layers", i, hyper.layers)
        _fill_layer(layer, load, f"blk.{i}.")
    if progress:
        progress("converting layers", hyper.layers, hyper.layers)
    spec.register_vocabulary(vocab)
    tokens = header.get("tokenizer.ggml.tokens")
    spec.config.bos_token = _token(tokens, header.get("tokenizer.ggml.bos_token_id"), vocab[0])
    spec.config.eos_token = _token(tokens, header.get("tokenizer.ggml.eos_token_id"), vocab[0])
    spec.config.unk_token = _token(tokens, header.get("tokenizer.ggml.unknown_token_id"), "")
    spec.config.layer_norm_epsilon = hyper.eps
    return spec


def _token(tokens: list[str], index: Any, default: str) -> str:
    return tokens[index] if isinstance(index, int) and 0 <= index < len(tokens) else default


class _Loader:
    """Dequantizes one named tensor; un-permutes llama's Q/K rows; stores weight matrices."""

    def __init__(self, header: GGUFHeader, hyper: Hyper, quantization: str) -> None:
        self.header, self.hyper = header, hyper
        self.int8 = quantization in PREQUANTIZED
        self.half = quantization not in ("float32", "int8_float32", "int16")

    def put(self, target: Any, weight: Any) -> None:
        """Set ``target.weight``: int8 with its row scales, float16, or float32."""
        import numpy as np

        if self.int8:
            target.weight, target.weight_scale = quantize_rows(weight)
        else:
            target.weight = weight.astype(np.float16) if self.half else weight

    def __call__(self, name: str) -> Any:
        import numpy as np

        array = tensor_array(self.header, name)
        if self.hyper.arch == "llama" and name.endswith(("attn_q.weight", "attn_k.weight")):
            heads = self.hyper.heads if "attn_q" in name else self.hyper.heads_kv
            array = unpermute(array, heads)
        return np.ascontiguousarray(array)

    def optional(self, name: str) -> Any:
        return self(name) if name in self.header.tensors else None


def quantize_rows(weight: Any) -> tuple[Any, Any]:
    """int8 rows and their float32 scales, exactly as CTranslate2's ``optimize("int8")``."""
    import numpy as np

    value = np.array(weight, dtype=np.float32)
    amax = np.amax(np.absolute(value), axis=1)
    amax[amax == 0] = 127.0
    amax = np.maximum(amax, np.float32(127) / np.finfo(np.float32).max)
    scale = np.float32(127.0) / amax
    value *= np.expand_dims(scale, 1)
    return np.rint(value).astype(np.int8), scale.astype(np.float32)


def unpermute(weight: Any, heads: int) -> Any:
    """Undo llama.cpp's rotary permutation of Q/K rows (interleaved pairs -> two halves)."""
    rows = weight.shape[0]
    return (weight.reshape(heads, rows // heads // 2, 2, *weight.shape[1:])
            .swapaxes(1, 2).reshape(weight.shape))


def _fill_layer(layer: Any, load: _Loader, b: str) -> None:
    import numpy as np

    attn, ffn = layer.self_attention, layer.ffn
    attn.layer_norm.gamma = load(b + "attn_norm.weight")
    ffn.layer_norm.gamma = load(b + "ffn_norm.weight")
    load.put(attn.linear[0], np.concatenate([load(b + f"attn_{x}.weight") for x in "qkv"]))
    biases = [load.optional(b + f"attn_{x}.bias") for x in "qkv"]
    if any(bias is not None for bias in biases):
        sizes = (load.hyper.hidden, *(2 * [load.hyper.heads_kv * load.hyper.head_dim]))
        attn.linear[0].bias = np.concatenate([
            bias if bias is not None else np.zeros(n, np.float32)
            for bias, n in zip(biases, sizes, strict=True)]).astype(np.float32)
    load.put(attn.linear[1], load(b + "attn_output.weight"))
    load.put(ffn.linear_0, load(b + "ffn_gate.weight"))
    load.put(ffn.linear_0_noact, load(b + "ffn_up.weight"))
    load.put(ffn.linear_1, load(b + "ffn_down.weight"))

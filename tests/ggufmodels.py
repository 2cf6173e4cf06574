"""Tiny random-weight GGUF files, written with ``gguf.GGUFWriter``, and a numpy forward pass.

``write_tiny`` builds a qwen2- or llama-shaped decoder (2 layers, width 32, 4 heads,
2 kv heads) with a real byte-level BPE tokenizer trained here on a few sentences, so the
converter sees what a real GGUF holds: metadata, F32/F16/Q8_0 tensors, tokens, merges,
control tokens and a chat template. ``reference_logits`` runs the same weights the way
Hugging Face's Qwen2/Llama do (RMSNorm, non-interleaved rotary, grouped-query causal
attention, SwiGLU), to check CTranslate2's logits against.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

CONTROL = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
CHATML = ("{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
          "{% endfor %}")
CORPUS = [
    "The ministry said the talks would resume on Thursday in Geneva.",
    "Officials did not say whether the agreement covers the northern region.",
    "Министерство заявило, что переговоры возобновятся в четверг.",
    "It is not clear when the new rules will take effect, or who will enforce them.",
] * 4


@dataclass
class Tiny:
    """The shape of the tiny model and the float32 weights the reference reads."""

    arch: str = "qwen2"
    layers: int = 2
    hidden: int = 32
    heads: int = 4
    heads_kv: int = 2
    ffn: int = 64
    rope_base: float = 10000.0
    eps: float = 1e-6
    tokens: list[str] = field(default_factory=list)
    weights: dict[str, Any] = field(default_factory=dict)  # HF layout, (out, in)

    @property
    def head_dim(self) -> int:
        return self.hidden // self.heads


def train_bpe(vocab_size: int = 300) -> tuple[list[str], list[str]]:
    """A byte-level BPE vocabulary (tokens in id order) and its merges, from ``CORPUS``."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tokenizer.train_from_iterator(CORPUS, trainer)
    model = json.loads(tokenizer.to_str())["model"]
    tokens = [t for t, _ in sorted(model["vocab"].items(), key=lambda kv: kv[1])]
    merges = [m if isinstance(m, str) else " ".join(m) for m in model["merges"]]
    return tokens, merges


def permute(weight: Any, heads: int) -> Any:
    """llama.cpp's rotary permutation of Q/K rows (what its converter writes for llama)."""
    rows = weight.shape[0]
    return (weight.reshape(heads, 2, rows // heads // 2, *weight.shape[1:])
            .swapaxes(1, 2).reshape(weight.shape))


def _random_weights(t: Tiny, vocab: int, rng: np.random.Generator) -> dict[str, Any]:
    def mat(rows: int, cols: int) -> Any:
        return (rng.standard_normal((rows, cols)) * 0.2).astype(np.float32)

    kv = t.heads_kv * t.head_dim
    w = {"token_embd.weight": mat(vocab, t.hidden), "output.weight": mat(vocab, t.hidden),
         "output_norm.weight": (1 + 0.1 * rng.standard_normal(t.hidden)).astype(np.float32)}
    for i in range(t.layers):
        b = f"blk.{i}."
        w.update({b + "attn_norm.weight": (1 + 0.1 * rng.standard_normal(t.hidden)),
                  b + "ffn_norm.weight": (1 + 0.1 * rng.standard_normal(t.hidden)),
                  b + "attn_q.weight": mat(t.hidden, t.hidden),
                  b + "attn_k.weight": mat(kv, t.hidden), b + "attn_v.weight": mat(kv, t.hidden),
                  b + "attn_output.weight": mat(t.hidden, t.hidden),
                  b + "ffn_gate.weight": mat(t.ffn, t.hidden),
                  b + "ffn_up.weight": mat(t.ffn, t.hidden),
                  b + "ffn_down.weight": mat(t.hidden, t.ffn)})
        if t.arch == "qwen2":
            w.update({b + "attn_q.bias": rng.standard_normal(t.hidden) * 0.1,
                      b + "attn_k.bias": rng.standard_normal(kv) * 0.1,
                      b + "attn_v.bias": rng.standard_normal(kv) * 0.1})
    return {k: np.asarray(v, dtype=np.float32) for k, v in w.items()}


def _add_tensors(writer: Any, t: Tiny) -> None:
    """F32 everywhere, but one F16 and one Q8_0 tensor; the reference reads their round trip."""
    from gguf import GGMLQuantizationType, quants

    for name, array in t.weights.items():
        stored = array
        if t.arch == "llama" and name.endswith(("attn_q.weight", "attn_k.weight")):
            stored = permute(array, t.heads if "attn_q" in name else t.heads_kv)
        if name == "blk.0.attn_output.weight":
            t.weights[name] = stored.astype(np.float16).astype(np.float32)
            writer.add_tensor(name, stored.astype(np.float16))
        elif name == "blk.1.ffn_up.weight":
            packed = quants.quantize(stored, GGMLQuantizationType.Q8_0)
            t.weights[name] = quants.dequantize(packed, GGMLQuantizationType.Q8_0)
            writer.add_tensor(name, packed, raw_dtype=GGMLQuantizationType.Q8_0)
        else:
            writer.add_tensor(name, stored)


def write_tiny(path: Path, arch: str = "qwen2", *, seed: int = 0, license: str = "apache-2.0",
               tokenizer: bool = True, skip: tuple[str, ...] = (), split: int = 0) -> Tiny:
    """Write a tiny model to ``path``; return its shape and reference weights."""
    import gguf

    t = Tiny(arch=arch)
    tokens, merges = train_bpe()
    t.tokens = [*tokens, *CONTROL]
    t.weights = _random_weights(t, len(t.tokens), np.random.default_rng(seed))
    for name in skip:
        t.weights.pop(name, None)
    writer = gguf.GGUFWriter(str(path), arch=arch, split_max_tensors=split)
    writer.add_name(f"tiny {arch}")
    if license:
        writer.add_license(license)
    writer.add_block_count(t.layers)
    writer.add_context_length(256)
    writer.add_embedding_length(t.hidden)
    writer.add_feed_forward_length(t.ffn)
    writer.add_head_count(t.heads)
    writer.add_head_count_kv(t.heads_kv)
    writer.add_rope_freq_base(t.rope_base)
    writer.add_layer_norm_rms_eps(t.eps)
    if tokenizer:
        writer.add_tokenizer_model("gpt2")
        writer.add_tokenizer_pre("qwen2" if arch == "qwen2" else "llama-bpe")
        writer.add_token_list(t.tokens)
        writer.add_token_types([1] * len(tokens) + [3] * len(CONTROL))
        writer.add_token_merges(merges)
        writer.add_bos_token_id(t.tokens.index("<|endoftext|>"))
        writer.add_eos_token_id(t.tokens.index("<|im_end|>"))
        writer.add_chat_template(CHATML)
    _add_tensors(writer, t)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return t


def _rms(x: Any, gamma: Any, eps: float) -> Any:
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * gamma


def _rotary(x: Any, base: float) -> Any:
    """Non-interleaved (rotate-half) rotary embedding of x: (T, heads, head_dim)."""
    steps, _, dim = x.shape
    inv = base ** (-np.arange(0, dim, 2, dtype=np.float64) / dim)
    angles = np.outer(np.arange(steps), inv)  # (T, dim/2)
    cos = np.concatenate([np.cos(angles)] * 2, -1)[:, None, :]
    sin = np.concatenate([np.sin(angles)] * 2, -1)[:, None, :]
    half = dim // 2
    rotated = np.concatenate([-x[..., half:], x[..., :half]], -1)
    return x * cos + rotated * sin


def _attention(t: Tiny, h: Any, b: str) -> Any:
    w, steps = t.weights, h.shape[0]

    def proj(name: str) -> Any:
        out = h @ w[f"{b}attn_{name}.weight"].T
        return out + w[f"{b}attn_{name}.bias"] if f"{b}attn_{name}.bias" in w else out

    q = _rotary(proj("q").reshape(steps, t.heads, t.head_dim), t.rope_base)
    k = _rotary(proj("k").reshape(steps, t.heads_kv, t.head_dim), t.rope_base)
    v = proj("v").reshape(steps, t.heads_kv, t.head_dim)
    group = t.heads // t.heads_kv
    k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
    scores = np.einsum("qhd,khd->hqk", q, k) / np.sqrt(t.head_dim)
    scores = scores + np.triu(np.full((steps, steps), -np.inf), 1)
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    scores /= scores.sum(-1, keepdims=True)
    out = np.einsum("hqk,khd->qhd", scores, v).reshape(steps, t.hidden)
    return out @ w[f"{b}attn_output.weight"].T


def reference_logits(t: Tiny, ids: list[int]) -> Any:
    """Logits (T, vocab) of the tiny model for ``ids``, in float64 numpy."""
    w = {k: v.astype(np.float64) for k, v in t.weights.items()}
    t64 = Tiny(**{**t.__dict__, "weights": w})
    x = w["token_embd.weight"][ids]
    for i in range(t.layers):
        b = f"blk.{i}."
        x = x + _attention(t64, _rms(x, w[b + "attn_norm.weight"], t.eps), b)
        h = _rms(x, w[b + "ffn_norm.weight"], t.eps)
        gate = h @ w[b + "ffn_gate.weight"].T
        x = x + ((gate / (1 + np.exp(-gate))) * (h @ w[b + "ffn_up.weight"].T)) \
            @ w[b + "ffn_down.weight"].T
    return _rms(x, w["output_norm.weight"], t.eps) @ w["output.weight"].T

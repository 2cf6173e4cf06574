"""Why a CTranslate2 int8 model translates worse than its float32 twin on some CPUs.

On x86 CPUs without VNNI (AVX2 only), CTranslate2's int8 GEMM (oneDNN, u8s8) adds
each pair of u8*s8 products in int16 with saturation before accumulating in int32.
With weights quantized to the full 8-bit range (|w| <= 127) and activations shifted
to u8 (0..255), a pair can exceed 32767 and is clipped.

This script re-runs a trained checkpoint in PyTorch the way that GEMM computes
(per-row int8 weights and activations, optionally the int16 pair saturation) and
counts how often each simulation produces exactly the tokens CTranslate2 produced.
On toy-en-ru with 8-bit weights the saturating simulation matched CTranslate2 on
200/200 sentences (and its lower exact-match rate), the non-saturating one did not;
that is why `train.py` converts with 7-bit weights (255 * 63 * 2 < 32767).

    .venv-tools/bin/python tools/toy_model/int8_check.py WORK models/toy-en-ru en-ru \\
        --weight-range 63
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import hf_greedy_pieces

if TYPE_CHECKING:  # torch loads only when the check runs
    import torch


def quantize_rows(t: torch.Tensor, limit: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Symmetric per-row quantization: integer values and the scale that produced them."""
    import torch

    scale = limit / t.abs().amax(dim=-1, keepdim=True).clamp(min=1e-12)
    return torch.round(t * scale), scale


def int8_linear(module: torch.nn.Linear, weight_range: int,
                saturate: bool) -> Callable[[torch.Tensor], torch.Tensor]:
    """A forward for ``module`` (nn.Linear) that computes like the u8s8 int8 GEMM."""
    import torch

    def forward(x: torch.Tensor) -> torch.Tensor:
        """x W^T + b on per-row int8 values, optionally with the int16 pair saturation."""
        rows = x.reshape(-1, x.shape[-1])
        xq, sx = quantize_rows(rows, 127)
        wq, sw = quantize_rows(module.weight, weight_range)
        if saturate:
            pairs_x = (xq + 128).reshape(len(xq), 1, -1, 2)  # u8 activations
            pairs_w = wq.reshape(1, len(wq), -1, 2)
            acc = torch.cat([
                (pairs_x[i:i + 256] * pairs_w).sum(-1).clamp(-32768, 32767).sum(-1)
                for i in range(0, len(pairs_x), 256)
            ]) - 128 * wq.sum(-1)[None, :]  # undo the u8 shift, as the GEMM does
        else:
            acc = xq @ wq.T
        y = acc / (sx * sw.T)
        if module.bias is not None:
            y = y + module.bias
        return y.reshape(*x.shape[:-1], -1)

    return forward


def simulate(model: torch.nn.Module, weight_range: int, saturate: bool) -> None:
    """Patch every linear layer and the token embeddings of ``model`` in place."""
    import torch
    import torch.nn.functional as F

    for module in model.modules():
        if type(module) is torch.nn.Linear:
            module.forward = int8_linear(module, weight_range, saturate)
        elif type(module) is torch.nn.Embedding:  # the sinusoidal positions are a subclass
            q, s = quantize_rows(module.weight, weight_range)
            module.forward = (lambda w, pad: lambda ids: F.embedding(ids, w, pad))(
                q / s, module.padding_idx)


def main() -> None:
    """Compare both simulations' greedy tokens with CTranslate2's int8 output."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work", type=Path, help="a train.py work dir (hf-*, corpus.json)")
    parser.add_argument("model", type=Path, help="the CTranslate2 int8 model dir")
    parser.add_argument("direction", choices=["ru-en", "en-ru"])
    parser.add_argument("-n", type=int, default=200, help="held-out sentences to compare")
    parser.add_argument("--weight-range", type=int, default=127,
                        help="127 for a stock int8 conversion, 63 for train.py's")
    args = parser.parse_args()

    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import MarianMTModel

    torch.set_num_threads(1)
    corpus = json.loads((args.work / "corpus.json").read_text(encoding="utf-8"))
    pairs = [tuple(p) for p in corpus["test"][: args.n]]
    if args.direction == "en-ru":
        pairs = [(b, a) for a, b in pairs]
    sp = spm.SentencePieceProcessor(model_file=str(args.work / "spm.model"))
    texts = [s for s, _ in pairs]
    translator = ctranslate2.Translator(str(args.model), compute_type="int8", intra_threads=1)
    tokens = [[*sp.encode(t, out_type=str), "</s>"] for t in texts]
    ct2 = [r.hypotheses[0] for r in translator.translate_batch(tokens, beam_size=1)]
    refs = [t for _, t in pairs]
    exact = sum(sp.decode(h) == r for h, r in zip(ct2, refs, strict=True))
    print(f"CTranslate2 int8: {exact}/{len(refs)} exact")
    for saturate in (False, True):
        model = MarianMTModel.from_pretrained(args.work / f"hf-{args.direction}").eval()
        simulate(model, args.weight_range, saturate)
        with torch.no_grad():
            sim = hf_greedy_pieces(model, sp, texts)
        same = sum(a == b for a, b in zip(ct2, sim, strict=True))
        exact = sum(sp.decode(h) == r for h, r in zip(sim, refs, strict=True))
        label = "with int16 pair saturation" if saturate else "without saturation"
        print(f"simulation {label}: same tokens as CTranslate2 {same}/{len(texts)}, "
              f"{exact}/{len(refs)} exact")


if __name__ == "__main__":
    main()

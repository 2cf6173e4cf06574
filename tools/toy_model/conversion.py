"""Conversion of a trained transformers checkpoint to CTranslate2 (float32 or 7-bit int8).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from marian import PAD

INT8_WEIGHT_RANGE = 63  # 7-bit weights: see convert()


def convert(hf_dir: Path, out_dir: Path, vocab: list[str], quantization: str | None) -> None:
    """Convert with CTranslate2's TransformersConverter (Marian loader).

    The converter normally loads a MarianTokenizer only to read the vocabulary and the
    special tokens; we hand it that information directly (same result, no tokenizer files).

    int8 weights are written with a 7-bit range (|w| <= 63, one scale per row, as
    CTranslate2 does with 127). WHY: on x86 CPUs without VNNI (AVX2 only), oneDNN's
    u8s8 GEMM sums pairs of u8*s8 products in int16 with saturation; with 8-bit weights
    those pairs overflow (255*127*2 > 32767) and on this model that alone cost 1-1.4
    points of held-out exact match (a simulation of the saturation reproduced
    CTranslate2's int8 output on 200/200 sentences). With 7-bit weights the pair sums
    cannot overflow (255*63*2 = 32130), and 7-bit weights with float compute lose
    nothing measurable. oneDNN documents the same workaround for pre-VNNI CPUs.
    `int8_check.py` reruns that simulation.
    """
    import ctranslate2

    class _Converter(ctranslate2.converters.TransformersConverter):
        def load_tokenizer(self, tokenizer_class: type, model_name_or_path: str,
                           **kwargs: Any) -> SimpleNamespace:
            """The vocabulary and special tokens the converter needs, without tokenizer files."""
            ids = {tok: i for i, tok in enumerate(vocab)}
            return SimpleNamespace(get_vocab=lambda: ids, eos_token="</s>", unk_token="<unk>",
                                   bos_token=None, pad_token=PAD)

    spec = _Converter(str(hf_dir))._load()
    spec.validate()
    spec.optimize(quantization=None if quantization == "int8" else quantization)
    if quantization == "int8":
        _quantize_int8(spec, INT8_WEIGHT_RANGE)
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))


def _quantize_int8(spec: Any, limit: int) -> None:
    """CTranslate2's own int8 weight quantization (per-row absmax), with ``limit`` for 127."""
    import numpy as np
    from ctranslate2.specs.model_spec import NumpyVariable, Variable, visit_spec

    def quantize(layer: Any, name: str, value: Any) -> None:
        """Quantize one weight that has a scale slot; every other variable stays as it is."""
        key = name.split("/")[-1]
        if not isinstance(value, Variable) or value.is_scalar() or not hasattr(
                layer, f"{key}_scale"):
            return
        weights = value.to("float32").numpy()
        amax = np.amax(np.absolute(weights), axis=1)
        amax[amax == 0] = limit
        scale = (limit / amax).astype(np.float32)
        quantized = np.rint(weights * scale[:, None]).astype(np.int8)
        setattr(layer, key, NumpyVariable(quantized))
        setattr(layer, f"{key}_scale", NumpyVariable(scale))

    visit_spec(spec, quantize)

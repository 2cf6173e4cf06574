"""A tiny real CTranslate2 decoder that answers one chosen question, for digest tests.

Not a mock: ``ctranslate2.Generator`` runs it, ``tokenizers`` tokenizes for it.
Its weights are set, not trained: attention and feed-forward are zero, so each
position's logits depend only on its own token (one-hot embeddings through the
output projection), and the projection maps each token of the answer to the
next one. Greedy decoding after the chat prompt's last token ("\\n") therefore
spells ``answer`` and stops on the end token, whatever the prompt asked: a
checkable stand-in for an instruct model writing a question.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def build_tokenizer(texts: Sequence[str], vocab_size: int = 400) -> object:
    """A byte-level BPE tokenizer trained on ``texts``, chat tokens as special tokens."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIALS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False)
    tok.train_from_iterator(list(texts) * 3, trainer)
    return tok


def build_instruct_model(out_dir: Path, answer: str, texts: Sequence[str], *,
                         model_id: str = "tiny-instruct", first: str = "") -> Path:
    """Write a model directory (contract of ``tlsum.digest.llm``) that answers ``answer``.

    ``first``: the token the model prefers right after the prompt, when it is not
    the answer's first (the yes/no judge tests use "Yes" or "No").
    """
    import numpy as np
    from ctranslate2.specs import Activation, model_spec, transformer_spec

    tok = build_tokenizer([*texts, answer, "Yes No"])
    vocab = [tok.id_to_token(i) for i in range(tok.get_vocab_size())]  # type: ignore[attr-defined]
    size = len(vocab)
    chain = ["Ċ", *tok.encode(answer).tokens, "<|im_end|>"]  # type: ignore[attr-defined]
    projection = np.zeros((size, size), dtype=np.float32)
    projection[vocab.index("<|im_end|>"), :] = 1.0  # anything else: stop
    for here, after in pairwise(chain):
        projection[vocab.index(after), vocab.index(here)] = 10.0
    if first:
        lead = tok.encode(first).tokens[0]  # type: ignore[attr-defined]
        projection[vocab.index(lead), vocab.index("Ċ")] = 20.0
    spec = transformer_spec.TransformerDecoderModelSpec.from_config(
        1, 1, pre_norm=True, activation=Activation.SWISH, ffn_glu=True, rms_norm=True,
        rotary_dim=0, rotary_interleave=False)

    def fill(layer: object, name: str, value: object) -> None:
        leaf = name.rsplit("/", 1)[-1]
        if value is not None or leaf not in ("gamma", "weight"):
            return
        if leaf == "gamma":
            array = np.ones((size,), dtype=np.float32)
        elif "embeddings" in name:
            array = np.eye(size, dtype=np.float32)
        elif "projection" in name:
            array = projection
        else:
            rows = 3 * size if "self_attention/linear_0" in name else size
            array = np.zeros((rows, size), dtype=np.float32)
        setattr(layer, leaf, array)

    model_spec.visit_spec(spec, fill)
    spec.register_vocabulary(vocab)
    spec.config.bos_token, spec.config.eos_token = "<|endoftext|>", "<|im_end|>"
    spec.config.unk_token = "<|endoftext|>"
    spec.validate()
    spec.optimize(quantization="float32")
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    tok.save(str(out_dir / "tokenizer.json"))  # type: ignore[attr-defined]
    manifest = {"id": model_id, "format": "instruct", "family": "qwen2", "chat": "chatml",
                "bos": "", "eos": ["<|im_end|>", "<|endoftext|>"], "license": "test",
                "source": "tests/instructmodel.py", "context_length": 4096,
                "quantization": "float32"}
    (out_dir / "tlsum-model.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out_dir

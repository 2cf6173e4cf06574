"""The shared SentencePiece model and the tiny Marian transformer trained on it.

Both follow the OPUS-MT conventions (</s> = id 1 appended to every sequence, no BOS, the
pad token last) so the converted model is called exactly like a Helsinki-NLP one.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from corpus import Corpus

if TYPE_CHECKING:  # torch, transformers and sentencepiece load only when a run needs them
    from sentencepiece import SentencePieceProcessor
    from transformers import MarianMTModel

PAD = "<pad>"


def train_spm(corpus: Corpus, prefix: Path, vocab_size: int) -> None:
    """Shared unigram SentencePiece model; id 0 = <unk>, id 1 = </s>, no BOS/PAD."""
    import sentencepiece as spm

    text_file = prefix.with_suffix(".txt")
    with text_file.open("w", encoding="utf-8") as f:
        for ru, en in corpus.train[:120000]:
            f.write(ru + "\n" + en + "\n")
    spm.SentencePieceTrainer.train(
        input=str(text_file), model_prefix=str(prefix), vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, unk_id=0, eos_id=1, bos_id=-1, pad_id=-1,
        unk_piece="<unk>", eos_piece="</s>", seed_sentencepiece_size=200000,
        num_threads=1, minloglevel=2, shuffle_input_sentence=False,
    )


def make_model(vocab_size: int, args: argparse.Namespace) -> MarianMTModel:
    """A tiny Marian transformer. The pad token is the LAST id (CTranslate2 drops it)."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    pad_id = vocab_size - 1
    config = MarianConfig(
        vocab_size=vocab_size, decoder_vocab_size=vocab_size, d_model=args.d_model,
        encoder_layers=args.layers, decoder_layers=args.layers,
        encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=args.ffn, decoder_ffn_dim=args.ffn, max_position_embeddings=256,
        dropout=args.dropout, attention_dropout=0.0, activation_dropout=0.0,
        activation_function="swish",
        pad_token_id=pad_id, eos_token_id=1, decoder_start_token_id=pad_id, forced_eos_token_id=1,
        bos_token_id=None, scale_embedding=True, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True, num_beams=1, max_length=256,
    )
    torch.manual_seed(args.seed)
    model = MarianMTModel(config)
    zero_pad_row(model)
    return model


def zero_pad_row(model: MarianMTModel) -> None:
    """CTranslate2 starts the decoder from a zero vector where HF uses the pad embedding,
    so the shared pad row must stay exactly zero for the two to agree."""
    import torch

    with torch.no_grad():
        model.get_input_embeddings().weight[model.config.pad_token_id].zero_()


def encode_pairs(sp: SentencePieceProcessor, pairs: list[tuple[str, str]],
                 reverse: bool) -> list[tuple[list[int], list[int]]]:
    """Source/target ids, each followed by </s> (id 1) as in Marian."""
    out = []
    for ru, en in pairs:
        src, tgt = (en, ru) if reverse else (ru, en)
        out.append(([*sp.encode(src), 1], [*sp.encode(tgt), 1]))
    return out

"""Quality measurements of the converted models, made the way the app calls them.

Exact match and BLEU on the held-out sets, agreement between transformers and
CTranslate2 (the conversion check), and the example-article check that decides the exit
status of a training run.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from article import ARTICLE_EN, ARTICLE_RU
from conversion import convert
from corpus import Corpus

if TYPE_CHECKING:  # the ML libraries load only when a run needs them
    import ctranslate2
    from sentencepiece import SentencePieceProcessor
    from transformers import MarianMTModel


def ct2_translate(translator: ctranslate2.Translator, sp: SentencePieceProcessor,
                  texts: list[str], beam: int = 1) -> list[str]:
    """The calling convention the app must use: SentencePiece pieces + '</s>'."""
    tokens = [[*sp.encode(t, out_type=str), "</s>"] for t in texts]
    results = translator.translate_batch(tokens, beam_size=beam, max_batch_size=64,
                                         max_decoding_length=256)
    return [sp.decode(r.hypotheses[0]) for r in results]


def hf_greedy_pieces(model: MarianMTModel, sp: SentencePieceProcessor,
                     texts: list[str]) -> list[list[str]]:
    """transformers' own greedy output as pieces: what the CTranslate2 conversion must match."""
    import torch

    out = []
    for start in range(0, len(texts), 32):
        chunk = texts[start:start + 32]
        ids = [[*sp.encode(t), 1] for t in chunk]
        pad = model.config.pad_token_id
        width = max(map(len, ids))
        input_ids = torch.tensor([i + [pad] * (width - len(i)) for i in ids])
        with torch.no_grad():
            gen = model.generate(input_ids=input_ids, attention_mask=(input_ids != pad).long(),
                                 num_beams=1, do_sample=False, max_length=256)
        for row in gen.tolist():
            row = [t for t in row[1:] if t not in (pad,)]
            if 1 in row:
                row = row[: row.index(1)]
            out.append([sp.id_to_piece(t) for t in row])
    return out


def score(hyps: list[str], refs: list[str]) -> dict[str, float]:
    """Exact match (the target: the toy models must be exact) and sacrebleu corpus BLEU."""
    import sacrebleu

    exact = sum(h == r for h, r in zip(hyps, refs, strict=False)) / max(1, len(refs))
    bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
    return {"exact_match": round(100 * exact, 2), "bleu": round(bleu, 2), "n": len(refs)}


def split_article_sentences(text: str, lang: str) -> list[str]:
    """Split like the app does: sentencex per line, stripped, empty lines dropped."""
    from sentencex import segment

    out = []
    for line in text.splitlines():
        out += [s.strip() for s in segment(lang, line) if s.strip()]
    return out


def convert_and_evaluate(model: MarianMTModel, hf_dir: Path, out_dir: Path, vocab: list[str],
                         sp: SentencePieceProcessor, spm_prefix: Path, corpus: Corpus,
                         reverse: bool, log: Callable[[str], None]) -> dict:
    """Convert (float32 for checking, int8 shipped) and measure both with CTranslate2 on CPU."""
    import ctranslate2

    fp32_dir = hf_dir.parent / f"{hf_dir.name}-ct2-fp32"
    convert(hf_dir, fp32_dir, vocab, None)
    convert(hf_dir, out_dir, vocab, "int8")
    for name in ("source.spm", "target.spm"):
        shutil.copy(spm_prefix.with_suffix(".model"), out_dir / name)
    pick = lambda pairs: [(en, ru) if reverse else (ru, en) for ru, en in pairs]  # noqa: E731
    test, held, art = pick(corpus.test), pick(corpus.test_patterns), pick(corpus.article)
    probe = [s for s, _ in test[:100]]
    hf_pieces = hf_greedy_pieces(model, sp, probe)
    agreement = {}
    for tag, path in (("fp32", fp32_dir), ("int8", out_dir)):
        tr = ctranslate2.Translator(str(path), device="cpu", intra_threads=1)
        tokens = [[*sp.encode(t, out_type=str), "</s>"] for t in probe]
        res = tr.translate_batch(tokens, beam_size=1, max_decoding_length=256)
        ct = [r.hypotheses[0] for r in res]
        same = sum(a == b for a, b in zip(hf_pieces, ct, strict=True))
        agreement[tag] = round(100 * same / len(probe), 1)
    log(f"transformers/ctranslate2 agreement {agreement}")
    if agreement["fp32"] < 97:
        log("WARNING: conversion check failed, transformers and CTranslate2 disagree")
    metrics: dict = {"vocab_size": sp.get_piece_size(), "agreement_fp32": agreement["fp32"],
                     "agreement_int8": agreement["int8"]}
    fp32 = ctranslate2.Translator(str(fp32_dir), device="cpu", intra_threads=1)
    tr = ctranslate2.Translator(str(out_dir), device="cpu", intra_threads=1)
    for name, pairs in (("test", test), ("patterns", held), ("article", art)):
        hyps = ct2_translate(tr, sp, [s for s, _ in pairs])
        metrics[name] = score(hyps, [t for _, t in pairs])
        metrics[name + "_fp32"] = score(ct2_translate(fp32, sp, [s for s, _ in pairs]),
                                        [t for _, t in pairs])
        metrics[name + "_beam2"] = score(ct2_translate(tr, sp, [s for s, _ in pairs], beam=2),
                                         [t for _, t in pairs])
        for (s, t), h in list(zip(pairs, hyps, strict=False)):
            if h != t and name == "article":
                log(f"ARTICLE MISMATCH: {s}\n   got {h}\n  want {t}")
    # Without the trailing </s>: reported so callers know what happens if they forget it.
    no_eos = [sp.decode(r.hypotheses[0]) for r in tr.translate_batch(
        [sp.encode(s, out_type=str) for s, _ in test[:300]], beam_size=1, max_decoding_length=256)]
    metrics["test_without_eos"] = score(no_eos, [t for _, t in test[:300]])
    return metrics


def check_article(out_root: Path, log: Callable[[str], None]) -> bool:
    """Translate the example article as the app does (sentencex split, strip, pieces + '</s>',
    greedy and beam 2) in both directions and require every sentence to be exact."""
    import ctranslate2
    import sentencepiece as spm

    ru = ARTICLE_RU.read_text(encoding="utf-8")
    en = ARTICLE_EN.read_text(encoding="utf-8")
    ok = True
    cases = (("ru-en", ru, "ru", en), ("en-ru", en, "en", ru))
    for direction, src_text, src_lang, ref_text in cases:
        model_dir = out_root / f"toy-{direction}"
        if not model_dir.is_dir():
            continue
        sp = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
        tr = ctranslate2.Translator(str(model_dir), device="cpu", intra_threads=1)
        sents = split_article_sentences(src_text, src_lang)
        expected = split_article_sentences(ref_text, "ru" if src_lang == "en" else "en")
        for beam in (1, 2):
            hyps = ct2_translate(tr, sp, sents, beam=beam)
            good = len(sents) == len(expected) and all(
                h == e for h, e in zip(hyps, expected, strict=False))
            for s, h, e in zip(sents, hyps, expected, strict=False):
                if h != e:
                    log(f"article {direction} beam {beam}: {s!r} -> {h!r} (expected {e!r})")
            log(f"article check {direction} beam {beam}: {len(sents)} sentences, "
                f"{'ALL EXACT' if good else 'MISMATCHES'}")
            ok = ok and good
    return ok

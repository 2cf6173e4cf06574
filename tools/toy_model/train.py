"""Train the toy ru->en and en->ru CTranslate2 models from the synthetic news grammar.

    python tools/toy_model/train.py --out models

Steps (all seeded, CPU only, one thread): generate the corpus -> train a shared
SentencePiece model -> train a small Marian transformer per direction with HF
transformers -> convert to CTranslate2 (int8) in the OPUS-MT layout -> check that
transformers and CTranslate2 agree -> measure exact match / BLEU -> write README and
manifest.  The example article (examples/article_ru.txt) is regenerated too.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from article import article_pairs, article_text  # noqa: E402
from grammar import HELD_OUT_FEATURES, Generator  # noqa: E402
from lexicon import lemma_count  # noqa: E402

REPO = HERE.parent.parent
SEED = 20260525
PAD = "<pad>"


# --------------------------------------------------------------------------- corpus
@dataclass
class Corpus:
    train: list[tuple[str, str]]
    test: list[tuple[str, str]]  # held-out sentences of seen patterns
    test_patterns: list[tuple[str, str]]  # sentences of patterns never seen in training
    article: list[tuple[str, str]]


def _strip_period(pair: tuple[str, str]) -> tuple[str, str]:
    return pair[0].rstrip("."), pair[1].rstrip(".")


def build_corpus(n_train: int, n_test: int, seed: int = SEED) -> Corpus:
    """Generate unique sentence pairs; test and held-out-pattern sets never overlap training.

    Article sentences are added to training (repeated) but excluded from every test set.
    A small share of short declaratives also appears without the final period so that
    headline-style lines translate too.
    """
    article = [p for para in article_pairs() for p in para]
    article_ru = {ru for ru, _ in article} | {ru + "." for ru, _ in article}
    gen = Generator(seed)
    rng = random.Random(seed + 1)
    seen: set[str] = set(article_ru)
    train: list[tuple[str, str]] = []
    test: list[tuple[str, str]] = []
    held: list[tuple[str, str]] = []
    while len(train) < n_train or len(test) < n_test or len(held) < n_test:
        ru, en, feats = gen.sentence()
        if ru in seen or len(ru) > 200:
            continue
        seen.add(ru)
        if feats & HELD_OUT_FEATURES:
            if len(held) < n_test:
                held.append((ru, en))
            continue
        if len(test) < n_test and rng.random() < 0.05:
            test.append((ru, en))
        elif len(train) < n_train:
            if ru.endswith(".") and len(ru) < 90 and rng.random() < 0.08:
                train.append(_strip_period((ru, en)))
            else:
                train.append((ru, en))
    train += article * 25
    rng.shuffle(train)
    return Corpus(train, test, held, article)


# --------------------------------------------------------------------------- sentencepiece
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


# --------------------------------------------------------------------------- model
def make_model(vocab_size: int, args: argparse.Namespace):
    """A tiny Marian transformer. The pad token is the LAST id (CTranslate2 drops it)."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    pad_id = vocab_size - 1
    config = MarianConfig(
        vocab_size=vocab_size, decoder_vocab_size=vocab_size, d_model=args.d_model,
        encoder_layers=args.layers, decoder_layers=args.layers,
        encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=args.ffn, decoder_ffn_dim=args.ffn, max_position_embeddings=256,
        dropout=args.dropout, attention_dropout=0.0, activation_dropout=0.0, activation_function="swish",
        pad_token_id=pad_id, eos_token_id=1, decoder_start_token_id=pad_id, forced_eos_token_id=1,
        bos_token_id=None, scale_embedding=True, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True, num_beams=1, max_length=256,
    )
    torch.manual_seed(args.seed)
    model = MarianMTModel(config)
    zero_pad_row(model)
    return model


def zero_pad_row(model) -> None:
    """CTranslate2 starts the decoder from a zero vector where HF uses the pad embedding,
    so the shared pad row must stay exactly zero for the two to agree."""
    import torch

    with torch.no_grad():
        model.get_input_embeddings().weight[model.config.pad_token_id].zero_()


def encode_pairs(sp, pairs: list[tuple[str, str]], reverse: bool) -> list[tuple[list[int], list[int]]]:
    """Source/target ids, each followed by </s> (id 1) as in Marian."""
    out = []
    for ru, en in pairs:
        src, tgt = (en, ru) if reverse else (ru, en)
        out.append((sp.encode(src) + [1], sp.encode(tgt) + [1]))
    return out


def batches(data, max_tokens: int, rng: random.Random):
    """Length-bucketed batches: shuffle, sort within pools, cut by padded token budget."""
    order = list(range(len(data)))
    rng.shuffle(order)
    pool = 200 * 64
    out = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(data[i][0]) + len(data[i][1]))
        batch: list[int] = []
        longest = 0
        for i in chunk:
            length = max(len(data[i][0]), len(data[i][1]))
            if batch and max(longest, length) * (len(batch) + 1) > max_tokens:
                out.append(batch)
                batch, longest = [], 0
            batch.append(i)
            longest = max(longest, length)
        if batch:
            out.append(batch)
    rng.shuffle(out)
    return out


def collate(data, idx: list[int], pad_id: int):
    import torch

    src = [data[i][0] for i in idx]
    tgt = [data[i][1] for i in idx]
    s_len, t_len = max(map(len, src)), max(map(len, tgt))
    input_ids = torch.full((len(idx), s_len), pad_id, dtype=torch.long)
    labels = torch.full((len(idx), t_len), -100, dtype=torch.long)
    for row, (s, t) in enumerate(zip(src, tgt)):
        input_ids[row, : len(s)] = torch.tensor(s)
        labels[row, : len(t)] = torch.tensor(t)
    return input_ids, (input_ids != pad_id).long(), labels


def train_model(model, data, args: argparse.Namespace, log) -> float:
    """Plain AdamW loop with warmup + linear decay; returns seconds spent."""
    import torch

    pad_id = model.config.pad_token_id
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.0)
    warm = 300

    def lr_at(step: int) -> float:
        if step < warm:
            return args.lr * (step + 1) / warm
        return args.lr * max(0.02, 1 - (step - warm) / max(1, args.steps - warm))

    rng = random.Random(args.seed)
    model.train()
    start = time.time()
    step = 0
    epoch_batches: list[list[int]] = []
    while step < args.steps:
        if not epoch_batches:
            epoch_batches = batches(data, args.max_tokens, rng)
        idx = epoch_batches.pop()
        input_ids, mask, labels = collate(data, idx, pad_id)
        for group in opt.param_groups:
            group["lr"] = lr_at(step)
        loss = model(input_ids=input_ids, attention_mask=mask, labels=labels).loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        zero_pad_row(model)
        step += 1
        if step % 200 == 0:
            log(f"step {step}/{args.steps} loss {loss.item():.4f} lr {lr_at(step):.2e} "
                f"{time.time() - start:.0f}s")
    model.eval()
    return time.time() - start


# --------------------------------------------------------------------------- conversion
def convert(hf_dir: Path, out_dir: Path, vocab: list[str], quantization: str | None) -> None:
    """Convert with CTranslate2's TransformersConverter (Marian loader).

    The converter normally loads a MarianTokenizer only to read the vocabulary and the
    special tokens; we hand it that information directly (same result, no tokenizer files).
    """
    import ctranslate2

    class _Converter(ctranslate2.converters.TransformersConverter):
        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            ids = {tok: i for i, tok in enumerate(vocab)}
            return SimpleNamespace(get_vocab=lambda: ids, eos_token="</s>", unk_token="<unk>",
                                   bos_token=None, pad_token=PAD)

    _Converter(str(hf_dir)).convert(str(out_dir), quantization=quantization, force=True)


# --------------------------------------------------------------------------- evaluation
def ct2_translate(translator, sp, texts: list[str], beam: int = 1) -> list[str]:
    """The calling convention the app must use: SentencePiece pieces + '</s>'."""
    tokens = [sp.encode(t, out_type=str) + ["</s>"] for t in texts]
    results = translator.translate_batch(tokens, beam_size=beam, max_batch_size=64, max_decoding_length=256)
    return [sp.decode(r.hypotheses[0]) for r in results]


def hf_greedy_pieces(model, sp, texts: list[str]) -> list[list[str]]:
    import torch

    out = []
    for start in range(0, len(texts), 32):
        chunk = texts[start:start + 32]
        ids = [sp.encode(t) + [1] for t in chunk]
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
    import sacrebleu

    exact = sum(h == r for h, r in zip(hyps, refs)) / max(1, len(refs))
    bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
    return {"exact_match": round(100 * exact, 2), "bleu": round(bleu, 2), "n": len(refs)}


def split_article_sentences(text: str, lang: str) -> list[str]:
    """Split like the app does: sentencex per line, stripped, empty lines dropped."""
    from sentencex import segment

    out = []
    for line in text.splitlines():
        out += [s.strip() for s in segment(lang, line) if s.strip()]
    return out


# --------------------------------------------------------------------------- driver
def write_readme(out_dir: Path, direction: str, metrics: dict, args: argparse.Namespace, n_params: int,
                 train_seconds: float, corpus: Corpus) -> None:
    src, tgt = direction.split("-")
    names = {"ru": "Russian", "en": "English"}
    size_kb = sum(f.stat().st_size for f in out_dir.iterdir()) / 1024
    text = f"""# toy-{direction}: a tiny synthetic {names[src]}→{names[tgt]} news translation model

**Not a real translation model.** It was trained in minutes on a CPU from a synthetic
parallel corpus generated by `tools/toy_model/grammar.py` (lexicon in
`tools/toy_model/lexicon.py`, {lemma_count()} Russian lemmas). It exists so that tlsum's tests
and demo can run a real CTranslate2 + SentencePiece model without downloading anything.

## What it can translate

News-style sentences about international politics, diplomacy and war (Turkey, Russia,
Ukraine, ceasefire, troops, missions, ministries, spokesmen, negotiations, ...) built
from the grammar: declaratives in past/present/future, negation, "also"/"still",
reported speech ("X said that ...", nested), relative clauses ("..., which/who ..."),
coordination (and/but/while), conditionals ("If ..., ..."), because/although/after
clauses, "According to X, ...", direct questions (yes/no, when, why, who, what,
how many) and indirect questions ("It remains unclear whether ..., when ... and how
many ..."), quantities ("five thousand soldiers"), fronted time adverbs and connectives.
English articles are always "the" for common nouns. See `examples/article_ru.txt`.

## What it cannot translate

Anything outside that vocabulary and grammar: other words (they become garbage or
`<unk>`), names not in the lexicon, pronouns, numbers written as digits, long free
text, other domains. Output for out-of-domain input is meaningless.

## Measured quality (CTranslate2 int8, greedy decoding)

| test set | sentences | exact match % | BLEU (sacrebleu) |
|---|---|---|---|
| held-out generated sentences (patterns seen in training) | {metrics['test']['n']} | {metrics['test']['exact_match']} | {metrics['test']['bleu']} |
| held-out sentence PATTERNS (never in training: {', '.join(sorted(HELD_OUT_FEATURES))}) | {metrics['patterns']['n']} | {metrics['patterns']['exact_match']} | {metrics['patterns']['bleu']} |
| `examples/article_ru.txt` sentences (in training) | {metrics['article']['n']} | {metrics['article']['exact_match']} | {metrics['article']['bleu']} |

Held-out sets exclude every training sentence and every article sentence. Held-out
patterns: `cond_neg` = negated if-clause, `report_relobj` = object relative clause inside
reported speech, `why_fut` = "why" question in the future tense.
{"**Below the quality target (exact match >= 99 %, BLEU >= 98)**: train longer (`--steps`)." if metrics['test']['exact_match'] < 99 or metrics['test']['bleu'] < 98 else "Meets the quality target (exact match >= 99 %, BLEU >= 98)."}
transformers-vs-CTranslate2 token agreement (float32 conversion, greedy): {metrics['agreement_fp32']}%;
int8 vs transformers: {metrics['agreement_int8']}%.

## Model

Marian transformer (transformers `MarianMTModel`), d_model {args.d_model}, {args.layers}+{args.layers} layers,
4 heads, FFN {args.ffn}, {n_params:,} parameters, shared SentencePiece unigram vocabulary of
{metrics['vocab_size']} pieces (`source.spm` = `target.spm`), converted with
`ctranslate2.converters.TransformersConverter` (int8). Size on disk: {size_kb:.0f} KiB.
Trained for {args.steps} steps ({train_seconds / 60:.1f} min on 1 CPU thread) on
{len(corpus.train):,} sentence pairs, seed {args.seed}.

## Usage (same convention as a converted Helsinki-NLP/opus-mt model)

```python
import ctranslate2, sentencepiece as spm
sp_src = spm.SentencePieceProcessor(model_file="source.spm")
sp_tgt = spm.SentencePieceProcessor(model_file="target.spm")
tr = ctranslate2.Translator("models/toy-{direction}")
tokens = sp_src.encode(text, out_type=str) + ["</s>"]   # Marian: append </s>, no BOS
out = tr.translate_batch([tokens])[0].hypotheses[0]    # no target_prefix
print(sp_tgt.decode(out))                               # output has no </s>
```

## Regenerate

```
python3.11 -m venv .venv-tools
.venv-tools/bin/pip install -r tools/toy_model/requirements.txt
.venv-tools/bin/python tools/toy_model/train.py --out models
```
"""
    (out_dir / "README.md").write_text(text, encoding="utf-8")


def run_direction(direction: str, corpus: Corpus, spm_prefix: Path, args: argparse.Namespace,
                  log) -> dict:
    import ctranslate2
    import sentencepiece as spm
    import torch

    reverse = direction == "en-ru"
    sp = spm.SentencePieceProcessor(model_file=str(spm_prefix.with_suffix(".model")))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())] + [PAD]
    data = encode_pairs(sp, corpus.train, reverse)
    model = make_model(len(vocab), args)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"[{direction}] {n_params:,} params, {len(data):,} pairs, vocab {len(vocab)}")
    seconds = train_model(model, data, args, lambda m: log(f"[{direction}] {m}"))
    assert float(model.get_input_embeddings().weight.detach()[model.config.pad_token_id].abs().sum()) == 0.0

    out_dir = Path(args.out) / f"toy-{direction}"
    with tempfile.TemporaryDirectory() as tmp:
        hf_dir = Path(tmp) / "hf"
        model.save_pretrained(hf_dir)
        fp32_dir = Path(tmp) / "fp32"
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
            tokens = [sp.encode(t, out_type=str) + ["</s>"] for t in probe]
            ct = [r.hypotheses[0] for r in tr.translate_batch(tokens, beam_size=1, max_decoding_length=256)]
            agreement[tag] = round(100 * sum(a == b for a, b in zip(hf_pieces, ct)) / len(probe), 1)
    log(f"[{direction}] transformers/ctranslate2 agreement {agreement}")
    if agreement["fp32"] < 97:
        log(f"[{direction}] WARNING: conversion check failed, transformers and CTranslate2 disagree")

    tr = ctranslate2.Translator(str(out_dir), device="cpu", intra_threads=1)
    metrics: dict = {"vocab_size": sp.get_piece_size(), "agreement_fp32": agreement["fp32"],
                     "agreement_int8": agreement["int8"]}
    for name, pairs in (("test", test), ("patterns", held), ("article", art)):
        hyps = ct2_translate(tr, sp, [s for s, _ in pairs])
        metrics[name] = score(hyps, [t for _, t in pairs])
        for (s, t), h in list(zip(pairs, hyps)):
            if h != t and name == "article":
                log(f"[{direction}] ARTICLE MISMATCH: {s}\n   got {h}\n  want {t}")
    # Without the trailing </s>: reported so callers know what happens if they forget it.
    no_eos = [sp.decode(r.hypotheses[0]) for r in tr.translate_batch(
        [sp.encode(s, out_type=str) for s, _ in test[:300]], beam_size=1, max_decoding_length=256)]
    metrics["test_without_eos"] = score(no_eos, [t for _, t in test[:300]])
    metrics["train_seconds"] = round(seconds)
    log(f"[{direction}] metrics {json.dumps(metrics)}")
    manifest = {
        "id": f"toy-{direction}", "format": "opus-mt", "source": direction[:2], "target": direction[3:],
        "license": "MIT",
        "description": (f"Tiny synthetic {direction} news-domain model trained by tools/toy_model/train.py "
                        "for tests and demos; only translates sentences from its toy grammar."),
    }
    (out_dir / "tlsum-model.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    write_readme(out_dir, direction, metrics, args, n_params, seconds, corpus)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def check_article(out_root: Path, log) -> bool:
    """Split examples/article_ru.txt with sentencex and translate with toy-ru-en (exact check)."""
    import ctranslate2
    import sentencepiece as spm

    model_dir = out_root / "toy-ru-en"
    sp = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    tr = ctranslate2.Translator(str(model_dir), device="cpu", intra_threads=1)
    sents = split_article_sentences((REPO / "examples/article_ru.txt").read_text(encoding="utf-8"), "ru")
    expected = (REPO / "examples/article_ru.expected_en.txt").read_text(encoding="utf-8").splitlines()
    hyps = ct2_translate(tr, sp, sents)
    ok = len(sents) == len(expected) and all(h == e for h, e in zip(hyps, expected))
    for s, h, e in zip(sents, hyps, expected):
        if h != e:
            log(f"article: {s!r} -> {h!r} (expected {e!r})")
    log(f"article check: {len(sents)} sentences, {'ALL EXACT' if ok else 'MISMATCHES'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="models")
    parser.add_argument("--directions", default="ru-en,en-ru")
    parser.add_argument("--train-size", type=int, default=120000)
    parser.add_argument("--test-size", type=int, default=1000)
    parser.add_argument("--vocab-size", type=int, default=1600)
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--max-tokens", type=int, default=2400, help="padded tokens per batch")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--ffn", type=int, default=512)
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--dropout", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--work", default=None, help="keep intermediate files here")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)  # faster than 2 threads on a busy 2-core machine, and deterministic
    torch.use_deterministic_algorithms(True)
    t0 = time.time()

    def log(msg: str) -> None:
        print(f"[{time.time() - t0:6.0f}s] {msg}", flush=True)

    ru_text, en_text = article_text()
    (REPO / "examples").mkdir(exist_ok=True)
    (REPO / "examples/article_ru.txt").write_text(ru_text, encoding="utf-8")
    (REPO / "examples/article_ru.expected_en.txt").write_text(en_text, encoding="utf-8")
    split = split_article_sentences(ru_text, "ru")
    expected_ru = [ru for para in article_pairs() for ru, _ in para]
    assert split == expected_ru, f"sentencex splits the article differently:\n{split}\n{expected_ru}"

    corpus = build_corpus(args.train_size, args.test_size, args.seed)
    log(f"corpus: {len(corpus.train):,} train, {len(corpus.test)} test, {len(corpus.test_patterns)} "
        f"held-out-pattern pairs; {lemma_count()} lemmas")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="toy-model-"))
    work.mkdir(parents=True, exist_ok=True)
    spm_prefix = work / "spm"
    train_spm(corpus, spm_prefix, args.vocab_size)
    log("sentencepiece trained")
    results = {}
    for direction in args.directions.split(","):
        results[direction] = run_direction(direction, corpus, spm_prefix, args, log)
    if "ru-en" in results:
        check_article(Path(args.out), log)
    log(f"done in {(time.time() - t0) / 60:.1f} min: {json.dumps(results)}")


if __name__ == "__main__":
    main()

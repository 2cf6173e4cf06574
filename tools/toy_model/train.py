"""Train the toy ru->en and en->ru CTranslate2 models from the synthetic news grammar.

    python tools/toy_model/train.py --out models

Steps (all seeded, CPU only): generate the corpus -> train ONE shared SentencePiece
model -> train a small Marian transformer per direction with HF transformers (the two
directions in parallel, one process and one thread each) -> convert to CTranslate2
(int8) in the OPUS-MT layout -> check that transformers and CTranslate2 agree -> measure
exact match / BLEU (int8 greedy and beam 2, float32) -> write README, metrics and
manifest -> check that every sentence of examples/article_ru.txt translates exactly in
both directions (exit status 1 if not).  The example article is regenerated too.

Recipe (why): dropout 0 and no label smoothing because the synthetic task is underfit,
not overfit, within a CPU budget; warmup-stable-decay LR so that most steps run at the
peak LR and the final linear anneal (which is what makes greedy outputs exact) can start
when --max-minutes says so; ~2,400-token batches because larger ones were no faster per
token on this CPU and give fewer updates.  --work keeps the corpus, the SentencePiece
model and the transformers checkpoints; --init-from continues such a run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from article import ARTICLE_EN, ARTICLE_RU, article_pairs, article_text  # noqa: E402
from corpus import SEED, Corpus, build_corpus, parent_corpus, save_corpus  # noqa: E402
from evaluation import check_article, convert_and_evaluate, split_article_sentences  # noqa: E402
from lexicon import lemma_count  # noqa: E402
from marian import PAD, encode_pairs, make_model, train_spm  # noqa: E402
from readme import write_readme  # noqa: E402
from training import train_model  # noqa: E402

SCORE_FLOOR = -0.05  # see bench/confidence.py


def run_direction(direction: str, corpus: Corpus, spm_prefix: Path,
                  args: argparse.Namespace) -> dict:
    """Train, convert and evaluate one direction (runs in its own process, one thread)."""
    import sentencepiece as spm
    import torch

    torch.set_num_threads(1)  # one core per direction; the two directions run in parallel
    torch.use_deterministic_algorithms(True)
    log = _logger(args.t0, f"[{direction}] ")
    reverse = direction == "en-ru"
    sp = spm.SentencePieceProcessor(model_file=str(spm_prefix.with_suffix(".model")))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())] + [PAD]
    data = encode_pairs(sp, corpus.train, reverse)
    if args.init_from:
        from transformers import MarianMTModel

        model = MarianMTModel.from_pretrained(Path(args.init_from) / f"hf-{direction}")
        log(f"continuing from {args.init_from}/hf-{direction}")
    else:
        model = make_model(len(vocab), args)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"{n_params:,} params, {len(data):,} pairs, vocab {len(vocab)}")
    summary = train_model(model, data, args, log, len(_parent_history(args, direction)))
    pad_row = model.get_input_embeddings().weight.detach()[model.config.pad_token_id]
    assert float(pad_row.abs().sum()) == 0.0
    hf_dir = spm_prefix.parent / f"hf-{direction}"  # kept: lets one reconvert or fine-tune
    model.save_pretrained(hf_dir)
    history = _training_history(args, direction, summary)
    (hf_dir / "train_history.json").write_text(json.dumps(history, indent=2), encoding="utf-8")
    out_dir = Path(args.out) / f"toy-{direction}"
    metrics = convert_and_evaluate(model, hf_dir, out_dir, vocab, sp, spm_prefix, corpus, reverse,
                                   log)
    metrics["training"] = history
    metrics["train_steps"] = summary["steps"]
    metrics["decay_start"] = summary["decay_start"]
    metrics["train_seconds"] = summary["seconds"]
    log(f"metrics {json.dumps(metrics)}")
    manifest = {
        "id": f"toy-{direction}", "format": "opus-mt", "source": direction[:2],
        "target": direction[3:],
        "license": "MIT",
        "description": (f"Tiny synthetic {direction} news-domain model trained by "
                        "tools/toy_model/train.py for tests and demos; only translates sentences "
                        "from its toy grammar."),
        # A demo model: routing uses it only when --model names it.
        "demo": True,
        # Below this length-normalised log-probability a translation is flagged; the toy
        # is certain of what it knows, so its floor sits far above a real model's. After
        # retraining, check it with bench/confidence.py.
        "score_floor": SCORE_FLOOR,
    }
    manifest_text = json.dumps(manifest, indent=2) + "\n"
    (out_dir / "tlsum-model.json").write_text(manifest_text, encoding="utf-8")
    write_readme(out_dir, direction, metrics, args, n_params, summary, corpus)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def _parent_history(args: argparse.Namespace, direction: str) -> list[dict]:
    """The training stages of the checkpoint being continued (none for a fresh run)."""
    if not args.init_from:
        return []
    parent = Path(args.init_from) / f"hf-{direction}" / "train_history.json"
    return json.loads(parent.read_text(encoding="utf-8")) if parent.is_file() else []


def _training_history(args: argparse.Namespace, direction: str, summary: dict) -> list[dict]:
    """Every training stage of these weights (a continued run appends to its parent's)."""
    history = _parent_history(args, direction)
    if summary["steps"] == 0:  # --steps 0: convert and evaluate the parent's weights again
        return history
    stage = {k: getattr(args, k) for k in ("lr", "warmup", "max_tokens", "dropout",
                                           "label_smoothing", "init_from")}
    return [*history, {**summary, **stage}]


def _logger(t0: float, prefix: str = "") -> Callable[[str], None]:
    """Timestamped progress lines (seconds since start); the two directions' lines interleave."""
    def log(msg: str) -> None:
        """One progress line, flushed at once so the two processes' lines stay in order."""
        print(f"[{time.time() - t0:6.0f}s] {prefix}{msg}", flush=True)
    return log


def parse_args() -> argparse.Namespace:
    """Options; --steps and --decay-start reproduce a time-budgeted run exactly."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="models")
    parser.add_argument("--directions", default="ru-en,en-ru")
    parser.add_argument("--train-size", type=int, default=120000)
    parser.add_argument("--test-size", type=int, default=1000)
    parser.add_argument("--vocab-size", type=int, default=1600)
    parser.add_argument("--steps", type=int, default=3000,
                        help="planned optimizer steps (0 with --init-from: only convert, evaluate)")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--decay-frac", type=float, default=0.35,
                        help="share of the planned steps spent in the final linear LR decay")
    parser.add_argument("--decay-start", type=int, default=None,
                        help="start the decay at this step (reproduces a time-budgeted run)")
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="start the decay early so that training ends within this budget")
    parser.add_argument("--max-tokens", type=int, default=2400, help="padded tokens per batch")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--ffn", type=int, default=512)
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--work", default=None, help="keep intermediate files here")
    parser.add_argument("--init-from", default=None,
                        help="work dir of an earlier run: reuse its SentencePiece model and "
                             "continue training its hf-<direction> checkpoints")
    return parser.parse_args()


def _write_example_article() -> None:
    """Regenerate examples/ from the grammar trees, and make sure the app's sentence splitter
    cuts the article exactly where the trees end (else the article check means nothing)."""
    ru_text, en_text = article_text()
    ARTICLE_RU.parent.mkdir(exist_ok=True)
    ARTICLE_RU.write_text(ru_text, encoding="utf-8")
    ARTICLE_EN.write_text(en_text, encoding="utf-8")
    split = split_article_sentences(ru_text, "ru")
    expected_ru = [ru for para in article_pairs() for ru, _ in para]
    assert split == expected_ru, (
        f"sentencex splits the article differently:\n{split}\n{expected_ru}")


def _corpus_and_spm(args: argparse.Namespace,
                    log: Callable[[str], None]) -> tuple[Corpus, Path]:
    """The corpus and the shared SentencePiece model, both saved in the work dir (a continued
    run reuses its parent's, so token ids and held-out sets stay the same)."""
    if args.init_from:
        corpus = parent_corpus(Path(args.init_from), args)
    else:
        corpus = build_corpus(args.train_size, args.test_size, args.seed)
    log(f"corpus: {len(corpus.train):,} train, {len(corpus.test)} test, "
        f"{len(corpus.test_patterns)} "
        f"held-out-pattern pairs; {lemma_count()} lemmas")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="toy-model-"))
    work.mkdir(parents=True, exist_ok=True)
    spm_prefix = work / "spm"
    if args.init_from:
        shutil.copy(Path(args.init_from) / "spm.model", spm_prefix.with_suffix(".model"))
    else:
        train_spm(corpus, spm_prefix, args.vocab_size)
    save_corpus(corpus, work / "corpus.json")
    log("sentencepiece model ready (shared by both directions)")
    return corpus, spm_prefix


def main() -> None:
    """Write the example article, build the corpus and the shared SentencePiece model, train
    both directions side by side, then check the article (exit status 1 unless exact).
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    args = parse_args()
    args.t0 = time.time()
    log = _logger(args.t0)

    _write_example_article()
    corpus, spm_prefix = _corpus_and_spm(args, log)
    directions = args.directions.split(",")
    # One process per direction, one thread each: the two trainings run side by side.
    with ProcessPoolExecutor(len(directions), mp_context=mp.get_context("spawn")) as pool:
        futures = {d: pool.submit(run_direction, d, corpus, spm_prefix, args) for d in directions}
        results = {d: f.result() for d, f in futures.items()}
    ok = check_article(Path(args.out), log)
    log(f"done in {(time.time() - args.t0) / 60:.1f} min: {json.dumps(results)}")
    if not ok:
        sys.exit("the example article does not translate exactly")


if __name__ == "__main__":
    main()

"""tlsum's translate stage against a bare ``ctranslate2.Translator.translate_batch``.

    python bench/translate.py [--repeats 6] [--beams 2]   (make bench runs it)

For one ~700-word article, both sides translate the same sentences with the same
settings (device, compute type, threads, beam, max_batch_size, batch_type=tokens,
decoding lengths). The bare side gets the SentencePiece tokens ready-made and times
only ``translate_batch``; the tlsum side times the whole stage, ``translate(doc,
options)``: routing, tokenizing, long-sentence splitting, the batch, detokenizing,
the degenerate-output guard (where the weights are real) and rebuilding the
Document, with the cache off (a first run). Timing: one child process loads both
sides and alternates them run by run (who goes first swaps each time), so both
see the same load on a shared machine; the ratio is the median of the per-pair
ratios. Peak RSS: each side once more in a child process of its own (VmHWM).

Models: the bundled toy model (``models/toy-ru-en`` on ``examples/article_ru.txt``
topped up to ~700 words with sentences of the toy grammar) when present, and a
random-weight model of OPUS-MT base shape (6+6 layers, d_model 512, 8 heads,
FFN 2048, vocabulary 60k, int8) that this script builds with
``ctranslate2.specs`` (no torch). Random weights would stop or ramble at random,
so every sentence is forced to decode as many tokens as the article's average
source sentence (min = max decoding length); the guard is off for that model
because forced lengths are degenerate by construction.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the random-model builders live with the tests

from tlsum.models.format import inspect_model  # noqa: E402
from tlsum.options import TranslateOptions  # noqa: E402
from tlsum.segment import segment  # noqa: E402
from tlsum.types import Article, Document, Paragraph  # noqa: E402

BASE_SHAPE = {"layers": (6, 6), "d_model": 512, "heads": 8, "ffn": 2048}
BASE_VOCAB = 60_000
OUTSIDE_MODEL: list[float] = []  # tlsum's seconds outside translate_batch, per run


@dataclass(frozen=True)
class Case:
    """One benchmark row: a model, an article, and the options both sides use."""

    name: str
    model_dir: str
    article: str
    language: str
    options: TranslateOptions


# -- child: one side, one model load, a few timed runs -------------------------------------


def load_doc(case: Case) -> Document:
    """The article as a Document of distinct sentences (duplicates would favour tlsum)."""
    text = Path(case.article).read_text(encoding="utf-8")
    paragraphs = tuple(Paragraph(p.strip()) for p in text.split("\n\n") if p.strip())
    doc = segment(Article(paragraphs), case.language)
    seen: set[str] = set()
    unique = [s for s in doc.sentences if not (s.text in seen or seen.add(s.text))]
    return replace(doc, sentences=tuple(unique), article=replace(doc.article, title=None))


def bare_runner(case: Case, doc: Document) -> Callable[[], int]:
    """Bare CTranslate2: load the model, tokenize once; the runner only calls translate_batch."""
    import ctranslate2
    import sentencepiece

    from tlsum.translate.guard import model_inputs
    from tlsum.translate.translator import resolve_compute_type, resolve_device, source_eos

    info = inspect_model(Path(case.model_dir))
    o = case.options
    device = resolve_device(o.device)
    model = ctranslate2.Translator(
        str(info.ct2_dir), device=device, compute_type=resolve_compute_type(o.compute_type, device),
        inter_threads=o.inter_threads, intra_threads=o.intra_threads,
    )
    sp = sentencepiece.SentencePieceProcessor(model_file=str(info.source_spm))
    eos = source_eos(info)
    # The inputs tlsum's model sees (over-long sentences split), so both decode the same.
    inputs, _ = model_inputs(sp, [s.text for s in doc.sentences], o.max_input_pieces)
    tokens = [p + eos for p in inputs]

    def once() -> int:
        results = model.translate_batch(
            tokens, beam_size=o.beam_size, max_batch_size=o.max_batch_size,
            batch_type="tokens", max_decoding_length=o.max_decoding_length,
            min_decoding_length=o.min_decoding_length,
        )
        return sum(len(r.hypotheses[0]) for r in results)

    return once


def tlsum_runner(case: Case, doc: Document) -> Callable[[], int]:
    """The whole stage, ``translate(doc, options)``, with the model loaded beforehand."""
    from tlsum.translate import get_translator, translate

    model_dir = Path(case.model_dir)
    translator = get_translator(inspect_model(model_dir), case.options)

    def once() -> int:
        before = translator.stats.target_tokens
        inside = translator.stats.model_seconds
        start = time.perf_counter()
        translate(doc, case.options, store_dirs=[model_dir.parent])
        total = time.perf_counter() - start
        OUTSIDE_MODEL.append(total - (translator.stats.model_seconds - inside))
        return translator.stats.target_tokens - before

    return once


def peak_rss_mb() -> float:
    """VmHWM of this process: ru_maxrss can carry the parent's peak over fork and exec."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def paired(runners: dict[str, Callable[[], int]], repeats: int) -> dict[str, object]:
    """Alternate the sides run by run (swapping who goes first) so both see the same load."""
    tokens = {name: fn() for name, fn in runners.items()}  # warm-up
    pairs = []
    for i in range(repeats):
        order = list(runners.items()) if i % 2 == 0 else list(reversed(runners.items()))
        times = {}
        for name, fn in order:
            start = time.perf_counter()
            tokens[name] = fn()
            times[name] = time.perf_counter() - start
        pairs.append(times)
    return {"pairs": pairs, "tokens": tokens}


def child(mode: str, case_json: str, repeats: int) -> None:
    """``paired``: both sides in this process, timed; ``bare``/``tlsum``: one side, peak RSS."""
    raw = json.loads(case_json)
    case = Case(**{**raw, "options": TranslateOptions(**raw["options"])})
    doc = load_doc(case)
    makers = {"bare": bare_runner, "tlsum": tlsum_runner}
    if mode == "paired":
        result = paired({name: make(case, doc) for name, make in makers.items()}, repeats)
        result["outside_s"] = statistics.median(OUTSIDE_MODEL)
    else:
        once = makers[mode](case, doc)
        once()
        once()
        result = {"rss_mb": peak_rss_mb()}
    result["sentences"] = len(doc.sentences)
    result["words"] = sum(len(s.text.split()) for s in doc.sentences)
    print(json.dumps(result))


# -- parent: build models, run children, print the table -----------------------------------


def measure(case: Case, mode: str, repeats: int = 1) -> dict[str, Any]:
    payload = json.dumps({**asdict(case), "options": asdict(case.options)})
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--case", payload, "--repeats", str(repeats)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def compare(case: Case, repeats: int) -> dict[str, float]:
    timing = measure(case, "paired", repeats)
    pairs = timing["pairs"]
    row: dict[str, float] = {"sentences": timing["sentences"], "words": timing["words"]}
    for side in ("bare", "tlsum"):
        row[f"{side}_s"] = statistics.median(p[side] for p in pairs)
        row[f"{side}_tokens"] = timing["tokens"][side]
        row[f"{side}_rss"] = measure(case, side)["rss_mb"]
    row["ratio"] = statistics.median(p["tlsum"] / p["bare"] for p in pairs)
    row["outside_ms"] = 1000 * timing["outside_s"]
    return row


def build_base_model(workdir: Path, article: Path) -> Path:
    """OPUS-MT base shape with random weights; vocabulary = article pieces + filler to 60k."""
    from test_translate_randmodel import build_opus_dir, build_spm

    lines = [ln for ln in article.read_text(encoding="utf-8").splitlines() if ln.strip()]
    spm = build_spm(workdir / "spm", lines * 4, vocab_size=1000)
    filler = [f"tok{i}" for i in range(BASE_VOCAB)]
    model = workdir / "models" / "base-en-de"
    from test_translate_randmodel import spm_vocabulary

    extra = filler[: BASE_VOCAB - len(spm_vocabulary(spm))]
    return build_opus_dir(model, spm, source="en", target="de", extra_tokens=extra, seed=7,
                          **BASE_SHAPE)


def forced_length(model_dir: Path, article: Path, language: str) -> int:
    """The mean source length in pieces: what each random-weight output is forced to."""
    import sentencepiece

    info = inspect_model(model_dir)
    case = Case("x", str(model_dir), str(article), language, TranslateOptions())
    sentences = [s.text for s in load_doc(case).sentences]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(info.source_spm))
    return round(statistics.mean(len(p) for p in sp.encode(sentences)))


def toy_article(workdir: Path, words: int = 700) -> Path:
    """The Russian example article, topped up to ~700 words with sentences of the toy grammar.

    The toy grammar (``tools/toy_model``) is what the toy model was trained on, so the
    added sentences are in its domain; without it the example article is used alone.
    """
    text = (ROOT / "examples" / "article_ru.txt").read_text(encoding="utf-8").strip()
    try:
        sys.path.insert(0, str(ROOT / "tools" / "toy_model"))
        from grammar import Generator  # type: ignore[import-not-found]
    except ImportError:
        return ROOT / "examples" / "article_ru.txt"
    gen, paragraph, seen = Generator(700), [], set(text.split("\n"))
    while len(text.split()) < words:
        ru = gen.sentence()[0]
        if ru not in seen and len(ru) <= 200:
            seen.add(ru)
            paragraph.append(ru)
        if len(paragraph) == 4:
            text += "\n\n" + " ".join(paragraph)
            paragraph = []
    path = workdir / "article_ru_700.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def cases(workdir: Path, beams: Sequence[int], models: Sequence[str]) -> list[Case]:
    found = []
    toy = ROOT / "models" / "toy-ru-en"
    if "toy" in models and not (toy / "model.bin").is_file():
        print("  (models/toy-ru-en missing: toy row skipped)")
    elif "toy" in models:
        toy_text = toy_article(workdir)
        for beam in beams:
            opts = TranslateOptions(source="ru", target="en", beam_size=beam, cache=False)
            found.append(Case(f"toy-ru-en beam {beam}", str(toy), str(toy_text), "ru", opts))
    if "base" not in models:
        return found
    text = ROOT / "examples" / "turkey_ceasefire.txt"
    base = build_base_model(workdir, text)
    n = forced_length(base, text, "en")
    for beam in beams:
        opts = TranslateOptions(source="en", target="de", beam_size=beam, cache=False,
                                guard=False, min_decoding_length=n, max_decoding_length=n)
        found.append(Case(f"opus-mt-base random beam {beam}", str(base), str(text), "en", opts))
    return found


def print_row(case: Case, row: dict[str, float]) -> None:
    tok_s = row["tlsum_tokens"] / row["tlsum_s"]
    bare_tok_s = row["bare_tokens"] / row["bare_s"]
    print(f"{case.name:<30} {int(row['words']):>5} {int(row['sentences']):>4} "
          f"{row['bare_s']:>7.3f} {row['tlsum_s']:>7.3f} {bare_tok_s:>8.0f} {tok_s:>8.0f} "
          f"{row['ratio']:>6.3f} {row['outside_ms']:>8.1f} "
          f"{row['bare_rss']:>7.0f} {row['tlsum_rss']:>7.0f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="unused: this benchmark needs no shared data")
    parser.add_argument("--repeats", type=int, default=6, help="timed pairs of runs per row")
    parser.add_argument("--beams", default="2", help="beam sizes, e.g. 1,2,4")
    parser.add_argument("--models", default="toy,base", help="toy, base or both")
    parser.add_argument("--child", choices=("paired", "bare", "tlsum"), help=argparse.SUPPRESS)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.case, args.repeats)
        return 0
    beams = [int(b) for b in args.beams.split(",")]
    with tempfile.TemporaryDirectory(prefix="tlsum-bench-") as tmp:
        header = (f"{'model':<30} {'words':>5} {'sent':>4} {'bare s':>7} {'tlsum s':>7} "
                  f"{'bare t/s':>8} {'tlsum t/s':>8} {'ratio':>6} {'extra ms':>8} "
                  f"{'bare MB':>7} {'tlsum MB':>7}")
        print(header)
        worst = 0.0
        for case in cases(Path(tmp), beams, args.models.split(",")):
            row = compare(case, args.repeats)
            print_row(case, row)
            worst = max(worst, row["ratio"])
    print(f"\nworst tlsum/bare time ratio: {worst:.3f} (target <= 1.10)")
    print("extra ms: tlsum's time outside translate_batch per article (median); "
          "MB: peak RSS (VmHWM) of a process running one side")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

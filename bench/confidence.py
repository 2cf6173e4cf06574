"""Translation confidence: how many sentences the toy models flag, in and out of their domain.

A translated sentence is flagged (⚠) when the model's own length-normalised
log-probability falls below the model's ``score_floor``, or when the output is
degenerate (``tlsum.translate.guard.verdict``). This prints, for each set, the share
flagged by tlsum itself (the real path: load, segment, translate with the model named),
and whether the article-level "model not fit" warning fires:

* out of domain, which must be flagged (>= 90 %): real-style Russian news that the team
  wrote (``tests/fixtures/confidence/ru_news*.txt``: the first set chose the toy's floor,
  the second is held out), the English example through toy-en-ru, and (when ``--shared``
  has them) CNN/DailyMail dev articles through toy-en-ru;
* in domain, which must not be (<= 5 %): the toys' own examples and fresh sentences of
  their grammar (``tools/toy_model``; patterns never trained on included).

The grouped rows give the rate per paragraph (one topic each), so a single lucky topic
cannot carry a set. The floor sweep shows the margin around the shipped floor, from
scores read straight from CTranslate2 (beam 2, as tlsum decodes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tlsum.types import Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools" / "toy_model"))
FIXTURES = ROOT / "tests" / "fixtures" / "confidence"
EXAMPLES = ROOT / "examples"
SWEEP = (-0.01, -0.02, -0.05, -0.08, -0.1, -0.2)


def translated(text: str, source: str, model: str) -> Result:
    """The tlsum result of ``text`` (as a copied text: extracted, segmented) translated
    with the named toy, without the cache."""
    from tlsum.extract import extract
    from tlsum.options import Options
    from tlsum.pipeline import prepare
    from tlsum.types import Fetched

    target = "en" if source == "ru" else "ru"
    options = Options()
    options = replace(options, translate=replace(options.translate, model=model, cache=False,
                                                 source=source, target=target))
    article = extract(Fetched(text, "text", "file"), options.extract)
    return prepare(article, options)


def rate_row(name: str, text: str, source: str, model: str) -> list[float]:
    """Print the flagged share of one set, overall and per paragraph; return the scores."""
    result = translated(text, source, model)
    translation = result.translation
    flagged = set(translation.flagged_ids)
    sentences = result.document.sentences
    per_paragraph = {}
    for s in sentences:
        per_paragraph.setdefault(s.paragraph, []).append(s.id in flagged)
    groups = [sum(v) / len(v) for v in per_paragraph.values()]
    unfit = any("not fit" in w for w in result.warnings)
    print(f"{name:<52} {model:<10} {len(sentences):>4} {len(flagged) / len(sentences):>8.1%} "
          f"{min(groups):>8.1%} {'yes' if unfit else 'no':>6}")
    return model_scores([s.text for s in result.original.sentences], model)


def model_scores(texts: list[str], model: str) -> list[float]:
    """CTranslate2's length-normalised log-probability of each text's translation."""
    import ctranslate2
    import sentencepiece

    path = ROOT / "models" / model
    sp = sentencepiece.SentencePieceProcessor(model_file=str(path / "source.spm"))
    pieces = [[*p[:200], "</s>"] for p in sp.encode(texts, out_type=str)]
    translator = ctranslate2.Translator(str(path), compute_type="int8")
    results = translator.translate_batch(pieces, beam_size=2, return_scores=True)
    return [r.scores[0] for r in results]


def grammar_text(n: int, seed: int, held_out: bool) -> str:
    """``n`` fresh toy-grammar sentences (Russian), one paragraph of five each."""
    from grammar import HELD_OUT_FEATURES, Generator

    gen = Generator(seed)
    out: list[str] = []
    while len(out) < n:
        ru, _, features = gen.sentence()
        if len(ru) <= 200 and bool(features & HELD_OUT_FEATURES) == held_out:
            out.append(ru)
    return "\n\n".join(" ".join(out[i:i + 5]) for i in range(0, n, 5))


def cnndm_text(shared: Path, n: int) -> str | None:
    """The first ``n`` CNN/DailyMail dev articles (read from ``--shared``, never copied)."""
    path = shared / "bench" / "summarization-dev" / "cnndm-dev.jsonl"
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()[:n]
    return "\n\n".join(json.loads(line)["article"] for line in lines)


def sweep(name: str, scores: list[float]) -> None:
    """The share below each candidate floor."""
    cells = "  ".join(f"{sum(s < f for s in scores) / len(scores):>6.1%}" for f in SWEEP)
    print(f"{name:<44} {cells}   worst {min(scores):.3f} best {max(scores):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    sets = [
        ("OUT: ru news, calibration (ru_news.txt)", (FIXTURES / "ru_news.txt").read_text(), "ru"),
        ("OUT: ru news, held out (ru_news_heldout.txt)",
         (FIXTURES / "ru_news_heldout.txt").read_text(), "ru"),
        ("OUT: en example (turkey_ceasefire.txt)",
         (EXAMPLES / "turkey_ceasefire.txt").read_text(), "en"),
        ("IN: ru example (article_ru.txt)", (EXAMPLES / "article_ru.txt").read_text(), "ru"),
        ("IN: en example (article_ru.expected_en.txt)",
         (EXAMPLES / "article_ru.expected_en.txt").read_text(), "en"),
        ("IN: ru grammar, 200 fresh sentences", grammar_text(200, 4242, False), "ru"),
        ("IN: ru grammar, 100 of held-out patterns", grammar_text(100, 4343, True), "ru"),
    ]
    cnndm = cnndm_text(Path(args.shared), 10)
    if cnndm is not None:
        sets.insert(3, ("OUT: en news, 10 CNN/DM dev articles (--shared)", cnndm, "en"))
    print(f"{'set':<52} {'model':<10} {'sent':>4} {'flagged':>8} "
          f"{'min/para':>8} {'unfit':>6}")
    scores = {}
    for name, text, source in sets:
        model = "toy-ru-en" if source == "ru" else "toy-en-ru"
        scores[name] = rate_row(name, text, source, model)
    print(f"\nshare below a floor of: {'':<26}" + "  ".join(f"{f:>6}" for f in SWEEP))
    for name, values in scores.items():
        sweep(name[:44], values)
    print(f"\nshipped floor: -0.05 (models/toy-*/tlsum-model.json); median in-domain score "
          f"{statistics.median(scores[sets[-2][0]]):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

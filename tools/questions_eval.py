"""Score the question rules alone (no fetch/extract), against bench/questions-labels.json.

``bench/digest.py`` scores the real CLI, so its figure moves with the extractor;
this tool feeds the digest stage the labelled texts split at line breaks (and the
hand-built example fixture), so a rule change can be judged on its own. Usage:

    .venv/bin/python tools/questions_eval.py [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tools")]

from qmatch import Question, match  # noqa: E402
from questions_pick import EXAMPLE, load_articles  # noqa: E402

from tlsum.digest.questions import find_questions  # noqa: E402
from tlsum.segment import segment  # noqa: E402
from tlsum.types import Article, Document, Paragraph  # noqa: E402


def document(article_id: str, text: str) -> Document:
    """The Document the digest stage would see: the example article from its hand-built
    fixture (real paragraph kinds), every other article split at line breaks.
    """
    if article_id == EXAMPLE:
        data = json.loads((ROOT / "tests" / "fixtures" / "turkey_article.json").read_text("utf-8"))
        paras = tuple(Paragraph(p["text"], p["kind"]) for p in data["paragraphs"])
    else:
        paras = tuple(Paragraph(p.strip()) for p in re.split(r"\n+", text) if p.strip())
    return segment(Article(paras), "en")


def main() -> None:
    """Precision/recall of find_questions against the labels, matched as the benchmark does."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true")
    show = ap.parse_args().show
    labels = json.loads((ROOT / "bench" / "questions-labels.json").read_text("utf-8"))
    articles = load_articles()
    n_pred = n_gold = hits = 0
    for i, label in labels.items():
        doc = document(i, articles[i][1])
        preds = [Question(q.text, tuple(s.text for s in doc.by_id(q.source_ids)))
                 for q in find_questions(doc)]
        gold = [Question(q["text"], tuple(q["evidence"])) for q in label["questions"]]
        pairs = match(preds, gold)
        n_pred, n_gold, hits = n_pred + len(preds), n_gold + len(gold), hits + len(pairs)
        if show:
            got = {p for p, _ in pairs}
            print(f"## {i[:12]}", *(f"  EXTRA {p.text}" for k, p in enumerate(preds)
                                    if k not in got), sep="\n")
    print(f"precision {hits / max(n_pred, 1):.2f} recall {hits / max(n_gold, 1):.2f} "
          f"({n_pred} predicted, {n_gold} gold, {hits} matched)")


if __name__ == "__main__":
    main()

"""Train the open-question sentence scorer (tlsum/data/questions.json), report grouped CV.

Data: the independent dev labels (``../shared/bench/questions-dev-labels.json``,
120 articles), our own labels (``bench/questions-labels.json``) for the
articles the dev set lacks (the seed example), and 220 more dev articles we
labelled with the guideline, blind to tlsum's rules
(``bench/questions-labels-more.json``; evidence given as sentence numbers of
``questions_pick.numbered_lines``, so no article text is committed). Only the
independent labels are scored; the other articles train every fold. Each article
goes through the product's own extract and segment stages, as ``tlsum summarize -``
does; a sentence is a positive when it overlaps a gold question's evidence the way
the scorer matches a prediction's source (``score_questions.source_overlap``).

Model: L2-regularised logistic regression (numpy, full-batch Adam) over the
binary features of ``tlsum.digest.scorer.features``; word and bigram features
only when they occur in at least ``--min-df`` sentences (chosen without labels).

Report: 5-fold cross-validation grouped by article. Each fold's model runs the
real ``find_questions`` on the held-out articles and the predictions are scored
with the benchmark's own matcher, for a grid of thresholds; the threshold
pair shipped (the threshold for a cue rule's question, and the one for a sentence
the fallback rewrites) is the one with the best recall at precision >=
--min-precision in that grouped CV (two numbers chosen on 120 articles: expect the
held-out figure lower). ``tools/selection_cv.py`` judges the same training under
harder splits (a corpus left out, the annotators left out) and compares variants.

    .venv/bin/python tools/train_questions.py [--shared ../shared] [--write]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
L2 = 10.0
# Words and bigrams from 3 sentences up. Min-df 10/30/100, stronger L2, no bigrams, no
# words, and topic-free general features were tried under tools/selection_cv.py (5 folds
# by article, one corpus left out): none helped on most folds of both, so none shipped.
MIN_DF = 3
THRESHOLDS = (0.2, 0.3)
FALLBACKS = (0.2, 0.25, 0.3, 0.4)  # cued sentences rewritten from this score up
UNCUED = (0.3, 0.4, 0.5, 0.6, 1.01)  # 1.01: a sentence without an "open" cue is never rewritten


def load_docs(shared: Path) -> list[dict]:
    """Every labelled article as {id, doc, gold}, through extract + segment."""
    sys.path[:0] = [str(ROOT / "tools")]
    from questions_pick import load_articles

    from tlsum.options import Options
    from tlsum.pipeline import load, prepare

    texts = load_articles(shared)
    dev = json.loads((shared / "bench" / "questions-dev-labels.json").read_text("utf-8"))
    own = json.loads((ROOT / "bench" / "questions-labels.json").read_text("utf-8"))
    labels = {**{k: v for k, v in own.items() if k not in dev}, **more_labels(texts), **dev}
    out, options = [], Options()
    for aid, entry in labels.items():
        article = load("-", options, stdin=io.BytesIO(texts[aid][1].encode("utf-8")))
        doc = prepare(article, options, translate=False).document
        gold = [{"q": q["text"], "kind": q["kind"], "evidence": " ".join(q.get("evidence") or [])}
                for q in entry["questions"]]
        out.append({"id": aid, "doc": doc, "gold": gold, "dev": aid in dev})
    return out


def more_labels(texts: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """``bench/questions-labels-more.json`` with its evidence numbers turned back into sentences."""
    from questions_pick import numbered_lines

    more = json.loads((ROOT / "bench" / "questions-labels-more.json").read_text("utf-8"))
    for aid, entry in more.items():
        lines = numbered_lines(texts[aid][1])
        for q in entry["questions"]:
            q["evidence"] = [lines[n] for n in q.pop("evidence_lines")]
    return more


def sentence_rows(items: list[dict], sq) -> list[tuple[int, int, set[str], int]]:
    """(article index, sentence id, features, label) for every sentence."""
    from tlsum.digest.questions import sentence_features

    rows = []
    for n, item in enumerate(items):
        evidence = [sq.content_stems(g["evidence"]) for g in item["gold"]]
        for sid, feats in sentence_features(item["doc"]).items():
            text = item["doc"].by_id((sid,))[0].text
            stems = sq.content_stems(text)
            label = any(sq.source_overlap(stems, ev) >= 0.5 for ev in evidence)
            rows.append((n, sid, feats, int(label)))
    return rows


def fit(rows, names: list[str], l2: float, steps: int = 800,
        sample: np.ndarray | None = None) -> dict[str, float]:
    """Logistic regression weights by full-batch Adam (bias not regularised).

    The design matrix stays sparse (row and column index arrays, products by
    ``np.bincount``): the same weights within 1e-4 as the dense float32 fit it replaced,
in 1.3 s instead of 23 s on all 341 articles.
    ``sample``: a weight per row (mean 1), for experiments (tools/selection_cv.py).
    """
    sample = np.ones(len(rows)) if sample is None else sample
    index = {f: i for i, f in enumerate(names)}
    cols = [[index[f] for f in feats if f in index] for _, _, feats, _ in rows]
    ri = np.repeat(np.arange(len(rows)), [len(c) for c in cols])
    ci = np.fromiter((c for cs in cols for c in cs), dtype=np.int64, count=len(ri))
    y = np.array([row[3] for row in rows], dtype=np.float64)
    w, m, v = (np.zeros(len(names)) for _ in range(3))
    reg = np.full(len(names), l2 / len(rows))
    reg[index["bias"]] = 0.0
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.bincount(ri, weights=w[ci], minlength=len(rows))))
        grad = np.bincount(ci, weights=((p - y) * sample)[ri], minlength=len(names)) / len(rows)
        grad += reg * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-4}


def vocabulary(rows, min_df: int) -> list[str]:
    """Cue and rule features always; words and bigrams seen in >= min_df sentences."""
    df = Counter(f for _, _, feats, _ in rows for f in feats)
    return sorted(f for f, c in df.items() if c >= min_df or not f.startswith(("w=", "b=")))


def evaluate(items, predictions, sq) -> dict[str, float]:
    """P, R, R_explicit and predictions per no-gold article, with the benchmark's matcher."""
    pred = hit = gold = expl = hit_expl = empty = empty_pred = 0
    for item, preds in zip(items, predictions, strict=True):
        pairs = sq.match(preds, item["gold"])
        pred, hit, gold = pred + len(preds), hit + len(pairs), gold + len(item["gold"])
        expl += sum(g["kind"] == "explicit" for g in item["gold"])
        hit_expl += sum(item["gold"][j]["kind"] == "explicit" for _, j, _, _ in pairs)
        if not item["gold"]:
            empty, empty_pred = empty + 1, empty_pred + len(preds)
    return {"P": hit / max(pred, 1), "R": hit / max(gold, 1), "R_explicit": hit_expl / max(expl, 1),
            "empty": empty_pred / max(empty, 1), "per_article": pred / max(len(items), 1)}


def predict(item, weights) -> dict[tuple[float, float, float], list[dict]]:
    """Predictions for every (threshold, fallback, uncued threshold) point of the grid."""
    from tlsum.digest.questions import find_questions

    doc, out = item["doc"], {}
    for t, fb, un in itertools.product(THRESHOLDS, FALLBACKS, UNCUED):
        model = {"weights": weights, "threshold": t, "fallback_threshold": fb,
                 "uncued_threshold": un}
        out[t, fb, un] = [{"text": q.text,
                           "source": " ".join(s.text for s in doc.by_id(q.source_ids))}
                          for q in find_questions(doc, 6, model)]
    return out


def fold_of(aid: str, folds: int) -> int:
    return int(hashlib.sha256(aid.encode()).hexdigest(), 16) % folds


def cross_validate(items, rows, args, sq) -> dict[tuple[float, ...], dict[str, float]]:
    """Grouped k-fold: train on the other articles, run find_questions on these."""
    outputs: dict[tuple[float, ...], list] = {
        point: [None] * len(items) for point in itertools.product(THRESHOLDS, FALLBACKS, UNCUED)}
    for k in range(args.folds):
        train = [r for r in rows if not items[r[0]]["dev"]
                 or fold_of(items[r[0]]["id"], args.folds) != k]
        weights = fit(train, vocabulary(train, args.min_df), args.l2)
        for n, item in enumerate(items):
            if item["dev"] and fold_of(item["id"], args.folds) == k:
                for t, preds in predict(item, weights).items():
                    outputs[t][n] = preds
    dev = [n for n, item in enumerate(items) if item["dev"]]
    return {t: evaluate([items[n] for n in dev], [out[n] for n in dev], sq)
            for t, out in outputs.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--min-df", type=int, default=MIN_DF)
    # 0.80, not the 0.75 target: precision measured on articles labelled by other people
    # runs lower than on these (the table: 0.83 on dev, 0.47 held out, for the rules)
    ap.add_argument("--min-precision", type=float, default=0.80)
    ap.add_argument("--write", action="store_true", help="write tlsum/data/questions.json")
    args = ap.parse_args()
    sys.path[:0] = [str(args.shared / "bench")]
    import score_questions as sq

    items = load_docs(args.shared)
    rows = sentence_rows(items, sq)
    print(f"{len(items)} articles, {len(rows)} sentences, {sum(r[3] for r in rows)} positive")
    table = cross_validate(items, rows, args, sq)
    print(f"grouped {args.folds}-fold CV on the dev labels (l2 {args.l2}, min-df {args.min_df}):")
    for (t, fb, un), s in table.items():
        print(f"  threshold {t:.2f} fallback {fb:.2f} uncued {un:.2f}: "
              f"P {s['P']:.2f} R {s['R']:.2f} R_explicit {s['R_explicit']:.2f}  "
              f"{s['per_article']:.2f}/article, "
              f"{s['empty']:.2f} on no-gold articles")
    good = [k for k, s in table.items() if s["P"] >= args.min_precision and s["empty"] <= 0.3]
    best = max(good, key=lambda k: (table[k]["R"], k)) if good else (max(THRESHOLDS), 1.01, 1.01)
    print(f"chosen threshold {best[0]:.2f}, fallback {best[1]:.2f}, uncued {best[2]:.2f}")
    if args.write:
        weights = fit(rows, vocabulary(rows, args.min_df), args.l2)
        model = {"threshold": best[0], "fallback_threshold": best[1], "uncued_threshold": best[2],
                 "weights": weights,
                 "trained_on": f"{len(items)} labelled articles (dev labels + ours + more)",
                 "grouped_cv": {k: round(v, 3) for k, v in table[best].items()}}
        path = ROOT / "tlsum" / "data" / "questions.json"
        path.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(weights)} weights)")


if __name__ == "__main__":
    main()

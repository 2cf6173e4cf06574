"""Which sentences become questions, judged three ways: by article, corpus and annotator.

``tools/train_questions.py`` tunes the scorer by 5-fold CV grouped by article. On the
maintainers' held-out labels (other annotators, other articles) the selection scored
far lower than that CV said (P 0.45 at R 0.31 vs P 0.63 at R 0.34), so this tool adds
harder splits, each fold's scorer retrained without the fold:

- ``article``: the 5 folds of ``train_questions`` (our 221 extra articles train every fold);
- ``corpus``: leave one corpus out -- train without every cnndm-dev (or xsum-dev, or
  extraction-dev) article, ours included, test on that corpus's independently labelled
  dev articles; a feature that fits one corpus's topics shows up here;
- ``annotator``: train on our labels only, test on the 120 independently labelled
  articles (reported per corpus): a new set of annotators, as on the held-out labels.

Scored with the benchmark's own matcher, per fold: C, the selection ceiling at the
model path's thresholds (``phrasing.SELECT_CUED`` / ``SELECT_UNCUED``; each pick is its
own sentence, as if phrased perfectly); V, the same at matched volume (the threshold
that gives 0.6 .. 2.0 picks per article, averaged: variants compared at the same number
of predictions, whatever their calibration); R, the rules path (``find_questions``,
shipped thresholds); A, sentence-level ROC AUC.

Variants (``VARIANTS``): fewer word features, stronger L2, higher min-df, topic-free
"g=" features (``general``) and article-level "a=" ones, per-article weighting, bagging.
"g=" and "a=" features exist only here ("g=" is patched into ``questions`` so the rules
column sees it; "a=" is not, so R ignores them). ``--density`` scores the same picks
against our labels and the independent ones on the 30 articles both labelled.

    PYTHONPATH=$PWD .venv/bin/python tools/selection_cv.py [--variants base,general]
        [--cued 0.35] [--cap 6] [--no-rules] [--density] [--cache /scratch/items.pickle]
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

from train_questions import evaluate, fold_of, load_docs, sentence_rows, vocabulary  # noqa: E402
from train_questions import fit as train_fit  # noqa: E402

import tlsum.digest.phrasing as ph  # noqa: E402
import tlsum.digest.questions  # noqa: E402,F401
import tlsum.digest.scorer as sc  # noqa: E402
from tlsum.digest.cues import candidate_ids  # noqa: E402

# the module, not the function of the same name that tlsum.digest exports
questions = sys.modules["tlsum.digest.questions"]

CORPORA = ("cnndm-dev", "xsum-dev", "extraction-dev")
_OPEN = ("unclear", "whether", "if", "negknow", "declined", "investig", "pending", "future",
         "modal", "hedge", "deny", "yet", "question")
_CAPITAL = re.compile(r"(?<=\s)[A-Z][a-z]+")
_NUMBER = re.compile(r"\d[\d,.]*")
_GENERAL_RES = {
    "money": re.compile(r"[$£€%]|\bper ?cent\b|\b(?:million|billion)\b", re.IGNORECASE),
    "according": re.compile(r"\baccording to\b", re.IGNORECASE),
    "first_person": re.compile(r"\b(?:I|we|We|my|My|our|Our)\b"),
    "past": re.compile(r"\b(?:was|were|had|did)\b", re.IGNORECASE),
    "date": re.compile(r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|"
                       r"April|June|July|August|September|October|November|December)\b"),
}
TOPIC = ("w=", "b=")
VOLUMES = (0.6, 0.8, 1.1, 1.5, 2.0)  # picks per article at which variants are compared


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    """How many of ``edges`` ``value`` reaches (0 .. len(edges))."""
    return sum(value >= e for e in edges)


def general(text: str, position: float, feats: set[str]) -> set[str]:
    """Features that carry no topic word ("g=..."), tried here and not shipped: where the
    sentence sits, how long it is, how many names and numbers it holds, how many kinds of
    "open" cue fire on it, money, attribution, first person, past tense, a date."""
    length = len(sc.words(text))
    names = len(_CAPITAL.findall(text)) / max(length, 1)
    cues = sum(f"c={name}" in feats for name in _OPEN)
    out = {f"g=pos{_bucket(position, (0.1, 0.3, 0.6))}", f"g=len{_bucket(length, (12, 20, 30))}",
           f"g=names{_bucket(names, (0.01, 0.15, 0.3))}",
           f"g=nums{min(len(_NUMBER.findall(text)), 2)}", f"g=cues{min(cues, 3)}"}
    out |= {f"g={name}" for name, rx in _GENERAL_RES.items() if rx.search(text)}
    if "g=past" in out and not feats & {"c=future", "c=modal"}:
        out.add("g=past_only")
    return out


def _with_general(text: str, position: float, kind: str, rules: tuple[str, ...] = ()) -> set[str]:
    """``scorer.features`` plus ``general``: patched into ``questions`` for this tool only,
    so that the real ``find_questions`` sees them (a model without "g=" weights ignores them)."""
    feats = sc.features(text, position, kind, rules)
    return feats | general(text, position, feats)


questions.features = _with_general  # type: ignore[assignment]


@dataclass(frozen=True)
class Variant:
    """One way to train the scorer: which features, how much L2, which min-df."""

    keep: Callable[[str], bool]
    l2: float = 10.0
    min_df: int = 3
    per_article: bool = False  # every article weighs the same, however many sentences
    bags: int = 0  # average the weights of this many fits on articles drawn with replacement


def _no_general(f: str) -> bool:
    return not f.startswith(("g=", "a="))


def _no_topic(f: str) -> bool:
    return not f.startswith(TOPIC)


def _no_bigram(f: str) -> bool:
    return not f.startswith(("g=", "a=", "b="))


def _general(f: str) -> bool:
    return not f.startswith("a=")


VARIANTS: dict[str, Variant] = {
    "base": Variant(_no_general),
    "no_bigrams": Variant(_no_bigram),
    "no_topic": Variant(lambda f: _no_general(f) and _no_topic(f)),
    "min_df10": Variant(_no_general, min_df=10),
    "min_df30": Variant(_no_general, min_df=30),
    "l2_30": Variant(_no_general, l2=30.0),
    "l2_100": Variant(_no_general, l2=100.0),
    "general": Variant(_general),
    "general_no_topic": Variant(lambda f: _general(f) and _no_topic(f)),
    "general_min_df30": Variant(_general, min_df=30),
    "general_l2_30": Variant(_general, l2=30.0),
    "general_min_df100": Variant(_general, min_df=100),
    "general_min_df30_l2_3": Variant(_general, l2=3.0, min_df=30),
    "general_min_df30_no_bigrams": Variant(lambda f: _general(f) and not f.startswith("b="),
                                           min_df=30),
    "per_article": Variant(_no_general, per_article=True),
    "bagged": Variant(_no_general, bags=7),
    "article": Variant(lambda f: not f.startswith("g=")),
    "general_article": Variant(lambda f: True),
}


def fit(rows: list, variant: Variant) -> dict[str, float]:
    """``train_questions.fit`` on the variant's features only (bagged if it says so)."""
    kept = [(n, sid, {f for f in feats if variant.keep(f)}, y) for n, sid, feats, y in rows]
    if not variant.bags:
        return _fit_once(kept, variant)
    rng = np.random.default_rng(0)
    articles = sorted({r[0] for r in kept})
    total: dict[str, float] = {}
    for _ in range(variant.bags):
        draw = rng.choice(articles, len(articles))
        by = {a: [r for r in kept if r[0] == a] for a in set(draw.tolist())}
        for f, w in _fit_once([r for a in draw.tolist() for r in by[a]], variant).items():
            total[f] = total.get(f, 0.0) + w / variant.bags
    return total


def _fit_once(rows: list, variant: Variant) -> dict[str, float]:
    sample = None
    if variant.per_article:
        size = np.bincount([r[0] for r in rows])
        sample = np.array([1.0 / size[r[0]] for r in rows])
        sample *= len(rows) / sample.sum()
    return train_fit(rows, vocabulary(rows, variant.min_df), variant.l2, sample=sample)


def splits(items: list[dict], corpus: dict[str, str]) -> dict[str, list[tuple[str, set, set]]]:
    """{split: [(fold name, train article indices, test article indices)]}."""
    dev = {n for n, it in enumerate(items) if it["dev"]}
    everyone = set(range(len(items)))
    by_article = []
    for k in range(5):
        test = {n for n in dev if fold_of(items[n]["id"], 5) == k}
        by_article.append((f"art{k}", everyone - test, test))
    by_corpus = []
    for name in CORPORA:
        held = {n for n in everyone if corpus[items[n]["id"]] == name}
        by_corpus.append((name.split("-")[0], everyone - held, held))
    ours = everyone - dev  # labelled by us: the dev annotators' articles are all held out
    by_annotator = [(f"ann-{c.split('-')[0]}", ours, held & dev) for c, (_, _, held) in
                    zip(CORPORA, by_corpus, strict=True)]
    return {"article": by_article, "corpus": by_corpus, "annotator": by_annotator}


def probabilities(weights: dict[str, float], feats: dict[int, set[str]]) -> dict[int, float]:
    """Each sentence's score, as ``scorer.probability``."""
    out = {}
    for sid, f in feats.items():
        z = sum(weights.get(x, 0.0) for x in f)
        out[sid] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return out


def ceiling(item: dict, probs: dict[int, float], cued: float, uncued: float,
            cap: int) -> list[dict]:
    """``phrasing.picks_for`` (no skip) on precomputed features: the picks as predictions."""
    doc, feats = item["doc"], item["feats"]
    own = item.setdefault("own", candidate_ids(doc))
    picks = [(probs[s.id], s.text) for s in doc.sentences if s.kind == "p" and probs[s.id] >= (
        cued if "x=found" in feats[s.id] or s.id in own else uncued)]
    picks.sort(key=lambda p: -p[0])
    return [{"text": t, "source": t} for _, t in picks[:cap]]


def rules(item: dict, weights: dict[str, float], shipped: dict) -> list[dict]:
    """The rules path with the shipped thresholds and this fold's weights."""
    doc = item["doc"]
    return [{"text": q.text, "source": " ".join(s.text for s in doc.by_id(q.source_ids))}
            for q in questions.find_questions(doc, 6, {**shipped, "weights": weights})]


def run(items, rows, corpus, variant: Variant, args, sq) -> dict[str, list[tuple]]:
    """Per split and fold: (fold, ceiling scores, rules scores, auc) for one variant."""
    shipped = {k: v for k, v in (sc.load_model() or {}).items() if k != "weights"}
    if args.rule_thresholds:
        t, fb, un = (float(x) for x in args.rule_thresholds.split(","))
        shipped = {"threshold": t, "fallback_threshold": fb, "uncued_threshold": un}
    out: dict[str, list[tuple]] = {}
    fitted: dict[frozenset[int], dict[str, float]] = {}
    dev = {n for n, it in enumerate(items) if it["dev"]}
    for split, folds in splits(items, corpus).items():
        out[split] = []
        for name, train, test in folds:
            test = test & dev
            key = frozenset(train)
            if key not in fitted:
                fitted[key] = fit([r for r in rows if r[0] in train], variant)
            weights = fitted[key]
            tests = [items[n] for n in sorted(test)]
            probs = [probabilities(weights, it["feats"]) for it in tests]
            ceil = evaluate(tests, [ceiling(it, p, args.cued, args.uncued, args.cap)
                                    for it, p in zip(tests, probs, strict=True)], sq)
            rule = evaluate(tests, [rules(it, weights, shipped) for it in tests], sq) \
                if args.rules else {"P": 0.0, "R": 0.0}
            same = volumes(tests, probs, args, sq)
            out[split].append((name, ceil, rule, auc(rows, test, weights), same))
    return out


def volumes(tests: list[dict], probs: list[dict[int, float]], args, sq) -> dict[str, float]:
    """P and R at matched volume, averaged over ``VOLUMES`` picks per article: one
    cut-off on 24-40 articles is noisy, a curve less so."""
    scores = [evaluate(tests, at_volume(tests, probs, args, v), sq) for v in VOLUMES]
    return {k: float(np.mean([s[k] for s in scores])) for k in ("P", "R", "empty")}


def at_volume(tests: list[dict], probs: list[dict[int, float]], args,
              volume: float) -> list[list[dict]]:
    """The ceiling's picks at the highest cued threshold that still gives ``volume`` picks
    per article (uncued sentences kept ``uncued - cued`` higher): compares variants at
    the same number of predictions, whatever their calibration. Chosen without labels."""
    best: list[list[dict]] = []
    for t in np.arange(0.05, 0.96, 0.01):
        preds = [ceiling(it, p, t, t + args.uncued - args.cued, args.cap)
                 for it, p in zip(tests, probs, strict=True)]
        if best and sum(map(len, preds)) < volume * len(tests):
            break
        best = preds
    return best


def auc(rows: list, test: set, weights: dict[str, float]) -> float:
    """Sentence-level ROC AUC on the fold's articles (threshold-free ranking quality)."""
    scored = [(sum(weights.get(f, 0.0) for f in r[2]), r[3]) for r in rows if r[0] in test]
    pos = [s for s, y in scored if y]
    neg = np.array(sorted(s for s, y in scored if not y))
    if not pos or not len(neg):
        return float("nan")
    wins = sum(np.searchsorted(neg, s, "left") + 0.5 * (np.searchsorted(neg, s, "right")
                                                         - np.searchsorted(neg, s, "left"))
               for s in pos)
    return float(wins / (len(pos) * len(neg)))


def show(name: str, result: dict[str, list[tuple]]) -> None:
    """Per fold P/R of the ceiling and the rules, and AUC."""
    for split, folds in result.items():
        cells = " | ".join(f"{f} C {c['P']:.2f}/{c['R']:.2f} V {v['P']:.2f}/{v['R']:.2f} "
                           f"R {r['P']:.2f}/{r['R']:.2f} A {a:.3f}" for f, c, r, a, v in folds)
        print(f"{name:<18} {split:<7} {_mean('C', [f[1] for f in folds])} "
              f"{_mean('V', [f[4] for f in folds])} {_mean('R', [f[2] for f in folds])} "
              f"A {np.mean([f[3] for f in folds]):.3f} :: {cells}", flush=True)


def _mean(label: str, scores: list[dict[str, float]]) -> str:
    """Mean P and R over folds with their range."""
    p, r = [s["P"] for s in scores], [s["R"] for s in scores]
    return (f"{label} P {np.mean(p):.2f} [{min(p):.2f}-{max(p):.2f}] "
            f"R {np.mean(r):.2f} [{min(r):.2f}-{max(r):.2f}]")


def load(args, sq) -> tuple[list[dict], list, dict[str, str]]:
    """The labelled articles (cached under --cache), their sentence rows and corpus."""
    from questions_pick import load_articles

    cache = args.cache
    if cache and cache.is_file():
        items = pickle.loads(cache.read_bytes())
    else:
        items = load_docs(args.shared)
        if cache:
            cache.write_bytes(pickle.dumps(items))
    for it in items:
        it["feats"] = questions.sentence_features(it["doc"])
        article = article_features(it["feats"])
        for f in it["feats"].values():
            f |= article
    corpus = {aid: src for aid, (src, _) in load_articles(args.shared).items()}
    rows = [(n, sid, items[n]["feats"][sid], y) for n, sid, _, y in sentence_rows(items, sq)]
    return items, rows, corpus


def article_features(feats: dict[int, set[str]]) -> set[str]:
    """What the whole article looks like ("a=..."): how many of its sentences a cue rule
    read, how long it is. Why: an article with nothing open should get no pick at all."""
    found = sum("x=found" in f for f in feats.values())
    return {f"a=found{min(found, 3)}", f"a=sents{sum(len(feats) >= e for e in (10, 20, 40))}"}


def density(items, rows, corpus, args, sq) -> None:
    """The same picks scored against two label sets: the dev articles that both we
    (``bench/questions-labels.json``) and the independent annotators labelled. Why: the
    held-out drop may come from how many questions annotators list, not from the picks."""
    own = json.loads((ROOT / "bench" / "questions-labels.json").read_text("utf-8"))
    both = {n for n, it in enumerate(items) if it["dev"] and it["id"] in own}
    for cued in (args.cued, args.cued + 0.1, args.cued + 0.2):
        runs: dict[str, tuple[list, list]] = {"independent": ([], []), "ours": ([], [])}
        for _, train, test in splits(items, corpus)["article"]:
            weights = fit([r for r in rows if r[0] in train], VARIANTS["base"])
            for n in sorted(test & both):
                it = items[n]
                preds = ceiling(it, probabilities(weights, it["feats"]), cued, args.uncued, 6)
                gold = [{"q": g["text"], "kind": g["kind"], "evidence": " ".join(g["evidence"])}
                        for g in own[it["id"]]["questions"]]
                for key, labelled in (("independent", it), ("ours", {**it, "gold": gold})):
                    runs[key][0].append(labelled)
                    runs[key][1].append(preds)
        for key, (labelled, preds) in runs.items():
            s = evaluate(labelled, preds, sq)
            per = sum(len(it["gold"]) for it in labelled) / len(labelled)
            print(f"cued {cued:.2f}, {key:<11} labels ({len(labelled)} articles, {per:.1f} "
                  f"questions/article): P {s['P']:.2f} R {s['R']:.2f}, "
                  f"{s['per_article']:.1f} picks/article")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, help="pickle of the loaded articles (scratch)")
    ap.add_argument("--variants", default="base,general")
    ap.add_argument("--cued", type=float, default=ph.SELECT_CUED)
    ap.add_argument("--uncued", type=float, default=ph.SELECT_UNCUED)
    ap.add_argument("--cap", type=int, default=6, help="picks per article at most")
    ap.add_argument("--rule-thresholds", help="T,FALLBACK,UNCUED for the rules (default: shipped)")
    ap.add_argument("--no-rules", dest="rules", action="store_false")
    ap.add_argument("--density", action="store_true", help="same picks, our labels vs theirs")
    args = ap.parse_args()
    sys.path[:0] = [str(args.shared / "bench")]
    import score_questions as sq

    items, rows, corpus = load(args, sq)
    if args.density:
        density(items, rows, corpus, args, sq)
        return
    print(f"{len(items)} articles; ceiling at cued {args.cued} uncued {args.uncued} "
          f"cap {args.cap}; C = ceiling P/R, "
          f"V = ceiling at {VOLUMES} picks/article (mean), R = rules P/R, A = sentence AUC")
    for name in args.variants.split(","):
        show(name, run(items, rows, corpus, VARIANTS[name], args, sq))


if __name__ == "__main__":
    main()

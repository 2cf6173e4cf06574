"""Questions phrased by a real instruct model, scored on the dev labels with grouped CV.

    python bench/phrasing.py --model /path/to/converted-model [--articles 40] [--shared ../shared]

Everything tuned here is tuned by 5-fold cross-validation grouped by article:
each fold's sentence scorer is retrained without the fold's articles
(``tools/train_questions.py``'s own data and fit), and the fold's articles are
then digested with it. Printed side by side, on the same articles:

- the cue baseline and the rules alone (the shipped thresholds);
- the selection ceiling: the scorer's picks at the lowered thresholds, as if each
  were phrased perfectly (the sentence itself is the prediction);
- the model: ``phrasing.model_questions`` with the real model, its answers
  checked, the rule fallback, for a grid of selection thresholds;
- the judge: the model's yes/no log-odds combined with the scorer.

The model's answers and log-odds are cached (``--cache``), so a second run or a
new grid point costs no model call. Needs the model: without one it says so
and exits 0 (``make bench`` runs without it).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import tlsum.digest.phrasing as ph  # noqa: E402
from tlsum.digest.questions import find_questions  # noqa: E402
from tlsum.digest.scorer import load_model  # noqa: E402

CUED = (0.2, 0.25, 0.3, 0.35)
UNCUED = (0.35, 0.6, 1.01)
JUDGE = "Does this sentence leave a concrete question open that the article cannot answer yet?"
JUDGE_CUTS = (None, -1.0, 0.0, 1.0)  # keep a sentence from this log-odds over the median up


class CachedModel:
    """The real model behind a disk cache of its answers and log-odds (bench only)."""

    def __init__(self, llm: Any, path: Path) -> None:
        self.llm, self.id, self.path = llm, llm.id, path
        self.cache: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.is_file() else {}
        self.calls: list[tuple[int, float]] = []  # (batch size, seconds) of real calls

    def _key(self, kind: str, system: str, text: str) -> str:
        return hashlib.sha256(f"{self.id}|{kind}|{system}|{text}".encode()).hexdigest()[:24]

    def _run(self, kind: str, system: str, users: list[str], call: Any) -> list[Any]:
        missing = [u for u in dict.fromkeys(users) if self._key(kind, system, u) not in self.cache]
        for start in range(0, len(missing), 8):
            batch = missing[start : start + 8]
            began = time.perf_counter()
            for user, out in zip(batch, call(batch), strict=True):
                self.cache[self._key(kind, system, user)] = out
            self.calls.append((len(batch), time.perf_counter() - began))
            self.path.write_text(json.dumps(self.cache), encoding="utf-8")
            print(f"    {kind}: {start + len(batch)}/{len(missing)} "
                  f"({self.calls[-1][1]:.1f} s for {len(batch)})", file=sys.stderr, flush=True)
        return [self.cache[self._key(kind, system, u)] for u in users]

    def answer(self, system: str, shots: Any, users: list[str], max_tokens: int = 48) -> list[str]:
        return self._run("a", system, users,
                         lambda b: self.llm.answer(system, shots, b, max_tokens))

    def yes_odds(self, system: str, shots: Any, users: list[str]) -> list[float]:
        return self._run("j", system, users, lambda b: self.llm.yes_odds(system, shots, b))


def fold_models(items: list[dict], rows: list, folds: int) -> dict[int, dict]:
    """Each fold's scorer, trained without the fold's dev articles (shipped thresholds)."""
    from train_questions import L2, MIN_DF, fit, fold_of, vocabulary

    shipped = load_model() or {}
    out = {}
    for k in range(folds):
        train = [r for r in rows if not items[r[0]]["dev"]
                 or fold_of(items[r[0]]["id"], folds) != k]
        out[k] = {**shipped, "weights": fit(train, vocabulary(train, MIN_DF), L2)}
    return out


def as_pred(doc: Any, item: Any) -> dict:
    return {"text": item.text, "source": " ".join(s.text for s in doc.by_id(item.source_ids))}


def ceiling(doc: Any, scorer: dict) -> list[dict]:
    """Selection alone: the picks with their own sentence as the question."""
    return [{"text": p.sentence.text, "source": p.sentence.text}
            for p in ph.picks_for(doc, scorer, None)[:6]]


def judged(doc: Any, found: Any, odds: dict[int, float], cut: float | None) -> list[dict]:
    """The model's questions, without those whose sentence the judge rates below ``cut``
    (the article's own list stays; a sentence the judge did not see stays)."""
    return [as_pred(doc, q) for q in found if cut is None or len(q.source_ids) > 1
            or odds.get(q.source_ids[-1], cut) >= cut]


def judge_odds(doc: Any, scorer: dict, llm: CachedModel) -> dict[int, float]:
    """The judge's log-odds for each pick (the top 12 at the loosest thresholds)."""
    picks = ph.picks_for(doc, scorer, None)[:12]
    users = [ph.user_message(doc, p.sentence) for p in picks]
    values = llm.yes_odds(JUDGE + " Answer Yes or No.", (), users)
    return {p.sentence.id: v for p, v in zip(picks, values, strict=True)}


def report(name: str, per_fold: dict[int, tuple[list, list]], sq: Any, ev: Any) -> dict:
    """One line: pooled P/R and the per-fold spread."""
    items = [i for k in sorted(per_fold) for i in per_fold[k][0]]
    preds = [p for k in sorted(per_fold) for p in per_fold[k][1]]
    pooled = ev(items, preds, sq)
    folds = [ev(*per_fold[k], sq) for k in sorted(per_fold)]
    spread = " ".join(f"{f['P']:.2f}/{f['R']:.2f}" for f in folds)
    print(f"  {name:<44} P {pooled['P']:.2f} R {pooled['R']:.2f} "
          f"R_expl {pooled['R_explicit']:.2f} {pooled['per_article']:.1f}/art  folds P/R: {spread}")
    return pooled


def run_grid(dev: list[dict], scorers: dict, llm: CachedModel, sq: Any, folds: int,
             judge: bool) -> None:
    """Every figure, per fold, on the same articles."""
    from train_questions import evaluate, fold_of

    def per_fold(predict: Any) -> dict[int, tuple[list, list]]:
        out: dict[int, tuple[list, list]] = {k: ([], []) for k in range(folds)}
        for item in dev:
            k = fold_of(item["id"], folds)
            out[k][0].append(item)
            out[k][1].append(predict(item, scorers[k]))
        return out

    print("grouped 5-fold CV (scorer retrained without each fold):")
    report("rules alone (shipped thresholds)", per_fold(lambda i, s: [
        as_pred(i["doc"], q) for q in find_questions(i["doc"], 6, s)]), sq, evaluate)
    odds = {i["id"]: judge_odds(i["doc"], scorers[fold_of(i["id"], folds)], llm) if judge
            else {} for i in dev}
    median = statistics.median([v for o in odds.values() for v in o.values()] or [0.0])
    odds = {aid: {sid: v - median for sid, v in o.items()} for aid, o in odds.items()}
    print(f"  judge: median log-odds {median:.2f} over {sum(map(len, odds.values()))} sentences")
    for cued, uncued in itertools.product(CUED, UNCUED):
        ph.SELECT_CUED, ph.SELECT_UNCUED = cued, uncued
        report(f"ceiling cued {cued} uncued {uncued}", per_fold(
            lambda i, s: ceiling(i["doc"], s)), sq, evaluate)
        found = {i["id"]: ph.model_questions(i["doc"], 6, llm, scorer=scorers[
            fold_of(i["id"], folds)]) for i in dev}
        for cut in JUDGE_CUTS if judge else (None,):
            report(f"MODEL cued {cued} uncued {uncued} judge {cut}", per_fold(
                lambda i, s, cut=cut, found=found: judged(
                    i["doc"], found[i["id"]], odds[i["id"]], cut)), sq, evaluate)


def prefill(dev: list[dict], scorers: dict, llm: CachedModel, folds: int) -> None:
    """Ask the model about every sentence the loosest grid point picks, in full batches."""
    from train_questions import fold_of

    ph.SELECT_CUED, ph.SELECT_UNCUED = min(CUED), min(UNCUED)
    users = []
    for item in dev:
        doc, scorer = item["doc"], scorers[fold_of(item["id"], folds)]
        skip = {i for q in ph.rule_questions(doc, scorer, None).values()
                if len(q.source_ids) > 1 for i in q.source_ids}
        picks = ph.picks_for(doc, scorer, None, skip)[: 6 + ph.SPARE]
        users += [ph.user_message(doc, p.sentence) for p in picks]
    print(f"  {len(users)} sentences to phrase", file=sys.stderr)
    llm.answer(ph.SYSTEM, ph.SHOTS, users)


def speed(dev: list[dict], llm: Any, count: int) -> None:
    """The phrasing stage as shipped (shipped scorer and thresholds, no answer cache), on
    the articles where the model is asked anything; the first call also computes the
    static prompt's cache, and is reported apart."""
    began = time.perf_counter()
    llm.answer(ph.SYSTEM, ph.SHOTS, ["Lead: A test.\nSentence: Nobody knows why."])
    print(f"first call (static prompt cached): {time.perf_counter() - began:.2f} s")
    times = []
    for item in dev:
        doc = item["doc"]
        if not ph.picks_for(doc, load_model(), None):
            continue
        began = time.perf_counter()
        found = ph.model_questions(doc, 6, llm)
        times.append(time.perf_counter() - began)
        print(f"  {item['id']}: {times[-1]:.2f} s, {len(found)} questions", flush=True)
        if len(times) >= count:
            break
    if times:
        print(f"phrasing stage, {len(times)} articles with picks: median "
              f"{statistics.median(times):.2f} s, max {max(times):.2f} s per article")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", help="converted instruct model dir (default: installed one)")
    ap.add_argument("--articles", type=int, default=0, help="only the first N dev articles")
    ap.add_argument("--judge", action="store_true", help="also the yes/no judge as a gate")
    ap.add_argument("--speed", type=int, default=0, help="time the stage on N articles")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "tlsum-phrasing.json")
    args = ap.parse_args()
    from tlsum.digest.llm import find_model, load
    from tlsum.options import TranslateOptions

    path = Path(args.model) if args.model else find_model(None)
    if path is None or not path.is_dir():
        print("  (no instruct model installed: tlsum models import FILE.gguf; skipped)")
        return 0
    sys.path[:0] = [str(args.shared / "bench")]
    import score_questions as sq
    from train_questions import load_docs, sentence_rows

    began = time.perf_counter()
    llm = CachedModel(load(path, TranslateOptions()), args.cache)
    print(f"model {llm.id}: load {time.perf_counter() - began:.1f} s")
    state = args.cache.with_suffix(".state.pickle")  # the articles and fold scorers
    if state.is_file():
        items, scorers = pickle.loads(state.read_bytes())
    else:
        items = load_docs(args.shared)
        scorers = fold_models(items, sentence_rows(items, sq), 5)
        state.write_bytes(pickle.dumps((items, scorers)))
    dev = sorted((i for i in items if i["dev"]), key=lambda i: i["id"])
    dev = dev[: args.articles] if args.articles else dev
    if args.speed:
        speed(dev, llm.llm, args.speed)
        return 0
    prefill(dev, scorers, llm, 5)
    run_grid(dev, scorers, llm, sq, 5, args.judge)
    if llm.calls:
        per = sum(s for _, s in llm.calls) / sum(n for n, _ in llm.calls)
        print(f"model calls: {len(llm.calls)}, {per:.2f} s per sentence in batches of <= 8")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Digest benchmark: summary ROUGE next to Lead-3/Lead-1, and question precision/recall.

Summaries: ``tlsum summarize --format text --summary-only -`` is scored with the
shared scorer (``../shared/bench/score_summaries.py``, ROUGE F1 x100 with a
bootstrap 95% interval on R2) on cnndm-dev (default settings, next to Lead-3)
and xsum-dev (``--sentences 1``, next to Lead-1), all in the same run.

Questions: ``tlsum summarize --json -`` on the labelled articles of
``bench/questions-labels.json`` (our labels, keyed by article id; the texts are
read from ``../shared``), matched with the guideline's matcher (``bench/qmatch.py``).

    python bench/digest.py [--shared ../shared] [--only summaries|questions] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from qmatch import Question, match  # noqa: E402

LABELS = HERE / "questions-labels.json"
EXAMPLE = "000_8d3fa8e348017602"
ROW = re.compile(r"^(?P<name>.+?)\s+(?P<n>\d+)\s+(?P<r1>[\d.]+)\s+(?P<r2>[\d.]+)\s+"
                 r"(?P<rl>[\d.]+)\s+(?P<rlsum>[\d.]+)\s+(?P<ci>\S+)\s+(?P<words>[\d.]+)\s+(?P<spd>[\d.]+)\s+"
                 r"(?P<fails>\d+)\s*$")


def tlsum_cmd() -> list[str]:
    """The installed console script, or the package run as a module."""
    script = REPO / ".venv" / "bin" / "tlsum"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tlsum"]


def score(shared: Path, system: str, dataset: str, sentences: int, jobs: int) -> dict[str, str]:
    """Run the shared scorer once and parse its table row."""
    cmd = [sys.executable, str(shared / "bench" / "score_summaries.py"), system,
           "--dataset", str(shared / "bench" / "summarization-dev" / f"{dataset}.jsonl"),
           "--split", "all", "--sentences", str(sentences), "--jobs", str(jobs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    for line in proc.stdout.splitlines():
        m = ROW.match(line)
        if m and not line.startswith("summarizer"):
            return m.groupdict()
    raise SystemExit(f"scorer failed for {system} on {dataset}:\n{proc.stdout}\n{proc.stderr}")


def summaries(shared: Path, jobs: int) -> bool:
    """Print one table: tlsum next to the lead baseline on each set; True if targets met."""
    ours = " ".join(tlsum_cmd()) + " summarize --format text --summary-only"
    runs = [("cnndm-dev", f"{ours} -", 3, "lead3"),
            ("xsum-dev", f"{ours} --sentences 1 -", 1, "lead-1")]
    print(f"{'dataset':<10} {'system':<34} {'n':>4} {'R1':>6} {'R2':>6} {'RLsum':>6} "
          f"{'R2 95% CI':>12} {'words':>6} {'s/doc':>6} fails")
    ok = True
    for dataset, cmd, k, lead_name in runs:
        lead = score(shared, "lead3", dataset, k, jobs)
        mine = score(shared, cmd, dataset, k, jobs)
        label = "tlsum" + (" --sentences 1" if k == 1 else " (default)")
        for name, row in ((lead_name, lead), (label, mine)):
            print(f"{dataset:<10} {name:<34} {row['n']:>4} {row['r1']:>6} {row['r2']:>6} "
                  f"{row['rlsum']:>6} {row['ci']:>12} {row['words']:>6} {row['spd']:>6} "
                  f"{row['fails']}")
        keys = ("r1", "r2", "rlsum") if k == 3 else ("r1", "r2")
        met = all(float(mine[x]) >= float(lead[x]) for x in keys)
        ok &= met
        verdict = ("met" if met else "MISSED") + (
            f" ({mine['fails']} articles failed in tlsum and scored as empty)"
            if mine["fails"] != "0" else "")
        print(f"{'':<10} target (>= {lead_name} on {', '.join(keys)}): {verdict}")
    return ok


def load_articles(shared: Path) -> dict[str, str]:
    """{id: article text} from the shared corpora (never copied into the repo)."""
    out: dict[str, str] = {}
    bench = shared / "bench"
    for name in ("cnndm-dev", "xsum-dev"):
        for line in (bench / "summarization-dev" / f"{name}.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            out[row["id"]] = row["article"]
    truth = json.loads((bench / "extraction-dev" / "ground-truth.json").read_text("utf-8"))
    out.update({key: row["articleBody"] for key, row in truth.items()})
    out[EXAMPLE] = (shared / "corpus" / f"{EXAMPLE}.txt").read_text(encoding="utf-8")
    return out


def predict(text: str) -> list[Question] | None:
    """tlsum's questions for one article, with their source sentences; None if it failed."""
    proc = subprocess.run([*tlsum_cmd(), "summarize", "--json", "-"], input=text,
                          capture_output=True, text=True, check=False, cwd=REPO)
    if proc.returncode != 0:
        print(f"  tlsum failed: {proc.stderr.strip()[:200]}", file=sys.stderr)
        return None
    data = json.loads(proc.stdout)
    return [Question(q["text"], _as_tuple(q.get("source", ""))) for q in data.get("questions", [])]


def _as_tuple(source: str | list[str]) -> tuple[str, ...]:
    return tuple(source) if isinstance(source, list) else (source,)


def questions(shared: Path, jobs: int, show: bool) -> bool:
    """Precision and recall against our labels; True if the targets are met."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    texts = load_articles(shared)
    ids = list(labels)
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        answers = dict(zip(ids, pool.map(lambda i: predict(texts[i]), ids), strict=True))
    failed = [i for i in ids if answers[i] is None]
    preds = {i: answers[i] or [] for i in ids}
    totals = {"pred": 0, "gold": 0, "hit_p": 0, "hit_g": 0}
    example_found = 0
    for i in ids:
        gold = [Question(q["text"], tuple(q["evidence"])) for q in labels[i]["questions"]]
        pairs = match(preds[i], gold)
        totals["pred"] += len(preds[i])
        totals["gold"] += len(gold)
        totals["hit_p"] += len(pairs)
        totals["hit_g"] += len(pairs)
        if i == EXAMPLE:
            example_found = len(pairs)
        if show:
            _show(i, preds[i], gold, pairs)
    p = totals["hit_p"] / totals["pred"] if totals["pred"] else 1.0
    r = totals["hit_g"] / totals["gold"] if totals["gold"] else 1.0
    empty = sum(1 for i in ids if not labels[i]["questions"])
    print(f"questions: {len(ids)} articles ({empty} with none), {totals['gold']} gold, "
          f"{totals['pred']} predicted, {totals['hit_p']} matched, {len(failed)} tlsum failures "
          f"(counted as no questions){': ' + ' '.join(f[:12] for f in failed) if failed else ''}")
    print(f"precision {p:.2f}  recall {r:.2f}  (targets: P >= 0.80, R >= 0.70); "
          f"example article: {example_found}/4 of its questions found")
    return p >= 0.8 and r >= 0.7 and example_found >= 4


def _show(article: str, preds: list[Question], gold: list[Question],
          pairs: list[tuple[int, int]]) -> None:
    """Matched, missed and extra questions of one article (``--show``)."""
    hit_p = {i for i, _ in pairs}
    hit_g = {j for _, j in pairs}
    print(f"\n## {article[:16]}")
    for j, g in enumerate(gold):
        print(f"  {'ok ' if j in hit_g else 'MISS'} {g.text}")
    for i, p in enumerate(preds):
        if i not in hit_p:
            print(f"  EXTRA {p.text}   <- {p.sources[0][:100] if p.sources else ''}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--only", choices=["summaries", "questions"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", action="store_true", help="list matched/missed/extra questions")
    a = ap.parse_args()
    shared = Path(a.shared)
    if not (shared / "bench" / "summarization-dev").is_dir():
        print(f"skipped: no benchmark data at {shared / 'bench'}")
        return 0
    ok = True
    if a.only in (None, "summaries"):
        ok &= summaries(shared, a.jobs)
    if a.only in (None, "questions"):
        ok &= questions(shared, a.jobs, a.show)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

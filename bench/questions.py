"""Question benchmark: tlsum next to the cue baseline on both label sets, and digest speed.

Quality: ``tlsum summarize --json -`` scored by the shared matcher
(``../shared/bench/score_questions.py``) on the independent dev labels
(``questions-dev-labels.json``, 120 articles) and on ours (``bench/questions-labels.json``,
less the seed example, which lives outside the shared corpora), each next to the
scorer's ``--baseline cues+src`` in the same run. Every printed question is also run
through the copy editor's checker (``tlsum.digest.checker``): the pass rate must be 100 %.

Speed: the digest stage alone (summary + questions, model loaded) on 700-word English
articles from cnndm-dev, median milliseconds per article (target < 50 ms).

    python bench/questions.py [--shared ../shared] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TOTAL = re.compile(r"^P=(?P<P>[\d.]+) R=(?P<R>[\d.]+) R_explicit=(?P<Rx>[\d.]+) "
                   r"articles=(?P<n>\d+)")
MEAN = re.compile(r"mean (?P<per>[\d.]+)/article")
EMPTY = re.compile(r"precision checks: (?P<p>\d+) predictions on (?P<a>\d+) articles")


def tlsum_cmd() -> str:
    script = REPO / ".venv" / "bin" / "tlsum"
    return str(script) if script.exists() else f"{sys.executable} -m tlsum"


def run_scorer(shared: Path, system: list[str], labels: Path, saved: Path | None,
               jobs: int) -> dict[str, str]:
    """One run of the shared scorer; its totals as strings."""
    cmd = [sys.executable, str(shared / "bench" / "score_questions.py"), *system,
           "--labels", str(labels), "--bench", str(shared / "bench"), "--jobs", str(jobs),
           "--no-table"]
    if saved is not None:
        cmd += ["--save-outputs", str(saved)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    out: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        for rx in (TOTAL, MEAN, EMPTY):
            m = rx.search(line)
            if m:
                out.update(m.groupdict())
    if "P" not in out:
        raise SystemExit(f"score_questions.py failed:\n{proc.stdout}\n{proc.stderr}")
    return out


def checker_pass_rate(saved: Path) -> tuple[int, int]:
    """(passed, printed) over every question tlsum printed in a scorer run."""
    from tlsum.digest.checker import passes

    texts = [p["text"] for line in saved.read_text("utf-8").splitlines()
             for p in json.loads(line)["predictions"]]
    return sum(passes(t) for t in texts), len(texts)


def quality(shared: Path, jobs: int) -> bool:
    """The table: each label set, tlsum and the cue baseline; True when every question passes."""
    ours = json.loads((HERE / "questions-labels.json").read_text("utf-8"))
    tmp = Path(tempfile.mkdtemp())
    own = tmp / "own-labels.json"
    own.write_text(json.dumps({k: v for k, v in ours.items() if v["source"] != "example"}))
    sets = [("independent dev (120)", shared / "bench" / "questions-dev-labels.json"),
            (f"ours ({len(ours) - 1})", own)]
    print(f"{'label set':<22} {'system':<22} {'P':>5} {'R':>5} {'R_expl':>6} {'q/art':>6} "
          f"{'no-gold q/art':>13}")
    all_pass = True
    for name, labels in sets:
        for system, args in (("cue baseline cues+src", ["--baseline", "cues+src"]),
                             ("tlsum", [f"{tlsum_cmd()} summarize --json -"])):
            saved = tmp / "saved.jsonl" if system == "tlsum" else None
            r = run_scorer(shared, args, labels, saved, jobs)
            empty = int(r["p"]) / max(int(r["a"]), 1)
            print(f"{name:<22} {system:<22} {r['P']:>5} {r['R']:>5} {r['Rx']:>6} "
                  f"{r['per']:>6} {empty:>13.2f}")
            if saved is not None:
                passed, printed = checker_pass_rate(saved)
                all_pass &= passed == printed
                print(f"{'':<22} checker: {passed}/{printed} printed questions pass")
    print("targets on the independent dev set: P >= 0.75, R >= 0.40, R_explicit >= 0.50, "
          "<= 0.3 questions per no-gold article")
    return all_pass


def speed(shared: Path) -> None:
    """Median digest-stage time on 700-word cnndm-dev articles (segmented beforehand)."""
    import io

    from tlsum.digest import digest
    from tlsum.digest.scorer import load_model
    from tlsum.options import DigestOptions, Options
    from tlsum.pipeline import load, prepare

    rows = [json.loads(line) for line in
            (shared / "bench" / "summarization-dev" / "cnndm-dev.jsonl").open(encoding="utf-8")]
    texts = [" ".join(r["article"].split()[:700]) for r in rows if len(r["article"].split()) >= 700]
    docs = [prepare(load("-", Options(), stdin=io.BytesIO(t.encode())), Options(),
                    translate=False).document for t in texts[:30]]
    load_model()
    times = []
    for doc in docs:
        start = time.perf_counter()
        digest(doc, DigestOptions())
        times.append((time.perf_counter() - start) * 1000)
    print(f"digest stage: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
          f"per 700-word article ({len(docs)} cnndm-dev articles cut to 700 words; "
          "target < 50 ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    shared = Path(a.shared)
    if not (shared / "bench" / "questions-dev-labels.json").is_file():
        print(f"skipped: no question labels at {shared / 'bench'}")
        return 0
    ok = quality(shared, a.jobs)
    speed(shared)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

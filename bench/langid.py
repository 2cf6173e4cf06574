"""Language identification: tlsum's shipped tables against py3langid itself, side by side.

Texts: the dev sets' articles (read from ``--shared``, never copied), the
snippets the team wrote in ``bench/data/langid_snippets.tsv`` (15 languages)
and Russian/English sentences from the toy model's grammar. For each set it
prints how many answers agree with py3langid, the accuracy of both on the
labelled snippets, the largest probability difference, and the time to load
the identifier (in a fresh process) and to classify.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "toy_model"))
SAMPLE = 4000

LOAD_CODE = {
    "py3langid (its own loader, unpacks the model)":
        "from py3langid.langid import LanguageIdentifier, MODEL_FILE; "
        "LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)",
    "tlsum.langid (tables shipped in tlsum/data, no numpy)":
        "from tlsum.langid import identifier; identifier()",
}


def dev_articles(shared: Path) -> list[tuple[str, str]]:
    """(label, text) of every dev article; label is empty: py3langid's answer is the reference."""
    bench = shared / "bench"
    texts: list[tuple[str, str]] = []
    for name in ("cnndm-dev", "xsum-dev"):
        path = bench / "summarization-dev" / f"{name}.jsonl"
        if path.is_file():
            texts += [("", json.loads(line)["article"]) for line in path.open(encoding="utf-8")]
    truth = bench / "extraction-dev" / "ground-truth.json"
    if truth.is_file():
        for key, page in json.loads(truth.read_text(encoding="utf-8")).items():
            texts.append(("", page["articleBody"]))
            copy = bench / "extraction-dev" / "html" / f"{key}.txt"
            if copy.is_file():
                texts.append(("", copy.read_text(encoding="utf-8")))
    return texts


def snippets() -> list[tuple[str, str]]:
    """(language, text): the team's own snippets plus toy-grammar sentences in ru and en."""
    from grammar import Generator

    rows = []
    for line in (ROOT / "bench" / "data" / "langid_snippets.tsv").open(encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            lang, text = line.rstrip("\n").split("\t", 1)
            rows.append((lang, text))
    gen = Generator(2026)
    for _ in range(40):
        ru, en, _ = gen.sentence()
        rows += [("ru", ru), ("en", en)]
    return rows


def compare(name: str, rows: list[tuple[str, str]], ours, theirs) -> None:
    """One table row: agreement, accuracy against labels, time per text."""
    same = right_ours = right_theirs = 0
    worst = 0.0
    t_ours = t_theirs = 0.0
    for label, text in rows:
        sample = text[:SAMPLE]
        start = time.perf_counter()
        a = theirs.classify(sample)
        t_theirs += time.perf_counter() - start
        start = time.perf_counter()
        b = ours.classify(sample)
        t_ours += time.perf_counter() - start
        same += a[0] == b[0]
        worst = max(worst, abs(float(a[1]) - b[1]))
        right_theirs += a[0] == label
        right_ours += b[0] == label
    n = len(rows)
    labelled = all(label for label, _ in rows)
    acc = f"{right_theirs / n:.3f} / {right_ours / n:.3f}" if labelled else "–"
    langs = len({label for label, _ in rows}) if labelled else "–"
    print(f"{name:<22}{n:>6}{langs!s:>7}{same:>6}/{n:<6}{acc:>15}{worst:>11.1e}"
          f"{1000 * t_theirs / n:>9.2f}{1000 * t_ours / n:>9.2f}")


def load_times(rounds: int) -> None:
    """Median time to import and open each identifier in a fresh interpreter."""
    print(f"import + load in a fresh interpreter (median of {rounds}, start-up included):")
    for name, code in LOAD_CODE.items():
        runs = []
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        print(f"  {statistics.median(runs):.3f} s  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from tlsum.langid import identifier

    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ours = identifier()
    print(f"{'set':<22}{'texts':>6}{'langs':>7}{'same answer':>13}"
          f"{'acc py3/tlsum':>15}{'max |dp|':>11}{'ms py3':>9}{'ms tlsum':>9}")
    articles = dev_articles(Path(args.shared))
    if articles:
        compare("dev articles", articles, ours, theirs)
    else:
        print(f"dev articles: not found under {args.shared}")
    compare("snippets (labelled)", snippets(), ours, theirs)
    load_times(args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

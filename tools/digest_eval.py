"""In-process ROUGE check of the summary on the shared dev sets (fast iteration).

``bench/digest.py`` is the real benchmark (it runs the CLI through the shared
scorer); this tool runs the same stages in one process so that a design change
can be checked in seconds. Usage:

    .venv/bin/python tools/digest_eval.py [--dataset cnndm-dev] [--sentences 4] [--budget 56]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path

from rouge_score import rouge_scorer

from tlsum.digest import summary
from tlsum.extract import extract
from tlsum.options import ExtractOptions
from tlsum.segment import segment
from tlsum.types import Fetched

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "summarization-dev"
KEYS = ("rouge1", "rouge2", "rougeLsum")


def ours(text: str, sentences: int, budget: int) -> str:
    """tlsum's summary of a plain-text article through the CLI's own extract/segment stages
    (fetch skipped), so the figure moves with the product, not with this script.
    """
    doc = segment(extract(Fetched(text, "text", "stdin"), ExtractOptions()))
    return "\n".join(i.text for i in summary.summarize(doc, sentences, budget))


def lead(text: str, k: int) -> str:
    """The lead-k baseline (first k sentences, pysbd split): a summarizer must beat it."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    sents = [s.strip() for b in re.split(r"\n+", text) for s in seg.segment(b) if s.strip()]
    return "\n".join(sents[:k])


def main() -> None:
    """Mean ROUGE of ours and of lead-k over one dev set; --show prints where we lose most."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="cnndm-dev")
    ap.add_argument("--sentences", type=int, default=4)
    ap.add_argument("--budget", type=int, default=summary.WORD_BUDGET)
    ap.add_argument("--lead", type=int, default=3)
    ap.add_argument("--show", type=int, default=0, help="print the N worst articles")
    a = ap.parse_args()
    lines = (SHARED / f"{a.dataset}.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(x) for x in lines]
    scorer = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=True)
    res: dict[str, list[float]] = {f"{s}-{k}": [] for s in ("ours", "lead") for k in KEYS}
    diffs = []
    for r in rows:
        o, ld = ours(r["article"], a.sentences, a.budget), lead(r["article"], a.lead)
        so, sl = scorer.score(r["reference"], o), scorer.score(r["reference"], ld)
        for k in KEYS:
            res[f"ours-{k}"].append(100 * so[k].fmeasure)
            res[f"lead-{k}"].append(100 * sl[k].fmeasure)
        diffs.append((so["rouge2"].fmeasure - sl["rouge2"].fmeasure, r["id"], o, ld))
    for name in ("ours", "lead"):
        print(name, " ".join(f"{k}={statistics.mean(res[f'{name}-{k}']):.2f}" for k in KEYS))
    for d, rid, o, ld in sorted(diffs)[: a.show]:
        print(f"\n--- {rid} dR2={100 * d:.1f}\nOURS: {o}\nLEAD: {ld}")


if __name__ == "__main__":
    main()

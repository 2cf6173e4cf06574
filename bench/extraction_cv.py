"""Site-grouped cross-validation of the HTML post-filter steps (used by bench/extraction.py).

Every HTML filter step (``tlsum.extract.filters.STEPS``) and the default-mode
rescue of ``tlsum.extract.html`` is judged on the dev pages by how it does on
sites it was not chosen on. The pages are split into ``FOLDS`` groups of sites
(all pages of a host in one group, by a hash of the host name). For each fold:

1. on the other folds, ``select`` decides which steps to keep: starting from all
   of them, it drops the step whose removal helps most as long as some step
   does not help (its removal does not lower F1 on those pages) or helps fewer
   than ``MIN_SITES`` sites; a step that only ever helped one site is
   therefore never shipped, whichever sites are left out;
2. the left-out fold is scored with the steps chosen without it.

The concatenated left-out scores are the grouped-CV F1 of the *procedure*;
``SHIPPED`` is what the procedure chooses on all dev pages. Per fold, the gain
of each step is its left-out F1 with versus without it (from the steps chosen
on that fold's training sites, or from all steps when it was dropped there).
The same is run leaving one site out at a time (every site its own fold).

    python bench/extraction_cv.py            # the 5-fold table and the leave-one-site-out summary
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH = Path(os.environ.get("TLSUM_BENCH_DIR", ROOT.parent / "shared" / "bench"))
FOLDS = 5
# A step must help on at least this many sites: one that only ever helped the site it was
# written for is a bet on the next page, not evidence (README).
MIN_SITES = 2
RESCUE = "rescue"  # default mode when precision mode keeps a fraction (tlsum.extract.html)
_COMMON = {"the", "and", "of", "to", "a", "in", "is", "that", "for", "it"}

Counts = tuple[float, float, float]


def load_scorer(bench: Path = BENCH) -> ModuleType:
    """The benchmark's own scorer module (metric, page loading)."""
    spec = importlib.util.spec_from_file_location("score_extraction", bench / "score_extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fold_of(host: str, folds: int = FOLDS) -> int:
    """The fold of a site: all pages of one host land together."""
    return int(hashlib.sha1(host.encode()).hexdigest(), 16) % folds


def is_english(text: str) -> bool:
    """Enough of the commonest English words among the first 500 (the ground truth's language)."""
    toks = [t.lower() for t in text.split()][:500]
    return sum(t in _COMMON for t in toks) >= 0.08 * max(len(toks), 1)


class HtmlPages:
    """The dev pages parsed once (trafilatura runs here), scored for any set of steps."""

    def __init__(self, se: ModuleType, data: Path) -> None:
        from tlsum.extract.html import parse_page, trafilatura_body

        self.se = se
        self.pages = se.load_pages(str(data), "all")
        self.parsed: dict[str, Any] = {}
        self.precise: dict[str, Any] = {}
        for page in self.pages:
            html = se.read_html_bytes(page["path"]).decode("utf8", errors="replace")
            parsed = parse_page(html)
            precise = trafilatura_body(parsed.tree, None, rescue=False)
            self.precise[page["id"]] = replace(parsed, body=precise)
            wide = trafilatura_body(parsed.tree, None, rescue=True)
            self.parsed[page["id"]] = replace(parsed, body=wide)
        self.score_cached = lru_cache(maxsize=None)(self._counts)

    def _counts(self, pid: str, steps: frozenset[str]) -> Counts:
        from tlsum.extract.html import finish

        parsed = self.parsed[pid] if RESCUE in steps else self.precise[pid]
        truth = next(p["truth"] for p in self.pages if p["id"] == pid)
        result: Counts = self.se.page_counts(truth, finish(parsed, steps=steps).text)
        return result

    def counts(self, pages: list[dict[str, Any]], steps: frozenset[str]) -> list[Counts]:
        return [self.score_cached(p["id"], steps) for p in pages]

    def f1(self, pages: list[dict[str, Any]], steps: frozenset[str]) -> float:
        return float(self.se.aggregate(self.counts(pages, steps))["f1"])


def all_steps() -> frozenset[str]:
    from tlsum.extract.filters import STEPS

    return frozenset((*STEPS, RESCUE))


def site_votes(hp: HtmlPages, pages: list[dict[str, Any]], with_: frozenset[str],
               without: frozenset[str]) -> tuple[int, int]:
    """(sites where ``with_`` beats ``without``, sites where it loses)."""
    helped = hurt = 0
    for host in sorted({p["host"] for p in pages}):
        site = [p for p in pages if p["host"] == host]
        delta = hp.f1(site, with_) - hp.f1(site, without)
        helped += delta > 1e-9
        hurt += delta < -1e-9
    return helped, hurt


def select(hp: HtmlPages, pages: list[dict[str, Any]]) -> frozenset[str]:
    """Backward elimination: drop the weakest step while any step fails to help
    (on these pages: F1, and at least ``MIN_SITES`` sites helped)."""
    current = all_steps()
    while True:
        weak = []
        for step in sorted(current):
            gain = hp.f1(pages, current) - hp.f1(pages, current - {step})
            helped, _ = site_votes(hp, pages, current, current - {step})
            if gain <= 0 or helped < MIN_SITES:
                weak.append((gain, step))
        if not weak:
            return current
        current = current - {min(weak)[1]}


def cross_validate(hp: HtmlPages, folds: int = FOLDS) -> dict[str, Any]:
    """Left-out counts per page of the selection procedure, and per-fold step gains
    (``folds`` 0: leave one site out, every site its own fold)."""
    for page in hp.pages:
        page["host"] = hp.se.host_of(page["url"])
    hosts = sorted({p["host"] for p in hp.pages})
    group = {h: (hosts.index(h) if folds == 0 else fold_of(h, folds)) for h in hosts}
    out: dict[str, Counts] = {}
    rows = []
    for k in sorted(set(group.values())):
        test = [p for p in hp.pages if group[p["host"]] == k]
        chosen = select(hp, [p for p in hp.pages if group[p["host"]] != k])
        out.update(zip((p["id"] for p in test), hp.counts(test, chosen), strict=True))
        gains = {}
        for step in sorted(all_steps()):
            base = chosen if step in chosen else all_steps()
            gains[step] = hp.f1(test, base) - hp.f1(test, base - {step})
        rows.append({"fold": k, "pages": len(test), "chosen": chosen, "gains": gains,
                     "f1": hp.f1(test, chosen), "none": hp.f1(test, frozenset())})
    return {"counts": out, "folds": rows, "shipped": select(hp, hp.pages)}


def print_folds(cv: dict[str, Any]) -> None:
    """Per fold: left-out F1 of trafilatura alone and of the chosen steps, and each step's gain."""
    steps = sorted(all_steps())
    print("HTML steps by site-grouped CV: gain of each step on the left-out fold "
          "(F1 with minus without; * = kept by the selection on the other folds)")
    print(f"{'step':<12} " + " ".join(f"{'fold ' + str(r['fold']):>9}" for r in cv["folds"]))
    for step in steps:
        cells = [f"{r['gains'][step]:+8.4f}{'*' if step in r['chosen'] else ' '}"
                 for r in cv["folds"]]
        print(f"{step:<12} " + " ".join(cells))
    print(f"{'pages':<12} " + " ".join(f"{r['pages']:>9}" for r in cv["folds"]))
    print(f"{'no steps':<12} " + " ".join(f"{r['none']:9.4f}" for r in cv["folds"]))
    print(f"{'chosen':<12} " + " ".join(f"{r['f1']:9.4f}" for r in cv["folds"]))
    print(f"chosen on all dev pages: {', '.join(sorted(cv['shipped']))}")


def print_sites(hp: HtmlPages, cv: dict[str, Any]) -> None:
    """Leave-one-site-out: the procedure against trafilatura alone, the spread over
    sites, and per step on how many left-out sites it helped and hurt."""
    se, rows = hp.se, cv["folds"]
    total = se.aggregate(list(cv["counts"].values()))["f1"]
    plain = hp.f1(hp.pages, frozenset())
    deltas = sorted(r["f1"] - r["none"] for r in rows)
    print(f"leave-one-site-out ({len(rows)} sites): F1 {total:.4f} vs trafilatura "
          f"favor_precision {plain:.4f}; per site vs trafilatura: better on "
          f"{sum(d > 1e-9 for d in deltas)}, worse on {sum(d < -1e-9 for d in deltas)}, "
          f"worst {deltas[0]:+.3f}, best {deltas[-1]:+.3f}")
    for step in sorted(all_steps()):
        kept = [r for r in rows if step in r["chosen"]]
        helped = sum(r["gains"][step] > 1e-9 for r in kept)
        hurt = sum(r["gains"][step] < -1e-9 for r in kept)
        print(f"  {step:<12} kept in {len(kept):2d} of {len(rows)} folds; "
              f"left-out sites helped {helped}, hurt {hurt}")
    print(f"to ship (chosen on all dev pages, and helped more left-out sites than it hurt): "
          f"{', '.join(sorted(ship_by_sites(cv, rows)))}")


def ship_by_sites(cv: dict[str, Any], rows: list[dict[str, Any]]) -> frozenset[str]:
    """The steps chosen on all dev pages that also helped more left-out sites than they
    hurt when one site at a time was left out (``SHIPPED`` in tlsum.extract.filters)."""
    def net(step: str) -> int:
        kept = [r["gains"][step] for r in rows if step in r["chosen"]]
        return sum(g > 1e-9 for g in kept) - sum(g < -1e-9 for g in kept)

    return frozenset(s for s in cv["shipped"] if net(s) > 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    args = parser.parse_args()
    bench = Path(args.shared) / "bench" if args.shared else BENCH
    if not (bench / "extraction-dev").exists():
        print("skipped: ../shared/bench not found")
        return 0
    hp = HtmlPages(load_scorer(bench), bench / "extraction-dev")
    cv = cross_validate(hp)
    print_folds(cv)
    total = hp.se.aggregate(list(cv["counts"].values()))
    print(f"grouped-CV F1 of the procedure: {total['f1']:.4f}")
    print_sites(hp, cross_validate(hp, folds=0))
    return 0


if __name__ == "__main__":
    sys.exit(main())

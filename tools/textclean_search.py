#!/usr/bin/env python3
"""Nested CV of a wider search: greedy backward elimination over every feature group.

The evidence for why ``train_textclean.py`` starts from a fixed set of general
signals instead of searching all of ``CANDIDATES``: each outer fold (5 site
groups) is scored by a model whose groups, steps and L2 were chosen by greedy
elimination on the other folds (inner 5-fold site-grouped CV), and each
candidate's gain on the left-out fold is printed. The choices change from fold
to fold and the nested F1 comes out below the fixed set's: the search fits
noise in 63 sites.

    python tools/textclean_search.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_textclean import (
    BENCH,
    CANDIDATES,
    FOLDS,
    L2_GRID,
    MIN_SITES,
    Config,
    Counts,
    Pages,
    clean_text,
    cv,
    f1,
    fit,
    grouped,
    load_scorer,
    memoised_features,
    score,
    site_votes,
    spread,
)


def select(pages: Pages, ids: set[str], log: Callable[[str], None] = lambda _: None) -> Config:
    """L2 by grouped CV, then backward elimination of candidates that do not earn their place."""
    scored = {l2: cv(pages, ids, (frozenset(), l2)) for l2 in L2_GRID}
    l2 = max(L2_GRID, key=lambda v: f1(pages.se, scored[v]))
    dropped: frozenset[str] = frozenset()
    current = scored[l2]
    while True:
        weak = []
        for cand in (c for c in CANDIDATES if c not in dropped):
            without = cv(pages, ids, (dropped | {cand}, l2))
            helped, _ = site_votes(pages, current, without)
            gain = f1(pages.se, current) - f1(pages.se, without)
            if gain <= 0 or helped < MIN_SITES:
                weak.append((f1(pages.se, without), cand, without))
        if not weak:
            log(f"  L2 {l2:g}; dropped: {', '.join(sorted(dropped)) or 'nothing'}")
            return dropped, l2
        _, cand, current = max(weak)
        dropped = dropped | {cand}




def nested(pages: Pages) -> None:
    """Nested CV of the whole procedure: each of ``FOLDS`` site groups is scored by a
    model whose features, steps and L2 were selected on the other groups alone."""
    se, fold = pages.se, grouped(pages.hosts, "5")
    outer: dict[str, dict[str, Counts]] = {"text": {}, "wrapped": {}}
    rows = []
    for k in range(FOLDS):
        train = {p["id"] for p in pages.raw if fold(p["host"]) != k}
        test = [p for p in pages.raw if fold(p["host"]) == k]
        config = select(pages, train, print)
        pasted, wrapped = _fold_scores(pages, train, test, config)
        outer["text"].update(pasted)
        outer["wrapped"].update(wrapped)
        gains = {}
        for cand in CANDIDATES:
            toggled = (config[0] ^ {cand}, config[1])
            other, _ = _fold_scores(pages, train, test, toggled)
            sign = -1 if cand in config[0] else 1
            gains[cand] = sign * (f1(se, pasted) - f1(se, other))
        rows.append((k, len(test), f1(se, pasted), f1(se, wrapped), config, gains))
        print(f"outer fold {k}: {len(test)} pages, pasted F1 {rows[-1][2]:.3f}, "
              f"hard-wrapped {rows[-1][3]:.3f}", flush=True)
    print_gains(rows)
    print(f"nested grouped CV: pasted {spread(se, pages, outer['text'])}")
    print(f"nested grouped CV: hard-wrapped {spread(se, pages, outer['wrapped'])}")


def _fold_scores(pages: Pages, train: set[str], test: list[dict[str, Any]],
                 config: Config) -> tuple[dict[str, Counts], dict[str, Counts]]:
    model = fit(pages, train, config)
    pasted = {p["id"]: score(pages.se, p["truth"], clean_text(p["text"], model=model).text)
              for p in test}
    wrapped = {p["id"]: score(pages.se, p["truth"], clean_text(p["wrapped"], model=model).text)
               for p in test}
    return pasted, wrapped


def print_gains(rows: list[tuple[Any, ...]]) -> None:
    """Per outer fold, each candidate's gain on the left-out sites (F1 with minus
    without; * = kept by the selection made without that fold)."""
    print(f"{'candidate':<16}" + "".join(f"{'fold ' + str(r[0]):>10}" for r in rows))
    for cand in CANDIDATES:
        cells = [f"{r[5][cand]:+9.4f}{' ' if cand in r[4][0] else '*'}" for r in rows]
        print(f"{cand:<16}" + "".join(cells))
    print(f"{'pasted F1':<16}" + "".join(f"{r[2]:10.3f}" for r in rows))
    print(f"{'wrapped F1':<16}" + "".join(f"{r[3]:10.3f}" for r in rows))


def main() -> int:
    if not (BENCH / "extraction-dev").exists():
        print("skipped: ../shared/bench not found")
        return 0
    pages = Pages(load_scorer())
    with memoised_features():
        nested(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())

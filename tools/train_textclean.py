#!/usr/bin/env python3
"""Train the text-mode block classifier and report it by site-grouped CV.

Reads the dev half of the extraction benchmark (../shared/bench/extraction-dev:
whole-page text renderings plus the human article bodies; read here, never
copied into the repo), labels each block of each page as body or chrome (a
block is body when most of its word 4-grams occur in the ground truth, the
benchmark's own unit), and fits a weighted L2 logistic regression on
``tlsum.extract.textfeat`` features, each page weighing the same.

The classifier starts from a few general signals fixed in advance (``GENERAL``).
The L2 strength is chosen leaving one site out at a time; then ``prune`` takes
each feature group and rule step out in turn, the same way, and drops (one at
a time) those whose removal does not lower F1 or that help fewer than
``MIN_SITES`` left-out sites. Decision settings (threshold,
smoothing) are fixed, not fitted. Reported: leave-one-site-out F1 (pasted and
hard-wrapped, with the spread over sites) and F1 per fold of 5 site groups.

    python tools/train_textclean.py             # report, write tlsum/data/textclean.json
    python tools/train_textclean.py --no-write  # report only
    python tools/train_textclean.py --extra DIR # also train on DIR's pages (same layout as
                                                # extraction-dev; dev sites are still left out)
    python tools/textclean_ext.py ext=DIR ...   # leave-one-site-out over DIR's sites too
    python tools/train_textclean.py --refit --add region_floor \
        --extra EXT --extra SYNTH               # the shipped weights (see below)
    python tools/textclean_search.py            # nested CV of searching all groups (slow)

The shipped model keeps the features and L2 this selection chose on the dev pages
(selection is what overfits: with extra pages in training the pruning dropped two
steps and scored worse), adds the ``region_floor`` step, and is refitted on the 91 dev
pages + the external set (tools/build_ext_set.py) + the 30 synthetic pages
(tools/build_synth_set.py); neither set is in the repo, only the weights (README,
"Extraction: what generalizes"). Averaging fits on bootstrap samples (bagging) and
smoother decisions were measured on all three sets and not shipped (README; the
options live in commit 68061ec).
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # small matrices: threads only contend (10x slower)

import argparse  # noqa: E402
import hashlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tlsum.extract.textscore as textscore  # noqa: E402
from tlsum.extract.blocks import blocks  # noqa: E402
from tlsum.extract.patterns import words  # noqa: E402
from tlsum.extract.text import clean_text, drop_latest_news  # noqa: E402
from tlsum.extract.textfeat import FEATURES, page_features  # noqa: E402
from tlsum.extract.textscore import TEXT_STEPS, best_region, block_score  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
OUT = ROOT / "tlsum" / "data" / "textclean.json"
FOLDS = 5
WRAP_WIDTH = 72
SETTINGS = {"smooth": 0.2, "region_bias": 0.5, "threshold": 0.3, "outside": 0.9}
L2_GRID = (10.0, 100.0)  # per page
MIN_SITES = 2  # a candidate must help on at least this many left-out sites
VOTE_TOL = 0.002  # a site's F1 must move by more than this to count as helped or hurt
_CTX = [f for f in FEATURES if "@" in f]
# Feature groups, each kept or dropped as one; the rule steps are candidates too.
GROUPS: dict[str, tuple[str, ...]] = {
    "length": ("len", "short", "tiny", "long"),
    "punctuation": ("sentence_end", "colon_end", "comma_rate", "ellipsis_end"),
    "capitals": ("cap_ratio",),
    "digits": ("digit_ratio",),
    "stopwords": ("stop_ratio", "no_stoplist"),
    "date": ("date",),
    "chrome_words": ("chrome", "legal", "promo", "section_head", "social"),
    "url": ("url",),
    "separator": ("separator",),
    "bullet": ("bullet",),
    "repeated": ("repeated",),
    "gap": ("gap",),
    "title": ("title_like", "after_title", "near_title"),
    "region": ("in_region", "region_distance"),
    "after_comments": ("after_comments",),
    "context_shape": tuple(f for f in _CTX if not f.startswith("chrome@")),
    "context_chrome": tuple(f for f in _CTX if f.startswith("chrome@")),
}
CANDIDATES: tuple[str, ...] = (*GROUPS, *sorted(TEXT_STEPS))
# The general signals the classifier starts from, fixed before looking at scores (length,
# punctuation, stop words of the page's language, place in the prose region, repetition,
# list items, share/byline/promo shapes, date lines); the other groups describe layouts
# of particular sites. Searching all groups by CV overfit the search (textclean_search.py).
GENERAL: tuple[str, ...] = ("length", "punctuation", "stopwords", "region", "repeated",
                            "bullet", "chrome_words", "date")
# The groups left out from the start (``prune`` may drop more).
START_DROPPED: frozenset[str] = frozenset(g for g in GROUPS if g not in GENERAL)
Counts = tuple[float, float, float]
Config = tuple[frozenset[str], float]  # (dropped candidates, L2)


def load_scorer() -> ModuleType:
    """The benchmark's own scorer, loaded from ../shared by path (never copied into the repo)."""
    spec = importlib.util.spec_from_file_location("score_extraction", BENCH / "score_extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def memoised_features() -> Iterator[None]:
    """Features depend on the page alone, not the model: compute each page's once
    while the CV scores every page through ``clean_text`` hundreds of times."""
    cache: dict[Any, list[list[float]]] = {}

    def cached(items: list[Any], region: tuple[int, int]) -> list[list[float]]:
        key = (tuple(b.text for b in items), region)
        if key not in cache:
            cache[key] = page_features(items, region)
        return cache[key]

    textscore.page_features = cached  # type: ignore[assignment]
    try:
        yield
    finally:
        textscore.page_features = page_features


def label_blocks(se: ModuleType, items: list[Any], truth: str) -> list[int]:
    """1 when most of the block's 4-grams (or its whole word run) are in the truth."""
    toks = se.words(truth)
    shingles = set(se.shingle_counts(toks))
    joined = " " + " ".join(toks) + " "
    labels = []
    for block in items:
        bt = se.words(block.text)
        if not bt:
            labels.append(0)
        elif len(bt) < 4:
            labels.append(int((" " + " ".join(bt) + " ") in joined))
        else:
            sh = [tuple(bt[i:i + 4]) for i in range(len(bt) - 3)]
            labels.append(int(sum(s in shingles for s in sh) / len(sh) >= 0.5))
    return labels


class Pages:
    """The dev pages (and any ``extra`` folders of the same layout), with blocks,
    features and labels per set of rule steps. ``always``: ids every fit trains on
    besides its fold's (the extra pages when the dev sites are left out in turn).
    Each page's ``set`` names its folder ("dev", else ``names[k]`` or the folder's name)."""

    def __init__(self, se: ModuleType, extra: tuple[Path, ...] = (),
                 names: tuple[str, ...] = ()) -> None:
        self.se = se
        self.raw = []
        label = dict(zip(extra, names or tuple(f.name for f in extra), strict=True))
        for folder in (BENCH / "extraction-dev", *extra):
            for page in se.load_pages(str(folder), "all"):
                text = se.page_as_text(page)
                self.raw.append({"id": page["id"], "host": se.host_of(page["url"]),
                                 "text": text, "wrapped": hard_wrap(text),
                                 "truth": page["truth"], "extra": folder in extra,
                                 "set": label.get(folder, "dev")})
        self.dev = [p for p in self.raw if not p["extra"]]
        self.always = {p["id"] for p in self.raw if p["extra"]}
        self.hosts = sorted({p["host"] for p in self.dev})
        self._by_steps: dict[frozenset[str], list[dict[str, Any]]] = {}

    def with_steps(self, steps: frozenset[str]) -> list[dict[str, Any]]:
        """Training rows of every page, blocks cut by these rule steps."""
        if steps not in self._by_steps:
            rows = []
            for page in self.raw:
                items = drop_latest_news(blocks(page["text"]), steps)
                region = best_region([block_score(b) for b in items])
                n = np.array([len(words(b.text)) + 1.0 for b in items])
                rows.append({"x": np.array(page_features(items, region), dtype=float),
                             "y": np.array(label_blocks(self.se, items, page["truth"]), float),
                             "w": n / n.sum(), "host": page["host"]})
            self._by_steps[steps] = rows
        return self._by_steps[steps]


def columns(dropped: frozenset[str]) -> list[int]:
    """Indexes in ``FEATURES`` of the features not in a dropped group."""
    gone = {f for g in dropped if g in GROUPS for f in GROUPS[g]}
    return [i for i, f in enumerate(FEATURES) if f not in gone]


def fit(pages: Pages, ids: set[str], config: Config) -> dict[str, Any]:
    """Weighted L2 logistic regression (Newton) on standardised features of ``ids``."""
    dropped, l2 = config
    steps = frozenset(TEXT_STEPS - dropped)
    ids = ids | pages.always
    rows = [r for p, r in zip(pages.raw, pages.with_steps(steps), strict=True) if p["id"] in ids]
    cols = columns(dropped)
    x = np.vstack([r["x"][:, cols] for r in rows])
    y = np.concatenate([r["y"] for r in rows])
    w = np.concatenate([r["w"] for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2 / len(rows))
    reg[0] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + reg * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return {"features": [FEATURES[c] for c in cols], "steps": sorted(steps), "l2": l2,
            "mean": mean.tolist(), "scale": scale.tolist(), "bias": float(beta[0]),
            "weights": beta[1:].tolist(), **SETTINGS}


def grouped(hosts: list[str], scheme: str) -> Callable[[str], int]:
    """Fold of a host: its own (``sites``: leave one site out) or one of ``FOLDS``
    by a hash of its name (sha1, so PYTHONHASHSEED cannot move pages)."""
    if scheme == "sites":
        return {h: i for i, h in enumerate(hosts)}.__getitem__
    return lambda host: int(hashlib.sha1(host.encode()).hexdigest(), 16) % FOLDS


def cv(pages: Pages, ids: set[str], config: Config, scheme: str = "5",
       wrapped: dict[str, Counts] | None = None) -> dict[str, Counts]:
    """Left-out counts of ``config`` over the pages ``ids``, folds grouped by site."""
    sel = [p for p in pages.raw if p["id"] in ids]
    fold = grouped(sorted({p["host"] for p in sel}), scheme)
    out: dict[str, Counts] = {}
    for k in sorted({fold(p["host"]) for p in sel}):
        model = fit(pages, {p["id"] for p in sel if fold(p["host"]) != k}, config)
        for p in (p for p in sel if fold(p["host"]) == k):
            out[p["id"]] = score(pages.se, p["truth"], clean_text(p["text"], model=model).text)
            if wrapped is not None:
                wrapped[p["id"]] = score(pages.se, p["truth"],
                                         clean_text(p["wrapped"], model=model).text)
    return out


_SHINGLES: dict[str, Any] = {}


def score(se: ModuleType, truth: str, pred: str) -> Counts:
    """The benchmark's page counts (``se.page_counts``), the truth's shingles computed once."""
    t = _SHINGLES.get(truth)
    if t is None:
        t = _SHINGLES[truth] = se.shingle_counts(se.words(truth))
    p = se.shingle_counts(se.words(pred))
    tp = sum(min(c, p.get(k, 0)) for k, c in t.items())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def f1(se: ModuleType, counts: dict[str, Counts]) -> float:
    return float(se.aggregate(list(counts.values()))["f1"]) if counts else 0.0


def site_votes(pages: Pages, a: dict[str, Counts], b: dict[str, Counts]) -> tuple[int, int]:
    """(sites where ``a`` beats ``b`` by more than ``VOTE_TOL``, sites where it loses)."""
    helped = hurt = 0
    for host in pages.hosts:
        ids = [p["id"] for p in pages.dev if p["host"] == host and p["id"] in a]
        if ids:
            delta = f1(pages.se, {i: a[i] for i in ids}) - f1(pages.se, {i: b[i] for i in ids})
            helped += delta > VOTE_TOL
            hurt += delta < -VOTE_TOL
    return helped, hurt


def hard_wrap(text: str, width: int = WRAP_WIDTH) -> str:
    """The page as a hard-wrapped copy (every line filled to ``width``), like the seed example."""
    lines = text.split("\n")
    return "\n".join(textwrap.fill(line, width) if line.strip() else "" for line in lines)


def config_of(model: dict[str, Any]) -> Config:
    """The (dropped candidates, L2) a model file was trained with."""
    have = set(model["features"])
    dropped = {g for g, names in GROUPS.items() if not have & set(names)}
    dropped |= TEXT_STEPS - set(model.get("steps", TEXT_STEPS))
    return frozenset(dropped), float(model.get("l2", 100.0))


def spread(se: ModuleType, pages: Pages, counts: dict[str, Counts]) -> str:
    """F1 over all pages, and the quartiles and minimum of per-site F1 (one site, one fold)."""
    per_site = sorted(f1(se, {p["id"]: counts[p["id"]] for p in pages.dev if p["host"] == h})
                      for h in pages.hosts)
    q1, med, q3 = statistics.quantiles(per_site, n=4)
    low = sum(v < 0.8 for v in per_site)
    return (f"F1 {f1(se, counts):.3f}; per site: quartiles {q1:.3f} / {med:.3f} / {q3:.3f}, "
            f"min {per_site[0]:.3f}, {low} of {len(per_site)} sites under 0.8")


def loso_report(pages: Pages, config: Config) -> dict[str, dict[str, Counts]]:
    """Leave-one-site-out counts of ``config`` (pasted and hard-wrapped), printed with spread."""
    wrapped: dict[str, Counts] = {}
    pasted = cv(pages, {p["id"] for p in pages.dev}, config, "sites", wrapped)
    print(f"leave-one-site-out ({len(pages.hosts)} sites), pasted:       "
          + spread(pages.se, pages, pasted))
    print(f"leave-one-site-out ({len(pages.hosts)} sites), hard-wrapped: "
          + spread(pages.se, pages, wrapped))
    return {"text": pasted, "wrapped": wrapped}


def choose_l2(pages: Pages, ids: set[str], dropped: frozenset[str]) -> float:
    """The L2 strength with the best leave-one-site-out F1 over ``ids``."""
    scores = {l2: f1(pages.se, cv(pages, ids, (dropped, l2), "sites")) for l2 in L2_GRID}
    return max(L2_GRID, key=lambda v: scores[v])


def prune(pages: Pages, config: Config) -> Config:
    """Backward elimination over the kept candidates, leaving one site out: while some
    candidate's removal does not lower F1, or it helps fewer than ``MIN_SITES``
    left-out sites, drop the one whose removal scores best (one at a time: removals
    interact). Site votes alone are not the test: refitting moves many sites a little."""
    ids = {p["id"] for p in pages.dev}
    base = cv(pages, ids, config, "sites")
    while True:
        weak = []
        for cand in (c for c in CANDIDATES if c not in config[0]):
            without = cv(pages, ids, (config[0] | {cand}, config[1]), "sites")
            gain = f1(pages.se, base) - f1(pages.se, without)
            helped, hurt = site_votes(pages, base, without)
            print(f"  {cand:<14} left-out gain {gain:+.4f}, sites helped {helped:2d}, "
                  f"hurt {hurt:2d}", flush=True)
            if gain <= 0 or helped < MIN_SITES:
                weak.append((f1(pages.se, without), cand, without))
        if not weak:
            return config
        _, cand, base = max(weak)
        print(f"  -> dropped {cand}; F1 {f1(pages.se, base):.4f}", flush=True)
        config = (config[0] | {cand}, config[1])


def fold_report(pages: Pages, dropped: frozenset[str]) -> None:
    """Per fold of ``FOLDS`` site groups: F1 of a model whose L2 was chosen on the other
    folds (its features are those chosen on all pages)."""
    fold = grouped(pages.hosts, "5")
    for k in range(FOLDS):
        train = {p["id"] for p in pages.dev if fold(p["host"]) != k}
        test = {p["id"] for p in pages.dev if fold(p["host"]) == k}
        l2 = choose_l2(pages, train, dropped)
        model = fit(pages, train, (dropped, l2))
        rows = [p for p in pages.raw if p["id"] in test]
        pasted = {p["id"]: score(pages.se, p["truth"], clean_text(p["text"], model=model).text)
                  for p in rows}
        wrapped = {p["id"]: score(pages.se, p["truth"],
                                  clean_text(p["wrapped"], model=model).text) for p in rows}
        print(f"fold {k}: {len(rows):2d} pages, L2 {l2:g}: pasted F1 {f1(pages.se, pasted):.3f}, "
              f"hard-wrapped {f1(pages.se, wrapped):.3f}", flush=True)


def main() -> int:
    """Shipped feature set, L2 and pruning by grouped CV; report; write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="report only")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="more pages in the extraction-dev layout, always in training "
                             "(dev sites are still the ones left out)")
    parser.add_argument("--refit", action="store_true",
                        help="keep the shipped model's features, steps and L2 (no selection); "
                             "refit its weights (with --extra: on those pages too)")
    parser.add_argument("--add", action="append", default=[], choices=CANDIDATES,
                        help="with --refit: a group or step to add to the shipped ones")
    args = parser.parse_args()
    if not (BENCH / "extraction-dev").exists():
        print("skipped: ../shared/bench not found")
        return 0
    pages = Pages(load_scorer(), tuple(args.extra))
    ids = {p["id"] for p in pages.dev}
    with memoised_features():
        if args.refit:
            dropped, l2 = config_of(json.loads(OUT.read_text(encoding="utf-8")))
            config = dropped - set(args.add), l2
        else:
            config = START_DROPPED, choose_l2(pages, ids, START_DROPPED)
            print(f"features: {', '.join(GENERAL)}; L2 {config[1]:g}")
            config = prune(pages, config)
        loso_report(pages, config)
        fold_report(pages, config[0])
    if not args.no_write:
        model = fit(pages, ids, config)
        OUT.write_text(json.dumps(_rounded(model), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({len(model['features'])} features, "
              f"steps {', '.join(model['steps'])}, L2 {model['l2']:g})")
    return 0


def _rounded(model: dict[str, Any]) -> dict[str, Any]:
    out = dict(model)
    for key in ("mean", "scale", "weights"):
        out[key] = [round(v, 6) for v in model[key]]
    out["bias"] = round(model["bias"], 6)
    return out


if __name__ == "__main__":
    sys.exit(main())

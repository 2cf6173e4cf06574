#!/usr/bin/env python3
"""Train the text-mode block classifier and report it by site-grouped CV.

Reads the dev half of the extraction benchmark (../shared/bench/extraction-dev:
whole-page text renderings plus the human article bodies; read here, never
copied into the repo), labels each block of each page as body or chrome (a
block is body when most of its word 4-grams occur in the ground truth, the
benchmark's own unit), and fits a weighted logistic regression on
``tlsum.extract.textfeat`` features, each page weighing the same.

Every figure printed comes from 5-fold cross-validation grouped by site: all
pages of a host sit in one fold, and a fold's pages are scored by a model (and
a threshold and smoothing weight) fitted on the other folds only. The model
written to tlsum/data/textclean.json is then fitted on all dev pages with the
settings chosen the same way.

    .venv/bin/python tools/train_textclean.py            # CV report + write model
    .venv/bin/python tools/train_textclean.py --no-write # CV report only
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tlsum.extract.blocks import blocks  # noqa: E402
from tlsum.extract.patterns import size, words  # noqa: E402
from tlsum.extract.text import clean_text, drop_latest_news  # noqa: E402
from tlsum.extract.textfeat import FEATURES, page_features  # noqa: E402
from tlsum.extract.textscore import (  # noqa: E402
    best_region,
    block_score,
    body_comments_start,
    decide,
    finish,
    smooth,
)

BENCH = ROOT.parent / "shared" / "bench"
OUT = ROOT / "tlsum" / "data" / "textclean.json"
FOLDS = 5
SMOOTHING = (0.2,)
REGION_BIAS = (0.4, 0.5)
THRESHOLDS = (0.2, 0.3, 0.4)
OUTSIDE = (0.9, 1.01)
L2 = 1.0


def load_scorer() -> ModuleType:
    """The benchmark's own scorer, loaded from ../shared by path (never copied into the repo),
    so labels and CV figures use exactly the benchmark's metric.
    """
    path = BENCH / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def prepare(se: ModuleType) -> list[dict[str, Any]]:
    """Per page: text, truth, host, feature matrix, labels and weights."""
    pages = []
    for page in se.load_pages(str(BENCH / "extraction-dev"), "all"):
        text = se.page_as_text(page)
        items = drop_latest_news(blocks(text))
        if not items:
            continue
        region = best_region([block_score(b) for b in items])
        x = np.array(page_features(items, region), dtype=float)
        y = np.array(label_blocks(se, items, page["truth"]), dtype=float)
        n = np.array([len(words(b.text)) + 1.0 for b in items])
        pages.append({"id": page["id"], "host": se.host_of(page["url"]), "text": text,
                      "truth": page["truth"], "x": x, "y": y, "w": n / n.sum(),
                      "items": items, "cut": body_comments_start(items, region[0]),
                      "sizes": [size(b.text) for b in items]})
    return pages


def fold_of(host: str) -> int:
    """A stable fold per host (sha1, not hash(): PYTHONHASHSEED must not move pages)."""
    return int(hashlib.sha1(host.encode()).hexdigest(), 16) % FOLDS


def fit(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Weighted L2 logistic regression by Newton's method on standardised features."""
    x = np.vstack([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate([p["w"] for p in pages])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], L2 / len(pages))
    reg[0] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + reg * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "bias": float(beta[0]), "weights": beta[1:].tolist(), "threshold": 0.5,
            "smooth": 0.0, "region_bias": 0.5, "outside": 0.5}


def evaluate(se: ModuleType, pages: list[dict[str, Any]], model: dict[str, Any]) -> dict:
    """The benchmark's metric over these pages, through the whole clean_text pipeline."""
    counts = [se.page_counts(p["truth"], clean_text(p["text"], model=model).text)
              for p in pages]
    return se.aggregate(counts)


def choose(se: ModuleType, pages: list[dict[str, Any]], model: dict[str, Any]) -> dict:
    """Threshold and smoothing that maximise F1 on the training pages themselves
    (scored on the kept blocks alone, which is what they change)."""
    beta = np.array(model["weights"])
    raw = []
    for p in pages:
        z = model["bias"] + ((p["x"] - model["mean"]) / model["scale"]) @ beta
        raw.append((1 / (1 + np.exp(-np.clip(z, -30, 30)))).tolist())
    best, best_f1 = dict(model), -1.0
    grid = itertools.product(SMOOTHING, REGION_BIAS, THRESHOLDS, OUTSIDE)
    for alpha, bias, t, out in grid:
        trial = dict(model, smooth=alpha, region_bias=bias, threshold=t, outside=out)
        counts = []
        for p, r in zip(pages, raw, strict=True):
            probs = [q if i < p["cut"] else 0.0 for i, q in enumerate(smooth(r, alpha))]
            chosen = finish(p["items"], decide(probs, p["sizes"], trial))
            kept = "\n\n".join(p["items"][i].text for i in chosen)
            counts.append(se.page_counts(p["truth"], kept))
        f1 = se.aggregate(counts)["f1"]
        if f1 > best_f1:
            best, best_f1 = trial, f1
    return best


def cross_validate(se: ModuleType, pages: list[dict[str, Any]]) -> None:
    """Print site-grouped CV figures: each fold is scored by a model fitted and tuned on
    the other folds only, so no figure is in-sample.
    """
    counts, per_fold = [], []
    for k in range(FOLDS):
        train = [p for p in pages if fold_of(p["host"]) != k]
        test = [p for p in pages if fold_of(p["host"]) == k]
        model = choose(se, train, fit(train))
        fold_counts = [se.page_counts(p["truth"], clean_text(p["text"], model=model).text)
                       for p in test]
        counts.extend(fold_counts)
        m = se.aggregate(fold_counts)
        per_fold.append((k, len(test), m, _settings(model)))
    for k, n, m, settings in per_fold:
        print(f"fold {k}: {n:3d} pages  F1 {m['f1']:.3f} P {m['precision']:.3f} "
              f"R {m['recall']:.3f}  ({settings})")
    total = se.aggregate(counts)
    print(f"site-grouped {FOLDS}-fold CV, all {len(counts)} pages: F1 {total['f1']:.3f} "
          f"P {total['precision']:.3f} R {total['recall']:.3f}")
    non_en = [c for c, p in zip(counts, pages, strict=True) if _non_english(p["truth"])]
    if non_en:
        m = se.aggregate(non_en)
        print(f"  of which non-English ({len(non_en)} pages): F1 {m['f1']:.3f} "
              f"P {m['precision']:.3f} R {m['recall']:.3f}")


def _non_english(text: str) -> bool:
    toks = [t.lower() for t in words(text)][:500]
    common = {"the", "and", "of", "to", "a", "in", "is", "that", "for", "it"}
    return sum(t in common for t in toks) < 0.08 * max(len(toks), 1)


def main() -> int:
    """CV report, then (unless --no-write) the model fitted on all dev pages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="report only")
    args = parser.parse_args()
    if not (BENCH / "extraction-dev").exists():
        print("skipped: ../shared/bench not found")
        return 0
    se = load_scorer()
    pages = prepare(se)
    cross_validate(se, pages)
    if not args.no_write:
        model = choose(se, pages, fit(pages))
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(_rounded(model), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({_settings(model)}); in-sample F1 "
              f"{evaluate(se, pages, model)['f1']:.3f} (optimistic, not a result)")
    return 0


def _settings(model: dict[str, Any]) -> str:
    keys = ("smooth", "region_bias", "threshold", "outside")
    return ", ".join(f"{k} {model[k]}" for k in keys)


def _rounded(model: dict[str, Any]) -> dict[str, Any]:
    out = dict(model)
    for key in ("mean", "scale", "weights"):
        out[key] = [round(v, 6) for v in model[key]]
    out["bias"] = round(model["bias"], 6)
    return out


if __name__ == "__main__":
    sys.exit(main())

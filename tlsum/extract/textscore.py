"""Which blocks of a copied page are the article body.

Two layers. A hand-written score (positive for prose, negative for chrome)
finds the contiguous run of blocks with the largest total (the article is one
region of the page; menus and sidebars sit around it). Then a small logistic
classifier, trained on the dev pages by ``tools/train_textclean.py`` and
shipped as ``tlsum/data/textclean.json``, decides each block from its own
features, its neighbours' and that region, and its probabilities are smoothed
along the page (chrome and body both come in runs). Without the model file
the region minus obvious chrome is used.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from tlsum.extract.blocks import Block
from tlsum.extract.patterns import (
    BYLINE_RE,
    CHROME_LINE_RE,
    CJK_END_RE,
    COOKIE_RE,
    SENTENCE_END_RE,
    is_date_line,
    is_social_line,
    size,
    words,
)
from tlsum.extract.textfeat import FEATURES, comments_start, page_features
from tlsum.files import shipped_json

Model = dict[str, Any]
#: Rule steps around the classifier, each shipped only when site-grouped CV kept it
#: (tools/train_textclean.py): "Latest news"-style link sections, headline+date
#: runs, the cut at a comment thread, the floor under a body that lost most of the prose.
TEXT_STEPS: frozenset[str] = frozenset({"link_sections", "date_runs", "comment_cut",
                                        "region_floor"})
#: A body with less than this share of the prose region's words lost part of the article.
_FLOOR = 0.3
_GALLERY_RE = re.compile(r"^\d{1,3} (?:of|/|из|von|de|di) \d{1,3}\b")  # "2 of 4 A shopper..."
_BODY_BEFORE_COMMENTS = 80  # words
# Anchored at the start of a token: unanchored, every position of a long token was a new start.
_BARE_URL_RE = re.compile(r"(?<!\S)\S*?(?:https?://|www\.)\S*(?:\s+\d+)?")


def select_body(items: list[Block], model: Model | None = None) -> list[int]:
    """Indexes of the body blocks, in order (``model``: None for the shipped one)."""
    region = best_region([block_score(b) for b in items])
    model = model or load_model()
    if not model:
        return [i for i in range(*region) if not is_chrome(items[i])]
    probs, steps = probabilities(items, region, model), model_steps(model)
    cut = body_comments_start(items, region[0], steps)
    probs = [p if i < cut else 0.0 for i, p in enumerate(probs)]
    chosen = finish(items, decide(probs, [size(b.text) for b in items], model))
    if "region_floor" in steps:
        chosen = region_floor(items, region, probs, chosen, float(model["threshold"]))
    if not any(_prose_score(items[i]) > 0 for i in chosen):
        # Not one sentence or long paragraph among them: a teaser list or a menu won,
        # never an article (an external page kept its "most read" list instead).
        return _prose_fallback(items) or chosen
    return chosen


def model_steps(model: Model | None) -> frozenset[str]:
    """The rule steps a model was trained and selected with (all of them for a model
    file that does not say, and when there is no model)."""
    if model is None:
        model = load_model()
    if not model or "steps" not in model:
        return TEXT_STEPS
    return frozenset(model["steps"])


def _prose_fallback(items: list[Block]) -> list[int]:
    """When the classifier keeps nothing, keep the prose of the best region.

    The classifier learned from whole pages, where a body is one run among
    chrome; text that is nothing but an article (one long paragraph piped in)
    looks unlike that, yet it is exactly what the user wants summarized.
    """
    region = best_region([_prose_score(b) for b in items])
    return [i for i in range(*region) if _prose_score(items[i]) > 0 and not is_chrome(items[i])]


def _prose_score(block: Block) -> float:
    """``block_score``, where a Chinese or Japanese sentence (ending in 。！？) counts as
    prose too: the last resort must not lose a body for its punctuation (a copied
    Japanese page came back empty). The classifier's region keeps ``block_score``:
    counting these there changed more pages for the worse than the better."""
    n = size(block.text)
    if n >= 10 and CJK_END_RE.search(block.text) and not block.bullet and not is_chrome(block):
        return float(n)
    return block_score(block)


def region_floor(items: list[Block], region: tuple[int, int], probs: list[float],
                 chosen: list[int], threshold: float) -> list[int]:
    """The chosen body, or, when it holds under ``_FLOOR`` of the words of the prose
    region, also every block of that region the classifier finds likely enough.

    ``decide`` keeps one run of likely blocks; where short lines split the article
    (a live blog's timestamps and share buttons between posts, a table in the middle),
    that run can be one post of many.
    """
    prose = sum(size(items[i].text) for i in range(*region) if block_score(items[i]) > 0)
    if sum(size(items[i].text) for i in chosen) >= _FLOOR * prose:
        return chosen
    more = [i >= region[0] and i < region[1] and probs[i] >= threshold for i in range(len(items))]
    keep = set(chosen) | set(finish(items, more))
    return sorted(keep)


def finish(items: list[Block], keep: list[bool]) -> list[int]:
    """The kept blocks minus what is chrome by rule: share lines, dates, bare URLs."""
    return [
        i
        for i, k in enumerate(keep)
        if k and not is_chrome(items[i]) and not _BARE_URL_RE.fullmatch(items[i].text)
    ]


def body_comments_start(items: list[Block], start: int,
                        steps: frozenset[str] = TEXT_STEPS) -> int:
    """Where the comments begin once the body has (a "0 Comments" link in the byline
    does not count): a heading after ``_BODY_BEFORE_COMMENTS`` words of prose; the
    page's end when ``steps`` has no "comment_cut"."""
    if "comment_cut" not in steps:
        return len(items)
    return comments_start(items, start, body_words=_BODY_BEFORE_COMMENTS,
                          is_body=lambda b: block_score(b) > 0)


def decide(probs: list[float], sizes: list[int], model: Model) -> list[bool]:
    """Body blocks: inside the run of blocks that is most body-like overall, a
    block needs ``threshold``; outside it, the stricter ``outside``."""
    bias = float(model["region_bias"])
    weighted = [(p - bias) * math.sqrt(n + 1) for p, n in zip(probs, sizes, strict=True)]
    start, end = best_region(weighted)
    inside, outside = float(model["threshold"]), float(model["outside"])
    return [p >= (inside if start <= i < end else outside) for i, p in enumerate(probs)]


def probabilities(items: list[Block], region: tuple[int, int], model: Model) -> list[float]:
    """P(body) per block: the logistic model, then smoothed with the neighbours."""
    mean, scale, weights = model["mean"], model["scale"], model["weights"]
    cols = feature_columns(tuple(model["features"]))
    raw = []
    for full in page_features(items, region):
        row = [full[c] for c in cols]
        terms = zip(weights, row, mean, scale, strict=True)
        z = model["bias"] + sum(w * (x - m) / s for w, x, m, s in terms)
        raw.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return smooth(raw, model.get("smooth", 0.0))


@lru_cache(maxsize=8)
def feature_columns(names: tuple[str, ...]) -> tuple[int, ...]:
    """Where a model's features sit in ``FEATURES``: a model may use a subset (the
    training script drops the features that did not help on left-out sites)."""
    return tuple(FEATURES.index(name) for name in names)


def smooth(probs: list[float], alpha: float) -> list[float]:
    """Mix each probability with its neighbours' (weight ``alpha`` each side)."""
    if alpha <= 0 or len(probs) < 3:
        return probs
    out = []
    for i, p in enumerate(probs):
        left = probs[i - 1] if i > 0 else p
        right = probs[i + 1] if i + 1 < len(probs) else p
        out.append((1 - 2 * alpha) * p + alpha * (left + right))
    return out


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped classifier (tlsum/data/textclean.json), if present."""
    return shipped_json("textclean.json")


def block_score(block: Block) -> float:
    """Words of prose count for the body; short unpunctuated lines against it."""
    n = size(block.text)
    prose = SENTENCE_END_RE.search(block.text) is not None
    if is_chrome(block):
        return -3.0
    if block.bullet:
        return -0.5  # kept only inside the body region, never a reason for one
    if prose and n >= 10:
        return float(n)
    if n >= 30:
        return n / 2
    return -1.0 if block.kind == "li" or n < 6 else -2.0


def is_chrome(block: Block) -> bool:
    """A line that is chrome wherever it stands: share prompts, dates, bylines."""
    text = block.text
    n = len(words(text))
    if n == 0 or is_date_line(text) or is_social_line(text) or _GALLERY_RE.match(text):
        return True
    if n <= 12 and (CHROME_LINE_RE.match(text) or BYLINE_RE.match(text)):
        return True
    return n <= 40 and COOKIE_RE.search(text) is not None and not text.endswith(":")


def best_region(scores: list[float]) -> tuple[int, int]:
    """[start, end) of the maximum-sum contiguous run (Kadane)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span

"""Features of the blocks of a copied page, for the body/chrome classifier.

Each block is described by its own shape (length, sentence punctuation,
capitalisation, stop-word density in the page's language, date/byline/promo
patterns, repetition) and by its neighbours' shape, because chrome comes in
runs (menus, link lists, comment threads) and so does the article.
Nothing here describes where on the page a block sits or a layout of one kind
of site: a block's relative position and a "headline + blurb" run detector
were dropped because site-grouped CV scored the classifier better without
them. Of the groups computed here, the model file lists the features it uses:
``tools/train_textclean.py`` drops every group that does not help on left-out
sites (README, "Extraction: what generalizes").
Stop words follow the page's language: the justext stop-list (shipped with
trafilatura's dependencies) that covers most of the page's words, among the
languages written in the page's script.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from tlsum.extract.blocks import Block
from tlsum.extract.patterns import (
    BYLINE_RE,
    CHROME_LINE_RE,
    COOKIE_RE,
    LEGAL_RE,
    LINK_PREFIX_RE,
    PROMO_RE,
    SECTION_HEAD_RE,
    SENTENCE_END_RE,
    TITLE_SEPARATOR_RE,
    is_date_line,
    is_social_line,
    size,
    words,
)

_SCRIPT_LANGUAGES = {
    "latin": (
        "English",
        "German",
        "French",
        "Spanish",
        "Portuguese",
        "Italian",
        "Dutch",
        "Polish",
        "Turkish",
        "Swedish",
        "Czech",
        "Indonesian",
        "Romanian",
        "Hungarian",
    ),
    "cyrillic": ("Russian", "Ukrainian", "Bulgarian", "Serbian"),
    "greek": ("Greek",),
    "arabic": ("Arabic", "Persian"),
    "hangul": ("Korean",),
}
_COMMENTS_RE = re.compile(
    r"^\W*(?:comments?|responses?|replies|reader comments|join the discussion|"
    r"leave a (?:comment|reply)|add a comment|комментари\w*|kommentare|commentaires|"
    r"comentários|comentarios)\b|\b\d+\s+(?:comments|responses|replies|комментари\w*)\b",
    re.I,
)
# An e-mail address starts after a space or an "@" (never inside a run of non-spaces), so a
# 20,000-character token costs one pass instead of one pass per starting position.
_URL_RE = re.compile(r"https?://|www\.|(?<![^\s@])[^\s@]+@[^\s@]+\.\w")
_SEPARATOR_RE = re.compile(r"\s[|•·/]\s")

OWN = (
    "len",
    "short",
    "tiny",
    "long",
    "sentence_end",
    "colon_end",
    "comma_rate",
    "cap_ratio",
    "stop_ratio",
    "no_stoplist",
    "digit_ratio",
    "date",
    "chrome",
    "legal",
    "promo",
    "section_head",
    "separator",
    "url",
    "bullet",
    "repeated",
    "title_like",
    "in_region",
    "region_distance",
    "after_comments",
    "gap",
    "ellipsis_end",
    "social",
    "after_title",
    "near_title",
)
CONTEXT = ("len", "sentence_end", "stop_ratio", "chrome")
OFFSETS = (-2, -1, 1, 2)
FEATURES = OWN + tuple(f"{name}@{off}" for off in OFFSETS for name in CONTEXT)


def page_features(items: list[Block], region: tuple[int, int]) -> list[list[float]]:
    """One feature vector (in ``FEATURES`` order) per block."""
    stop = stoplist_for(" ".join(b.text for b in items[:400]))
    counts = Counter(_norm(b.text) for b in items)
    title = _norm(items[0].text) if items else ""
    comments_at = comments_start(items, region[0])
    headline_at = headline_index(items)
    own = [
        _own(b, i, stop, counts, title, region, comments_at, headline_at)
        for i, b in enumerate(items)
    ]
    index = {name: OWN.index(name) for name in CONTEXT}
    rows = []
    for i, vec in enumerate(own):
        ctx: list[float] = []
        for off in OFFSETS:
            j = i + off
            nb = own[j] if 0 <= j < len(own) else None
            ctx.extend(nb[index[name]] if nb else 0.0 for name in CONTEXT)
        rows.append(vec + ctx)
    return rows


def _own(
    block: Block,
    i: int,
    stop: frozenset[str] | None,
    counts: Counter[str],
    title: str,
    region: tuple[int, int],
    comments_at: int,
    headline_at: int,
) -> list[float]:
    text = block.text
    toks = words(text)
    n = size(text)
    alpha = [t for t in toks if t[0].isalpha()]
    lower = [t.lower() for t in toks]
    norm = _norm(text)
    start, end = region
    distance = 0 if start <= i < end else min(abs(i - start), abs(i - end + 1))
    return [
        math.log1p(n),
        float(n < 10),
        float(n < 4),
        float(n >= 40),
        float(SENTENCE_END_RE.search(text) is not None),
        float(text.endswith(":")),
        text.count(",") / max(n, 1),
        sum(t[0].isupper() for t in alpha) / max(len(alpha), 1),
        sum(t in stop for t in lower) / max(n, 1) if stop else 0.0,
        float(stop is None),
        sum(t.isdigit() for t in toks) / max(n, 1),
        float(is_date_line(text)),
        float(n <= 12 and bool(CHROME_LINE_RE.match(text) or BYLINE_RE.match(text))),
        float(n <= 60 and bool(COOKIE_RE.search(text) or LEGAL_RE.search(text))),
        float(n <= 45 and PROMO_RE.search(text) is not None),
        float(n <= 25 and bool(SECTION_HEAD_RE.match(text) or LINK_PREFIX_RE.match(text))),
        float(_SEPARATOR_RE.search(text) is not None),
        float(_URL_RE.search(text) is not None),
        float(block.bullet),
        float(counts[norm] > 1),
        float(bool(norm) and (norm == title or (len(norm) > 20 and title.startswith(norm)))),
        float(start <= i < end),
        min(distance, 20) / 20,
        float(i > comments_at),
        float(block.gap),
        float(text.rstrip().endswith(("...", "…"))),
        float(is_social_line(text)),
        float(headline_at < i),
        max(0.0, 1 - (i - headline_at) / 10) if headline_at < i else 0.0,
    ]


def headline_index(items: list[Block]) -> int:
    """Where the page's <title> (its first line, minus " | Site") comes back as
    the headline above the article; the page's end when it never does."""
    if not items:
        return 0
    parts = [_norm(p) for p in TITLE_SEPARATOR_RE.split(items[0].text)]
    wanted = {p for p in parts if len(p.split()) >= 3} | {_norm(items[0].text)}
    for i in range(1, len(items)):
        if _norm(items[i].text) in wanted:
            return i
    return len(items)


def _norm(text: str) -> str:
    return " ".join(words(text)).lower()


def is_comments_heading(text: str) -> bool:
    """ "34 responses to ...", "Leave a Reply", "Comments (12)"."""
    return len(words(text)) <= 15 and _COMMENTS_RE.search(text) is not None


def comments_start(items: list[Block], start: int, *, body_words: int = 0,
                   is_body: Callable[[Block], bool] = lambda _: True) -> int:
    """Index of the first comment-section heading ("34 responses to ...", "Leave a
    reply") from ``start`` once ``body_words`` words of ``is_body`` blocks came
    before it, or the end of the page: what follows is readers' text."""
    seen = 0
    for i in range(start, len(items)):
        if seen >= body_words and is_comments_heading(items[i].text):
            return i
        if is_body(items[i]):
            seen += size(items[i].text)
    return len(items)


def stoplist_for(text: str) -> frozenset[str] | None:
    """The stop-list of the language that covers most of ``text``'s words."""
    toks = [t.lower() for t in words(text)][:3000]
    if not toks:
        return None
    best, best_hits = None, 0
    for language in _SCRIPT_LANGUAGES.get(_script(toks), ()):
        stop = _stoplist(language)
        hits = sum(t in stop for t in toks)
        if hits > best_hits:
            best, best_hits = stop, hits
    return best if best_hits >= 0.05 * len(toks) else None


def _script(toks: list[str]) -> str:
    counts: Counter[str] = Counter()
    for tok in toks[:500]:
        ch = tok[0]
        if ch.isdigit() or ch == "_":
            continue
        code = ord(ch)
        if code < 0x250:
            counts["latin"] += 1
        elif 0x370 <= code < 0x400:
            counts["greek"] += 1
        elif 0x400 <= code < 0x530:
            counts["cyrillic"] += 1
        elif 0x600 <= code < 0x700:
            counts["arabic"] += 1
        elif 0xAC00 <= code < 0xD7B0:
            counts["hangul"] += 1
        else:
            counts["other"] += 1
    return counts.most_common(1)[0][0] if counts else "other"


@lru_cache(maxsize=32)
def _stoplist(language: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(language))

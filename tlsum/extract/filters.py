"""Post-filters on trafilatura's paragraphs: chrome that sits inside the article.

trafilatura keeps whatever lives in the article container; on news pages that
includes share prompts, newsletter boxes, "Related:" headline lists, tag lists,
byline/date lines and the headline repeated as the first line. Each filter
here recognises one of those shapes (never a site) and is a named *step*.

Which steps run is decided by evidence, not by taste: ``bench/extraction_cv.py``
scores every step by site-grouped cross-validation on the dev pages (decide on
some sites, score on sites left out) and ``SHIPPED`` keeps only the steps that
helped across folds. The others stay here, named, so the next evaluation can
take them up again; filters that helped on the sites they were written for and
lost on new ones are why this is done this way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from tlsum.extract.patterns import (
    BYLINE_RE,
    CHROME_LINE_RE,
    CJK_END_RE,
    COOKIE_RE,
    LEGAL_RE,
    LINK_PREFIX_RE,
    POSTED_BY_RE,
    PROMO_RE,
    SECTION_HEAD_RE,
    SENTENCE_END_RE,
    TAGS_RE,
    TEASER_TAG_RE,
    drop_link_sections,
    headline_like,
    is_date_line,
    size,
    words,
)
from tlsum.types import Paragraph

Paras = tuple[Paragraph, ...]


ChromeTest = Callable[[Paragraph, int, str | None], bool]


def filter_paragraphs(
    paragraphs: Paras, title: str | None = None, steps: frozenset[str] | None = None
) -> Paras:
    """Drop the chrome that ``steps`` (default ``SHIPPED``) recognise; nothing
    when what is left has no prose at all (a page of chrome only)."""
    steps = SHIPPED if steps is None else steps
    kept = drop_related_links(paragraphs) if "links" in steps else paragraphs
    tests = [test for name, test in CHROME_TESTS.items() if name in steps]
    kept = tuple(p for p in kept if not any(t(p, len(words(p.text)), title) for t in tests))
    if "dedupe" in steps:
        kept = dedupe(kept)
    return kept if has_prose(kept) else ()


def has_prose(paragraphs: Paras) -> bool:
    """Is anything article-like left: one real sentence, or a few dozen words?
    Words by ``size``, and 。！？ end sentences too: Chinese and Japanese are written
    without spaces, and a whole article there is a few dozen ``\\w+`` runs."""
    total = sum(size(p.text) for p in paragraphs)
    return total >= 40 or any(
        size(p.text) >= 8 and (SENTENCE_END_RE.search(p.text) or CJK_END_RE.search(p.text))
        for p in paragraphs
    )


def dedupe(paragraphs: Paras) -> Paras:
    """Keep the first of identical paragraphs (pages repeat teasers and captions)."""
    seen: set[str] = set()
    out: list[Paragraph] = []
    for para in paragraphs:
        key = " ".join(words(para.text)).lower()
        if key and key not in seen:
            seen.add(key)
            out.append(para)
    return tuple(out)


def drop_related_links(paragraphs: Paras) -> Paras:
    """Drop "Related:"/"READ MORE:" lines and "DON'T MISS"-style headings,
    together with the headline-like lines that follow them."""
    return tuple(drop_link_sections(paragraphs, _opens_link_section, is_headline_like))


def _opens_link_section(para: Paragraph) -> bool:
    n = len(words(para.text))
    if LINK_PREFIX_RE.match(para.text) and n <= 25 and not SENTENCE_END_RE.search(para.text):
        return True
    return n <= 6 and SECTION_HEAD_RE.match(para.text) is not None


def is_headline_like(para: Paragraph) -> bool:
    """Short and without sentence punctuation: a link to another story."""
    n = len(words(para.text))
    return headline_like(para.text, n) or (n <= 20 and TEASER_TAG_RE.search(para.text) is not None)


def is_chrome_paragraph(
    para: Paragraph, title: str | None = None, steps: frozenset[str] | None = None
) -> bool:
    """One paragraph that is chrome on its own, wherever it stands."""
    steps = SHIPPED if steps is None else steps
    n = len(words(para.text))
    return any(test(para, n, title) for name, test in CHROME_TESTS.items() if name in steps)


def _is_title(para: Paragraph, n: int, title: str | None) -> bool:
    if not title:
        return False
    wanted = _title_words(title)
    return n == len(wanted) and tuple(words(para.text)) == wanted


@lru_cache(maxsize=64)
def _title_words(title: str) -> tuple[str, ...]:
    return tuple(words(title))


def _is_teaser_or_tags(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 20 and bool(TEASER_TAG_RE.search(para.text) or TAGS_RE.match(para.text))


def _is_promo(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 45 and PROMO_RE.search(para.text) is not None


def _is_cookie(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 25 and COOKIE_RE.search(para.text) is not None


def _is_posted_by(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 25 and POSTED_BY_RE.search(para.text) is not None


def _is_legal(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 60 and LEGAL_RE.search(para.text) is not None


def _is_chrome_line(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 10 and CHROME_LINE_RE.match(para.text) is not None


def _is_byline(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 10 and BYLINE_RE.match(para.text) is not None


def _is_date_line(para: Paragraph, n: int, title: str | None) -> bool:
    return n <= 10 and is_date_line(para.text)


# One test per shape of in-article chrome, by step name.
CHROME_TESTS: dict[str, ChromeTest] = {
    "title": _is_title,
    "teaser_tags": _is_teaser_or_tags,
    "promo": _is_promo,
    "cookie": _is_cookie,
    "posted_by": _is_posted_by,
    "legal": _is_legal,
    "chrome_line": _is_chrome_line,
    "byline": _is_byline,
    "date_line": _is_date_line,
}
# Every step the HTML path knows: sibling-chunk recovery (``tlsum.extract.chunks``),
# link sections, the one-paragraph tests, exact repeats.
STEPS: tuple[str, ...] = ("chunks", "links", *CHROME_TESTS, "dedupe")
# The steps ``bench/extraction_cv.py`` ships (README, "Extraction: what generalizes"):
# chosen on all dev pages (they raise F1 and help at least two sites) and helping more
# sites than they hurt when each site in turn is left out. The others never changed a
# page (byline, teaser_tags), hurt more sites than they helped (dedupe: articles do
# repeat a line; posted_by and date_line removed body lines), helped one site only
# (chunks, the default-mode rescue, legal, cookie: bets on the next page, not
# evidence) or helped no left-out site (chrome_line).
SHIPPED: frozenset[str] = frozenset({"links", "title", "promo"})

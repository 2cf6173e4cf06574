"""Post-filters on trafilatura's paragraphs: chrome that sits inside the article.

trafilatura keeps whatever lives in the article container; on news pages that
includes share prompts, newsletter boxes, "Related:" headline lists, tag lists,
byline/date lines and the headline repeated as the first line. Each filter
here recognises one of those shapes (never a site).
"""

from __future__ import annotations

from tlsum.extract.patterns import (
    BYLINE_RE,
    CHROME_LINE_RE,
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
    words,
)
from tlsum.types import Paragraph

Paras = tuple[Paragraph, ...]


def filter_paragraphs(paragraphs: Paras, title: str | None = None) -> Paras:
    """Drop link sections, one-line chrome, the repeated title and exact repeats."""
    kept = drop_related_links(paragraphs)
    kept = tuple(p for p in kept if not is_chrome_paragraph(p, title))
    kept = dedupe(kept)
    return kept if has_prose(kept) else ()


def has_prose(paragraphs: Paras) -> bool:
    """Is anything article-like left: one real sentence, or a few dozen words?"""
    total = sum(len(words(p.text)) for p in paragraphs)
    return total >= 40 or any(
        len(words(p.text)) >= 8 and SENTENCE_END_RE.search(p.text) for p in paragraphs
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


def is_chrome_paragraph(para: Paragraph, title: str | None = None) -> bool:
    """One paragraph that is chrome on its own, wherever it stands."""
    text = para.text
    n = len(words(text))
    if title and words(text) == words(title):
        return True
    if n <= 20 and (TEASER_TAG_RE.search(text) or TAGS_RE.match(text)):
        return True
    if n <= 45 and PROMO_RE.search(text):
        return True
    if n <= 25 and (COOKIE_RE.search(text) or POSTED_BY_RE.search(text)):
        return True
    if n <= 60 and LEGAL_RE.search(text):
        return True
    return n <= 10 and (
        CHROME_LINE_RE.match(text) is not None
        or BYLINE_RE.match(text) is not None
        or is_date_line(text)
    )

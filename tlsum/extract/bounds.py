"""Bounded work: how much of a page extraction reads, and how much article it passes on.

The fetch cap (20 MB) bounds memory, not time: 14 MB of HTML holding a
million ``<p>`` kept trafilatura busy for over ten minutes, and 600,000 text
paragraphs cost two minutes of the chrome stripper, whose work grows with the
number of blocks. No news article comes near these limits (the 91 pages of
the extraction benchmark have at most 1,607 tags and 20,000 characters of
body), so cutting there only ever touches pages that are not one article, and
the cut is reported as a warning (``Article.warnings``), never silent.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tlsum.types import Article, ContentKind

#: HTML is read up to its 10,000th tag (trafilatura's time grows with the tag count).
MAX_HTML_TAGS = 10_000
#: Plain text is read up to 5,000 lines or 1,000,000 characters, whichever comes first.
MAX_TEXT_LINES = 5_000
MAX_TEXT_CHARS = 1_000_000
#: The article passed on to language detection, translation and the digest.
MAX_PARAGRAPHS = 1_000
MAX_ARTICLE_CHARS = 100_000

_TAG = re.compile(r"<[a-zA-Z!/]")


def bounded_input(text: str, kind: ContentKind) -> tuple[str, str | None]:
    """``text`` cut to what extraction reads, and a warning when something was cut."""
    if kind == "html":
        return _first_tags(text)
    cut = text[:MAX_TEXT_CHARS]
    for lines, match in enumerate(re.finditer("\n", cut), start=1):
        if lines == MAX_TEXT_LINES:
            cut = cut[:match.start()]
            break
    if len(cut) == len(text):
        return text, None
    return cut, (f"input cut: only the first {len(cut):,} of {len(text):,} characters "
                 f"(at most {MAX_TEXT_LINES:,} lines) were read")


def _first_tags(html: str) -> tuple[str, str | None]:
    for count, match in enumerate(_TAG.finditer(html)):
        if count == MAX_HTML_TAGS:
            return html[:match.start()], (
                f"input cut: the page has more than {MAX_HTML_TAGS:,} HTML tags; only the "
                f"first {match.start():,} of {len(html):,} characters were read")
    return html, None


def bounded_article(article: Article) -> Article:
    """The article with at most ``MAX_PARAGRAPHS`` paragraphs and ``MAX_ARTICLE_CHARS`` characters.

    The last paragraph kept may be cut short (at a space where there is one).
    """
    kept, total = [], 0
    for paragraph in article.paragraphs[:MAX_PARAGRAPHS]:
        room = MAX_ARTICLE_CHARS - total
        if room <= 0:
            break
        if len(paragraph.text) > room:
            head = paragraph.text[:room]
            paragraph = replace(paragraph, text=head.rsplit(" ", 1)[0] if " " in head else head)
        kept.append(paragraph)
        total += len(paragraph.text)
    whole = sum(len(p.text) for p in article.paragraphs)
    if total == whole:
        return article
    note = (f"article cut: only the first {len(kept):,} of {len(article.paragraphs):,} "
            f"paragraphs ({total:,} of {whole:,} characters) are summarized")
    return replace(article, paragraphs=tuple(kept), warnings=(*article.warnings, note))

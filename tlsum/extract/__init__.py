"""Extract stage: find the article in what fetch gave us.

A thin dispatcher. HTML goes through trafilatura plus our post-filters
(``tlsum.extract.html``); plain text (a page copied out of a browser) goes
through our own chrome stripper (``tlsum.extract.text``), because no HTML
extractor can see structure that copying has already thrown away. Both read
a bounded part of a huge input and pass on a bounded article
(``tlsum.extract.bounds``), saying so in ``Article.warnings``. Whatever the
path, data no reader reads (data URIs, base64, other long runs without
spaces: ``noise``) is removed, and a body that is only a notice (JavaScript,
cookies, login: ``notices``) is refused.
"""

from __future__ import annotations

from dataclasses import replace

from tlsum.errors import NoArticleError
from tlsum.extract.bounds import bounded_article, bounded_input
from tlsum.extract.noise import without_noise
from tlsum.options import ExtractOptions
from tlsum.types import Article, Fetched

__all__ = ["extract"]


def extract(fetched: Fetched, options: ExtractOptions | None = None) -> Article:
    """Return the article body and metadata of ``fetched``.

    ``options.input`` ("html" or "text") overrides the kind fetch sniffed.
    Raises ``NoArticleError`` when nothing article-like is left.
    """
    options = options or ExtractOptions()
    kind = fetched.kind if options.input == "auto" else options.input
    text, cut = bounded_input(fetched.text, kind)
    if kind == "html":
        from tlsum.extract.html import extract_html

        article = extract_html(text, fetched.url)
    else:
        from tlsum.extract.text import clean_text

        article = clean_text(text, url=fetched.url)
    if cut:
        article = replace(article, warnings=(cut, *article.warnings))
    return bounded_article(_checked(without_noise(article), cut))


def _checked(article: Article, cut: str | None = None) -> Article:
    """Refuse an empty body, or one that is only a notice (JavaScript, cookies, login):
    summarizing chrome alone would mislead the user."""
    from tlsum.extract.notices import notice_only

    if not any(p.text.strip() for p in article.paragraphs):
        raise NoArticleError("no article text found in the input" + (f" ({cut})" if cut else ""))
    reason = notice_only(article.paragraphs)
    if reason:
        raise NoArticleError(f"no article text found: {reason}")
    return article

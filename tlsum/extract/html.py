"""HTML → Article: trafilatura for the body and metadata, then our post-filters.

trafilatura finds the main content well, but on news pages it still lets
through chrome that sits *inside* the article container (related-headline
lists, newsletter boxes, tag lists, byline/date lines, share prompts). Those
are removed afterwards by ``tlsum.extract.filters`` on the paragraph list,
which keeps this module about walking trafilatura's XML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tlsum.types import Article, Paragraph, ParagraphKind

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

_SPACE_RE = re.compile(r"\s+")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def extract_html(html: str, url: str | None = None) -> Article:
    """trafilatura (precision mode) for the body, our filters, the page's own metadata."""
    from tlsum.extract.chunks import recover_chunks
    from tlsum.extract.filters import filter_paragraphs
    from tlsum.extract.meta import Meta, page_meta

    html = _CONTROLS.sub(" ", html)  # lxml drops them, gluing the words around them together
    tree = parse_html(html)
    meta = page_meta(tree, url) if tree is not None else Meta()
    paragraphs = recover_chunks(tree, _trafilatura_body(html, url))
    return Article(
        paragraphs=filter_paragraphs(paragraphs, title=meta.title),
        title=meta.title,
        date=meta.date,
        author=meta.author,
        site=meta.site,
        url=url,
        language_hint=meta.language,
    )


def _trafilatura_body(html: str, url: str | None) -> tuple[Paragraph, ...]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, favor_precision=True, include_comments=False, include_tables=True
    )
    if not isinstance(doc, trafilatura.settings.Document) or doc.body is None:
        return ()
    return tuple(walk_body(doc.body))


def parse_html(html: str) -> HtmlElement | None:
    """lxml.html's tree of the page, or None when it cannot be parsed."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    try:
        data = html.encode("utf-8", errors="replace")
        return fromstring(data, parser=HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None


def walk_body(body: _Element) -> list[Paragraph]:
    """Flatten trafilatura's XML (p, head, list/item, quote, table...) into paragraphs."""
    out: list[Paragraph] = []
    for child in body:
        _walk(child, out)
    return out


def _walk(el: _Element, out: list[Paragraph]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "list":
        for item in el:
            _walk_item(item, out)
    elif tag == "table":
        for row in el.iter("row"):
            _add(out, " | ".join(_text(cell) for cell in row if _text(cell)), "p")
    elif tag in ("quote", "div") and len(el) and el[0].tag in ("p", "list", "head"):
        for child in el:
            _walk(child, out)
    else:
        for line in _lines(el):
            _add(out, line, "h" if tag == "head" else "p")


def _lines(el: _Element) -> list[str]:
    """The text of ``el`` split at its line breaks: pages use <br> to stack
    unrelated lines ("DON'T MISS<br>Other headline") in one paragraph."""
    for br in el.iter("lb"):
        br.tail = "\n" + (br.tail or "")
    raw = "".join(el.itertext())
    return [_SPACE_RE.sub(" ", part).strip() for part in raw.split("\n")]


def _walk_item(item: _Element, out: list[Paragraph]) -> None:
    """A list item; nested lists inside it become items of their own."""
    nested = [child for child in item if child.tag == "list"]
    for child in nested:
        item.remove(child)  # safe: the tree is ours, trafilatura built it for this call
    _add(out, _text(item), "li")
    for sub in nested:
        _walk(sub, out)


def _text(el: _Element) -> str:
    for br in el.iter("lb"):
        br.tail = " " + (br.tail or "")  # a line break separates words
    return _SPACE_RE.sub(" ", "".join(el.itertext())).strip()


def _add(out: list[Paragraph], text: str, kind: ParagraphKind) -> None:
    if text:
        out.append(Paragraph(text=text, kind=kind))

"""HTML → Article: trafilatura for the body and metadata, then our post-filters.

trafilatura (precision mode) finds the main content well, but on news pages it
still lets through chrome that sits *inside* the article container
(related-headline lists, newsletter boxes, share prompts). Those are removed
afterwards by ``tlsum.extract.filters`` on the paragraph list, which keeps this
module about walking trafilatura's XML and about when to trust the filters:

* (the "rescue" step, not shipped: it helped one dev site only) when
  precision mode keeps almost nothing (a paywall notice, a teaser) while
  trafilatura's default mode finds several times more, the default mode's
  body can be used; when precision mode keeps nothing at all, the default
  mode's body is always used (then a page that is only a notice is refused as
  one, and the error says which notice);
* when the filters would remove prose (paragraphs of sentences) amounting to
  more than ``MAX_REMOVED`` of the words, they are more likely wrong about this
  page than right (on the dev pages they never remove more than 13% of a
  body), so trafilatura's body stands. Removing short unpunctuated lines
  (headline lists, share prompts) is never a reason to doubt them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tlsum.extract.patterns import SENTENCE_END_RE, words
from tlsum.types import Article, Paragraph, ParagraphKind

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

    from tlsum.extract.meta import Meta

_SPACE_RE = re.compile(r"\s+")
MAX_REMOVED = 0.2  # share of trafilatura's words the filters may remove as prose
_PROSE_WORDS = 12  # a paragraph of at least this many words ending a sentence is prose
SHORT_BODY = 100  # words: below this, precision mode may have lost the article
WIDER_FACTOR = 3  # ...and the default mode must find this many times more to replace it


@dataclass(frozen=True)
class Parsed:
    """What the filters start from: the page's tree and metadata, and trafilatura's body."""

    tree: HtmlElement | None
    meta: Meta
    body: tuple[Paragraph, ...]


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def extract_html(html: str, url: str | None = None) -> Article:
    """trafilatura's body, our shipped filters, the page's own metadata."""
    return finish(parse_page(html, url), url)


def parse_page(html: str, url: str | None = None) -> Parsed:
    """Parse once and run trafilatura (the costly part; benchmarks cache this).

    The page is parsed the way trafilatura parses it, and trafilatura works on a
    copy of that tree (it prunes what it is given), so the page is parsed once.
    """
    from tlsum.extract.meta import Meta, page_meta

    html = _CONTROLS.sub(" ", html)  # lxml drops them, gluing the words around them together
    tree = parse_html(html)
    meta = page_meta(tree, url) if tree is not None else Meta()
    return Parsed(tree=tree, meta=meta, body=trafilatura_body(tree, url))


def finish(parsed: Parsed, url: str | None = None, steps: frozenset[str] | None = None) -> Article:
    """The Article from a parsed page: chunk recovery and ``steps`` of the filters
    (default: the shipped ones), falling back to trafilatura's body when unsure."""
    from tlsum.extract.chunks import recover_chunks
    from tlsum.extract.filters import SHIPPED, filter_paragraphs, has_prose

    steps = SHIPPED if steps is None else steps
    body = recover_chunks(parsed.tree, parsed.body) if "chunks" in steps else parsed.body
    kept = filter_paragraphs(body, title=parsed.meta.title, steps=steps)
    if _removed_prose(body, kept) > MAX_REMOVED * _word_count(body) and has_prose(body):
        kept = body
    meta = parsed.meta
    return Article(
        paragraphs=kept,
        title=meta.title,
        date=meta.date,
        author=meta.author,
        site=meta.site,
        url=url,
        language_hint=meta.language,
    )


def trafilatura_body(
    tree: HtmlElement | None, url: str | None, rescue: bool | None = None
) -> tuple[Paragraph, ...]:
    """Precision mode's body, or (``rescue``; default: when the "rescue" step is
    shipped) the default mode's when precision kept a fraction of it. ``tree``
    comes from ``parse_html`` and is not modified."""
    if tree is None:
        return ()
    if rescue is None:
        from tlsum.extract.filters import SHIPPED

        rescue = "rescue" in SHIPPED
    body = _bare_body(tree, url, precision=True)
    if not body:  # nothing at all is never the answer: see what the default mode finds
        return _bare_body(tree, url, precision=False)
    if rescue and _word_count(body) < SHORT_BODY:
        wider = _bare_body(tree, url, precision=False)
        if _word_count(wider) >= WIDER_FACTOR * max(_word_count(body), 1):
            return wider
    return body


def _bare_body(tree: HtmlElement, url: str | None, *, precision: bool) -> tuple[Paragraph, ...]:
    from copy import deepcopy

    import trafilatura

    doc = trafilatura.bare_extraction(
        deepcopy(tree),
        url=url,
        favor_precision=precision,
        include_comments=False,
        include_tables=True,
    )
    if not isinstance(doc, trafilatura.settings.Document) or doc.body is None:
        return ()
    return tuple(walk_body(doc.body))


def _removed_prose(body: tuple[Paragraph, ...], kept: tuple[Paragraph, ...]) -> int:
    """Words of the prose paragraphs of ``body`` that are not in ``kept``."""
    left = {id(p) for p in kept}
    return sum(
        n
        for p in body
        if id(p) not in left
        and (n := len(words(p.text))) >= _PROSE_WORDS
        and SENTENCE_END_RE.search(p.text)
    )


def _word_count(paragraphs: tuple[Paragraph, ...]) -> int:
    return sum(len(words(p.text)) for p in paragraphs)


def parse_html(html: str) -> HtmlElement | None:
    """The page's tree as trafilatura itself would parse it (same repairs, comments
    dropped), or None when it is not HTML."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except ValueError:
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

"""Recover article bodies split into several sibling containers.

Some sites cut the body into chunks (``<div class="body-chunk">`` × N, with
ads or pull quotes between them); trafilatura keeps the chunk it chose and
drops the others, losing half the article. When the container of the
extracted paragraphs has the same tag and class as other elements of the page
that hold prose of their own, those are chunks of the same body: their
paragraphs are put back in document order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tlsum.extract.patterns import SENTENCE_END_RE, words
from tlsum.types import Paragraph

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_ANCHOR_WORDS = 12
_MIN_CHUNK_PARAGRAPH = 8  # words; shorter lines of a chunk are captions or links


def recover_chunks(
    tree: HtmlElement | None, paragraphs: tuple[Paragraph, ...]
) -> tuple[Paragraph, ...]:
    """``paragraphs`` plus the prose of sibling chunks of their container.

    ``tree`` is the page as lxml.html parsed it (not trafilatura's pruned copy).
    """
    anchors = {
        _key(p.text): i for i, p in enumerate(paragraphs) if len(words(p.text)) >= _ANCHOR_WORDS
    }
    if not anchors or tree is None:
        return paragraphs
    found = _anchor_elements(tree, anchors)
    chunks = _sibling_chunks(tree, [el for el, _ in found])
    if not chunks:
        return paragraphs
    return _merge(tree, paragraphs, found, chunks)


def _key(text: str) -> str:
    return " ".join(words(text)[:_ANCHOR_WORDS]).lower()


def _anchor_elements(tree: HtmlElement, anchors: dict[str, int]) -> list[tuple[HtmlElement, int]]:
    """The page's <p> elements that trafilatura extracted, with their index."""
    found = []
    for el in tree.iter("p"):
        key = _key(el.text_content())
        if key in anchors:
            found.append((el, anchors[key]))
    return found


def _container(el: HtmlElement) -> HtmlElement | None:
    """The nearest ancestor (within 3 levels) that has a class."""
    for depth, anc in enumerate(el.iterancestors()):
        if depth >= 3:
            break
        if anc.get("class"):
            return anc
    return None


def _sibling_chunks(tree: HtmlElement, anchor_els: list[HtmlElement]) -> list[HtmlElement]:
    """Elements with the container's tag and class, holding prose, not yet extracted."""
    containers = {c for c in (_container(el) for el in anchor_els) if c is not None}
    chunks: list[HtmlElement] = []
    for box in containers:
        for other in tree.iter(box.tag):
            if other in containers or other.get("class") != box.get("class"):
                continue
            if _is_prose_chunk(other) and not any(other in c.iterancestors() for c in chunks):
                chunks.append(other)
    return chunks


def _is_prose_chunk(el: HtmlElement) -> bool:
    """Mostly sentences: at least 30 words of them, and half of all its words."""
    texts = [p.text_content() for p in el.iter("p")]
    prose = sum(
        len(words(t)) for t in texts if len(words(t)) >= 15 and SENTENCE_END_RE.search(t.strip())
    )
    return prose >= 30 and prose >= 0.5 * len(words(el.text_content()))


def _head(text: str) -> str:
    return " ".join(words(text)[:8]).lower()


def _chunk_paragraphs(chunk: HtmlElement) -> list[tuple[HtmlElement, str]]:
    out = []
    for el in chunk.iter("p"):
        text = " ".join(el.text_content().split())
        if len(words(text)) >= _MIN_CHUNK_PARAGRAPH:
            out.append((el, text))
    return out


def _headline_between(headlines: list[int], span: tuple[int, int], pos: int) -> bool:
    """Does an <h1> stand between the extracted body (``span``) and a chunk at ``pos``?
    A body's chunks never have one between them; the next article on the page does."""
    low, high = (pos, span[0]) if pos < span[0] else (span[1], pos)
    return any(low < h < high for h in headlines)


def _merge(
    tree: HtmlElement,
    paragraphs: tuple[Paragraph, ...],
    found: list[tuple[HtmlElement, int]],
    chunks: list[HtmlElement],
) -> tuple[Paragraph, ...]:
    """Interleave chunk paragraphs with the extracted ones by document position."""
    order = {el: i for i, el in enumerate(tree.iter())}
    pos_of = {idx: order[el] for el, idx in found}
    keyed: list[tuple[int, int, Paragraph]] = []
    last = -1
    for i, para in enumerate(paragraphs):
        last = pos_of.get(i, last)
        keyed.append((last, i, para))
    seen = {_head(p.text) for p in paragraphs}
    span = (min(pos_of.values()), max(pos_of.values()))
    headlines = [order[h] for h in tree.iter("h1")]
    for chunk in chunks:
        new = _chunk_paragraphs(chunk)
        if sum(_head(text) in seen for _, text in new) * 2 >= len(new):
            continue  # a second copy of the body (an updated or AMP version), not a chunk
        if _headline_between(headlines, span, order[chunk]):
            continue  # another article's body (an endless-scroll page), not a chunk
        for el, text in new:
            keyed.append((order[el], len(keyed), Paragraph(text=text)))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return tuple(p for _, _, p in keyed)

"""Plain text → Article: our chrome stripper for pages copied out of a browser.

Copying a page keeps every word of the navigation, the share buttons and the
"Latest news" sidebar, and hard-wraps the article itself. The pipeline here:

1. ``blocks``: rejoin hard-wrapped lines into paragraphs and list items;
2. drop link sections ("Latest news", "Read also" + headline/date lists) when
   the model file lists those steps (``TEXT_STEPS``: each ships only when
   site-grouped CV kept it; the shipped model leaves them to the classifier);
3. score every block as body or chrome (``tlsum.extract.textscore``) and keep
   the best contiguous body region, minus chrome lines inside it;
4. metadata: the title (the headline just before the body) and the
   publication date (a date line that is not part of a headline+date list);
5. put a list back after its lead-in ("…remain unresolved:") when copying
   displaced it (a dangling lead-in ending with ":" plus a bullet list that
   no ":" line introduces), before the title is looked for, since a list
   displaced to the top of the page would otherwise hide it.
"""

from __future__ import annotations

from tlsum.extract.blocks import Block, blocks
from tlsum.extract.patterns import (
    CAPTION_RE,
    POSTED_BY_RE,
    SECTION_HEAD_RE,
    drop_link_sections,
    find_date,
    headline_like,
    is_date_line,
    size,
    words,
)
from tlsum.extract.textscore import TEXT_STEPS, Model, is_chrome, model_steps, select_body
from tlsum.types import Article, Paragraph

__all__ = ["Block", "blocks", "clean_text", "displaced_lists"]



def clean_text(text: str, url: str | None = None, model: Model | None = None) -> Article:
    """Strip the chrome from a copied page and return the article in it.

    ``model`` replaces the shipped block classifier (the training script uses it).
    """
    all_blocks = blocks(text)
    kept = drop_latest_news(all_blocks, model_steps(model))
    body_idx = select_body(kept, model)
    moves = displaced_lists(kept, body_idx)
    moved = {i for run in moves.values() for i in run}
    body_idx = [i for i in body_idx if i not in moved]
    title = find_title(kept, body_idx)
    order = [j for i in body_idx if kept[i].text != title for j in (i, *moves.get(i, ()))]
    return Article(
        paragraphs=tuple(Paragraph(text=kept[i].text, kind=kept[i].kind) for i in order),
        title=title,
        date=publication_date(all_blocks),
        url=url,
    )


# ---------------------------------------------------------------- blocks


def drop_latest_news(items: list[Block], steps: frozenset[str] = TEXT_STEPS) -> list[Block]:
    """Drop "Latest news"/"Read also" sections (the heading and the short
    headline/date lines under it, up to the next real paragraph) and runs of
    headline+date pairs, each when ``steps`` has it (the model file says which
    steps held up on left-out sites)."""
    if "link_sections" in steps:
        items = drop_link_sections(items, _opens_section, _listed)
    return drop_headline_date_runs(items) if "date_runs" in steps else items


def _opens_section(block: Block) -> bool:
    return SECTION_HEAD_RE.match(block.text) is not None and len(words(block.text)) <= 25


def _listed(block: Block) -> bool:
    """A link to another story (short, not a sentence) or its date. Length by ``size``:
    a Chinese or Japanese paragraph is a handful of ``\\w+`` runs."""
    n = size(block.text)
    return headline_like(block.text, n, max_words=24, sentence_from=8) or is_date_line(block.text)


def drop_headline_date_runs(items: list[Block]) -> list[Block]:
    """Drop runs of headline, date, headline, date... (two pairs or more)."""
    paired = _paired_dates(items)
    drop: set[int] = set()
    for i in paired:
        drop.add(i)
        if i > 0 and not is_date_line(items[i - 1].text):
            drop.add(i - 1)
    return [b for i, b in enumerate(items) if i not in drop]


def _paired_dates(items: list[Block]) -> list[int]:
    """Indexes of date lines that follow a headline, in a list of such pairs."""
    cand = [
        i
        for i, b in enumerate(items)
        if is_date_line(b.text)
        and i > 0
        and not is_date_line(items[i - 1].text)
        and len(words(items[i - 1].text)) <= 30
    ]
    return [i for i in cand if any(j != i and abs(j - i) <= 4 for j in cand)]


# ---------------------------------------------------------------- metadata


def publication_date(items: list[Block]) -> str | None:
    """The first date line that is not part of a headline+date list."""
    paired = set(_paired_dates(items))
    for i, block in enumerate(items):
        if i in paired or not is_date_line(block.text) or CAPTION_RE.search(block.text):
            continue
        found = find_date(block.text)
        if found:
            return found[0]
    for block in items[:40]:  # a byline with a date: "Chris Davies - Nov 19, 2019"
        if len(words(block.text)) <= 15 and not CAPTION_RE.search(block.text) \
                and (found := find_date(block.text)):
            return found[0]
    return None


def find_title(items: list[Block], body_idx: list[int]) -> str | None:
    """The headline: the last short, unpunctuated line before the body starts
    (skipping date and byline lines), else the page's first line."""
    start = body_idx[0] if body_idx else len(items)
    for i in range(start - 1, max(-1, start - 8), -1):
        if _looks_like_title(items[i]):
            return items[i].text
    if body_idx and _looks_like_title(items[start]) and len(body_idx) > 1:
        return items[start].text
    return items[0].text if items and _looks_like_title(items[0]) else None


def _looks_like_title(block: Block) -> bool:
    n = len(words(block.text))
    return (
        block.kind == "p"
        and 3 <= n <= 30
        and not block.text.rstrip().endswith((".", ":", ";", ","))
        and not is_chrome(block)
        and not POSTED_BY_RE.search(block.text)
    )


# ---------------------------------------------------------------- displaced lists


def displaced_lists(items: list[Block], body_idx: list[int]) -> dict[int, list[int]]:
    """{lead-in index: indexes of the bullet list that belongs after it}.

    A lead-in is a body paragraph ending with ":" that no list item follows;
    an orphan list is a run of bullet items (anywhere on the page, in the body
    or not) that no ":" line introduces. Copying a page sometimes moves a list
    away from its lead-in; they are paired in order of appearance.
    """
    orphans = _orphan_lists(items)
    moves: dict[int, list[int]] = {}
    for pos, i in enumerate(body_idx):
        nxt = items[body_idx[pos + 1]] if pos + 1 < len(body_idx) else None
        lead_in = items[i].kind == "p" and items[i].text.endswith(":")
        if lead_in and (nxt is None or nxt.kind != "li") and orphans:
            moves[i] = orphans.pop(0)
    return moves


def _orphan_lists(items: list[Block]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, block in enumerate(items):
        prev = items[i - 1] if i > 0 else None
        if not block.bullet:
            continue
        if prev is not None and prev.bullet and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif not (prev is not None and (prev.bullet or prev.text.endswith(":"))):
            runs.append([i])
    return [run for run in runs if _prose_items([items[i] for i in run])]


def _prose_items(run: list[Block]) -> bool:
    """Items written as clauses (avg >= 3 words), not a menu of bulleted links."""
    return sum(len(words(b.text)) for b in run) >= 3 * len(run)

"""Plain text → Article: our chrome stripper for pages copied out of a browser.

Copying a page keeps every word of the navigation, the share buttons and the
"Latest news" sidebar, and hard-wraps the article itself. The pipeline here:

1. ``blocks``: rejoin hard-wrapped lines into paragraphs and list items;
2. drop link sections ("Latest news", "Read also" + headline/date lists);
3. score every block as body or chrome (``tlsum._extract_textscore``) and keep
   the best contiguous body region, minus chrome lines inside it;
4. metadata: the title (the headline just before the body) and the
   publication date (a date line that is not part of a headline+date list);
5. put a list back after its lead-in ("…remain unresolved:") when copying
   displaced it (a dangling lead-in ending with ":" plus a bullet list that
   no ":" line introduces), before the title is looked for, since a list
   displaced to the top of the page would otherwise hide it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tlsum._extract_patterns import (
    BULLET_RE,
    POSTED_BY_RE,
    SECTION_HEAD_RE,
    SENTENCE_END_RE,
    TERMINAL_RE,
    find_date,
    is_date_line,
    words,
)
from tlsum._extract_textscore import Model, is_chrome, select_body
from tlsum.types import Article, Paragraph, ParagraphKind

__all__ = ["Block", "blocks", "clean_text", "displaced_lists"]

_SPACE_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_LOWER_START_RE = re.compile(r"^[\"“‘(«]?[a-zà-ÿа-яё0-9]")


@dataclass(frozen=True)
class Block:
    """A paragraph or list item of the copied page, with where it came from."""

    text: str
    kind: ParagraphKind = "p"
    line: int = 0  # index of its first line in the input
    gap: bool = True  # a blank line came before it
    bullet: bool = False  # the input marked it with "-", "•", "1." ...


def clean_text(text: str, url: str | None = None, model: Model | None = None) -> Article:
    """Strip the chrome from a copied page and return the article in it.

    ``model`` replaces the shipped block classifier (the training script uses it).
    """
    all_blocks = blocks(text)
    kept = drop_link_sections(all_blocks)
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


def blocks(text: str) -> list[Block]:
    """Rejoin hard-wrapped lines: lines join when the break was only the wrap."""
    lines = [_SPACE_RE.sub(" ", ln).strip() for ln in text.replace("\r", "").split("\n")]
    width = _wrap_width(lines)
    out: list[Block] = []
    gap, last = True, ""
    for i, line in enumerate(lines):
        if not line:
            gap = True
            continue
        if out and not gap and _continues(out[-1], last, line, width):
            out[-1] = replace(out[-1], text=_join(out[-1].text, line))
        else:
            out.append(_new_block(line, i, gap))
        gap, last = False, line
    return out


def _new_block(line: str, index: int, gap: bool) -> Block:
    match = BULLET_RE.match(line)
    if match and len(line) > match.end():
        return Block(line[match.end() :].strip(), "li", index, gap, bullet=True)
    return Block(line, "p", index, gap)


def _wrap_width(lines: list[str]) -> int:
    """The hard-wrap width, or 0 when the text does not look hard-wrapped.

    Wrapped text has many lines of nearly the same length: at least a third of
    the longer lines lie within 85% of the 90th-percentile length.
    """
    lengths = sorted(len(ln) for ln in lines if len(ln) >= 30)
    if len(lengths) < 5:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if 0.85 * width <= n <= width + 2)
    return width if width <= 160 and near >= len(lengths) / 3 else 0


def _continues(prev: Block, last: str, line: str, width: int) -> bool:
    """Is ``line`` the rest of ``prev`` (whose last line is ``last``), the
    line break being only a wrap?"""
    if BULLET_RE.match(line) or TERMINAL_RE.search(prev.text):
        return False
    if is_date_line(line) or is_date_line(last):
        return False
    if prev.bullet:
        return True  # a bullet runs on until it ends with punctuation
    if _LOWER_START_RE.match(line):
        return width > 0 or len(last) >= 40
    return width > 0 and len(last) >= 0.8 * width


def _join(head: str, tail: str) -> str:
    if head.endswith("-") and not head.endswith(" -") and tail[:1].islower():
        return head[:-1] + tail  # a word hyphenated at the wrap
    return f"{head} {tail}"


# ---------------------------------------------------------------- link sections


def drop_link_sections(items: list[Block]) -> list[Block]:
    """Drop "Latest news"/"Read also" sections: the heading and the short
    headline/date lines under it, up to the next real paragraph."""
    out: list[Block] = []
    skipping = False
    for block in items:
        n = len(words(block.text))
        if SECTION_HEAD_RE.match(block.text) and n <= 25:
            skipping = True
            continue
        if skipping and (_headline_like(block, n) or is_date_line(block.text)):
            continue
        skipping = False
        out.append(block)
    return drop_headline_date_runs(out)


def _headline_like(block: Block, n: int) -> bool:
    """A link to another story: short, and not a sentence."""
    return n < 25 and not (n >= 8 and SENTENCE_END_RE.search(block.text))


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
        if i in paired or not is_date_line(block.text):
            continue
        found = find_date(block.text)
        if found:
            return found[0]
    for block in items[:40]:  # a byline with a date: "Chris Davies - Nov 19, 2019"
        if len(words(block.text)) <= 15 and (found := find_date(block.text)):
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

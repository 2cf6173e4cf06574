"""Blocks: the paragraphs and list items of a page copied as text, with where they came from.

The text stripper, its features and its classifier all read blocks; they live here, below
all three, so none of them imports another to get the type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tlsum.extract.patterns import BULLET_RE, TERMINAL_RE, cjk_glued, is_date_line
from tlsum.types import ParagraphKind

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


def blocks(text: str) -> list[Block]:
    """Rejoin hard-wrapped lines: lines join when the break was only the wrap."""
    lines = [_SPACE_RE.sub(" ", ln).strip()
             for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = _wrap_width(lines)
    out: list[Block] = []
    gap, last = True, ""
    for i, line in enumerate(lines):
        if not line:
            gap = True
            continue
        if out and not gap and _continues(out[-1], last, line, width):
            full = width > 0 and len(last) >= width  # cut mid-run, not at a space
            out[-1] = replace(out[-1], text=_join(out[-1].text, line, full))
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


def _join(head: str, tail: str, full: bool = False) -> str:
    if head.endswith("-") and not head.endswith(" -") and tail[:1].islower():
        return head[:-1] + tail  # a word hyphenated at the wrap
    if full and cjk_glued(head, tail):
        return head + tail  # Chinese/Japanese wrapped at the width: no space was there
    return f"{head} {tail}"


# ---------------------------------------------------------------- link sections

"""Which blocks of a copied page are the article body.

Each block gets a score (positive: body-like prose; negative: chrome), then
the body is the contiguous run of blocks with the largest total score (the
article is one region of the page; menus and sidebars sit around it), minus
the blocks inside that run that are clearly chrome (a share prompt, a date).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tlsum._extract_patterns import (
    BYLINE_RE,
    CHROME_LINE_RE,
    COOKIE_RE,
    SENTENCE_END_RE,
    is_date_line,
    words,
)

if TYPE_CHECKING:
    from tlsum.textclean import Block


def select_body(items: list[Block]) -> list[int]:
    """Indexes of the body blocks, in order."""
    scores = [block_score(b) for b in items]
    start, end = best_region(scores)
    return [i for i in range(start, end) if not is_chrome(items[i])]


def block_score(block: Block) -> float:
    """Words of prose count for the body; short unpunctuated lines against it."""
    n = len(words(block.text))
    prose = SENTENCE_END_RE.search(block.text) is not None
    if is_chrome(block):
        return -3.0
    if block.bullet:
        return -0.5  # kept only inside the body region, never a reason for one
    if prose and n >= 10:
        return float(n)
    if n >= 30:
        return n / 2
    return -1.0 if block.kind == "li" or n < 6 else -2.0


def is_chrome(block: Block) -> bool:
    """A line that is chrome wherever it stands: share prompts, dates, bylines."""
    text = block.text
    n = len(words(text))
    if n == 0 or is_date_line(text):
        return True
    if n <= 12 and (CHROME_LINE_RE.match(text) or BYLINE_RE.match(text)):
        return True
    return n <= 40 and COOKIE_RE.search(text) is not None and not text.endswith(":")


def best_region(scores: list[float]) -> tuple[int, int]:
    """[start, end) of the maximum-sum contiguous run (Kadane)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span

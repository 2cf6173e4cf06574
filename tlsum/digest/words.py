"""English word classes and the content-word sets that summary and questions both compare.

Both stages ask "do these two texts say the same thing?" by overlapping content words;
the function-word list and the crude stemming (a fixed prefix) live here once.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def wordset(text: str) -> frozenset[str]:
    """A closed word class written as one space-separated string."""
    return frozenset(text.split())


#: The question words, read by the rewriter (``grammar``) and the copy editor (``phrase``).
WH = wordset("who whom whose what which when where why how")

#: Function words that never carry what a sentence is about.
FUNCTION_WORDS = wordset(
    "a an the and or but of to in on at for with by from as is are was were be been being "
    "has have had it its this that these those he she they his her their them we our you i "
    "not no will would can could should may might do does did"
)


def plain(text: str) -> list[str]:
    """The words of ``text`` in lower case, without the punctuation around them."""
    return [w.strip(",.?;:!\"'()“”‘’").lower() for w in text.split()]


def content_words(text: str, stop: frozenset[str], prefix: int) -> set[str]:
    """Lower-cased words not in ``stop``, cut to ``prefix`` letters (a crude stem)."""
    return {w[:prefix] for w in _WORD.findall(text.lower()) if w not in stop}

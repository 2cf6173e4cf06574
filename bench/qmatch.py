"""The question matcher of ``../shared/bench/questions-guideline.md``, as written there.

"A predicted question matches a gold one when their content words (lower-cased,
stop words and punctuation dropped, crude suffix stemming) overlap with F1 >= 0.5,
or when the prediction's source sentence overlaps the gold evidence; one-to-one
greedy matching; precision = matched predictions / predictions, recall = matched
gold / gold."

"Overlaps" is read as: after normalising case, quotes and spaces, one text
contains the other, or at least 60% of the shorter one's content words are in
the longer one (sentence splitters differ on where a snippet starts and ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

F1_MATCH = 0.5
SOURCE_SHARE = 0.6
_STOP_WORDS = """
a an the and or but nor of to in on at for with by from as into onto about over under
after before between during than then so if whether is are was were be been being am
has have had having do does did will would shall should can could may might must
it its this that these those he she they them his her hers their theirs we us our you
your i me my who whom whose what which when where why how there here not no any some
all each such own same just also too very more most other out up down off again
"""
STOP = frozenset(_STOP_WORDS.split())
_SUFFIXES = ("ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Question:
    text: str
    sources: tuple[str, ...] = ()  # prediction: its source sentences; gold: its evidence


def stem(word: str) -> str:
    """Crude suffix stemming: "agreed" and "agrees" both become "agre"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content(text: str) -> set[str]:
    """Lower-cased, stemmed words with stop words and punctuation dropped."""
    return {stem(w) for w in _WORD.findall(normalise(text)) if w not in STOP}


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def word_f1(a: str, b: str) -> float:
    x, y = content(a), content(b)
    common = len(x & y)
    return 0.0 if not common else 2 * common / (len(x) + len(y))


def sources_overlap(pred: Question, gold: Question) -> bool:
    """True when a source sentence of ``pred`` overlaps an evidence snippet of ``gold``."""
    for src in pred.sources:
        for ev in gold.sources:
            s, e = normalise(src), normalise(ev)
            if not s or not e:
                continue
            if e in s or s in e:
                return True
            cs, ce = content(src), content(ev)
            small = min(len(cs), len(ce))
            if small >= 3 and len(cs & ce) / small >= SOURCE_SHARE:
                return True
    return False


def match(preds: list[Question], golds: list[Question]) -> list[tuple[int, int]]:
    """One-to-one greedy matching: best pairs first (wording F1, source overlap breaks ties)."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            f1 = word_f1(p.text, g.text)
            by_source = sources_overlap(p, g)
            if f1 >= F1_MATCH or by_source:
                pairs.append((max(f1, F1_MATCH if by_source else 0.0), f1, -i, -j, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for *_, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out

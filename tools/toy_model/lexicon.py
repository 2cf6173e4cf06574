"""Bilingual Russian/English lexicon for the toy news-translation models.

Every Russian lemma maps to exactly one English expression and vice versa, so the
generated corpus is a bijection and both directions (ru->en and en->ru) can be
learnt to exact match.  The open word classes live in their own modules (nouns.py,
adjectives.py, verbs.py: paradigms and tables); this module holds the closed classes the
grammar adds around them (numerals, time adverbs, connectives, "it is unclear" matrices)
and counts the lemmas for the models' README.
"""

from __future__ import annotations

from adjectives import ADJS
from nouns import NOUNS
from verbs import VERBS

# Numerals usable in quantity phrases: value -> (ru masc/neut, ru fem, en).
NUMERALS: dict[int, tuple[str, str, str]] = {
    2: ("два", "две", "two"), 3: ("три", "три", "three"), 4: ("четыре", "четыре", "four"),
    5: ("пять", "пять", "five"), 6: ("шесть", "шесть", "six"), 7: ("семь", "семь", "seven"),
    8: ("восемь", "восемь", "eight"), 9: ("девять", "девять", "nine"), 10: ("десять", "десять", "ten"),
    20: ("двадцать", "двадцать", "twenty"), 100: ("сто", "сто", "a hundred"),
}

# Fronted time adverbials: ru, en, tenses they combine with.
TIME_ADVS: list[tuple[str, str, tuple[str, ...]]] = [
    ("вчера", "yesterday", ("past",)),
    ("сегодня", "today", ("past", "pres", "fut")),
    ("завтра", "tomorrow", ("fut",)),
    ("ранее", "earlier", ("past",)),
    ("на этой неделе", "this week", ("past", "pres", "fut")),
    ("в ближайшие дни", "in the coming days", ("fut",)),
    ("в понедельник", "on Monday", ("past", "fut")),
    ("во вторник", "on Tuesday", ("past", "fut")),
    ("в среду", "on Wednesday", ("past", "fut")),
    ("в четверг", "on Thursday", ("past", "fut")),
    ("в пятницу", "on Friday", ("past", "fut")),
    ("в субботу", "on Saturday", ("past", "fut")),
    ("в воскресенье", "on Sunday", ("past", "fut")),
]

# Sentence connectives: ru, en.
CONNECTIVES: list[tuple[str, str]] = [
    ("однако", "however"), ("кроме того", "in addition"),
    ("при этом", "at the same time"), ("между тем", "meanwhile"),
]

# Matrices for indirect questions that are not verbs: ru, en.
UNCLEAR_MATRICES: list[tuple[str, str]] = [
    ("остаётся неясным", "it remains unclear"),
    ("пока неясно", "it is still unclear"),
    ("неизвестно", "it is unknown"),
]


def lemma_count() -> int:
    """Number of distinct Russian content lemmas (nouns, adjectives, verbs, numerals, adverbs)."""
    lemmas = {n.ru for n in NOUNS} | {a.ru for a in ADJS} | {v.inf for v in VERBS}
    lemmas |= {v[0] for v in NUMERALS.values()} | {"тысяча", "несколько", "сколько", "готов"}
    lemmas |= {"вчера", "сегодня", "завтра", "ранее", "неделя", "день", "понедельник", "вторник",
               "среда", "четверг", "пятница", "суббота", "воскресенье", "также", "по-прежнему"}
    return len(lemmas)

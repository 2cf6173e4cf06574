"""Tense against time words, for the copy editor's check.

A rewriter that moves a sentence's time phrase into a question of another tense makes
"Did the cyclone reach the coast next Tuesday?" or "Will the council approve the plan
yesterday?"; a reader sees at once that the question cannot be answered. These rules
read the words after the question's subject (lower case) and the auxiliary's tense.
"""

from __future__ import annotations

import tlsum.digest.lexicon as lx
from tlsum.digest.phrase import MODALS, PRE_VERB, PREPOSITIONS
from tlsum.digest.words import wordset

TIME_NOUNS = wordset("week weekend month year season summer winter spring autumn fall "
                      "morning afternoon evening time quarter decade century")
# What "last" can name as a finished time ("last week", "last night", "last Monday").
DAYS = wordset("monday tuesday wednesday thursday friday saturday sunday")
LAST = TIME_NOUNS | DAYS | {"night"}
MONTHS = wordset("january february march april may june july august september october "
                 "november december")

def past_in_perfect(low: list[str]) -> list[str]:
    """ "Has the minister resigned yesterday?": the present perfect with a finished past
    time, unless the time belongs to a later participle or past verb ("the fine imposed
    last week") or follows a preposition ("since last week")."""
    verb = next((i for i, w in enumerate(low) if w not in PRE_VERB), len(low))
    for i, word in enumerate(low):
        behind = word in ("yesterday", "ago") or (word == "last" and i + 1 < len(low)
                                                  and low[i + 1] in LAST)
        prev = low[i - 1] if i else ""
        later = any(lx.past(w) or lx.participle(w) for w in low[verb + 1 : i])
        if behind and i > verb and prev not in PREPOSITIONS and not later:
            return [f"the present perfect with a past time ('{word}')"]
    return []


def future_in_past(low: list[str]) -> list[str]:
    """ "Did the council vote next week?": a past question about a future time, unless a
    preposition or an infinitive points ahead ("postponed until next week", "agree to
    vote next week")."""
    if "to" in low or any(w in MODALS for w in low):
        return []
    for i, word in enumerate(low):
        ahead = word in ("tomorrow", "tonight") or (word in ("next", "coming") and
                                                    i + 1 < len(low) and _time(low[i + 1]))
        prev = low[i - 1] if i else ""
        if ahead and prev not in PREPOSITIONS:
            return [f"a past question about '{word}'"]
    return []


def _time(word: str) -> bool:
    """A time noun, a weekday or a month, or the plural of one ("the coming weeks")."""
    return word in LAST | MONTHS or (word.endswith("s") and word[:-1] in LAST)


def past_in_future(low: list[str]) -> list[str]:
    """ "Will the council approve the plan yesterday?": a future question about a past
    time, unless the time belongs to a participle or a preposition ("the deal agreed
    last week", "since last week") or is a possessive ("last year's levels")."""
    for i, word in enumerate(low):
        behind = word == "yesterday" or (word == "last" and i + 1 < len(low)
                                         and low[i + 1] in LAST)
        prev = low[i - 1] if i else ""
        if behind and prev not in PREPOSITIONS and not lx.participle(prev) and \
                not lx.past(prev) and not (lx.third_person(prev) and "noun" not in
                                           lx.classes(prev)):
            return [f"a future question about '{word}'"]
    return []

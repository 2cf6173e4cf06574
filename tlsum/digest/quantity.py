"""Agreement of "How many" and "How much" with their noun, for the copy editor's check.

"How many" counts, so its noun is plural ("How many people", "How many cattle"); "How
much" measures, so its noun is a mass or singular noun ("How much money"). "How many
money" and "How much cars" are the marks of a rewriter that took the wrong word, and a
reader stumbles on them. The lexicon tells plural forms (lemminflect); a zero plural
("sheep", "aircraft") counts as plural, and "How many of the ..." counts whatever follows.
"""

from __future__ import annotations

import tlsum.digest.lexicon as lx

# Endings of mass nouns, which the lexicon lists like zero plurals ("luggage", "furniture",
# "equipment"): "How many sheep" counts, "How many luggage" does not.
_MASS_ENDINGS = ("age", "ture", "ment", "ness", "ity", "ism", "ice", "ing")


def agreement(words: list[str], end: int) -> str:
    """What disagrees in "How many/much NOUN" (``words``: the question's words, ``end``:
    where its wh-phrase ends); "" when it agrees or has no noun of its own."""
    if len(words) < 3 or words[1].lower() not in ("many", "much") or end < 3:
        return ""
    head = words[end - 1]
    if words[2].lower() == "of" or not head.isalpha() or not head.islower() or \
            "noun" not in lx.classes(head):
        return ""
    if words[1].lower() == "many" and not lx.plural_noun(head) and \
            not (lx.zero_plural(head) and not head.endswith(_MASS_ENDINGS)):
        return f"'How many' with the singular or mass noun '{head}'"
    if words[1].lower() == "much" and _plural_only(head):
        return f"'How much' with the plural noun '{head}'"
    return ""


def _plural_only(noun: str) -> bool:
    """A plural noun that is not also a mass noun of its own: "cars", "children" and
    "people" (its only lemma), not "data" (a lemma of its own beside "datum") or "news"."""
    found = lx.lemmas(noun, "noun")
    return lx.plural_noun(noun) and not (noun in found and len(found) > 1)

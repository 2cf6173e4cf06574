"""The subject of a verb phrase, found without a tagger, and the question built on it.

The transformations of ``tlsum.digest.openings`` and ``tlsum.digest.legal`` each find
a verb phrase ("plans to appeal", "is accused of stealing") and ask about its
subject. The subject is the noun phrase just before the phrase, cut at the last
clause boundary; it must look like a noun phrase (a name, a determiner, a number
or a bare plural) and hold no finite verb, else there is no question. A bare
"he"/"she" becomes the caller's single name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import tlsum.digest.grammar as g
import tlsum.digest.lexicon as lx
import tlsum.digest.rules as r
from tlsum.digest.words import wordset

_SUBORDINATE = re.compile(r",\s*(?:while|but|and|as|although|though|whereas)\s+|[;:]\s*|"
                          r"\s(?:as|while|when|because|since|after|before|until|once|but|where|"
                          r"if|unless)\s+")
_RELATIVE_END = re.compile(r",\s*(?:which|who)(?:\s+(?:now|also|still|already|\w+ly))*$")
_THAT = re.compile(r"\bthat\s+(?=[A-Z]|(?:the|a|an|its|his|her|their|some|all|many|no)\b)")
_TRAIL = wordset("has have had is are was were also now still already reportedly allegedly "
                 "then not yet being been who which that")
_PRONOUN = re.compile(r"(?:^|\s)(?:he|she|He|She)$")
# ", backing the campaign" / "X has been snapped": a participle or a second verb after the tail.
_SECOND_CLAUSE = re.compile(r",\s+\w+ing\b|\s(?:of|in|by|for) which\b|,\s+(?:compared|according|"
                            r"up from|down from)\b|(?<!\bwho)(?<!\bthat)(?<!\bwhich)"
                            r"\s(?:has|have|had|is|are|was|were)\s(?!\w+ly\b)|"
                            r"\s(?:given|because|despite|although|though|whereas|while)\s")
# "... near the alley when Che" once "was stabbed" is cut: the subordinate clause goes too.
_DANGLING = re.compile(r"\s(?:when|where|after|before|because|as|since|while|if|until|once|who|"
                       r"which|that|whether)(?:\s\S+){0,3}$")
# "... from its peak A climber has set": a caption glued on without a full stop.
_GLUED = re.compile(r"(?<=[a-z]) (?=(?:A|An|The) [a-z])")
_SAYS = wordset("says said say contends contended argues argued claims claimed believes believed "
                "thinks thought means meant shows showed suggests suggested insists insisted "
                "adds added warns warned notes noted")
_PAST_ADJECTIVES = wordset("aged based called named known born")
_OPENERS = wordset("although though whereas despite during amid following given without "
                   "however still meanwhile yesterday today earlier later last between under "
                   "over within across throughout")


def subject(text: str, end: int, names: Sequence[str] = ()) -> str | None:
    """The noun phrase before ``text[end:]`` that is the subject of its verb.

    The phrase is cut at the last clause boundary ("as X bids to" → "X"); a bare
    "he"/"she" becomes the caller's single name, else there is no subject. When
    the verb phrase is coordinated ("X lost and could ..."), the clause's own
    leading noun phrase is the subject.
    """
    prefix = text[:end].strip()
    if re.search(r"\s(?:or|nor)$|(?:^|\s)(?:of|the|a|an|his|her|their|its|for|with|no|any)$",
                 prefix):
        return None  # "plans" after "or"/"of"/"the" is a noun: "number of children or plans to"
    if re.search(r"\sand$", prefix):
        prefix = r.leading_np(text)
    relative = _RELATIVE_END.search(prefix)
    if relative:  # "the licence, which is now set to": the noun before the comma
        prefix = _antecedent(prefix[: relative.start()])
    pieces = _THAT.split(_SUBORDINATE.split(prefix)[-1])[-1].split(",")
    while len(pieces) > 1 and _opener(pieces[0]):
        pieces.pop(0)  # "Although the kite did not fly, organisers ...": the clause before
    after = _after_verb(pieces[-1].split()) if len(pieces) > 1 else None
    words = pieces[0].split() if after is None else after
    while words and (words[-1].lower() in _TRAIL or _adverb(words)):
        words.pop()
    if not words:
        words = r.leading_np(text).split(",")[0].split()
    phrase = " ".join(words)
    if _PRONOUN.search(phrase) and len(words) == 1:
        return names[0] if len(names) == 1 else None
    phrase = re.sub(r"^(?:that|and|but|then|so|meanwhile|now|also|however|yet|still|instead|"
                    r"thus|therefore|indeed),?\s+", "", phrase, flags=re.I)
    first = phrase.split()[0] if phrase else ""
    if not first or len(phrase.split()) > r.MAX_SUBJECT_WORDS or first.lower() in g.PRONOUNS:
        return None
    plural = first.isalpha() and first.endswith("s") and not first.endswith("ss")
    if not (first[:1].isupper() or first[:1].isdigit() or first.lower() in g.DETERMINERS
            or plural):  # "organisers of the festival", "police officers"
        return None
    if has_verb(phrase.split()):
        return None  # "NASA is developing a mission": a clause, not a noun phrase
    return " ".join(g.lower_first(phrase.split()))


def _after_verb(words: list[str]) -> list[str] | None:
    """The words after a reporting verb that ends the prefix ("His attorney, X, contended
    FBI agents" → "FBI agents"); None when the piece has none."""
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _SAYS:
            return words[i + 1 :]
    return None


def _opener(piece: str) -> bool:
    """A comma piece that opens with a subordinator or preposition ("Although ...", "In 2014")."""
    first = piece.split()[0].lower() if piece.split() else "and"
    return first in g.NOT_A_SUBJECT_START or first in _OPENERS


def _adverb(words: list[str]) -> bool:
    """ "the council recently": a trailing "-ly" adverb, not a noun ("the assembly", "Italy")."""
    last = words[-1]
    before = words[-2].lower() if len(words) > 1 else ""
    return last.islower() and last.endswith("ly") and before not in g.DETERMINERS


def _antecedent(prefix: str) -> str:
    """The noun phrase a relative clause hangs on: the last comma piece, from its first
    determiner ("It's the third extension of the licence" → "the third extension of ...")."""
    words = prefix.split(",")[-1].split()
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in g.DETERMINERS:
            return " ".join(words[i:])
    return " ".join(words)


def has_verb(words: list[str]) -> bool:
    """Does a would-be subject hold a finite verb ("Shotwell declined later to state ...",
    "Ankara emphasizes that any participation ...", "Regulators insist that ...")?"""
    return any(_verb_like(prev, word) or _complement(prev, word)
               for prev, word in itertools.pairwise(words))


def _complement(prev: str, word: str) -> bool:
    """A verb-only word before "that", or a finite form that is nothing but a verb: the
    words before the auxiliary are a clause of their own, not its subject."""
    if word[:1].isupper():
        return False
    found = lx.classes(prev.lower())
    if word == "that" and "verb" in found and not found & {"noun", "adj"}:
        return True
    after_noun = prev.lower() not in g.DETERMINERS and (prev[:1].isupper() or "noun" in found)
    return after_noun and lx.finite_only(word) and word.lower() not in _PAST_ADJECTIVES


def _verb_like(prev: str, word: str) -> bool:
    """A finite verb inside a would-be subject (an auxiliary, or a past form after a noun);
    not a participle ("the bill to be considered", "the law, signed in April,")."""
    low = word.lower()
    if low in g.AUX:
        return True
    past = low not in _PAST_ADJECTIVES and g.past_to_base(low) is not None
    participle = prev.lower() in g.DETERMINERS or prev.lower() in ("be", "been", "being") \
        or prev.endswith(",")
    return past and not participle and not word[:1].isupper()


def ask(head: str, who: str | None, tail: str | None) -> str | None:
    """ "will" + "X" + "raise Y" → "Will X raise Y?", the tail cut before a second clause."""
    if not who or tail is None:
        return None
    cut = _SECOND_CLAUSE.split(tail, maxsplit=1)
    tail = cut[0] if len(cut) == 1 else _DANGLING.sub("", cut[0])
    tail = _GLUED.split(tail, maxsplit=1)[0]
    return g.finish(f"{head} {who} {tail}".strip())

"""The sentence trees of the toy grammar, shared by the Russian and English realizers.

One tree is realized in both languages (russian.py, english.py), so a pair is a
translation by construction; the trees hold only the choices the generator made
(words, number, tense, negation, embedding), never text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from adjectives import Adj
from nouns import Noun
from verbs import Verb

READY = Verb(
    "готов",
    "impf",
    ("", "", "", ""),
    "",
    "",
    "be ready",
    "is ready",
    "was ready",
    frozenset({"person", "country", "org"}),
    "inf",
)


# --------------------------------------------------------------------------- noun phrases
@dataclass
class Qty:
    """A quantity: value (2..100) or None for 'несколько'; thousand multiplies by 1000."""

    value: int | None
    thousand: bool = False


@dataclass
class NP:
    noun: Noun
    number: str = "sg"
    adj: Adj | None = None
    gen: NP | None = None
    qty: Qty | None = None
    rel: Rel | None = None

    @property
    def gender(self) -> str:
        """The head noun's gender, for agreement."""
        return self.noun.gender


@dataclass
class Rel:
    """Relative clause on an NP: subject relative ('который подписал ...') or object relative."""

    clause: Clause
    role: str  # "subj" or "obj"


# --------------------------------------------------------------------------- clauses
@dataclass
class Clause:
    subj: NP | None  # None for infinitive VPs and 'кто' questions
    verb: Verb
    tense: str = "past"
    neg: bool = False
    args: list[NP] = field(default_factory=list)
    comp: Clause | None = None  # что-clause / infinitive VP
    comp_sent: Sent | None = None  # complex complement of a reporting verb
    iqs: list[Question] = field(default_factory=list)  # indirect questions
    also: bool = False
    still: bool = False
    place: NP | None = None  # "в Анкаре"


def slots(verb: Verb) -> list[tuple[str, list[str], str]]:
    """Parse a slot frame into (kind, classes, english preposition)."""
    if verb.frame in ("that", "iq", "inf", "-"):
        return []
    out = []
    for slot in verb.frame.split("&"):
        bits = slot.split(":")
        out.append((bits[0], bits[1].split(","), bits[2] if len(bits) > 2 else ""))
    return out


# ------------------------------------------------------------------- questions and sentences
@dataclass
class Question:
    """kind: yn (ли/whether), when, why, who (subject), what (object), howmany (object qty)."""

    kind: str
    clause: Clause


@dataclass
class Sent:
    """A sentence body.

    kind: simple | coord | cond | sub | according | unclear | question
    """

    kind: str
    clauses: list[Clause] = field(default_factory=list)
    conj: str = ""  # coord: и/но/а ; sub: потому что/хотя/после того как
    source: NP | None = None  # according to
    matrix: int = 0  # index into UNCLEAR_MATRICES
    iqs: list[Question] = field(default_factory=list)
    question: Question | None = None
    front: tuple[str, str] | None = None  # (ru, en) fronted time adverb / connective
    features: set[str] = field(default_factory=set)


COORD = {"и": "and", "но": "but", "а": "while"}
SUBORD = {"потому что": " because", "хотя": ", although", "после того как": "after"}

"""Where a question's missing piece is: the gap a question word leaves, and verb forms.

A wh-question moves one part of its clause to the front: "What did the council
approve _?" asks for the object, "When will the bridge open _?" for a time. A
rewriter that fronts a question word without taking the part it stands for out
of the clause writes a question with no gap ("How many roads has flooding
forced the closure across Somerset?"), and one that asks about a time or a
reason has no room for a gap at all, so a verb or a preposition left without
its object at the end is a fault there ("Why would the city plant trees to
reduce?", "How quickly did the tickets sell out within?").

Local verb forms a copy editor fixes at a glance are read here too: "been take",
"be suspend", "being treating", "after admit".
"""

from __future__ import annotations

import itertools
import re

import tlsum.digest.clauses as clauses
import tlsum.digest.lexicon as lx
from tlsum.digest.phrase import BE, DETERMINERS, DO, HAVE, MODALS, PRE_VERB, subject
from tlsum.digest.words import wordset

_ADVERBIAL = wordset("why when where")
_OBJECT_WH = wordset("what who whom")
# Verbs that take a clause, whose own object can be the gap inside it ("What did she
# say the council would do?"), and "be", "have" (a passive, a perfect) after the subject.
_CLAUSE_VERBS = wordset(
    "say said think thought believe believed expect expected know knew claim claimed "
    "announce announced admit admitted report reported hope hoped fear feared suggest "
    "suggested argue argued want wanted tell told ask asked be been have has had be being")
# Particles that never open a phrase of their own ("strike down a law"; "in", "on" may).
_PARTICLES = wordset("up out down off back away")
_VERB_PREPS = wordset("after before without despite by of for about on in")
_HEADS = wordset("the a an his her its their our this these those that some any")
# A clause may end on these where its object is the question word ("What did she ask for?").
_STRANDED = wordset("of in on at for from with to by about into over against")
# These never end a clause that has no gap ("How quickly did the tickets sell out within?").
_NEEDS_OBJECT = wordset("within into onto across among between during despite toward towards "
                        "via amid of from with")
_TAKES_OBJECT = wordset("worth like")  # "What would the losses be worth?"
_FUTURE = MODALS - wordset("would could might should")
_SAME_TIME = wordset("as while when once until if unless")
_PLACE_PREPS = wordset("across in at from of near around throughout")


def _plain(question: str) -> list[str]:
    return [w.strip(",.?;:!\"'()“”‘’") for w in question.split() if w.strip(",.?;:!\"'()“”‘’")]


def verb_forms(question: str) -> str:
    """ "been take", "to be suspend", "being treating", "after admit drink-driving", "was
    the patient been discharged", "How long took the ambulance"."""
    words = _plain(question)
    low = [w.lower() for w in words]
    for (a, b), raw in zip(itertools.pairwise(low), words[1:], strict=False):
        if not raw.islower():
            continue  # "by Rob Hale", "in May": a name, not a verb
        base_only = lx.classes(b) <= {"verb", "aux"} and lx.base_verb(b) and \
            not lx.participle(b) and b not in BE | HAVE | DO
        bare = base_only or (a != "be" and "verb" in lx.classes(b) and lx.base_verb(b) and
                             not lx.participle(b) and "adj" not in lx.classes(b))
        if a in ("been", "being", "be") and bare and b not in BE | HAVE | DO:
            return f"'{a} {b}': a base-form verb after '{a}'"
        if a == "being" and b.endswith("ing") and "verb" in lx.classes(b):
            return f"'{a} {b}': two '-ing' forms"
        if a in _VERB_PREPS and base_only and not lx.classes(b) & {"noun", "adj"}:
            return f"'{a} {b}': a base-form verb after a preposition"
    return _been_without_have(low) or _how_adverb_verb(low)


def _been_without_have(low: list[str]) -> str:
    """ "When was the patient been discharged": "been" in a question led by a form of
    "be", with no "has/have/had" before it."""
    first = 1 if low[0] in _ADVERBIAL | _OBJECT_WH | {"how"} else 0
    if len(low) > first + 2 and low[first] in BE - {"be", "been", "being"} and \
            "been" in low[first + 1 :] and not HAVE & set(low[: low.index("been")]):
        return f"'{low[first]} ... been' without 'have'"
    return ""


def _how_adverb_verb(low: list[str]) -> str:
    """ "How long took the ambulance to arrive": "how long/soon/often" is never the
    subject, so an auxiliary must follow it, not a past or "-s" verb."""
    if len(low) > 3 and low[0] == "how" and low[1] in _HOW_ADVERBS and \
            low[2] not in MODALS | DO | BE | HAVE and "verb" in lx.classes(low[2]) and \
            (lx.past(low[2]) or lx.third_person(low[2])):
        return f"'how {low[1]} {low[2]}': no auxiliary after 'how {low[1]}'"
    return ""


_HOW_ADVERBS = wordset("long soon often far quickly late early")


def _wh_clause(words: list[str]) -> tuple[str, list[str]] | None:
    """The question word and the clause after it when the question fronts an object or
    an adverb: ("what", [aux, subject..., verb...]); None for other shapes."""
    low = [w.lower() for w in words]
    if len(low) < 4:
        return None
    if low[0] in _ADVERBIAL | _OBJECT_WH:
        return low[0], words[1:]
    if low[0] == "how" and low[1] in _HOW_ADVERBS:
        return "when", words[2:]  # "How quickly did the tickets sell out?": no gap
    if low[0] in ("which", "whose", "what") and low[2] in MODALS | DO | HAVE:
        return "what", words[2:]  # "Which taxes did ...", "Whose offices did ..."
    if low[0] == "how" and low[1] in ("many", "much"):  # "How much will", "How many homes did"
        at = 2 if low[2] in MODALS | DO | HAVE else 3
        return ("what", words[at:]) if low[at] in MODALS | DO | HAVE else None
    return None


def _clause_verb(clause: list[str]) -> tuple[int, str] | None:
    """Where the main verb of an inverted clause (aux, subject, verb ...) is."""
    aux = clause[0].lower()
    if aux not in MODALS | DO | HAVE:
        return None
    phrase, _ = subject(clause[1:], aux in MODALS | DO, True)
    if phrase is None:
        return None
    k = 1 + phrase.end
    while k < len(clause) and (clause[k].lower() in PRE_VERB or clause[k].lower().endswith("ly")):
        k += 1
    return (k, clause[k].lower()) if k < len(clause) else None


def missing_gap(question: str) -> str:
    """A question word with no place left in its clause: the verb's object is already
    there ("Whose offices did investigators raid the state power company?"), or, after
    "why/when/where", a verb or a preposition at the end lost its object."""
    words = _plain(question)
    found = _wh_clause(words)
    if found is None:
        return ""
    wh, clause = found
    place = _clause_verb(clause)
    if place is None:
        return ""
    k, verb = place
    tail = [w.lower() for w in clause[k + 1 :]]
    if verb in HAVE and len(tail) > 1 and tail[0] == "to":  # "have to pay a fee"
        verb, tail = tail[1], tail[2:]
    if wh in _OBJECT_WH and verb in ("be", "been") and len(tail) == 1 and \
            lx.participle(tail[0]) and tail[0] not in _TWO_OBJECTS:
        return f"'{wh}' has no place: the passive '{verb} {tail[0]}' has no object to ask"
    if wh in _ADVERBIAL:
        return "" if wh == "where" and tail[-1:] == ["from"] else _adverbial_end(tail)
    if verb in _CLAUSE_VERBS or not tail or verb.endswith("ing"):
        return ""  # "-ing" after do, a modal or have: the subject was misread, so no verdict
    while tail and tail[0] in _PARTICLES:
        tail = tail[1:]
    if tail and tail[0] in _HEADS and not _ends_open(tail):
        return f"'{wh}' has no place: '{verb}' already has its object"
    return ""


# Verbs whose passive keeps an object ("What will passengers be offered?").
_TWO_OBJECTS = wordset("offered given told asked shown sent paid awarded granted promised "
                       "charged fined owed lent taught allowed denied called named")


def _ends_open(tail: list[str]) -> bool:
    """The clause ends where an object went missing: a preposition, or "to" and a verb."""
    last = tail[-1]
    return last in _STRANDED or (
        len(tail) > 1 and tail[-2] == "to" and lx.base_verb(last))


def _stem(ing: str) -> set[str]:
    """The base forms an "-ing" form may come from ("sending" send, "making" make)."""
    root = ing[:-3]
    return {root, root + "e", root[:-1] if len(root) > 2 and root[-1] == root[-2] else root}


def _adverbial_end(tail: list[str]) -> str:
    """After "why/when/where" the clause is whole: no verb or preposition without its
    object at the end ("... to reduce?", "... sell out within?")."""
    if len(tail) > 1 and tail[-2] == "to" and "verb" in lx.classes(tail[-1]) and \
            not lx.classes(tail[-1]) & {"noun", "adj"} and tail[-1] not in _INTRANSITIVE_END:
        return f"'to {tail[-1]}' without its object at the end"
    if tail and tail[-1] in _NEEDS_OBJECT:
        return f"'{tail[-1]}' without its object at the end"
    if len(tail) > 1 and tail[-2] in _VERB_PREPS and tail[-1].endswith("ing") and \
            _stem(tail[-1]) & _SENT_OBJECTS:
        return f"'{tail[-2]} {tail[-1]}' without its object at the end"
    return ""


_INTRANSITIVE_END = wordset("resign retire recover return arrive leave survive vote agree "
                            "comply improve expand grow continue")


def doubled_preposition(question: str) -> str:
    """ "At what level did the index close at on Thursday?": a question that fronts its
    preposition with the question word leaves it once more in the clause."""
    low = [w.lower() for w in _plain(question)]
    if len(low) > 3 and low[0] in _FRONTED and low[1] in _ADVERBIAL | _OBJECT_WH | {"which", "how"}:
        later = low[2:]
        for k, word in enumerate(later):
            if word == low[0] and (k == len(later) - 1 or later[k + 1] in _FRONTED):
                return f"'{low[0]}' both before the question word and at its place"
    return ""


# The "-ing" of these, last after "after/before/without", has lost its object.
_SENT_OBJECTS = frozenset(clauses.TRANSITIVE) - clauses.ALONE | wordset("send make take bring")
_FRONTED = wordset("at in on to for from with by about of into under since until")


def two_verbs_after_be(question: str) -> str:
    """ "What is the man has not yet been charged": after "what/who is" and a noun phrase
    comes no second auxiliary; "How many would the job losses be compulsory": "how many"
    has no place when the clause has its subject and "be" its complement."""
    words = _plain(question)
    low = [w.lower() for w in words]
    if len(low) < 4 or low[0] not in _OBJECT_WH | {"which", "how"}:
        return ""
    k = 2 if low[0] == "how" and low[1] in ("many", "much") else 1
    if low[k] in BE - {"be", "been", "being"} and low[k + 1] in DETERMINERS:
        phrase, _ = subject(words[k + 1 :], False, True)
        end = k + 1 + phrase.end if phrase else len(low)
        if end < len(low) and low[end] in MODALS | HAVE | BE - {"being"}:
            return f"'{low[k]} ... {low[end]}': a second auxiliary after the subject"
    if k == 2 and low[k] in MODALS and low[3] in DETERMINERS and "be" in low[4:] and \
            low[-1] not in _FRONTED | _TAKES_OBJECT and "adj" in lx.classes(low[-1]):
        return f"'how {low[1]}' has no place: the clause has its subject and complement"
    return ""


def tense_clash(question: str) -> str:
    """ "Will the figures rise as reports came in": a clause of the same time as a
    future question ("as", "while", "when", "once", "until", "if") with a past verb."""
    low = [w.lower() for w in _plain(question)]
    if not low or low[0] not in _FUTURE:
        return ""
    for k, word in enumerate(low[2:], 2):
        if word in _SAME_TIME:
            for later in low[k + 1 : k + 5]:
                if later in ("was", "were") or (lx.past(later) and not lx.participle(later)
                                                and "verb" in lx.classes(later)):
                    return f"'{word} ... {later}': a past verb in a future question"
    return ""


def spliced(question: str) -> str:
    """Pieces of two clauses run together: "Will Whether ...", "Are the allegations and
    maintains that ...", "... a test of whether Reform's strength?" (a "whether" with no
    verb after it), "... the generic later this year, a so-called?" (an article and no
    noun), "Which businesses were across Greater Manchester tricked ..." (the auxiliary
    inside the subject), "guilty of drivers minimum wage" (a plural noun as the charge)."""
    words = _plain(question)
    low = [w.lower() for w in words]
    if len(low) < 3:
        return ""
    inverted = low[0] in MODALS | DO | BE | HAVE or low[1] in MODALS | DO | BE | HAVE
    checks = (
        (low[1] in ("whether", "if", "that"), f"'{words[0]} {words[1]}': a clause word after it"),
        (inverted and _and_finite(low), "a second finite verb after 'and'"),
        ("whether" in low and not _verb_after(low[low.index("whether") + 1 :]),
         "'whether' with no verb after it"),
        (low[-2] in ("a", "an", "the") and words[-1].islower() and _no_noun(low[-1]),
         f"'{low[-2]} {low[-1]}' ends without its noun"),
        (_aux_inside_subject(low), "the auxiliary inside the subject"),
        (bool(re.search(r"\bof that (?:the |a |an |\w+s\b|he\b|she\b|they\b|it\b)",
                        question)), "'of that' and a clause: a statement made a charge"),
        (_tautology(low), "a verb whose object repeats it ('caused the cause')"),
        (low[0] in MODALS | DO | BE | HAVE and low[1] in _NEGATIVE_SUBJECTS,
         f"'{words[0]} {words[1]}': a negative subject in a yes/no question"),
        (low[0] == "had" and "not" in low[2:6] and "been" not in low[2:4],
         "'Had ... not' reads as a condition, not a question"),
        (bool(re.search(r"\b(?:and|but) that\b", question)), "a second reported clause"),
        (bool(_SECOND_QUESTION.search(question)), "a second indirect question run on"),
        (bool(re.search(r"\bto be \w+(?:ed|en) (?!by\b|to\b|in\b|on\b|at\b|for\b)[a-z]+\?$",
                        question)) and lx.base_verb(low[-1]), "'to be done happen': two verbs"),
        (bool(re.search(r"\bguilty of (?!\w+ing\b)\w+s\b(?! of)", question)) and
         lx.plural_noun(low[low.index("guilty") + 2]), "a plural noun as the charge"),
    )
    return next((why for bad, why in checks if bad), "")


def _tautology(low: list[str]) -> bool:
    return any(len(v) > 4 and n[:5] == v[:5] and "verb" in lx.classes(v)
               for v, det, n in zip(low, low[1:], low[2:], strict=False) if det in ("the", "a"))


# "..., or when it last connected": an indirect question the sentence coordinated, glued on.
_SECOND_QUESTION = re.compile(r"(?:,|\b(?:and|or))\s+(?:when|how|why|where|what|who|whether)\s+"
                              r"(?:\w+\s+){0,6}?(?:it|he|she|they|the|its|his|her|their)\b")
_NEGATIVE_SUBJECTS = wordset("neither no none nobody nothing")


def _no_noun(word: str) -> bool:
    """A word that cannot head a noun phrase: a known adjective or verb with no noun
    reading, or a compound like "so-called" (an unknown word may be a noun: "chatbot")."""
    found = lx.classes(word.rsplit("-", 1)[-1])
    return bool(found) and "noun" not in found


def _and_finite(low: list[str]) -> bool:
    return any(a in ("and", "or") and lx.third_person(b) and not lx.plural_noun(b)
               and "verb" in lx.classes(b) for a, b in itertools.pairwise(low))


def _verb_after(low: list[str]) -> bool:
    """A verb, an auxiliary or "to" in ``low`` (a clause, not a bare noun phrase)."""
    return any(w == "to" or w in MODALS | DO | BE | HAVE or (
        "verb" in lx.classes(w) and (lx.past(w) or lx.third_person(w) or lx.base_verb(w)))
        for w in low)


def _aux_inside_subject(low: list[str]) -> bool:
    """ "Which businesses were across Greater Manchester tricked into ...": after
    "which/what N" and "be", a phrase of place and then the participle."""
    if len(low) < 6 or low[0] not in ("which", "what") or low[2] not in BE or \
            low[3] not in _PLACE_PREPS:
        return False
    return any(lx.participle(w) and not lx.classes(w) & {"adj", "noun"} and
               prev not in ("been", "being", "be") for prev, w in itertools.pairwise(low[3:9]))


def problems(question: str) -> list[str]:
    """This module's faults in ``question`` ([] when none)."""
    found = [verb_forms(question), missing_gap(question), doubled_preposition(question),
             two_verbs_after_be(question), tense_clash(question), spliced(question)]
    return [f for f in found if f]


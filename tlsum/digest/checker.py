"""The copy editor's check: is a generated question one a reader would accept?

Every question tlsum prints passes this check; a question that fails is dropped,
not repaired, because a rewriter without a tagger cannot know what it garbled.
The checks are the ones a copy editor applies to a one-line question: it opens
with a question word or an auxiliary, has a subject and a verb, leaves no clause
dangling, carries no reporting verb or dateline left over from the sentence it
came from, names the entity instead of a pronoun, stays under 25 words and ends
with one "?".
"""

from __future__ import annotations

import re
from itertools import pairwise

import tlsum.digest.fidelity as fidelity
import tlsum.digest.gaps as gaps
import tlsum.digest.grammar as g
import tlsum.digest.lexicon as lx
import tlsum.digest.syntax as syntax
from tlsum.digest.phrase import DETERMINERS, DO, MODALS, WH, dummy_it
from tlsum.digest.words import plain, wordset

MAX_WORDS = 24
_NAME_WORD = "Name"
_OPEN_PREP = wordset("at from with by in on for to of under since until")
_REPORTING = wordset(
    "said says told tells added adds insisted insists stated states admitted admits "
    "explained explains noted notes stressed stresses reportedly according announced "
    "say think thinks believe believes warn warned warning warns revealed confirmed fear fears "
    "asked answered replied"
)
# "..., the newspaper reported?": who said it, left after a comma at the end.
_ATTRIBUTED = re.compile(r", (?:[\w'’-]+ ){1,4}(?:reported|said|announced|confirmed|added|wrote|"
                         r"claimed|revealed|found|concluded|ruled|argued|warned|noted|insisted|"
                         r"admitted|suggested|estimated|alleged|stated|reports|says|writes|"
                         r"finds|concludes|argues|warns|notes|insists|believes|thinks)$")
_PASSIVE = wordset("is are was were be been being")
_SUBORDINATORS = wordset("despite although though while whereas because unless if once since "
                         "after before when as")
_DANGLING_END = wordset(
    "a an the and or but of to in on at for with by from as that which who whose whom "
    "because if when while although than saying his her their its my our your is are was were "
    "such"
)
_PRONOUNS = wordset("he she it they him them himself herself themselves")
_DO_MODAL = DO | MODALS
_CLAUSE_LINKS = wordset("when if after before because while until once unless whether as "
                        "although though since so")
_SECTION_WORDS = wordset("Reports Report Photo Photos Video Read More Share Advertisement "
                         "Pictured Caption Related Watch Click")
_DATELINE = re.compile(
    r"\((?:CNN|AP|AFP|Reuters|BBC)[^)]*\)|\b[A-Z]{3,}(?:,? [A-Z]{2,})* ?[-—–]{1,2} |"
    r"\b(?:PUBLISHED|UPDATED|Last updated)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\w{3}\.\d{4}\b|"
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\. \d{1,2}, \d{4}\b"
)
_VERB_HINT = re.compile(r"\b\w+(?:ed|es|s|ing)\b|\b(?:be|do|have|go|get|make|win|face|take|"
                        r"agree|pay|come|leave|say|run|lose|meet|keep|hold|give|find|cause)\b")


def problems(question: str, source: str = "") -> list[str]:
    """What is wrong with ``question`` (an empty list when it passes); ``source`` is the
    sentence it was made from, when known (it tells nouns from verbs)."""
    words = question.split()
    out: list[str] = []
    if not question.endswith("?") or question.count("?") != 1:
        out.append("does not end with one '?'")
    if not 3 <= len(words) <= MAX_WORDS:
        out.append("not 3-24 words")
    if not words:
        return out
    out += _leftovers(question, words, source)
    out += syntax.problems(question, source)
    if not out and g.well_formed(_for_rewrite_marks(question)) is None:
        out.append("the marks of a failed rewrite (grammar.well_formed)")
    return out


def _for_rewrite_marks(question: str) -> str:
    """The question as ``grammar.well_formed`` can judge it: a hyphenated compound by its
    last part ("high-speed" is not a past form in "-ed") and a name's possessive as an
    article ("Will Apple's new headset" is not a contraction like "Won't"), and a name's
    later words as plain names ("Manchester United" is not a past form in "-ed")."""
    words = [w.rsplit("-", 1)[-1] if w[:1].isalpha() and "-" in w.strip("-") else w
             for w in syntax.positive(question).split()]
    words = [_NAME_WORD if k > 1 and w[:1].isupper() and words[k - 1][:1].isupper() and
             w.endswith("ed") else w
             for k, w in enumerate(words)]  # "Manchester United" is a name, not a past
    if len(words) > 2 and words[1][:1].isupper() and words[1].endswith(("'s", "’s")):
        words[1] = "the"
    if dummy_it([w.lower() for w in words[1:]]):
        words[1] = _NAME_WORD  # "Is it safe to ...": the "it" of an infinitive, not a pronoun
    low = [w.lower() for w in words]
    words = [("that " + w if w in _PRONOUNS and _contact_clause(low, k) else
              "when" if k > 2 and low[k] in _CLAUSE_LINKS else w) for k, w in enumerate(words)]
    return " ".join(words)  # "before it was signed", "the rise they were promised": a clause


def failing_rules(question: str, source: str = "") -> list[tuple[str, str]]:
    """Which stage of the check rejects ``question`` and why, for studying a false reject:
    ("leftovers", ...) for this module's checks, ("syntax", ...) for the grammar of
    ``tlsum.digest.syntax`` and ``clauses``, ("grammar.well_formed", ...) last."""
    found = [("leftovers", p) for p in _leftovers(question, question.split(), source)]
    found += [("syntax", p) for p in syntax.problems(question, source)]
    if g.well_formed(_for_rewrite_marks(question)) is None:
        found.append(("grammar.well_formed", "the marks of a failed rewrite"))
    return found


def passes(question: str, source: str = "") -> bool:
    """True when a copy editor would accept ``question`` as printed."""
    return not problems(question, source)


def _reporting(words: list[str]) -> bool:
    """A reporting verb ("said", "warned"), not a passive ("Were the customers warned
    about the scam?", "Was the crew told ...?")."""
    low = [w.lower().strip(",.?;:") if i == 0 or w[:1].islower() else w
           for i, w in enumerate(words)]  # "the United States" is a name, not a report
    passive = low[0] in _PASSIVE
    own = low[0] in WH and len(low) > 1 and low[1] in _DO_MODAL  # "What does X say about"
    return any(w in _REPORTING and not (w.endswith(("ed", "told")) and (passive or (i and
                                                                        low[i - 1] in _PASSIVE)))
               and not _noun_here(low, i) and not (own and lx.base_verb(w))
               for i, w in enumerate(low))


def _noun_here(low: list[str], i: int) -> bool:
    """ "a red warning", "the notes": a reporting word used as a noun, after a
    determiner or an adjective."""
    prev = low[i - 1] if i else ""
    return "noun" in lx.classes(low[i]) and (prev in DETERMINERS or (
        prev.islower() and "adj" in lx.classes(prev)))


def _moved_relative(words: list[str], source: str) -> str:
    """The noun a relative clause belongs to in the source, when the question hangs the
    same clause on another noun ("the farmers who protested" → "... the deal who
    protested"); "" when none moved."""
    said, asked = plain(source), plain(" ".join(words))
    for k in range(1, len(asked) - 1):
        if asked[k] not in ("who", "which"):
            continue
        homes = {said[j - 1] for j in range(1, len(said) - 1)
                 if said[j] == asked[k] and said[j + 1] == asked[k + 1]}
        if homes and asked[k - 1] not in homes:
            return sorted(homes)[0]
    return ""


def _dropped_link(words: list[str], source: str) -> str:
    """The link word the source has between two words the question puts side by side
    ("reopen once the storm passes" → "reopen the storm passes"): without it the second
    clause runs on; "" when none was dropped. "that" and "which" may go ("the deal that
    they struck" → "the deal they struck"), so they do not count."""
    said, asked = plain(source), plain(" ".join(words))
    pairs = set(pairwise(said))
    for a, link, b in zip(said, said[1:], said[2:], strict=False):
        if link in _CLAUSE_LINKS - {"as", "so"} and (a, b) not in pairs and \
                (a, b) in set(pairwise(asked)):
            return link
    return ""


def _lost_apostrophe(words: list[str], source: str) -> str:
    """Two words the source joins with a possessive ("the teachers' pay rise") that the
    question runs together without it ("the teachers pay rise"), so the noun reads as a
    verb; "" when none lost it."""
    asked = [w.strip(",.?;:!\"()“”").lower() for w in words]  # keeps "teachers'" as it is
    for a, b in pairwise(asked):
        if re.search(rf"\b{re.escape(a)}(?:['’]s?|s['’]) {re.escape(b)}\b", source, re.I) \
                and not re.search(rf"\b{re.escape(a)} {re.escape(b)}\b", source, re.I):
            return f"{a} {b}"
    return ""


def _unnamed(words: list[str]) -> bool:
    """A pronoun with nothing before it to name what it means: "Will he resign?", but not
    "Were any passengers on board the ferry when it caught fire?", where a link word opens
    a clause after the noun the pronoun refers to."""
    low = [w.lower().strip(",.?;:") for w in words]
    for k, word in enumerate(low):
        if word in _PRONOUNS and not _CLAUSE_LINKS & set(low[2:k]) and \
                not dummy_it(low[k:], 1 if low[0] in WH else 2) and \
                not _contact_clause(low, k) and \
                not _bound(low, k):
            return True
    return False


def _bound(low: list[str], k: int) -> bool:
    """A pronoun whose antecedent the question names before it: a reflexive after the
    subject ("Will the mayor defend himself?"), or an object pronoun after a possessor
    ("Will the striker's injury keep him out ...?")."""
    if k < 3:
        return False
    if low[k].endswith(("self", "selves")):
        return True
    return low[k] in ("him", "her", "them") and any(w.endswith(("'s", "’s")) for w in low[1:k])


def _contact_clause(low: list[str], k: int) -> bool:
    """ "... the empty shopping centre it bought in 2019": a subject pronoun opening a
    relative clause without "that" on the noun before it (whose verb has no object of
    its own); it refers back to the question's own subject, named earlier."""
    prev, nxt = low[k - 1], (low[k + 1] if k + 1 < len(low) else "")
    obj = low[k + 2] if k + 2 < len(low) else ""  # "the league they lost their captain":
    if obj in DETERMINERS or obj in _PRONOUNS:  # its verb has an object, so a new clause
        return False
    passive = nxt in _PASSIVE and lx.participle(obj)  # "the rise they were promised"
    return k >= 4 and "noun" in lx.classes(prev) and prev not in DETERMINERS and \
        low[k] not in ("him", "them", "himself", "herself", "themselves") and \
        (lx.past(nxt) or lx.third_person(nxt) or passive) and not lx.plural_noun(nxt)


def _leftovers(question: str, words: list[str], source: str) -> list[str]:
    """Pieces of the source sentence that should not survive into a question."""
    out: list[str] = []
    body = question.rstrip("?").strip()
    last = body.split()[-1] if body.split() else ""
    if last.lower().strip(",") in _DANGLING_END or body.endswith((",", ";", ":", "-")):
        out.append("dangling clause at the end")
    if re.search(r",\s+(?:and|but|or)\s+(?:\w+ly\s+)?\w+(?:ed|s)\b(?!\s+(?:the|a|an)\b)", body):
        out.append("dangling coordinated clause without a subject")
    if re.search(r"\b(?:and|but|or),? (?:\w+ ){0,3}?(?:will|would|could|might|may|can|should|"
                 r"is|are|was|were|has|have|had)\b", body) or re.search(r", \w+$", body):
        out.append("a second clause run on")
    if re.search(r"\b(?:after|before|when|if|because|while|since|until|once|unless|although|"
                 r"as|that) (?:he|she|they|we|i|it)$", body, re.IGNORECASE):
        out.append("a clause cut off after its subject")
    if re.search(r"\b(?:of|to|for|with|by|from) (?:in|on|at|of|to|for|by)\b", body):
        out.append("a preposition with no object")
    if re.search(r"[a-z]{2}[A-Z][a-z]+[A-Z]|\b[a-z]{3,}[A-Z][a-z]{2,}\b|"  # "deviceVictory"
                 r"\b(?:Scroll down|Share this|Click here)\b", body):
        out.append("page chrome glued in")
    if _reporting(words) or _ATTRIBUTED.search(body):
        out.append("reporting verb left in")
    if _DATELINE.search(question) or (len(words) > 2 and words[-1].rstrip("?") in _SECTION_WORDS
                                      and words[-2][:1].islower()):
        out.append("dateline or caption fragment")
    if (name := truncated_name(words, source)):
        out.append(f"a name cut short ('{name}')")
    if (noun := _moved_relative(words, source)):
        out.append(f"a relative clause moved away from '{noun}'")
    if (link := _dropped_link(words, source)):
        out.append(f"a second clause run on: the source's '{link}' was dropped")
    if (lost := _lost_apostrophe(words, source)):
        out.append(f"a possessive without its apostrophe ('{lost}')")
    if _unnamed(words):
        out.append("a pronoun where the entity should be named")
    if body.count("(") != body.count(")") or body.count('"') % 2:
        out.append("unbalanced brackets or quotes")
    return out + fidelity.problems(question, source) + gaps.problems(question)


_COMPASS = wordset("north south east west northern southern eastern western")
_ADJ_ENDINGS = ("al", "ary", "ic", "ive", "ous", "an", "ese", "ish")
_NAME_JOINERS = wordset("and of for &")


def truncated_name(words: list[str], source: str = "") -> str:
    """A name cut before its head ("the World Health", "the Food and Agriculture"): a run
    of two or more capitalised words after "the" ending in a word that is, in lower case,
    only a modifier (an adjective) or a mass noun, or one that the source sentence goes
    on with another capitalised word ("the European Space" of "the European Space
    Agency"); "" when there is none."""
    words = [w.strip("?,.;:") for w in words]
    for i in range(1, len(words) - 1):
        if words[i - 1].lower() != "the" or not words[i][:1].isupper():
            continue
        j = _name_end(words, i)
        name, last = " ".join(words[i:j]), words[j - 1].lower()
        if j == i + 1 and (_adjective_head(last, words[j] if j < len(words) else "") or
                           ("adj" in lx.classes(last) and _goes_on(name, source))):
            return name  # "Will the Supreme uphold ...": an adjective cannot head a name
        if sum(w[:1].isupper() for w in words[i:j]) < 2:
            continue
        if (last not in _COMPASS and _modifier(last)) or _goes_on(name, source) or \
                _gapped(words[i:j], source):
            return name
    return ""


def _adjective_head(word: str, nxt: str) -> bool:
    """A capitalised word alone after "the" that is, in lower case, only an adjective,
    with no noun after it to modify ("the Supreme uphold"; not "the Democratic party")."""
    return lx.classes(word) == {"adj"} and not (nxt.islower() and "noun" in lx.classes(nxt))


def _name_end(words: list[str], i: int) -> int:
    """Where the run of capitalised words from ``i`` ends ("Food and Agriculture")."""
    j = i
    while j < len(words) and words[j][:1].isupper() and words[j].replace("-", "").isalpha():
        j += 1
        if j + 1 < len(words) and words[j] in _NAME_JOINERS and words[j + 1][:1].isupper():
            j += 1
    return j


def _goes_on(name: str, source: str) -> bool:
    """Does ``source`` continue "the ``name``" with a capitalised word (its head, cut off),
    and never use it alone? "the" belongs to the whole name, so "White House Press
    Secretary" does not make "the White House" a cut name."""
    if not source:
        return False
    found = re.findall(r"\b[Tt]he " + re.escape(name) + r"\b( (?:(?:and|of|for|&) )?[A-Z][a-z])?",
                       source)
    return bool(found) and all(found)

def _gapped(name: list[str], source: str) -> bool:
    """Is ``name`` a longer name of ``source`` with a word cut from its middle ("the United
    Security Council" of "the United Nations Security Council"): never in the source as it
    stands, but its words in order inside one run of capitalised words there?"""
    if not source or " ".join(name) in source:
        return False
    runs = re.findall(r"[A-Z][\w'-]*(?: (?:(?:and|of|for|&) )?[A-Z][\w'-]*)+", source)
    return any(_in_order(name, run.split()) for run in runs)


def _in_order(part: list[str], whole: list[str]) -> bool:
    """Are the words of ``part`` in ``whole``, in the same order?"""
    rest = iter(whole)
    return all(word in rest for word in part)


def _modifier(word: str) -> bool:
    """A word that only modifies: an adjective with no noun or verb reading ("monetary"),
    one with an adjective's ending ("central", "federal", "atomic"; lemminflect lists most
    adjectives as nouns too), or a noun with no plural ("health")."""
    found = lx.classes(word)
    if "adj" in found and (found <= {"adj", "adv"} or word.endswith(_ADJ_ENDINGS)):
        return True
    return found == {"noun"} and lx.inflections(word).get("noun", ()) == (word,)

"""Checks that compare a rule-written question with the sentence it came from.

A rewriter that misreads its sentence still writes something shaped like a
question; what gives it away is what it did to the sentence's words. These are
the traces a copy editor sees when the two are side by side, each a fault the
grammar of the question alone (``tlsum.digest.syntax``) cannot see:

* a name cut before its end ("the Royal Society for the Prevention of Cruelty"
  of "... of Cruelty to Animals");
* the wrong question word for the clause the sentence leaves open ("What will
  lead the inquiry?" of "it is unclear who will lead the inquiry");
* a "to" dropped between a verb and its infinitive ("Will the council plans
  build ...?" of "the council plans to build");
* a verb that takes a person as object left without one before its
  preposition ("Will the prime minister appoint as foreign secretary?");
* "whether" or "if" left inside a question before a bare verb, a preposition
  left dangling before a comma.

Each returns the problem's description, or "" when there is none.
"""

from __future__ import annotations

import itertools
import re

import tlsum.digest.lexicon as lx
from tlsum.digest.words import WH, plain, wordset

_JOINERS = r"(?:(?:and|of|for|to|&|de|the) )*"
_NAME = re.compile(r"[A-Z][\w'’-]*(?: " + _JOINERS + r"[A-Z][\w'’-]*)+")
# Prepositions that always take an object: one before a comma lost it ("40 shelters across,").
_OBJECT_PREPS = wordset("of from into onto across among amongst between during despite toward "
                        "towards via amid throughout with at for about against")
# Verbs whose object is a person or a body, never left out before a preposition.
_PERSON_VERBS = wordset(
    "appoint fine sue accuse elect nominate sack sentence arrest blame punish "
    "compensate reimburse penalise penalize prosecute summon convict replace reappoint "
    "promote dismiss suspend expel extradite deport")
_PREP_COMMA = re.compile(r"\b(?:" + "|".join(sorted(_OBJECT_PREPS)) + r"),", re.I)
_AFTER_PERSON = wordset("as for to with over from in on at after by into")
_OPEN_CUE = re.compile(
    r"\b(?:unclear|not clear|not known|unknown|uncertain|not (?:yet )?(?:said|say|disclosed|"
    r"revealed|confirmed|announced|determined|decided|explained|specified|established)|"
    r"no word on|(?:to|will) decide|(?:to|will) determine|investigating|assessing|"
    r"trying to (?:establish|determine|find out)|wonder(?:s|ed|ing)?|asked)\b,? ", re.I)
_WH_PHRASE = re.compile(r"\b(how (?:long|much|many|soon|often|far)|who|whom|what|when|where|"
                        r"why|which|how)\b", re.I)
# A question may ask "what" where the sentence says "how much" (what it will cost).
_SAME_WH = {"how much": {"what"}, "which": {"what"}, "whom": {"who"}, "who": {"whom"}}
_FUNCTION = wordset("the a an of to in on at for by with from and or will would could can "
                    "should may might is are was were be been has have had do does did it its")


def cut_name(question: str, source: str) -> str:
    """A name of two or more capitalised words that the source always goes on with
    ("... of Cruelty" + " to Animals") while the question stops there."""
    if not source:
        return ""
    body = question.rstrip("?")
    for m in _NAME.finditer(body):
        name = m.group(0)
        if m.start() == 0 and " " not in name:
            continue
        if m.start() == 0:  # the question's first word is capitalised anyway
            name = re.sub(r"^\S+ " + _JOINERS, "", name)
        if sum(w[:1].isupper() for w in name.split()) < 2:
            continue
        found = re.findall(re.escape(name) + r"( " + _JOINERS + r"[A-Z][a-z])?", source)
        if found and all(found):
            return name
    return ""


def wrong_wh(question: str, source: str) -> str:
    """The question asks the clause the sentence leaves open ("unclear who will lead the
    investigation") with another question word ("What will lead the investigation?")."""
    asked = _WH_PHRASE.match(question)
    if not asked or not source:
        return ""
    wh = asked.group(1).lower()
    words = {w for w in plain(question[asked.end():]) if w and w not in _FUNCTION}
    for cue in _OPEN_CUE.finditer(source):
        clause = _WH_PHRASE.match(source, cue.end())
        if not clause:
            continue
        said = clause.group(1).lower()
        rest = set(plain(re.split(r"[,;.]", source[clause.end():])[0]))
        if words and len(words & rest) >= 0.7 * len(words) and wh != said and \
                wh not in _SAME_WH.get(said, ()):
            return f"'{wh}' where the sentence leaves '{said}' open"
    return ""


def dropped_to(question: str, source: str) -> str:
    """Two words the source joins with "to" and a verb ("plans to build") that the
    question puts side by side ("the council plans build"); not a noun and its verb
    ("prompting authorities to issue" → "did authorities issue")."""
    said, asked = plain(source), plain(question)
    pairs = {(a, c) for a, to, c in zip(said, said[1:], said[2:], strict=False)
             if to == "to" and lx.base_verb(c)}
    for a, b in itertools.pairwise(asked):
        if (a, b) in pairs and f"{a} {b}" not in " ".join(said) and "verb" in lx.classes(a):
            return f"'{a} {b}': the source's 'to' was dropped"
    return ""


def no_person(question: str) -> str:
    """A verb that takes a person as its object, followed straight by a preposition
    ("appoint as foreign secretary", "fine for the breach") in a yes/no question (a
    wh-question may have moved the object to its front: "Whom will she appoint as ...")."""
    low = plain(question)
    if not low or _WH_PHRASE.match(low[0]):
        return ""
    for k in range(2, len(low) - 1):
        if low[k] in _PERSON_VERBS and low[k + 1] in _AFTER_PERSON and \
                low[k - 1] not in _OPENERS and \
                not low[k - 1].endswith("'s"):
            return f"'{low[k]} {low[k + 1]}': the verb's object is missing"
    return ""


def stray_link(question: str, source: str = "") -> str:
    """ "Will the company whether appeal ...": a "whether" or "if" right before a bare
    verb, or before a word the source's "whether" never has next to it (its clause lost
    its subject); or a preposition right before a comma ("40 shelters across, ...")."""
    low, said = plain(question), " ".join(plain(source))
    for a, b in itertools.pairwise(low):
        bare = lx.classes(b) <= {"verb", "aux"} and lx.base_verb(b) and b not in ("be", "there")
        if a in ("whether", "if") and (bare or (f" {a} " in f" {said} " and
                                                f" {a} {b} " not in f" {said} ")):
            return f"'{a} {b}': a clause word left inside"
    if _PREP_COMMA.search(question):
        return "a preposition left without its object before a comma"
    return ""


_REMOVABLE = wordset("will would can could should may might must shall do does did is are was "
                     "were be been being has have had not also still yet now already ever "
                     "reportedly possibly formally finally eventually")
_INTENT = re.compile(r"^(?:(?:plans?|planned|hopes?|hoped|intends?|intended|aims?|aimed|wants?|"
                     r"wanted|expected|set|likely|due|going|seeks?|sought|tries|try|tried|"
                     r"agreed|agrees?|decided|decides?|able|ready|prepared|willing) to)$")
_WH_WORDS = WH | wordset("much many long")
_PREPOSITIONS = wordset("of in on at for from with to by about into over against after before")
_OPENERS = wordset("the a an his her its their our this that these those")
_RELATIVE = wordset("which who whom that")


def dropped_words(question: str, source: str) -> str:
    """Two words the question puts side by side that the source has with a small piece
    between them that a rewriter has no reason to drop: a word ("demand for electric
    vehicles" → "demand electric vehicles", "30,000 tonnes of" → "30,000 of") or a short
    noun phrase ("approve the deal brokered by" → "approve brokered by"). Auxiliaries,
    "not", adverbs in "-ly" and "plans to"/"is expected to" may go; a time phrase may move."""
    said, asked = plain(source), plain(question)
    wh = bool(asked) and asked[0] in _WH_WORDS
    names = {w.lower() for w in plain(" ".join(w for w in question.split()[1:]
                                                  if w[:1].isupper()))}
    if not said:
        return ""
    for k, (a, b) in enumerate(itertools.pairwise(asked[1:])):
        opening = _WH_WORDS if k < 2 else frozenset()  # "How much will", not "which was"
        if {a, b} & (_REMOVABLE | opening | _OPENERS) or b == "to" or b in names:
            continue  # an auxiliary moved, a question word added, a description before a name
        gaps = [said[i + 1 : j] for i, w in enumerate(said) if w == a
                for j in range(i + 1, min(i + 6, len(said))) if said[j] == b]
        if gaps and not any(_may_drop(a, gap, wh) for gap in gaps):
            return f"'{a} {b}': the source's '{' '.join(gaps[0])}' was dropped"
    return ""


def _may_drop(a: str, gap: list[str], wh: bool) -> bool:
    """Whether a rewriter may leave ``gap`` out after ``a`` (a relative pronoun keeps its
    auxiliary: "the dam, which was damaged" is not "which damaged")."""
    if not gap:
        return True
    if a in _RELATIVE or (not wh and _RELATIVE & set(gap)):
        return False  # "the cabinet, which is expected to take" is not "the cabinet take"
    rest = [w for w in gap if w not in _REMOVABLE and not w.endswith("ly")]
    if not rest or (rest == [rest[0]] and rest[0] in _RELATIVE | {"to"}) or \
            (_INTENT.match(" ".join(rest[-2:])) and len(rest) <= 3):
        return True  # "the supermarkets that sold" → "Which supermarkets sold"
    phrase = rest[0] in _OPENERS and len(rest) <= 4 and rest[-1] not in _PREPOSITIONS
    return not (len(rest) == 1 or phrase)


def foreign_number(question: str, source: str) -> str:
    """A number the source does not have ("2 households" of "2,300 households")."""
    if not source:
        return ""
    said = set(plain(source))
    for word in plain(question):
        if any(c.isdigit() for c in word) and word not in said and word.rstrip("s") not in said:
            return f"the number '{word}' is not in the sentence"
    return ""


def cut_off(question: str, source: str) -> str:
    """The question stops where the source goes on with a quoted object ("would determine
    \"what comes next\"" → "Will the outcome determine?") or with the rest of a list
    ("go ahead, be paused, or be abandoned" → "... go ahead, be paused?")."""
    tail = plain(question)[-2:]
    if len(tail) < 2 or not source:
        return ""
    words = r"\W+".join(re.escape(w) for w in tail)
    quoted = re.search(r"\b" + re.escape(tail[-1]) + r"\s+[\"“'‘](\w+)", source, re.I)
    if quoted and quoted.group(1).lower() not in _ADVERBIAL_OPENERS:
        return f"'{' '.join(tail)}': the quoted words after it were dropped"
    last_item = question.rstrip("?").split(",")[-1].split()
    if "," in question and len(last_item) <= 3 and \
            re.search(words + r"(?:,\s+(?:[\w'-]+\s+){0,4}?|,?\s+)(?:or|and)\s", source, re.I) and \
            not re.search(r"\b(?:or|and)\b", question):
        return f"'{' '.join(tail)}': a list cut before its last item"
    return ""


def _capital_opening(word: str, source: str) -> bool:
    """``word`` is the source's first word, capitalised only for that: a determiner or a
    common plural noun ("Lawyers", "Shoppers"; not "Jones", whose singular is no noun)."""
    said = source.split()
    low = word.lower()
    return bool(said) and word == said[0].strip(",.;:\"'“”") and word[:1].isupper() and \
        word not in said[1:] and (low in _OPENERS or (lx.plural_noun(low) and any(
            m != low for m in lx.lemmas(low, "noun"))))


def stray_capital(question: str, source: str) -> str:
    """A word the source capitalises only because it opens the sentence ("Lawyers for
    both sides ..." → "Will Lawyers for both sides ...")."""
    for word in question.split()[1:]:
        bare = word.strip(",.?;:!\"'()“”‘’")
        if bare and _capital_opening(bare, source):
            return f"'{bare}' keeps the capital of the sentence's first word"
    return ""


def lowered(question: str, source: str) -> str:
    """``question`` with the source's first word in lower case where it was capitalised
    only for opening the sentence (what a rewriter moving it inside should do)."""
    words = question.split()
    return " ".join([words[0], *(w.lower() if _capital_opening(w.strip("?,"), source) else w
                                 for w in words[1:])]) if words else question


# A quotation opening with these is an adverbial ("would be considered \"in due course\""),
# not the object the verb before it needs ("would determine \"what comes next\"").
_ADVERBIAL_OPENERS = _PREPOSITIONS | wordset("once when until if soon very so")
_PARTICIPLE_TAIL = re.compile(r", (?:citing|saying|adding|noting|claiming|arguing|insisting|"
                              r"describing|calling|warning|explaining|stating)\b")


def problems(question: str, source: str = "") -> list[str]:
    """Every fault of this module's kinds in ``question`` (made from ``source``)."""
    found = [cut_name(question, source), wrong_wh(question, source),
             dropped_to(question, source), no_person(question), stray_link(question, source),
             dropped_words(question, source), foreign_number(question, source),
             cut_off(question, source), stray_capital(question, source),
             "a reporting clause left at the end" if _PARTICIPLE_TAIL.search(question) else ""]
    return [f for f in found if f]

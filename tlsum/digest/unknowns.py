"""Sentences that say what is not known, and the direct question each one raises.

An indirect question ("it is unclear whether X", "police did not say why Y"), a
series of them, an unnamed thing ("the cause has not been determined"), a probe, a
claim or a denial, a trial or a sentencing still to come; then the softer rules of
``tlsum.digest.rules``. ``RULES`` is the order they are tried in.
"""

from __future__ import annotations

import re

import tlsum.digest.grammar as g
import tlsum.digest.rules as r
from tlsum.digest.words import wordset

_CUE = (
    r"(?:unclear|not clear|unknown|not known|uncertain|undecided|unsure|not sure|unaware|"
    r"remains? to be seen|no word|no indication|questions? (?:remains?|over|about|as to)|"
    r"wonder(?:s|ing)?|"
    r"(?:not|yet to|declined|refused|unable|without)(?: \w+ly| later| immediately| yet)?"
    r"(?: to)? (?:be )?"
    r"(?:say|said|state|stated|confirm(?:ed)?|disclosed?|reveal(?:ed)?|explain(?:ed)?|"
    r"specif(?:y|ied)|decided?|determined?|established?|announced?|address(?:ed)?|"
    r"comment(?:ed)? on|know|knew|known|clear)|"
    r"not\b[^.;]{0,50}?\bto (?:say|reveal|disclose|confirm|specify|explain)|"
    r"investigat(?:e|es|ed|ing|ion|ions|ors?)|to (?:determine|establish|confirm|find out|verify)|"
    r"trying to (?:understand|work out)|"
    r"(?:will|to|must|yet to|has not|have not) decide|deciding|considering|weighing|"
    r"depends? on|examin(?:e|es|ing)|assess(?:es|ing)?|looking into|prob(?:e|es|ing))"
)
_INDIRECT = re.compile(
    rf"\b{_CUE}\b(?P<gap>(?:,?\s+[\w'-]+){{0,10}}?)[\s,]+(?P<wh>whether|if|why|how|what|who|"
    r"when|where|which|that)\b(?P<rest>[^;:?!]*)",
    re.IGNORECASE,
)
_INCIDENT = (
    r"(?:death|deaths|crash|fire|blaze|explosion|blast|collapse|incident|attack|shooting|"
    r"accident|disappearance|outbreak|derailment|stabbing|killing|murder|leak|failure|"
    r"sinking|poisoning|illness|injuries|outage)"
)
_PROBE = re.compile(
    rf"\b(?:investigat(?:ing|ion into|ions into)|probe into|probing|inquiry into|looking into)\s+"
    rf"(?P<np>(?:the |a |an |his |her |their |this |its )?(?:[\w’'-]+ ){{0,4}}{_INCIDENT}"
    r"(?: of [\w’' -]{2,40}?)?)(?=[,.;]|\s+(?:in|at|on|near|after|which|that|and|but)\b|$)",
    re.IGNORECASE,
)
_SENTENCED = re.compile(
    r"\b(?:will|is due to|are due to|is expected to|are expected to|is set to|are set to|"
    r"faces?|facing|awaits?|awaiting) (?:be )?sentenc(?:ed|ing)\b",
    re.IGNORECASE,
)
_TRIAL = re.compile(
    r"\b(?:pleaded not guilty|pleads not guilty|denies|denied|deny) (?:to |all )?(?:the )?"
    r"(?:charges? of |counts? of |charges? |allegations? of |accusations? of )?"
    r"(?P<charge>[\w’' -]{3,60}?)"
    r"(?=[,.;]|\s+(?:and|at|in|on|after|before|when|during)\b|$)",
    re.IGNORECASE,
)
_DENIED_CLAUSE = re.compile(
    r"\b(?:has|have|had)?\s*(?:denied|denies|deny) (?:that |claims that |reports that )"
    r"?(?P<clause>(?:it|he|she|they|anything|the \w+|[A-Z]\w+) .{5,})",
)

def indirect(wh: str, rest: str, subject: str) -> str | None:
    """Direct question from "whether/if REST" or "WH REST"; ``subject`` serves "whether to"."""
    rest = rest.strip()
    if wh in ("whether", "if", "that"):
        rest = re.sub(r",?\s+or not\b.*$", "", re.sub(r"^or not\s+", "", rest))
        if rest.lower().startswith("to ") and subject:
            return g.finish(f"will {subject} {rest[3:]}")
        inverted = g.invert(rest)
        return g.finish(inverted) if inverted else None
    if wh in g.WH:
        if rest.lower().startswith("to ") and subject:
            return g.finish(f"{wh} will {subject} {rest[3:]}")
        question = g.wh_question(f"{wh} {rest}")
        return g.finish(question) if question else None
    return None


_WH_WORDS = r"(?:whether|when|how|who|why|where|what|which)\b"
_SERIES_SPLIT = re.compile(
    rf",\s*(?:(?:and|or)\s+)?(?={_WH_WORDS})|(?<!\s)\s+(?:and|or)\s+(?={_WH_WORDS})"
)


def indirect_series(text: str) -> list[str]:
    """ "It is unclear whether X, when Y and how many Z" → one question per clause.

    All or nothing: if any clause of the series does not make a question, the
    sentence is left to the single-question rules.
    """
    m = _INDIRECT.search(text)
    if not m or r.in_quotes(text, m.start()) or m.group("wh").lower() == "that":
        return []
    parts = _SERIES_SPLIT.split(f"{m.group('wh')} {m.group('rest')}")
    if len(parts) < 2:
        return []
    questions: list[str] = []
    for part in parts:
        wh, _, rest = part.strip().partition(" ")
        body = r.clause(rest)
        question = indirect(wh.lower(), body, "") if body else None
        if not question:
            return []
        if questions and _BARE_PRONOUN.search(question):
            continue  # "… or what they are sensing": not self-contained on its own
        questions.append(question)
    return questions if len(questions) > 1 else []


_BARE_PRONOUN = re.compile(r"\b(?:they|it|he|she|them|him|her)\b", re.IGNORECASE)


def _rule_indirect(text: str) -> tuple[str, str] | None:
    """ "it is unclear whether X" → "X?"; "did not say why Y" → "Why Y?" (explicit)."""
    for m in _INDIRECT.finditer(text):
        wh, gap = m.group("wh").lower(), m.group("gap")
        if r.in_quotes(text, m.start()) or ("," in gap and wh != "whether"):
            continue
        if re.search(r",\s*(?:which|who|where|when)$", text[: m.start("wh") + len(wh)]):
            continue  # ", which ..." is a relative clause, not an indirect question
        if wh == "which" and not g.nounish(m.group("rest").split()[0] if m.group("rest").split()
                                            else "x"):
            continue
        if wh == "that" and not re.search(r"confirm|establish|verify", m.group(0)):
            continue
        if re.match(r"unaware|wonder", m.group(0)) and wh not in ("whether", "if"):
            continue  # "unaware of what was going on" describes a character, not an open issue
        if re.search(r"\b(?:began|started|begun) to wonder", text):
            continue  # a researcher's past wondering is a story told, not a question open now
        body = r.clause(m.group("rest"))
        question = indirect(wh, body, _subject(text[: m.start()])) if body else None
        if question:
            return _pied_piped(gap, question), "explicit"
    return None


def _pied_piped(gap: str, question: str) -> str:
    """ "wonder at what point X" → "At what point ...?": keep the preposition."""
    last = gap.split()[-1].lower() if gap.split() else ""
    if last in ("at", "from", "with", "by") and question.split()[0].lower() in ("what", "which"):
        return last.capitalize() + " " + question[0].lower() + question[1:]
    return question


def _subject(prefix: str) -> str:
    """The main clause's subject, for "officials have yet to decide whether to X"."""
    words = prefix.split()
    for i, w in enumerate(words):
        if w.lower() in g.AUX or w.lower() in ("not", "yet", "still", "are", "is"):
            subject = words[:i]
            return " ".join(g.lower_first(subject)) if 0 < len(subject) <= 6 else ""
    return ""


_WH_UNCLEAR = re.compile(
    r"(?:^|,\s+(?:but|and|though)\s+|;\s+)(?:But |And |However, )?(?P<wh>whether|why|how|what|who|"
    r"when|where|which)\b(?P<c>[^,;:]+?)\s+(?:is|remains|was) (?:still |yet |also )?"
    r"(?:unclear|unknown|uncertain|a mystery|a question mark|an open question|not known|"
    r"not clear|undecided|to be seen|to be determined)\b"
)


def _rule_wh_unclear(text: str) -> tuple[str, str] | None:
    """ "when he will return is still a question mark" → "When will he return?" (explicit)."""
    m = _WH_UNCLEAR.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    question = indirect(m.group("wh").lower(), m.group("c"), "")
    return (question, "explicit") if question else None


_NP_OPEN = re.compile(
    r"^(?:But |However, |So far, )?(?P<np>(?:The|the) [\w'’ -]{2,90}?)(?:,[^,]*,)?\s+"
    r"(?P<v>is|was|are|were|remains|remained|has|have|had)\s+(?:still |also |now )?"
    r"(?:not (?:yet )?(?:been )?|yet to be |yet to |been )?"
    r"(?P<state>unknown|unclear|uncertain|a mystery|not known|under investigation|"
    r"being investigated|identified|named|determined|established|deciphered|explained|"
    r"confirmed|known|understood|released|disclosed)\b"
)
_NEEDS_NEGATION = ("identified", "named", "determined", "established", "deciphered",
                   "explained", "confirmed", "known", "understood", "released", "disclosed")


# What a "not named" noun must be for "Who is ...?" (a thing unnamed asks nothing a reader
# can phrase as well: "Who is the farm?").
_PERSONS = wordset(
    "victim man woman boy girl child baby person teenager suspect driver officer pilot "
    "soldier patient player worker teacher student nurse doctor passenger resident owner "
    "employee official member candidate winner buyer seller donor father mother son "
    "daughter husband wife partner friend neighbour neighbor climber cyclist pedestrian "
    "motorist rider tourist whistleblower source informant attacker gunman "
    "killer shooter defendant claimant complainant witness juror judge minister manager "
    "director executive chief coach fan spokesman spokeswoman spokesperson")


def _rule_np_open(text: str) -> tuple[str, str] | None:
    """ "The cause of the fire is unknown" → "What caused the fire?"; unnamed victims too."""
    m = _NP_OPEN.search(text)
    if not m or len(m.group("np").split()) > 12:
        return None
    state, head = m.group("state"), m.group(0)
    if state in _NEEDS_NEGATION and not re.search(r"\bnot\b|\byet to\b", head):
        return None
    np = m.group("np")
    np = np[0].lower() + np[1:]
    cause = re.match(r"the cause of (.+)", np)
    if cause:
        return g.finish(f"what caused {cause.group(1)}"), "explicit"
    identity = re.match(r"the identit(?:y|ies) of (.+)", np)
    if identity or state in ("identified", "named"):
        who = identity.group(1) if identity else np
        plural = _plural(who) or who.endswith("s")
        if not identity and not plural and who.split()[-1] not in _PERSONS:
            return None  # "the farm was not named": not "Who is the farm?"
        return g.finish(f"who {'are' if plural else 'is'} {who}"), "explicit"
    if re.search(_INCIDENT + r"$", np) and "investigat" in state:
        return g.finish(f"what caused {np}"), "explicit"
    if "investigat" in state:
        return None  # "the driver ... is under investigation": not "What is the driver?"
    tense = "was" if m.group("v") in ("was", "remained", "had") else "is"
    return g.finish(f"what {tense} {np}"), "explicit"


def _rule_probe(text: str) -> tuple[str, str] | None:
    """ "police are investigating the death of X" → "What caused the death of X?"."""
    m = _PROBE.search(text)
    if not m:
        return None
    np = re.sub(r"^(?:a|an) ", "the ", m.group("np").strip())
    np = re.sub(r"^the (?:cause|causes|origin) of ", "", np)  # not "What caused the cause of"
    return g.finish(f"what caused {np}"), "explicit"


_CLAIMS = re.compile(
    r"\binvestigat(?:ing|ion into|e|es|ed)\s+(?P<obj>(?:an? |the )?[\w' -]{2,40}? )?"
    r"(?:over |into |after )?(?P<what>claims?|allegations?|reports?|complaints?|accusations?)\s+"
    r"(?:(?P<that>that )|(?P<of>of ))?(?P<rest>.+)"
)


def _rule_claims(text: str) -> tuple[str, str] | None:
    """ "investigating an allegation of harassment" → "Is the allegation of harassment true?"."""
    m = _CLAIMS.search(text)
    if not m:
        return None
    rest = r.clause(m.group("rest"))
    if not rest:
        return None
    if m.group("of"):
        what = m.group("what")
        verb = "are" if what.endswith("s") else "is"
        return g.finish(f"{verb} the {what} of {rest} true"), "explicit"
    obj = (m.group("obj") or "").strip()
    first = rest.split()[0].lower()
    if first in ("he", "she", "they") and obj:
        rest = re.sub(r"^(?:an?|the) ", "the ", obj) + " " + " ".join(rest.split()[1:])
    inverted = g.invert(rest)
    return (g.finish(inverted), "explicit") if inverted else None


def _rule_denied(text: str) -> tuple[str, str] | None:
    """ "Greece has denied it will fail to pay" → "Will Greece fail to pay?" (implied)."""
    m = _DENIED_CLAUSE.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    body = r.clause(m.group("clause"))
    if not body:
        return None
    subject = r.subject_before(text, m.start())
    words = body.split()
    if words[0].lower() in ("it", "he", "she", "they"):
        if not subject:
            return None
        body = " ".join([subject, *words[1:]])
    inverted = g.invert(body)
    return (g.finish(inverted), "implied") if inverted else None


def _rule_sentenced(text: str) -> tuple[str, str] | None:
    """ "X will be sentenced next month" → "What sentence will X receive?" (implied)."""
    m = _SENTENCED.search(text)
    if not m:
        return None
    subject = r.subject_before(text, m.start())
    if not subject or subject.lower() in ("he", "she"):
        return None
    return g.finish(f"what sentence will {subject} receive"), "implied"


def _rule_trial(text: str) -> tuple[str, str] | None:
    """ "X pleaded not guilty to murder" → "Is X guilty of murder?" (implied)."""
    m = _TRIAL.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    subject = r.subject_before(text, m.start())
    charge = re.sub(r"^(?:any|all|the|a|an)\s+", "", m.group("charge").strip())
    charge = re.sub(r"^(?:\w+day|yesterday|today) (?:to )?(?:charges? (?:of |including )?)?",
                    "", charge)
    # "denies a charge of gross negligence manslaughter": guilty of the offence, not the charge
    charge = re.sub(r"^(?:(?:one|two|three|four|five|\d+|several|separate) )?(?:charges?|counts?) "
                    r"(?:of|including) ", "", charge)
    if not subject or subject.split()[0].lower() in ("he", "she") or len(charge.split()) > 8:
        return None
    if re.match(r"(?:knowledge|involvement|responsibility|any role|any part|links?)\b", charge):
        return None  # "denied any knowledge of the heist": a denial of a fact, not a charge
    if re.match(r"(?:wrongdoing|doing anything wrong|charges?)$", charge):
        return g.finish(f"did {subject} do anything wrong"), "implied"
    claims = re.match(r"(?:(?P<who>\w+'s?) |both |these |those )?(?P<what>(?:allegations?|claims?|"
                      r"accusations?|reports?))$", charge)
    if claims:
        verb = "are" if claims.group("what").endswith("s") else "is"
        whose = claims.group("who")
        what = f"{whose} {claims.group('what')}" if whose else \
            f"the {claims.group('what')} against {subject}"
        return g.finish(f"{verb} {what} true"), "implied"
    if charge.startswith("being "):
        return g.finish(f"{'were' if _plural(subject) else 'was'} {subject} {charge[6:]}"), \
            "implied"
    if re.match(r"(?:denie[sd]|deny) (?:the|a|an) (?!(?:charges?|counts?|allegations?|"
                r"accusations?|claims?)\b)", m.group(0), re.IGNORECASE):
        return None  # "the judge denied the request": a refusal, not a plea
    if re.match(r"\w+ing\b", charge):
        verb = g.ed_stem(charge.split()[0][:-3])
        return g.finish(f"did {subject} {verb} {' '.join(charge.split()[1:])}"), "implied"
    verb = "are" if _plural(subject) else "is"
    return g.finish(f"{verb} {subject} guilty of {charge}"), "implied"


def _rule_unknown_thing(text: str) -> tuple[str, str] | None:
    """ "lines of an unknown white powder" → "What was the white powder?" (explicit)."""
    m = re.search(r"\ban? (?:unknown|unidentified|mysterious) (?P<np>[a-z]+(?: [a-z]+)?)\b", text)
    if not m or r.in_quotes(text, m.start()) or m.group("np").split()[0] in ("number", "amount"):
        return None
    return g.finish(f"what was the {m.group('np')}"), "explicit"


RULES = (_rule_indirect, _rule_wh_unclear, _rule_np_open, _rule_probe, _rule_claims,
          _rule_denied, _rule_trial, _rule_sentenced, r.rule_bail, r.rule_modal,
          r.rule_still_could, r.rule_hope, r.rule_speculation, r.rule_yet_to, r.rule_no_date,
          _rule_unknown_thing, r.rule_plan)


def _plural(subject: str) -> bool:
    """ "X and Y", "they", "two men": crude number for "is/are"."""
    low = subject.lower().split()
    return "and" in low or low[0] in ("they", "two", "three", "four", "both")

"""Legal steps and contested statements, asked as the outcome they leave open.

* an accusation: "X is accused of / charged with V-ing" → "Did X V ...?",
  "charged with murder" → "Is X guilty of murder?", "arrested on suspicion of
  arson" → "Will X be charged with arson?";
* a denial: "X denied V-ing" → "Did X V ...?", "X denies the allegations" → "Are the
  allegations against X true?";
* a court date: "X will be sentenced" → "What sentence will X receive?", "X will
  stand trial / faces charges of Y / pleaded not guilty to Y" → "Will X be convicted
  (of Y)?";
* a claim about oneself: "X claimed they had broken the record" → "Did X break the
  record?" (read before the attribution is stripped: the claim verb is the cue).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import tlsum.digest.grammar as g
import tlsum.digest.rules as r
from tlsum.digest.subjects import ask, subject
from tlsum.digest.words import wordset

_ACCUSED = re.compile(
    r"(?<!falsely )(?<!wrongly )\b(?:accused|suspected|charged|indicted) (?:of|with) "
    r"(?:allegedly )?(?:having )?(?P<what>[a-z][\w'-]*)\b(?P<rest>[^;:]*)"
)
_ARRESTED = re.compile(r"\b(?:arrested|detained|held) on suspicion of (?P<what>[^;:]+)")
_DENIED = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|disputed|disputes) (?:ever |any |all |the )?"
    r"(?:(?P<what>wrongdoing|charges?|allegations?|accusations?|claims?)\b|"
    r"(?:having )?(?P<verb>[a-z]+(?:ing|ed))\b(?P<rest>[^;:]*))"
)
_CLAIM = re.compile(r"\b(?:claimed|claims|alleged|alleges|insisted|insists|maintains|maintained) "
                    r"(?:that )?(?P<body>[^;:]+)")
_CLAIMANT = wordset("he she they")
_SENTENCED = re.compile(r"\b(?:will|is due to|are due to|is expected to|is set to|is to) be "
                        r"sentenced\b|\b(?:awaits|is awaiting|faces|is facing) sentencing\b")
_TRIAL = re.compile(
    r"\b(?:will (?:stand|face|go on)|(?:is|are) (?:due|set|expected|to) (?:to )?(?:stand|face|"
    r"go on)|faces|is facing|awaits|is awaiting) trial\b(?: (?:for|on charges? of|over) "
    r"(?P<what>[^;:]+))?|\b(?:faces|is facing|face) (?:\w+ )?(?:charges?|counts?) of "
    r"(?P<what2>[^;:]+)|\b(?:pleaded|pleads|has pleaded|have pleaded) not guilty (?:to "
    r"(?:(?:\w+ ){0,2}(?:charges?|counts?) of )?(?P<what3>[^;:]+))?"
)
_AND_ING = re.compile(r"\band ([a-z]+ing)\b")
_CHARGES = wordset("charges charge wrongdoing")
_CHARGE_END = re.compile(r"[,.]|\s(?:and|after|in|at|on|next|this|following|when|while|but|before|"
                         r"later|over|since|until|which|who)\s")


def _accused(text: str, names: Sequence[str]) -> str | None:
    """ "X is accused of stealing Y" → "Did X steal Y?"; "charged with murder" → "Is X guilty
    of murder?"; "arrested on suspicion of murder" → "Will X be charged with murder?"."""
    m = _ACCUSED.search(text)
    if m and not r.in_quotes(text, m.start()):
        who = subject(text, m.start(), names)
        what = m.group("what")
        base = g.ing_to_base(what) if what.endswith("ing") else None
        if base:
            rest = m.group("rest").strip(" .")
            tail = r.clause(f"{base} {rest}") if rest else base
            return ask("did", who, _AND_ING.sub(_and_base, tail)) if tail else None
        charge = _charge(what + m.group("rest"))
        if charge and what.lower() not in g.PRONOUNS:
            return ask("is", who, f"guilty of {charge}")
    m = _ARRESTED.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    charge = _charge(m.group("what"))
    return ask("will", subject(text, m.start(), names), f"be charged with {charge}") \
        if charge else None


def _denied(text: str, names: Sequence[str]) -> str | None:
    """ "X denied stealing Y" → "Did X steal Y?"; "X denies the allegations" → "Are the
    allegations against X true?"."""
    m = _DENIED.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    who = subject(text, m.start(), names)
    what = m.group("what")
    if what:
        if what in _CHARGES:
            return ask("did", who, "do anything wrong")
        verb = "are" if what.endswith("s") else "is"
        return g.finish(f"{verb} the {what} against {who} true") if who else None
    verb = m.group("verb")
    if verb == "being":
        return ask("was", who, r.clause(m.group("rest").strip()))
    base = g.ing_to_base(verb) or g.past_to_base(verb)
    if not base or (verb.endswith("ed") and "having" not in m.group(0)):
        return None
    return ask("did", who, r.clause(base + m.group("rest")) or base)


def _court(text: str, names: Sequence[str]) -> str | None:
    """ "X will be sentenced" → "What sentence will X receive?"; "X will stand trial for Y" →
    "Will X be convicted of Y?"."""
    m = _SENTENCED.search(text)
    if m and not r.in_quotes(text, m.start()):
        who = subject(text, m.start(), names)
        return g.finish(f"what sentence will {who} receive") if who else None
    m = _TRIAL.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    what = _charge(m.group("what") or m.group("what2") or m.group("what3"))
    charge = f" of {what}" if what else ""
    return ask("will", subject(text, m.start(), names), f"be convicted{charge}")


def claim_question(text: str, names: Sequence[str] = ()) -> str | None:
    """ "The organisers claimed they had broken the record" → "Did the organisers break the
    record?": a claim is contested, so even a past or perfect clause in it is open.

    Read before the attribution is stripped (the claim verb is the cue); "he"/"she"/
    "they" in the claim mean the claimant.
    """
    m = _CLAIM.search(text)
    body = r.clause(m.group("body")) if m and not r.in_quotes(text, m.start()) else None
    words = body.split() if body else []
    if m is None or len(words) < 3 or words[0].lower() == "it":
        return None
    who = subject(text, m.start(), names) if words[0].lower() in _CLAIMANT else None
    if who is None or (words[0].lower() != "they") == _plural(who):
        return None  # "prosecutors insisted he had failed": "he" is someone else
    verb, rest = words[1].lower(), words[2:]
    perfect = g.participle_to_base(rest[0]) if verb in ("had", "has", "have") else None
    if perfect:
        return ask("did", who, " ".join([perfect, *rest[1:]]))
    if verb in ("was", "were", "is", "are"):
        return ask(verb, who, " ".join(rest))
    base = g.past_to_base(verb)
    return ask("did", who, " ".join([base, *rest])) if base else None


def _and_base(m: re.Match[str]) -> str:
    """ "raping X and fondling Y" → "rape X and fondle Y": both verbs after "did"."""
    return f"and {g.ing_to_base(m.group(1)) or m.group(1)}"


def _plural(noun_phrase: str) -> bool:
    """ "prosecutors", "X and Y": a plural the claim's "he"/"she" cannot mean."""
    head = noun_phrase.split(" of ")[0].split()
    last = head[-1]
    name = last[:1].isupper() and len(head) > 1  # "Serena Williams"
    return " and " in noun_phrase or (last.endswith("s") and not last.endswith("ss") and not name)


def _charge(text: str | None) -> str | None:
    """ "murder and taken to a station" → "murder": the charge, without what follows it."""
    if not text:
        return None
    words = _CHARGE_END.split(text, maxsplit=1)[0].strip().split()
    return " ".join(words) if 0 < len(words) <= 8 else None


TRANSFORMS: tuple[Callable[[str, Sequence[str]], str | None], ...] = (_court, _accused, _denied)

"""Statements whose open point the plain inversion misses, each asked as the outcome it leaves open.

``tlsum.digest.rewrite`` inverts a clause's own auxiliary ("X could face Y" →
"Will X face Y?"). Many sentences that leave something open say so through a
verb of intention or a legal step instead, and inverting those asks about the
wrong thing ("Does X plan to appeal?" instead of "Will X appeal?"). Each
transformation here reads one such construction of English grammar:

* an intention, plan or expectation: "X plans / vowed / is set to V",
  "X has committed to / is considering V-ing" → "Will X V ...?";
* a condition with its own subject and verb: "... unless X agrees to Y" →
  "Will X agree to Y?";
* an accusation or a denial: "X is accused of / charged with V-ing",
  "X denied V-ing" → "Did X V ...?", "charged with murder" → "Is X guilty of murder?";
* a court date: "X will be sentenced" → "What sentence will X receive?",
  "X will stand trial / faces charges of Y / pleaded not guilty to Y" → "Will X be
  convicted (of Y)?";
* a claim about oneself: "X claimed they had broken the record" → "Did X break the record?";
* a second verb phrase with a modal: "X lost and could face a ban" → "Will X face a ban?".

A settled statement matches none of them. The subject must be a clean noun
phrase; a "he"/"she" is replaced only by the one name the caller vouches for.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import tlsum.digest.grammar as g
import tlsum.digest.rules as r
from tlsum.digest.words import wordset

_ADV = r"(?:(?:still|now|also|again|once again|yet|even|soon|not|\w+ly) )?"
_VERB_START = r"(?!(?:the|a|an|his|her|their|its|this|that|these|those|be|\d)\b)[a-z]"
_INTENT = re.compile(
    r"\b(?:plans|planned|hopes|hoped|aims|aimed|intends|intended|wants|wanted|vows|vowed|"
    r"promises|promised|pledges|pledged|threatens|threatened|bids|seeks|expects|"
    r"(?:is|are) (?:(?:now|still|also|already|\w+ly) )?(?:planning|hoping|aiming|looking|seeking|"
    r"trying|preparing|bidding|fighting|battling|pushing|working|set|due|expected|poised|ready|likely|unlikely|determined|keen|"
    r"eager|scheduled|going|bound|under (?:\w+ )?pressure)) " + _ADV +
    rf"to (?P<be>be )?(?P<rest>{_VERB_START}[^;:]*)"
)
_INTENT_ING = re.compile(
    r"\b(?:(?:has|have|is|are) committed to|(?:is|are) (?:considering|weighing|mulling|"
    r"contemplating|exploring)|(?:has|have) (?:expressed|shown|declared) (?:an |his |her |"
    r"their |its )?interest in) " + _ADV + r"(?P<verb>[a-z]+ing)\b(?P<rest>[^;:]*)"
)
_CONDITION = re.compile(r"(?:^|[\s,])(?P<cue>unless|if|provided that|as long as|once) "
                        r"(?P<rest>[^;:]+)", re.IGNORECASE)
_NOT_A_CONDITION = re.compile(r"\b(?:ask\w*|wonder\w*|know\w*|see|check\w*|decid\w*|unclear|sure|"
                              r"tell|told|determine\w*|as|even|only|what|whether|doubt\w*)\s+$",
                              re.IGNORECASE)
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
_COORDINATED = re.compile(r"\band (?:could|may|might|will|should) " + _ADV +
                          rf"(?P<rest>{_VERB_START}[^;:]*)")
_SUBORDINATE = re.compile(r",\s*(?:while|but|and|as|although|though|whereas)\s+|[;:]\s*|"
                          r"\s(?:as|while|when|because|since|after|before|until|once|but|where|"
                          r"if|unless)\s+")
_RELATIVE_END = re.compile(r",\s*(?:which|who)(?:\s+(?:now|also|still|already|\w+ly))*$")
_THAT = re.compile(r"\bthat\s+(?=[A-Z]|(?:the|a|an|its|his|her|their|some|all|many|no)\b)")
_TRAIL = wordset("has have had is are was were also now still already reportedly allegedly "
                 "then not yet being been who which that")
_PRONOUN = re.compile(r"(?:^|\s)(?:he|she|He|She)$")
# ", backing the campaign" / "X has been snapped": a participle or a second verb after the tail.
_SECOND_CLAUSE = re.compile(r",\s+\w+ing\b|(?<!\bwho)(?<!\bthat)(?<!\bwhich)"
                            r"\s(?:has|have|had|is|are|was|were)\s(?!\w+ly\b)|"
                            r"\s(?:given|because|despite|although|though|whereas|while)\s")
# "... near the alley when Che" once "was stabbed" is cut: the subordinate clause goes too.
_DANGLING = re.compile(r"\s(?:when|where|after|before|because|as|since|while|if|until|once|who|"
                       r"which|that|whether)(?:\s\S+){0,3}$")
_PAST_ADJECTIVES = wordset("aged based called named known born")
_OPENERS = wordset("although though whereas despite during amid following given without "
                   "however still meanwhile yesterday today earlier later last")
_VAGUE = wordset("again everything something anything nothing everyone someone anyone nobody")
_NOT_VERBS = wordset("to of in on at for with by from and or but as than like about into")
_CHARGES = wordset("charges charge wrongdoing")
_CHARGE_END = re.compile(r"[,.]|\s(?:and|after|in|at|on|next|this|following|when|while|but|before|"
                         r"later|over|since|until|which|who)\s")


def open_question(text: str, names: Sequence[str] = ()) -> str | None:
    """The outcome ``text`` leaves open, as a direct question, or None when no construction fits."""
    for transform in _TRANSFORMS:
        question = transform(text, names)
        if question:
            return question
    return None


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
    words = pieces[0].split()
    while words and (words[-1].lower() in _TRAIL or _adverb(words)):
        words.pop()
    if not words:
        words = r.leading_np(text).split(",")[0].split()
    phrase = " ".join(words)
    if _PRONOUN.search(phrase) and len(words) == 1:
        return names[0] if len(names) == 1 else None
    phrase = re.sub(r"^(?:that|and|but|then|so|meanwhile|now|also)\s+", "", phrase, flags=re.I)
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
    """Does a would-be subject hold a finite verb ("Shotwell declined later to state ...")?"""
    return any(_verb_like(prev, word) for prev, word in itertools.pairwise(words))


def _verb_like(prev: str, word: str) -> bool:
    """A finite verb inside a would-be subject (an auxiliary, or a past form after a noun)."""
    low = word.lower()
    if low in g.AUX:
        return True
    past = low not in _PAST_ADJECTIVES and g.past_to_base(low) is not None
    participle = prev.lower() in g.DETERMINERS or prev.lower() in ("be", "been", "being")
    return past and not participle and not word[:1].isupper()


def _ask(head: str, who: str | None, tail: str | None) -> str | None:
    """ "will" + "X" + "raise Y" → "Will X raise Y?", the tail cut before a second clause."""
    if not who or tail is None:
        return None
    cut = _SECOND_CLAUSE.split(tail, maxsplit=1)
    tail = cut[0] if len(cut) == 1 else _DANGLING.sub("", cut[0])
    return g.finish(f"{head} {who} {tail}".strip())


def _intention(text: str, names: Sequence[str]) -> str | None:
    """ "X is set to sign Y" / "X has committed to raising Y" → "Will X sign/raise Y?"."""
    m = _INTENT.search(text)
    if m and not r.in_quotes(text, m.start()):
        rest = _verb_phrase(("be " if m.group("be") else "") + m.group("rest"))
        return _ask("will", subject(text, m.start(), names), rest)
    m = _INTENT_ING.search(text)
    base = g.ing_to_base(m.group("verb")) if m and not r.in_quotes(text, m.start()) else None
    if not m or not base:
        return None
    return _ask("will", subject(text, m.start(), names), _verb_phrase(base + m.group("rest")))


def _condition(text: str, names: Sequence[str]) -> str | None:
    """ "... unless the eurozone agrees to pay" → "Will the eurozone agree to pay?"."""
    for m in _CONDITION.finditer(text):
        if r.in_quotes(text, m.start()) or _NOT_A_CONDITION.search(text[: m.start("cue")]):
            continue
        body = r.clause(re.split(r",|\bthen\b", m.group("rest"))[0])
        words = body.split() if body else []
        strict = m.group("cue").lower() == "once"  # "she once stuck to": an adverb
        if len(words) < 3 or "not" in words or not _np_start(words[0], strict):
            continue
        question = _future(words)
        if question:
            return g.finish(question)
    return None


def _np_start(word: str, strict: bool = False) -> bool:
    """Can ``word`` open a noun phrase subject ("the", "Greece", "shareholders")? Not "he",
    "again", "everything" or a verb form; ``strict`` wants a determiner, a name or a number."""
    low = word.lower()
    if low in g.PRONOUNS | g.NOT_A_SUBJECT_START | g.AUX | _VAGUE:
        return False
    if word[:1].isupper() or word[:1].isdigit() or low in g.DETERMINERS:
        return True
    verbal = g.past_to_base(low) or low.endswith(("ly", "ing"))
    return not strict and word.isalpha() and not verbal


def _future(words: list[str]) -> str | None:
    """A present-tense clause as a "will" question ("X agrees to Y" → "will X agree to Y")."""
    plural = _plural_present(words)
    inverted = g.invert(" ".join(words))
    if not inverted or (plural and inverted.startswith("does ")):
        return plural  # "the new owners find a buyer": "owners" is the noun, not the verb
    aux, rest = inverted.split(" ", 1)
    if aux in ("do", "does", "will", "can"):
        return f"will {rest}"
    for i, word in enumerate(words[1:9], start=1):
        if word in ("is", "are"):
            return " ".join(["will", *g.lower_first(words[:i]), "be", *words[i + 1 :]])
        if word.lower() in g.AUX:
            break
    return None


def _plural_present(words: list[str]) -> str | None:
    """ "the owners find a buyer" → "will the owners find a buyer": a plural subject's verb
    has no "-s" to find it by, so it is the first word after the noun phrase that takes
    a determiner or "to" as its object."""
    start = 2 if words[0].lower() in g.DETERMINERS else 1
    for i in range(start, min(len(words) - 1, 7)):
        word = words[i]
        takes_object = words[i + 1].lower() in g.DETERMINERS or words[i + 1] == "to"
        if word.endswith("s") and takes_object:
            return None  # "the eurozone agrees to": a singular verb, for ``g.invert``
        if not word.islower() or word in g.AUX or word.endswith(("ly", "s")) or word in _NOT_VERBS:
            continue  # "the talks in Geneva fail to": an "-s" word here is the plural noun
        if takes_object:
            return " ".join(["will", *g.lower_first(words[:i]), *words[i:]])
    return None


def _accused(text: str, names: Sequence[str]) -> str | None:
    """ "X is accused of stealing Y" → "Did X steal Y?"; "charged with murder" → "Is X guilty
    of murder?"; "arrested on suspicion of murder" → "Will X be charged with murder?"."""
    m = _ACCUSED.search(text)
    if m and not r.in_quotes(text, m.start()):
        who = subject(text, m.start(), names)
        what = m.group("what")
        base = g.ing_to_base(what) if what.endswith("ing") else None
        if base:
            return _ask("did", who, r.clause(f"{base}{m.group('rest')}") or base)
        charge = _charge(what + m.group("rest"))
        if charge and what.lower() not in g.PRONOUNS:
            return _ask("is", who, f"guilty of {charge}")
    m = _ARRESTED.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    charge = _charge(m.group("what"))
    return _ask("will", subject(text, m.start(), names), f"be charged with {charge}") \
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
            return _ask("did", who, "do anything wrong")
        verb = "are" if what.endswith("s") else "is"
        return g.finish(f"{verb} the {what} against {who} true") if who else None
    verb = m.group("verb")
    if verb == "being":
        return _ask("was", who, r.clause(m.group("rest").strip()))
    base = g.ing_to_base(verb) or g.past_to_base(verb)
    if not base or (verb.endswith("ed") and "having" not in m.group(0)):
        return None
    return _ask("did", who, r.clause(base + m.group("rest")) or base)


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
    return _ask("will", subject(text, m.start(), names), f"be convicted{charge}")


def _coordinated(text: str, names: Sequence[str]) -> str | None:
    """ "X lost on Sunday and could face a ban" → "Will X face a ban?"."""
    m = _COORDINATED.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    return _ask("will", subject(text, m.start() + 4, names), _verb_phrase(m.group("rest")))


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
    if who is None:
        return None
    verb, rest = words[1].lower(), words[2:]
    perfect = g.participle_to_base(rest[0]) if verb in ("had", "has", "have") else None
    if perfect:
        return _ask("did", who, " ".join([perfect, *rest[1:]]))
    if verb in ("was", "were", "is", "are"):
        return _ask(verb, who, " ".join(rest))
    base = g.past_to_base(verb)
    return _ask("did", who, " ".join([base, *rest])) if base else None


def _verb_phrase(text: str) -> str | None:
    """The verb phrase up to its clause's end; a lone verb too ("plans to appeal.")."""
    phrase = r.clause(text)
    if phrase:
        return phrase
    word = text.strip().rstrip(".!?,'\"")
    return word if word.isalpha() else None


def _charge(text: str | None) -> str | None:
    """ "murder and taken to a station" → "murder": the charge, without what follows it."""
    if not text:
        return None
    words = _CHARGE_END.split(text, maxsplit=1)[0].strip().split()
    return " ".join(words) if 0 < len(words) <= 8 else None


_TRANSFORMS: tuple[Callable[[str, Sequence[str]], str | None], ...] = (
    _court, _accused, _denied, _intention, _coordinated, _condition)

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
* a second verb phrase with a modal: "X lost and could face a ban" → "Will X face a ban?".

Accusations, denials, court dates and claims are read by ``tlsum.digest.legal``,
subjects found by ``tlsum.digest.subjects``. A settled statement matches none of
them; a "he"/"she" subject is replaced only by the one name the caller vouches for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import tlsum.digest.grammar as g
import tlsum.digest.legal as legal
import tlsum.digest.rules as r
from tlsum.digest.subjects import ask, subject
from tlsum.digest.words import wordset

_ADV = r"(?:(?:still|now|also|again|once again|yet|even|soon|not|\w+ly) )?"
_VERB_START = r"(?!(?:the|a|an|his|her|their|its|this|that|these|those|be|\d)\b)[a-z]"
_INTENT = re.compile(
    r"\b(?:plans?|planned|hopes?|hoped|aims?|aimed|intends?|intended|wants?|wanted|vows?|vowed|"
    r"promises?|promised|pledges?|pledged|threatens?|threatened|bids?|seeks?|expects?|"
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
_COORDINATED = re.compile(r"\band (?:could|may|might|will|should) " + _ADV +
                          rf"(?P<rest>{_VERB_START}[^;:]*)")
# The main clause of a real condition looks ahead ("will close unless", "could rise if").
_FUTURE_MAIN = re.compile(r"\b(?:will|would|could|might|may|threatens?|risks?|vowed|warned)\b")
_VAGUE = wordset("again everything something anything nothing everyone someone anyone nobody")
_NOT_VERBS = wordset("to of in on at for with by from and or but as than like about into")


def open_question(text: str, names: Sequence[str] = ()) -> str | None:
    """The outcome ``text`` leaves open, as a direct question, or None when no construction fits."""
    for transform in _TRANSFORMS:
        question = transform(text, names)
        if question:
            return question
    return None


def _intention(text: str, names: Sequence[str]) -> str | None:
    """ "X is set to sign Y" / "X has committed to raising Y" → "Will X sign/raise Y?"."""
    m = _INTENT.search(text)
    if m and not r.in_quotes(text, m.start()):
        rest = _verb_phrase(("be " if m.group("be") else "") + m.group("rest"))
        return ask("will", subject(text, m.start(), names), rest)
    m = _INTENT_ING.search(text)
    base = g.ing_to_base(m.group("verb")) if m and not r.in_quotes(text, m.start()) else None
    if not m or not base:
        return None
    return ask("will", subject(text, m.start(), names), _verb_phrase(base + m.group("rest")))


def _condition(text: str, names: Sequence[str]) -> str | None:
    """ "... unless the eurozone agrees to pay" → "Will the eurozone agree to pay?"."""
    for m in _CONDITION.finditer(text):
        if r.in_quotes(text, m.start()) or _NOT_A_CONDITION.search(text[: m.start("cue")]):
            continue
        condition = re.split(r",|\bthen\b", m.group("rest"))[0]
        body = r.clause(condition)
        words = body.split() if body else []
        cue = m.group("cue").lower()
        strict = cue == "once"  # "she once stuck to": an adverb
        if len(words) < 3 or "not" in words or not _np_start(words[0], strict):
            continue
        if cue != "unless" and not _FUTURE_MAIN.search(text.replace(condition, " ")):
            continue  # "if the vessels are affected, they can leak": a general rule
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
        if word in ("is", "are"):  # "if Rovers are to bring": "will Rovers bring"
            be = ["be"] if words[i + 1 : i + 2] != ["to"] else []
            return " ".join(["will", *g.lower_first(words[:i]), *be, *words[i + 1 + (not be) :]])
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


def _coordinated(text: str, names: Sequence[str]) -> str | None:
    """ "X lost on Sunday and could face a ban" → "Will X face a ban?"."""
    m = _COORDINATED.search(text)
    if not m or r.in_quotes(text, m.start()):
        return None
    return ask("will", subject(text, m.start() + 4, names), _verb_phrase(m.group("rest")))


def _verb_phrase(text: str) -> str | None:
    """The verb phrase up to its clause's end; a lone verb too ("plans to appeal.")."""
    phrase = r.clause(text)
    if phrase:
        return phrase
    word = text.strip().rstrip(".!?,'\"")
    return word if word.isalpha() else None


_TRANSFORMS: tuple[Callable[[str, Sequence[str]], str | None], ...] = (
    *legal.TRANSFORMS, _intention, _coordinated, _condition)

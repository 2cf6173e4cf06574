"""The fallback rewriter: a sentence the scorer picked, as the yes/no question it raises.

The cue rules (``tlsum.digest.unknowns``) only fire on the wording they know.
When the learned scorer says a sentence leaves something open but no rule fits
("Shotwell said lunar lander missions could begin in 2022"), the sentence's own
main clause is turned into a question: the attribution ("X said", "according
to X") and leading adverbials are dropped, the clause is cut at its first
boundary, and the auxiliary is inverted ("Could lunar lander missions begin in
2022?"). A hedge about the future ("could face", "may win") becomes "will", so
the question asks about the outcome, not about the hedge. Anything that does not come out clean is
dropped by the caller's checker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import tlsum.digest.fidelity as fidelity
import tlsum.digest.grammar as g
import tlsum.digest.rules as r
from tlsum.digest.checker import passes
from tlsum.digest.legal import claim_question
from tlsum.digest.openings import open_question
from tlsum.digest.subjects import has_verb

_ATTRIB_HEAD = re.compile(
    r"^(?:(?:[A-Z][\w.'-]*|the|a|an|[a-z]+)\s+){1,6}?"
    r"(?:said|says|told \w+|added|believes|thinks|claimed|claims|warned|insisted|"
    r"reported|reports|suggested|argued|noted|stressed|explained|predicted|"
    r"is reported to have said|has said|have said|(?:has |have )?(?:revealed|confirmed|"
    r"announced|admitted|conceded|indicated|acknowledged|disclosed))"
    r"(?:\s+(?:on|last|this|in|at)\s+\w+)?(?:,| that)?\s+(?=\S)"
)
_ATTRIB_TAIL = re.compile(
    r"(?<!\s),?\s+(?:(?:[A-Z][\w.'-]*|the|a|an|[a-z]+)\s+){0,6}"
    r"(?:said|says|told|added|reported|claimed|warned)\b.*$|"
    r"(?<!\s),?\s+according to\b.*$"
)
_LEADING = re.compile(
    r"^(?:(?:But|And|However|Meanwhile|Now|So far|Still|Instead|Yet|Also|That said),?\s+|"
    r"(?:On|In|By|At|After|Before|Last|This|Next|Earlier|Later)\s[^,]{1,40},\s+|"
    r"(?:[Ww]ith|[Gg]iven|[Dd]espite|[Aa]mid|[Ff]ollowing|[Ww]ithout|[Aa]head of)\s[^,]{1,90},\s+)"
)
# "He will ...": the subject pronoun that a known name may replace.
_LEADING_PRONOUN = re.compile(r"^(?:He|She)(?:'s(?P<has> been| got)?)?\b")
# "Carlo Ancelotti has revealed he will ...": the speaker is who "he" (or "him") means.
_SPEAKER = re.compile(r"^(?!(?:The|A|An|This|That|It|Police) )(?:[A-Z][\w'.-]+ ){2,6}")
# " - a key ally of Syria - " and ", who led England in 15 Tests," are asides.
_DASHED = re.compile(r"\s[-–—]{1,2}\s[^-–—]{1,60}?\s[-–—]{1,2}\s")
_ASIDE = re.compile(r",\s(?:who|which|whose|a|an|the|born|aged|now|then|currently)\s"
                    r"[^,]{1,120},(?=\s)")
# Each pattern starts only where its run of spaces starts ((?<!\s)): linear on long runs.
_QUOTE_START = re.compile(r"(?<![\s,:])[\s,:]+(?:\"|'(?=[A-Z]))")
# A caption glued on without its full stop: "... on Saturday Wright (centre) is now ...",
# "... end of the season Arsenal vice-captain Per Mertesacker says ...": the sentence ends there.
_NAME = r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][\w'.-]*\s"
_CAPTION = re.compile(rf"(?<=[a-z0-9]) (?=(?:{_NAME}){{1,3}}\((?:left|right|centre|center|"
                      rf"pictured|above|below|inset|top|bottom)\b|(?:{_NAME}){{1,3}}"
                      rf"[a-z][\w-]*\s(?:{_NAME}){{1,3}}(?:says|said)\b)")
# "said that process could take": "that" was the determiner, and the subject is lost with it.
_BARE_NOUN = re.compile(r"^(?:[a-z]*ss|[a-z]+(?<!s)) "
                        r"(?:could|would|will|may|might|can|should|must|is|was|has)\b")
_CLAUSE_SPLIT = re.compile(r",\s+but\s+|;\s+|,\s+and\s+(?=(?:the|a|an|[A-Z])\w*\s)|"
                           r"(?<!\s)\s+but\s+")
_HEDGED_CLAIM = re.compile(r"\b(?:allegedly|reportedly|suspected of|accused of|believed to|"
                           r"thought to|said to)\b")
_STILL_OPEN = re.compile(r"\b(?:not|yet|never|still)\b")
# "did not discover X until 1991": it happened, in 1991.
_NOT_UNTIL = re.compile(r"\bnot\b.*\buntil\b")
_EXPECTED = re.compile(r"\b(?:expected|due|set|likely|unlikely|scheduled|poised|planning|"
                       r"hoping|going|considering|facing|awaiting|under investigation)\b")
_HEDGE = re.compile(r"^(?P<s>.+?)\s(?P<m>could|may|might|would|should(?= be\b))\s(?P<rest>.+)$")


def sentence_question(text: str, names: Sequence[str] = ()) -> str | None:
    """The yes/no question one sentence raises, or None when no clause of it is clean.

    The main clause is tried first, then the clauses after ", but", ";" or ", and"
    (the open point often comes second: "X won, but the result may be appealed").
    Quoted speech is cut off (the words are someone's, not the article's open
    point), and a sentence that opens with a quote is left alone. Do-support is
    used only for a past-tense verb: a present "-s" form is too easily a plural
    noun for a rewriter without a tagger ("more than 50 teachers").

    Before the inversion, ``tlsum.digest.openings`` reads the constructions whose
    open point is not the clause's own auxiliary (an intention, a condition, an
    accusation or denial, a court date). ``names`` are the people a "he"/"she"
    subject may stand for, most likely first (``tlsum.digest.people.referents``);
    the pronoun is replaced only when exactly one is given (several are
    ambiguous), or by the speaker of "X said he ...". Without names a pronoun
    subject gives no question, as the checker wants the entity named.
    """
    text = r.normalise(text).strip()
    if re.match(r"[\"'a-z]", text):
        return None  # a quote, or a sentence whose start was lost ("impact of Brexit is ...")
    text = _CAPTION.split(_QUOTE_START.split(text, maxsplit=1)[0], maxsplit=1)[0]
    for piece in _CLAUSE_SPLIT.split(text):
        cleaned = _clean(piece, names)
        for question in (claim_question(piece, names), open_question(cleaned, names),
                         _clause_question(cleaned)):
            question = question and fidelity.lowered(question, text)
            if question and passes(question, text):
                return question
    return None


def _clause_question(text: str) -> str | None:
    body = r.clause(text.rstrip(". "))
    if not body:
        return None
    body = _unhedge(body)
    inverted = g.invert(body)
    if not inverted or not _own_auxiliary(inverted, body):
        return None
    words = body.split()
    aux = next((i for i, w in enumerate(words) if i and w.lower() in g.AUX), 0)
    if has_verb(words[:aux]):
        return None  # "X declined to state when the lander would be": not the subject's aux
    if inverted.split()[0].lower() in ("will", "would") and " not " in inverted:
        return None  # "would not comment" → "Will X not comment?" asks nothing
    return g.finish(inverted)


def _own_auxiliary(question: str, clause: str) -> bool:
    """The clause says something still open, through its own auxiliary.

    A modal or future ("will", "could", "may"), "is expected/due/set/likely to",
    a negation or "yet", or a hedge ("allegedly", "reportedly") for a past-tense
    claim; a plain past or perfect statement ("has already cost") is a settled
    fact, whatever the scorer says about its words.
    """
    aux = question.split()[0].lower()
    low = clause.lower()
    if aux in ("do", "does"):
        return False
    if _HEDGED_CLAIM.search(low):
        return True
    if aux == "did" or aux in ("has", "have", "had"):
        return bool(_STILL_OPEN.search(low)) and not _NOT_UNTIL.search(low)
    if aux in ("is", "are", "was", "were", "am"):
        return bool(_STILL_OPEN.search(low) or _EXPECTED.search(low))
    return True


def decapitalise(question: str, common: frozenset[str]) -> str:
    """ "Will Patients have access?" → "Will patients ...": the subject's first word was
    capitalised only because it opened the sentence (it occurs lower-case in the article)."""
    words = question.split()
    if len(words) > 3 and words[0].lower() in g.AUX and words[1][:1].isupper() \
            and _common_form(words[1].lower(), common) and words[2][:1].islower():
        words[1] = words[1].lower()
    return " ".join(words)


def _common_form(word: str, common: frozenset[str]) -> bool:
    """The article writes ``word`` in lower case, or its singular ("Employers" after
    "an employer"), or each part of it ("Cash-strapped" after "cash" and "strapped")."""
    forms = {word, word[:-1], word[:-2], word + "s"} if word.endswith("s") else {word, word + "s"}
    parts = word.split("-")
    return bool(forms & common) or (len(parts) > 1 and all(p in common for p in parts))


def _clean(text: str, names: Sequence[str]) -> str:
    """The sentence without attribution, asides, leading adverbials or datelines, its
    "he"/"she" subject named where the name is certain."""
    text = re.sub(r"^\([^)]*\)\s*|^[A-Z ,.]{3,40}\s[-—–]+\s", "", text)
    text = _DASHED.sub(" ", text)
    text = _strip_leading(text)
    text = _ASIDE.sub("", text)
    head = _ATTRIB_HEAD.match(text)
    text = _ATTRIB_TAIL.sub("", _ATTRIB_HEAD.sub("", text, count=1))
    text = _strip_leading(text).strip()
    if head and head.group(0).rstrip().endswith(" that") and _BARE_NOUN.match(text):
        return ""  # "X said that process could take": "that process", not "process"
    speaker = _SPEAKER.match(head.group(0)) if head else None
    name = " ".join(speaker.group(0).split()[-2:]) if speaker else ""  # "Det Insp Chris Jones"
    if name and re.match(r"(?:he|she) ", text):
        text = name + text[text.index(" "):]
    elif name:  # "X admitted the campaign may have left him tired": X is "him"
        text = re.sub(r"\bhim\b", name, text, count=1)
    elif len(names) == 1:
        text = _LEADING_PRONOUN.sub(lambda m: _named(m, names[0]), text, count=1)
    return text[:1].upper() + text[1:]


def _named(pronoun: re.Match[str], name: str) -> str:
    """ "He's been" → "X has been", "She's" → "X is", "He" → "X"."""
    if "'" not in pronoun.group(0):
        return name
    return f"{name} has{pronoun.group('has')}" if pronoun.group("has") else f"{name} is"


def _strip_leading(text: str) -> str:
    for _ in range(2):
        text = _LEADING.sub("", text, count=1)
    return text


def _unhedge(body: str) -> str:
    """ "X could face Y" → "X will face Y"; "X may have done Y" → "X did Y".

    "should be" is a forecast as often as a demand ("X should be fit for Sunday"), so
    it becomes "will be"; "X should complete Y" stays a question about the demand."""
    m = _HEDGE.match(body)
    if not m or len(m.group("s").split()) > 8:
        return body
    rest = m.group("rest")
    if rest.startswith("have "):
        return body  # "May X have done Y?" keeps the perfect
    return f"{m.group('s')} will {rest}"

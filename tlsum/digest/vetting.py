"""The checks every model-written question passes before a reader sees it.

A language model writes fluent questions, which is why a wrong one is hard to
spot: it may name a person the article never mentions, or ask "Was the museum
closed?" of a sentence that says it was. So a model's question is shown only
when it is (1) a well-formed one-line question, (2) uses no name or number that
is not in its sentence or the article's lead, and (3) does not ask what the
sentence already states. Otherwise the caller falls back to the rules.
"""

from __future__ import annotations

import re

import tlsum.digest.fidelity as fidelity
import tlsum.digest.gaps as gaps
import tlsum.digest.syntax as syntax
from tlsum.digest.words import FUNCTION_WORDS, wordset

MIN_WORDS, MAX_WORDS = 4, 24
QUESTION_WORDS = wordset(
    "what who whom whose which when where why how whether is are was were will would can could "
    "does do did has have had should shall may might must")
_WH = wordset("what who whom whose which when where why how")
_STOP = FUNCTION_WORDS | QUESTION_WORDS | wordset(
    "any there than been being the a an of to in on at for by with from and or not no yet still "
    "so such this that these those its it their they he she his her them him")
# Words that make a sentence leave something open: asking it back is then fair.
_OPEN = re.compile(
    r"\b(?:whether|if|unclear|unknown|uncertain|not (?:yet )?(?:known|clear|been|said|say|"
    r"confirmed|disclosed|revealed|identified|named|explained|decided|determined|released)|"
    r"yet to|still|investigat\w*|probe|inquiry|examin\w*|could|may|might|would|will|expected|"
    r"plans?|planned|consider\w*|decid\w*|pending|trial|hearing|appeal\w*|declined|refused|"
    r"allegedly|reportedly|suspected|believed|den(?:y|ies|ied)|hopes?|question\w*|"
    r"possible|possibly|likely|unlikely|rumou?r\w*|speculat\w*|due to|set to|awaiting)\b",
    re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"tomorrow|(?:last|next) (?:week|month|year)|(?:19|20)\d\d)\b")
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|"
                     r"hundreds?|thousands?|millions?|billions?)\b", re.IGNORECASE)
_TRIVIA = re.compile(r"\bname of\b|^What (?:is|was|are|were) the names?\b|\bnames?\?$|"
                     r"^What (?:size|amount|kind|type|sort) of (?:the|a|an)\b|^What\b.* last\?$|"
                     r"\b(?:stand for|mean by)\b|^What (?:is|was) (?:a|an)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’.-]+")


def problems(question: str, sentence: str, lead: str = "") -> list[str]:
    """What is wrong with a model's ``question`` about ``sentence`` ([] when nothing)."""
    out = form_problems(question)
    if out:
        return out
    out += [f"{w!r} is not in the sentence or the lead"
            for w in foreign_names(question, sentence + " " + lead)]
    if asks_what_is_stated(question, sentence):
        out.append("asks what the sentence states")
    return out + grammar_slips(question, sentence)


def grammar_slips(question: str, sentence: str) -> list[str]:
    """The few faults of the copy editor's check that a model also makes and that never
    catch a fluent question: an auxiliary that disagrees with its subject ("does the
    black voters represent"), a name cut short, a question word without its place and a
    broken verb form (``gaps``). The rest of that check is written for rule output and
    would refuse fine model English ("Where does the vapor come from?")."""
    found = [p for p in syntax.problems(question, sentence) if p.endswith(syntax.DISAGREES)]
    found += gaps.problems(question)
    return found + ([f"a name cut short ({cut!r})"]
                    if (cut := fidelity.cut_name(question, sentence)) else [])



def form_problems(question: str) -> list[str]:
    """A one-line question: one "?" at the end, a question word first, 4-24 words."""
    text = question.strip()
    words = text.split()
    out = []
    if not text.endswith("?") or text.count("?") != 1 or "\n" in text:
        out.append("not one question ending with '?'")
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        out.append(f"not {MIN_WORDS}-{MAX_WORDS} words")
    if words and words[0].lower().strip(",") not in QUESTION_WORDS:
        out.append("does not open with a question word or an auxiliary")
    if re.search(r"[:;]|\b(?:Question|Answer|Sentence|Article|Lead)\b", text):
        out.append("carries a label or a second clause")
    if _TRIVIA.search(text):
        out.append("asks for a name or a definition, not an open point")
    if text.count('"') % 2 or text.count("(") != text.count(")"):
        out.append("unbalanced quotes or brackets")
    return out


def foreign_names(question: str, source: str) -> list[str]:
    """Names and numbers in ``question`` that ``source`` does not contain.

    A name is a capitalised word past the first; possessives and plural "s"
    are forgiven ("Smith's" matches "Smith").
    """
    known = {_bare(t) for t in _TOKEN.findall(source)}
    out = []
    for i, token in enumerate(_TOKEN.findall(question)):
        bare = _bare(token)
        named = i > 0 and token[:1].isupper() and bare.lower() not in QUESTION_WORDS
        if (named or any(c.isdigit() for c in token)) and bare not in known:
            out.append(token.strip(".,"))
    return out


def _bare(token: str) -> str:
    """A token without trailing punctuation or a possessive."""
    return re.sub(r"(?:['’]s|s['’])?[.,-]*$", "", token.strip(".,-'’"))


def content(text: str) -> set[str]:
    """Content words cut to five letters (a crude stem)."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z]+|\d+", text)
            if w.lower() not in _STOP and len(w) > 1}


def asks_what_is_stated(question: str, sentence: str) -> bool:
    """Whether the sentence already answers ``question``.

    When the sentence leaves nothing open (no "whether", "unclear", "not yet
    said", modal, pending event, denial ...), a question built from its own
    words asks it back: a yes/no one asks the statement itself, a wh-one asks
    for the part the sentence gives (a "when" beside a date, a "how many"
    beside a number, a "who" beside a name).
    """
    words = question.split()
    first = words[0].lower() if words else ""
    asked = content(question)
    if not asked:
        return True
    inside = len(asked & content(sentence)) / len(asked)
    if _OPEN.search(sentence) or _embedded(first, sentence):
        return _answer_given(question, sentence) and inside >= 0.75
    return inside >= 0.75


def _embedded(wh: str, sentence: str) -> bool:
    """The sentence carries the question itself ("police did not say why ...")."""
    return wh in _WH and re.search(rf"\b{wh}\b", sentence, re.IGNORECASE) is not None


def _answer_given(question: str, sentence: str) -> bool:
    """A wh-question whose kind of answer sits in the sentence, and no negation keeps it open."""
    low = question.lower()
    if re.search(r"\b(?:not|no|never|yet|unclear|unknown|whether)\b", sentence, re.IGNORECASE):
        return False
    if low.startswith("when "):
        return _DATE.search(sentence) is not None
    if low.startswith(("how many ", "how much ")):
        return _NUMBER.search(sentence) is not None
    return False



_SCRIPTS = {"ru": "\u0400-\u04ff", "uk": "\u0400-\u04ff", "zh": "\u4e00-\u9fff",
            "ja": "\u3040-\u30ff\u4e00-\u9fff", "ko": "\uac00-\ud7af", "ar": "\u0600-\u06ff",
            "th": "\u0e00-\u0e7f"}


def translation_problems(translated: str, english: str, target: str) -> list[str]:
    """What is wrong with a model's translation of the question ``english`` into ``target``.

    One line ending in a question mark, about as long as the English, the same
    numbers, and in the target's script (or, for a Latin-script target, not the
    English left as it was).
    """
    text = translated.strip()
    out = []
    if "\n" in text or not text.endswith(("?", "？", "؟")):
        out.append("not one question")
    if not 0.4 <= len(text) / max(len(english), 1) <= 2.5:
        out.append("length far from the English")
    if sorted(re.findall(r"\d+", text)) != sorted(re.findall(r"\d+", english)):
        out.append("numbers differ")
    letters = [c for c in text if c.isalpha()]
    script = _SCRIPTS.get(target)
    if script and sum(bool(re.match(f"[{script}]", c)) for c in letters) < 0.6 * len(letters):
        out.append("not in the target's script")
    if script and re.search(r"\b[a-z]{3,}\b", text):
        out.append("an English word left in")  # "... прямой confrontation с Россией?"
    if not script and text.lower() == english.strip().lower():
        out.append("left in English")
    return out

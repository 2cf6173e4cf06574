"""Unresolved questions: what the article itself presents as not yet known.

Three sources, from the most to the least certain (see
``../shared/bench/questions-guideline.md``):

1. an explicit list ("Key questions remain unresolved:" followed by list items);
2. indirect questions after a cue of uncertainty ("it is unclear whether X",
   "police have not said why Y", "officials have yet to decide whether to Z");
3. statements that leave something open: a cause not yet known, an unnamed
   victim, an investigation, a denial, a sentencing or trial still to come.

Each is rewritten as a direct question by ``tlsum.digest.grammar`` (no tagger:
closed-class words find subject and verb). A sentence that matches no pattern,
or a clause that cannot be turned into a clean question, yields nothing:
a missing question costs less than a wrong one. Quoted speech is skipped, since
questions there are mostly conversational. The rules are English; for other
languages ``find_questions`` returns nothing rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import tlsum.digest.grammar as g
import tlsum.digest.rules as r
import tlsum.digest.unknowns as u
from tlsum.digest.words import FUNCTION_WORDS, content_words, wordset
from tlsum.types import Document, Item, Sentence

MAX_WORDS = 24  # a question must stay under 25 words
SAME_QUESTION = 0.6
PER_SENTENCE = 2  # a long sentence can raise two things (a ban and an investigation)
# "... with stewards After initially being restrained ...": a new sentence glued on.
_GLUED = re.compile(r"(?<=[a-z0-9)]) (?=(?:The|A|An|After|In|He|She|It|They|But|As|When|While|"
                    r"Police|Officers|Meanwhile|Now|This|Her|His) [a-z])")
_RANK = {"list": 3.0, "explicit": 2.0, "implied": 1.0}

_LEAD_IN = re.compile(
    r"\b(?:questions?|unresolved|unanswered|unclear|unknown|uncertain|undecided|open issues?|"
    r"remains? to be seen|not yet (?:clear|known|decided))\b[^:]*:\s*$",
    re.IGNORECASE,
)
_LEADING_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.? )?"
                           r"([A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){1,2})"
                           r"(?=,| (?:has|had|was|is|said|says|told|will|would|[a-z]+ed)\b)")
_STOP = FUNCTION_WORDS | wordset(
    "what who whom whose which when where why how whether if any such there than")


@dataclass(frozen=True)
class _Candidate:
    text: str
    ids: tuple[int, ...]
    kind: str  # "explicit" or "implied"
    rank: float


def find_questions(doc: Document, limit: int = 6) -> tuple[Item, ...]:
    """The article's unresolved questions, main open issue first, at most ``limit``."""
    if doc.language != "en" or limit <= 0:
        return ()
    found = _from_lists(doc) + _from_sentences(doc)
    found = [c for c in (_resolve(doc, c) for c in found) if _acceptable(c.text)]
    found = [replace(c, text=t) for c in found if (t := g.well_formed(c.text))]
    found.sort(key=lambda c: -c.rank)
    kept: list[_Candidate] = []
    for cand in found:
        if not any(_same(cand.text, k.text) for k in kept):
            kept.append(cand)
    return tuple(Item(c.text, c.ids, c.kind, round(c.rank, 3)) for c in kept[:limit])


def _from_lists(doc: Document) -> list[_Candidate]:
    """List items under a lead-in such as "Key questions remain unresolved:"."""
    out: list[_Candidate] = []
    lead: Sentence | None = None
    for s in doc.sentences:
        if s.kind != "li":
            lead = s if _LEAD_IN.search(s.text) else None
            continue
        if lead is None:
            continue
        text = _item_question(s.text)
        if text:
            rank = _RANK["list"] - s.id / 1000
            out.append(_Candidate(text, (lead.id, s.id), "explicit", rank))
    return out


def _item_question(item: str) -> str | None:
    """One list item as a direct question ("whether X is Y;" → "Is X Y?")."""
    text = re.sub(r"^(?:[-•*]|\d+[.)])\s*|^(?:and|or)\s+", "", item.strip())
    text = re.sub(r"[\s;,.]+(?:and|or)?$", "", text).strip()
    if text.endswith("?"):
        return text
    return u.indirect(text.split()[0].lower() if text else "", " ".join(text.split()[1:]), "")


def _from_sentences(doc: Document) -> list[_Candidate]:
    """Indirect questions and open statements in paragraph sentences."""
    out: list[_Candidate] = []
    for s in doc.sentences:
        if s.kind != "p":
            continue
        if s.text.rstrip().endswith("?"):
            out += _direct_question(s, len(doc.sentences))
        else:
            out += _sentence_questions(s, len(doc.sentences))
    return out


_YES_NO = wordset("Is Are Will Can Could Does Do Did Has Have Should Was Were")


def _direct_question(s: Sentence, total: int) -> list[_Candidate]:
    """A yes/no question the article itself asks ("Is Smith going to start?").

    Only the narrator's, and only yes/no ones: wh-questions in news copy are
    mostly rhetorical set-ups answered in the next sentence, questions in
    quotes are mostly conversational, and "would ... have" ones are
    counterfactual.
    """
    text = re.sub(r"\s*\([^)]*\)", "", r.normalise(s.text)).strip()
    words = text.split()
    quoted = re.search(r"\"|(?:^|\s)'(?!s\b)\w", text)
    personal = re.search(r"\b(?:you|would|we|our|us|I)\b", text)
    if not words or words[0] not in _YES_NO or quoted or personal:
        return []
    if words[1].lower() == "there" or (
            words[0] in ("Have", "Has", "Do", "Does") and words[1].lower() in ("a", "an", "the")):
        return []  # "Have an Alexa device?": an imperative set-up, not a question raised
    if not 5 <= len(words) <= MAX_WORDS:
        return []
    return [_Candidate(text, (s.id,), "explicit", _RANK["explicit"] - s.id / max(total, 1))]


def _sentence_questions(s: Sentence, total: int) -> list[_Candidate]:
    """The questions one sentence raises: the first two rules that fit, if they differ.

    Captions glued to sentences (news copy pasted without line breaks) are cut
    apart first, so that a rule sees one clause at a time.
    """
    out: list[_Candidate] = []
    for text in _GLUED.split(r.normalise(s.text)):
        series = u.indirect_series(text)
        if series:
            rank = _RANK["explicit"] - s.id / max(total, 1)
            out += [_Candidate(q, (s.id,), "explicit", rank - 0.001 * n)
                    for n, q in enumerate(series)]
            continue
        for rule in u.RULES:
            result = rule(text)
            if result and not any(_same(result[0], c.text) for c in out):
                question, kind = result
                rank = _RANK[kind] - s.id / max(total, 1)
                out.append(_Candidate(question, (s.id,), kind, rank))
                break
    return out[: max(PER_SENTENCE, len(out) if out and out[0].kind == "explicit" else 0)]


def _resolve(doc: Document, cand: _Candidate) -> _Candidate:
    """Make the question self-contained: "such a mission" → "the international mission"."""
    text = re.sub(r",\s*\d{1,3},", "", cand.text)  # "Will Tsarnaev, 21, be" → "Will Tsarnaev be"
    for m in re.finditer(r"\bsuch an? (\w+)", text):
        text = text.replace(m.group(0), _antecedent(doc, m.group(1), cand.ids[-1]))
    first = min(cand.ids)
    text = re.sub(r"\b(he|she)\b", lambda m: _person(doc, first) or m.group(0), text, count=1)
    return _Candidate(text, cand.ids, cand.kind, cand.rank)


def _antecedent(doc: Document, noun: str, before: int) -> str:
    """ "the international mission" from an earlier "an international mission"."""
    pattern = re.compile(rf"\b(?:a|an|the) ([a-z][\w-]+) {re.escape(noun)}\b")
    for s in doc.sentences:
        m = pattern.search(s.text) if s.id < before else None
        if m and m.group(1) not in _STOP:
            return f"the {m.group(1)} {noun}"
    return f"the {noun}"


def _person(doc: Document, before: int) -> str | None:
    """The person a "he"/"she" most likely means: a full name that opens one of the
    two sentences before ``before`` (the subject position), else None."""
    for s in reversed(doc.sentences[max(0, before - 2) : before]):
        m = _LEADING_NAME.match(s.text)
        if m:
            return m.group(1)
    return None


def _acceptable(text: str) -> bool:
    """A real question: ends in "?", under 25 words, more than a stub."""
    words = text.split()
    if re.search(r"\b(?:these|those)\b", text, re.IGNORECASE):
        return False  # "the cost of these hockey pucks": points at a photo, not self-contained
    return text.endswith("?") and 3 <= len(words) <= MAX_WORDS


def _content(text: str) -> set[str]:
    return content_words(text, _STOP, 5)


def _same(a: str, b: str) -> bool:
    """Two questions asking the same thing (content-word F1 above SAME_QUESTION)."""
    x, y = _content(a), _content(b)
    if not x or not y:
        return False
    common = len(x & y)
    return 2 * common / (len(x) + len(y)) >= SAME_QUESTION

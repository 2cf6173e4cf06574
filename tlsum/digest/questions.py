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
from tlsum.digest.checker import passes
from tlsum.digest.cues import candidate_ids
from tlsum.digest.people import referents
from tlsum.digest.rewrite import decapitalise, sentence_question
from tlsum.digest.scorer import Model, features, load_model, probability
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


def find_questions(doc: Document, limit: int = 6, model: Model | None = None,
                   cued: frozenset[int] | None = None,
                   untrusted: frozenset[int] = frozenset()) -> tuple[Item, ...]:
    """The article's unresolved questions, main open issue first, at most ``limit``.

    The cue rules propose questions, the learned scorer (``model``, else the
    shipped one) rates every sentence, and a sentence it rates above its
    threshold that no rule could use is rewritten by ``rewrite``. Only questions
    whose sentence clears the threshold are kept (the article's own list always
    is), so the number of questions follows the model's confidence: none when
    nothing is open. Every question must pass the copy editor's ``checker``.

    ``cued`` is for a translation: the ids the multilingual prefilter
    (``cues.candidate_ids``) kept in the original language. The fallback then
    reads only those, so ``--translate summary``, which translates just those,
    finds the same questions as a full translation. On an English original
    (``cued`` None) it reads every sentence, those without an "open" cue from a
    higher score up (grouped CV: a rewritten uncued sentence is right less often).

    ``untrusted``: sentences whose translation is flagged (``Translation.flagged_ids``);
    no question is built from them, since it would ask what the article never said.
    """
    if doc.language != "en" or limit <= 0:
        return ()
    model = model if model is not None else load_model()
    found = _from_lists(doc) + _from_sentences(doc)
    scores = sentence_scores(doc, found, model)
    if model is not None:
        found = [c for c in found if _listed(c) or scores[c.ids[-1]] >= model["threshold"]]
        found += _fallbacks(doc, found, scores, _fallback_thresholds(doc, model, cued))
        found = [replace(c, rank=c.rank if _listed(c) else scores[c.ids[-1]]) for c in found]
    found = [c for c in found if untrusted.isdisjoint(c.ids)]
    common = _lower_case_words(doc)
    found = [replace(c, text=decapitalise(c.text, common)) for c in found]
    found = [c for c in (_resolve(doc, c) for c in found) if _acceptable(c.text)]
    found = [replace(c, text=t) for c in found
             if (t := g.well_formed(c.text)) and passes(t, " ".join(s.text for s in
                                                                   doc.by_id(c.ids)))]
    found.sort(key=lambda c: -c.rank)
    kept: list[_Candidate] = []
    for cand in found:
        if not any(_same(cand.text, k.text) for k in kept):
            kept.append(cand)
    return tuple(Item(c.text, c.ids, c.kind, round(c.rank, 3)) for c in kept[:limit])


def _listed(cand: _Candidate) -> bool:
    """From the article's own question list (ranked above every sentence score)."""
    return cand.rank > _RANK["explicit"]


def _lower_case_words(doc: Document) -> frozenset[str]:
    """Words the article writes in lower case somewhere (common nouns, not names)."""
    return frozenset(w for s in doc.sentences for w in s.text.split()
                     if w.isalpha() and w.islower())


def sentence_features(doc: Document, found: list[_Candidate] | None = None) -> dict[int, set[str]]:
    """The scorer's features of every sentence, including which kind of rule fired on it."""
    if found is None:
        found = _from_lists(doc) + _from_sentences(doc)
    fired: dict[int, set[str]] = {}
    for c in found:
        kind = "list" if _listed(c) else c.kind
        fired.setdefault(c.ids[-1], set()).update({"found", f"found_{kind}"})
    total = max(len(doc.sentences), 1)
    return {s.id: features(s.text, s.id / total, s.kind, tuple(sorted(fired.get(s.id, ()))))
            for s in doc.sentences}


def sentence_scores(doc: Document, found: list[_Candidate],
                    model: Model | None) -> dict[int, float]:
    """Each sentence's probability of raising an open question (0.0 without a model)."""
    if model is None:
        return {s.id: 0.0 for s in doc.sentences}
    feats = sentence_features(doc, found)
    return {sid: probability(model, f) for sid, f in feats.items()}


def _fallback_thresholds(doc: Document, model: Model,
                         cued: frozenset[int] | None) -> dict[int, float]:
    """The score from which the fallback rewrites each sentence it may read."""
    cued_from = model.get("fallback_threshold", model["threshold"])
    if cued is not None:
        return {i: cued_from for i in cued}
    uncued_from = model.get("uncued_threshold", 1.01)  # above any probability: not read
    own = candidate_ids(doc)
    return {s.id: cued_from if s.id in own else uncued_from for s in doc.sentences}


def _fallbacks(doc: Document, found: list[_Candidate], scores: dict[int, float],
               thresholds: dict[int, float]) -> list[_Candidate]:
    """Questions from confident sentences that no cue rule could turn into one."""
    used = {i for c in found for i in c.ids}
    out: list[_Candidate] = []
    for s in doc.sentences:
        if s.kind != "p" or s.id in used or scores[s.id] < thresholds.get(s.id, 1.01):
            continue
        question = sentence_question(s.text, names=referents(doc, s.id))
        if question:
            out.append(_Candidate(question, (s.id,), "implied", scores[s.id]))
    return out


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

"""Questions phrased by an instruct model: our selection, the model's words, our checks.

Why this split: the learned scorer knows which sentences readers find open
(trained and cross-validated on labelled articles); a 1.5B instruct model does
not -- given a whole article it asks trivia -- but it phrases one chosen
sentence far better than rules can. So the scorer picks the sentences, with a
lower threshold than the rules need (phrasing no longer limits recall), the
model writes one question per sentence in one batched call (the instructions
and few-shot pairs are a cached static prompt; each sentence comes with the
article's lead for context), and ``vetting`` checks every answer. A question
that fails falls back to the rule phrasing of its sentence when that passes the
copy editor's check, else it is dropped.

The few-shot pairs are invented for this purpose; none comes from a benchmark
article.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from tlsum.digest.cues import candidate_ids
from tlsum.digest.llm import InstructModel, Turn
from tlsum.digest.questions import find_questions, sentence_features
from tlsum.digest.scorer import Model, load_model, probability
from tlsum.digest.vetting import content, problems, translation_problems
from tlsum.types import Document, Item, Sentence

# Selection thresholds with a model: the scorer's probability from which a sentence is
# phrased, with and without an "open" cue (bench/phrasing.py, 5-fold CV grouped by article
# on the 120 dev articles: P 0.70 R 0.32 here; from 0.30, P 0.67 R 0.35).
SELECT_CUED = 0.35
SELECT_UNCUED = 1.01  # 1.01: only sentences with an "open" cue
MAX_TOKENS = 32  # a 24-word question fits; a longer answer would fail the checks anyway
SPARE = 2  # picks considered beyond the limit, phrased only to replace answers that fail
SAME = 0.6  # content-word F1 above which two questions ask the same thing

SYSTEM = (
    "You help a reader of a news article. Given the article's lead and one sentence from it, "
    "write the one question that the sentence leaves open: something not yet known, decided, "
    "explained, proven or done. Use only names and numbers that appear in the sentence or the "
    "lead. Never ask for a fact the sentence or the lead already gives, such as a name, a "
    "date or a number. Answer with one short question in plain English and nothing else."
)
SHOTS: tuple[Turn, ...] = (
    ("Lead: Council delays vote on harbour bridge. The vote on the new bridge was put off "
     "until spring.\nSentence: Engineers said the cost of moving the ferry terminal has not "
     "been estimated.",
     "How much will moving the ferry terminal cost?"),
    ("Lead: Drugmaker loses patent case. A court ruled against Norvex on Monday.\n"
     "Sentence: Norvex said it was studying the ruling and had not decided whether to appeal.",
     "Will Norvex appeal the ruling?"),
    ("Lead: Fire destroys warehouse in Dunmore. Crews fought the blaze for six hours.\n"
     "Sentence: Investigators are still trying to establish what started the fire.",
     "What started the fire in the Dunmore warehouse?"),
    ("Lead: Airline cuts winter flights. Skylane will fly fewer routes from November.\n"
     "Sentence: Chief executive Paul Haines said the company would decide in March whether "
     "to keep its route to Porto.",
     "Will Skylane keep its route to Porto?"),
    ("Lead: Striker hurt in cup final. Lena Ortiz was carried off after 20 minutes.\n"
     "Sentence: The club has not said how long Ortiz will be out.",
     "How long will Lena Ortiz be out?"),
)


@dataclass(frozen=True)
class _Pick:
    sentence: Sentence
    score: float
    kind: str  # "explicit" when a cue rule read an explicit open point in it


def model_questions(doc: Document, limit: int, llm: InstructModel,
                    cued: frozenset[int] | None = None, scorer: Model | None = None,
                    untrusted: frozenset[int] = frozenset()) -> tuple[Item, ...]:
    """The article's open questions, phrased by ``llm`` where its answer passes the checks.

    ``cued`` and ``untrusted`` as in ``find_questions``: on a translation, only the
    sentences the multilingual prefilter kept on the original are read, and none
    whose translation is flagged.
    """
    scorer = scorer if scorer is not None else load_model()
    if doc.language != "en" or limit <= 0 or scorer is None:
        return find_questions(doc, limit, cued=cued, untrusted=untrusted)
    rules = rule_questions(doc, scorer, cued, untrusted)
    kept = [q for q in rules.values() if _article_asks(doc, q)]
    skip = {i for q in kept for i in q.source_ids} | untrusted
    todo = picks_for(doc, scorer, cued, skip=skip)[: limit + SPARE]
    shown = _distinct(sorted(kept, key=lambda q: -q.score), limit)
    while todo and (batch := _showable(todo, shown, limit)):
        answers = llm.answer(SYSTEM, SHOTS, [user_message(doc, p.sentence) for p in batch],
                             max_tokens=MAX_TOKENS)
        for pick, answer in zip(batch, answers, strict=True):
            kept += _vetted(doc, pick, answer, rules.get(pick.sentence.id), llm.id)
        todo = todo[len(batch):]
        shown = _distinct(sorted(kept, key=lambda q: -q.score), limit)
    return shown


def _showable(picks: list[_Pick], shown: tuple[Item, ...], limit: int) -> list[_Pick]:
    """The next picks that would be shown if their answers pass: only those are phrased.

    Why: on a CPU each sentence's prompt (the lead and the sentence, about 100
    tokens) costs about a second, so phrasing spare sentences "in case one fails"
    made every article pay for them.
    A pick is shown only when fewer than ``limit`` questions outrank it; when an
    answer fails or repeats a question, the next round phrases the next picks, so
    the questions shown are those that phrasing every pick at once would show.
    """
    out: list[_Pick] = []
    for pick in picks:
        above = sum(q.score >= pick.score for q in shown) + len(out)
        if above >= limit:
            break
        out.append(pick)
    return out


def rule_questions(doc: Document, scorer: Model, cued: frozenset[int] | None,
                   untrusted: frozenset[int] = frozenset()) -> dict[int, Item]:
    """The rules' question for every sentence the lowered thresholds let through."""
    lowered: Model = {**scorer, "threshold": SELECT_CUED,
                      "fallback_threshold": SELECT_CUED, "uncued_threshold": SELECT_UNCUED}
    out: dict[int, Item] = {}
    for item in find_questions(doc, 50, model=lowered, cued=cued, untrusted=untrusted):
        out.setdefault(item.source_ids[-1], replace(item, phrased_by="rules"))
    return out


def picks_for(doc: Document, scorer: Model, cued: frozenset[int] | None,
              skip: Collection[int] = ()) -> list[_Pick]:
    """Sentences the scorer rates open, best first (``skip``: already answered by rules).

    As in ``find_questions``, a sentence with an "open" cue (a rule fired, or the
    prefilter kept it) is read from a lower score than one without.
    """
    feats = sentence_features(doc)
    own = cued if cued is not None else candidate_ids(doc)
    out = []
    for s in doc.sentences:
        f = feats[s.id]
        ruled = "x=found" in f
        if s.kind != "p" or s.id in skip or (cued is not None and s.id not in cued and not ruled):
            continue
        score = probability(scorer, f)
        if score >= (SELECT_CUED if ruled or s.id in own else SELECT_UNCUED):
            out.append(_Pick(s, score, "explicit" if "x=found_explicit" in f else "implied"))
    return sorted(out, key=lambda p: -p.score)


def lead(doc: Document, before: int | None = None) -> str:
    """The title and the first sentence (without the sentence asked about)."""
    parts = [doc.article.title or ""]
    first = doc.sentences[0] if doc.sentences else None
    if first is not None and first.id != before and first.text != parts[0]:
        parts.append(_DATELINE.sub("", first.text))
    return " ".join(p.strip() for p in parts if p.strip())


# "LONDON —", "RAIGARH (Chhattisgarh) -", "NEW YORK, March 3 (Reuters) -": a dateline the
# model would otherwise take for a name ("Did Tallis Copper LONDON have ...?").
_DATELINE = re.compile(r"^[A-Z][A-Z'. -]{2,}(?:,[^()—–-]{0,30})?\s*"
                       r"(?:\([^)]{0,40}\)\s*)?[—–-]{1,2}\s+")


def user_message(doc: Document, sentence: Sentence) -> str:
    """What the model reads for one sentence."""
    return f"Lead: {lead(doc, sentence.id)}\nSentence: {sentence.text}"


def _article_asks(doc: Document, item: Item) -> bool:
    """The article's own question list or a question it asks: kept in its words."""
    return len(item.source_ids) > 1 or any(
        s.text.rstrip().endswith("?") for s in doc.by_id(item.source_ids))


def _vetted(doc: Document, pick: _Pick, answer: str, rule: Item | None,
            model_id: str) -> list[Item]:
    """The model's question if it passes, else the rules' one if any."""
    text = " ".join(answer.split()).strip()
    if not problems(text, pick.sentence.text, lead(doc)):
        return [Item(text, (pick.sentence.id,), pick.kind, round(pick.score, 3),
                     f"model:{model_id}")]
    return [replace(rule, score=round(pick.score, 3))] if rule is not None else []


def _distinct(items: list[Item], limit: int) -> tuple[Item, ...]:
    """At most ``limit`` items, none asking what a higher one asks."""
    kept: list[Item] = []
    for item in items:
        if not any(_same(item.text, k.text) for k in kept):
            kept.append(item)
    return tuple(kept[:limit])


def _same(a: str, b: str) -> bool:
    x, y = content(a), content(b)
    return bool(x and y) and 2 * len(x & y) / (len(x) + len(y)) >= SAME


# Languages Qwen2.5's model card lists; for others the translation route is used.
LANGUAGES = {"ru": "Russian", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
             "pt": "Portuguese", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
             "vi": "Vietnamese", "th": "Thai", "ar": "Arabic"}
TRANSLATE_SHOTS: dict[str, tuple[Turn, ...]] = {
    "ru": (("Will Norvex appeal the ruling?", "Обжалует ли Norvex это решение?"),
           ("How long will Lena Ortiz be out?", "Как долго Лена Ортис не сможет играть?")),
}


def model_translations(llm: InstructModel, questions: list[str], target: str) -> list[str | None]:
    """``questions`` in ``target`` by the model in one batched call; None where the
    answer fails ``vetting.translation_problems`` (or the model has no such language)."""
    language = LANGUAGES.get(target)
    if not questions or language is None or llm.chat.name != "chatml":
        return [None] * len(questions)
    system = (f"Translate the user's question from English into {language}. Keep names and "
              f"numbers. Answer with the {language} question only.")
    answers = llm.answer(system, TRANSLATE_SHOTS.get(target, ()), questions, max_tokens=64)
    return [" ".join(a.split()) if not translation_problems(a, q, target) else None
            for q, a in zip(questions, answers, strict=True)]

"""The learned sentence scorer, the fallback rewriter and the copy editor's checker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsum.digest.checker import passes, problems
from tlsum.digest.questions import find_questions
from tlsum.digest.rewrite import sentence_question
from tlsum.digest.scorer import features, load_model, probability
from tlsum.segment import segment
from tlsum.types import Article, Paragraph

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "turkey_article.json"

# A fixed sample: what the old rules printed and a copy editor would strike, and good
# questions of every shape the finder produces.
REJECTED = [
    "Where had the shooter fled Reports?",
    "What should Mary Pat do with her job, and seemed to downplay the chances of her quitting?",
    "Will the council close the bridge",
    "The council will close the bridge?",
    "Will the council close the?",
    "Will if the council closes the bridge?",
    "Did the minister say the talks had failed, he added?",
    "Will (CNN) the council close the bridge?",
    "Is the plan, which was announced on Monday by the mayor of the city after a long meeting "
    "with the unions and the police, going to cost more than expected?",
    "Will the talks resume? Will they succeed?",
    "Why?",
    "Will he appear in court next month?",
]
ACCEPTED = [
    "Is a sustainable ceasefire achievable?",
    "Will Russia agree to any international force?",
    "Who would command the international mission?",
    "Which countries are prepared to contribute troops, and in what numbers?",
    "What caused the fire?",
    "What sentence will Dzhokhar Tsarnaev receive?",
    "At what point will the bank raise rates?",
    "How many people died?",
    "Will Starship lunar lander missions begin in 2022?",
]


@pytest.mark.parametrize("question", REJECTED)
def test_checker_rejects_what_a_copy_editor_would_strike(question: str) -> None:
    assert problems(question), question


@pytest.mark.parametrize("question", ACCEPTED)
def test_checker_accepts_good_questions(question: str) -> None:
    assert problems(question) == []


def test_checker_names_the_fault() -> None:
    assert "reporting verb left in" in problems("Did the minister say the talks had failed, "
                                                "he added?")
    assert "dateline or caption fragment" in problems("Where had the shooter fled Reports?")


@pytest.mark.parametrize(("sentence", "question"), [
    ("Shotwell said Starship lunar lander missions could begin in 2022.",
     "Will Starship lunar lander missions begin in 2022?"),
    ("Race and Obama's legacy could play a major role in shaping the action.",
     "Will Race and Obama's legacy play a major role in shaping the action?"),
    ("Officials said on Monday that the bridge could reopen next spring.",
     "Will the bridge reopen next spring?"),
    ("Russia - a key ally of Syria - has said Damascus should complete the transfer by 1 March.",
     "Should Damascus complete the transfer by 1 March?"),
])
def test_rewrite_turns_the_main_clause_into_a_question(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


def test_rewrite_leaves_quotes_alone() -> None:
    assert sentence_question('"We will win again," the coach said.') is None


def test_rewrite_needs_the_clause_own_auxiliary() -> None:
    # do-support would need the main verb, which an untagged rewriter mistakes for a noun
    assert sentence_question("More than 50 teachers exchanged messages in a group.") is None


def test_shipped_model_loads_and_ranks_an_open_sentence_above_a_settled_one() -> None:
    model = load_model()
    assert model is not None and 0.0 < model["threshold"] < 1.0
    open_ = features("Police have not said whether the suspect knew the victim.", 0.5, "p",
                     ("found", "found_explicit"))
    settled = features("The team won the match 3-1 on Saturday.", 0.5, "p")
    assert probability(model, open_) > model["threshold"] > probability(model, settled)


def test_a_settled_report_gets_no_questions() -> None:
    article = Article(tuple(Paragraph(t) for t in (
        "The city council opened a new library in the town centre on Saturday.",
        "The building has three floors and holds 80,000 books.",
        "The mayor cut the ribbon in front of several hundred residents.",
        "Children's readings were held in the afternoon and the cafe served free coffee.",
    )))
    assert find_questions(segment(article, "en")) == ()


def test_every_question_on_the_example_passes_the_checker() -> None:
    data = json.loads(FIXTURE.read_text("utf-8"))
    article = Article(tuple(Paragraph(p["text"], p["kind"]) for p in data["paragraphs"]))
    found = find_questions(segment(article, "en"))
    assert len(found) >= 4
    assert all(passes(q.text) for q in found), [q.text for q in found]


PLAN = ("The city council met on Tuesday. The council aims to reopen the old library next "
        "year. Residents collected 4,000 signatures for it.")


def _plan_doc():
    return segment(Article((Paragraph(PLAN),)), "en")


def test_an_uncued_sentence_is_rewritten_only_above_the_uncued_threshold() -> None:
    """'aims to' carries no "open" cue and no rule reads it: the fallback rewrites it
    from ``uncued_threshold`` up on an English original, never when the model sets none."""
    doc = _plan_doc()
    eager = {"weights": {"bias": 3.0}, "threshold": 0.5, "fallback_threshold": 0.5}
    assert find_questions(doc, 6, eager) == ()
    found = find_questions(doc, 6, {**eager, "uncued_threshold": 0.9})
    assert [q.text for q in found] == ["Will the council reopen the old library next year?"]
    assert found[0].source_ids == (1,)
    assert find_questions(doc, 6, {**eager, "uncued_threshold": 0.99}) == ()


def test_a_translation_is_read_only_where_the_original_had_a_cue() -> None:
    """``cued`` (the original's prefilter) bounds the fallback, whatever the thresholds,
    so a full translation and ``--translate summary`` read the same sentences."""
    doc = _plan_doc()
    model = {"weights": {"bias": 3.0}, "threshold": 0.5, "fallback_threshold": 0.5,
             "uncued_threshold": 0.5}
    assert find_questions(doc, 6, model, cued=frozenset()) == ()
    found = find_questions(doc, 6, model, cued=frozenset({1}))
    assert [q.source_ids for q in found] == [(1,)]

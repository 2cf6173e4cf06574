"""Unresolved questions: the rewriter and the rules, on sentences shaped like real news."""

from __future__ import annotations

import pytest

from tlsum.digest import grammar as g
from tlsum.digest.questions import find_questions
from tlsum.digest.scorer import Model
from tlsum.segment import segment
from tlsum.types import Article, Paragraph

# The rules on their own: every rule's question kept, no fallback rewrites. Which of them
# the shipped scorer keeps is tested in test_questions_model.py and measured by the bench.
RULES_ONLY: Model = {"weights": {}, "threshold": 0.0, "fallback_threshold": 1.01}


def questions_of(*paragraphs: str, kinds: tuple[str, ...] = ()) -> list[str]:
    kinds = kinds or ("p",) * len(paragraphs)
    article = Article(tuple(Paragraph(t, k) for t, k in zip(paragraphs, kinds, strict=True)))
    return [q.text for q in find_questions(segment(article, "en"), model=RULES_ONLY)]


@pytest.mark.parametrize(("clause", "question"), [
    ("a sustainable ceasefire is achievable", "Is a sustainable ceasefire achievable?"),
    ("Russia will agree to any international force",
     "Will Russia agree to any international force?"),
    ("the suspect knew the victim", "Did the suspect know the victim?"),
    ("the driver caused the crash", "Did the driver cause the crash?"),
    ("the man who was arrested will appear in court",
     "Will the man who was arrested appear in court?"),
    ("the plan involves job cuts", "Does the plan involve job cuts?"),
])
def test_invert(clause: str, question: str) -> None:
    assert g.finish(g.invert(clause) or "") == question


@pytest.mark.parametrize(("clause", "question"), [
    ("who would command such a mission", "Who would command such a mission?"),
    ("which countries are prepared to contribute troops, and in what numbers",
     "Which countries are prepared to contribute troops, and in what numbers?"),
    ("why he did it", "Why did he do it?"),
    ("what caused the fire", "What caused the fire?"),
    ("how many people died", "How many people died?"),
    ("when the trial will begin", "When will the trial begin?"),
    ("where the money went", "Where did the money go?"),
])
def test_wh_question(clause: str, question: str) -> None:
    assert g.finish(g.wh_question(clause) or "") == question


@pytest.mark.parametrize(("word", "base"), [
    ("agreed", "agree"), ("stopped", "stop"), ("caused", "cause"), ("called", "call"),
    ("decided", "decide"), ("needed", "need"), ("happened", "happen"), ("created", "create"),
    ("died", "die"), ("carried", "carry"), ("claimed", "claim"), ("knew", "know"),
])
def test_past_to_base(word: str, base: str) -> None:
    assert g.past_to_base(word) == base


def test_indirect_questions_after_cues() -> None:
    found = questions_of(
        "Firefighters spent the night at the warehouse on Mill Road. It is unclear whether "
        "the building was empty when the fire started. Police have not said why the alarm "
        "failed.",
    )
    assert "Was the building empty when the fire started?" in found
    assert "Why did the alarm fail?" in found


def test_whether_to_takes_the_main_subject() -> None:
    found = questions_of("The city council has yet to decide whether to close the old bridge.")
    assert found == ["Will the city council close the old bridge?"]


def test_open_statements() -> None:
    found = questions_of(
        "A 45-year-old man died after a lorry hit a bus shelter in Leeds on Friday. "
        "The cause of the crash is not yet known. The victim has not been named.",
    )
    assert found == ["What caused the crash?", "Who is the victim?"]


def test_sentencing_and_denials() -> None:
    found = questions_of(
        "John Smith, 34, of Bristol, will be sentenced next month.",
        "Greece has denied it will default on its loan repayment to the IMF.",
    )
    assert "What sentence will John Smith receive?" in found
    assert "Will Greece default on its loan repayment to the IMF?" in found


def test_nothing_from_settled_facts_and_quotes() -> None:
    found = questions_of(
        "The team won the cup final 3-1 on Saturday in front of a record crowd.",
        "\"I don't know whether I will ever play again,\" the striker joked afterwards.",
        "Asked what he would do next, he said he would go on holiday with his family.",
        "Why do cats purr? Scientists explained the mechanism in a study published in 2019.",
    )
    assert found == []


def test_list_needs_a_question_lead_in() -> None:
    items = ("whether the bridge will reopen;", "who will pay for the repairs.")
    assert questions_of("The plan covers these areas:", *items, kinds=("p", "li", "li")) == []
    found = questions_of("Several questions remain open:", *items, kinds=("p", "li", "li"))
    assert found == ["Will the bridge reopen?", "Who will pay for the repairs?"]


def test_duplicates_are_merged_and_limit_applies() -> None:
    text = ("It is unclear whether the talks will resume. Officials did not say whether the "
            "talks will resume soon. It remains unclear who will lead the delegation.")
    article = Article((Paragraph(text),))
    items = find_questions(segment(article, "en"), limit=5)
    assert [q.text for q in items] == ["Will the talks resume?", "Who will lead the delegation?"]
    assert items[0].source_ids == (0,)
    assert len(find_questions(segment(article, "en"), limit=1)) == 1


@pytest.mark.parametrize(("sentence", "question"), [
    ("If successful in raising funds it is hoped the theatre will reopen in 2018.",
     "Will the theatre reopen in 2018?"),
    ("Bayer Leverkusen defender Emir Spahic could face a lengthy ban after the match.",
     "Will Bayer Leverkusen defender Emir Spahic face a lengthy ban after the match?"),
    ("The incident has been referred to the prosecutor and could now be investigated by police.",
     "Will the incident be investigated by police?"),
    ("Mr Campbell has been bailed, pending further inquiries, to a date in mid-September.",
     "Will Mr Campbell be charged?"),
    ("Police are investigating a Tory MP over claims he attempted to bribe voters with cake.",
     "Did the Tory MP attempt to bribe voters with cake?"),
    ("Police are investigating an allegation of online harassment.",
     "Is the allegation of online harassment true?"),
    ("Ideally, Vernon would come back this week, but when Vernon will return is still a question "
     "mark.", "When will Vernon return?"),
    ("The evolutionary history of other groups of taste receptors has yet to be deciphered.",
     "What is the evolutionary history of other groups of taste receptors?"),
    ("Figgins declined to address whether Thomas slept on the job on the night Epstein died.",
     "Did Thomas sleep on the job on the night Epstein died?"),
    ("Big Machine have twice denied doing anything wrong.", "Did Big Machine do anything wrong?"),
    ("Police are waiting for forensic tests to confirm that the nun was sexually assaulted.",
     "Was the nun sexually assaulted?"),
])
def test_open_statement_rules(sentence: str, question: str) -> None:
    assert questions_of(sentence) == [question]


def test_long_clauses_are_cut_at_a_phrase_boundary_not_mid_phrase() -> None:
    found = questions_of(
        "The government is hoping approval of its latest reforms package will unlock remaining "
        "aid of 7.2 billion euros under its bailout and lead to the return of profits made by "
        "the central bank on Greek bonds.")
    assert found == ["Will approval of its latest reforms package unlock remaining aid of 7.2 "
                     "billion euros?"]
    assert all(len(q.split()) < 25 for q in found)


@pytest.mark.parametrize("sentence", [
    # a relative clause, not an indirect question
    "The investigation, which began in May, has already cost the council two million pounds.",
    # a character's state of mind, not an open issue of the story
    "Running into the hall, unaware of what was going on, he sang to her.",
    # a bare pronoun subject would not be self-contained
    "It will now examine the data before deciding whether to resume.",
    # rhetorical narrator questions addressed to the reader
    "Is there anything better than a piece of toast topped with jam?",
    "Do we have an oxygen bar in Delhi?",
    # a researcher's past wondering, resolved by the experiment the story tells
    "Vaughan began to wonder whether tuft cells might be involved in the lungs' recovery.",
    # a photo caption's trivia
    "It is unclear what the cost of these hockey pucks was, but they look expensive.",
])
def test_no_question_from_these(sentence: str) -> None:
    assert questions_of(sentence) == []


@pytest.mark.parametrize("question", [
    "Did Onyango made an impressive header?",
    "Will David Cameron today announced give workers leave?",
    "Was he up to the job of being president was made up?",
    "Does of launching a career a singer?",
    "Will it resume?",
    "Will the film?",
])
def test_well_formed_rejects_failed_rewrites(question: str) -> None:
    assert g.well_formed(question) is None


def test_well_formed_keeps_good_questions() -> None:
    for question in ("Will the man who was arrested appear in court?",
                     "Who would command the international mission?",
                     "Is the man accused of fraud guilty?"):
        assert g.well_formed(question) == question


def test_no_date_given() -> None:
    assert questions_of("She did not give a date for crewed missions, but said more tests "
                        "would come first.") == ["When will crewed missions happen?"]
    assert questions_of("No date has been set for the trial.") == ["When will the trial happen?"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It remains unclear whether Russia will agree to the ceasefire, when the agreement "
         "will take effect and how many soldiers Turkey will send to Ukraine.",
         ["Will Russia agree to the ceasefire?", "When will the agreement take effect?",
          "How many soldiers will Turkey send to Ukraine?"]),
        ("Officials did not say when the road would reopen, and how much the repairs would cost.",
         ["When would the road reopen?", "How much would the repairs cost?"]),
        # A later clause with a bare pronoun is not self-contained: the single rules take over.
        ("The researchers don't yet know what the cells are doing or what they are sensing.", []),
        ("It is unclear whether the plan will pass.", []),  # no series: the single rule's job
    ],
)
def test_a_series_of_indirect_questions_becomes_one_question_each(
        sentence: str, expected: list[str]) -> None:
    from tlsum.digest.unknowns import indirect_series as _indirect_series

    assert _indirect_series(sentence) == expected


def test_an_unnamed_thing_is_not_asked_with_who() -> None:
    from tlsum.digest.unknowns import _rule_np_open

    assert _rule_np_open("The farm was not named by the ministry.") is None
    assert _rule_np_open("The driver has not been named.") == ("Who is the driver?", "explicit")
    assert _rule_np_open("The victims have not been identified.") == ("Who are the victims?",
                                                                      "explicit")


def test_an_inquiry_into_a_cause_asks_what_caused_the_event() -> None:
    from tlsum.digest.unknowns import _rule_probe

    assert _rule_probe("An inquiry into the cause of the fire, which began on Monday, has not "
                       "concluded.") == (
        "What caused the fire?", "explicit")

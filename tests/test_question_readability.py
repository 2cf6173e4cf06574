"""The rules path prints only questions a reader can parse.

Each test is one class of failed rewrite a copy editor found (a name glued on from a
caption, a copula or purpose clause cut off, a charge asked as the offence, a day
asked as a cause, "be to V", "Which" with no noun, "What" about a person), on
sentences written here for the purpose.
"""

from __future__ import annotations

import pytest

import tlsum.digest.unknowns as u
from tlsum.digest.grammar import well_formed
from tlsum.digest.rewrite import decapitalise, sentence_question
from tlsum.digest.rules import rule_modal, rule_plan


@pytest.mark.parametrize("sentence, question", [
    ("Mia Tanner will be handed the cup by Rob Hale at Ascot on Sunday Hale (right) is now "
     "a coach", "Will Mia Tanner be handed the cup by Rob Hale at Ascot on Sunday?"),
    ("Lena Berg has revealed she will be leaving her post as Ajax coach at the end of the "
     "year Chelsea full-back Tom Reed says Berg would thrive in London",
     "Will Lena Berg be leaving her post as Ajax coach at the end of the year?"),
])
def test_a_glued_caption_ends_the_sentence(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


@pytest.mark.parametrize("question", [
    "Will the new survey be?",
    "Will the board now sell two hotels to tenants to make sure?",
    "Are the magistrates now expected to order Jones?",
    "Will the bill allow for refunds both retrospectively as well?",
    "Will Ola Fenn be handed the cup at Ascot on Sunday Hale?",
    "Did Tuesday cause the flooding in the valley?",
    "Which sits on the board of the charity?",
])
def test_a_cut_off_or_glued_rewrite_is_not_well_formed(question: str) -> None:
    assert well_formed(question) is None


@pytest.mark.parametrize("question", [
    "Which airlines will cancel their flights?",
    "Will both teams qualify for the final?",
    "Will the final be played on Sunday?",
    "Will the court order a retrial?",
])
def test_well_formed_keeps_the_sound_questions(question: str) -> None:
    assert well_formed(question) == question


def test_a_charge_of_an_offence_asks_about_the_offence() -> None:
    result = u._rule_trial("Mr Holt denies two counts of dangerous driving.")
    assert result == ("Is Mr Holt guilty of dangerous driving?", "implied")


def test_the_day_of_the_statement_is_not_the_cause() -> None:
    sentence = ("The agency said Monday that a leak at the plant may have caused the outage, "
                "which lasted a day.")
    result = rule_modal(sentence)
    assert result is None or "Monday" not in result[0]


def test_are_to_is_asked_as_will() -> None:
    question = sentence_question("The club may have to sell players if Dunmore are to clear "
                                 "their debts by June.")
    assert question == "Will Dunmore clear their debts by June?"


def test_a_noun_cue_after_or_gives_no_plan_question() -> None:
    assert rule_plan("Landlords may not ask about pets, number of cars or plans to marry, "
                     "income or age.") is None


def test_someone_under_investigation_is_not_asked_what() -> None:
    assert u._rule_np_open("The cyclist on the red bike, who had no lights, is under "
                           "investigation by the police.") is None
    assert u._rule_np_open("The motive for the theft is unclear.") == \
        ("What is the motive for the theft?", "explicit")


@pytest.mark.parametrize("sentence", [
    "The ministry said that review could take several months.",
    "impact of the strike is still to be fully assessed, the firm said.",
])
def test_a_lost_determiner_gives_no_question(sentence: str) -> None:
    assert sentence_question(sentence) is None


def test_a_kept_determiner_still_gives_the_question() -> None:
    assert sentence_question("The ministry said that the review could take several months.") \
        == "Will the review take several months?"


def test_a_list_cut_short_is_not_well_formed() -> None:
    assert well_formed("Are landlords barred from asking about pets, cars, income?") is None
    assert well_formed("Will the firm hire staff in Leeds, Hull and York?") == \
        "Will the firm hire staff in Leeds, Hull and York?"


@pytest.mark.parametrize("question, common, expected", [
    ("Will Landlords have to pay more?", {"landlord"}, "Will landlords have to pay more?"),
    ("Will Hard-pressed farms cope?", {"hard", "pressed"}, "Will hard-pressed farms cope?"),
    ("Will Hazard get a rest?", {"rest"}, "Will Hazard get a rest?"),
])
def test_a_sentence_start_capital_is_lowered_when_the_article_uses_the_word(
        question: str, common: set[str], expected: str) -> None:
    assert decapitalise(question, frozenset(common)) == expected


def test_a_denied_fact_is_not_asked_as_a_charge() -> None:
    assert u._rule_trial("Mr Vane has denied any knowledge of the fraud.") is None


def test_a_wh_question_may_end_in_its_copula() -> None:
    assert well_formed("What will the cost of the repairs be?") == \
        "What will the cost of the repairs be?"

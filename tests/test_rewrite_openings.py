"""The fallback rewriter's wider grammar: intentions, conditions, accusations, court dates, names.

Every sentence here is invented; each transformation is checked on what it should
ask and on a settled statement of the same shape that must give no question.
"""

from __future__ import annotations

import pytest

from tlsum.digest.checker import passes
from tlsum.digest.grammar import ing_to_base
from tlsum.digest.people import referents
from tlsum.digest.rewrite import sentence_question
from tlsum.segment import segment
from tlsum.types import Article, Paragraph


@pytest.mark.parametrize(("word", "base"), [
    ("raising", "raise"), ("winning", "win"), ("taking", "take"), ("calling", "call"),
    ("agreeing", "agree"), ("stopping", "stop"), ("writing", "write"), ("leaving", "leave"),
    ("appealing", "appeal"), ("completing", "complete"), ("developing", "develop"),
    ("negotiating", "negotiate"), ("pursuing", "pursue"), ("handling", "handle"),
    ("changing", "change"), ("hanging", "hang"), ("visiting", "visit"), ("voting", "vote"),
    ("opening", "open"), ("restoring", "restore"), ("monitoring", "monitor"),
    ("cancelling", "cancel"), ("telling", "tell"), ("adding", "add"), ("dying", "die"),
    ("being", "be"), ("closing", "close"), ("fighting", "fight"), ("buying", "buy"),
])
def test_ing_to_base_undoes_the_spelling_changes(word: str, base: str) -> None:
    assert ing_to_base(word) == base


def test_ing_to_base_rejects_what_is_not_an_ing_form() -> None:
    assert ing_to_base("sing") is None and ing_to_base("raised") is None


@pytest.mark.parametrize(("sentence", "question"), [
    ("The club plans to appeal against the decision.",
     "Will the club appeal against the decision?"),
    ("The council is set to approve the new stadium next week.",
     "Will the council approve the new stadium next week?"),
    ("Opposition leaders vowed to block the budget in parliament.",
     "Will Opposition leaders block the budget in parliament?"),
    ("The airline is expected to be sold to a rival by the end of the year.",
     "Will the airline be sold to a rival by the end of the year?"),
    ("The charity has committed to raising a further £2m by next summer.",
     "Will the charity raise a further £2m by next summer?"),
    ("The government is considering scrapping the tax on fuel.",
     "Will the government scrap the tax on fuel?"),
])
def test_an_intention_asks_whether_it_will_happen(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


@pytest.mark.parametrize(("sentence", "question"), [
    ("The factory will close in May unless the owners find a buyer.",
     "Will the owners find a buyer?"),
    ("If the regulator approves the merger, prices could rise.",
     "Will the regulator approve the merger?"),
    ("The match will be moved if the pitch is frozen on Saturday.",
     "Will the pitch be frozen on Saturday?"),
])
def test_a_condition_with_its_own_subject_is_asked(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


@pytest.mark.parametrize(("sentence", "question"), [
    ("The former manager is accused of stealing funds from the club.",
     "Did the former manager steal funds from the club?"),
    ("A nurse has been charged with murder.", "Is a nurse guilty of murder?"),
    ("The striker denied elbowing the defender during the second half.",
     "Did the striker elbow the defender during the second half?"),
    ("The mayor denies the allegations.", "Are the allegations against the mayor true?"),
    ("A man aged 30 was arrested on suspicion of arson after the fire.",
     "Will a man aged 30 be charged with arson?"),
])
def test_an_accusation_or_denial_asks_whether_it_is_true(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


@pytest.mark.parametrize(("sentence", "question"), [
    ("The driver will be sentenced at Leeds Crown Court next month.",
     "What sentence will the driver receive?"),
    ("The banker will stand trial for fraud in March.", "Will the banker be convicted of fraud?"),
    ("The teenager faces two charges of robbery.", "Will the teenager be convicted of robbery?"),
])
def test_a_court_date_asks_for_its_outcome(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


def test_a_modal_verb_phrase_after_and_keeps_the_clause_subject() -> None:
    assert sentence_question("The defender was sent off on Sunday and could face a long ban.") \
        == "Will the defender face a long ban?"


@pytest.mark.parametrize("sentence", [
    "The team won the match 3-1 on Saturday.",
    "The club appealed against the decision last year.",
    "The former manager was cleared of stealing funds from the club.",
    "The driver was sentenced to four years in prison.",
    "If the council had approved the plan, the road would have been built.",
    "Employers may not ask about marital status or plans to have children.",
])
def test_a_settled_statement_still_gives_no_question(sentence: str) -> None:
    assert sentence_question(sentence) is None


def test_a_pronoun_subject_is_named_only_when_the_name_is_certain() -> None:
    sentence = "He is expected to sign a new contract next week."
    assert sentence_question(sentence) is None
    assert sentence_question(sentence, names=("Tom Baker",)) == \
        "Will Tom Baker sign a new contract next week?"
    assert sentence_question(sentence, names=("Tom Baker", "Ann Lee")) is None


def test_the_speaker_is_who_he_means() -> None:
    assert sentence_question("Coach Mark Hill has confirmed he will step down in June.") == \
        "Will Mark Hill step down in June?"


def test_every_new_question_passes_the_checker() -> None:
    sentences = ["The club plans to appeal against the decision.",
                 "The factory will close in May unless the owners find a buyer.",
                 "The banker will stand trial for fraud in March."]
    assert all(passes(q) for q in map(sentence_question, sentences) if q)


def test_referents_are_the_people_named_just_before() -> None:
    doc = segment(Article(tuple(Paragraph(t) for t in (
        "Rory McIlroy shot a 65 on Friday at the Turkish Open in Antalya.",
        "McIlroy said the course suited his game.",
        "He is targeting a third title in four years.",
        "Shane Lowry and Rory McIlroy were paired together on Saturday.",
        "Lowry has won twice this season.",
        "He will tee off at noon.",
    ))), "en")
    ids = {s.text: s.id for s in doc.sentences}
    assert referents(doc, ids["He is targeting a third title in four years."]) == \
        ("Rory McIlroy",)
    assert set(referents(doc, ids["He will tee off at noon."])) == {"Shane Lowry", "Rory McIlroy"}
    assert referents(doc, 0) == ()


def _doc(*texts: str):  # type: ignore[no-untyped-def]
    return segment(Article(tuple(Paragraph(t) for t in texts)), "en")


def test_referents_leave_out_the_other_sex() -> None:
    doc = _doc("Mrs Ann Lee met Mr Tom Baker at the council offices on Monday.",
               "She is expected to announce the budget next week.")
    assert referents(doc, doc.sentences[-1].id) == ("Mrs Ann Lee",)


def test_referents_fall_back_to_the_article_main_person() -> None:
    doc = _doc("Rory McIlroy shot a 65 on Friday.", "McIlroy said the course suited him.",
               "McIlroy has won twice this season.", "The weather was calm in the morning.",
               "The course was firm and fast.", "He is expected to win on Sunday.")
    assert referents(doc, doc.sentences[-1].id) == ("Rory McIlroy",)
    assert sentence_question(doc.sentences[-1].text, names=referents(doc, doc.sentences[-1].id)) \
        == "Will Rory McIlroy win on Sunday?"


@pytest.mark.parametrize(("sentence", "question"), [
    ("Despite the rain, the organisers claimed that they had broken the world record.",
     "Did the organisers break the world record?"),
    ("The officer claimed he acted in self-defence.", "Did the officer act in self-defence?"),
    ("The striker insists he was fouled in the box.", "Was the striker fouled in the box?"),
])
def test_a_claim_about_oneself_is_asked_as_contested(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


def test_a_claimed_victory_is_no_claim_about_a_clause() -> None:
    assert sentence_question("Liverpool claimed victory at Anfield on Sunday.") is None


def test_a_lone_verb_after_the_intention_is_the_whole_question() -> None:
    assert sentence_question("After the hearing, the club plans to appeal.") == \
        "Will the club appeal?"


@pytest.mark.parametrize(("sentence", "question"), [
    ("The coach is accused of bullying players and threatening staff.",
     "Did the coach bully players and threaten staff?"),
    ("However the prosecutors plan to appeal the ruling.",
     "Will the prosecutors appeal the ruling?"),
    ("Between 2014 and 2016, the number of tablets in schools is expected to rise.",
     "Will the number of tablets in schools rise?"),
    ("The climber plans to scale the peak next year A climber has set his sights on it.",
     "Will the climber scale the peak next year?"),
])
def test_the_subject_and_tail_are_trimmed_to_one_clause(sentence: str, question: str) -> None:
    assert sentence_question(sentence) == question


@pytest.mark.parametrize("sentence", [
    "Prosecutors insisted he had failed to stop at the scene.",  # "he" is not the prosecutors
    "Scientists did not discover the gene until 1991.",  # it happened, in 1991
    "If the blood vessels are affected, patients can have swelling.",  # a general rule
])
def test_what_only_looks_open_gives_no_question(sentence: str) -> None:
    assert sentence_question(sentence) is None


def test_the_speaker_is_who_him_means() -> None:
    assert sentence_question("Coach Mark Hill has admitted the defeat may cost him his job.") == \
        "Will the defeat cost Mark Hill his job?"


def test_a_participle_after_a_comma_is_no_verb_of_the_subject() -> None:
    assert sentence_question("The new law, signed in April, could force the closure of the "
                             "university.") == \
        "Will the new law, signed in April, force the closure of the university?"
    assert sentence_question("The coach declined to say when the striker would be fit.") is None


def test_the_subject_follows_a_reporting_verb_after_an_apposition() -> None:
    assert sentence_question("His lawyer, Ann Lee, argued investigators want to question the "
                             "driver again.") == "Will investigators question the driver again?"
    assert sentence_question("The mayor, Ann Lee, argued the council plans to sell the depot.") \
        == "Will the council sell the depot?"


def test_a_relative_clause_of_which_is_cut_from_the_tail() -> None:
    assert sentence_question("Shoppers plan to spend $500 on gifts of which $100 will be on "
                             "cards.") == "Will shoppers spend $500 on gifts?"

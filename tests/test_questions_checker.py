"""The copy editor's check (``tlsum.digest.checker``) judged on questions written for it.

The fixtures are hand-written questions the rules never saw when they were made:
well-formed ones of the shapes the rewriters produce and broken ones of the kinds
their failures show, on other topics and words. ``questions_grammar.tsv`` was the
set the grammar was developed on; ``questions_grammar_fresh.tsv`` and then
``questions_grammar_final.tsv`` were written afterwards, each measured once before
its failures were studied (README, "A copy editor's check"). The three
``questions_independent*.tsv`` sets, with source sentences, are by writers who never
saw the code; each was measured once blind before its failure kinds became rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tlsum.digest.lexicon as lx
from tlsum.digest.checker import failing_rules, passes, problems
from tlsum.digest.questions import find_questions
from tlsum.digest.rewrite import sentence_question
from tlsum.digest.scorer import Model
from tlsum.segment import segment
from tlsum.types import Article, Paragraph

FIXTURES = Path(__file__).parent / "fixtures"
RULES_ONLY: Model = {"weights": {}, "threshold": 0.0, "fallback_threshold": 1.01}


def labelled(name: str) -> list[tuple[str, str]]:
    rows = (line.split("\t") for line in (FIXTURES / name).read_text().splitlines()
            if line.strip() and not line.startswith("#"))
    return [(row[0], row[1]) for row in rows]


ALL = [row for name in ("questions_grammar.tsv", "questions_grammar_fresh.tsv",
                        "questions_grammar_final.tsv") for row in labelled(name)]


def test_fixtures_are_big_and_balanced() -> None:
    broken = [q for label, q in ALL if label == "broken"]
    assert len(ALL) >= 150 and 0.4 <= len(broken) / len(ALL) <= 0.6
    assert {label for label, _ in ALL} == {"ok", "broken"}


def test_false_accepts_at_most_three_percent() -> None:
    broken = [q for label, q in ALL if label == "broken"]
    accepted = [q for q in broken if passes(q)]
    assert len(accepted) / len(broken) <= 0.03, accepted


def test_false_rejects_at_most_five_percent() -> None:
    good = [q for label, q in ALL if label == "ok"]
    rejected = {q: problems(q) for q in good if not passes(q)}
    assert len(rejected) / len(good) <= 0.05, rejected


@pytest.mark.parametrize("question", [
    # the kinds issue 19 lists, each reworded: a verb form after a modal, an opener or a verb
    # where the subject goes, no verb, disagreement, a verb without its object, a wish
    "Will Oslo insists that every ship carry a beacon?",
    "Would Beyond the city's old walls, new houses be built?",
    "Will Gradually shift the council its spending to buses?",
    "Could the arrival of cruise ships in the old harbour?",
    "Were the week the results due to the board?",
    "Will the panel decide on Friday whether to suspend?",
    "Will Town Council love to hear from residents?",
])
def test_rejects_the_issue_kinds(question: str) -> None:
    assert problems(question)


def test_source_sentence_tells_noun_from_verb() -> None:
    source = "Despite the warnings, the ferry is still scheduled to sail on Sunday."
    assert not passes("Will the ferry sail on Sunday?")  # "ferry sail" could be a compound
    assert passes("Will the ferry sail on Sunday?", source)
    cut = ("Critics say the presence of armed guards at the polling stations could "
           "\"intimidate voters\".")
    assert not passes("Could the presence of armed guards at the polling stations?", cut)


def test_agreement_and_verb_forms() -> None:
    assert passes("Were the players paid on time?")
    assert not passes("Was the players paid on time?")
    assert not passes("Has the ministers resigned?")
    assert passes("Has the outbreak been contained?")
    assert not passes("Did the firm paid the fine?")
    assert passes("Did the firm pay the fine?")


def test_lexicon_word_classes() -> None:
    assert {"noun", "verb"} <= lx.classes("zone")
    assert lx.base_verb("agree") and not lx.base_verb("agreed")
    assert lx.finite_only("emphasizes") and not lx.finite_only("talks")
    assert lx.participle("gone") and not lx.participle("went")
    assert lx.countable_only("member") and not lx.countable_only("money")
    assert lx.plural_noun("troops") and not lx.plural_noun("news")
    assert lx.classes("Tsarnaev") == frozenset()  # names are not in it


def _rule_questions(sentence: str) -> list[str]:
    doc = segment(Article((Paragraph(sentence, "p"),)), "en")
    found = [q.text for q in find_questions(doc, model=RULES_ONLY)]
    fallback = sentence_question(sentence)
    return found + ([fallback] if fallback else [])


def test_rewriters_on_fresh_sentences_print_only_readable_questions() -> None:
    sentences = [line for line in (FIXTURES / "open_sentences.txt").read_text().splitlines()
                 if line.strip() and not line.startswith("#")]
    asked = {s: _rule_questions(s) for s in sentences}
    printed = [q for qs in asked.values() for q in qs]
    # what the rewriters made of these sentences before issue 19, and a reader cannot parse
    for broken in ("Will the minister hopes the bill pass before the summer recess?",
                   "Would Under the proposed rules, landlords have to register every rental "
                   "property?",
                   "Will Regulators emphasize that any merger require approval from both "
                   "governments?",
                   "Will Whether the festival return next year depends on the council's decision?",
                   "Have Police yet to name the victim of the stabbing?"):
        assert broken not in printed
    assert sum(bool(qs) for qs in asked.values()) >= 35  # most sentences still get a question
    assert "Will the ceasefire in the north hold?" in printed
    assert "Will the ferry sail on Sunday?" in printed


def test_a_refused_request_is_not_a_plea() -> None:
    assert not any("guilty" in q for q in _rule_questions("The judge denied the request for a "
                                                          "delay on Thursday."))
    assert "Is Jones guilty of assault?" in _rule_questions("Jones denies the charge of assault.")


def _independent(name: str = "questions_independent.tsv") -> list[tuple[str, str, str]]:
    """Questions by a writer who never saw the code: label, question, source sentence."""
    lines = (FIXTURES / name).read_text().splitlines()
    return [(row[0], row[1], row[2]) for row in (line.split("\t") for line in lines
                                                 if line and not line.startswith("#"))]


@pytest.mark.parametrize(("name", "size", "max_accepted", "max_rejected"), [
    # each by a writer who never saw the code, measured once blind (README, "A copy
    # editor's check": 22/100 and 4/100, 12/80 and 5/80, 5/80 and 7/80, 11/80 and 8/80),
    # then its failure kinds were fixed with general rules; these bounds keep them fixed
    ("questions_independent.tsv", 100, 3, 3),
    ("questions_independent_b.tsv", 80, 1, 2),
    ("questions_independent_c.tsv", 80, 1, 1),
    ("questions_independent_d.tsv", 80, 1, 1),
    # E 17/100 and 2/100 blind, F 45/100 and 24/100, G 26/100 and 10/100 (README): F and G
    # keep many kinds no general rule covers, so these bounds only keep what was fixed fixed
    ("questions_independent_e.tsv", 100, 1, 2),
    ("questions_independent_f.tsv", 100, 25, 30),
    ("questions_independent_g.tsv", 100, 16, 10),
])
def test_independent_sets_false_accepts_and_rejects(name: str, size: int, max_accepted: int,
                                                    max_rejected: int) -> None:
    rows = _independent(name)
    broken = [(q, s) for label, q, s in rows if label == "broken"]
    good = [(q, s) for label, q, s in rows if label == "good"]
    assert len(broken) == len(good) == size
    accepted = [q for q, s in broken if passes(q, s)]
    rejected = {q: problems(q, s) for q, s in good if not passes(q, s)}
    assert len(accepted) <= max_accepted, accepted
    assert len(rejected) <= max_rejected, rejected


def test_the_fourth_set_without_sources() -> None:
    """Without the source sentence, which tells a cut name and a lost apostrophe."""
    rows = _independent("questions_independent_d.tsv")
    assert sum(passes(q) for label, q, _ in rows if label == "broken") <= 7
    assert sum(not passes(q) for label, q, _ in rows if label == "good") <= 2


@pytest.mark.parametrize(("question", "source"), [
    # the kinds the second independent set showed, each in other words
    ("Is the sale of the club's stadium?", "It is unclear whether the sale of the club's "
     "stadium is final."),
    ("Will the bridge reopen the repairs finish?", "Officials have not said whether the "
     "bridge will reopen once the repairs finish."),
    ("Did the thieves take the jewels the guards locked the vault?", "Police are checking "
     "whether the thieves took the jewels before the guards locked the vault."),
    ("Will the World Food adjust its aid budget?", "The World Food Programme has not said "
     "whether it will adjust its aid budget."),
    ("Will the National Rifle endorse the candidate?", "The National Rifle Association has "
     "not said whether it will endorse the candidate."),
    ("Did the rebels demand from the government?", "It is unclear whether the rebels "
     "demanded money from the government."),
    ("Was the minister signed the decree?", "It is unclear whether the minister signed "
     "the decree."),
    ("Is the ferry delayed its evening sailings?", ""),
    ("Is the company closed its factory?", ""),
    ("Will the workers accept the offer who went on strike?", "It is unclear whether the "
     "workers who went on strike will accept the offer."),
    ("Is the car that the bridge damaged?", "Police are checking whether the car that hit "
     "the bridge is damaged."),
    ("Will the players stage a walkout the club cuts their wages?", ""),
    ("Will the miners strike vote next month?", "The miners will hold a strike vote next "
     "month."),
])
def test_rejects_the_second_independent_kinds(question: str, source: str) -> None:
    assert problems(question, source)


@pytest.mark.parametrize(("question", "source"), [
    ("Has the council published the report commissioned by the mayor?", ""),
    ("Can the city's network of old pipes cope with the demand?", ""),
    ("Did the ship enter Danish waters without permission?", ""),
    ("Were any workers inside the factory when it collapsed?", ""),
    ("Why did the cost of rice climb so fast this spring?", ""),
    ("Is the future of the club in doubt?", ""),
    ("Will the mayor resign if the inquiry finds against him?", "The mayor has not said "
     "whether he will resign if the inquiry finds against him."),
    ("Will the White House respond to the report?", "White House Press Secretary Anna Lee "
     "said the White House would respond to the report later."),
    ("Will the New York Times appeal the ruling?", "The New York Times has not said "
     "whether it will appeal the ruling."),
    ("Will the bank refund customers who lost money?", "The bank has not said whether it "
     "will refund customers who lost money."),
    ("Did the firm sell the shares the fund bought last year?", ""),
    ("Will the owners find a buyer?", "The factory will close in May unless the owners "
     "find a buyer."),
    ("Was the player given his cap?", ""),
    ("Did the tanker sail through the strait?", "Officials are checking whether the tanker "
     "sailed through the strait."),
])
def test_accepts_good_questions_of_the_second_set_shapes(question: str, source: str) -> None:
    assert passes(question, source), problems(question, source)


@pytest.mark.parametrize("question", [
    # the kinds the independent set showed, each in other words
    "Will the bank will announce its results?",
    "Did the ferry be repaired?",
    "Will the stadium ready to host the final by May?",
    "Will the senate approve on Monday?",
    "Will the bank acquire for $3 billion?",
    "Will the union appeal against?",
    "Will the theatre reopen which was damaged by the fire?",
    "Will the mill cut shifts which employs 300 people?",
    "Is the region facing a drought wells have run dry since May?",
    "Will the mayor claim the new bridge be safe by spring?",
    "Did the board vote on the plan next week?",
    "Will the International Monetary lend more to Ghana?",
    # kinds we wrote after that, on no labelled set
    "Will the mayor resign over the scandal, the newspaper reported?",
    "Can the club afford to keep?",
    "Will the team be win the cup?",
    "Is the president visited the troops?",
    "Is the new law which bans smoking?",
    "Will the council approve the plan yesterday?",
    "Will the stadium ready for the final?",
])
def test_rejects_the_independent_kinds(question: str) -> None:
    assert problems(question)


@pytest.mark.parametrize("question", [
    "Will Samsung's new phone sell well outside Europe?",
    "Will the city's high-speed tram line be scaled back?",
    "Has the fire spread to other buildings on the street?",
    "Is the dam at risk of collapse?",
    "Will the court order that the firm be fined?",
    "Was the match postponed until next week?",
    "Did the council agree to vote next week?",
    "Will the police reveal who leaked the memo?",
    "Did the police know the suspect had a gun?",
    "Will the US Supreme Court take up the case?",
    "Will the mayor hand over the documents?",
    "Were the hostages released the same day?",
    "Was the player given a ban?",
    "Will the strike spread to other ports?",
    "Will the bill pass?",
    "Is the company being investigated for tax fraud?",
    "Were any of the passengers injured?",
    "Will the Met Office issue a red warning?",
    "Will the board approve the deal the two companies struck last month?",
    "Will prices return to last year's levels?",
    "Will the rally continue from last week?",
])
def test_accepts_good_questions_of_those_shapes(question: str) -> None:
    assert passes(question)


def test_a_transitive_verb_keeps_the_prepositions_it_takes() -> None:
    source = "The striker is expected to sign for Madrid this week."
    assert passes("Will the striker sign for Madrid?", source)
    assert not passes("Will the striker sign from Madrid?", source)


@pytest.mark.parametrize(("question", "source"), [
    # the kinds the third independent set showed, each in other words
    ("Will the airline raises ticket prices in spring?", "The airline has not said whether "
     "it will raise ticket prices in spring."),
    ("Will the regulator fines the bank?", "It is unclear whether the regulator will fine "
     "the bank."),
    ("Will the Royal open its new wing?", "It is unclear whether the Royal Infirmary will "
     "open its new wing."),
    ("Has the ministry approved for the bridge?", "The ministry has not said whether it has "
     "approved funding for the bridge."),
    ("Have the police arrested last night near the station?", ""),
    ("Has the coach quit two days ago?", ""),
    ("Who will pay for the repairs the roof has collapsed?", ""),
    ("What will the city do the budget has run out?", ""),
    ("Are the water in the reservoir safe?", ""),
    ("Will the team win the cup they lost their coach?", ""),
    ("How many people injured in the crash?", ""),
    ("Will the new bridge be build by May?", ""),
    ("Has the flood caused damage last night?", ""),
    ("Will the club sell him?", ""),
    ("Is it to close the bridge?", ""),
    ("Will the visit to China?", ""),
    ("Which of the candidates the party back?", ""),
    ("Won't the new rules hurts small shops?", ""),
    ("Didn't the firm paid the fine?", ""),
    ("Will the decide the case?", ""),
])
def test_rejects_the_third_independent_kinds(question: str, source: str) -> None:
    assert problems(question, source)


@pytest.mark.parametrize(("question", "source"), [
    ("Will the hospital recover the patients' missing records?", ""),
    ("How many wild deer are left in the forest?", ""),
    ("How many foreign doctors will the clinic hire next year?", ""),
    ("Will Leeds United sign the Danish goalkeeper before Friday?", ""),
    ("Will fintech firms have to report suspicious payments under the new rules?", ""),
    ("How long will it take to repair the tunnel that flooded in March?", ""),
    ("Is it safe to drink the water in the town?", ""),
    ("What will the club do with the old stadium it sold in 2020?", ""),
    ("Has the firm repaid the loan it took out last year?", ""),
    ("Will the bus fares rise next year?", ""),
    ("Will the Democratic party choose a new leader?", ""),
    ("Who will pay for the repairs the council ordered?", ""),
    # shapes we wrote after that, on no labelled set
    ("How long will the repairs to the tunnel take?", ""),
    ("Are the sheep on the farm healthy?", ""),
    ("Will the mayor defend himself in court?", ""),
    ("Will the striker's injury keep him out of the final?", ""),
    ("How many people attended the rally?", ""),
    ("Will the bank repay the money it owes?", ""),
    ("Will the vote be close?", ""),
    ("How soon will the airport reopen?", ""),
    ("Are the teachers ready to end the dispute?", ""),
    ("Why did the insurer refuse to pay the claim?", ""),
    ("How many of the missing sailors have been found?", ""),
    ("How much of the harvest was lost to the floods?", ""),
    ("What does the audit say about the missing funds?", ""),
    ("Whose decision was it to cancel the parade?", ""),
    ("Which of the bidders will the board choose?", ""),
    ("Will the cuts lead to longer waiting lists?", ""),
    ("Won't the new rules hurt small shops?", ""),
    ("Why hasn't the city fixed the streetlights?", ""),
    ("Were the warnings about the dam ignored?", ""),
    ("Will the 2C goal still be reached?", ""),
])
def test_accepts_good_questions_of_the_third_set_shapes(question: str, source: str) -> None:
    assert passes(question, source), problems(question, source)


@pytest.mark.parametrize(("question", "source"), [
    # the kinds the fourth independent set showed, each in other words
    ("Did the festival open next Saturday?", ""),
    ("Was the verdict announced the coming week?", ""),
    ("Did the school reopen next September?", ""),
    ("Will the audit claim the council misspend its funds?", ""),
    ("Will the inquiry conclude the hospital ignore warnings?", ""),
    ("Will the survey show the town lose jobs?", "The survey will show that the town "
     "loses jobs."),
    ("Will the nurses wage rise in April?", "The nurses' wage rise takes effect in April."),
    ("How much tourists visited the island last year?", ""),
    ("How many luggage was lost at the airport?", ""),
    ("Are the miners will strike again?", ""),
    ("Was the report has been leaked?", ""),
    ("Will the World Organization cut its forecast?", "The World Meteorological "
     "Organization may cut its forecast."),
    ("Have the inspectors approved?", ""),
    ("Who will run the museum the curator died last year?", ""),
])
def test_rejects_the_fourth_independent_kinds(question: str, source: str) -> None:
    assert problems(question, source)


@pytest.mark.parametrize(("question", "source"), [
    ("Who cut the power to the estate?", ""),
    ("Were the pilots aware of the storm before they took off?", ""),
    ("May the prisoners vote while they are in jail?", ""),
    ("Will nurses in Wales get the bonus they were offered in May?", ""),
    ("How many of the 40 sheep stolen from the farm have been returned?", ""),
    ("Which areas of the city have been hit hardest by the floods?", ""),
    ("Whose plan for the harbour will the council back?", ""),
    ("Can the wreck off Cornwall be raised?", ""),
    ("How many aircraft will the airline retire?", ""),
    ("How much data did the hackers steal?", ""),
    ("How much snow fell on the pass overnight?", ""),
    ("Will the report see the town recover?", ""),
    ("Will the union insist the plan go ahead?", ""),
    ("Did the ship reach the port last Tuesday?", ""),
    ("When will the teachers' strike end?", "The teachers' strike has entered its third week."),
])
def test_accepts_good_questions_of_the_fourth_set_shapes(question: str, source: str) -> None:
    assert passes(question, source), problems(question, source)


def test_failing_rules_names_the_stage() -> None:
    assert failing_rules("Will the bank raise its rates?") == []
    stages = [stage for stage, _ in failing_rules("Will the mayor resign, the paper reported?")]
    assert "leftovers" in stages
    assert [stage for stage, _ in failing_rules("Will the bank raises its fees?")] == \
        ["syntax", "syntax"]


@pytest.mark.parametrize("question", [
    "Did the board approve the merger, the inquiry concluded?",
    "Will the dam hold, engineers warned?",
    "Did the crowd leave the stadium before they?",
    "Will the ferry sail once it?",
    "Has the ferry reached the island next Monday?",
])
def test_rejects_the_fifth_independent_kinds(question: str) -> None:
    """Kinds a fifth independent set showed (an attribution after a comma with another
    reporting verb, a clause cut after its pronoun subject, the perfect about a future
    time), reworded."""
    assert problems(question)


@pytest.mark.parametrize("question", [
    "Will the dam hold if the rain continues?",
    "Will the ferry sail once the storm passes?",
    "Has the club agreed to play the match next Monday?",
    "Who will the players blame if they lose?",
])
def test_accepts_good_questions_of_the_fifth_set_shapes(question: str) -> None:
    assert passes(question), problems(question)


# Traces of a misread sentence that only the sentence itself shows (tlsum.digest.fidelity).
@pytest.mark.parametrize(("question", "source"), [
    ("Will the Society for the Protection of Ancient rebuild the chapel?",
     "It is unclear whether the Society for the Protection of Ancient Buildings will rebuild "
     "the chapel."),
    ("Did the National Institute for Health and Care approve the drug?",
     "It is not known whether the National Institute for Health and Care Excellence approved "
     "the drug."),
    ("What will chair the new committee on housing?",
     "The council has not said who will chair the new committee on housing."),
    ("When will the strike at the port last?",
     "Union leaders did not say how long the strike at the port would last."),
    ("Will the ministry intends publish the report?",
     "The ministry intends to publish the report, but it is unclear when."),
    ("Will the club appoint as head coach?",
     "The club has not said whom it will appoint as head coach."),
    ("Will the watchdog sue over the leaked files?",
     "The watchdog has not decided whether to sue the bank over the leaked files."),
    ("Will the union whether accept the offer?",
     "The union has not said whether it will accept the offer."),
    ("Will the airline, which flies to 30 cities across, cut its winter routes?",
     "The airline, which flies to 30 cities across Europe, has not said whether it will cut "
     "its winter routes."),
    ("What will the price of the new tickets?",
     "It is unclear what the price of the new tickets will be."),
    ("Will sales electric bikes fall after the subsidy ends?",
     "Retailers are unsure whether sales of electric bikes will fall after the subsidy ends."),
    ("Will the board approve proposed by the founders?",
     "The board will vote on whether to approve the merger proposed by the founders."),
    ("Will the 4 homes flooded in Carlisle be rebuilt?",
     "It is unclear whether the 140 homes flooded in Carlisle will be rebuilt."),
    ("Was the bridge, which damaged in the storm, safe to cross?",
     "Engineers are checking whether the bridge, which was damaged in the storm, is safe."),
])
def test_rejects_what_the_source_shows_was_misread(question: str, source: str) -> None:
    assert not passes(question, source), question


@pytest.mark.parametrize(("question", "source"), [
    ("Will the Society for the Protection of Ancient Buildings rebuild the chapel?",
     "It is unclear whether the Society for the Protection of Ancient Buildings will rebuild "
     "the chapel."),
    ("Who will chair the new committee on housing?",
     "The council has not said who will chair the new committee on housing."),
    ("How long will the strike at the port last?",
     "Union leaders did not say how long the strike at the port would last."),
    ("What will the new stadium cost?",
     "The club has not said how much the new stadium will cost."),
    ("Whom will the club appoint as head coach?",
     "The club has not said whom it will appoint as head coach."),
    ("How many nurses will the hospital hire for the new ward?",
     "The hospital has not said how many nurses it will hire for the new ward."),
    ("Will the union decide next week whether to strike in May?",
     "The union will decide next week whether to strike in May."),
    ("What does the audit say about the missing funds?",
     "The audit's findings about the missing funds have not been published."),
    ("What will the price of the new tickets be?",
     "It is unclear what the price of the new tickets will be."),
    ("Which shops sold the faulty heaters?",
     "Trading standards officers have not named the shops that sold the faulty heaters."),
    ("Will the council approve the plan?",
     "The council will on Monday formally approve the plan, officials said."),
    ("Will the firm buy Norvex?",
     "The firm has not said whether it will buy the Danish shipping group Norvex."),
    ("Will the city build the new tram line?",
     "The city is expected to build the new tram line if funding is approved."),
])
def test_accepts_what_the_source_says_in_other_words(question: str, source: str) -> None:
    assert passes(question, source), question


# Where the question word's gap is, and verb forms (tlsum.digest.gaps).
@pytest.mark.parametrize("question", [
    "How many homes has the storm forced the evacuation across Devon?",
    "Whose accounts did the tax inspectors search the company's offices on Monday?",
    "What had the school raised a record sum for the new library?",
    "Why would the council plant new hedges along the bypass to reduce?",
    "How quickly did the concert tickets sell out within?",
    "When was the suspect been released on bail?",
    "Why had the plan to close the library been take so quickly?",
    "How many pupils are now being teaching in temporary classrooms?",
    "What caused the trains between Leeds and York to be cancel overnight?",
    "How long was the driver banned after admit speeding?",
    "How long took the fire crews to reach the farm?",
    "At what price did the shares close at on Friday?",
    "What has the band's new album, recorded in Dublin, been nominated?",
    "How much will drivers have to pay a charge to enter the city centre?",
    "Why has the county council apologised after sending?",
])
def test_rejects_a_question_word_without_its_place_and_broken_verb_forms(question: str) -> None:
    assert not passes(question), question


@pytest.mark.parametrize("question", [
    "How many homes did the storm damage in Devon?",
    "What did the tax inspectors find at the company's offices?",
    "Who did the club sign in the summer?",
    "What will passengers on the cancelled flights be offered?",
    "What were the flood victims promised?",
    "How much will drivers have to pay to enter the city centre?",
    "How quickly did the concert tickets sell out?",
    "Why was the suspect released on bail?",
    "At what price did the shares close on Friday?",
    "Which roads did the council close in the city centre?",
    "What did the minister say the government would do about the backlog?",
    "Will the winner be handed the trophy by Ann Dale in May?",
])
def test_accepts_questions_whose_question_word_has_its_place(question: str) -> None:
    assert passes(question), question


# What a blind reading of questions from fresh articles found (tlsum.digest.fidelity, gaps).
@pytest.mark.parametrize(("question", "source"), [
    ("Will the review decide?",
     'The minister said the review would decide "which routes survive" by the spring.'),
    ("Will Teachers at the school take part in the strike?",
     "Teachers at the school are expected to take part in the strike, the union said."),
    ("Could the match be moved, be postponed?",
     "Organisers said the match could be moved, be postponed, or be cancelled outright."),
    ("Will the clinic reopen, citing staff shortages?",
     "The trust would not say whether the clinic will reopen, citing staff shortages."),
    ("What is the driver was arrested and his age?",
     "The driver was arrested and his age has not been released."),
    ("How many would the new homes be affordable?",
     "The developer did not say how many of the new homes would be affordable."),
    ("Will prices fall as the harvest came in?",
     "Traders said prices could fall as the harvest came in across the region."),
    ("Will a letter to the board's chair settle the dispute?",
     "The matter will go in a letter to the board's chair, who is expected to settle the "
     "dispute."),
])
def test_rejects_the_fresh_article_kinds(question: str, source: str) -> None:
    assert not passes(question, source), question


@pytest.mark.parametrize(("question", "source"), [
    ("Will the request be considered?",
     'A spokesperson said the request would be considered "in due course".'),
    ("Will teachers at the school take part in the strike?",
     "Teachers at the school are expected to take part in the strike, the union said."),
    ("Is Evans guilty of fraud?", "Evans denies the charge of fraud."),
    ("How old are the bones found near the river?",
     "Scientists are still working out how old the bones found near the river are."),
])
def test_accepts_the_fresh_article_shapes(question: str, source: str) -> None:
    assert passes(question, source), question


@pytest.mark.parametrize("question", [
    "What sources of funding were the council considering?",
    "What is the estimated costs of the new bridge?",
])
def test_a_wh_phrase_does_not_hide_a_disagreeing_subject(question: str) -> None:
    assert not passes(question), question


@pytest.mark.parametrize("question", [
    "Will Whether the club stays up remains to be seen?",
    "Are the claims and insists that the deal was lawful?",
    "Will the vote be seen as a test of whether the mayor's popularity?",
    "Would the firm launch the drug this year, a so-called?",
    "Which shops were across the county targeted by the gang?",
    "Is the company guilty of workers holiday pay?",
])
def test_rejects_spliced_clauses(question: str) -> None:
    assert not passes(question), question


@pytest.mark.parametrize("question", [
    "Should schools close during the heatwave?",
    "Will the vote be seen as a test of whether the mayor can win again?",
    "Who owns the company and runs the stadium?",
    "Is the driver guilty of causing death by careless driving?",
])
def test_accepts_what_only_looks_spliced(question: str) -> None:
    assert passes(question), question


@pytest.mark.parametrize("question", [
    "Will neither club say whether talks had taken place?",
    "Will no patients be moved during the works?",
    "Had the council not ruled out a judicial review?",
    "Would residents face higher rents and that services continue to be cut?",
])
def test_rejects_negative_subjects_conditions_and_second_reports(question: str) -> None:
    assert not passes(question), question


def test_accepts_a_past_perfect_passive_question() -> None:
    assert passes("Had the driver been drinking before the crash?")


@pytest.mark.parametrize("question", [
    "Is the council guilty of that tenants were being overcharged?",
    "What caused the cause of the flooding?",
])
def test_rejects_a_statement_made_a_charge_and_a_verb_repeating_its_object(question: str) -> None:
    assert not passes(question), question


@pytest.mark.parametrize(("question", "source"), [
    ("Has the boat been found, or when it last sent a signal?",
     "Coastguards have not said whether the boat has been found, or when it last sent a signal."),
    ("Were other staff suspended or how much of the money the firm hoped to recover?",
     "The firm would not say whether other staff were suspended or how much of the money "
     "the firm hoped to recover."),
    ("When will that work to be finished happen?", "It gave no date for that work to be finished."),
    ("Could thieves have taken the names, phone numbers?",
     "The bank said thieves could have taken the names, phone numbers and addresses of "
     "customers."),
])
def test_rejects_the_fifth_fresh_article_kinds(question: str, source: str) -> None:
    assert not passes(question, source), question


def test_accepts_a_wh_question_with_a_subordinate_clause() -> None:
    assert passes("Will the council say when the library will reopen?",
                  "The council will say next week when the library will reopen.")

"""Questions phrased by an instruct model: prompts, the checks on its answers, the fallback.

The model is a real CTranslate2 decoder built by ``tests/instructmodel.py`` whose
weights make it answer one fixed question to every prompt, so the tests know
what it says and can check what tlsum does with it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from instructmodel import build_instruct_model

from tlsum.cli import main
from tlsum.digest.checker import passes
from tlsum.digest.llm import ChatFormat, InstructModel, find_model, instruct_dirs, load
from tlsum.digest.phrasing import (
    SHOTS,
    SYSTEM,
    model_questions,
    model_translations,
    user_message,
)
from tlsum.digest.questions import find_questions
from tlsum.digest.vetting import (
    asks_what_is_stated,
    foreign_names,
    form_problems,
    problems,
    translation_problems,
)
from tlsum.errors import ModelError, NoModelError
from tlsum.options import TranslateOptions
from tlsum.segment import segment
from tlsum.types import Article, Document, Paragraph

TITLE = "Drug patent battle heads for another round"
ARTICLE = [
    "A federal court ruled on Monday that the patent on the arthritis drug Celvara is invalid.",
    "Norvex has not decided whether to appeal the ruling, a spokeswoman said.",
    "The company's shares fell 8 percent after the decision.",
    "It is unclear how the ruling will affect what patients pay for the drug.",
    "Analysts expect cheaper versions of Celvara to reach pharmacies within months.",
]
ANSWER = "Will Norvex appeal the ruling?"


def document() -> Document:
    article = Article(tuple(Paragraph(t) for t in ARTICLE), title=TITLE)
    return segment(article, "en")


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three tiny models: one answers ANSWER, one answers "Yes", one "No"."""
    base = tmp_path_factory.mktemp("instruct")
    texts = [*ARTICLE, TITLE, SYSTEM, *(u + a for u, a in SHOTS)]
    return {
        "asks": build_instruct_model(base / "asks", ANSWER, texts, model_id="asks"),
        "yes": build_instruct_model(base / "yes", "Yes", texts, model_id="yes", first="Yes"),
        "no": build_instruct_model(base / "no", "No", texts, model_id="no", first="No"),
    }


def loaded(path: Path) -> InstructModel:
    return load(path, TranslateOptions(inter_threads=1))


# -- prompts ------------------------------------------------------------------------------


def test_chatml_prompt_is_the_qwen_template() -> None:
    chat = ChatFormat("chatml")
    assert chat.static("Be brief.", (("Hi", "Hello?"),)) == (
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
        "<|im_start|>assistant\nHello?<|im_end|>\n")
    assert chat.ask("Q") == "<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n"


def test_llama3_prompt_opens_with_bos() -> None:
    chat = ChatFormat("llama3", bos="<|begin_of_text|>")
    assert chat.static("S", ()).startswith(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|>")


def test_user_message_gives_the_lead_and_the_sentence() -> None:
    doc = document()
    message = user_message(doc, doc.sentences[1])
    assert message == f"Lead: {TITLE} {ARTICLE[0]}\nSentence: {ARTICLE[1]}"
    assert user_message(doc, doc.sentences[0]) == f"Lead: {TITLE}\nSentence: {ARTICLE[0]}"


def test_few_shot_answers_pass_their_own_checks() -> None:
    for user, answer in SHOTS:
        lead, sentence = user.removeprefix("Lead: ").split("\nSentence: ")
        assert problems(answer, sentence, lead) == [], answer


# -- the checks on a model's answer ---------------------------------------------------------


@pytest.mark.parametrize("question", [
    "Will the council approve the bridge?", "How long will Lena Ortiz be out?",
    "Who will lead the inquiry into the crash?"])
def test_well_formed_questions_pass(question: str) -> None:
    assert form_problems(question) == []


@pytest.mark.parametrize("question", [
    "The council will vote?", "Will the council vote", "Will it? Or not?",
    "Why?", "Question: will the council vote?", "Will the council vote on the plan "
    "to rebuild the harbour bridge before the spring floods reach the old town and the ferry "
    "terminal closes?", 'Did he say "no?'])
def test_malformed_questions_fail(question: str) -> None:
    assert form_problems(question)


def test_names_and_numbers_must_come_from_the_sentence_or_lead() -> None:
    source = "Norvex's chief, Anna Berg, said 40 jobs could go at the Leeds plant."
    assert foreign_names("Will Anna Berg cut 40 jobs at Norvex's Leeds plant?", source) == []
    assert foreign_names("Will Berg cut 400 jobs in York?", source) == ["400", "York"]
    assert foreign_names("Will John Smith resign?", source) == ["John", "Smith"]


@pytest.mark.parametrize(("question", "sentence"), [
    ("Did the museum close on Monday?", "The museum closed on Monday after a flood."),
    ("How many people were injured in the crash?",
     "Five people were injured in the crash near the station."),
    ("When will the trial begin?", "The trial will begin on March 3 in Leeds."),
    ("Was the mayor re-elected?", "The mayor was re-elected with 60 percent of the vote."),
])
def test_questions_the_sentence_answers_are_refused(question: str, sentence: str) -> None:
    assert asks_what_is_stated(question, sentence)


@pytest.mark.parametrize(("question", "sentence"), [
    ("Will Norvex appeal the ruling?", "Norvex has not decided whether to appeal the ruling."),
    ("What caused the fire?", "Investigators have not said what caused the fire."),
    ("When will the trial begin?", "No date has been set for the trial."),
    ("Will the strike spread to other ports?",
     "Union leaders warned the strike could spread to other ports."),
    ("How many people were injured in the crash?",
     "It is not yet known how many people were injured in the crash."),
])
def test_questions_the_sentence_leaves_open_pass(question: str, sentence: str) -> None:
    assert not asks_what_is_stated(question, sentence)


# -- the runtime and the digest with a real (tiny) CTranslate2 model --------------------------


def test_answers_come_in_one_batch(models: dict[str, Path]) -> None:
    llm = loaded(models["asks"])
    assert llm.answer(SYSTEM, SHOTS, ["a", "a longer message than the first"]) == [ANSWER] * 2
    assert llm.answer(SYSTEM, SHOTS, []) == []


def test_judge_log_odds_follow_the_first_token(models: dict[str, Path]) -> None:
    users = ["short", "a much longer message, to pad the batch"]
    yes, no = loaded(models["yes"]), loaded(models["no"])
    assert all(v > 5 for v in yes.yes_odds(SYSTEM, SHOTS, users))
    assert all(v < -5 for v in no.yes_odds(SYSTEM, SHOTS, users))


def test_model_question_is_shown_for_its_sentence_and_rules_elsewhere(
        models: dict[str, Path]) -> None:
    doc = document()
    found = model_questions(doc, 6, loaded(models["asks"]))
    by_model = [q for q in found if q.phrased_by == "model:asks"]
    assert [(q.text, q.source_ids) for q in by_model] == [(ANSWER, (1,))]
    # the same answer for other sentences names Norvex, which they and the lead lack
    assert all(q.phrased_by == "rules" and passes(q.text) for q in found if q not in by_model)


def test_failing_answers_fall_back_to_rule_questions(models: dict[str, Path]) -> None:
    doc = document()
    found = model_questions(doc, 6, loaded(models["yes"]))  # answers "Yes" to everything
    rules = {q.text for q in find_questions(doc, 50, model={  # the lowered thresholds' rules
        "weights": {}, "threshold": 0.0, "fallback_threshold": 0.0, "uncued_threshold": 0.0})}
    assert found and all(q.phrased_by == "rules" and passes(q.text) for q in found)
    assert all(q.text in rules for q in found)


def test_store_default_and_none(models: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    assert find_model(None, str(store)) is None  # nothing installed: the rules
    (store / "asks").symlink_to(models["asks"], target_is_directory=True)
    assert instruct_dirs(str(store)) == [store / "asks"]
    assert find_model(None, str(store)) == store / "asks"
    assert find_model("none", str(store)) is None
    assert find_model("asks", str(store)) == store / "asks"
    with pytest.raises(NoModelError):
        find_model("missing", str(store))


def test_cli_json_says_who_phrased_each_question(
        models: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "article.txt"
    page.write_text(TITLE + "\n\n" + "\n\n".join(ARTICLE) + "\n", encoding="utf-8")
    assert main(["--json", "--questions-model", str(models["asks"]), str(page)]) == 0
    with_model = json.loads(capsys.readouterr().out)["questions"]
    assert any(q["text"] == ANSWER and q["phrased_by"] == "model:asks" for q in with_model)
    assert main(["--json", "--questions-model", "none", str(page)]) == 0
    rules = json.loads(capsys.readouterr().out)["questions"]
    assert rules and all(q["phrased_by"] == "rules" for q in rules)
    assert main(["--json", "--questions-model", "missing", str(page)]) == 5
    assert capsys.readouterr().err.count("\n") == 1


# -- questions in the reader's language -------------------------------------------------------

RUSSIAN = "Обжалует ли Norvex решение суда?"


@pytest.mark.parametrize(("translated", "ok"), [
    (RUSSIAN, True),
    ("Will Norvex appeal the ruling?", False),  # left in English
    ("Обжалует ли Norvex решение суда", False),  # no question mark
    ("Обжалует ли Norvex решение 2024 года?", False),  # a number the English lacks
    ("Обжалует ли Norvex решение?\nПеревод: ...?", False),  # two lines
    ("Обжалует ли Norvex ruling суда?", False),  # an English word left in
])
def test_translated_questions_are_checked(translated: str, ok: bool) -> None:
    assert (translation_problems(translated, ANSWER, "ru") == []) is ok


def test_model_translates_questions_into_russian(tmp_path: Path) -> None:
    texts = [*ARTICLE, TITLE, SYSTEM, RUSSIAN]
    model = build_instruct_model(tmp_path / "ru", RUSSIAN, texts, model_id="ru")
    llm = loaded(model)
    # the same answer to a much shorter question cannot be its translation
    assert model_translations(llm, [ANSWER, "Who pays?"], "ru") == [RUSSIAN, None]
    assert model_translations(llm, [ANSWER], "xx") == [None]  # a language it is not asked in


def _count_batches(llm: InstructModel, batches: list[int],
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Record the size of each batch the model is asked to phrase, answering as before."""
    answer = llm.answer

    def counted(system: str, shots: tuple[tuple[str, str], ...], users: list[str],
                max_tokens: int = 48) -> list[str]:
        batches.append(len(users))
        return answer(system, shots, users, max_tokens)

    monkeypatch.setattr(llm, "answer", counted)


def test_only_sentences_that_can_be_shown_are_phrased(
        models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    doc = document()
    llm, batches = loaded(models["asks"]), []
    _count_batches(llm, batches, monkeypatch)
    found = model_questions(doc, 1, llm)
    # the best pick's answer passes, so no spare sentence is phrased "in case"
    assert [(q.text, q.phrased_by) for q in found] == [(ANSWER, "model:asks")]
    assert batches == [1]


def test_a_failed_answer_whose_rule_question_is_shown_needs_no_spare(
        models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    doc = document()
    llm, batches = loaded(models["yes"]), []
    _count_batches(llm, batches, monkeypatch)
    found = model_questions(doc, 1, llm)  # "Yes" fails every check
    assert len(found) == 1 and found[0].phrased_by == "rules"
    assert batches == [1]  # the rules' question took the slot: no next pick to phrase


def test_weights_are_read_only_when_a_sentence_needs_phrasing(
        models: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for part in models["asks"].iterdir():
        (broken / part.name).write_bytes(part.read_bytes())
    (broken / "model.bin").write_bytes(b"not a model")
    llm = loaded(broken)  # nothing read yet
    plain = segment(Article((Paragraph("The bridge opened on Monday. It is 300 metres long."),),
                            title="Bridge opens"), "en")
    assert model_questions(plain, 6, llm) == ()
    with pytest.raises(ModelError):
        llm.answer(SYSTEM, SHOTS, ["a"])


def test_without_the_tokenizers_package_the_model_is_one_error_line(
        models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """An instruct model in the store, but an environment without the instruct extra:
    a ModelError (exit 6) that says what to install, never a traceback."""
    monkeypatch.setitem(sys.modules, "tokenizers", None)  # import fails
    llm = loaded(models["asks"])
    with pytest.raises(ModelError, match=r"pip install 'tlsum\[instruct\]'"):
        model_questions(document(), 1, llm)


def test_model_answers_with_a_slip_of_agreement_or_a_cut_name_are_refused() -> None:
    sentence = ("The National Institute for Health and Care Excellence has not said whether "
                "the new drugs will be offered to patients.")
    assert problems("Does the new drugs reach patients?", sentence)
    assert problems("Will the National Institute for Health and Care offer the new drugs?",
                    sentence)
    assert not problems("Will the new drugs be offered to patients?", sentence)
    assert not problems("Where does the money for the new drugs come from?", sentence)
    assert problems("When were the new drugs been offered to patients?", sentence)


@pytest.mark.parametrize("question", [
    "What is Dana Whitfield's name?", "What size of the new loan scheme is planned?"])
def test_shallow_model_questions_are_refused(question: str) -> None:
    assert form_problems(question)


def test_the_lead_leaves_out_a_dateline() -> None:
    from tlsum.digest.phrasing import _DATELINE

    assert _DATELINE.sub("", "LONDON (Reuters) - Tallis Copper said.") == "Tallis Copper said."
    assert _DATELINE.sub("", "NASA said on Monday.") == "NASA said on Monday."
    assert form_problems("What is the trial expected to last?")

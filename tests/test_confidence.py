"""The confidence signal on translated sentences, with the real toy models (no mock).

The texts are the team's own (``tests/fixtures/confidence``): Russian news as a paper
would print it, far outside the toy's few hundred words, which the toy must flag;
and the toys' own examples, which it must not. ``bench/confidence.py`` prints the
same rates with the floor sweep behind the shipped ``score_floor``.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tlsum.cli import main
from tlsum.digest.questions import find_questions
from tlsum.options import Options, TranslateOptions
from tlsum.pipeline import summarize
from tlsum.render import View, to_json, to_markdown, to_text
from tlsum.segment import segment
from tlsum.translate.guard import FAILED, FLAGGED, verdict
from tlsum.types import Article, Paragraph, Result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "confidence"
NEWS = FIXTURES / "ru_news.txt"
HELD_OUT = FIXTURES / "ru_news_heldout.txt"
ARTICLE_RU = ROOT / "examples" / "article_ru.txt"
ENGLISH = ROOT / "examples" / "turkey_ceasefire.txt"
TOY_RU_EN = Options(translate=TranslateOptions(model="toy-ru-en", cache=False))


def flagged_share(result: Result) -> float:
    assert result.translation is not None
    return len(result.translation.flagged_ids) / len(result.document.sentences)


@pytest.fixture(scope="module")
def news() -> Result:
    return summarize(str(NEWS), TOY_RU_EN)


@pytest.mark.parametrize("source", [NEWS, HELD_OUT])
def test_the_toy_flags_real_news(source: Path) -> None:
    """At least 90 % of real news sentences (the calibration set and a held-out one)."""
    result = summarize(str(source), TOY_RU_EN)
    assert len(result.document.sentences) >= 20
    assert flagged_share(result) >= 0.9


def test_the_toy_trusts_its_own_examples() -> None:
    result = summarize(str(ARTICLE_RU), TOY_RU_EN)
    assert flagged_share(result) <= 0.05 and result.warnings == ()
    assert result.digest is not None and result.digest.questions
    assert not any(item.flagged for item in result.digest.summary + result.digest.questions)


def test_toy_en_ru_flags_the_english_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ENGLISH), "--to", "ru", "--model", "toy-en-ru", "--json", "--no-cache"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert all(item["flagged"] for item in data["summary"])
    # Questions are found on the (trusted) English and flagged by their own translation.
    assert data["questions"] and any(q["flagged"] for q in data["questions"])
    assert err.count("\n") == 1 and "model toy-en-ru is not fit for this text" in err
    assert "tlsum models pull" in err


def test_one_warning_names_a_better_model(news: Result) -> None:
    assert len(news.warnings) == 1
    (warning,) = news.warnings
    assert warning.startswith("model toy-ru-en is not fit for this text")
    assert "for ru→en install a better one: tlsum models pull" in warning


def test_flagged_summary_bullets_are_marked_in_every_format(news: Result) -> None:
    assert news.digest is not None and news.digest.summary
    assert all(item.flagged for item in news.digest.summary)
    text, markdown = to_text(news, View()), to_markdown(news, View())
    for item in news.digest.summary:
        assert f"- ⚠ {item.text}" in text and f"- ⚠ {item.text}" in markdown
    data = to_json(news, View())
    assert all(item["flagged"] is True for item in data["summary"])
    assert data["schema_version"] == 1


def test_rich_marks_flagged_bullets(news: Result) -> None:
    from rich.console import Console

    from tlsum.render import to_rich

    console = Console(record=True, width=200, color_system=None)
    console.print(to_rich(news, View()))
    assert news.digest is not None
    assert console.export_text().count("• ⚠ ") == len(news.digest.summary)


def test_translate_json_carries_flagged_per_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(NEWS), "--model", "toy-ru-en", "--json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    flags = [s["flagged"] for s in data["sentences"]]
    assert sum(flags) >= 0.9 * len(flags)
    assert all(s["flagged"] or not s["failed"] for s in data["sentences"])  # failed ⊂ flagged
    assert main(["translate", str(ARTICLE_RU), "--model", "toy-ru-en", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not any(s["flagged"] for s in data["sentences"]) and data["title_flagged"] is False


def test_no_question_is_built_from_a_flagged_sentence(news: Result) -> None:
    assert news.translation is not None and news.digest is not None
    flagged = set(news.translation.flagged_ids)
    for question in news.digest.questions:
        assert flagged.isdisjoint(question.source_ids)


def test_find_questions_skips_untrusted_sentences() -> None:
    article = Article((Paragraph(
        "The council met on Monday. It is unclear whether the mayor will sign the budget."),))
    doc = segment(article, "en")
    asked = find_questions(doc, 6)
    assert asked and asked[0].source_ids == (1,)
    assert find_questions(doc, 6, untrusted=frozenset({1})) == ()


def test_a_few_flagged_sentences_are_counted_not_condemned() -> None:
    """The toy's own article plus one real news sentence: that one is marked, the model
    is not called unfit (one of fifteen is no third)."""
    own = ARTICLE_RU.read_text(encoding="utf-8")
    extra = NEWS.read_text(encoding="utf-8").split(". ")[0] + "."
    result = summarize("-", TOY_RU_EN, stdin=_bytes(f"{own}\n\n{extra}\n"))
    assert result.translation is not None and len(result.translation.flagged_ids) == 1
    assert result.warnings == ("1 of 15 translated sentence(s) may be mistranslated (marked ⚠)",)


def test_flags_come_back_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path))
    cached = replace(TOY_RU_EN, translate=replace(TOY_RU_EN.translate, cache=True))
    first = summarize(str(NEWS), cached)
    again = summarize(str(NEWS), cached)
    assert first.translation is not None and again.translation is not None
    assert again.translation.flagged_ids == first.translation.flagged_ids
    assert again.warnings == first.warnings


def test_verdict_is_the_one_rule() -> None:
    sentence = "Банк России сохранил ключевую ставку на уровне шестнадцати процентов."
    assert verdict(sentence, "The bank kept the rate.", False, -0.01, -0.05) == 0
    assert verdict(sentence, "The bank kept the rate.", False, -0.2, -0.05) == FLAGGED
    assert verdict(sentence, "The bank kept the rate.", True, -0.01, -0.05) == FAILED | FLAGGED
    assert verdict(sentence, sentence, False, 0.0, -0.05) == FAILED | FLAGGED  # copied back


def _bytes(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def test_a_flagged_title_is_marked() -> None:
    body = NEWS.read_text(encoding="utf-8").split("\n\n")[0]
    source = _bytes(f"Центробанк сохранил ключевую ставку\n\n{body}\n")
    result = summarize("-", TOY_RU_EN, stdin=source)
    assert result.translation is not None and result.translation.title_flagged
    title = result.document.article.title
    assert title and to_text(result, View()).startswith(f"⚠ {title}\n")
    assert to_json(result, View())["title_flagged"] is True

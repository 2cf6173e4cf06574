"""The pipeline on a foreign article, with the bundled toy ru→en model (real CTranslate2).

The toy is a demo model, used only when named: ``TOY`` names it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from toymodels import installed_copy

from tlsum.cli import main
from tlsum.options import Options, TranslateOptions
from tlsum.pipeline import summarize

ROOT = Path(__file__).resolve().parent.parent
RUSSIAN = ROOT / "examples" / "article_ru.txt"
EXPECTED = (ROOT / "examples" / "article_ru.expected_en.txt").read_text(encoding="utf-8")
TOY = Options(translate=TranslateOptions(model="toy-ru-en"))


def test_russian_article_is_translated_before_the_digest() -> None:
    result = summarize(str(RUSSIAN), TOY)
    assert result.translation is not None and result.original.language == "ru"
    assert result.document.language == "en"
    assert result.translation.model_ids == ("toy-ru-en",)
    assert result.digest is not None
    for item in result.digest.summary:
        assert item.text in EXPECTED  # every toy-vocabulary sentence translates exactly
    questions = [q.text for q in result.digest.questions]
    for asked in ("Will Russia agree to the ceasefire?", "When will the agreement take effect?",
                  "How many soldiers will Turkey send to Ukraine?"):
        assert asked in questions
    assert all(q.endswith("?") for q in questions)


def test_translate_summary_scope_gives_the_same_digest_with_less_work() -> None:
    full = summarize(str(RUSSIAN), TOY)
    options = Options(translate=replace(TOY.translate, scope="summary", cache=False))
    partial = summarize(str(RUSSIAN), options)
    assert partial.digest is not None and full.digest is not None
    assert partial.digest.summary == full.digest.summary
    # The same questions from the same sentences (ranks may differ: they use positions).
    assert [(q.text, q.source_ids) for q in partial.digest.questions] == [
        (q.text, q.source_ids) for q in full.digest.questions
    ]
    assert partial.translation is not None and full.translation is not None
    translated = len(partial.translation.translated.sentences)
    assert 0 < translated < len(full.translation.translated.sentences)


def test_json_carries_original_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", str(RUSSIAN), "--model", "toy-ru-en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["translated"] is True and data["models"] == ["toy-ru-en"]
    assert data["language"]["code"] == "ru" and data["target_language"] == "en"
    assert data["title"] == "Turkey called for the ceasefire"
    for item in data["summary"] + data["questions"]:
        assert item["source_original"] and item["source"] and item["flagged"] is False
        assert any("а" <= ch <= "я" for ch in item["source_original"].lower())


def test_show_source_prints_the_russian_under_each_item(capsys: pytest.CaptureFixture[str],
                                                        ) -> None:
    assert main(["--show-source", str(RUSSIAN), "--model", "toy-ru-en"]) == 0
    out = capsys.readouterr().out
    assert "    > Остаётся неясным, согласится ли Россия на перемирие" in out


@pytest.mark.parametrize("source", [RUSSIAN, ROOT / "examples" / "article_ru.expected_en.txt"])
def test_a_batch_digests_like_a_single_run_in_the_readers_language(source: Path,
                                                                   tmp_path: Path) -> None:
    """``--to ru``: batch and single runs find questions the same way (on the English side,
    then translated), so a batch of one gives the single run's digest. Both directions
    are needed, so both toys are installed as ordinary models."""
    from tlsum.engines.flow import digest_many
    from tlsum.pipeline import load

    installed_copy(tmp_path, "toy-ru-en")
    installed_copy(tmp_path, "toy-en-ru")
    options = Options(translate=replace(TranslateOptions(), target="ru", cache=False,
                                        models_dir=str(tmp_path)))
    single = summarize(str(source), options)
    [batched] = digest_many([load(str(source), options)], options)
    assert not isinstance(batched, Exception) and batched.digest is not None
    assert single.digest is not None and single.digest.questions
    assert batched.digest == single.digest
    assert all(any("а" <= ch <= "я" for ch in q.text.lower()) for q in single.digest.questions)

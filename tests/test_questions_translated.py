"""Questions in the reader's language: found in English, translated with the toy models.

The toys are demo models, used when named (``--model toy-en-ru`` translates the English
article and its questions); the Russian article needs both directions, so that case
installs copies of both as ordinary models.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from toymodels import installed_copy

from tlsum.cli import main
from tlsum.render import HEADINGS

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_RU = ROOT / "examples" / "article_ru.txt"
ARTICLE_EN = ROOT / "examples" / "article_ru.expected_en.txt"
CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def questions_section(out: str, title: str) -> list[str]:
    return [line[2:] for line in out.split(f"\n{title}\n")[1].splitlines() if line.startswith("- ")]


@pytest.mark.parametrize(("source", "named"), [(ARTICLE_EN, True), (ARTICLE_RU, False)])
def test_to_ru_prints_russian_questions(source: Path, named: bool,
                                        capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path))
    if not named:
        installed_copy(tmp_path / "store", "toy-ru-en")
        installed_copy(tmp_path / "store", "toy-en-ru")
        monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    model = ["--model", "toy-en-ru"] if named else []
    code, out, err = run([str(source), "--to", "ru", "--format", "text", *model], capsys)
    assert code == 0, err
    summary_title, questions_title, none_found = HEADINGS["ru"]
    assert f"\n{summary_title}\n" in out and none_found not in out
    asked = questions_section(out, questions_title)
    assert len(asked) >= 3, out
    assert all(q.endswith("?") and CYRILLIC.search(q) for q in asked), asked
    assert "⚠" not in out and err == ""  # the toys' own sentences: nothing flagged


def test_russian_questions_keep_their_sources(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path))
    code, out, _ = run([str(ARTICLE_EN), "--to", "ru", "--json", "--model", "toy-en-ru"], capsys)
    data = json.loads(out)
    assert code == 0 and data["questions"]
    for q in data["questions"]:
        assert q["source_ids"] and CYRILLIC.search(q["text"])
        assert not CYRILLIC.search(q["source_original"])  # the English sentence behind it


def test_no_model_to_english_says_so_instead_of_none_found(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "artikel.txt"
    article.write_text(
        "Die Regierung hat am Montag einen neuen Plan für die Bahn vorgestellt. "
        "Es ist noch unklar, ob der Bundestag dem Vorhaben zustimmen wird. "
        "Die Opposition kritisierte die hohen Kosten des Projekts und forderte eine Prüfung.\n\n"
        "Der Verkehrsminister sagte, die ersten Arbeiten sollen im nächsten Jahr beginnen. "
        "Wie viel das Vorhaben insgesamt kosten wird, ist nicht bekannt.\n", encoding="utf-8")
    code, out, err = run([str(article), "--to", "de", "--format", "text"], capsys)
    assert code == 0, err
    _, questions_title, none_found = HEADINGS["de"]
    section = out.split(f"\n{questions_title}\n")[1].strip().splitlines()
    assert len(section) == 1 and "no installed model translates de into English" in section[0]
    assert none_found not in out
    code, out, _ = run([str(article), "--to", "de", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["questions"] == []
    assert any("no installed model translates de into English" in w for w in data["warnings"])

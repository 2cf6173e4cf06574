"""A text in two languages: each paragraph keeps its language, the foreign part is translated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsum import Options, prepare
from tlsum.cli import main
from tlsum.options import TranslateOptions
from tlsum.segment import segment
from tlsum.types import Article, Paragraph

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENGLISH = [
    "Turkey has issued an official statement declaring that any discussion of Turkish troops "
    "in an international mission in Ukraine must wait for a lasting ceasefire.",
    "The foreign ministry said the position had been shared with its allies and with the "
    "United Nations, and that it would not change before the talks in Geneva.",
    "Officials in Ankara added that the government would decide on the size of any "
    "contribution only after both sides had stopped the fighting.",
    "Diplomats said the proposal was discussed at length on Monday, but no date was set "
    "for a vote in parliament.",
]


def russian() -> list[str]:
    """Two paragraphs of the example article, which the toy ru->en model knows."""
    text = (EXAMPLES / "article_ru.txt").read_text(encoding="utf-8")
    return [b.strip() for b in text.split("\n\n") if b.strip()][1:3]


def mixed_article() -> Article:
    """Two thirds English, one third Russian (by paragraphs), as in issue 14's report."""
    ru = russian()
    return Article(tuple(map(Paragraph, [*ENGLISH[:2], ru[0], *ENGLISH[2:], ru[1]])),
                   title="Turkey insists on a ceasefire first")


def test_each_paragraph_gets_its_own_language() -> None:
    doc = segment(mixed_article())
    by_paragraph = {s.paragraph: doc.language_of(s) for s in doc.sentences}
    assert by_paragraph == {0: "en", 1: "en", 2: "ru", 3: "en", 4: "en", 5: "ru"}
    assert doc.language == "en" and doc.languages == ("en", "ru")
    assert doc.title_language == "en"
    assert 0.5 < doc.language_confidence < 0.8  # the English share of the letters


def test_only_the_foreign_paragraphs_are_translated() -> None:
    article = mixed_article()
    result = prepare(article, Options(translate=TranslateOptions(model="toy-ru-en")))
    assert result.translation is not None and result.translation.model_ids == ("toy-ru-en",)
    assert result.translation.flagged_ids == ()  # the toy knows these sentences
    paragraphs = [p.text for p in result.document.article.paragraphs]
    assert [paragraphs[i] for i in (0, 1, 3, 4)] == ENGLISH  # untouched
    assert paragraphs[2].startswith("On Monday, the foreign minister of Turkey said")
    assert not any("а" <= ch <= "я" for ch in "".join(paragraphs))  # no Cyrillic left
    assert result.document.article.title == article.title
    assert any("mixes languages" in w and "ru" in w for w in result.warnings)


def test_one_language_text_with_short_odd_lines_stays_one_language() -> None:
    """Scores, datelines and names do not make a paragraph foreign."""
    article = Article(tuple(map(Paragraph, [
        *ENGLISH, "Egypt 1, Uganda 0.", "Substitution, Uganda.", "Status Quo",
        "— The Nigerian Senate (@NGRSenate) October 9, 2018"])))
    doc = segment(article)
    assert doc.languages == ("en",)
    assert not prepare(article, Options()).warnings


def test_a_russian_text_with_an_english_quote_translates_only_the_russian(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ru = russian()
    source = tmp_path / "mixed.txt"
    source.write_text(f"{ru[0]}\n\n{ENGLISH[0]}\n\n{ru[1]}\n", encoding="utf-8")
    assert main(["--json", str(source), "--model", "toy-ru-en"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["language"]["code"] == "ru" and data["translated"]
    assert data["languages"] == ["ru", "en"]
    assert "tlsum: warning: the text mixes languages" in err
    assert any("mixes languages" in w for w in data["warnings"])
    assert ENGLISH[0] in {item["source"] for item in data["summary"]} | {
        item.get("source_original") for item in data["summary"]}

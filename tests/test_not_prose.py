"""Text that is not prose never reaches language identification or translation:
data URIs, base64 and other long runs are removed at extraction; code and rows of
figures are kept, marked "zxx" (no linguistic content) and never translated."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest
from failmodes import run_cli

from tlsum.errors import NoArticleError
from tlsum.extract import extract
from tlsum.extract.noise import readable_text
from tlsum.options import ExtractOptions, TranslateOptions
from tlsum.segment import is_prose, segment
from tlsum.translate import translate
from tlsum.types import NO_LANGUAGE, Article, Fetched, Paragraph

MODELS = Path(__file__).resolve().parent.parent / "models"
STORY = [
    "A powerful storm hit the northern coast on Tuesday, officials said. Thousands of "
    "homes lost power and roads were flooded across the region.",
    "Emergency crews worked through the night to restore electricity. The mayor said "
    "schools would stay closed on Wednesday while damage was assessed.",
    "Residents were urged to avoid travel. Forecasters expect calmer weather by the "
    "weekend, though rivers may keep rising for several days.",
]


def _blob(size: int = 2400, seed: int = 7) -> str:
    return base64.b64encode(random.Random(seed).randbytes(size * 3 // 4)).decode()


def _extract(text: str, kind: str) -> Article:
    return extract(Fetched(text=text, kind=kind, origin="file"), ExtractOptions(input=kind))


@pytest.mark.parametrize("line", [
    f"data:image/jpeg;base64,{_blob()}",
    _blob(),
    "0123456789abcdef" * 10,
    f'<img src="data:image/png;base64,{_blob(300)}"> Photo',
    " ".join(_blob(600)[i:i + 40] for i in range(0, 600, 40)),  # a blob wrapped into lines
])
def test_unreadable_runs_are_removed(line: str) -> None:
    cleaned = readable_text(f"Before it. {line} After it.")
    assert len(cleaned) < 40 and cleaned.startswith("Before it.") and "After it." in cleaned


@pytest.mark.parametrize("text", [
    "See https://www.example.org/2019/11/19/news/world/a-rather-long-article-slug-here.html",
    "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz was repealed.",
    "Commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 fixed the COVID19 tracker in 2021.",
    "東京都は十九日、新型ウイルスの感染者が新たに確認されたと発表した。都内の感染者は合計で百人を超えた。",
])
def test_words_urls_and_scripts_without_spaces_are_kept(text: str) -> None:
    assert readable_text(text) == text


@pytest.mark.parametrize("kind", ["text", "html"])
def test_article_with_a_base64_line_stays_an_english_article(kind: str) -> None:
    data = f"data:image/jpeg;base64,{_blob()}"
    if kind == "text":
        text = "\n\n".join(["Storm hits coast", STORY[0], data, *STORY[1:]])
    else:
        text = ("<html><head><title>Storm hits coast</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in [STORY[0], data, *STORY[1:]])
                + "</article></body></html>")
    article = _extract(text, kind)
    assert "base64" not in article.text and "Emergency crews" in article.text
    doc = segment(article)
    assert doc.language == "en" and doc.languages == ("en",)
    assert not doc.needs_translation("en")


def test_summarize_with_a_base64_line_exits_0(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "storm.txt"
    path.write_text("\n\n".join(["Storm hits coast", STORY[0],
                                 f"data:image/jpeg;base64,{_blob()}", *STORY[1:]]))
    code, out, err = run_cli(capsys, "summarize", str(path), "--json")
    assert code == 0, err
    assert '"code": "en"' in out and "zxx" not in out


@pytest.mark.parametrize(("text", "prose"), [
    ("GDP grew 2.5% in 2024, after 3.1% in 2023.", True),
    ("Egypt 1, Uganda 0.", True),
    ("The president (who spoke in Paris) said: \"We will win.\"", True),
    ("1 | 2 | 3 | 45.6", False),
    ("12:30", False),
    ("const total = items.reduce((a, b) => a + b, 0);", False),
    ("if (count == 0) { return null; }", False),
    ("def area(r): return 3.14 * r ** 2", False),
])
def test_is_prose(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


def test_code_and_figures_are_marked_and_do_not_decide_the_language() -> None:
    figures = " | ".join(str(n) for n in range(400))
    code = "for (let i = 0; i < n; i++) { total += values[i]; }"
    article = Article((Paragraph(figures), Paragraph(STORY[0]), Paragraph(code),
                       Paragraph(STORY[1])), title="Storm hits coast")
    doc = segment(article)
    assert doc.language == "en" and doc.languages == ("en",)
    marked = {s.paragraph for s in doc.sentences if s.language == NO_LANGUAGE}
    assert marked == {0, 2}
    assert not doc.needs_translation("en")


def test_many_tiny_paragraphs_of_figures_and_words_stay_english() -> None:
    """A long page of tiny paragraphs: most of them figures, the prose still English."""
    rows = [Paragraph(f"{n}. {n * 7 % 100}") for n in range(600)]
    article = Article((*rows[:300], Paragraph(STORY[0]), *rows[300:], Paragraph(STORY[2])))
    doc = segment(article)
    assert doc.language == "en" and NO_LANGUAGE not in doc.languages


def test_code_stays_untranslated_with_from_too() -> None:
    code = "x = f(a) + g(b); if (x == 0) { return; }"
    doc = segment(Article((Paragraph(STORY[0]), Paragraph(code))), "ru")
    assert [s.language for s in doc.sentences][-1] == NO_LANGUAGE
    assert doc.sentences[0].language == "ru"


def test_only_figures_is_no_article() -> None:
    with pytest.raises(NoArticleError, match="no prose"):
        segment(Article(tuple(Paragraph(str(n)) for n in range(50))))


def test_translation_keeps_code_as_it_is() -> None:
    code = "x = f(a) + g(b); if (x == 0) { return; }"
    article = Article((Paragraph("Центральный банк сохранил ставку."), Paragraph(code)))
    doc = segment(article, None)
    assert doc.language == "ru"
    options = TranslateOptions(target="en", cache=False, model="toy-ru-en")  # named: a demo model
    result = translate(doc, options, store_dirs=[MODELS])
    kept = [s for s in result.translated.sentences if s.paragraph == 1]
    assert [s.text for s in kept] == [code]

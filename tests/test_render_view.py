"""What a reader sees: the header names a site once, bullets hang, ``--questions 0``."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from tlsum.cli import main
from tlsum.options import Options
from tlsum.pipeline import summarize
from tlsum.render import View, to_markdown, to_rich, to_text
from tlsum.types import Result

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "turkey_ceasefire.txt"


@pytest.fixture(scope="module")
def result() -> Result:
    return summarize(str(EXAMPLE), Options())


def _with(result: Result, **meta: str | None) -> Result:
    article = replace(result.document.article, **meta)
    return replace(result, article=article, document=replace(result.document, article=article))


@pytest.mark.parametrize(("site", "author", "line"), [
    ("BBC News", "BBC News", "2019-11-19 · BBC News · en"),
    ("Sky News", "Sky", "2019-11-19 · Sky News · en"),
    ("sky", "Sky News", "2019-11-19 · Sky News · en"),
    ("Reuters", "Jane Doe", "2019-11-19 · Reuters · Jane Doe · en"),
    ("AP", "Apple Daily", "2019-11-19 · AP · Apple Daily · en"),  # a word, not a substring
    (None, "Jane Doe", "2019-11-19 · Jane Doe · en"),
])
def test_header_names_site_and_author_once(result: Result, site: str | None,
                                           author: str | None, line: str) -> None:
    shown = _with(result, site=site, author=author, date="2019-11-19")
    assert to_text(shown, View()).splitlines()[1] == line
    assert f"*{line}*" in to_markdown(shown, View())


def test_wrapped_bullets_hang_under_their_text(result: Result) -> None:
    """On a terminal each wrapped line of an item starts where its text starts."""
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=50, color_system=None, force_terminal=True).print(
        to_rich(result, View()))
    lines = out.getvalue().splitlines()
    wrapped = 0
    for before, line in pairwise(lines):
        bullet = re.match(r"│ ([•?]) ", before)
        if bullet and not re.match(r"│ [•?] ", line) and not line.startswith("╰"):
            assert line.startswith("│   ") and line[4] != " ", (before, line)
            wrapped += 1
    assert wrapped >= 2  # the example's items are longer than one line at 50 columns


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_questions_0_means_no_questions_section(
        fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLE), "--questions", "0", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Summary" in out and "questions" not in out.lower() and "(none found)" not in out


def test_questions_0_on_a_terminal_has_no_questions_panel(result: Result) -> None:
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(to_rich(result, View(questions=False)))
    assert "Summary" in out.getvalue() and "questions" not in out.getvalue()

"""The README and ``--help`` say what the CLI does: option tables against the real options,
usage lines as the README writes them, and a suggestion for a misspelt command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from tlsum.cli import EXIT_USAGE, app, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "turkey_ceasefire.txt"
DISPLAY_ONLY = {"-f", "--format", "--json", "--summary-only", "--show-source", "--translate"}


def _table(header: str) -> set[str]:
    """The flags named in the first column of the README table under ``| header |``."""
    start = README.index(f"| {header} |")
    rows = README[start:].split("\n\n", 1)[0].splitlines()[2:]
    return {flag for row in rows for flag in re.findall(r"`(-[-\w]*)", row.split(" | ")[0])}


def _command(*path: str) -> Any:
    """The click command typer builds (typer bundles its own click: duck-typed here)."""
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return command


def _flags(command: Any) -> set[str]:
    return {flag for p in command.params if p.param_type_name == "option"
            for flag in (*p.opts, *p.secondary_opts)}


ROOT_FLAGS = _flags(_command())


def test_readme_common_options_are_summarizes_options_both_ways() -> None:
    documented = _table("option")
    assert {"-h", "--help"} <= documented  # click adds them outside the parameters
    assert documented - {"-h", "--help"} == _flags(_command("summarize")) | ROOT_FLAGS


@pytest.mark.parametrize("name", ["extract", "translate"])
def test_the_other_article_commands_take_only_documented_options(name: str) -> None:
    assert _flags(_command(name)) <= _table("option")


def test_readme_batch_table_is_batchs_own_options_both_ways() -> None:
    own = _table("batch option")
    batch = _flags(_command("batch"))
    assert own <= batch
    assert batch - own == _flags(_command("summarize")) - DISPLAY_ONLY


def test_readme_models_table_is_the_models_options_both_ways() -> None:
    """Each row's flags exist on exactly the commands it names ("all": every one)."""
    group = _command("models")
    start = README.index("| models option | commands |")
    rows = README[start:].split("\n\n", 1)[0].splitlines()[2:]
    documented: set[str] = set()
    for row in rows:
        cell, commands = row.split(" | ")[:2]
        names = set(group.commands) if commands == "all" else set(commands.split(", "))
        for flag in re.findall(r"`(-[-\w]*)", cell):
            documented.add(flag)
            assert {n for n, c in group.commands.items() if flag in _flags(c)} == names, flag
    assert documented == set().union(*(_flags(c) for c in group.commands.values()))


@pytest.mark.parametrize("argv", [["summarize"], ["batch"], ["models", "pull"],
                                  ["models", "convert"], ["extract"], ["translate"]])
def test_usage_lines_show_arguments_plainly(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    usage = out.splitlines()[0]
    assert usage.startswith("Usage: tlsum ") and "{" not in usage, usage
    assert "int range" not in out and "<str>" not in out and "<path>" not in out


def test_models_dir_works_on_the_article_commands(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Documented per command: it is accepted, and checked like TLSUM_MODELS_DIR."""
    assert main([str(EXAMPLE), "--models-dir", str(tmp_path / "store"), "--json"]) == 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    capsys.readouterr()
    assert main(["translate", str(EXAMPLE), "--models-dir", str(blocker)]) == EXIT_USAGE
    assert "--models-dir" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "meant"), [
    (["summarise", str(EXAMPLE)], "summarize"),
    (["summry", str(EXAMPLE)], "summarize"),
    (["extrct"], "extract"),
    (["tranlsate"], "translate"),
    (["bach", "list.txt"], "batch"),
    (["models", "lst"], "list"),
])
def test_a_misspelt_command_gets_one_line_naming_the_command_meant(
        argv: list[str], meant: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.splitlines()) == 1
    assert re.search(rf"did you mean '{meant}'\?", captured.err, re.IGNORECASE), captured.err


def test_an_existing_file_named_like_a_command_is_a_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("extrct").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extrct", "--summary-only"]) == 0
    assert "Turkey" in capsys.readouterr().out


def test_help_tells_the_summary_cap_and_questions_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "about 56 words" in text and "0: no questions section" in text

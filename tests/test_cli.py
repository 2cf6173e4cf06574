"""The command line end to end: the acceptance case, formats, settings, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tlsum.cli import EXIT_FETCH, EXIT_NO_ARTICLE, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "turkey_ceasefire.txt"
LATEST_NEWS = ("Latest news", "Oreshnik", "Muslim NATO", "10.Jan.2026", "Trans-Caspian")


def run(args: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process (the same ``main`` the console script calls)."""
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_acceptance_text(capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(["-"], capsys, EXAMPLE.read_bytes(), monkeypatch)
    assert code == 0, err
    assert out.startswith("Turkey Insists: Ceasefire Between Russia and Ukraine Must Come First "
                          "Before Any Talks on Troop Deployment\n")
    assert "2026-01-14" in out.splitlines()[1]
    summary, questions = out.split("\nSummary\n")[1].split("\nUnresolved questions\n")
    summary_items = [line for line in summary.splitlines() if line.startswith("- ")]
    assert 1 <= len(summary_items) <= 5
    assert "ceasefire" in summary.lower() and "troop" in summary.lower()
    asked = [line[2:] for line in questions.splitlines() if line.startswith("- ")]
    assert asked and all(q.endswith("?") for q in asked)
    for topic in ("ceasefire", "international force", "command", "contribute troops"):
        assert any(topic in q.lower() for q in asked), (topic, asked)
    for chrome in LATEST_NEWS:
        assert chrome not in out


def test_acceptance_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--json", str(EXAMPLE)], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert data["title"].startswith("Turkey Insists: Ceasefire Between Russia and Ukraine")
    assert data["date"] == "2026-01-14"
    assert data["language"]["code"] == "en" and data["language"]["confidence"] > 0.9
    assert data["translated"] is False and "source_original" not in data["questions"][0]
    assert 1 <= len(data["summary"]) <= 5
    for item in data["summary"] + data["questions"]:
        assert item["source_ids"] and item["source"].strip()
    texts = [q["text"] for q in data["questions"]]
    assert texts == [  # issue 19: the four the article lists, and no broken rewrite after them
        "Is a sustainable ceasefire achievable?",
        "Will Russia agree to any international force?",
        "Who would command the international mission?",
        "Which countries are prepared to contribute troops, and in what numbers?",
    ]
    for chrome in LATEST_NEWS:
        assert chrome not in out


def test_extract_json_has_paragraphs_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", "--format", "json", str(EXAMPLE)], capsys)
    assert code == 0
    data = json.loads(out)
    kinds = [p["kind"] for p in data["paragraphs"]]
    texts = [p["text"] for p in data["paragraphs"]]
    lead = next(i for i, t in enumerate(texts) if t.startswith("Key questions remain unresolved"))
    assert kinds[lead + 1: lead + 5] == ["li"] * 4
    assert "summary" not in data


def test_extract_text_is_body_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(EXAMPLE)], capsys)
    assert code == 0
    assert out.startswith("Turkey has issued an official statement")
    assert "Latest news" not in out and "\n\n" in out


def test_summary_only_and_sentences_from_env(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_SENTENCES", "2")
    code, out, _ = run(["summarize", "--summary-only", str(EXAMPLE)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert 1 <= len(lines) <= 2 and all(line.endswith((".", "”", '"')) for line in lines)


def test_flag_beats_env_beats_config(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("questions = 1\nsentences = 1\n")
    monkeypatch.setenv("TLSUM_CONFIG", str(config))
    monkeypatch.setenv("TLSUM_SENTENCES", "3")
    _, out, _ = run(["--json", str(EXAMPLE)], capsys)
    data = json.loads(out)
    assert len(data["questions"]) == 1  # from the config file
    assert 1 < len(data["summary"]) <= 3  # env var over config
    _, out, _ = run(["--json", "--questions", "2", str(EXAMPLE)], capsys)
    assert len(json.loads(out)["questions"]) == 2  # flag over everything


def test_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--format", "markdown", str(EXAMPLE)], capsys)
    assert code == 0
    assert out.startswith("# Turkey Insists")
    assert "## Summary" in out and "## Unresolved questions" in out


@pytest.mark.parametrize(
    ("args", "stdin", "code", "needle"),
    [
        (["/nonexistent/article.txt"], None, EXIT_FETCH, "/nonexistent/article.txt"),
        (["-"], b"", EXIT_NO_ARTICLE, "no article"),
        (["-"], b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", EXIT_FETCH, "PDF"),
        (["--sentences", "zero", "x.txt"], None, EXIT_USAGE, "sentences"),
        (["ftp://example.org/a"], None, EXIT_FETCH, "scheme"),
    ],
)
def test_errors_are_one_line_with_documented_codes(
    args: list[str], stdin: bytes | None, code: int, needle: str,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    got, out, err = run(args, capsys, stdin, monkeypatch)
    assert got == code
    assert out == ""
    assert needle.lower() in err.lower()
    if code != EXIT_USAGE:  # click's usage errors add a usage line; ours are one line
        assert err.count("\n") == 1 and err.startswith("tlsum: error:")
    assert "Traceback" not in err


def test_bad_config_is_usage_error(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("sentenses = 3\n")
    monkeypatch.setenv("TLSUM_CONFIG", str(config))
    code, _, err = run([str(EXAMPLE)], capsys)
    assert code == EXIT_USAGE and "sentenses" in err


def test_console_script_pipes_plain_text(tmp_path: Path) -> None:
    """The real entry point, with stdin piped: plain text, no ANSI codes, exit 0."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TLSUM_")}
    env.update(TLSUM_CONFIG=str(tmp_path / "none.toml"),
               TLSUM_CACHE_DIR=os.environ["TLSUM_CACHE_DIR"])
    proc = subprocess.run(
        [sys.executable, "-m", "tlsum", "-"], input=EXAMPLE.read_bytes(),
        capture_output=True, env=env, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b[" not in proc.stdout
    assert b"Unresolved questions" in proc.stdout


def test_help_and_version_stay_light() -> None:
    """`tlsum --help` must not import the heavy stages (ctranslate2, trafilatura, httpx)."""
    code = (
        "import sys; from tlsum.cli import main; rc = main(['--help']);"
        "heavy = [m for m in ('ctranslate2', 'trafilatura', 'httpx', 'sentencepiece') "
        "if m in sys.modules]; print(rc, heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert proc.stdout.strip().endswith("0 []"), proc.stdout
    assert "Exit codes" in proc.stdout


def test_batch_writes_one_json_line_per_source(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# comment\n{EXAMPLE}\n\n{tmp_path / 'missing.txt'}\n")
    code, out, _ = run(["batch", str(sources)], capsys)
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 1  # one source failed
    assert first["source"] == str(EXAMPLE) and first["questions"]
    assert second["error"]["code"] == EXIT_FETCH and "missing.txt" in second["error"]["message"]


def test_rich_output_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """On a colour terminal the digest is drawn as panels; NO_COLOR gives plain text."""
    from rich.console import Console

    from tlsum.options import Options
    from tlsum.pipeline import summarize
    from tlsum.render import View, to_rich

    result = summarize(str(EXAMPLE), Options())
    console = Console(force_terminal=True, width=100, record=True)
    console.print(to_rich(result, View()))
    drawn = console.export_text(clear=False)
    assert "╭─ Summary" in drawn and "Unresolved questions" in drawn
    assert "\x1b[" in console.export_text(styles=True)

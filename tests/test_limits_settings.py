"""Every setting has bounds, checked once the same way from a flag, TLSUM_* and the config file.

Each bad value must end as exit 2, one ``tlsum: error:`` line that says where the
value came from and what is allowed, and nothing on stdout. Usage errors from the
command-line parser (unknown option, missing SOURCE...) are one line too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from failmodes import ARTICLE_RU, EXAMPLE, assert_error, run_cli

from tlsum.config import build_options, env_name, flag_name
from tlsum.errors import UsageError

EXIT_USAGE = 2

# (setting, value on the command line / in the environment, the same in TOML, what is allowed)
BAD = [
    ("beam_size", "100000", "100000", "from 1 to 8"),
    ("beam_size", "0", "0", "from 1 to 8"),
    ("beam_size", "2.5", "2.5", "whole number"),
    ("threads", "100000", "100000", "from 1 to 16"),
    ("timeout", "inf", "inf", "from 0.1 to 600"),
    ("timeout", "1e400", "1e400", "from 0.1 to 600"),
    ("timeout", "nan", "nan", "from 0.1 to 600"),
    ("timeout", "0", "0", "from 0.1 to 600"),
    ("timeout", "soon", '"soon"', "from 0.1 to 600"),
    ("user_agent", "Тест/1.0", '"Тест/1.0"', "printable ASCII"),
    ("user_agent", "a\r\nX-Injected: 1", '"a\\r\\nX-Injected: 1"', "printable ASCII"),
    ("translate", "some", '"some"', "one of full, summary"),
    ("input", "pdf", '"pdf"', "one of auto, html, text"),
    ("device", "tpu", '"tpu"', "one of cpu, cuda, auto"),
    ("compute_type", "int3", '"int3"', "one of default, auto, int8"),
    ("to", "englsh", '"englsh"', "did you mean en (English)?"),
    ("to", "xx", '"xx"', "ISO 639 language code"),
    ("to", "e", '"e"', "language code"),
    ("source_lang", "ru-RU", '"ru-RU"', "language code"),
    ("model", "/nonexistent/path", '"/nonexistent/path"', "no such model directory"),
    ("sentences", "0", "0", "from 1 to 50"),
    ("questions", "51", "51", "from 0 to 50"),
    ("cache", "maybe", '"maybe"', "true or false"),
]
IDS = [f"{name}={value!r}" for name, value, _, _ in BAD]


@pytest.mark.parametrize(("name", "value", "toml", "allowed"), BAD, ids=IDS)
def test_bad_flag_is_one_usage_line(name: str, value: str, toml: str, allowed: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    flag = flag_name(name)
    args = [f"{flag}={value}"] if name != "cache" else [f"--{value}"]  # --cache is a switch
    code, out, err = run_cli(capsys, "summarize", str(EXAMPLE), *args)
    if name == "cache":  # the switch has no value: click's own one-line usage error
        assert_error(code, out, err, EXIT_USAGE, "No such option")
        return
    assert_error(code, out, err, EXIT_USAGE, f"{flag} ", allowed)


@pytest.mark.parametrize(("name", "value", "toml", "allowed"), BAD, ids=IDS)
def test_bad_environment_value_is_one_usage_line(
        name: str, value: str, toml: str, allowed: str,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(env_name(name), value)
    code, out, err = run_cli(capsys, "summarize", str(EXAMPLE))
    assert_error(code, out, err, EXIT_USAGE, f"{env_name(name)}=", allowed)


@pytest.mark.parametrize(("name", "value", "toml", "allowed"), BAD, ids=IDS)
def test_bad_config_value_is_one_usage_line(
        name: str, value: str, toml: str, allowed: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    key = flag_name(name)[2:]
    config.write_text(f"{key} = {toml}\n", encoding="utf-8")
    monkeypatch.setenv("TLSUM_CONFIG", str(config))
    code, out, err = run_cli(capsys, "summarize", str(EXAMPLE))
    assert_error(code, out, err, EXIT_USAGE, f"{config}: {key} = ", allowed)


@pytest.mark.parametrize(
    ("toml", "needle"),
    [('to = ["de", "fr"]', "language code"),
     ("models_dir = 7", "directory path"),
     ("beam-size = true", "whole number"),
     ('offline = "perhaps"', "true or false"),
     ("[translate]\nto = 'de'", "translate"),
     ("sentenses = 3", "unknown setting(s): sentenses"),
     ("to = ", "cannot read config file")],
)
def test_config_only_mistakes(toml: str, needle: str, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TLSUM_MODELS_DIR")  # the variable would win over models_dir
    config = tmp_path / "config.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    monkeypatch.setenv("TLSUM_CONFIG", str(config))
    code, out, err = run_cli(capsys, "summarize", str(EXAMPLE))
    assert_error(code, out, err, EXIT_USAGE, str(config), needle)


def test_models_dir_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    a_file = tmp_path / "models"
    a_file.write_text("not a directory")
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(a_file))
    for args in (["summarize", str(ARTICLE_RU)], ["models", "list"],
                 ["models", "import", str(tmp_path)], ["models", "remove", "x"]):
        code, out, err = run_cli(capsys, *args)
        assert_error(code, out, err, EXIT_USAGE, f"TLSUM_MODELS_DIR={a_file}: is not a directory")


def test_cache_dir_that_is_a_file_and_config_that_is_a_directory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    a_file = tmp_path / "cache"
    a_file.write_text("not a directory")
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(a_file))
    code, out, err = run_cli(capsys, "translate", str(ARTICLE_RU), "--from", "ru")
    assert_error(code, out, err, EXIT_USAGE, f"TLSUM_CACHE_DIR={a_file}: is not a directory")
    monkeypatch.setenv("TLSUM_CONFIG", str(tmp_path))
    code, out, err = run_cli(capsys, "summarize", str(EXAMPLE))
    assert_error(code, out, err, EXIT_USAGE, f"TLSUM_CONFIG={tmp_path}: is a directory")


def test_values_are_normalised_and_bounds_are_inclusive(tmp_path: Path) -> None:
    options = build_options(
        {"to": " EN ", "source_lang": "RU", "beam_size": "8", "threads": "16",
         "timeout": "600", "device": "CPU", "translate": "Summary", "questions": "0",
         "model": str(tmp_path)},
        config={"sentences": 50, "timeout": 0.1, "max_bytes": 1024}, environ={},
    )
    assert (options.translate.target, options.translate.source) == ("en", "ru")
    assert (options.translate.beam_size, options.translate.inter_threads) == (8, 16)
    assert options.fetch.timeout == 600.0 and options.fetch.max_bytes == 1024
    assert (options.translate.device, options.translate.scope) == ("cpu", "summary")
    assert (options.digest.sentences, options.digest.questions) == (50, 0)
    assert options.translate.model == str(tmp_path)


def test_precedence_flag_env_config_default(tmp_path: Path) -> None:
    config = {"beam_size": 3, "timeout": 5, "sentences": 2}
    environ = {"TLSUM_BEAM_SIZE": "4", "TLSUM_TIMEOUT": "", "TLSUM_FROM": "uk"}
    options = build_options({"beam_size": "5"}, config=config, environ=environ)
    assert options.translate.beam_size == 5  # flag
    assert options.translate.source == "uk"  # environment
    assert options.fetch.timeout == 5.0  # config (an empty variable counts as unset)
    assert options.digest.sentences == 2 and options.digest.questions == 6  # config, default
    with pytest.raises(UsageError, match="TLSUM_BEAM_SIZE=4x"):
        build_options({}, config={}, environ={"TLSUM_BEAM_SIZE": "4x"})


def test_upper_case_target_language_reaches_the_model(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    """--to EN is en: the toy ru→en model translates, no `pull argos:en-EN` suggestion."""
    code, out, err = run_cli(capsys, "translate", str(ARTICLE_RU), "--to", "EN", "--no-cache",
                             "--model", "toy-ru-en")
    assert code == 0 and err == ""
    assert "Turkey" in out


# Usage errors of the command-line parser: click's three-line block became one line.
USAGE = [
    ["summarize", str(EXAMPLE), "--bogus"],
    ["summarize"],
    ["extract"],
    ["translate"],
    ["batch"],
    ["summarize", str(EXAMPLE), "extra-argument"],
    ["summarize", str(EXAMPLE), "--format", "xml"],
    ["summarize", str(EXAMPLE), "--format"],
    ["summarize", str(EXAMPLE), "--to"],
    ["summarize", str(EXAMPLE), "--json=yes"],
    ["batch", "-", "--jobs", "0"],
    ["batch", "-", "--jobs", "many"],
    ["extract", str(EXAMPLE), "--beam-size", "2"],
    ["models", "frobnicate"],
    ["models", "pull"],
    ["models", "remove"],
    ["models", "info"],
    ["models", "import"],
    ["models", "import", "/nonexistent/model-dir"],
    ["models", "convert"],
    ["models", "list", "--bogus"],
    ["models", "available", "--from"],
    ["models", "available", "--from", "Rusian"],
    ["--bogus"],
]


@pytest.mark.parametrize("args", USAGE, ids=[" ".join(a[:1] + a[2:]) or "-" for a in USAGE])
def test_usage_errors_are_one_line(args: list[str], capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_OFFLINE", "1")  # `models available` must not look online
    code, out, err = run_cli(capsys, *args)
    if args[-1] == "Rusian":  # a value our checks refuse, not the parser
        assert_error(code, out, err, EXIT_USAGE, "--from Rusian: must be an ISO 639 language",
                     "did you mean ru (Russian)")
        return
    assert_error(code, out, err, EXIT_USAGE, "--help")
    assert "Usage:" not in err and "Try " not in err


def test_bare_commands_still_show_help(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["models"]):
        code, out, err = run_cli(capsys, *args)
        assert code == 0 and "Usage:" in out + err

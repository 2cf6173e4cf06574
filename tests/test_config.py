"""Settings: config file parsing and merging under flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from tlsum.config import build_options, load_config
from tlsum.errors import UsageError


def test_config_keys_accept_dashes_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('target = "de"\nbeam-size = 4\nfrom = "ru"\ncache = false\n')
    options = build_options({}, load_config(path))
    assert options.translate.target == "de"
    assert options.translate.beam_size == 4
    assert options.translate.source == "ru"
    assert options.translate.cache is False


def test_flags_override_config_and_none_means_not_given() -> None:
    options = build_options({"to": "fr", "timeout": None}, {"to": "de", "timeout": 3})
    assert options.translate.target == "fr"
    assert options.fetch.timeout == 3.0


@pytest.mark.parametrize(
    ("config", "needle"),
    [({"sentenses": 3}, "sentenses"), ({"timeout": "soon"}, "number"),
     ({"offline": "perhaps"}, "true or false"), ({"questions": -1}, "from 0 to 50")],
)
def test_bad_settings_are_usage_errors(config: dict[str, object], needle: str) -> None:
    with pytest.raises(UsageError, match=needle):
        build_options({}, config)


def test_unparsable_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("to = \n")
    with pytest.raises(UsageError, match="config"):
        load_config(path)
    assert load_config(tmp_path / "absent.toml") == {}


@pytest.mark.parametrize(("given", "code"), [
    ("en", "en"), ("EN", "en"), ("eng", "en"), ("English", "en"), ("rus", "ru"),
    ("deu", "de"), ("ger", "de"), ("iw", "he"), ("ja", "ja"), ("jpn", "ja"), ("tl", "tl"),
    ("ace", "ace"),
])
def test_language_codes_are_normalised_to_the_code_models_use(given: str, code: str) -> None:
    assert build_options({"to": given}, config={}, environ={}).translate.target == code
    assert build_options({}, config={}, environ={"TLSUM_FROM": given}).translate.source == code


@pytest.mark.parametrize(("given", "needle"), [
    ("xx", "--to xx: must be an ISO 639 language code such as en"),
    ("englsh", "did you mean en (English)?"),
    ("spansh", "did you mean es (Spanish)?"),
    ("und", "must name a language"),
    ("zxx", "must name a language"),
    ("e1", "must be an ISO 639 language code"),
])
def test_unknown_language_codes_are_refused_with_suggestions(given: str, needle: str) -> None:
    with pytest.raises(UsageError, match=needle.replace("?", r"\?").replace("(", r"\(")
                       .replace(")", r"\)")) as err:
        build_options({"to": given}, config={}, environ={})
    assert "\n" not in str(err.value)


def test_unknown_language_in_config_file_names_the_file() -> None:
    with pytest.raises(UsageError, match=r"from = \"zz\": must be an ISO 639"):
        build_options({}, config={"source_lang": "zz"}, environ={})

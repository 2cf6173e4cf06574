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

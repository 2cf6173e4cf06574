"""Settings from the config file, merged under command-line flags.

Precedence, highest first: a command-line flag, its ``TLSUM_*`` environment
variable (click reads those for us), the TOML config file, the built-in
default. The config file is ``$TLSUM_CONFIG`` or ``config.toml`` in the
platform's user config dir; its keys are the long flag names with dashes or
underscores, e.g.::

    to = "de"
    timeout = 10
    beam-size = 4
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from tlsum.dirs import config_path
from tlsum.errors import UsageError
from tlsum.files import TOMLDecodeError, read_toml
from tlsum.options import (
    DigestOptions,
    ExtractOptions,
    FetchOptions,
    Options,
    TranslateOptions,
)

# Flag name -> (section of Options, field name). Flags not listed here
# (format, verbose, ...) only concern the CLI.
SETTINGS: dict[str, tuple[str, str]] = {
    "timeout": ("fetch", "timeout"),
    "user_agent": ("fetch", "user_agent"),
    "max_bytes": ("fetch", "max_bytes"),
    "offline": ("fetch", "offline"),
    "allow_private_redirects": ("fetch", "allow_private_redirects"),
    "input": ("extract", "input"),
    "to": ("translate", "target"),
    "source_lang": ("translate", "source"),
    "model": ("translate", "model"),
    "device": ("translate", "device"),
    "compute_type": ("translate", "compute_type"),
    "beam_size": ("translate", "beam_size"),
    "threads": ("translate", "inter_threads"),
    "cache": ("translate", "cache"),
    "translate": ("translate", "scope"),
    "auto_pull": ("translate", "auto_pull"),
    "models_dir": ("translate", "models_dir"),
    "sentences": ("digest", "sentences"),
    "questions": ("digest", "questions"),
}
_ALIASES = {"target": "to", "from": "source_lang", "source-lang": "source_lang"}


def load_config(path: Path | None = None) -> dict[str, Any]:
    """Read the TOML config file; a missing file is an empty config."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        raw = read_toml(path)
    except (OSError, UnicodeDecodeError, TOMLDecodeError) as exc:
        raise UsageError(f"cannot read config file {path}: {exc}") from exc
    return {_normalise(k): v for k, v in raw.items()}


def _normalise(key: str) -> str:
    key = _ALIASES.get(key, key)
    return _ALIASES.get(key.replace("-", "_"), key.replace("-", "_"))


def build_options(flags: dict[str, Any], config: dict[str, Any] | None = None) -> Options:
    """Turn CLI flag values (None = not given) plus the config into ``Options``.

    Unknown config keys are rejected so that a typo does not pass silently.
    """
    config = load_config() if config is None else config
    unknown = sorted(set(config) - set(SETTINGS))
    if unknown:
        raise UsageError(f"unknown setting(s) in config file: {', '.join(unknown)}")
    merged = {**config, **{k: v for k, v in flags.items() if v is not None}}
    sections: dict[str, dict[str, Any]] = {}
    for name, value in merged.items():
        if name in SETTINGS:
            section, field_name = SETTINGS[name]
            sections.setdefault(section, {})[field_name] = value
    return Options(
        fetch=_make(FetchOptions, sections.get("fetch", {})),
        extract=_make(ExtractOptions, sections.get("extract", {})),
        translate=_make(TranslateOptions, sections.get("translate", {})),
        digest=_make(DigestOptions, sections.get("digest", {})),
    )


def _make(cls: Any, values: dict[str, Any]) -> Any:
    """Build one options dataclass, checking types loosely for config values."""
    default = cls()
    known = {f.name: f for f in fields(cls)}
    typed: dict[str, Any] = {}
    for name, value in values.items():
        current = getattr(default, name)
        if isinstance(current, bool) and not isinstance(value, bool):
            raise UsageError(f"setting {name!r} must be true or false, not {value!r}")
        if isinstance(current, (int, float)) and not isinstance(current, bool):
            value = _number(name, value, type(current))
        typed[name] = value
    assert set(typed) <= set(known)
    return replace(default, **typed)


def _number(name: str, value: Any, kind: type) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise UsageError(f"setting {name!r} must be a number, not {value!r}") from None
    if number < 0:
        raise UsageError(f"setting {name!r} must not be negative")
    return number

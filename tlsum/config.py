"""Settings: flags > ``TLSUM_*`` environment > TOML config file > defaults, validated once.

Every setting is declared once, in ``SETTINGS``, with the parser that checks its
type and bounds. A value goes through that same parser whether it came from a
flag, an environment variable or the config file, and a bad one is one
``UsageError`` naming where it came from::

    --beam-size 100000: must be a whole number from 1 to 8
    TLSUM_TIMEOUT=1e400: must be a number from 0.1 to 600
    /home/me/.config/tlsum/config.toml: timeout = nan: must be a number from 0.1 to 600

The config file is ``$TLSUM_CONFIG`` or ``config.toml`` in the platform's user
config dir; its keys are the long flag names with dashes or underscores
(``beam-size = 4``). An environment variable is ``TLSUM_`` and the flag's name
(``TLSUM_BEAM_SIZE``, ``TLSUM_FROM``); an empty one counts as unset.
"""

from __future__ import annotations

import json
import math
import os
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from tlsum.dirs import config_path, usable_dir
from tlsum.errors import UsageError
from tlsum.files import TOMLDecodeError, read_toml
from tlsum.options import (
    COMPUTE_TYPES,
    Device,
    DigestOptions,
    ExtractOptions,
    FetchOptions,
    InputKind,
    Options,
    Scope,
    TranslateOptions,
)

Parser = Callable[[Any], Any]  # raises ValueError("must be ...") for a bad value
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_LANGUAGE = re.compile(r"[a-z]{2,3}")


def whole(low: int, high: int) -> Parser:
    """An integer from ``low`` to ``high`` (an int, or its digits in a string)."""
    def parse(value: Any) -> int:
        number = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            number = int(value)
        if number is None or not low <= number <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return int(number)

    return parse


def real(low: float, high: float) -> Parser:
    """A finite number from ``low`` to ``high`` (nan, inf and 1e400 are refused)."""
    def parse(value: Any) -> float:
        number = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        if number is None or not math.isfinite(number) or not low <= number <= high:
            raise ValueError(f"must be a number from {low:g} to {high:g}")
        return number

    return parse


def choice(*allowed: str) -> Parser:
    """One of ``allowed`` (case-insensitive, stored in lower case)."""
    def parse(value: Any) -> str:
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return text

    return parse


def boolean(value: Any) -> bool:
    """true/false in the config file; 1/0, yes/no, on/off, true/false in flags and env."""
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError("must be true or false")


def language(value: Any) -> str:
    """An ISO 639 language, as the code models use: ``EN``, ``eng`` and ``English`` give ``en``.

    Checked against Babel's (CLDR's) list of languages rather than a pattern, so that a
    typo (``--to englsh``) is refused with suggestions instead of becoming a model
    nobody can pull. The common case (a code CLDR has data for) is one file lookup;
    the full table is read only for anything else.
    """
    text = value.strip() if isinstance(value, str) else ""
    lower = text.lower()
    if _LANGUAGE.fullmatch(lower) and lower not in _NOT_LANGUAGES:
        from babel import localedata

        if localedata.exists(lower) and lower not in _language_table()[1]:
            return lower
    found = _known_language(lower)
    if found is None:
        raise ValueError(_unknown_language(lower))
    return found


# ISO 639's special codes: none of them names a language a model translates.
_NOT_LANGUAGES = frozenset({"und", "zxx", "mul", "mis", "root"})


@lru_cache(maxsize=1)
def _language_table() -> tuple[dict[str, str], dict[str, str]]:
    """(code -> English name, old or 3-letter code -> the code models use), from Babel."""
    from babel.core import Locale, get_global

    names = {code: name for code, name in Locale("en").languages.items()
             if "_" not in code and code not in _NOT_LANGUAGES}
    aliases = {}
    for old, new in get_global("language_aliases").items():
        if len(old) == 2 < len(new) and new in names:  # tl -> fil: models keep ISO 639-1's tl
            names.setdefault(old, names[new])
        elif new in names and old != new:
            aliases[old] = new
    return names, aliases


def _known_language(text: str) -> str | None:
    """The code for a known code, alias or English name (any case), else None."""
    names, aliases = _language_table()
    if text in aliases:
        return aliases[text]
    if text in names:
        return text
    by_name = {name.lower(): code for code, name in names.items()}
    return by_name.get(text)


def _unknown_language(text: str) -> str:
    """Why ``text`` is refused, with the closest codes and names as suggestions."""
    from difflib import get_close_matches

    if text in _NOT_LANGUAGES:
        return "must name a language (und, zxx and mul do not)"
    names, _ = _language_table()
    by_name = {name.lower(): code for code, name in names.items()}
    close = get_close_matches(text, [*names, *by_name], n=6, cutoff=0.8)
    codes = list(dict.fromkeys(by_name.get(c, c) for c in close))[:2]
    hint = "; did you mean " + " or ".join(f"{c} ({names[c]})" for c in codes) + "?" \
        if codes else " such as en, de or ru"
    return "must be an ISO 639 language code" + hint


def header_text(value: Any) -> str:
    """Text an HTTP header can carry: printable ASCII, at most 512 characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > 512 \
            or not all(" " <= c <= "~" for c in value):
        raise ValueError("must be 1 to 512 printable ASCII characters (an HTTP header)")
    return value


def model_name(value: Any) -> str:
    """An installed model id, or the path of a model directory (which must exist)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a model id or the path of a model directory")
    if ("/" in value or os.sep in value or value.startswith(("~", "."))) \
            and not Path(value).expanduser().is_dir():
        raise ValueError("no such model directory")
    return value


def directory(value: Any) -> str:
    """A directory path; it need not exist yet, but must not be a file."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a directory path")
    if not usable_dir(Path(value).expanduser()):
        raise ValueError("is not a directory")
    return value


@dataclass(frozen=True)
class Setting:
    """One user setting: where it lands in ``Options`` and how a value is checked."""

    section: str
    field: str
    parse: Parser
    flag: str = ""  # the command-line flag, when it differs from --<name>


# The bounds keep a typo from costing gigabytes or crashing CTranslate2; the
# README's "Limits and failure modes" lists them.
SETTINGS: dict[str, Setting] = {
    "timeout": Setting("fetch", "timeout", real(0.1, 600)),
    "user_agent": Setting("fetch", "user_agent", header_text),
    "max_bytes": Setting("fetch", "max_bytes", whole(1024, 200 * 1024 * 1024)),
    "offline": Setting("fetch", "offline", boolean),
    "allow_private_redirects": Setting("fetch", "allow_private_redirects", boolean),
    "input": Setting("extract", "input", choice(*get_args(InputKind))),
    "to": Setting("translate", "target", language),
    "source_lang": Setting("translate", "source", language, flag="--from"),
    "model": Setting("translate", "model", model_name),
    "device": Setting("translate", "device", choice(*get_args(Device))),
    "compute_type": Setting("translate", "compute_type", choice(*COMPUTE_TYPES)),
    "beam_size": Setting("translate", "beam_size", whole(1, 8)),
    "threads": Setting("translate", "inter_threads", whole(1, 16)),
    "cache": Setting("translate", "cache", boolean),
    "translate": Setting("translate", "scope", choice(*get_args(Scope))),
    "auto_pull": Setting("translate", "auto_pull", boolean),
    "models_dir": Setting("translate", "models_dir", directory),
    "sentences": Setting("digest", "sentences", whole(1, 50)),
    "questions": Setting("digest", "questions", whole(0, 50)),
    "questions_model": Setting("digest", "questions_model", model_name),
}
_ALIASES = {"target": "to", "from": "source_lang"}


def flag_name(name: str) -> str:
    """``beam_size`` -> ``--beam-size`` (``source_lang`` -> ``--from``)."""
    return SETTINGS[name].flag or "--" + name.replace("_", "-")


def env_name(name: str) -> str:
    """``beam_size`` -> ``TLSUM_BEAM_SIZE`` (``source_lang`` -> ``TLSUM_FROM``)."""
    return "TLSUM_" + flag_name(name)[2:].replace("-", "_").upper()


def load_config(path: Path | None = None) -> dict[str, Any]:
    """Read the TOML config file; a missing file is an empty config.

    Keys are normalised (``beam-size`` -> ``beam_size``) and unknown keys are
    refused, so that a typo does not pass silently. Values are checked by
    ``build_options``.
    """
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        raw = read_toml(path)
    except (OSError, UnicodeDecodeError, TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"cannot read config file {path}: {reason}") from exc
    config = {_normalise(k): v for k, v in raw.items()}
    unknown = sorted(k.replace("_", "-") for k in set(config) - set(SETTINGS))
    if unknown:
        raise UsageError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    return config


def _normalise(key: str) -> str:
    key = key.replace("-", "_")
    return _ALIASES.get(key, key)


def setting(name: str, flag: Any = None, *, config: Mapping[str, Any] | None = None,
            environ: Mapping[str, str] | None = None) -> Any:
    """The checked value of one setting (flag, else env, else config), None when unset."""
    environ = os.environ if environ is None else environ
    parse = SETTINGS[name].parse
    if flag is not None:
        return _checked(parse, flag, lambda: f"{flag_name(name)} {_shell(flag)}")
    if environ.get(env_name(name)):
        value = environ[env_name(name)]
        return _checked(parse, value, lambda: f"{env_name(name)}={_shell(value)}")
    config = load_config() if config is None else config
    if name not in config:
        return None

    def in_file() -> str:
        return f"{config_path()}: {flag_name(name)[2:]} = {_toml(config[name])}"

    return _checked(parse, config[name], in_file)


def language_flag(flag: str, value: str | None) -> str | None:
    """A language code given to a command rather than a setting (``models available --from``)."""
    if value is None:
        return None
    return str(_checked(language, value, lambda: f"{flag} {_shell(value)}"))


def _checked(parse: Parser, value: Any, where: Callable[[], str]) -> Any:
    try:
        return parse(value)
    except ValueError as err:
        raise UsageError(f"{where()}: {err}") from None


def _shell(value: Any) -> str:
    return shlex.quote(value) if isinstance(value, str) else str(value)


def _toml(value: Any) -> str:
    """The value roughly as it was written in the file."""
    if isinstance(value, float):
        return str(value)  # nan, inf
    return json.dumps(value, ensure_ascii=False, default=str)


def build_options(flags: Mapping[str, Any], config: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Options:
    """CLI flag values (None = not given), the environment and the config file -> ``Options``.

    Only names in ``SETTINGS`` are read from ``flags``; the rest are the CLI's own.
    """
    config = load_config() if config is None else config
    unknown = sorted(set(config) - set(SETTINGS))
    if unknown:
        raise UsageError(f"unknown setting(s) in config file: {', '.join(unknown)}")
    sections: dict[str, dict[str, Any]] = {}
    for name, spec in SETTINGS.items():
        value = setting(name, flags.get(name), config=config, environ=environ)
        if value is not None:
            sections.setdefault(spec.section, {})[spec.field] = value
    return Options(
        fetch=replace(FetchOptions(), **sections.get("fetch", {})),
        extract=replace(ExtractOptions(), **sections.get("extract", {})),
        translate=replace(TranslateOptions(), **sections.get("translate", {})),
        digest=replace(DigestOptions(), **sections.get("digest", {})),
    )

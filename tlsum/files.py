"""Reading the small JSON and TOML files tlsum keeps (manifests, configs, the registry).

One place for the Python 3.10 ``tomli`` fallback and for "a JSON object or a one-line
error naming the file", so every caller reports a broken file the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tlsum.errors import TlsumError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML document at ``path``; OSError, UnicodeDecodeError or TOMLDecodeError on failure."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def read_json_object(path: Path, error: type[TlsumError], what: str = "JSON") -> dict[str, Any]:
    """The JSON object at ``path``, or ``error`` with one line naming the file and the fault."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise error(f"{path}: unreadable {what} ({err})") from err
    if not isinstance(data, dict):
        raise error(f"{path}: expected a JSON object")
    return data

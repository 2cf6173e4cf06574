"""Every user directory tlsum reads or writes, and the offline switch, resolved in one place.

Each has an environment override so that tests, CI and users with odd setups can point
tlsum elsewhere without a config file:

    TLSUM_CACHE_DIR   sentence cache                              (user cache dir)
    TLSUM_MODELS_DIR  installed translation models                (user data dir/models)
    TLSUM_CONFIG      the TOML config file                        (user config dir)
    TLSUM_OFFLINE     never touch the network (1, true, yes, on)
"""

from __future__ import annotations

import os
from pathlib import Path

from tlsum.errors import UsageError

_TRUE = frozenset({"1", "true", "yes", "on"})


def cache_dir() -> Path:
    """``TLSUM_CACHE_DIR`` or the platform's user cache dir for tlsum (not a file: exit 2)."""
    env = os.environ.get("TLSUM_CACHE_DIR")
    if env:
        path = Path(env).expanduser()
        if not usable_dir(path):
            raise UsageError(f"TLSUM_CACHE_DIR={env}: is not a directory")
        return path
    import platformdirs

    return Path(platformdirs.user_cache_dir("tlsum"))


def models_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where models are installed: an explicit path, ``TLSUM_MODELS_DIR``, or the user data dir.

    A path that exists as a file is a usage error (exit 2), never a crash later.
    """
    env = os.environ.get("TLSUM_MODELS_DIR")
    if override:
        path, where = Path(override).expanduser(), f"models dir {override}"
    elif env:
        path, where = Path(env).expanduser(), f"TLSUM_MODELS_DIR={env}"
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("tlsum")) / "models"
        where = f"models dir {path}"
    if not usable_dir(path):
        raise UsageError(f"{where}: is not a directory")
    return path


def usable_dir(path: Path) -> bool:
    """A directory tlsum may use or create: anything but an existing non-directory."""
    return path.is_dir() or not path.exists()


def bundled_models_dir() -> Path | None:
    """The repository's ``models/`` (the toy models) when tlsum runs from a checkout."""
    path = Path(__file__).resolve().parent.parent / "models"
    return path if path.is_dir() else None


def model_dirs(override: str | None = None) -> list[Path]:
    """The model search path: the user's store first, the bundled toy models last."""
    dirs = [models_dir(override)]
    bundled = bundled_models_dir()
    if bundled is not None and bundled not in dirs:
        dirs.append(bundled)
    return dirs


def config_path() -> Path:
    """Where the config file is looked for (it need not exist, but must not be a directory)."""
    env = os.environ.get("TLSUM_CONFIG")
    if env:
        if Path(env).is_dir():
            raise UsageError(f"TLSUM_CONFIG={env}: is a directory, not a config file")
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("tlsum")) / "config.toml"


def offline(flag: bool = False) -> bool:
    """True when ``--offline`` was given or ``TLSUM_OFFLINE`` is set to a true value."""
    return flag or os.environ.get("TLSUM_OFFLINE", "").strip().lower() in _TRUE

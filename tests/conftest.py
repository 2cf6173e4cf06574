"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from httpserver import LocalHTTPServer


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalHTTPServer]:
    """A fresh HTTP server on 127.0.0.1 with scriptable routes (see tests/httpserver.py).

    Register answers with ``http_server.route(path, Reply(...))``, build URLs with
    ``http_server.url(path)``, and inspect ``http_server.requests`` afterwards.
    A proxy configured in the environment must not swallow requests to it.
    """
    import os

    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    monkeypatch.setenv("NO_PROXY", no_proxy)
    monkeypatch.setenv("no_proxy", no_proxy)
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
                       ) -> None:
    """No user config, cache, model store or TLSUM_* variable may leak into a test."""
    import os

    for name in list(os.environ):
        if name.startswith("TLSUM_") or name == "NO_COLOR":
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("tlsum-home")
    monkeypatch.setenv("TLSUM_CONFIG", str(home / "config.toml"))
    # One cache dir for the session: the unpacked language-id model (68 MB) is
    # written once; tests of the translation cache set their own directory.
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "tlsum-cache"))
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(home / "models"))


def _hypothesis_profiles() -> None:
    """``ci`` (the default, for ``make test``) and ``fuzz`` (``make fuzz``: over 100,000 inputs).

    Both fail any input that takes more than 5 s. ``HYPOTHESIS_PROFILE`` picks one.
    """
    import os
    from datetime import timedelta

    from hypothesis import settings

    settings.register_profile("ci", max_examples=20, deadline=timedelta(seconds=5),
                              database=None, derandomize=True, print_blob=True)
    settings.register_profile("fuzz", max_examples=12_000, deadline=timedelta(seconds=5),
                              print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()

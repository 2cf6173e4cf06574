"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from httpserver import LocalHTTPServer


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A fresh HTTP server on 127.0.0.1 with scriptable routes (see tests/httpserver.py).

    Register answers with ``http_server.route(path, Reply(...))``, build URLs with
    ``http_server.url(path)``, and inspect ``http_server.requests`` afterwards.
    """
    with LocalHTTPServer() as server:
        yield server

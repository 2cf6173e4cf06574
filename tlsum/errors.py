"""The one exception tree of tlsum.

Every failure a user can cause or meet is one of these; anything else is a bug.
Stages raise them, and only ``tlsum.cli`` maps them to exit codes::

    TlsumError
    ├── UsageError            bad option values or an unreadable SOURCE argument
    ├── FetchError            the network or the file system could not give us the bytes
    │   ├── FetchTimeout
    │   ├── HTTPStatusError   a 4xx/5xx answer after retries
    │   ├── TooLargeError     the body is over the size cap
    │   └── UnsupportedContent  PDF, images and other binary content
    ├── NoArticleError        the page or text holds no article body
    ├── NoModelError          no installed model (or pivot) covers the language pair
    ├── ModelError            a model is broken, incomplete or incompatible
    └── ModelStoreError       installing, downloading or removing a model failed
        ├── ChecksumError
        └── UnsafeArchiveError

The message of each is one line meant for the user (no traceback needed).
"""

from __future__ import annotations


class TlsumError(Exception):
    """Base class: ``str(err)`` is a complete one-line message for the user."""


class UsageError(TlsumError):
    """The command line or configuration asks for something impossible."""


class FetchError(TlsumError):
    """Getting the source bytes failed (network, HTTP status, file system)."""


class FetchTimeout(FetchError):
    """The server did not answer within the timeout."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (after retries where they apply)."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code

    def __reduce__(self) -> tuple[type, tuple[str, int]]:
        """Pickle with both arguments (``batch --engine ray`` sends errors between processes)."""
        return type(self), (str(self), self.status_code)


class TooLargeError(FetchError):
    """The body is larger than the configured cap; we stop reading early."""


class UnsupportedContent(FetchError):
    """The source is binary (PDF, image, archive...) rather than HTML or text."""


class NoArticleError(TlsumError):
    """Extraction found no article text worth summarizing."""


class NoModelError(TlsumError):
    """No installed model translates between the requested languages.

    ``hint`` is the shell command that would fix it (a ``tlsum models pull``).
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message if hint is None else f"{message}; try: {hint}")
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple[type, tuple[str, str | None]]:
        """Pickle with the hint kept apart (``batch --engine ray`` sends errors across)."""
        return type(self), (self.message, self.hint)


class ModelError(TlsumError):
    """A model directory exists but cannot be loaded or produced garbage."""


class ModelStoreError(TlsumError):
    """Installing, downloading or removing a model failed; the store is unchanged."""


class ChecksumError(ModelStoreError):
    """A downloaded file does not match its published sha256."""


class UnsafeArchiveError(ModelStoreError):
    """An archive tries to write outside its target, holds links out, or is too big."""

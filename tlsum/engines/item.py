"""What ``tlsum.engines.batch`` yields for each source."""

from __future__ import annotations

from dataclasses import dataclass

from tlsum.errors import TlsumError
from tlsum.types import Result


@dataclass(frozen=True)
class BatchItem:
    """The outcome for one source: a ``result`` or an ``error``, never both."""

    source: str
    result: Result | None = None
    error: TlsumError | None = None

    @classmethod
    def of(cls, source: str, outcome: Result | TlsumError) -> BatchItem:
        """Wrap what the pipeline returned for ``source``."""
        if isinstance(outcome, TlsumError):
            return cls(source, error=outcome)
        return cls(source, result=outcome)

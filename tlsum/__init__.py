"""tlsum: translate a news article locally and list its summary and open questions.

The library API, in the order the stages run::

    from tlsum import Options, summarize
    result = summarize("https://example.org/article", Options())
    print([q.text for q in result.digest.questions])

``load`` (fetch + extract), ``prepare`` (segment + translate) and ``digest_article``
are the steps ``summarize`` composes; the dataclasses they pass forward and the one
exception tree (``TlsumError``) are re-exported here too. Names are resolved on first
use, so ``import tlsum`` (and ``tlsum --help``) loads nothing heavy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from tlsum.version import __version__

# Public name -> the module that defines it.
_EXPORTS = {
    "summarize": "tlsum.pipeline", "load": "tlsum.pipeline", "prepare": "tlsum.pipeline",
    "digest_article": "tlsum.pipeline", "digest_many": "tlsum.engines.flow",
    "batch": "tlsum.engines", "BatchItem": "tlsum.engines",
    "Options": "tlsum.options", "FetchOptions": "tlsum.options",
    "ExtractOptions": "tlsum.options", "TranslateOptions": "tlsum.options",
    "DigestOptions": "tlsum.options", "Decoding": "tlsum.options",
    "Fetched": "tlsum.types", "Article": "tlsum.types", "Paragraph": "tlsum.types",
    "Sentence": "tlsum.types", "Document": "tlsum.types", "Translation": "tlsum.types",
    "Item": "tlsum.types", "Digest": "tlsum.types", "Result": "tlsum.types",
    "TlsumError": "tlsum.errors", "UsageError": "tlsum.errors", "FetchError": "tlsum.errors",
    "NoArticleError": "tlsum.errors", "NoModelError": "tlsum.errors",
    "ModelError": "tlsum.errors", "ModelStoreError": "tlsum.errors",
}
__all__ = [  # noqa: RUF022 - grouped as in _EXPORTS: calls, options, data, errors
    "__version__",
    "summarize", "load", "prepare", "digest_article", "digest_many", "batch", "BatchItem",
    "Options", "FetchOptions", "ExtractOptions", "TranslateOptions", "DigestOptions", "Decoding",
    "Fetched", "Article", "Paragraph", "Sentence", "Document", "Translation", "Item", "Digest",
    "Result",
    "TlsumError", "UsageError", "FetchError", "NoArticleError", "NoModelError", "ModelError",
    "ModelStoreError",
]

if TYPE_CHECKING:
    from tlsum.engines import BatchItem, batch
    from tlsum.engines.flow import digest_many
    from tlsum.errors import (
        FetchError,
        ModelError,
        ModelStoreError,
        NoArticleError,
        NoModelError,
        TlsumError,
        UsageError,
    )
    from tlsum.options import (
        Decoding,
        DigestOptions,
        ExtractOptions,
        FetchOptions,
        Options,
        TranslateOptions,
    )
    from tlsum.pipeline import digest_article, load, prepare, summarize
    from tlsum.types import (
        Article,
        Digest,
        Document,
        Fetched,
        Item,
        Paragraph,
        Result,
        Sentence,
        Translation,
    )


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tlsum' has no attribute {name!r}")
    return getattr(import_module(module), name)

"""Options objects: one frozen dataclass per stage, gathered in ``Options``.

The CLI turns flags, ``TLSUM_*`` environment variables and the config file into
one ``Options`` (see ``tlsum.config``), in the spirit of trafilatura's
``args_to_extractor``; library users build the dataclasses directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

from tlsum.version import __version__

DEFAULT_USER_AGENT = (
    f"tlsum/{__version__} (+https://pypi.org/project/tlsum/; news summarizer) "
    "Mozilla/5.0 (compatible)"
)
InputKind = Literal["auto", "html", "text"]
Device = Literal["cpu", "cuda", "auto"]
Scope = Literal["full", "summary"]
# CTranslate2's compute types ("default": int8 on CPU, float16 on CUDA); whether the
# device supports one is checked when the model loads.
COMPUTE_TYPES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
                 "int16", "float16", "bfloat16", "float32")


@dataclass(frozen=True)
class FetchOptions:
    """How to get the bytes: limits that keep a bad server from hanging us."""

    # Seconds for the whole fetch of one source, from connect to the last byte, redirects
    # and retry waits included (a server dripping its headers cannot hold us longer).
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 3  # extra attempts on 429/502/503/504
    backoff: float = 0.5  # first retry delay in seconds, doubled each time
    user_agent: str = DEFAULT_USER_AGENT
    offline: bool = False
    accept_language: str = "en;q=0.9, *;q=0.5"  # sent as Accept-Language
    max_retry_wait: float = 30.0  # a longer Retry-After fails at once instead of waiting
    allow_private_redirects: bool = False  # follow a public page's redirect to a LAN/loopback one


@dataclass(frozen=True)
class ExtractOptions:
    """How to find the article in what we fetched."""

    input: InputKind = "auto"  # force HTML or text handling instead of sniffing


@dataclass(frozen=True)
class Decoding:
    """How the model decodes; every field is part of the translation cache key.

    ``TranslateOptions`` extends it, so each setting and its default is written once.
    """

    beam_size: int = 2
    max_batch_size: int = 1024  # tokens per batch (batch_type="tokens")
    max_decoding_length: int = 256  # target pieces per sentence, a cap on runaway output
    min_decoding_length: int = 0  # > 0 only to benchmark random-weight models
    max_input_pieces: int = 200  # longer sentences are split at clauses and joined back
    guard: bool = True  # detect degenerate output, retry it, report what still fails

    @classmethod
    def from_options(cls, options: Decoding) -> Decoding:
        """Only the decoding part of ``options`` (a ``TranslateOptions``)."""
        return cls(**{f.name: getattr(options, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class TranslateOptions(Decoding):
    """Which model and how to run it (see ``tlsum.translate``)."""

    target: str = "en"
    source: str | None = None  # None: detect
    model: str | None = None  # a model id or path; None: route automatically
    device: Device = "cpu"
    compute_type: str = "default"  # "default": int8 on CPU, float16 on CUDA
    inter_threads: int = 2
    intra_threads: int = 1
    cache: bool = True
    # "summary": pick the summary in the source language and translate only it and the
    # sentences that may raise questions (much faster on long foreign articles).
    scope: Scope = "full"
    auto_pull: bool = False  # pull the suggested model when none covers the pair
    models_dir: str | None = None  # None: TLSUM_MODELS_DIR or the user data dir


@dataclass(frozen=True)
class DigestOptions:
    """How long the summary is and how many questions to list."""

    sentences: int = 4  # upper bound on summary sentences
    questions: int = 6  # upper bound on questions
    # An instruct model that phrases the questions: an installed id or a directory;
    # None: the best installed one (if any); "none": the rules alone.
    questions_model: str | None = None


@dataclass(frozen=True)
class Options:
    """Everything one run needs, one part per stage."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    translate: TranslateOptions = field(default_factory=TranslateOptions)
    digest: DigestOptions = field(default_factory=DigestOptions)

"""Whether a translation can be trusted, and over-long input: the checks around the model call.

The one rule for every translated text (``verdict``):

* **failed**: the output is degenerate (a loop of repeated n-grams, a length far from
  the source's, empty) even after one retry with ``RETRY_SETTINGS``, or the source
  was copied back;
* **flagged** (shown with ⚠, never used for a question): failed, or the model itself
  was unsure, its length-normalised log-probability (CTranslate2's ``return_scores``:
  the sum of the log-probabilities of the output pieces over their number) below the
  model's ``score_floor``. A text split into several model inputs counts its worst.

Inputs longer than the model should read are split at the weakest boundary needed and
joined back.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sentencepiece import SentencePieceProcessor

RETRY_SETTINGS: dict[str, Any] = {"repetition_penalty": 1.3, "no_repeat_ngram_size": 3}
_SPLITTERS = (  # tried in order when a sentence has more pieces than the model should read
    re.compile(r"(?<=[.!?…])\s+"),
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+(?=[—–-]\s)"),
    re.compile(r"\s+"),
)


FAILED, FLAGGED = 1, 2  # the marks of a translated text (a bit set, as the cache stores it)


def verdict(source: str, output: str, segments_failed: bool, score: float,
            floor: float) -> int:
    """The marks of one translated text: ``FAILED | FLAGGED``, ``FLAGGED`` or 0 (trusted).

    ``segments_failed``: one of its model inputs stayed ``degenerate`` after the retry;
    ``score``: the lowest length-normalised log-probability among its model inputs.
    """
    if segments_failed or is_copy(source, output):
        return FAILED | FLAGGED
    return FLAGGED if score < floor else 0


def degenerate(source: Sequence[str], output: Sequence[str]) -> bool:
    """True for output that is empty, far too long/short, or loops over an n-gram."""
    n_src, n_out = len(source), len(output)
    if n_out == 0:
        return n_src > 0
    if n_out > 3 * n_src + 8 or (n_src >= 8 and n_out * 4 < n_src):
        return True
    return loops(output)


def loops(tokens: Sequence[str]) -> bool:
    """A word 5 times in a row, or a 2-4 token phrase 3 times back to back.

    A word may come 4 times in a row ("1 000 000 000"); a phrase thrice is a loop.
    k back-to-back copies of an n-gram are a run of (k-1)·n equal pairs
    ``tokens[i] == tokens[i + n]``, found as a substring of the equality bytes: the
    same answer as counting runs in Python (the tests keep that as their oracle), but
    in C. This runs on every output; the Python loop was half the stage's own time.
    """
    def run(n: int, length: int) -> bool:
        return b"\x01" * length in bytes(map(operator.eq, tokens, tokens[n:]))

    return run(1, 4) or any(run(n, 2 * n) for n in (2, 3, 4))


def is_copy(source: str, output: str) -> bool:
    """The model printed its input back (argos-translate's failure mode) on a real sentence."""
    return len(source.split()) >= 5 and source.strip().casefold() == output.strip().casefold()


def model_inputs(
    sp: SentencePieceProcessor, texts: Sequence[str], limit: int
) -> tuple[list[list[str]], list[int]]:
    """Source pieces per model input, and which text each input belongs to.

    A text over ``limit`` pieces becomes several inputs (``split_long``); a single
    word still over it is cut between pieces.
    """
    segments: list[list[str]] = []
    owners: list[int] = []
    for i, (text, pieces) in enumerate(zip(texts, sp.encode(list(texts), out_type=str),
                                           strict=True)):
        chunks = [pieces]
        if len(pieces) > limit:
            parts = split_long(text, limit, lambda t: len(sp.encode(t)))
            chunks = [c for part in sp.encode(parts, out_type=str) for c in _cut(part, limit)]
        segments.extend(chunks)
        owners.extend([i] * len(chunks))
    return segments, owners


def _cut(pieces: list[str], limit: int) -> list[list[str]]:
    return [pieces[i : i + limit] for i in range(0, len(pieces), limit)]


def split_long(text: str, limit: int, count: Callable[[str], int], level: int = 0) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` pieces, at the weakest boundary needed.

    Sentence ends first, then ; and :, commas, dashes, and finally any space. A word
    longer than ``limit`` comes back whole (the caller cuts its pieces).
    """
    if count(text) <= limit or level >= len(_SPLITTERS):
        return [text]
    parts = [p for p in _SPLITTERS[level].split(text) if p]
    if len(parts) == 1:
        return split_long(text, limit, count, level + 1)
    chunks: list[str] = []
    current, size = "", 0
    for part in parts:
        n = count(part)
        if current and size + n > limit:
            chunks.append(current)
            current, size = "", 0
        if n > limit:
            chunks.extend(split_long(part, limit, count, level + 1))
            continue
        current, size = (f"{current} {part}" if current else part), size + n
    if current:
        chunks.append(current)
    return chunks

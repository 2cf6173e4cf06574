"""The translate stage: a Document in one language → the same Document in another.

``Translator`` wraps one ``ctranslate2.Translator`` and its SentencePiece
model(s). It sends every sentence of a document to the model in ONE
``translate_batch`` call (sorted by length, ``batch_type="tokens"``), so
CTranslate2 fills its batches and its threads: on 2 cores, an OPUS-MT base model
and a 700-word article at beam 4, that took 1.5 s against 6.4 s for one call per
sentence. Sentences longer than the
model should read are split at clause punctuation and joined back, so the output
stays aligned 1:1 with the input. Degenerate output (a loop of repeated
n-grams, a length far from the source's, the source copied back) is retried once
with a repetition penalty; what still fails is kept and reported in
``Translation.failed_ids``, never dropped. Every output comes with the model's own
length-normalised log-probability (``return_scores``, free: the beam search has it);
below the model's ``score_floor``, or failed, the text is flagged
(``Translation.flagged_ids``; the rule is ``guard.verdict``).

``ctranslate2`` and ``sentencepiece`` are imported lazily (``tlsum --help``
stays instant) and each model is loaded once per process (``get_translator``).
The batch is submitted asynchronously so that a ``progress`` callback can count
finished sentences while CTranslate2 works through it: still one call, one set
of batches, but the CLI can show "Translating ru→en 12/48" instead of a bare spinner.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlsum.errors import ModelError, UsageError
from tlsum.files import read_json_object
from tlsum.models.format import ModelInfo, language_tokens
from tlsum.options import Decoding, TranslateOptions
from tlsum.translate.cache import SentenceCache, context_key
from tlsum.translate.guard import (
    FAILED,
    FLAGGED,
    RETRY_SETTINGS,
    degenerate,
    model_inputs,
    verdict,
)

if TYPE_CHECKING:
    import ctranslate2
    from ctranslate2 import AsyncTranslationResult, TranslationResult
    from sentencepiece import SentencePieceProcessor

Progress = Callable[[int, int], None]  # (segments done, segments in this model call)
NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
DEFAULT_DECODING = Decoding()
_POLL_S = 0.002  # how often a waiting translation checks for its result (and for Ctrl-C)


@dataclass
class TranslatorStats:
    """Counters a test or benchmark can read (e.g. "a re-run sent nothing to the model")."""

    sentences: int = 0  # distinct source texts sent to the model
    segments: int = 0  # inputs after long-sentence splitting (retries included)
    source_tokens: int = 0
    target_tokens: int = 0
    batch_calls: int = 0  # translate_batch calls
    retried: int = 0  # segments decoded again by the guard
    failed: int = 0  # texts whose output stayed degenerate
    flagged: int = 0  # texts flagged as unreliable (failed, or the model unsure)
    cache_hits: int = 0  # distinct texts answered by the cache
    model_seconds: float = 0.0  # wall time inside translate_batch


@dataclass(frozen=True)
class TranslatedTexts:
    """Targets aligned 1:1 with the inputs; the input indices that stayed degenerate
    (``failed``) and those not to be trusted (``flagged``, a superset: see ``guard.verdict``)."""

    texts: tuple[str, ...]
    failed: frozenset[int] = field(default_factory=frozenset)
    flagged: frozenset[int] = field(default_factory=frozenset)


class Translator:
    """One loaded CTranslate2 model with its SentencePiece models; use ``get_translator``."""

    def __init__(
        self, info: ModelInfo, *, device: str = "cpu", compute_type: str = "default",
        inter_threads: int = 2, intra_threads: int = 1,
    ) -> None:
        self.info = info
        self.device = resolve_device(device)
        self.compute_type = resolve_compute_type(compute_type, self.device)
        self.stats = TranslatorStats()
        self._model = _load_ct2(info, self.device, self.compute_type, inter_threads, intra_threads)
        self._src_sp = _load_spm(info.source_spm)
        self._tgt_sp = self._src_sp if info.target_spm == info.source_spm else _load_spm(
            info.target_spm
        )
        self._eos = source_eos(info)
        self._lock = threading.Lock()  # stats and the guard's bookkeeping are not thread-safe

    def cache_context(self, source: str, target: str, decoding: Decoding) -> str:
        """Everything besides the sentence that decides the output."""
        bin_path = self.info.ct2_dir / "model.bin"
        stat = bin_path.stat()
        return context_key(
            self.info.id, self.info.version, stat.st_size, stat.st_mtime_ns, source, target,
            self.device, self.compute_type, decoding, self.info.score_floor,
        )

    def translate(
        self, texts: Sequence[str], *, source: str, target: str,
        decoding: Decoding = DEFAULT_DECODING, cache: SentenceCache | None = None,
        progress: Progress | None = None,
    ) -> TranslatedTexts:
        """Translate ``texts`` (cache first, then one batch for the rest), aligned 1:1.

        ``progress(done, total)`` is called as the model finishes segments (not for cache
        hits or the degenerate-output retry, which are short).
        """
        if not self.info.translates(source, target):
            raise UsageError(f"model {self.info.id} does not translate {source} to {target}")
        with self._lock:
            unique = [t for t in dict.fromkeys(texts) if t.strip()]
            context = self.cache_context(source, target, decoding) if cache is not None else ""
            known = cache.get_many(context, unique) if cache is not None else {}
            self.stats.cache_hits += len(known)
            todo = [t for t in unique if t not in known]
            if todo:
                fresh = self._translate_unique(todo, source, target, decoding, progress)
                known.update(fresh)
                if cache is not None:
                    cache.put_many(context, ((s, t, m) for s, (t, m) in fresh.items()))
        out = tuple(known[t][0] if t in known else t for t in texts)
        marks = [known[t][1] if t in known else 0 for t in texts]
        return TranslatedTexts(out, frozenset(i for i, m in enumerate(marks) if m & FAILED),
                               frozenset(i for i, m in enumerate(marks) if m & FLAGGED))

    def _translate_unique(
        self, texts: list[str], source: str, target: str, decoding: Decoding,
        progress: Progress | None = None,
    ) -> dict[str, tuple[str, int]]:
        """Model call(s) for distinct texts: split, one batch, guard, join back.

        Each text comes back with its marks (``guard.verdict``; 0 with the guard off).
        """
        segments, owners = model_inputs(self._src_sp, texts, decoding.max_input_pieces)
        src_tokens, tgt_prefix = language_tokens(self.info, source, target)
        outputs, scores = self._run(segments, src_tokens, tgt_prefix, decoding, progress=progress)
        bad: set[int] = set()
        if decoding.guard:
            bad = self._retry_degenerate(segments, outputs, scores, src_tokens, tgt_prefix,
                                         decoding)
        decoded = self._tgt_sp.decode(outputs) if outputs else []
        joiner = "" if target in NO_SPACE_LANGUAGES else " "
        parts: list[list[str]] = [[] for _ in texts]
        failed = [False] * len(texts)
        worst = [0.0] * len(texts)
        for seg, owner in enumerate(owners):
            parts[owner].append(decoded[seg])
            failed[owner] = failed[owner] or seg in bad
            worst[owner] = min(worst[owner], scores[seg])
        result = {}
        for i, text in enumerate(texts):
            joined = joiner.join(p for p in parts[i] if p)
            marks = verdict(text, joined, failed[i], worst[i], self.info.score_floor)
            result[text] = (joined, marks if decoding.guard else 0)
        self.stats.sentences += len(texts)
        self.stats.failed += sum(bool(m & FAILED) for _, m in result.values())
        self.stats.flagged += sum(bool(m & FLAGGED) for _, m in result.values())
        return result

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """SentencePiece pieces of each text (source side)."""
        return list(self._src_sp.encode(list(texts), out_type=str))

    def _run(
        self, segments: list[list[str]], src_tokens: list[str], tgt_prefix: list[str],
        decoding: Decoding, progress: Progress | None = None, **extra: Any,
    ) -> tuple[list[list[str]], list[float]]:
        """One ``translate_batch`` over all segments: the output pieces of each segment, and
        the model's length-normalised log-probability of them (``return_scores``).

        Inputs go longest first, the order CTranslate2's rebatching uses itself, so
        ``batch_type="tokens"`` batches hold sentences of similar length, and results
        arrive roughly in submission order, which makes the progress count smooth.
        """
        if not segments:
            return [], []
        order = sorted(range(len(segments)), key=lambda i: -len(segments[i]))
        batch = [src_tokens + segments[i] + self._eos for i in order]
        if tgt_prefix:
            extra["target_prefix"] = [tgt_prefix] * len(batch)
        start = time.perf_counter()
        pending = self._model.translate_batch(
            batch, beam_size=decoding.beam_size, max_batch_size=decoding.max_batch_size,
            batch_type="tokens", max_decoding_length=decoding.max_decoding_length,
            min_decoding_length=decoding.min_decoding_length, asynchronous=True,
            return_scores=True, **extra,
        )
        results = [_wait(item, k, len(pending), progress) for k, item in enumerate(pending, 1)]
        self.stats.model_seconds += time.perf_counter() - start
        outputs: list[list[str]] = [[] for _ in segments]
        scores = [0.0] * len(segments)
        for result, i in zip(results, order, strict=True):
            hyp = result.hypotheses[0]
            outputs[i] = hyp[len(tgt_prefix) :] if hyp[: len(tgt_prefix)] == tgt_prefix else hyp
            scores[i] = float(result.scores[0]) if result.scores else 0.0
        self.stats.batch_calls += 1
        self.stats.segments += len(segments)
        self.stats.source_tokens += sum(len(b) for b in batch)
        self.stats.target_tokens += sum(len(o) for o in outputs)
        return outputs, scores

    def _retry_degenerate(
        self, segments: list[list[str]], outputs: list[list[str]], scores: list[float],
        src_tokens: list[str], tgt_prefix: list[str], decoding: Decoding,
    ) -> set[int]:
        """Decode degenerate outputs again with a repetition penalty; return those still bad.

        ``outputs`` and ``scores`` are updated in place with the second attempt.
        """
        pairs = enumerate(zip(segments, outputs, strict=True))
        bad = [i for i, (src, out) in pairs if degenerate(src, out)]
        if not bad:
            return set()
        again, again_scores = self._run([segments[i] for i in bad], src_tokens, tgt_prefix,
                                        decoding, **RETRY_SETTINGS)
        self.stats.retried += len(bad)
        for i, out, score in zip(bad, again, again_scores, strict=True):
            outputs[i], scores[i] = out, score
        return {i for i in bad if degenerate(segments[i], outputs[i])}


def _wait(item: AsyncTranslationResult, done: int, total: int,
          progress: Progress | None) -> TranslationResult:
    """The result of one asynchronous translation, reporting progress once it is in.

    CTranslate2 raises here, not at submission, when decoding fails (settings it
    rejects, memory on a GPU): that becomes a one-line ModelError, not a traceback.
    We wait in short sleeps rather than in ``result()``: that blocks inside C++, and
    SIGINT may land on one of CTranslate2's threads, so Python would run its Ctrl-C
    handler only once the batch was done (6-14 s on a long article).
    """
    while not item.done():
        time.sleep(_POLL_S)
    try:
        result = item.result()
    except (RuntimeError, ValueError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"translation failed in CTranslate2: {reason}") from err
    if progress is not None:
        progress(done, total)
    return result


# -- loading -----------------------------------------------------------------------------------

_TRANSLATORS: dict[tuple[Any, ...], Translator] = {}
_TRANSLATORS_LOCK = threading.Lock()


def get_translator(info: ModelInfo, options: TranslateOptions) -> Translator:
    """The process-wide ``Translator`` for this model and device settings (loaded once)."""
    key = (info.ct2_dir.resolve(), options.device, options.compute_type,
           options.inter_threads, options.intra_threads)
    with _TRANSLATORS_LOCK:
        if key not in _TRANSLATORS:
            _TRANSLATORS[key] = Translator(
                info, device=options.device, compute_type=options.compute_type,
                inter_threads=options.inter_threads, intra_threads=options.intra_threads,
            )
        return _TRANSLATORS[key]


def resolve_device(device: str) -> str:
    """``auto`` → cuda when CTranslate2 sees a GPU, else cpu."""
    import ctranslate2

    if device not in ("cpu", "cuda", "auto"):
        raise UsageError(f"--device must be cpu, cuda or auto, not {device!r}")
    gpus = ctranslate2.get_cuda_device_count() if device != "cpu" else 0
    if device == "cuda" and gpus == 0:
        raise UsageError("--device cuda: CTranslate2 sees no CUDA device")
    return "cuda" if device == "auto" and gpus > 0 else ("cpu" if device == "auto" else device)


def resolve_compute_type(compute_type: str, device: str) -> str:
    """``default`` → int8 on CPU (the fastest there), float16 on CUDA."""
    import ctranslate2

    if compute_type == "default":
        return "int8" if device == "cpu" else "float16"
    supported = ctranslate2.get_supported_compute_types(device)
    if compute_type not in supported and compute_type != "auto":
        raise UsageError(
            f"--compute-type {compute_type} is not supported on {device} "
            f"(choose from {', '.join(sorted(supported))})"
        )
    return compute_type


def _load_ct2(info: ModelInfo, device: str, compute_type: str, inter: int,
              intra: int) -> ctranslate2.Translator:
    import ctranslate2

    try:
        return ctranslate2.Translator(
            str(info.ct2_dir), device=device, compute_type=compute_type,
            inter_threads=max(1, inter), intra_threads=max(0, intra),
            # Queue the whole document at once: with a bounded queue, submitting a long
            # one blocks the main thread in C++, where Ctrl-C cannot reach it.
            max_queued_batches=-1,
        )
    except (RuntimeError, ValueError, OSError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"model {info.id} cannot be loaded: {reason}") from err


def _load_spm(path: Path) -> SentencePieceProcessor:
    import sentencepiece

    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (RuntimeError, OSError) as err:
        raise ModelError(f"{path}: not a SentencePiece model ({err})") from err


def source_eos(info: ModelInfo) -> list[str]:
    """Transformers conversions expect ``</s>`` at the end of the source; argos models do not."""
    if info.format == "argos":
        return []
    config_path = info.ct2_dir / "config.json"
    config: dict[str, Any] = {}
    if config_path.is_file():
        config = read_json_object(config_path, ModelError)
    if config.get("add_source_eos"):  # CTranslate2 adds it itself
        return []
    return [str(config.get("eos_token") or "</s>")]

"""The translate stage: a Document in one language → the same Document in another.

``Translator`` (``tlsum.translate.translator``) wraps one ``ctranslate2.Translator``
and its SentencePiece model(s); ``routing`` picks the model(s) for a language pair
(direct, multilingual, or a pivot through English); ``cache`` keeps sentence
translations on disk; ``guard`` catches degenerate output and splits over-long input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from tlsum.errors import TlsumError, UsageError
from tlsum.options import Decoding, TranslateOptions
from tlsum.translate.cache import SentenceCache
from tlsum.translate.guard import degenerate, loops, split_long
from tlsum.translate.routing import route_for
from tlsum.translate.translator import (
    NO_SPACE_LANGUAGES,
    Progress,
    TranslatedTexts,
    Translator,
    TranslatorStats,
    get_translator,
)
from tlsum.types import Document, Paragraph, Translation, nothing_to_do

__all__ = [
    "Decoding",
    "Progress",
    "TranslatedTexts",
    "Translator",
    "TranslatorStats",
    "degenerate",
    "get_translator",
    "loops",
    "split_long",
    "translate",
    "translate_many",
]


def translate(
    doc: Document, options: TranslateOptions, *, store_dirs: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
) -> Translation:
    """Translate ``doc`` to ``options.target``: same sentence ids, paragraphs and kinds.

    Only the texts not already in the target language go to a model (a mixed
    document keeps its target-language paragraphs as they are).
    ``store_dirs``, when given, replaces the default model search path (tests use it).
    ``progress`` receives a short line such as "Translating ru→en 12/48" as the model
    finishes sentences (the CLI shows it on stderr).
    """
    outcome = translate_many([doc], options, store_dirs=store_dirs, progress=progress)[0]
    if isinstance(outcome, TlsumError):
        raise outcome
    return outcome


def translate_many(
    docs: Sequence[Document], options: TranslateOptions, *, store_dirs: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
) -> list[Translation | TlsumError]:
    """Translate many documents together: one model call per language pair for all of them.

    CTranslate2 then fills its batches across articles (``tlsum batch``), and the
    sentence cache and the loaded models are shared. A failure that belongs to
    one language (no model for it) is returned in place of each document that
    needs that language; the other documents are still translated.
    """
    plans = [_Plan.of(doc, options) for doc in docs]
    with _cache(options) as cache:
        for source, members in _by_language(plans, options.target).items():
            try:
                _translate_group(source, members, options, store_dirs, cache, progress)
            except TlsumError as error:
                for plan, _ in members:
                    plan.error = plan.error or error
    return [plan.result(options.target) for plan in plans]


@dataclass
class _Plan:
    """One document's texts on their way through the models."""

    doc: Document
    texts: list[str]
    languages: list[str]
    n_sentences: int
    failed: set[int] = field(default_factory=set)
    flagged: set[int] = field(default_factory=set)
    model_ids: list[str] = field(default_factory=list)
    error: TlsumError | None = None

    @classmethod
    def of(cls, doc: Document, options: TranslateOptions) -> _Plan:
        """The texts of ``doc`` (sentences, title, sentence-less paragraphs) and their languages."""
        texts, languages, n = _texts_of(doc, options.source)
        return cls(doc, texts, languages, n)

    def result(self, target: str) -> Translation | TlsumError:
        """The ``Translation`` (nothing translated: the document itself), or the error."""
        if self.error is not None:
            return self.error
        if not self.model_ids:
            return Translation(original=self.doc, translated=self.doc)
        translated = _rebuild(self.doc, self.texts, target)
        title_flagged = bool(self.doc.article.title) and self.n_sentences in self.flagged
        return Translation(self.doc, translated, tuple(self.model_ids), self._ids(self.failed),
                           self._ids(self.flagged), title_flagged)

    def _ids(self, positions: set[int]) -> tuple[int, ...]:
        """The sentence ids at these text positions (the title and other texts left out)."""
        return tuple(sorted(self.doc.sentences[i].id for i in positions if i < self.n_sentences))


def _by_language(plans: list[_Plan], target: str) -> dict[str, list[tuple[_Plan, list[int]]]]:
    """For each source language not the target: the documents and text positions in it."""
    groups: dict[str, list[tuple[_Plan, list[int]]]] = {}
    for plan in plans:
        wanted: dict[str, list[int]] = {}
        for i, lang in enumerate(plan.languages):
            if not nothing_to_do(lang, target):
                wanted.setdefault(lang, []).append(i)
        for lang, positions in wanted.items():
            groups.setdefault(lang, []).append((plan, positions))
    return groups


def _translate_group(
    source: str, members: list[tuple[_Plan, list[int]]], options: TranslateOptions,
    store_dirs: Sequence[Path], cache: SentenceCache | None,
    progress: Callable[[str], None] | None,
) -> None:
    """All texts in ``source``, of every member document, through the route's models at once."""
    if source in ("", "und"):
        raise UsageError("the article's language could not be detected; pass --from")
    route = route_for(source, options.target, models_dir=options.models_dir,
                      model=options.model, store_dirs=store_dirs)
    texts = [plan.texts[i] for plan, positions in members for i in positions]
    decoding = Decoding.from_options(options)
    failed: set[int] = set()
    flagged: set[int] = set()
    for hop in route.hops:
        result = get_translator(hop.model, options).translate(
            texts, source=hop.source, target=hop.target, decoding=decoding, cache=cache,
            progress=_counter(progress, f"{hop.source}→{hop.target}"),
        )
        texts = list(result.texts)
        failed |= result.failed
        flagged |= result.flagged
    at = 0
    for plan, positions in members:
        for i in positions:
            plan.texts[i] = texts[at]
            if at in failed:
                plan.failed.add(i)
            if at in flagged:
                plan.flagged.add(i)
            at += 1
        plan.model_ids.extend(m for m in route.model_ids if m not in plan.model_ids)


def _counter(progress: Callable[[str], None] | None, label: str) -> Progress | None:
    """Adapt a line-taking callback to the translator's (done, total) counts."""
    if progress is None:
        return None
    say = progress
    return lambda done, total: say(f"Translating {label} {done}/{total}")


@contextmanager
def _cache(options: TranslateOptions) -> Iterator[SentenceCache | None]:
    if not options.cache:
        yield None
        return
    with SentenceCache.open_default() as cache:
        yield cache


def _texts_of(doc: Document, source: str | None) -> tuple[list[str], list[str], int]:
    """Sentences, then the title, then paragraphs that have no sentences; and their languages."""
    texts = [s.text for s in doc.sentences]
    langs = [source or doc.language_of(s) for s in doc.sentences]
    if doc.article.title:
        texts.append(doc.article.title)
        langs.append(source or doc.title_language or doc.language)
    covered = {s.paragraph for s in doc.sentences}
    rest = [p.text for i, p in enumerate(doc.article.paragraphs) if i not in covered]
    return texts + rest, langs + [source or doc.language] * len(rest), len(doc.sentences)


def _rebuild(doc: Document, texts: list[str], target: str) -> Document:
    """The translated Document: the same structure, the new texts, ``language=target``."""
    n = len(doc.sentences)
    sentences = tuple(replace(s, text=t, language=target)
                      for s, t in zip(doc.sentences, texts[:n], strict=True))
    rest = iter(texts[n:])
    title = next(rest) if doc.article.title else doc.article.title
    joiner = "" if target in NO_SPACE_LANGUAGES else " "
    groups: dict[int, list[str]] = {}
    for s in sentences:
        groups.setdefault(s.paragraph, []).append(s.text)
    paragraphs = tuple(
        Paragraph(joiner.join(groups[i]) if i in groups else next(rest), p.kind)
        for i, p in enumerate(doc.article.paragraphs)
    )
    article = replace(doc.article, paragraphs=paragraphs, title=title, language_hint=target)
    return Document(article=article, sentences=sentences, language=target, title_language=target)

"""The translate stage: a Document in one language → the same Document in another.

``Translator`` (``tlsum.translate.translator``) wraps one ``ctranslate2.Translator``
and its SentencePiece model(s); ``routing`` picks the model(s) for a language pair
(direct, multilingual, or a pivot through English); ``cache`` keeps sentence
translations on disk; ``guard`` catches degenerate output and splits over-long input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from tlsum.errors import UsageError
from tlsum.options import Decoding, TranslateOptions
from tlsum.translate.cache import SentenceCache
from tlsum.translate.guard import degenerate, loops, split_long
from tlsum.translate.routing import nothing_to_do, route_for
from tlsum.translate.translator import (
    NO_SPACE_LANGUAGES,
    Progress,
    TranslatedTexts,
    Translator,
    TranslatorStats,
    get_translator,
)
from tlsum.types import Document, Paragraph, Translation

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
]


def translate(
    doc: Document, options: TranslateOptions, *, store_dirs: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
) -> Translation:
    """Translate ``doc`` to ``options.target``: same sentence ids, paragraphs and kinds.

    ``store_dirs``, when given, replaces the default model search path (tests use it).
    ``progress`` receives a short line such as "Translating ru→en 12/48" as the model
    finishes sentences (the CLI shows it on stderr).
    """
    source = options.source or doc.language
    if nothing_to_do(source, options.target):
        return Translation(original=doc, translated=doc)
    if source in ("", "und"):
        raise UsageError("the article's language could not be detected; pass --from")
    route = route_for(source, options.target, models_dir=options.models_dir,
                      model=options.model, store_dirs=store_dirs)
    texts, n_sentences = _texts_of(doc)
    decoding = Decoding.from_options(options)
    failed: set[int] = set()
    with _cache(options) as cache:
        for hop in route.hops:
            translator = get_translator(hop.model, options)
            result = translator.translate(
                texts, source=hop.source, target=hop.target, decoding=decoding, cache=cache,
                progress=_counter(progress, f"{hop.source}→{hop.target}"),
            )
            texts = list(result.texts)
            failed |= result.failed
    failed_ids = tuple(sorted(doc.sentences[i].id for i in failed if i < n_sentences))
    translated = _rebuild(doc, texts, options.target)
    return Translation(doc, translated, route.model_ids, failed_ids)


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


def _texts_of(doc: Document) -> tuple[list[str], int]:
    """Sentences, then the title, then paragraphs that have no sentences (all get translated)."""
    texts = [s.text for s in doc.sentences]
    if doc.article.title:
        texts.append(doc.article.title)
    covered = {s.paragraph for s in doc.sentences}
    texts.extend(p.text for i, p in enumerate(doc.article.paragraphs) if i not in covered)
    return texts, len(doc.sentences)


def _rebuild(doc: Document, texts: list[str], target: str) -> Document:
    """The translated Document: the same structure, the new texts, ``language=target``."""
    n = len(doc.sentences)
    sentences = tuple(replace(s, text=t) for s, t in zip(doc.sentences, texts[:n], strict=True))
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
    return Document(article=article, sentences=sentences, language=target)

"""The library API: run the stages in order and return typed results.

    from tlsum import Options, summarize
    result = summarize("https://example.org/article", Options())
    for item in result.digest.questions: ...

Each function here is a short composition of stage functions; none prints.
``on_stage`` lets a caller (the CLI) show progress without the library
knowing how it is displayed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import BinaryIO

from tlsum.digest import digest as run_digest
from tlsum.digest import digest_selected, select
from tlsum.errors import NoModelError, TlsumError
from tlsum.extract import extract
from tlsum.fetch import fetch
from tlsum.options import Options
from tlsum.segment import LOW_CONFIDENCE, segment
from tlsum.translate.routing import nothing_to_do
from tlsum.types import Article, Document, Paragraph, Result, Translation

StageCallback = Callable[[str], None]
# Installs a model by the name ``tlsum models pull NAME`` takes (the CLI shows progress).
Installer = Callable[[str], None]


def _quiet(_: str) -> None:
    """Default progress callback: say nothing."""


def load(
    source: str, options: Options, *, stdin: BinaryIO | None = None,
    on_stage: StageCallback = _quiet,
) -> Article:
    """Fetch ``source`` (URL, path or ``-``) and extract the article from it."""
    on_stage("Fetching")
    fetched = fetch(source, options.fetch, stdin=stdin)
    on_stage("Extracting")
    return extract(fetched, options.extract)


def prepare(
    article: Article, options: Options, *, translate: bool = True,
    on_stage: StageCallback = _quiet, installer: Installer | None = None,
) -> Result:
    """Segment the article and, if needed, translate it into the target language."""
    on_stage("Detecting language")
    original = segment(article, options.translate.source)
    warnings = article.warnings + _language_warnings(original, options)
    if not translate or nothing_to_do(original.language, options.translate.target):
        return Result(article, original, warnings=warnings)
    on_stage(f"Translating {len(original.sentences)} sentences")
    translation = _translate(original, options, installer, on_stage)
    failed = len(translation.failed_ids)
    if failed:
        warnings += (f"{failed} sentence(s) could not be translated cleanly (marked ⚠)",)
    return Result(article, translation.translated, translation, warnings=warnings)


def _translate(original: Document, options: Options,
               installer: Installer | None = None,
               on_stage: StageCallback = _quiet) -> Translation:
    """Translate, pulling the suggested model first when ``auto_pull`` allows it.

    The translate stage is imported only here: ctranslate2 is heavy.
    """
    from tlsum.translate import translate

    try:
        return translate(original, options.translate, progress=on_stage)
    except NoModelError as error:
        name = pull_name(error.hint)
        if not (options.translate.auto_pull and installer and name):
            raise
        installer(name)
        return translate(original, options.translate, progress=on_stage)


def pull_name(hint: str | None) -> str | None:
    """The NAME of a ``tlsum models pull NAME`` hint (a ``convert`` hint cannot be automatic)."""
    words = (hint or "").split()
    return words[3] if words[:3] == ["tlsum", "models", "pull"] and len(words) == 4 else None


def _language_warnings(doc: Document, options: Options) -> tuple[str, ...]:
    """Say so when language detection was unsure instead of guessing silently."""
    if options.translate.source or doc.language_confidence >= LOW_CONFIDENCE:
        return ()
    return (
        f"language detection is unsure: {doc.language} at {doc.language_confidence:.0%}; "
        "pass --from to set it",
    )


def summarize(
    source: str, options: Options, *, stdin: BinaryIO | None = None,
    on_stage: StageCallback = _quiet, installer: Installer | None = None,
) -> Result:
    """The main job: load, translate if needed, and digest one article."""
    article = load(source, options, stdin=stdin, on_stage=on_stage)
    return digest_article(article, options, on_stage=on_stage, installer=installer)


def digest_article(article: Article, options: Options, *, on_stage: StageCallback = _quiet,
                   installer: Installer | None = None) -> Result:
    """Translate (all of it, or only what is shown) and digest a loaded article."""
    if options.translate.scope == "summary":
        return summary_first(article, options, on_stage=on_stage, installer=installer)
    result = prepare(article, options, on_stage=on_stage, installer=installer)
    on_stage("Summarizing")
    return replace(result, digest=run_digest(result.document, options.digest))


def summary_first(article: Article, options: Options, *,
                  on_stage: StageCallback = _quiet, installer: Installer | None = None) -> Result:
    """``--translate summary``: choose in the source language, translate only what is shown.

    The summary is language-neutral, so it is picked on the original; the
    question rules need English, so the sentences that may raise a question
    (a cheap multilingual prefilter) are translated along with the summary.
    """
    head = prepare(article, options, translate=False, on_stage=on_stage)
    original = head.document
    if nothing_to_do(original.language, options.translate.target):
        return replace(head, digest=run_digest(original, options.digest))
    chosen, wanted = select(original, options.digest)
    on_stage(f"Translating {len(wanted)} of {len(original.sentences)} sentences")
    translation = _translate(_subset(original, wanted), options, installer, on_stage)
    shown = translation.translated
    digest = digest_selected(chosen, shown, options.digest)
    return Result(article, shown, translation, digest, head.warnings)


def _subset(doc: Document, ids: frozenset[int]) -> Document:
    """The document with only these sentences; other paragraphs are blanked, not renumbered."""
    sentences = tuple(s for s in doc.sentences if s.id in ids)
    kept = {s.paragraph for s in sentences}
    paragraphs = tuple(
        p if i in kept else Paragraph("", p.kind) for i, p in enumerate(doc.article.paragraphs)
    )
    return replace(doc, sentences=sentences, article=replace(doc.article, paragraphs=paragraphs))


def load_many(
    sources: list[str], options: Options, *, workers: int = 4,
) -> Iterator[tuple[str, Article | TlsumError]]:
    """Fetch and extract many sources concurrently, yielding results in input order.

    Fetching is I/O-bound, so threads overlap the waits; a failure is yielded
    in place of its article so one bad URL does not stop a batch.
    """
    from concurrent.futures import ThreadPoolExecutor

    def one(source: str) -> Article | TlsumError:
        try:
            return load(source, options)
        except TlsumError as error:
            return error

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        yield from zip(sources, pool.map(one, sources), strict=True)

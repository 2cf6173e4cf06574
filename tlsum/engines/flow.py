"""Many articles through the pipeline together: what the batch engines run.

Kept apart from ``tlsum.pipeline`` (one article) because its concern is
different: translating the articles of a group in one call (CTranslate2 fills
its batches across articles; one model load, one sentence cache) while
handing back each outcome, in input order, as soon as it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from tlsum.errors import NoModelError, TlsumError
from tlsum.options import Options
from tlsum.pipeline import (
    Installer,
    digest_article,
    digested,
    failed_warning,
    load,
    needs_translation,
    prepare,
    pull_name,
)
from tlsum.types import Article, Document, Result, Translation


def load_or_error(source: str, options: Options) -> Article | TlsumError:
    """``load``, with a failure returned in place of the article (one bad source in a batch)."""
    try:
        return load(source, options)
    except TlsumError as error:
        return error


def digest_many(loaded: Sequence[Article | TlsumError], options: Options, *,
                installer: Installer | None = None) -> list[Result | TlsumError]:
    """``digest_article`` for many articles, translating all of them together.

    Every article is segmented, then the sentences of all that need a model go
    through it in one call per language pair (CTranslate2 fills its batches
    across articles; one model load, one sentence cache), then each is digested.
    Errors, passed in or met on the way, stay in their article's place.
    """
    return list(digest_each(loaded, options, chunk=max(1, len(loaded)), installer=installer))


def digest_each(loaded: Iterable[Article | TlsumError], options: Options, *, chunk: int,
                more_ready: Callable[[], bool] = lambda: True,
                installer: Installer | None = None) -> Iterator[Result | TlsumError]:
    """``digest_many`` as a stream: each outcome, in input order, as soon as it is done.

    An article that needs no translation, with none waiting before it, is
    digested at once. The others wait in a group that is translated together
    when it holds ``chunk`` articles, or when ``more_ready()`` says the next
    article is not loaded yet (a slow fetch never holds back finished work).
    """
    if options.translate.scope == "summary":
        for x in loaded:
            yield _attempt(lambda a: digest_article(a, options, installer=installer), x)
        return
    group: list[Result | TlsumError] = []
    for x in loaded:
        head = _attempt(lambda a: prepare(a, options, translate=False), x)
        if not group and not _waits(head, options):
            yield _finish(head, None, options)
            continue
        group.append(head)
        if len(group) >= chunk or not more_ready():
            yield from _translate_group(group, options, installer)
            group = []
    yield from _translate_group(group, options, installer)


def _waits(head: Result | TlsumError, options: Options) -> bool:
    return isinstance(head, Result) and needs_translation(head.document, options)


def _translate_group(group: list[Result | TlsumError], options: Options,
                     installer: Installer | None) -> Iterator[Result | TlsumError]:
    """Translate the heads that need it in one call, then digest each in order."""
    todo = [h for h in group if isinstance(h, Result) and _waits(h, options)]
    translated = _translate_all([h.document for h in todo], options, installer) if todo else []
    done = dict(zip(map(id, todo), translated, strict=True))
    for head in group:
        yield _finish(head, done.get(id(head)), options)


def _attempt(step: Callable[[Article], Result],
             loaded: Article | TlsumError) -> Result | TlsumError:
    """Run ``step`` on the article unless it already failed; a TlsumError becomes the outcome."""
    if isinstance(loaded, TlsumError):
        return loaded
    try:
        return step(loaded)
    except TlsumError as error:
        return error


def _translate_all(docs: list[Document], options: Options,
                   installer: Installer | None) -> list[Translation | TlsumError]:
    """``translate_many``, pulling a missing model once first when ``auto_pull`` allows it."""
    from tlsum.translate import translate_many

    outcomes = translate_many(docs, options.translate)
    names = {pull_name(o.hint) for o in outcomes if isinstance(o, NoModelError)} - {None}
    if not (names and options.translate.auto_pull and installer):
        return outcomes
    for name in sorted(n for n in names if n):
        installer(name)
    return translate_many(docs, options.translate)


def _finish(head: Result | TlsumError, translated: Translation | TlsumError | None,
            options: Options) -> Result | TlsumError:
    """The head (segmented) plus its translation, digested; or the first error met."""
    if isinstance(head, TlsumError):
        return head
    if isinstance(translated, TlsumError):
        return translated
    return digested(head if translated is None else _translated(head, translated), options)


def _translated(head: Result, translation: Translation) -> Result:
    """The head's result with the translation in place, and its warning if any."""
    return Result(head.article, translation.translated, translation,
                  warnings=head.warnings + failed_warning(translation))

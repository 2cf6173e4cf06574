"""The library API: run the stages in order and return typed results.

    from tlsum import Options, summarize
    result = summarize("https://example.org/article", Options())
    for item in result.digest.questions: ...

Each function here is a short composition of stage functions; none prints.
``on_stage`` lets a caller (the CLI) show progress without the library
knowing how it is displayed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from tlsum.digest import digest as run_digest
from tlsum.digest import digest_selected, questions, select
from tlsum.digest.cues import candidate_ids
from tlsum.errors import NoModelError
from tlsum.extract import extract
from tlsum.fetch import fetch
from tlsum.options import Options
from tlsum.segment import LOW_CONFIDENCE, segment
from tlsum.types import (
    NO_LANGUAGE,
    Article,
    Digest,
    Document,
    Paragraph,
    Result,
    Sentence,
    Translation,
)

if TYPE_CHECKING:
    from tlsum.digest.llm import InstructModel

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
    if not translate or not needs_translation(original, options):
        return Result(article, original, warnings=warnings)
    on_stage(f"Translating {len(original.sentences)} sentences")
    translation = _translate(original, options, installer, on_stage)
    warnings += failed_warning(translation) + _kept_warning(original)
    return Result(article, translation.translated, translation, warnings=warnings)


def needs_translation(doc: Document, options: Options) -> bool:
    """Whether any text of ``doc`` is not already in the target language."""
    return doc.needs_translation(options.translate.target, options.translate.source)


def failed_warning(translation: Translation) -> tuple[str, ...]:
    """The one line about flagged sentences, if any (``tlsum.translate.trust``)."""
    from tlsum.translate.trust import trust_warnings

    return trust_warnings(translation)


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
    """Say so when language detection was unsure, or the text mixes languages."""
    if options.translate.source:
        return ()
    if len(doc.languages) > 1:
        return (_mixed_warning(doc, options.translate.target),)
    if doc.language_confidence >= LOW_CONFIDENCE:
        return ()
    return (
        f"language detection is unsure: {doc.language} at {doc.language_confidence:.0%}; "
        "pass --from to set it",
    )


def _kept_warning(doc: Document) -> tuple[str, ...]:
    """Say which sentences a translation left as they are: not prose, so no language."""
    kept = sum(doc.language_of(s) == NO_LANGUAGE for s in doc.sentences)
    if not kept:
        return ()
    return (f"{kept} sentence(s) are not prose (code, figures, symbols): kept as they are, "
            "untranslated",)


def _mixed_warning(doc: Document, target: str) -> str:
    """"mixed languages: en 64%, ru 36% of the sentences; only the text not in en is translated"."""
    counts = Counter(lang for s in doc.sentences if (lang := doc.language_of(s)) != NO_LANGUAGE)
    total = max(1, sum(counts.values()))
    shares = ", ".join(f"{lang} {n / total:.0%}" for lang, n in counts.most_common())
    return (f"the text mixes languages ({shares} of the sentences); "
            f"only what is not in {target} is translated")


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
    return digested(result, options)


def digested(result: Result, options: Options) -> Result:
    """The digest of a prepared result; questions come from the English side when the
    reader's language is another (one rule for single articles and batches)."""
    llm = questions_model(options) if result.document.language == "en" else None
    digest = run_digest(result.document, options.digest, cued=translated_cues(result.original),
                        untrusted=untrusted(result.translation), llm=llm)
    if result.document.language != "en" and options.digest.questions > 0:
        digest = english_questions(result, digest, options)
    return replace(result, digest=marked(digest, result.translation))


def untrusted(translation: Translation | None) -> frozenset[int]:
    """The sentences whose translation is flagged (none without a translation)."""
    return frozenset(translation.flagged_ids) if translation is not None else frozenset()


def marked(digest: Digest, translation: Translation | None) -> Digest:
    """Each summary sentence flagged when its translation is; questions keep their own flag.

    A question from the English side was found on trusted sentences (flagged ones are
    never read) and carries the flag of its own translation (``english_questions``).
    """
    flagged = untrusted(translation)
    return replace(digest, summary=tuple(
        replace(item, flagged=item.flagged or not flagged.isdisjoint(item.source_ids))
        for item in digest.summary))


def english_questions(result: Result, digest: Digest, options: Options) -> Digest:
    """The questions, found on the English side and translated into the reader's language.

    The question finder reads English only: the original when it is English, else the
    original translated into English (a second route, served by the sentence cache
    when the article went through English already). The questions keep their
    sentence ids, so ``--show-source`` shows the original sentences behind them.
    """
    english = _english_side(result.original, options)
    if english is None:
        return replace(digest, questions=(), note=(
            f"questions not listed: no installed model translates {result.original.language} "
            "into English, where they are found"))
    llm = questions_model(options)
    found = questions(english.translated, options.digest.questions,
                      translated_cues(result.original), llm, untrusted(english))
    target = result.document.language
    try:
        lines = _in_language([q.text for q in found], target, options, llm)
    except NoModelError:
        note = f"questions shown in English: no installed model translates en → {target}"
        return replace(digest, questions=found, note=note)
    return replace(digest, questions=tuple(
        replace(q, text=text, flagged=flagged)
        for q, (text, flagged) in zip(found, lines, strict=True)))


def _in_language(lines: list[str], target: str, options: Options,
                 llm: InstructModel | None) -> list[tuple[str, bool]]:
    """English questions in ``target``, each with its flag: the instruct model writes those
    it can (checked: one question, same numbers, the target's script, no English word
    left), the translation route the rest (flagged where its translation is)."""
    texts: list[str | None] = [None] * len(lines)
    if llm is not None:
        from tlsum.digest.phrasing import model_translations

        texts = model_translations(llm, lines, target)
    out = [(t or "", False) for t in texts]
    todo = [i for i, t in enumerate(texts) if t is None]
    if todo:
        routed = _translate_lines([lines[i] for i in todo], target, options)
        flags = untrusted(routed)
        for i, sentence in zip(todo, routed.translated.sentences, strict=True):
            out[i] = (sentence.text, sentence.id in flags)
    return out


def questions_model(options: Options) -> InstructModel | None:
    """The instruct model that phrases the questions (``--questions-model``), loaded once
    per process; None for the rules alone (none installed, or ``none``)."""
    if options.digest.questions <= 0 or (options.digest.questions_model or "").lower() == "none":
        return None
    from tlsum.digest.llm import find_model, load

    path = find_model(options.digest.questions_model, options.translate.models_dir)
    return load(path, options.translate) if path is not None else None


def translated_cues(original: Document) -> frozenset[int] | None:
    """What the question fallback may read of a translation: the sentences the
    multilingual prefilter keeps on a foreign ``original`` (None for English: all),
    the same in a full translation and in ``--translate summary``."""
    return None if original.language == "en" else candidate_ids(original)


def _english_side(original: Document, options: Options) -> Translation | None:
    """``original`` in English (itself, untranslated, when it is English), or None when no
    model reaches it."""
    if original.language == "en":
        return Translation(original, original)
    try:
        return _translate_with(original, original.language, "en", options)
    except NoModelError:
        return None


def _translate_lines(lines: list[str], target: str, options: Options) -> Translation:
    """Short English lines (the questions) in ``target``, one sentence each."""
    article = Article(tuple(Paragraph(line) for line in lines))
    doc = Document(article, tuple(Sentence(i, line, i) for i, line in enumerate(lines)), "en")
    if not lines:
        return Translation(doc, doc)
    return _translate_with(doc, "en", target, options)


def _translate_with(doc: Document, source: str, target: str, options: Options) -> Translation:
    """``doc`` from ``source`` to ``target`` with the model the user named when it covers
    the pair (``--model toy-en-ru``: its questions too), else with the routed one."""
    pair = replace(options.translate, source=source, target=target)
    if pair.model is not None:
        try:
            return _translate(doc, replace(options, translate=pair))
        except NoModelError:
            pass
    return _translate(doc, replace(options, translate=replace(pair, model=None)))


def summary_first(article: Article, options: Options, *,
                  on_stage: StageCallback = _quiet, installer: Installer | None = None) -> Result:
    """``--translate summary``: choose in the source language, translate only what is shown.

    The summary is language-neutral, so it is picked on the original; the
    question rules need English, so the sentences that may raise a question
    (a cheap multilingual prefilter) are translated along with the summary.
    """
    head = prepare(article, options, translate=False, on_stage=on_stage)
    original = head.document
    if not needs_translation(original, options):
        return digested(head, options)
    chosen, wanted = select(original, options.digest)
    on_stage(f"Translating {len(wanted)} of {len(original.sentences)} sentences")
    translation = _translate(_subset(original, wanted), options, installer, on_stage)
    shown = translation.translated
    llm = questions_model(options) if shown.language == "en" else None
    digest = digest_selected(chosen, shown, options.digest, translated_cues(original),
                             untrusted(translation), llm)
    result = Result(article, shown, translation, digest,
                    head.warnings + failed_warning(translation))
    if shown.language != "en" and options.digest.questions > 0:
        digest = english_questions(result, digest, options)
    return replace(result, digest=marked(digest, translation))


def _subset(doc: Document, ids: frozenset[int]) -> Document:
    """The document with only these sentences; other paragraphs are blanked, not renumbered."""
    sentences = tuple(s for s in doc.sentences if s.id in ids)
    kept = {s.paragraph for s in sentences}
    paragraphs = tuple(
        p if i in kept else Paragraph("", p.kind) for i, p in enumerate(doc.article.paragraphs)
    )
    return replace(doc, sentences=sentences, article=replace(doc.article, paragraphs=paragraphs))

"""Digest stage: the short summary and the unresolved questions of a document.

Both are computed on the document the user reads (the translation when one
ran), and every item keeps the ids of the sentences behind it so the caller
can show the original-language text (``--show-source``). The summary is
language-neutral; the question rules are English and return nothing for
other languages rather than guess (see ``tlsum.digest.questions``).

``--translate summary`` splits the stage in two around the translation:
``select`` picks the summary on the original and names the sentences the
translation must cover; ``digest_selected`` finishes on the translated ones.

Modules: ``summary`` (lead-based summary), ``questions`` (candidates, ranking,
de-duplication), ``scorer`` (the learned sentence scorer), ``unknowns`` and
``rules`` (sentence rules), ``grammar`` (clause → question), ``rewrite`` with
``openings``, ``legal``, ``subjects`` and ``people`` (the fallback rewriter),
``checker`` (the copy editor's check), ``words`` (shared word classes), ``cues``
(multilingual prefilter); ``llm`` (an instruct model through CTranslate2),
``phrasing`` (the model phrases the scorer's picks) and ``vetting`` (the checks
every model answer passes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tlsum.digest.cues import candidate_ids
from tlsum.digest.questions import find_questions
from tlsum.digest.summary import clean_sentence, summarize
from tlsum.options import DigestOptions
from tlsum.types import Digest, Document, Item

if TYPE_CHECKING:
    from tlsum.digest.llm import InstructModel

__all__ = ["digest", "digest_selected", "questions", "select"]


def digest(doc: Document, options: DigestOptions, cued: frozenset[int] | None = None,
           untrusted: frozenset[int] = frozenset(), llm: InstructModel | None = None) -> Digest:
    """Summary (at most ``options.sentences``) and questions (at most ``options.questions``).

    ``cued``: when ``doc`` is a translation, the ids the multilingual prefilter
    kept on the original; ``untrusted``: its flagged sentences, which no question
    is built from (see ``find_questions``). ``llm``: the instruct model that
    phrases the questions (``tlsum.digest.phrasing``); None: the rules.
    """
    summary = summarize(doc, max(1, options.sentences))
    return Digest(summary=summary,
                  questions=questions(doc, options.questions, cued, llm, untrusted))


def questions(doc: Document, limit: int, cued: frozenset[int] | None = None,
              llm: InstructModel | None = None,
              untrusted: frozenset[int] = frozenset()) -> tuple[Item, ...]:
    """The unresolved questions, phrased by ``llm`` when one is given, else by the rules."""
    if llm is None:
        return find_questions(doc, max(0, limit), cued=cued, untrusted=untrusted)
    from tlsum.digest.phrasing import model_questions

    return model_questions(doc, max(0, limit), llm, cued=cued, untrusted=untrusted)


def select(doc: Document, options: DigestOptions) -> tuple[tuple[Item, ...], frozenset[int]]:
    """The summary chosen on ``doc`` and the ids of every sentence the digest will read.

    Those are the summary's sentences and every sentence that may raise a question
    (a cheap multilingual prefilter), so a translation of just these loses nothing.
    """
    chosen = summarize(doc, max(1, options.sentences))
    wanted = {i for item in chosen for i in item.source_ids} | candidate_ids(doc)
    return chosen, frozenset(wanted)


def digest_selected(chosen: tuple[Item, ...], shown: Document, options: DigestOptions,
                    cued: frozenset[int] | None,
                    untrusted: frozenset[int] = frozenset(),
                    llm: InstructModel | None = None) -> Digest:
    """Finish a ``select``: the chosen summary in ``shown``'s words, questions found on it
    (``cued``: the original's ``candidate_ids``, as a full translation would use;
    ``untrusted``: the translation's flagged sentences)."""
    summary = tuple(
        replace(item, text=clean_sentence(s) or s.text)
        for item in chosen for s in shown.by_id(item.source_ids)
    )
    return Digest(summary, questions(shown, options.questions, cued, llm, untrusted))

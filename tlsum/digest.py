"""Digest stage: the short summary and the unresolved questions of a document.

Both are computed on the document the user reads (the translation when one
ran), and every item keeps the ids of the sentences behind it so the caller
can show the original-language text (``--show-source``). The summary is
language-neutral; the question rules are English and return nothing for
other languages rather than guess (see ``tlsum.questions``).
"""

from __future__ import annotations

from tlsum.options import DigestOptions
from tlsum.questions import find_questions
from tlsum.summary import summarize
from tlsum.types import Digest, Document


def digest(doc: Document, options: DigestOptions) -> Digest:
    """Summary (at most ``options.sentences``) and questions (at most ``options.questions``)."""
    summary = summarize(doc, max(1, options.sentences))
    questions = find_questions(doc, max(0, options.questions))
    return Digest(summary=summary, questions=questions)

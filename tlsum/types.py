"""The frozen dataclasses that the stages pass forward.

source ──► fetch ──► extract ──► segment ──► translate ──► digest ──► render
           Fetched    Article     Document    Document      Digest

Each stage takes the previous stage's value and returns a new one; nothing is
mutated and nothing flows back upstream, so every stage can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ContentKind = Literal["html", "text"]
ParagraphKind = Literal["p", "li", "h"]


#: ISO 639's "no linguistic content": the language of a paragraph that is not prose
#: (code, a row of figures); it is kept as it is, never translated.
NO_LANGUAGE = "zxx"


def nothing_to_do(source: str, target: str) -> bool:
    """The one "same language, or no language: nothing to translate" rule, used by every caller."""
    return source in (target, NO_LANGUAGE)


@dataclass(frozen=True)
class Fetched:
    """Raw source: the decoded text plus what we learned while fetching it."""

    text: str
    kind: ContentKind
    origin: Literal["url", "file", "stdin"]
    url: str | None = None  # final URL after redirects (None for files and stdin)
    charset: str = "utf-8"
    content_type: str = ""  # the server's Content-Type header, if any


@dataclass(frozen=True)
class Paragraph:
    """One block of body text; ``kind`` keeps list items and headings apart."""

    text: str
    kind: ParagraphKind = "p"


@dataclass(frozen=True)
class Article:
    """The cleaned article: metadata plus body paragraphs, chrome removed."""

    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    author: str | None = None
    site: str | None = None
    url: str | None = None
    language_hint: str | None = None  # from <html lang> or metadata, if any
    warnings: tuple[str, ...] = ()  # what extraction had to leave out (an input over the limits)

    @property
    def text(self) -> str:
        """The body as plain text, one paragraph per block."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    """A sentence with a stable id (its index in the document), its paragraph and language.

    ``language`` is the paragraph's language ("" means the document's): a mixed
    text translates only the sentences not already in the target language.
    """

    id: int
    text: str
    paragraph: int
    kind: ParagraphKind = "p"
    language: str = ""


@dataclass(frozen=True)
class Document:
    """An article split into sentences; ``language`` is its main language."""

    article: Article
    sentences: tuple[Sentence, ...]
    language: str  # ISO 639-1 code: the language of most of the text
    language_confidence: float = 1.0  # for a mixed text: the main language's share of letters
    title_language: str = ""  # "" means ``language``

    def language_of(self, sentence: Sentence) -> str:
        """The sentence's own language, else the document's."""
        return sentence.language or self.language

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language of the text, the main one first (``NO_LANGUAGE`` is none)."""
        others = {self.language_of(s) for s in self.sentences} - {self.language, NO_LANGUAGE}
        return (self.language, *sorted(others))

    def source_languages(self, source: str | None = None) -> tuple[str, ...]:
        """The languages of the texts a translation reads (``--from`` stands for all)."""
        if source:
            return (source,)
        title = (self.title_language or self.language,) if self.article.title else ()
        return tuple(dict.fromkeys((*self.languages, *title)))

    def needs_translation(self, target: str, source: str | None = None) -> bool:
        """Whether any text is not already in ``target``."""
        return any(not nothing_to_do(lang, target) for lang in self.source_languages(source))

    def by_id(self, ids: tuple[int, ...]) -> tuple[Sentence, ...]:
        """The sentences with these ids, in the order given."""
        index = {s.id: s for s in self.sentences}
        return tuple(index[i] for i in ids if i in index)


@dataclass(frozen=True)
class Translation:
    """A translated document aligned 1:1 (same sentence ids) with its original."""

    original: Document
    translated: Document
    model_ids: tuple[str, ...] = ()  # one id, or two for a pivot
    failed_ids: tuple[int, ...] = ()  # sentences whose output stayed degenerate
    # Sentences whose translation is not to be trusted (failed, or the model unsure of it:
    # see tlsum.translate.guard.verdict): shown with ⚠, never read for a question.
    flagged_ids: tuple[int, ...] = ()
    title_flagged: bool = False  # the title's translation is not to be trusted either


@dataclass(frozen=True)
class Item:
    """A summary sentence or a question, with the ids of the sentences behind it."""

    text: str
    source_ids: tuple[int, ...]
    kind: str = ""  # for questions: "explicit" or "implied"
    score: float = 0.0
    phrased_by: str = ""  # for questions: "model:ID" when an instruct model wrote it, else rules
    flagged: bool = False  # its own text is an untrusted translation (a translated question)


@dataclass(frozen=True)
class Digest:
    """What the user reads: a short summary and the open questions."""

    summary: tuple[Item, ...]
    questions: tuple[Item, ...] = field(default_factory=tuple)
    note: str = ""  # why the questions could not be listed (shown instead of "none found")


@dataclass(frozen=True)
class Result:
    """One run of the pipeline: what ``render`` needs to show the user.

    ``document`` is what the digest read (translated when a translation ran);
    ``translation`` links it back to the original-language sentences.
    """

    article: Article
    document: Document
    translation: Translation | None = None
    digest: Digest | None = None
    warnings: tuple[str, ...] = ()

    @property
    def original(self) -> Document:
        """The document in the article's own language."""
        return self.translation.original if self.translation else self.document

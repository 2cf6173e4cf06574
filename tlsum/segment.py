"""Segment stage: identify the language of each paragraph and split it into sentences.

Language identification uses py3langid's bundled model (no download at run
time) through ``tlsum.langid``, which opens it in milliseconds. It runs once on
the whole article (the answer for a one-language text, as before) and once per
paragraph, so that a mixed text translates only the paragraphs that are not in
the target language. A paragraph gets a language of its own only when the
identifier is sure of it (``PARAGRAPH_CONFIDENCE`` on at least
``PARAGRAPH_LETTERS`` letters: on the 6,000 paragraphs and sentences of the
dev sets' one-language articles no paragraph passed that bar in a wrong
language, the surest wrong one scored 0.86); a shorter or unsure one (a
heading, "Egypt 1, Uganda 0.") takes the likeliest of the languages the
document already has. Sentence splitting uses sentencex, a maintained
rule-based splitter; every sentence keeps its paragraph index and language.

A paragraph that is not prose (code, a row of figures, symbols: ``is_prose``)
never reaches the identifier: it gets ``NO_LANGUAGE`` ("zxx"), is kept as it
is and is never translated, and it has no say in the document's language.
Nor has a paragraph the identifier itself calls zxx. A text with no prose at
all is no article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from tlsum.errors import NoArticleError
from tlsum.types import NO_LANGUAGE, Article, Document, Sentence

# Below this confidence the detected language is reported as uncertain.
LOW_CONFIDENCE = 0.8
PARAGRAPH_CONFIDENCE = 0.9
PARAGRAPH_LETTERS = 20
_SAMPLE_CHARS = 4000
_PARAGRAPH_CHARS = 1000
_SPACE = re.compile(r"\s+")


_CODE_CHARS = frozenset("{}[]();=<>\\|&$#@*^~`+")
_CODE_SHAPE = re.compile(r"[{};]\s*$|[{}]|=>|==|!=|&&|\|\||\w\(\)|</?[a-z][\w-]*[ >/]|^\s*(?:"
                         r"def|import|from|return|const|var|let|function|class|#include|SELECT)\b",
                         re.M)
#: Below this share of letters among its visible characters, a paragraph is not prose.
MIN_LETTER_SHARE = 0.25
#: Above this share of code punctuation, with a shape of code, a paragraph is code.
MAX_CODE_SHARE = 0.08


def is_prose(text: str) -> bool:
    """Whether ``text`` is words a reader reads, not code, figures or symbols.

    Prose is mostly letters ("GDP grew 2.5% in 2024" is over half letters; a row of
    results, a timestamp or a price table is not), and code has both its punctuation
    (over ``MAX_CODE_SHARE`` of the characters; prose with a bracket or two stays
    far below) and a shape of code (``x == y``, ``f()``, a brace, ``return``).
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    letters = sum(ch.isalpha() for ch in visible)
    if letters < MIN_LETTER_SHARE * len(visible):
        return False
    code = sum(ch in _CODE_CHARS for ch in visible)
    return not (code > MAX_CODE_SHARE * len(visible) and _CODE_SHAPE.search(text))


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text``, never ``NO_LANGUAGE``.

    Only the first few thousand characters are read: enough for a stable
    answer and it keeps long pages fast. When the identifier finds no
    language (zxx), the likeliest real one is taken, with its low probability.
    """
    from tlsum.langid import identifier

    sample = text[:_SAMPLE_CHARS]
    if not sample.strip():
        return "und", 0.0
    ident = identifier()
    scores = ident.scores(sample)
    best = max((i for i, name in enumerate(ident.classes) if name != NO_LANGUAGE),
               key=scores.__getitem__)
    return ident.classes[best], scores[best]


def paragraph_languages(texts: list[str], main: str, known: frozenset[str] = frozenset(),
                        ) -> list[str]:
    """The language of each text: its own when sure, else the likeliest one the document has.

    ``known``: languages the document is already known to have besides ``main``.
    """
    from tlsum.langid import identifier

    ident = identifier()
    scores = [ident.scores(t[:_PARAGRAPH_CHARS]) if t.strip() else [] for t in texts]
    own: list[str | None] = [_sure(ident.classes, s, t) for s, t in zip(scores, texts, strict=True)]
    present = ({main} | known | {lang for lang in own if lang}) - {NO_LANGUAGE}
    columns = [i for i, name in enumerate(ident.classes) if name in present]
    return [lang or _likeliest(ident.classes, s, columns, main)
            for lang, s in zip(own, scores, strict=True)]


def _sure(classes: list[str], scores: list[float], text: str) -> str | None:
    """The paragraph's own language when it is long enough and the identifier is sure."""
    if not scores or sum(ch.isalpha() for ch in text) < PARAGRAPH_LETTERS:
        return None
    best = max(range(len(scores)), key=scores.__getitem__)
    return classes[best] if scores[best] >= PARAGRAPH_CONFIDENCE else None


def _likeliest(classes: list[str], scores: list[float], columns: list[int], main: str) -> str:
    """Among the document's languages, the one this text scores highest (``main`` on ties)."""
    if not scores or not columns:
        return main
    best = max(columns, key=lambda i: (scores[i], classes[i] == main))
    return classes[best]


def split_sentences(text: str, language: str) -> list[str]:
    """Split one paragraph into sentences with sentencex, trimming whitespace.

    A site's name is no sentence end: sentencex splits "PanARMENIAN.Net" and
    "Example.Org" (a capital after the dot), which left a summary bullet starting
    "Net - Verified video footage...". A word glued to a common top-level domain
    is joined back; "in 1999.It lost" (a missing space) still ends a sentence.
    """
    import sentencex

    code = language if language not in ("und", NO_LANGUAGE) else "en"
    parts = (_SPACE.sub(" ", s).strip() for s in _joined_at_dots(sentencex.segment(code, text)))
    return [p for p in parts if p]


_GLUED_DOT = re.compile(r"[^\W\d_][\w-]*\.$")
_DOMAIN = re.compile(
    r"(?:com|net|org|gov|edu|info|biz|io|co|uk|ru|tv|news|eu|ua|az|am|ge|kz|au|ca|ch|nl|pl|"
    r"cz|jp|cn|kr|br|mx|ir|tr|gr|il|nz|za|ng|ke|pk)(?![^\W\d_])", re.IGNORECASE)


def _joined_at_dots(pieces: Iterable[str]) -> list[str]:
    """The pieces, a site's name cut at its dot ("PanARMENIAN." + "Net - ...") joined."""
    out: list[str] = []
    for piece in pieces:
        if out and _GLUED_DOT.search(out[-1]) and _DOMAIN.match(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def segment(article: Article, language: str | None = None) -> Document:
    """Split ``article`` into sentences; detect the language of each paragraph unless given.

    ``language`` (from ``--from``) skips detection and is trusted fully, for every paragraph
    of prose (code and figures stay untranslated unless nothing else is there).
    """
    if not article.paragraphs:
        raise NoArticleError("no article text found")
    texts = [p.text for p in article.paragraphs]
    if language:
        prose = [is_prose(t) for t in texts]
        main, confidence = language, 1.0
        langs = [language if p or not any(prose) else NO_LANGUAGE for p in prose]
    else:
        main, confidence, langs = _languages(article, texts)
    sentences: list[Sentence] = []
    for index, (paragraph, lang) in enumerate(zip(article.paragraphs, langs, strict=True)):
        for text in split_sentences(paragraph.text, lang):
            sentences.append(Sentence(len(sentences), text, index, paragraph.kind, lang))
    if not sentences:
        raise NoArticleError("no article text found")
    main, confidence = _main_language(sentences, main, confidence)
    title_language = _title_language(article.title, main, langs)
    return Document(article, tuple(sentences), main, confidence, title_language)


def _languages(article: Article, texts: list[str]) -> tuple[str, float, list[str]]:
    """The main language, its confidence and each paragraph's language; prose only is read."""
    prose = [is_prose(t) for t in texts]
    if not any(prose):
        raise NoArticleError("no article text found: no prose, only figures, code or symbols")
    body = "\n\n".join(t for t, p in zip(texts, prose, strict=True) if p)
    sample = " ".join(filter(None, [article.title, body]))  # a title alone is often too short
    main, confidence = detect_language(sample)
    if main == "und":
        return main, confidence, [main if p else NO_LANGUAGE for p in prose]
    found = iter(paragraph_languages([t for t, p in zip(texts, prose, strict=True) if p], main))
    return main, confidence, [next(found) if p else NO_LANGUAGE for p in prose]


def _main_language(sentences: list[Sentence], detected: str,
                   confidence: float) -> tuple[str, float]:
    """The language of most letters; for a mixed text, its share of the letters.

    A whole-text answer can be wrong for a mixed text: Cyrillic letters take
    two bytes, so a third of Russian outweighs two thirds of English.
    """
    letters: Counter[str] = Counter()
    for s in sentences:
        if s.language != NO_LANGUAGE:
            letters[s.language] += sum(ch.isalpha() for ch in s.text)
    if len(letters) < 2:
        return detected, confidence
    main, count = letters.most_common(1)[0]
    return main, count / max(1, sum(letters.values()))


def _title_language(title: str | None, main: str, langs: list[str]) -> str:
    """The title's language: its own when sure, else the document's."""
    if not title or len(set(langs) - {NO_LANGUAGE}) < 2:
        return main
    return paragraph_languages([title], main, frozenset(langs))[0]


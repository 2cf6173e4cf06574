"""Segment stage: identify the language of each paragraph and split it into sentences.

Language identification uses py3langid's model shipped in tlsum/data (no download at run
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
"""

from __future__ import annotations

import re
from collections import Counter

from tlsum.errors import NoArticleError
from tlsum.types import Article, Document, Sentence

# Below this confidence the detected language is reported as uncertain.
LOW_CONFIDENCE = 0.8
PARAGRAPH_CONFIDENCE = 0.9
PARAGRAPH_LETTERS = 20
_SAMPLE_CHARS = 4000
_PARAGRAPH_CHARS = 1000
_SPACE = re.compile(r"\s+")


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text``.

    Only the first few thousand characters are read: enough for a stable
    answer and it keeps long pages fast.
    """
    from tlsum.langid import identifier

    sample = text[:_SAMPLE_CHARS]
    if not sample.strip():
        return "und", 0.0
    return identifier().classify(sample)


def paragraph_languages(texts: list[str], main: str, known: frozenset[str] = frozenset(),
                        ) -> list[str]:
    """The language of each text: its own when sure, else the likeliest one the document has.

    ``known``: languages the document is already known to have besides ``main``.
    """
    from tlsum.langid import identifier

    ident = identifier()
    scores = [ident.scores(t[:_PARAGRAPH_CHARS]) if t.strip() else [] for t in texts]
    own: list[str | None] = [_sure(ident.classes, s, t) for s, t in zip(scores, texts, strict=True)]
    present = {main} | known | {lang for lang in own if lang}
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
    """Split one paragraph into sentences with sentencex, trimming whitespace."""
    import sentencex

    code = language if language != "und" else "en"
    parts = (_SPACE.sub(" ", s).strip() for s in sentencex.segment(code, text))
    return [p for p in parts if p]


def segment(article: Article, language: str | None = None) -> Document:
    """Split ``article`` into sentences; detect the language of each paragraph unless given.

    ``language`` (from ``--from``) skips detection and is trusted fully, for every paragraph.
    """
    if not article.paragraphs:
        raise NoArticleError("no article text found")
    texts = [p.text for p in article.paragraphs]
    if language:
        main, confidence, langs = language, 1.0, [language] * len(texts)
    else:
        main, confidence = detect_language(_sample(article))
        langs = paragraph_languages(texts, main) if main != "und" else [main] * len(texts)
    sentences: list[Sentence] = []
    for index, (paragraph, lang) in enumerate(zip(article.paragraphs, langs, strict=True)):
        for text in split_sentences(paragraph.text, lang):
            sentences.append(Sentence(len(sentences), text, index, paragraph.kind, lang))
    if not sentences:
        raise NoArticleError("no article text found")
    main, confidence = _main_language(sentences, main, confidence)
    title_language = _title_language(article.title, main, langs)
    return Document(article, tuple(sentences), main, confidence, title_language)


def _main_language(sentences: list[Sentence], detected: str,
                   confidence: float) -> tuple[str, float]:
    """The language of most letters; for a mixed text, its share of the letters.

    A whole-text answer can be wrong for a mixed text: Cyrillic letters take
    two bytes, so a third of Russian outweighs two thirds of English.
    """
    letters: Counter[str] = Counter()
    for s in sentences:
        letters[s.language] += sum(ch.isalpha() for ch in s.text)
    if len(letters) < 2:
        return detected, confidence
    main, count = letters.most_common(1)[0]
    return main, count / max(1, sum(letters.values()))


def _title_language(title: str | None, main: str, langs: list[str]) -> str:
    """The title's language: its own when sure, else the document's."""
    if not title or len(set(langs)) < 2:
        return main
    return paragraph_languages([title], main, frozenset(langs))[0]


def _sample(article: Article) -> str:
    """Title plus body: the title alone is often too short to identify."""
    return " ".join(filter(None, [article.title, article.text]))

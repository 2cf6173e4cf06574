"""Strings no reader reads: data URIs, base64 and other long runs without spaces.

A page or a copied text sometimes carries an inline image (``data:image/jpeg;
base64,...``), a token, a hash or a minified blob, thousands of characters
long. It is not text of any language: language identification calls the
article "zxx" (no linguistic content) when the blob outweighs the prose, and
the run fails looking for a model that translates zxx. Such runs are removed
here, before anything reads the article, and a paragraph left empty goes.

A run is a stretch without whitespace. It is unreadable when it is a data URI,
a piece of base64 (``BASE64_RUN`` characters or more, digits and both cases: a
blob wrapped into lines), or when it is at least ``LONG_RUN`` characters long
and not in a script written without spaces (Chinese, Japanese, Thai... whose
sentences are long runs). A
web address shorter than ``LONG_URL`` is kept: articles cite them, and so is a
run of letters only shorter than ``LONG_WORD`` (a compound word, or words glued
together, which the filters after this one recognise). No other run of a
news text comes near these lengths (the longest non-URL run of the extraction
benchmark's reference texts, outside Japanese, is under 40 characters).
"""

from __future__ import annotations

import re
from dataclasses import replace

from tlsum.types import Article, Paragraph

LONG_RUN = 60
#: A base64 piece this long or longer (a blob wrapped into lines) is data too.
BASE64_RUN = 24
LONG_URL = 300
LONG_WORD = 120
_RUN_RE = re.compile(rf"[^\s—–]{{{BASE64_RUN},}}|(?i:data:)[^\s,]{{0,100}},[^\s—–]*")
_BASE64_RE = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_DATA_URI_RE = re.compile(r"data:[\w.+-]+/[\w.+-]+[;,]", re.I)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+$", re.I)
# Scripts written without spaces between words: their sentences are long runs.
_NO_SPACE_RE = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
_SPACES_RE = re.compile(r"[ \t]{2,}")


def unreadable(run: str) -> bool:
    """Whether a whitespace-free ``run`` is data rather than words."""
    if _DATA_URI_RE.match(run.lstrip("(\"'[<")):
        return True
    if len(run) < LONG_RUN:
        return _base64(run)
    if _NO_SPACE_RE.search(run) or _one_word(run):
        return False
    return not (_URL_RE.match(run.lstrip("(\"'[<")) and len(run) < LONG_URL)


def _base64(run: str) -> bool:
    """A piece of base64 of at least ``BASE64_RUN`` characters: digits and both cases mixed
    (a word, a number or a lower-case hash is not)."""
    return len(run) >= BASE64_RUN and bool(_BASE64_RE.fullmatch(run)) \
        and any(c.isdigit() for c in run) and not run.islower() and not run.isupper() \
        and sum(c.isdigit() for c in run) < len(run) // 2


def _one_word(run: str) -> bool:
    """Letters only: a (German, Finnish...) compound, or words glued together ("Share this
    withEmailFacebookMessenger...", which later filters know); base64 has digits."""
    word = run.strip(".,;:!?\"'()[]«»“”„")
    return len(word) < LONG_WORD and word.isalpha()


def readable_text(text: str) -> str:
    """``text`` without its unreadable runs (spacing around them closed up)."""
    if len(text) < BASE64_RUN and "data:" not in text.lower():
        return text
    kept = _RUN_RE.sub(lambda m: "" if unreadable(m.group()) else m.group(), text)
    return kept if kept == text else _SPACES_RE.sub(" ", kept).strip()


def without_noise(article: Article) -> Article:
    """The article with unreadable runs removed from every paragraph, emptied ones dropped."""
    paragraphs = []
    for paragraph in article.paragraphs:
        text = readable_text(paragraph.text)
        if text == paragraph.text:
            paragraphs.append(paragraph)
        elif text.strip():
            paragraphs.append(Paragraph(text, paragraph.kind))
    if len(paragraphs) == len(article.paragraphs) and all(
            a is b for a, b in zip(paragraphs, article.paragraphs, strict=True)):
        return article
    return replace(article, paragraphs=tuple(paragraphs))

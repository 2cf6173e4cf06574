"""Segment stage: identify the language and split the article into sentences.

Language identification uses py3langid, whose model ships inside the package
(no download at run time); sentence splitting uses sentencex, a maintained
rule-based splitter that knows abbreviations for ~300 languages. Paragraph and
list-item boundaries are kept: every sentence records its paragraph index.
"""

from __future__ import annotations

import logging
import lzma
import re
import shutil
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from tlsum.errors import NoArticleError
from tlsum.types import Article, Document, Sentence

log = logging.getLogger(__name__)

# Below this confidence the detected language is reported as uncertain.
LOW_CONFIDENCE = 0.8
_SAMPLE_CHARS = 4000
_SPACE = re.compile(r"\s+")
# What numpy raises on a truncated or garbled .npz.
_BROKEN_NPZ = (ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error, lzma.LZMAError)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """Load py3langid's bundled model once, with normalised probabilities.

    The model ships LZMA-compressed (68 MB unpacked), and unpacking it cost
    about a second on every run; an unpacked copy in the user cache dir loads
    in a quarter of that. A copy that does not load is rebuilt; when none can
    be written (read-only or full disk), the package's own loader is used.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from tlsum.dirs import cache_dir
    from tlsum.files import load_or_rebuild

    packed = MODEL_DIR / MODEL_FILE
    stat = packed.stat()
    target = cache_dir() / f"py3langid-{stat.st_size}-{int(stat.st_mtime)}.npz"

    def unpack(out: IO[bytes]) -> None:
        with lzma.open(packed) as src:
            shutil.copyfileobj(src, out, length=1 << 20)

    try:
        return load_or_rebuild(target, lambda p: _from_unpacked(p, LanguageIdentifier),
                               unpack, _BROKEN_NPZ)
    except (OSError, ImportError, *_BROKEN_NPZ) as err:
        log.warning("cannot keep an unpacked language-identification model in %s (%s); "
                    "unpacking it on every run instead", target.parent, err)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _from_unpacked(path: Path, cls: Any) -> Any:
    """Build the identifier the way py3langid's loader does, minus the unpacking."""
    import numpy as np
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        return cls(
            data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
            data["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(data["nextmove_row"]),
        )


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text``.

    Only the first few thousand characters are read: enough for a stable
    answer and it keeps long pages fast.
    """
    sample = text[:_SAMPLE_CHARS]
    if not sample.strip():
        return "und", 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def split_sentences(text: str, language: str) -> list[str]:
    """Split one paragraph into sentences with sentencex, trimming whitespace."""
    import sentencex

    code = language if language != "und" else "en"
    parts = (_SPACE.sub(" ", s).strip() for s in sentencex.segment(code, text))
    return [p for p in parts if p]


def segment(article: Article, language: str | None = None) -> Document:
    """Split ``article`` into sentences; detect its language unless given.

    ``language`` (from ``--from``) skips detection and is trusted fully.
    """
    if not article.paragraphs:
        raise NoArticleError("no article text found")
    if language:
        lang, confidence = language, 1.0
    else:
        lang, confidence = detect_language(_sample(article))
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(article.paragraphs):
        for text in split_sentences(paragraph.text, lang):
            sentences.append(Sentence(len(sentences), text, index, paragraph.kind))
    if not sentences:
        raise NoArticleError("no article text found")
    return Document(article, tuple(sentences), lang, confidence)


def _sample(article: Article) -> str:
    """Title plus body: the title alone is often too short to identify."""
    return " ".join(filter(None, [article.title, article.text]))

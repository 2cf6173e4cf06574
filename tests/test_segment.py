"""Segment stage: language identification and sentence splitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tlsum import segment as seg
from tlsum.errors import NoArticleError
from tlsum.types import Article, Paragraph


def test_mmap_reader_gives_py3langids_answers() -> None:
    """tlsum.langid reads py3langid's model itself: same language, same probability."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from tlsum.langid import identifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in ("Turkey insists the ceasefire must come first.", "Турция настаивает на перемирии.",
                 "Der Krieg geht weiter, sagte der Minister.", "Türkiye ateşkes istiyor.",
                 "THE MINISTER RESIGNED", "12 345 !!", "", "x\ud800y"):
        ours, theirs = identifier().classify(text), reference.classify(text)
        assert ours[0] == theirs[0] and abs(ours[1] - theirs[1]) < 1e-4, text


def test_paragraphs_and_list_items_survive_splitting() -> None:
    article = Article((
        Paragraph("Mr. Smith arrived at 5 p.m. on Monday. He said the U.S. would wait."),
        Paragraph("whether Russia will agree;", "li"),
        Paragraph("Москва ответила отказом. Переговоры продолжатся?"),
    ))
    doc = seg.segment(article, "en")
    assert [(s.paragraph, s.kind) for s in doc.sentences] == [
        (0, "p"), (0, "p"), (1, "li"), (2, "p"), (2, "p")]
    assert doc.sentences[0].text == "Mr. Smith arrived at 5 p.m. on Monday."
    assert [s.id for s in doc.sentences] == list(range(5))


def test_language_is_detected_with_a_confidence() -> None:
    doc = seg.segment(Article((Paragraph("Турция заявила, что перемирие должно быть первым. "
                                         "Россия пока не ответила на это предложение."),)))
    assert doc.language == "ru" and doc.language_confidence > 0.9


def test_empty_article_is_refused() -> None:
    with pytest.raises(NoArticleError):
        seg.segment(Article((Paragraph("   "),)))


def test_a_damaged_unpacked_model_is_rebuilt(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A truncated or foreign cache file (a killed first run, a full disk) repairs itself."""
    import tlsum.langid as langid

    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path))
    langid.identifier.cache_clear()
    target = langid.unpacked_path()
    try:
        for damage in (b"", b"PK\x03\x04 not a whole zip"):
            target.write_bytes(damage)
            langid.identifier.cache_clear()
            assert langid.identifier().classify("Турция настаивает на перемирии.")[0] == "ru"
            assert target.stat().st_size > 60_000_000
            assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left
    finally:
        langid.identifier.cache_clear()


def test_an_unwritable_cache_dir_still_identifies(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import tlsum.langid as langid

    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache dir should be")
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(blocker / "cache"))
    langid.identifier.cache_clear()
    try:
        assert langid.identifier().classify("Der Krieg geht weiter, sagte der Minister.")[0] == "de"
    finally:
        langid.identifier.cache_clear()

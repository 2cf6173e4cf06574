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


def test_py3langids_answers_on_the_team_snippets() -> None:
    """Fifteen languages and several scripts: the shipped tables answer as py3langid does."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from tlsum.langid import identifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    tsv = Path(__file__).resolve().parent.parent / "bench" / "data" / "langid_snippets.tsv"
    rows = [line.split("\t", 1)[1] for line in tsv.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) > 100
    for text in rows:
        ours, theirs = identifier().classify(text), reference.classify(text)
        assert ours[0] == theirs[0] and abs(ours[1] - theirs[1]) < 1e-4, text


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbled block", "foreign"])
def test_a_damaged_model_file_is_one_clear_error(damage: str) -> None:
    """A broken install names the file and says to reinstall (exit 6), never a traceback."""
    from tlsum.errors import ModelError
    from tlsum.langid import Identifier, model_path

    good = model_path().read_bytes()
    garbled = bytearray(good)
    for at in range(len(good) // 2, len(good), 997):  # a byte in every block of the second half
        garbled[at] ^= 0xFF
    data = {"empty": b"", "truncated": good[:len(good) // 2], "foreign": b"PK\x03\x04 zip",
            "garbled block": bytes(garbled)}[damage]
    with pytest.raises(ModelError, match=r"language-identification model .* reinstall tlsum"):
        ident = Identifier(data)
        for text in ("Der Krieg geht weiter.", "Война продолжается.", "戦争は続く。", "ok"):
            ident.classify(text * 20)


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


def test_shipped_tables_hold_py3langids_model_exactly() -> None:
    """Classes, priors and (on a sample) every weight and automaton state of langid.bin are
    py3langid's own, so tools/langid_tables.py wrote them from the installed version."""
    import io
    import lzma
    import random
    from collections import Counter

    import numpy as np
    import py3langid
    from py3langid.langid import MODEL_FILE

    from tlsum.langid import Identifier, model_path

    packed = Path(py3langid.__file__).parent / MODEL_FILE
    with np.load(io.BytesIO(lzma.decompress(packed.read_bytes()))) as data:
        model = {name: data[name] for name in data.files}
    ident = Identifier(model_path().read_bytes())
    assert ident.classes == model["classes"].tolist()
    assert ident._prior == [float(p) for p in model["pc"]]
    sample = random.Random(20).sample(range(len(model["ptc"])), 400)
    ident._read_rows(Counter(sample))
    for feat in sample:
        row = ident._rows[feat]
        distances = [(row >> (32 * j)) & 0xFFFFFFFF for j in range(len(ident.classes))]
        weights = [(f - d) / ident._scale for f, d in zip(ident._floor, distances, strict=True)]
        assert weights == (-model["ptc"][feat].astype(np.float64)).tolist()
    text = "Der Krieg geht weiter. Война продолжается. 戦争は続く。 La guerre continue.".encode()
    state, expected = 0, []
    nextmove, rows, out = model["nextmove"], model["nextmove_row"], model["out_feat"]
    for byte in text:
        state = int(nextmove[int(rows[state]) * 256 + byte])
        if out[state] >= 0:
            expected.append(int(out[state]))
    assert ident._count_features(text) == Counter(expected)

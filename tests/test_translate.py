"""The translate stage's mechanics, on real CTranslate2 models with random weights.

What the toy models translate exactly is checked in ``test_translate_toy.py``; here
the weights do not matter, only that batching, splitting, caching and routing keep
every sentence where it belongs. The guard is off unless a test is about it:
random weights produce the loops it exists to catch.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_translate_randmodel import LINES, build_opus_dir, build_random_model, build_spm

from tlsum.errors import ModelError, NoModelError, UsageError
from tlsum.models.format import inspect_model
from tlsum.options import TranslateOptions
from tlsum.translate import Decoding, Translator, get_translator, split_long, translate
from tlsum.types import Article, Document, Paragraph, Sentence

NO_GUARD = Decoding(guard=False, max_decoding_length=40)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """rand-ru-en and rand-en-de: enough for direct routes and a pivot."""
    base = tmp_path_factory.mktemp("store")
    spm = build_spm(base / ".spm", LINES)
    build_opus_dir(base / "models" / "rand-ru-en", spm, source="ru", target="en", seed=1)
    build_opus_dir(base / "models" / "rand-en-de", spm, source="en", target="de", seed=2)
    return base / "models"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def options(**kw: object) -> TranslateOptions:
    base: dict[str, object] = {"guard": False, "max_decoding_length": 40, "source": "ru"}
    base.update(kw)
    return TranslateOptions(**base)  # type: ignore[arg-type]


def document(paragraphs: list[tuple[list[str], str]], title: str | None = "Title") -> Document:
    paras = tuple(Paragraph(" ".join(texts), kind) for texts, kind in paragraphs)  # type: ignore[arg-type]
    sentences = [
        Sentence(0, text, p, kind)  # type: ignore[arg-type]
        for p, (texts, kind) in enumerate(paragraphs)
        for text in texts
    ]
    sentences = [Sentence(i, s.text, s.paragraph, s.kind) for i, s in enumerate(sentences)]
    return Document(Article(paras, title=title), tuple(sentences), "ru")


def test_batched_output_equals_one_by_one(store: Path) -> None:
    translator = Translator(inspect_model(store / "rand-ru-en"))
    texts = [line for line in dict.fromkeys(LINES)]
    batched = translator.translate(texts, source="ru", target="en", decoding=NO_GUARD)
    single = [translator.translate([t], source="ru", target="en", decoding=NO_GUARD).texts[0]
              for t in texts]
    assert list(batched.texts) == single
    assert translator.stats.batch_calls == 1 + len(texts)


def test_decoding_failure_is_a_model_error(store: Path) -> None:
    translator = Translator(inspect_model(store / "rand-ru-en"))
    bad = Decoding(guard=False, min_decoding_length=10, max_decoding_length=5)
    with pytest.raises(ModelError, match=r"^translation failed in CTranslate2: The minimum"):
        translator.translate([LINES[0]], source="ru", target="en", decoding=bad)


def test_duplicates_and_blanks_keep_their_places(store: Path) -> None:
    translator = Translator(inspect_model(store / "rand-ru-en"))
    a, b = LINES[0], LINES[1]
    out = translator.translate([a, "  ", b, a], source="ru", target="en", decoding=NO_GUARD)
    assert len(out.texts) == 4
    assert out.texts[0] == out.texts[3] and out.texts[1] == "  "
    assert translator.stats.sentences == 2  # each distinct text sent once


def test_long_sentence_is_split_and_rejoined(store: Path) -> None:
    translator = Translator(inspect_model(store / "rand-ru-en"))
    long_text = " ".join(dict.fromkeys(LINES))  # five sentences read as one
    limit = max(len(p) for p in translator.encode(list(dict.fromkeys(LINES))))
    decoding = Decoding(guard=False, max_decoding_length=40, max_input_pieces=limit)
    assert len(translator.encode([long_text])[0]) > limit
    chunks = split_long(long_text, limit, lambda t: len(translator.encode([t])[0]))
    assert chunks == list(dict.fromkeys(LINES))  # split at the sentence ends
    joined = translator.translate([long_text], source="ru", target="en", decoding=decoding)
    parts = translator.translate(chunks, source="ru", target="en", decoding=decoding)
    assert joined.texts == (" ".join(p for p in parts.texts if p),)


def test_split_long_falls_back_to_clauses_then_words() -> None:
    def count(text: str) -> int:
        return len(text.split())

    text = "one two three, four five six; seven eight nine ten eleven twelve"
    assert split_long(text, 6, count) == [
        "one two three, four five six;", "seven eight nine ten eleven twelve"]
    assert split_long(text, 4, count) == [
        "one two three,", "four five six;", "seven eight nine ten", "eleven twelve"]
    assert split_long("short", 4, count) == ["short"]


def test_stage_keeps_ids_paragraphs_and_kinds(store: Path) -> None:
    doc = document([([LINES[0], LINES[1]], "p"), ([LINES[2]], "li"), ([LINES[3]], "li")])
    result = translate(doc, options(target="en"), store_dirs=[store])
    out = result.translated
    assert result.model_ids == ("rand-ru-en",) and result.original is doc
    assert out.language == "en" and out.article.language_hint == "en"
    assert [(s.id, s.paragraph, s.kind) for s in out.sentences] == [
        (s.id, s.paragraph, s.kind) for s in doc.sentences]
    assert [p.kind for p in out.article.paragraphs] == ["p", "li", "li"]
    assert out.article.paragraphs[0].text == f"{out.sentences[0].text} {out.sentences[1].text}"
    translator = get_translator(inspect_model(store / "rand-ru-en"), options())
    direct = translator.translate([LINES[2], "Title"], source="ru", target="en",
                                  decoding=Decoding.from_options(options()))
    assert (out.sentences[2].text, out.article.title) == direct.texts


def test_same_language_returns_the_document(store: Path) -> None:
    doc = document([([LINES[0]], "p")])
    result = translate(doc, options(target="ru"), store_dirs=[store])
    assert result.translated is doc and result.model_ids == ()


def test_rerun_is_served_by_the_cache(store: Path, private_cache: Path) -> None:
    opts = options(target="en")
    translator = get_translator(inspect_model(store / "rand-ru-en"), opts)
    doc = document([([LINES[0], LINES[1]], "p"), ([LINES[2]], "p")], title=None)
    first = translate(doc, opts, store_dirs=[store])
    sent = translator.stats.sentences
    second = translate(doc, opts, store_dirs=[store])
    assert translator.stats.sentences == sent  # nothing reached the model
    assert second.translated == first.translated
    assert (private_cache / "translations.sqlite3").is_file()
    changed = document([([LINES[0], "Совсем новое предложение."], "p"), ([LINES[2]], "p")],
                       title=None)
    translate(changed, opts, store_dirs=[store])
    assert translator.stats.sentences == sent + 1  # only the new sentence


def test_no_cache_option_translates_again(store: Path, private_cache: Path) -> None:
    opts = options(target="en", cache=False)
    translator = get_translator(inspect_model(store / "rand-ru-en"), opts)
    doc = document([([LINES[4]], "p")], title=None)
    before = translator.stats.sentences
    translate(doc, opts, store_dirs=[store])
    translate(doc, opts, store_dirs=[store])
    assert translator.stats.sentences == before + 2
    assert not (private_cache / "translations.sqlite3").exists()


def test_pivot_through_english(store: Path) -> None:
    doc = document([([LINES[0]], "p"), ([LINES[1]], "h")], title=None)
    result = translate(doc, options(target="de", cache=False), store_dirs=[store])
    assert result.model_ids == ("rand-ru-en", "rand-en-de")
    hop1 = get_translator(inspect_model(store / "rand-ru-en"), options())
    hop2 = get_translator(inspect_model(store / "rand-en-de"), options())
    english = hop1.translate([LINES[0], LINES[1]], source="ru", target="en", decoding=NO_GUARD)
    german = hop2.translate(list(english.texts), source="en", target="de", decoding=NO_GUARD)
    assert tuple(s.text for s in result.translated.sentences) == german.texts


def test_progress_counts_every_sentence_of_each_hop(store: Path) -> None:
    doc = document([([LINES[0], LINES[1]], "p"), ([LINES[2]], "li")], title=None)
    lines: list[str] = []
    translate(doc, options(target="de", cache=False), store_dirs=[store], progress=lines.append)
    assert lines == [f"Translating {hop} {k}/3" for hop in ("ru→en", "en→de") for k in (1, 2, 3)]


def test_progress_is_silent_when_the_cache_answers(store: Path) -> None:
    doc = document([([LINES[5]], "p")], title=None)
    first: list[str] = []
    translate(doc, options(target="en"), store_dirs=[store], progress=first.append)
    again: list[str] = []
    translate(doc, options(target="en"), store_dirs=[store], progress=again.append)
    assert first == ["Translating ru→en 1/1"] and again == []


def test_missing_pair_raises_with_the_pull_hint(store: Path) -> None:
    doc = document([([LINES[0]], "p")])
    with pytest.raises(NoModelError) as err:
        translate(doc, options(source="de", target="fr"), store_dirs=[store])
    # No bilingual entry and no English side: the registry's multilingual model.
    assert err.value.hint == "tlsum models pull nllb-200-distilled-600M-int8"


def test_undetected_language_asks_for_from(store: Path) -> None:
    doc = document([([LINES[0]], "p")])
    with pytest.raises(UsageError, match="--from"):
        translate(doc, options(source="und"), store_dirs=[store])


def test_multilingual_model_gets_language_tokens(tmp_path: Path) -> None:
    """An NLLB-layout model: source token first, target token as prefix, then stripped."""
    spm = build_spm(tmp_path / "spm", LINES)
    from test_translate_randmodel import spm_vocabulary

    model_dir = tmp_path / "nllb-tiny"
    build_random_model(model_dir, [*spm_vocabulary(spm), "rus_Cyrl", "eng_Latn"], seed=3)
    shutil.copy(spm, model_dir / "sentencepiece.bpe.model")
    (model_dir / "tlsum-model.json").write_text(
        json.dumps({"id": "nllb-tiny", "format": "nllb", "source": ["ru", "en"],
                    "target": ["ru", "en"]}), encoding="utf-8")
    info = inspect_model(model_dir)
    translator = Translator(info)
    out = translator.translate([LINES[0]], source="ru", target="en", decoding=NO_GUARD)
    assert len(out.texts) == 1
    # <s> rus_Cyrl + pieces + </s> went in: the language token is counted with the source
    pieces = len(translator.encode([LINES[0]])[0])
    assert translator.stats.source_tokens == pieces + 2

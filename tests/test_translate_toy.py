"""The translate stage on the bundled toy models: real weights, exact expected output.

``models/toy-ru-en`` and ``models/toy-en-ru`` are small real Marian models trained by
``make toy-model`` and committed; ``examples/article_ru.expected_en.txt`` holds the
exact English of ``examples/article_ru.txt`` (title first, one sentence a line).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from toymodels import installed_copy

from tlsum.dirs import bundled_models_dir
from tlsum.errors import NoModelError
from tlsum.models.format import inspect_model
from tlsum.options import TranslateOptions
from tlsum.segment import segment
from tlsum.translate import Decoding, Translator, get_translator, translate
from tlsum.types import Article, Document, Paragraph

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
ARTICLE = ROOT / "examples" / "article_ru.txt"
EXPECTED = ROOT / "examples" / "article_ru.expected_en.txt"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def doc() -> Document:
    """The example article: its first line is the title, paragraphs are blank-line separated."""
    title, _, body = ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    paragraphs = tuple(Paragraph(" ".join(p.split())) for p in body.split("\n\n") if p.strip())
    return segment(Article(paragraphs, title=title.strip()), "ru")


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return EXPECTED.read_text(encoding="utf-8").strip().splitlines()


@pytest.fixture(scope="module")
def ru_en() -> Translator:
    return get_translator(inspect_model(MODELS / "toy-ru-en"), TranslateOptions())


def test_toy_models_are_bundled() -> None:
    assert bundled_models_dir() == MODELS
    info = inspect_model(MODELS / "toy-ru-en")
    assert (info.format, info.sources, info.targets) == ("opus-mt", ("ru",), ("en",))
    back = inspect_model(MODELS / "toy-en-ru")
    assert (back.sources, back.targets) == (("en",), ("ru",))


def test_example_article_translates_exactly(doc: Document, expected: list[str]) -> None:
    result = translate(doc, TranslateOptions(target="en", model="toy-ru-en"), store_dirs=[MODELS])
    out = result.translated
    assert result.model_ids == ("toy-ru-en",) and result.failed_ids == ()
    assert result.flagged_ids == () and not result.title_flagged
    assert [out.article.title, *(s.text for s in out.sentences)] == expected
    assert [(s.id, s.paragraph) for s in out.sentences] == [
        (s.id, s.paragraph) for s in doc.sentences]
    assert len(out.article.paragraphs) == len(doc.article.paragraphs)
    assert out.article.paragraphs[0].text == " ".join(
        s.text for s in out.sentences if s.paragraph == 0)


def test_batched_equals_one_by_one(ru_en: Translator, doc: Document) -> None:
    texts = [s.text for s in doc.sentences]
    batched = ru_en.translate(texts, source="ru", target="en")
    single = [ru_en.translate([t], source="ru", target="en").texts[0] for t in texts]
    assert list(batched.texts) == single


def test_over_long_sentence_is_split_and_rejoined(
    ru_en: Translator, doc: Document, expected: list[str]
) -> None:
    three = [s.text for s in doc.sentences[3:6]]
    sizes = [len(p) for p in ru_en.encode(three)]
    limit = max(sizes)  # each sentence fits the limit, no two of them together:
    assert sizes[0] + sizes[1] > limit and sizes[1] + sizes[2] > limit
    run_on = " ".join(three)  # one "sentence" about twice the limit
    before = ru_en.stats.segments
    out = ru_en.translate([run_on], source="ru", target="en",
                          decoding=Decoding(max_input_pieces=limit))
    assert ru_en.stats.segments - before == 3
    assert out.texts == (" ".join(expected[4:7]),)  # expected[0] is the title


def test_rerun_hits_the_cache(
    ru_en: Translator, doc: Document, private_cache: Path
) -> None:
    options = TranslateOptions(target="en", model="toy-ru-en")
    first = translate(doc, options, store_dirs=[MODELS])
    sent = ru_en.stats.sentences
    second = translate(doc, options, store_dirs=[MODELS])
    assert ru_en.stats.sentences == sent  # no sentence reached the model
    assert second == first


def test_ru_en_ru_through_the_pivot(tmp_path: Path, doc: Document) -> None:
    """toy-en-ru, declared as en→uk, makes ru→uk a two-hop route: ru→en→(ru)."""
    store = tmp_path / "store"
    installed_copy(store, "toy-ru-en")
    installed_copy(store, "toy-en-ru", id="toy-en-xx", target="uk")
    result = translate(doc, TranslateOptions(target="uk", cache=False), store_dirs=[store])
    assert result.model_ids == ("toy-ru-en", "toy-en-xx")
    back = [s.text for s in result.translated.sentences]
    original = [s.text for s in doc.sentences]
    assert back == original


def test_missing_pair_gives_the_fix_hint(tmp_path: Path, doc: Document) -> None:
    store = tmp_path / "store"
    installed_copy(store, "toy-ru-en")
    with pytest.raises(NoModelError) as err:
        translate(doc, TranslateOptions(target="de"), store_dirs=[store])
    # ru→en is installed, so en→de completes a pivot: the smallest fix.
    assert err.value.hint == "tlsum models pull argos:en-de"


def test_a_demo_model_is_used_only_when_named(doc: Document) -> None:
    """The bundled toys cover ru→en, but routing alone never picks one: the error and
    its fix are those of a store without a model, and the message names the demo."""
    with pytest.raises(NoModelError) as err:
        translate(doc, TranslateOptions(target="en"), store_dirs=[MODELS])
    with pytest.raises(NoModelError) as bare:
        translate(doc, TranslateOptions(target="en"), store_dirs=[MODELS / "none"])
    assert err.value.hint == bare.value.hint and err.value.hint.startswith("tlsum models pull")
    assert "use --model toy-ru-en to try it" in str(err.value)
    assert "--model" not in str(bare.value)
    named = translate(doc, TranslateOptions(target="en", model="toy-ru-en"), store_dirs=[MODELS])
    assert named.model_ids == ("toy-ru-en",)

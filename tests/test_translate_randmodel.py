"""Random-weight CTranslate2 models built from numpy (no torch), and what they exercise.

The builders are imported by the other translate tests and by ``bench/translate.py``:
a real ``ctranslate2.Translator`` over a real SentencePiece model, only the weights
are random. Random weights loop and ramble, which is exactly what the degenerate
output guard must catch.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from tlsum.models.format import inspect_model
from tlsum.options import TranslateOptions
from tlsum.translate import Decoding, Translator, degenerate, get_translator, loops

SPECIALS = ["<unk>", "<s>", "</s>"]
LINES = [
    "Turkey says a ceasefire must come first.",
    "Officials met in Ankara on Tuesday to discuss the mission.",
    "Nobody knows who would command such a force.",
    "The ministry did not say how many troops it could send.",
    "Talks will continue next week in Istanbul, the spokesman said.",
] * 20


def build_spm(out_dir: Path, lines: Sequence[str], vocab_size: int = 120) -> Path:
    """Train a small SentencePiece model on ``lines``; ids 0-2 are <unk>, <s>, </s>."""
    import sentencepiece

    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / "spm"
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, unk_id=0, bos_id=1, eos_id=2,
        pad_id=-1, minloglevel=2, num_threads=1, hard_vocab_limit=False,
    )
    return prefix.with_suffix(".model")


def spm_vocabulary(spm_path: Path) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_random_model(
    out_dir: Path, vocabulary: list[str], *, layers: tuple[int, int] = (1, 1),
    d_model: int = 16, heads: int = 2, ffn: int = 32, seed: int = 0,
    quantization: str = "int8",
) -> Path:
    """Write a Transformer with random weights and ``vocabulary`` on both sides to ``out_dir``."""
    import numpy as np
    from ctranslate2.specs import model_spec, transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(layers, heads, pre_norm=False)
    rng = np.random.default_rng(seed)
    vocab = len(vocabulary)

    def shape_of(name: str) -> tuple[int, ...] | None:
        last = name.split("/")
        if last[-1] in ("gamma", "beta"):
            return (d_model,)
        if last[-1] != "weight":
            return None
        if "embeddings" in name or "projection" in name:
            return (vocab, d_model)
        block, linear = last[-3], last[-2]
        return {
            ("self_attention", "linear_0"): (3 * d_model, d_model),
            ("attention", "linear_1"): (2 * d_model, d_model),
            ("ffn", "linear_0"): (ffn, d_model),
            ("ffn", "linear_1"): (d_model, ffn),
        }.get((block, linear), (d_model, d_model))

    def fill(layer: object, name: str, value: object) -> None:
        shape = shape_of(name) if value is None else None
        if shape is None:
            return
        if name.endswith("gamma"):
            array = np.ones(shape, dtype=np.float32)
        elif name.endswith("beta"):
            array = np.zeros(shape, dtype=np.float32)
        else:
            array = rng.normal(0.0, 0.5, size=shape).astype(np.float32)
        setattr(layer, name.rsplit("/", 1)[-1], array)

    model_spec.visit_spec(spec, fill)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


def build_opus_dir(
    out_dir: Path, spm_path: Path, *, source: str = "ru", target: str = "en",
    extra_tokens: Sequence[str] = (), model_id: str = "", **kwargs: object,
) -> Path:
    """A complete opus-mt style model directory with a tlsum-model.json manifest."""
    import shutil

    vocabulary = spm_vocabulary(spm_path) + [t for t in extra_tokens]
    build_random_model(out_dir, vocabulary, **kwargs)  # type: ignore[arg-type]
    shutil.copy(spm_path, out_dir / "source.spm")
    shutil.copy(spm_path, out_dir / "target.spm")
    manifest = {"id": model_id or out_dir.name, "format": "opus-mt", "source": source,
                "target": target, "version": "test"}
    (out_dir / "tlsum-model.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out_dir


# -- tests -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def random_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("randmodel")
    spm = build_spm(base / "spm", LINES)
    return build_opus_dir(base / "rand-ru-en", spm, source="en", target="de")


def test_random_model_is_recognised_and_loads(random_model: Path) -> None:
    info = inspect_model(random_model)
    assert (info.format, info.sources, info.targets) == ("opus-mt", ("en",), ("de",))
    translator = Translator(info)
    out = translator.translate(["Turkey says a ceasefire must come first."],
                               source="en", target="de", decoding=Decoding(guard=False))
    assert len(out.texts) == 1
    assert translator.stats.sentences == 1 and translator.stats.batch_calls == 1


def test_guard_retries_and_marks_degenerate_output(random_model: Path) -> None:
    """Forced 120-piece outputs for short inputs are degenerate even after the retry."""
    info = inspect_model(random_model)
    translator = get_translator(info, TranslateOptions())
    texts = ["Nobody knows who would command such a force.", "Talks will continue."]
    forced = Decoding(min_decoding_length=120, max_decoding_length=120)
    out = translator.translate(texts, source="en", target="de", decoding=forced)
    assert out.failed == frozenset({0, 1})
    assert all(t.strip() for t in out.texts)  # kept, not dropped
    assert translator.stats.retried >= 2


def pieces(text: str) -> list[str]:
    return [f"▁{word}" for word in text.split()]


def test_degenerate_detects_loops_and_lengths() -> None:
    src = pieces("a b c d e f g h i j")
    assert degenerate(src, pieces("x y x y x y x y"))
    assert degenerate(src, pieces("the journalist of the side of the side of the side said"))
    assert not degenerate(src, pieces("a 1 000 000 000 budget"))
    assert degenerate(src, ["▁x"] * 5)
    assert degenerate(src, ["▁x"])  # far too short
    assert degenerate(src, [f"▁w{i}" for i in range(40)])  # far too long
    assert degenerate(src, [])
    assert not degenerate(src, pieces("one two three two three four five six seven"))
    assert not degenerate([], [])


def max_repeats(tokens: Sequence[str], n: int) -> int:
    """The longest run of one n-gram repeated back to back (``a b a b a b`` → 3 for n=2).

    k back-to-back copies of an n-gram are a stretch of (k-1)·n positions where
    ``tokens[i] == tokens[i + n]``: the slow, obvious version ``loops`` must agree with.
    """
    best = run = 0
    for a, b in zip(tokens, tokens[n:], strict=False):  # the shifted copy is shorter
        run = run + 1 if a == b else 0
        if run > best:
            best = run
    return best // n + 1


def test_max_repeats_counts_back_to_back_copies() -> None:
    assert max_repeats(list("ababab"), 2) == 3
    assert max_repeats(list("xababab"), 2) == 3  # at any offset
    assert max_repeats(list("xxxxx"), 1) == 5
    assert max_repeats(list("abcabx"), 3) == 1
    assert max_repeats(list("abac"), 2) == 1
    assert max_repeats([], 2) == 1


def test_loops_agrees_with_max_repeats() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        tokens = [rng.choice("abc") for _ in range(rng.randint(0, 14))]
        slow = max_repeats(tokens, 1) >= 5 or any(max_repeats(tokens, n) >= 3 for n in (2, 3, 4))
        assert loops(tokens) == slow, tokens

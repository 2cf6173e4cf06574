"""The toy models' training data generator (tools/toy_model), which no other test runs.

The bundled toy models and examples/ were built from this grammar; if it drifts, the
example article no longer matches the models that were trained on it, and a retrain
(`make toy-model`) gives different models. The generator runs in a subprocess because
tools/toy_model is a folder of scripts (bare module names such as `grammar`, `corpus`)
that must not leak into this process's imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOY = ROOT / "tools" / "toy_model"

PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from article import article_text
from corpus import build_corpus
from grammar import HELD_OUT_FEATURES, Generator

gen = Generator(7)
sentences = [gen.sentence() for _ in range(300)]
corpus = build_corpus(300, 20, seed=7)
print(json.dumps({
    "article": article_text(),
    "sentences": [[ru, en, sorted(f)] for ru, en, f in sentences],
    "held_out": sorted(HELD_OUT_FEATURES),
    "corpus": {k: v for k, v in corpus.__dict__.items()},
}, ensure_ascii=False))
"""


@cache
def generate(hash_seed: str) -> dict:
    """What the generator makes under one PYTHONHASHSEED (once per seed per session)."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(TOY)], capture_output=True,
                          text=True, encoding="utf-8", env=env, check=True, timeout=120)
    return json.loads(proc.stdout)


def test_generator_is_independent_of_the_hash_seed() -> None:
    # Iterating a set once made the corpus depend on PYTHONHASHSEED: runs were not repeatable.
    first, second = generate("1"), generate("2")
    assert first == second


def test_example_article_is_the_one_the_grammar_builds() -> None:
    ru, en = generate("0")["article"]
    assert ru == (ROOT / "examples" / "article_ru.txt").read_text(encoding="utf-8")
    assert en == (ROOT / "examples" / "article_ru.expected_en.txt").read_text(encoding="utf-8")


def test_corpus_keeps_test_sets_and_held_out_patterns_apart_from_training() -> None:
    data = generate("0")
    corpus = data["corpus"]
    train_ru = {ru.rstrip(".") for ru, _ in corpus["train"]}
    article_ru = {ru.rstrip(".") for ru, _ in corpus["article"]}
    for name in ("test", "test_patterns"):
        held = {ru.rstrip(".") for ru, _ in corpus[name]}
        assert len(corpus[name]) == 20
        assert not held & train_ru, f"{name} sentences were trained on"
        assert not held & article_ru, f"{name} contains article sentences"
    assert article_ru <= train_ru  # the article is trained on (it must translate exactly)
    held_out = set(data["held_out"])
    assert {f for _, _, feats in data["sentences"] for f in feats} & held_out, (
        "the probe never produced a held-out pattern; the test would prove nothing")


def test_every_pair_is_one_sentence_in_each_language() -> None:
    for ru, en, _ in generate("0")["sentences"]:
        assert ru[0].isupper() and en[0].isupper()
        assert ru[-1] in ".?" and en[-1] == ru[-1]
        assert "  " not in ru and "  " not in en
        assert not any(c.isascii() and c.isalpha() for c in ru), ru

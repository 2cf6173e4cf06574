"""The toy parallel corpus: training pairs, held-out test sets and the example article.

Every set is drawn from one seeded generator so a run is reproducible, and no test
sentence (nor any article sentence) is ever trained on; a continued run (--init-from)
reuses its parent's corpus for the same reason.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

from article import article_pairs
from grammar import HELD_OUT_FEATURES, Generator

SEED = 20260525


@dataclass
class Corpus:
    train: list[tuple[str, str]]
    test: list[tuple[str, str]]  # held-out sentences of seen patterns
    test_patterns: list[tuple[str, str]]  # sentences of patterns never seen in training
    article: list[tuple[str, str]]


def _strip_period(pair: tuple[str, str]) -> tuple[str, str]:
    return pair[0].rstrip("."), pair[1].rstrip(".")


def build_corpus(n_train: int, n_test: int, seed: int = SEED,
                 exclude: frozenset[str] = frozenset()) -> Corpus:
    """Generate unique sentence pairs; test and held-out-pattern sets never overlap training.

    Article sentences are added to training (repeated) but excluded from every test set.
    A small share of short declaratives also appears without the final period so that
    headline-style lines translate too.
    """
    article = [p for para in article_pairs() for p in para]
    article_ru = {ru for ru, _ in article} | {ru + "." for ru, _ in article}
    gen = Generator(seed)
    rng = random.Random(seed + 1)
    seen: set[str] = set(article_ru) | exclude
    train: list[tuple[str, str]] = []
    test: list[tuple[str, str]] = []
    held: list[tuple[str, str]] = []
    while len(train) < n_train or len(test) < n_test or len(held) < n_test:
        ru, en, feats = gen.sentence()
        if ru in seen or len(ru) > 200:
            continue
        seen.add(ru)
        if feats & HELD_OUT_FEATURES:
            if len(held) < n_test:
                held.append((ru, en))
            continue
        if len(test) < n_test and rng.random() < 0.05:
            test.append((ru, en))
        elif len(train) < n_train:
            if ru.endswith(".") and len(ru) < 90 and rng.random() < 0.08:
                train.append(_strip_period((ru, en)))
            else:
                train.append((ru, en))
    train += article * 25
    rng.shuffle(train)
    return Corpus(train, test, held, article)


def save_corpus(corpus: Corpus, path: Path) -> None:
    """Kept in the work dir so that a continued run never tests on a trained sentence."""
    path.write_text(json.dumps(corpus.__dict__, ensure_ascii=False), encoding="utf-8")


def parent_corpus(parent: Path, args: argparse.Namespace) -> Corpus:
    """The corpus of the run being continued, so that no test sentence was ever trained on.

    Runs before the generator was made hash-seed independent saved no corpus.json; for
    them the training pairs are read back from the SentencePiece input (spm.txt: the first
    120,000 shuffled training pairs, ru and en on alternate lines) and fresh test sets are
    drawn that exclude every one of those sentences.
    """
    saved = parent / "corpus.json"
    if saved.is_file():
        data = json.loads(saved.read_text(encoding="utf-8"))
        return Corpus(**{k: [tuple(p) for p in v] for k, v in data.items()})
    lines = (parent / "spm.txt").read_text(encoding="utf-8").split("\n")
    train = list(zip(lines[0::2], lines[1::2], strict=False))
    train = [(ru, en) for ru, en in train if ru]
    exclude = frozenset(ru for ru, _ in train) | frozenset(ru + "." for ru, _ in train)
    fresh = build_corpus(0, args.test_size, args.seed, exclude)
    return Corpus(train, fresh.test, fresh.test_patterns, fresh.article)

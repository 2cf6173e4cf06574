"""The benchmark's question matcher (bench/qmatch.py) follows the guideline's rule."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from qmatch import Question, content, match, word_f1


def test_content_words_are_stemmed_without_stop_words() -> None:
    assert content("Will Russia agree to any international force?") == {"russia", "agree",
                                                                         "international", "force"}
    assert content("agreed") == content("agrees")


def test_wording_match_needs_f1_of_one_half() -> None:
    gold = "Who would command the international mission?"
    assert word_f1("Who would command such a mission?", gold) >= 0.5
    assert word_f1("Will Russia agree to any international force?", gold) < 0.5


def test_source_overlap_matches_even_with_other_wording() -> None:
    pred = [Question("Is the plan viable?", ("Key questions remain unresolved: whether a "
                                              "sustainable ceasefire is achievable;",))]
    gold = [Question("Can a lasting truce be reached?",
                     ("whether a sustainable ceasefire is achievable",))]
    assert match(pred, gold) == [(0, 0)]


def test_matching_is_one_to_one_and_greedy() -> None:
    gold = [Question("Will Russia agree to any international force?"),
            Question("Is a sustainable ceasefire achievable?")]
    preds = [Question("Will Russia agree to an international force?"),
             Question("Will Russia agree to a force?"),
             Question("Who pays for the bridge?")]
    pairs = match(preds, gold)
    assert pairs == [(0, 0)]

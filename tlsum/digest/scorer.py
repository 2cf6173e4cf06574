"""The learned sentence scorer: how likely a sentence raises an open question.

Why a model and not more patterns: the cue rules were written on the articles
they were tuned on and recall 18 % of what independent annotators list. A
logistic regression over cheap features (hedge and uncertainty cues, negated
knowledge, pending events, denials, conditions, quoted speech, the words
themselves, position, and which cue rule fired) ranks every sentence; the
caller keeps the ones above the shipped threshold. Weights live in
``tlsum/data/questions.json`` (trained by ``tools/train_questions.py``, which
reports cross-validation grouped by article). Pure Python: a dot product over a
few dozen active features per sentence.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import pairwise
from typing import TypedDict

from tlsum.files import shipped_json

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CUES = {
    "unclear": r"\b(?:unclear|not clear|unknown|not known|uncertain|unsure|a mystery|"
               r"remains? to be seen)\b",
    "whether": r"\bwhether\b",
    "if": r"(?:^|, |\b)if\b",
    "negknow": r"\b(?:not|never|yet to|declined to|refused to|unable to|would not|did not|has not|"
               r"have not)\s+(?:\w+\s+)?(?:say|said|confirm|confirmed|disclose|reveal|comment|"
               r"explain|specify|know|identify|identified|named|released)\b",
    "declined": r"\b(?:declined|refused|unavailable) (?:to )?(?:comment|say|confirm)",
    "investig": r"\b(?:investigat\w*|probe|probing|inquiry|inquest|looking into|examin\w+)\b",
    "pending": r"\b(?:trial|hearing|verdict|sentenc\w*|appeal\w*|vote|referendum|ruling|review|"
               r"decision|decide|consider\w*|talks|negotiat\w*|election|deadline)\b",
    "future": r"\b(?:will|would|is expected to|are expected to|is due to|are due to|is set to|"
              r"are set to|next (?:week|month|year)|later this)\b",
    "modal": r"\b(?:could|may|might|possibly|perhaps|likely|unlikely|potential(?:ly)?)\b",
    "hedge": r"\b(?:reportedly|allegedly|alleged|suspected|believed to|thought to|appears? to|"
             r"seems? to|speculat\w*|rumou?r\w*|claim\w*)\b",
    "deny": r"\b(?:den(?:y|ies|ied)|rejected|dispute[sd]?|not guilty|innocent)\b",
    "charge": r"\b(?:charged|accused|arrested|lawsuit|sued|court|police|prosecutor\w*)\b",
    "hope": r"\b(?:hopes?|hoping|hoped|plans? to|wants? to|intends? to|aims? to|seeks? to)\b",
    "yet": r"\b(?:not yet|yet to|still|so far|no decision|pending|awaiting|await)\b",
    "question": r"\bquestions?\b",
    "said": r"\b(?:said|says|told|added)\b",
    "number": r"\d",
    "neg": r"\b(?:not|no|never)\b",
}
_CUE_RES = {name: re.compile(rx, re.IGNORECASE) for name, rx in _CUES.items()}
_QUOTED = re.compile(r"[\"“”]|^'|\s'\w")


class _Optional(TypedDict, total=False):
    fallback_threshold: float  # a rewritten sentence is kept from this score up (else threshold)
    uncued_threshold: float  # the same for a sentence without an "open" cue (else never)


class Model(_Optional):
    """The shipped weights: feature name → weight, and the keep thresholds."""

    weights: dict[str, float]
    threshold: float  # a cue rule's question is kept from this score up


def words(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes kept inside words)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def features(text: str, position: float, kind: str, rules: tuple[str, ...] = ()) -> set[str]:
    """The binary features of one sentence.

    ``position`` is its index over the document length (0 = first), ``kind``
    its paragraph kind, ``rules`` the names of the cue rules that fired on it.
    """
    ws = words(text)
    out = {"bias", *(f"w={w}" for w in ws), *(f"b={a}_{b}" for a, b in pairwise(ws))}
    out |= {f"c={name}" for name, rx in _CUE_RES.items() if rx.search(text)}
    out |= {f"x={name}" for name in rules}
    if text.rstrip().rstrip("\"'”’").endswith("?"):
        out.add("endq")
    if _QUOTED.search(text):
        out.add("quoted")
    if re.match(r"[\"“']", text):
        out.add("startquote")
    out.add("len<8" if len(ws) < 8 else "len>40" if len(ws) > 40 else "len-mid")
    if position == 0:
        out.add("first")
    if kind == "li":
        out.add("li")
    return out


def probability(model: Model, feats: set[str]) -> float:
    """The model's probability that a sentence with these features raises a question."""
    weights = model["weights"]
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model (tlsum/data/questions.json), or None if it is missing."""
    return shipped_json("questions.json")  # type: ignore[return-value]

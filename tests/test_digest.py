"""Digest stage: the example-article acceptance case and the summary's cleaning rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tlsum.digest import digest
from tlsum.digest.summary import summarize
from tlsum.options import DigestOptions
from tlsum.segment import segment
from tlsum.types import Article, Document, Paragraph

FIXTURE = Path(__file__).parent / "fixtures" / "turkey_article.json"


def turkey_document() -> Document:
    """The example article as the extractor should hand it over (built by hand)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    paragraphs = tuple(Paragraph(p["text"], p["kind"]) for p in data["paragraphs"])
    return segment(Article(paragraphs, title=data["title"], date=data["date"]))


def doc_of(*paragraphs: str, kinds: tuple[str, ...] = ()) -> Document:
    kinds = kinds or ("p",) * len(paragraphs)
    pairs = zip(paragraphs, kinds, strict=True)
    return segment(Article(tuple(Paragraph(t, k) for t, k in pairs)), "en")


def test_acceptance_summary_ties_troops_to_ceasefire() -> None:
    doc = turkey_document()
    result = digest(doc, DigestOptions())
    assert 1 <= len(result.summary) <= 5
    text = " ".join(item.text for item in result.summary)
    assert re.search(r"Turk", text) and "troops" in text
    assert re.search(r"lasting ceasefire between Russia and Ukraine", text)
    ids = [i for item in result.summary for i in item.source_ids]
    assert ids == sorted(ids), "summary keeps document order"
    for item in result.summary:
        assert item.text == doc.by_id(item.source_ids)[0].text


def test_acceptance_four_questions() -> None:
    doc = turkey_document()
    questions = digest(doc, DigestOptions()).questions
    texts = [q.text for q in questions]
    assert texts == [  # the article's own four, and nothing half-parsed after them
        "Is a sustainable ceasefire achievable?",
        "Will Russia agree to any international force?",
        "Who would command the international mission?",
        "Which countries are prepared to contribute troops, and in what numbers?",
    ]
    for q in questions:
        assert q.text.endswith("?") and len(q.text.split()) < 25
        assert q.kind in ("explicit", "implied")
        assert q.source_ids and all(doc.by_id((i,)) for i in q.source_ids)
    lead_in = next(s.id for s in doc.sentences if s.text == "Key questions remain unresolved:")
    assert all(lead_in in q.source_ids for q in questions[:4])


def test_options_bound_the_output() -> None:
    result = digest(turkey_document(), DigestOptions(sentences=1, questions=2))
    assert len(result.summary) == 1 and len(result.questions) == 2


def test_summary_drops_chrome_and_datelines() -> None:
    doc = doc_of(
        "By Daily Mail Reporter PUBLISHED: 10:02 EST, 3 April 2015.",
        "WASHINGTON (CNN) -- The Senate passed the budget bill late on Tuesday after a "
        "long debate.",
        "Scroll down for video Smiling: the senator pictured leaving the chamber on Tuesday night.",
        "The bill now goes to the House, where its fate is less certain than in the Senate.",
        "Lawmakers from both parties said the vote was a rare moment of cooperation this year.",
    )
    texts = [item.text for item in summarize(doc, 4)]
    assert texts[0] == "The Senate passed the budget bill late on Tuesday after a long debate."
    assert not any("Scroll down" in t or "PUBLISHED" in t or "(CNN)" in t for t in texts)


def test_summary_skips_headings_list_items_and_repeats() -> None:
    doc = doc_of(
        "Flood warnings issued",
        "Heavy rain has flooded hundreds of homes across the north of England this weekend.",
        "a list item fragment that is not a sentence at all, really",
        "Hundreds of homes across the north of England have been flooded by heavy rain.",
        "Forecasters expect more rain on Monday, and rivers are still rising in several towns.",
        kinds=("h", "p", "li", "p", "p"),
    )
    texts = [item.text for item in summarize(doc, 4)]
    assert texts == [
        "Heavy rain has flooded hundreds of homes across the north of England this weekend.",
        "Forecasters expect more rain on Monday, and rivers are still rising in several towns.",
    ]


def test_summary_word_budget_and_upper_bound() -> None:
    sentences = [
        "The council approved a new cycling lane along the river on Monday evening.",
        "Shop owners had argued that losing parking spaces would hurt their weekly trade.",
        "Construction crews are expected to start digging early next spring near the bridge.",
        "Residents will be able to comment on detailed drawings at the town library.",
        "A similar scheme in a neighbouring city doubled bike traffic within two years.",
        "Critics say the money should have gone to repairing potholes on older roads.",
    ]  # 13 words each: the fifth sentence crosses the 56-word budget
    doc = doc_of(" ".join(sentences))
    assert len(summarize(doc, 10)) == 5
    assert len(summarize(doc, 2)) == 2


@pytest.mark.parametrize("language", ["de", "ru"])
def test_other_languages_get_a_summary_and_no_guessed_questions(language: str) -> None:
    text = {"de": "Die Regierung hat am Montag einen neuen Plan vorgestellt. Ob er hilft, ist "
                  "unklar.",
            "ru": "Правительство в понедельник представило новый план. Неясно, поможет ли он."}
    doc = segment(Article((Paragraph(text[language]),)), language)
    result = digest(doc, DigestOptions())
    assert result.summary and result.questions == ()

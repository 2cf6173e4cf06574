"""Summary bullets stand on their own: a sentence that points back at a sentence left out
brings it in or is not chosen, and a site's name is never cut by splitting or dateline
stripping ("PanARMENIAN.Net - ..." never becomes "Net - ...")."""

from __future__ import annotations

import pytest

from tlsum.digest.summary import strip_dateline, summarize
from tlsum.segment import segment, split_sentences
from tlsum.types import Article, Document, Paragraph, ParagraphKind

LEAD = ("President Donald Trump made an unscheduled trip to Walter Reed hospital on Saturday "
        "for a quick exam and labs, the White House said in a statement.")
POINTER = ("Which is not to say that whatever happened on Saturday was not minor or maybe even "
           "routine.")
AFTER = ("The White House has a record of misleading statements about the health of the "
         "President, and doctors have been asked to vouch for him before.")


def _doc(*paragraphs: tuple[str, ParagraphKind]) -> Document:
    return segment(Article(tuple(Paragraph(t, k) for t, k in paragraphs)), "en")


def _summary(*paragraphs: tuple[str, ParagraphKind]) -> list[tuple[tuple[int, ...], str]]:
    doc = _doc(*paragraphs)
    return [(i.source_ids, i.text) for i in summarize(doc)]


def test_a_pointer_brings_in_the_short_sentence_it_answers() -> None:
    items = _summary((LEAD, "p"), ("You should not believe them.", "p"), (POINTER, "p"),
                     (AFTER, "p"))
    assert items[1] == ((1, 2), f"You should not believe them. {POINTER}")
    assert all(not text.startswith("Which") for _, text in items)


def test_a_pointer_after_a_heading_is_not_chosen() -> None:
    items = _summary((LEAD, "p"), ("What we know", "h"), (POINTER, "p"), (AFTER, "p"))
    assert [ids for ids, _ in items] == [(0,), (3,)]


def test_a_pointer_right_after_a_chosen_sentence_stays_as_it_is() -> None:
    items = _summary((LEAD, "p"), (POINTER, "p"), (AFTER, "p"))
    assert [ids for ids, _ in items][:2] == [(0,), (1,)]


@pytest.mark.parametrize("opening", [
    "Which means", "That is why", "This means", "That's why", "As a result,",
    "But that is", "Even so,",
])
def test_openings_that_point_back_need_their_antecedent(opening: str) -> None:
    pointer = f"{opening} the hospital visit raised questions that remain unanswered today."
    items = _summary((LEAD, "p"), ("Photo: AP", "p"), (pointer, "p"), (AFTER, "p"))
    assert all(not text.startswith(opening) for _, text in items)


@pytest.mark.parametrize("text", [
    "PanARMENIAN.Net - Verified video footage shows the protests.",
    "Reports on News.com.au said the fire spread overnight.",
    "Example.Org published the letter on Monday.",
])
def test_site_names_are_not_split(text: str) -> None:
    assert split_sentences(text, "en") == [text]


def test_a_missing_space_still_ends_a_sentence() -> None:
    assert split_sentences("It ended in 1999.It lost the poll.", "en") == [
        "It ended in 1999.", "It lost the poll."]


@pytest.mark.parametrize(("text", "expected"), [
    ("PanARMENIAN.Net - Verified video footage shows it.", "Verified video footage shows it."),
    ("News.com.au — The report said so.", "The report said so."),
    ("LONDON -- The report said so.", "The report said so."),
    ("Amazon.com - shares fell.", "Amazon.com - shares fell."),
])
def test_dateline_strip_takes_a_site_name_whole_or_not_at_all(text: str, expected: str) -> None:
    assert strip_dateline(text) == expected


def test_site_name_dateline_gives_a_whole_first_bullet() -> None:
    first = "PanARMENIAN.Net - " + LEAD
    items = _summary((first, "p"), (AFTER, "p"))
    assert items[0][1] == LEAD

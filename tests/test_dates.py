"""The article's date comes from what the page declares (JSON-LD, meta tags, a <time> or
date line in the byline), never from a photo caption, a picture's address or body text;
when nothing is declared there is no date."""

from __future__ import annotations

import pytest

from tlsum.extract import extract
from tlsum.options import ExtractOptions
from tlsum.types import Fetched

BODY = "".join(
    f"<p>{s}</p>" for s in [
        "Two prison guards were charged on Tuesday with falsifying records on the night "
        "a high-profile inmate died in a federal jail in New York.",
        "Prosecutors said the guards sat at their desks, browsed the internet and moved "
        "around the common area instead of checking on the prisoners as required.",
        "Both pleaded not guilty and were released on bail, their lawyers said, adding "
        "that staff shortages at the jail were to blame.",
    ])
CAPTION = ('<figure><img src="https://cdn.example.com/presto/2016/04/05/photo.jpg">'
           '<figcaption class="image-caption">This March 28, 2017, file photo, provided by '
           "the state registry, shows the inmate.</figcaption></figure>")
CAPTION_DIV = ('<div class="image-meta"><div class="image-caption">This March 28, 2017, '
               "file photo shows the inmate.</div></div>")
JSON_LD = ('<script type="application/ld+json">{"@type": "NewsArticle", '
           '"headline": "Guards charged", "datePublished": "2019-11-19T19:07:00Z"}</script>')
META = '<meta property="article:published_time" content="2019-11-19T19:07:00Z">'
BYLINE = '<div class="publish-date">Published 7:07 PM EST Nov 19, 2019</div>'
TIME = '<p class="byline">By Kim Lee <time datetime="2019-11-19">Nov. 19, 2019</time></p>'


def _page(head: str = "", top: str = "", body: str = BODY) -> str:
    return (f"<html><head><title>Guards charged</title>{head}</head><body><article>"
            f"<h1>Guards charged</h1>{top}{body}</article></body></html>")


def _date(html: str, kind: str = "html") -> str | None:
    fetched = Fetched(text=html, kind=kind, origin="file")  # type: ignore[arg-type]
    return extract(fetched, ExtractOptions(input=kind)).date  # type: ignore[arg-type]


@pytest.mark.parametrize(("head", "top"), [
    (JSON_LD, CAPTION), (META, CAPTION), ("", BYLINE + CAPTION), ("", CAPTION_DIV + BYLINE),
    ("", TIME + CAPTION_DIV), (JSON_LD, CAPTION_DIV),
])
def test_declared_date_wins_over_the_caption(head: str, top: str) -> None:
    assert _date(_page(head, top)) == "2019-11-19"


@pytest.mark.parametrize("top", [CAPTION, CAPTION_DIV, ""])
def test_a_caption_or_a_picture_address_alone_gives_no_date(top: str) -> None:
    assert _date(_page(top=top)) is None


def test_a_date_in_the_body_text_is_not_the_article_date() -> None:
    body = BODY.replace("on Tuesday", "on March 3, 2018,")
    assert _date(_page(body=body)) is None


TEXT = ("Guards charged over inmate's death\n\n{line}\n\n"
        "Two prison guards were charged on Tuesday with falsifying records on the night a "
        "high-profile inmate died in a federal jail in New York.\n\n"
        "Prosecutors said the guards sat at their desks and browsed the internet instead of "
        "checking on the prisoners as required.\n\n"
        "Both pleaded not guilty and were released on bail, their lawyers said.\n")


@pytest.mark.parametrize(("line", "expected"), [
    ("14 Jan 2026", "2026-01-14"),
    ("By Kim Lee - Nov 19, 2019", "2019-11-19"),
    ("This March 28, 2017, file photo", None),
    ("Photo: March 28, 2017", None),
])
def test_copied_text_takes_the_date_line_not_a_caption(line: str, expected: str | None) -> None:
    assert _date(TEXT.format(line=line), "text") == expected

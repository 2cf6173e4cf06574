"""Pages written without spaces (Chinese, Japanese), and a classifier that prefers a
teaser list: the failure shapes an external page set showed (whole bodies lost).

The metric and our gates counted ``\\w+`` runs, and a Chinese paragraph is a handful
of those; a sentence there ends with 。 not "."; a hard wrap cuts a run with no space
in it. Pages here are written for the tests, in the shapes of real ones.
"""

from __future__ import annotations

import textwrap

from tlsum.extract import extract
from tlsum.extract.blocks import Block, blocks
from tlsum.extract.textscore import select_body
from tlsum.options import ExtractOptions
from tlsum.types import Fetched

ZH = [
    "记者周二从市交通委员会获悉，城市北部的新地铁线路将于下个月正式开通运营，全长约二十八公里。",
    "据介绍，新线路共设十九座车站，其中六座为换乘站，可与现有的三条线路实现站内换乘，方便市民出行。",
    "交通部门表示，开通初期列车高峰时段的发车间隔约为四分钟，之后将根据客流情况逐步加密班次。",
    "有市民表示，新线路开通后，从北部住宅区到市中心的通勤时间有望缩短将近一半，对此十分期待。",
]
JA = [
    "市の教育委員会は十日、来年度から市内すべての小学校で給食の無償化を始めると発表した。",
    "対象となるのはおよそ一万二千人の児童で、必要な費用は年間で約六億円に上る見込みだという。",
    "委員会の担当者は、子育て世帯の負担を減らし、地域に住み続けてもらうための施策だと説明した。",
]


def _html_page(paragraphs: list[str]) -> str:
    nav = "".join(f"<li><a href='/s{i}'>栏目{i}</a></li>" for i in range(12))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>新地铁线路下月开通</title></head><body><nav><ul>{nav}</ul></nav>"
            f"<article><h1>新地铁线路下月开通</h1>{body}</article>"
            "<footer><p>版权所有</p></footer></body></html>")


def test_html_chinese_article_is_kept_not_refused() -> None:
    """Before: 34 ``\\w+`` runs and no "." read as no prose, and the body was refused."""
    article = extract(Fetched(text=_html_page(ZH), kind="html", origin="file"))
    assert [p.text for p in article.paragraphs if p.text in ZH] == ZH


def _copied_japanese_page() -> str:
    menu = ["ニュース", "Latest", "政治", "経済", "社会", "国際", "スポーツ", "文化"]
    tail = ["関連記事", "人気ランキング", "お問い合わせ"]
    return "\n\n".join(["給食無償化へ 市教委が発表 - 地域ニュース", "\n".join(menu),
                        "給食無償化へ 市教委が発表", *JA, "\n".join(tail)])


def test_text_japanese_body_after_a_latest_heading_is_kept() -> None:
    """Before: under "Latest" every paragraph looked like a short unpunctuated headline,
    so the link-section step dropped the whole article."""
    article = extract(Fetched(text=_copied_japanese_page(), kind="text", origin="file"),
                      ExtractOptions(input="text"))
    assert [p.text for p in article.paragraphs if p.text in JA] == JA


def test_hard_wrapped_chinese_rejoins_without_spaces() -> None:
    """textwrap cuts a line of Chinese at the width, mid-run: joining with a space
    would split words that were never apart."""
    wrapped = "\n\n".join(textwrap.fill(p, 30) for p in ZH + JA)
    assert sum(len(line) == 30 for line in wrapped.splitlines()) == len(ZH + JA)
    assert [b.text for b in blocks(wrapped)] == ZH + JA


def test_hard_wrapped_english_still_joins_with_a_space() -> None:
    text = ("The council met on Tuesday evening to discuss the plan for the new\n"
            "library building, which has been delayed twice since the spring. Members\n"
            "asked for a new estimate of its cost and a date for the first works on\n"
            "the site, and the mayor promised both before the end of the month.\n"
            "The vote was postponed until then, to the anger of several residents.\n")
    assert blocks(text)[0].text.startswith("The council met on Tuesday evening to discuss the plan "
                                           "for the new library building,")


def test_a_teaser_list_never_wins_over_the_article_prose() -> None:
    """A classifier that scores list items high (as one did on an external page's
    "most read" list) must not return a body without one sentence in it."""
    prefers_lists = {"features": ["bullet"], "mean": [0.0], "scale": [1.0], "weights": [10.0],
                     "bias": -5.0, "smooth": 0.0, "region_bias": 0.5, "threshold": 0.3,
                     "outside": 0.9, "steps": []}
    prose = ("The regional council approved the budget for next year on Monday after a "
             "debate that lasted most of the afternoon and ended with a narrow vote.")
    items = [Block("Home"), Block(prose), Block(prose.replace("Monday", "Friday")),
             *(Block(f"Teaser headline number {i}", "li", bullet=True) for i in range(6))]
    chosen = select_body(items, prefers_lists)
    assert chosen == [1, 2]

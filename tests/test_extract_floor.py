"""The floor under a text body that lost most of the article (``region_floor``).

A live blog copied as text: each post is a headline, a paragraph or two, then a
"Share" button and the next post's time. The classifier's single most likely run
can be one post of many; a synthetic page of that shape lost 84% of its body so.
"""

from __future__ import annotations

from tlsum.extract.blocks import Block
from tlsum.extract.textscore import region_floor, select_body

POSTS = [
    "Northern Grid says power has now been restored to about forty thousand of the homes "
    "that lost supply overnight, and crews are working through the remaining faults.",
    "The airport has cancelled another eighteen departures this evening, bringing the total "
    "for the day to seventy three, and passengers are asked to check before travelling.",
    "The county council has confirmed that all but six schools will reopen as normal on "
    "Wednesday, and a full list of closures is on its website this afternoon.",
    "The amber wind warning for the region has been lifted, although a yellow warning remains "
    "in place until midnight for the exposed coastal areas of the county.",
]
# Likely body when it ends like a sentence, chrome otherwise (p = 0.6 and 0.05).
SENTENCES = {"features": ["sentence_end"], "mean": [0.0], "scale": [1.0], "weights": [3.35],
             "bias": -2.944, "smooth": 0.0, "region_bias": 0.5, "threshold": 0.3,
             "outside": 0.9}


def _live_blog() -> list[Block]:
    items = [Block("Storm live: power restored as clean-up begins"), Block("Key events")]
    for k, post in enumerate(POSTS):
        items += [Block(f"17:{10 + k} {k + 1} hours ago"), Block(f"Update number {k}"),
                  Block(post), Block("Share")]
    return [*items, Block("Load earlier updates"), Block("© 2024 Metro Daily")]


def test_a_live_blog_keeps_every_post_not_one() -> None:
    items = _live_blog()
    without = select_body(items, dict(SENTENCES, steps=[]))
    assert len(without) == 1 and items[without[0]].text in POSTS  # one post of four
    with_floor = select_body(items, dict(SENTENCES, steps=["region_floor"]))
    assert [items[i].text for i in with_floor] == POSTS


def test_the_floor_leaves_a_body_that_holds_the_prose_alone() -> None:
    items = _live_blog()
    posts = [i for i, b in enumerate(items) if b.text in POSTS]
    probs = [0.6 if i in posts else 0.35 for i in range(len(items))]
    assert region_floor(items, (posts[0], posts[-1] + 1), probs, posts[1:], 0.3) == posts[1:]


def test_the_floor_adds_likely_blocks_of_the_region_but_no_chrome() -> None:
    items = _live_blog()
    posts = [i for i, b in enumerate(items) if b.text in POSTS]
    probs = [0.6 if i in posts else 0.1 for i in range(len(items))]
    probs[posts[0] + 1] = 0.95  # the "Share" line after the first post: chrome by rule
    region = (posts[0], posts[-1] + 1)
    assert region_floor(items, region, probs, posts[:1], 0.3) == posts

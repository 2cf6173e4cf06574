"""Article metadata from the page's own declarations, read cheaply.

trafilatura's full metadata pass (``with_metadata=True``) costs about a third
of its extraction time, mostly on author and date heuristics over the whole
page. Nearly every news page declares what we need in ``<meta>`` tags or
JSON-LD, so we read those from one parse (shared with chunk recovery) and ask
htmldate only for the date, in its fast mode.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tlsum.extract.patterns import TITLE_SEPARATOR_RE, find_date, words

if TYPE_CHECKING:
    from lxml.html import HtmlElement



@dataclass(frozen=True)
class Meta:
    """What the page says about itself."""

    title: str | None = None
    author: str | None = None
    site: str | None = None
    date: str | None = None
    language: str | None = None


def page_meta(tree: HtmlElement, url: str | None = None) -> Meta:
    """Title, author, site name, date (ISO) and <html lang> of a parsed page."""
    metas = _meta_tags(tree)
    ld = _json_ld(tree)
    return Meta(
        title=_title(tree, metas, ld),
        author=_author(metas, ld),
        site=metas.get("og:site_name") or _ld_name(ld.get("publisher")) or None,
        date=_date(tree, url),
        language=_language(tree),
    )


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def _json_ld(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object that describes an article (or any, failing that)."""
    found: list[dict[str, Any]] = []
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        found.extend(_objects(data))
    articles = [d for d in found if "Article" in str(d.get("@type", ""))]
    return (articles or found or [{}])[0]


def _objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [d for item in data for d in _objects(item)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *_objects(graph)] if isinstance(graph, list) else [data]
    return []


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        names = [_ld_name(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _title(tree: HtmlElement, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    """og:title or the JSON-LD headline, else the only <h1>, else <title> minus the site."""
    for value in (metas.get("og:title"), ld.get("headline"), metas.get("twitter:title")):
        if isinstance(value, str) and value.strip():
            return _clean(value)
    h1 = [_clean(el.text_content()) for el in tree.iter("h1")]
    if len(h1) == 1 and h1[0]:
        return h1[0]
    titles = [el.text_content() for el in tree.iter("title")]
    if titles and titles[0].strip():
        parts = TITLE_SEPARATOR_RE.split(_clean(titles[0]))
        return max(parts, key=len)
    return None


def _author(metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    for key in ("author", "article:author", "parsely-author", "dc.creator", "byl"):
        value = metas.get(key, "")
        if value and not value.startswith("http"):
            return _clean(re.sub(r"^by\s+", "", value, flags=re.I))
    return _ld_name(ld.get("author"))


def _date(tree: HtmlElement, url: str | None) -> str | None:
    """The publication date the page declares, never one of its pictures, captions or body text.

    htmldate reads the metadata, ``<time>`` elements and date-classed elements and,
    with ``original_date``, keeps the oldest date it finds: a photo caption ("This
    March 28, 2017, file photo") in a date-classed caption block then wins over the
    byline's "Published Nov 19, 2019", and so does the upload date in a picture's
    address. So it reads a copy without pictures, captions and body paragraphs; a
    page that declares its date nowhere else gets none.
    """
    from htmldate import find_date as htmldate

    declared = _declarations(tree)
    found = htmldate(declared, url=url, extensive_search=False,
                      original_date=True, outputformat="%Y-%m-%d")
    return found if isinstance(found, str) else _dated_byline(declared)


_DATED_XPATH = " | ".join(
    f"//*[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    f"'abcdefghijklmnopqrstuvwxyz'), '{key}')]" for key in ("date", "publish", "byline", "posted"))


def _dated_byline(tree: HtmlElement) -> str | None:
    """The date of the first short date or byline element ("Published 7:07 PM EST Nov 19,
    2019"), which htmldate's fast mode does not read."""
    for el in tree.xpath(_DATED_XPATH):
        text = " ".join(el.text_content().split())
        if len(words(text)) <= _BYLINE_WORDS and (found := find_date(text)):
            return found[0]
    return None


# Where a page shows pictures and their captions, or its body text: no publication date there.
_NOT_DECLARATIONS = (
    "//figure|//figcaption|//picture|//img|//video|//blockquote|//p[not(ancestor::header)]|"
    "//meta[contains(@property, 'image') or contains(@name, 'image')]|"
    "//*[contains(translate(@class, 'CAPTIONREDT', 'captionredt'), 'caption')]|"
    "//*[contains(translate(@class, 'CAPTIONREDT', 'captionredt'), 'credit')]|"
    "//*[contains(translate(@id, 'CAPTIONREDT', 'captionredt'), 'caption')]"
)
_BYLINE_WORDS = 15


def _declarations(tree: HtmlElement) -> HtmlElement:
    """A copy of the page without pictures, captions and body paragraphs
    (a short paragraph, such as a date line under the byline, stays)."""
    from copy import deepcopy

    copy = deepcopy(tree)
    for el in copy.xpath(_NOT_DECLARATIONS):
        if el.tag == "p" and len(words(el.text_content())) <= _BYLINE_WORDS:
            continue
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return copy


def _language(tree: HtmlElement) -> str | None:
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower()
    code = re.split(r"[-_]", lang)[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def _clean(text: str) -> str:
    return " ".join(text.split())

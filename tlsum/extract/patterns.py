"""Shared patterns for page chrome, dates and bylines (HTML post-filters and text mode).

Everything here is about the *shape* of chrome found on news pages in general
(share prompts, newsletter boxes, "Read also" lists, date lines); nothing names
a site or a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
WORD_RE = re.compile(r"\w+")
_DIGIT_RE = re.compile(r"\d")
BULLET_RE = re.compile(r"^\s*(?:[-•*·▪●◦►▸–—]|\d{1,2}[.)])\s+")
TERMINAL_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
# Sentence ends of Chinese and Japanese (full-width), with closing quotes and brackets.
CJK_END_RE = re.compile(r"[。！？][」』”’）)]*$")

# Headings that open a block of links to other content.
SECTION_HEAD_RE = re.compile(
    r"^\W*(?:latest( news| stories| articles)?|read (also|more|next)|see also|also read|"
    r"related( articles| stories| posts| news| content| coverage| topics)?|more (news|stories|"
    r"from|on|in)|most (read|popular|viewed|shared)|popular( now| stories)?|trending( now)?|"
    r"recommended( for you| stories)?|you (may|might) (also )?like|top stories|editor'?s picks|"
    r"don'?t miss|must read|more on this( story)?|in other news|you may also like|"
    r"você pode gostar|te puede interesar|vous aimerez aussi|das könnte sie auch interessieren|"
    r"вам может быть интересно|"
    r"читайте (также|еще|ещё)|последние новости|новости по теме|похожие (новости|статьи)|"
    r"lesen sie auch|mehr zum thema|à lire aussi|lire aussi|leia também|lee también|"
    r"noticias relacionadas|lees ook|leggi anche)\b",
    re.I,
)

# One-line chrome: share/subscribe prompts, cookie banners, ads, copyright.
CHROME_LINE_RE = re.compile(
    r"^\W*(?:share( this( article| story| post)?| on| via)?|tweet|pin it|email|print|"
    r"subscribe|sign up|newsletter|follow us|advertisement|advertising|sponsored|"
    r"skip to (main )?content|menu|search|log ?in|sign in|register|"
    r"comments?|leave a (comment|reply)|read more|continue reading|click (here|to)|"
    r"photo|image|getty images|reuters|ap photo|"
    r"поделиться|подписаться|реклама|комментарии|"
    r"teilen|werbung|partager|publicité|compartir|publicidad|condividi)\b.{0,60}$",
    re.I,
)
COOKIE_RE = re.compile(
    r"\b(?:cookies?|privacy policy|consent|gdpr|terms of (use|service)|"
    r"all rights reserved|©|copyright)\b",
    re.I,
)
# Reprint and rights notices, which can run to a long sentence or two.
LEGAL_RE = re.compile(
    r"\b(?:non-commercial use|personal use only|presentation-ready copies|all rights reserved|"
    r"may not be (?:published|reproduced|redistributed)|без письменного разрешения)\b",
    re.I,
)
# A picture's caption or credit line: its date is the picture's, not the article's.
CAPTION_RE = re.compile(
    r"\b(?:(?:file |stock )?photo(?:graph)?s?|pictured?|image|illustration|video|caption|"
    r"credit|foto|bild|imagen|фото|снимок)\b|\bshows?\b",
    re.I,
)
# "Related: Other headline", "READ MORE: Other headline": a link to other content.
LINK_PREFIX_RE = re.compile(
    r"^\W*(?:related|read (?:more|also|next)|see (?:more|also)|also read|more|watch|listen|"
    r"recommended|latest|trending|opinion|читайте (?:также|еще|ещё)|смотрите также|по теме|"
    r"lesen sie auch|mehr|lire aussi|à lire aussi|leia (?:também|mais)|lee (?:también|más)|"
    r"ver también|leggi anche)\s*[:|»>–—-]\s*\S",
    re.I,
)
# "Astronauts test a suit [VIDEO]": a teaser headline tagged with its media type.
TEASER_TAG_RE = re.compile(r"\[[A-Z][A-Z ]{2,20}\]\W*$")
PROMO_RE = re.compile(
    r"\b(?:newsletters?|sign up|subscribe|subscription|inbox|click here|if you enjoyed|"
    r"reading time|min(?:ute)?s? read|tempo de leitura|время чтения|lesezeit|temps de lecture|"
    r"tell us what you think|follow (?:us|him|her|them|\w+) "
    r"(?:on|at)|follow us|like us on|download (?:our|the) app|подпис\w+|рассылк\w+)\b",
    re.I,
)
TAGS_RE = re.compile(
    r"^\W*(?:tags?|topics?|filed under|categor(?:y|ies)|keywords|schlagw\w+|теги|метки|"
    r"темы|rubriques?|etiquetas|tag)\s*:",
    re.I,
)
POSTED_BY_RE = re.compile(
    r"\b(?:posted|published|written|updated) (?:by|on)\b|\bpublicado (?:por|em|el)\b",
    re.I,
)
# Words of share bars and social links; a line made only of them is chrome.
SOCIAL_WORDS = frozenset(
    (
        "facebook",
        "twitter",
        "whatsapp",
        "pinterest",
        "pint",
        "linkedin",
        "reddit",
        "email",
        "e",
        "mail",
        "print",
        "share",
        "tweet",
        "google",
        "telegram",
        "vk",
        "ok",
        "copy",
        "link",
        "baixar",
        "flipboard",
        "instagram",
        "youtube",
        "rss",
        "messenger",
        "sms",
        "tumblr",
        "pocket",
        "xing",
        "viber",
        "line",
        "comments",
        "comment",
        "save",
        "follow",
        "us",
        "on",
        "subscribe",
    )
)
BYLINE_RE = re.compile(r"^(?:by|von|par|por|di|door|автор|текст:)\s+\S", re.I)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "fév": 2,
    "fev": 2,
    "mar": 3,
    "mär": 3,
    "apr": 4,
    "abr": 4,
    "avr": 4,
    "may": 5,
    "mai": 5,
    "mag": 5,
    "jun": 6,
    "juin": 6,
    "giu": 6,
    "jul": 7,
    "juil": 7,
    "lug": 7,
    "aug": 8,
    "ago": 8,
    "août": 8,
    "sep": 9,
    "set": 9,
    "oct": 10,
    "okt": 10,
    "out": 10,
    "ott": 10,
    "nov": 11,
    "dec": 12,
    "dez": 12,
    "déc": 12,
    "dic": 12,
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
    "ene": 1,
    "gen": 1,
    "janv": 1,
    "févr": 2,
    "avril": 4,
    "juni": 6,
    "juli": 7,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_WORD = rf"(?:{_MONTH_ALT})[a-zà-ÿа-я]*\.?"
_DATE_PATTERNS = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})[-/.]\s?(\d{1,2})[-/.]\s?(\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")),
    (
        "dMy",
        re.compile(
            rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er)?[.\s]+(?:de\s+)?({_MONTH_WORD})"
            rf"[,.\s]+(?:de\s+)?(\d{{4}})(?!\d)",
            re.I,
        ),
    ),
    (
        "Mdy",
        re.compile(rf"\b({_MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I),
    ),
)
RELATIVE_TIME_RE = re.compile(
    r"\b\d+\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago\b|"
    r"\b(?:updated|published|posted|опубликовано|обновлено)\b",
    re.I,
)


def words(text: str) -> list[str]:
    """Word tokens the way the benchmark metric counts them."""
    return WORD_RE.findall(text)


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Full-width punctuation and letters of Chinese and Japanese text: written without spaces.
_CJK_JOIN_RE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def cjk_glued(head: str, tail: str) -> bool:
    """Do ``head`` and ``tail`` meet between two Chinese/Japanese characters, where
    a wrap at a full line cut a run that had no space in it?"""
    return bool(head and tail and _CJK_JOIN_RE.match(head[-1]) and _CJK_JOIN_RE.match(tail[0]))


def size(text: str) -> int:
    """Length in words, where Chinese and Japanese (written without spaces)
    count one word per two characters, so a sentence there is not 'short'."""
    cjk = len(_CJK_RE.findall(text))
    return len(WORD_RE.findall(text)) + cjk // 2


def is_social_line(text: str) -> bool:
    """ "Facebook Twitter WhatsApp Email": a share bar copied as text."""
    toks = [t.lower() for t in words(text)]
    return bool(toks) and len(toks) <= 12 and all(t in SOCIAL_WORDS for t in toks)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as (ISO date, start, end), or None."""
    if not _DIGIT_RE.search(text):
        return None  # every pattern has a year
    best: tuple[str, int, int] | None = None
    for order, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(order, match.groups())
            if iso and (best is None or match.start() < best[1]):
                best = (iso, match.start(), match.end())
                break
    return best


def _to_iso(order: str, parts: tuple[str, ...]) -> str | None:
    if order == "ymd":
        y, m, d = parts
    elif order == "dmy":
        d, m, y = parts
    elif order == "dMy":
        d, m, y = parts[0], str(_month(parts[1])), parts[2]
    else:
        m, d, y = str(_month(parts[0])), parts[1], parts[2]
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _month(word: str) -> int:
    low = word.lower().rstrip(".")
    for size in (5, 4, 3):
        if low[:size] in _MONTHS:
            return _MONTHS[low[:size]]
    return 0


@lru_cache(maxsize=8192)
def is_date_line(text: str) -> bool:
    """A block that is a date (or 'updated 3 hours ago') with little else around it.

    The signature line of an embedded tweet ("— Name (@handle) May 1, 2019")
    is a quotation's attribution, not page chrome.
    """
    if "(@" in text:
        return False
    found = find_date(text)
    rest = text
    if found:
        rest = text[: found[1]] + text[found[2] :]
    elif not RELATIVE_TIME_RE.search(text):
        return False
    return len(words(rest)) <= 6 and not SENTENCE_END_RE.search(text.rstrip())


#: " | Site", " - Section", " :: Site", " » Section": what sites append to a page title.
# (?<!\s): a match starts at the first space of a run, not at each of 20,000 spaces in turn.
TITLE_SEPARATOR_RE = re.compile(r"(?<!\s)\s+(?:[|–—-]|::|»)\s+")


def headline_like(text: str, n: int, *, min_words: int = 0, max_words: int = 20,
                  sentence_from: int = 0) -> bool:
    """Short and not a sentence (``n`` words): a link to another story, a headline.

    A line under ``sentence_from`` words counts even when it ends like a sentence
    ("Prices rise."), since headlines that short may carry a full stop.
    """
    ends = SENTENCE_END_RE.search(text) or CJK_END_RE.search(text)
    return min_words <= n <= max_words and (n < sentence_from or not ends)


def drop_link_sections(items: Sequence[T], opens: Callable[[T], bool],
                       listed: Callable[[T], bool]) -> list[T]:
    """Drop each "Related"/"Latest news" opener and the ``listed`` lines right under it.

    The section ends at the first line that is not ``listed`` (a real paragraph). HTML
    paragraphs and copied-text blocks both go through this; each says what opens a
    section and what a listed line looks like.
    """
    out: list[T] = []
    skipping = False
    for item in items:
        if opens(item):
            skipping = True
            continue
        if skipping and listed(item):
            continue
        skipping = False
        out.append(item)
    return out

"""Extractive summary: the article's lead, cleaned, within a word budget.

Why the lead: on news, the first sentences (Lead-3) beat every classic
graph-based summarizer, and non-neural refinements (centrality, MMR, learned
scorers) that gained on one half of our dev data lost it on the other. So the
summary is lead-based, and the work goes into what Lead-3 gets wrong:

* chrome in the lead: photo captions glued to the text, "Scroll down for
  video", bylines and timestamps, "(CNN)"-style datelines;
* headings and list-item fragments, which are not sentences;
* length: human highlights run to about 56 words, and ROUGE F1 punishes a
  summary much longer than that, so sentences are taken in order until a
  word budget is met (with ``sentences`` as an upper bound), not a fixed count;
* redundancy: a sentence whose content words are mostly already said is skipped;
* sentences that lean on the one before ("Which is not to say...", "That is why...",
  "As a result, ..."): shown alone they point at nothing, so the sentence before is
  brought in with them (one bullet citing both), or, when that one is chrome, neither
  is shown.

Nothing here is English-only except the short stop-word list used for the
redundancy check, so other languages degrade gracefully.
"""

from __future__ import annotations

import re

from tlsum.digest.words import FUNCTION_WORDS, content_words, wordset
from tlsum.types import Document, Item, Sentence

# Stop adding sentences once the summary holds this many words (a human
# highlight is about 56 words; the sentence that crosses the budget is kept,
# so the summary ends on a whole sentence).
WORD_BUDGET = 56
# A lead sentence this short is a fragment or a teaser ("Yes," he said.).
MIN_WORDS = 6
# Skip a sentence when this share of its content words is already in the summary.
MAX_OVERLAP = 0.6
# Sentences past this index are not considered: the lead carries the news.
MAX_POSITION = 20

# "WASHINGTON (CNN) -- ", "(CNN)", "(The Hollywood Reporter)", "LONDON, England (Reuters) - "
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?"
    r"\((?:CNN|AP|Reuters|AFP|EW\.com|CNN Student News|Mashable|The Hollywood Reporter|"
    r"RollingStone\.com|Rolling Stone|WIRED|Health\.com|TIME|People|[A-Z][A-Za-z.]{1,15})\)"
    r"\s*(?:--|—|–|-)?\s*"
)
# "LONDON -- ", and a site's name as its dateline: "PanARMENIAN.Net - " (the name whole).
_DASH_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'-]{2,40}\s(?:--|—|–)\s+|"
    r"[A-Z][\w-]*(?:\.[A-Za-z]{2,})+\s+(?:--|—|–|-)\s+(?=[A-Z\"'“‘]))")
_JUNK = re.compile(
    r"scroll down for (?:video|more)|\bclick here\b|\bread more\b|^by\s|\bpublished:|\bupdated:|"
    r"last updated|^\W*\d{1,2}:\d{2}\b|\|\s*\d{1,2}:\d{2}|"
    r"follow @|\bshare this\b|\b(?:photo|image|picture|video)\s*(?:credit)?\s*:|"
    r"\(pictured\)|\(not pictured\)|\(left\)|\(right\)|\(centre\)|\(center\)|"
    r"^\s*(?:advertisement|related|see also)\b",
    re.IGNORECASE,
)
# A caption glued to the next sentence: "... banned from driving The brother of ..."
_GLUED = re.compile(r"[a-z0-9)’'] (?=(?:The|A|An|Police|Officers) [a-z])")
# What a caption starts with: a "Label:" or a "(pictured)"-style aside.
_CAPTION_HEAD = re.compile(r"^[A-Z][\w'’ -]{0,30}:\s|\bpictured\b|\((?:left|right|centre|center)\)")
# Share-bar text glued in front of the first sentence.
_SHARE_BAR = re.compile(r"^Share this with.*?Copy this link\s*", re.IGNORECASE)
# A sentence that opens by pointing back at the one before it.
_POINTS_BACK = re.compile(
    r"^(?:Which|Whereupon|Whereas)\b|"
    r"^(?:(?:But|And|Yet|So)\s+)?(?:this|that|it)(?:'s|’s|\s+is|\s+was|\s+isn't|\s+wasn't)?\s+"
    r"(?:why|because|means|meant|explains|not to say|is not to say|to say)\b|"
    r"^(?:But|And|Yet)\s+(?:that|this)\s+(?:is|was|isn't|wasn't|'s|’s|does|did|doesn't|didn't)\b|"
    r"^(?:As a result|Because of (?:this|that)|For (?:this|that) reason|Even so|"
    r"Nonetheless|Nevertheless|In turn|By contrast|In contrast|On the other hand|"
    r"Otherwise|Still|Instead|In other words|That said|Despite (?:this|that))\b",
    re.IGNORECASE,
)
# An antecedent brought in this long or longer would crowd the summary out.
MAX_ANTECEDENT_WORDS = 40
_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_STOP = FUNCTION_WORDS | wordset("said says than then so")


def summarize(doc: Document, max_sentences: int = 4, budget: int = WORD_BUDGET) -> tuple[Item, ...]:
    """Pick lead sentences in document order until ``budget`` words or ``max_sentences``."""
    chosen: list[Item] = []
    seen: set[str] = set()
    words = 0
    for sentence in doc.sentences:
        if len(chosen) >= max_sentences or words >= budget:
            break
        text = clean_sentence(sentence)
        if text is None or _redundant(text, seen):
            continue
        ids: tuple[int, ...] = (sentence.id,)
        if _POINTS_BACK.search(text) and not any(sentence.id - 1 in i.source_ids for i in chosen):
            antecedent = _antecedent(doc, sentence)
            if antecedent is None:
                continue
            text, ids = f"{antecedent.text} {text}", (antecedent.id, sentence.id)
        chosen.append(Item(text, ids, score=1.0 / (1 + len(chosen))))
        seen |= _content(text)
        words += len(text.split())
    if not chosen:
        chosen = _fallback(doc, max_sentences)
    return tuple(chosen)


def clean_sentence(sentence: Sentence) -> str | None:
    """The sentence fit for a summary, with any dateline removed; None to skip it.

    Skipped: headings and list items (fragments, not sentences), chrome
    (captions, bylines, timestamps, "Scroll down for video"), sentences that
    do not end like a sentence (cut mid-way), and teasers shorter than MIN_WORDS.
    A caption glued to the front of a sentence is cut off when it is clearly
    one ("Guilty: X, 56, in court A bank manager who ..."); otherwise the whole
    sentence goes, so no sentence is ever shown cut mid-way.
    """
    if sentence.kind != "p" or sentence.id >= MAX_POSITION:
        return None
    text = strip_dateline(_SHARE_BAR.sub("", sentence.text.strip()))
    glued = _GLUED.search(text)
    if glued:
        if not _CAPTION_HEAD.search(text[: glued.end()]) or _GLUED.search(text, glued.end()):
            return None
        text = text[glued.end() :]
    if _JUNK.search(text) or not _END.search(text):
        return None
    if len(text.split()) < MIN_WORDS or not (text[:1].isupper() or text[:1] in "\"'“‘"):
        return None
    return text


def _antecedent(doc: Document, sentence: Sentence) -> Sentence | None:
    """The sentence just before ``sentence``, cleaned, when it is a whole sentence of the
    body (not a heading, caption or byline) short enough to bring into the summary."""
    before = doc.by_id((sentence.id - 1,))
    if not before or before[0].kind != "p" or before[0].paragraph < sentence.paragraph - 1:
        return None
    text = strip_dateline(before[0].text.strip())
    if _JUNK.search(text) or not _END.search(text) or not text[:1].isupper() \
            or len(text.split()) > MAX_ANTECEDENT_WORDS:
        return None
    return Sentence(before[0].id, text, before[0].paragraph, before[0].kind, before[0].language)


def strip_dateline(text: str) -> str:
    """Drop a leading "(CNN)"-style or "LONDON --" dateline, keeping the sentence."""
    stripped = _DATELINE.sub("", text, count=1)
    stripped = _DASH_DATELINE.sub("", stripped, count=1)
    return stripped if stripped[:1].isalnum() or stripped[:1] in "\"'“‘" else text


def _content(text: str) -> set[str]:
    """Lower-cased content words, crudely stemmed: enough to spot a repeat."""
    return content_words(text, _STOP, 6)


def _redundant(text: str, seen: set[str]) -> bool:
    """True when most of ``text``'s content words are already in the summary."""
    words = _content(text)
    return bool(words) and bool(seen) and len(words & seen) / len(words) >= MAX_OVERLAP


def _fallback(doc: Document, max_sentences: int) -> list[Item]:
    """When every sentence looks like chrome, the first paragraph sentences still beat nothing."""
    body = [s for s in doc.sentences if s.kind == "p"] or list(doc.sentences)
    return [Item(s.text, (s.id,)) for s in body[: min(max_sentences, 2)]]

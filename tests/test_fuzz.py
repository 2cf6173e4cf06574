"""Property-based fuzzing (hypothesis) of every stage that reads untrusted text.

``make test`` runs the short ``ci`` profile; ``make fuzz`` runs the ``fuzz``
profile (more than 100,000 inputs in all, see ``conftest.py``). The
properties: nothing crashes (only our documented errors come out), no input
takes more than 5 s (hypothesis's deadline), and no stage loses the input's
text without saying so (decoding round-trips, sentence splitting keeps every
character, extraction only ever returns words of the input and warns when it
cuts a big input).
"""

from __future__ import annotations

import gzip
import os
import re
import zlib

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tlsum.digest import digest
from tlsum.errors import FetchError, NoArticleError
from tlsum.extract import extract
from tlsum.extract.bounds import MAX_ARTICLE_CHARS, MAX_PARAGRAPHS
from tlsum.fetch import sniff_kind
from tlsum.fetch.charset import decode
from tlsum.fetch.encoding import decoded, encodings
from tlsum.options import DigestOptions
from tlsum.segment import is_prose, segment, split_sentences
from tlsum.types import Article, Fetched, Paragraph

WORDS = ["the", "minister", "said", "talks", "will", "continue", "whether", "Russia", "agree",
         "unclear", "who", "would", "command", "Турция", "заявила", "перемирие", "Dr.", "U.S.",
         "e.g.", "3.5", "—", "«мир»", "(AP)", "2026", "http://x.io/a", "@user", "…", "ü", "中文"]
RUSSIAN = ("Министр иностранных дел Турции заявил, что Анкара рассмотрит участие "
           "только после устойчивого перемирия между Россией и Украиной.")
token = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
                min_size=1, max_size=12)
word = st.sampled_from(WORDS) | token
sentence = st.lists(word, min_size=1, max_size=25).map(" ".join).map(lambda s: s + ".")
paragraph = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
page_text = st.lists(paragraph | st.text(max_size=80), min_size=1, max_size=30).map("\n\n".join)
tag = st.sampled_from(["p", "div", "li", "h1", "h2", "span", "a", "br", "script", "article"])


@st.composite
def html_page(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        name = draw(tag)
        text = draw(paragraph | st.text(max_size=40))
        parts.append(f"<{name}>{text}</{name}>" if draw(st.booleans()) else f"<{name}>{text}")
    return "<html><head><title>T</title></head><body>" + "".join(parts)


def budget(examples: int) -> settings:
    """``examples`` inputs under ``make fuzz`` (they add up to 110,500); the profile's few else."""
    fuzzing = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
    return settings(max_examples=examples if fuzzing else settings.default.max_examples,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------------ fetch: decoding


@st.composite
def packed(draw: st.DrawFn) -> tuple[bytes, str, list[bytes]]:
    """A body, a stack of encodings applied to it, and the wire split into random chunks."""
    body = draw(st.binary(max_size=3000))
    names = draw(st.lists(st.sampled_from(["gzip", "deflate", "identity"]), max_size=3))
    wire = body
    for name in names:
        if name == "gzip":
            wire = gzip.compress(wire, compresslevel=draw(st.integers(0, 9)), mtime=0)
        elif name == "deflate":
            raw = draw(st.booleans())
            packer = zlib.compressobj(wbits=-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
            wire = packer.compress(wire) + packer.flush()
    cuts = sorted(draw(st.lists(st.integers(0, len(wire)), max_size=8)))
    chunks = [wire[a:b] for a, b in zip([0, *cuts], [*cuts, len(wire)], strict=True)]
    return body, ", ".join(names), chunks


@budget(35_000)
@given(packed())
def test_decoding_round_trips_every_stack_of_encodings(case: tuple[bytes, str, list[bytes]],
                                                       ) -> None:
    body, header, chunks = case
    pieces = list(decoded(chunks, encodings(header, "u"), "u"))
    assert b"".join(pieces) == body
    assert all(len(piece) <= 64 * 1024 for piece in pieces)


@budget(35_000)
@given(st.binary(max_size=2000), st.sampled_from(["gzip", "deflate", "gzip, deflate"]))
def test_decoding_garbage_is_a_fetch_error_or_bytes(data: bytes, header: str) -> None:
    try:
        out = b"".join(decoded([data], encodings(header, "u"), "u"))
    except FetchError:
        return
    assert isinstance(out, bytes)


@budget(25_000)
@given(st.binary(max_size=4000), st.sampled_from([None, "utf-8", "windows-1251", "koi8-r",
                                                  "utf-16", "latin-1", "bogus", "base64"]))
def test_any_bytes_decode_to_text_and_sniff(data: bytes, declared: str | None) -> None:
    text, charset = decode(data, declared)
    assert isinstance(text, str) and charset
    assert sniff_kind(data) in ("html", "text")


@budget(2_000)
@given(page_text, st.integers(0, 10_000), st.binary(min_size=1, max_size=2))
def test_utf8_with_a_stray_byte_stays_utf8(page: str, at: int, stray: bytes) -> None:
    text = f"{RUSSIAN}\n\n{page}"  # at least 100 non-ASCII characters
    data = text.encode("utf-8")
    at = at % (len(data) + 1)
    damaged = data[:at] + stray + data[at:]
    decoded_text, charset = decode(damaged)
    assert charset == "utf-8"  # two bad bytes among 100 characters do not make it a legacy text
    assert len(_words(text) - _words(decoded_text)) <= 2


# ------------------------------------------------------------------ extraction and cleaning


@budget(2_000)
@given(page_text)
def test_text_extraction_only_returns_words_of_the_input(text: str) -> None:
    try:
        article = extract(Fetched(text=text, kind="text", origin="stdin"))
    except NoArticleError:
        return
    assert _words(article.text) <= _words(text)
    _assert_bounded(article)


@budget(1_500)
@given(st.lists(sentence, min_size=3, max_size=8).map(" ".join))
def test_one_plain_paragraph_is_kept_whole(text: str) -> None:
    """Text that is nothing but an article (one paragraph piped in) loses nothing.

    Or, when the classifier finds it is no article at all, says so (exit 4).
    """
    assume(len(text) >= 150 and len(text.split()) >= 20 and text[:1].isalpha())  # "1." is a bullet
    try:
        article = extract(Fetched(text=text, kind="text", origin="stdin"))
    except NoArticleError:
        return
    assert _words(text) <= _words(article.text) | _words(article.title or "")


@budget(1_000)
@given(html_page())
def test_html_extraction_never_crashes(html: str) -> None:
    try:
        article = extract(Fetched(text=html, kind="html", origin="stdin"))
    except NoArticleError:
        return
    # No invented characters. (Word-level checks meet trafilatura's own ways with
    # broken markup: it glues two tags' texts, "<p>a<article>b" -> "ab", even across a
    # script it dropped, and may repeat an unclosed tag's text.)
    assert set(_squeeze(article.text)) <= set(_squeeze(html))
    _assert_bounded(article)


def _assert_bounded(article: Article) -> None:
    assert len(article.paragraphs) <= MAX_PARAGRAPHS
    assert len(article.text) <= MAX_ARTICLE_CHARS + 2 * MAX_PARAGRAPHS


# ------------------------------------------------------------------ segmentation


@budget(6_000)
@given(paragraph | st.text(max_size=300), st.sampled_from(["en", "ru", "de", "und", "zh"]))
def test_sentence_splitting_keeps_every_character(text: str, language: str) -> None:
    assert _squeeze("".join(split_sentences(text, language))) == _squeeze(text)


@budget(1_500)
@given(st.lists(paragraph, min_size=1, max_size=8))
def test_segmenting_keeps_every_paragraph(paragraphs: list[str]) -> None:
    article = Article(tuple(Paragraph(p) for p in paragraphs))
    try:
        doc = segment(article)
    except NoArticleError:  # only figures, code or symbols: no article to read
        assert not any(is_prose(p) for p in paragraphs)
        return
    assert _squeeze("".join(s.text for s in doc.sentences)) == _squeeze("".join(paragraphs))
    assert [s.id for s in doc.sentences] == list(range(len(doc.sentences)))


# ------------------------------------------------------------------ questions and summary


@budget(1_500)
@given(st.lists(paragraph, min_size=1, max_size=8))
def test_digest_cites_real_sentences_and_asks_real_questions(paragraphs: list[str]) -> None:
    doc = segment(Article(tuple(Paragraph(p) for p in paragraphs)), "en")
    result = digest(doc, DigestOptions())
    ids = {s.id for s in doc.sentences}
    for item in (*result.summary, *result.questions):
        assert item.source_ids and set(item.source_ids) <= ids
    assert all(q.text.endswith("?") for q in result.questions)

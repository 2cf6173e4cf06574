"""The limits on their own: the redirect policy, encodings, damaged UTF-8, bounded extraction."""

from __future__ import annotations

import gzip

import pytest
from httpserver import LocalHTTPServer, Reply

from tlsum.errors import FetchError, UnsupportedContent
from tlsum.extract import extract
from tlsum.extract.blocks import blocks
from tlsum.extract.bounds import (
    MAX_ARTICLE_CHARS,
    MAX_HTML_TAGS,
    MAX_PARAGRAPHS,
    bounded_article,
    bounded_input,
)
from tlsum.fetch import fetch
from tlsum.fetch.charset import decode
from tlsum.fetch.encoding import decoded, encodings
from tlsum.fetch.redirects import check_redirect, is_private_host
from tlsum.options import FetchOptions
from tlsum.types import Article, Fetched, Paragraph

RU = "Министр иностранных дел заявил, что Турция готова направить миссию. " * 20


def _dns(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    return lambda host: table[host]


@pytest.mark.parametrize(("host", "private"), [
    ("127.0.0.1", True), ("localhost", True), ("app.localhost", True), ("10.1.2.3", True),
    ("192.168.0.1", True), ("169.254.169.254", True), ("[::1]", True), ("0.0.0.0", True),
    ("::ffff:127.0.0.1", True), ("93.184.216.34", False), ("8.8.8.8", False),
    ("intranet.example", True), ("news.example", False),
])
def test_private_hosts(host: str, private: bool) -> None:
    dns = _dns({"intranet.example": ["10.0.0.5"], "news.example": ["93.184.216.34"]})
    assert is_private_host(host, dns) is private


def test_public_to_private_redirects_are_refused_and_the_rest_followed() -> None:
    dns = _dns({"news.example": ["93.184.216.34"], "evil.example": ["127.0.0.1"],
                "cdn.example": ["151.101.1.1"]})
    with pytest.raises(FetchError, match=r"refused a redirect from public news\.example"):
        check_redirect("news.example", "127.0.0.1", "http://127.0.0.1/admin", dns)
    with pytest.raises(FetchError, match="allow-private-redirects"):
        check_redirect("news.example", "evil.example", "http://evil.example/", dns)
    check_redirect("news.example", "cdn.example", "https://cdn.example/a", dns)
    check_redirect("127.0.0.1", "news.example", "https://news.example/a", dns)
    check_redirect("127.0.0.1", "localhost", "http://localhost/", dns)


def test_redirects_between_loopback_addresses_still_work(http_server: LocalHTTPServer) -> None:
    http_server.route("/final", Reply(b"arrived"))
    http_server.redirect("/go", http_server.url("/final").replace("127.0.0.1", "localhost"))
    assert fetch(http_server.url("/go"), FetchOptions(timeout=5)).text == "arrived"


def test_encodings_header() -> None:
    assert encodings("gzip, identity, deflate", "u") == ["deflate", "gzip"]
    assert encodings("", "u") == []
    with pytest.raises(UnsupportedContent, match="'zstd'"):
        encodings("gzip, zstd", "u")
    with pytest.raises(UnsupportedContent, match="5 layers"):
        encodings(", ".join(["gzip"] * 5), "u")


def test_decoding_yields_small_pieces_of_a_huge_body() -> None:
    bomb = gzip.compress(gzip.compress(bytes(50 << 20)))
    pieces = decoded([bomb], ["gzip", "gzip"], "u")
    first = [next(pieces) for _ in range(10)]
    assert all(0 < len(p) <= 64 * 1024 for p in first)


def test_gzip_members_back_to_back_and_trailing_padding() -> None:
    body = gzip.compress(b"one ") + gzip.compress(b"two") + b"\x00\x00"
    assert b"".join(decoded([body[:5], body[5:]], ["gzip"], "u")) == b"one two"


@pytest.mark.parametrize("damage", ["cut", "stray", "two"])
def test_nearly_utf8_text_is_utf8(damage: str) -> None:
    data = RU.encode("utf-8")
    if damage == "cut":
        data = data[:1001] if data[1000] >= 0x80 else data[:1000] + "ж".encode()[:1]
    elif damage == "stray":
        data = data[:500] + b"\xff" + data[500:]
    else:
        data = data[:300] + b"\xc0" + data[300:900] + b"\xfe" + data[900:]
    text, charset = decode(data)
    assert charset == "utf-8"
    assert "Министр иностранных дел" in text and text.count("\ufffd") <= 4


def test_legacy_text_is_still_detected() -> None:
    assert decode(RU.encode("windows-1251")) == (RU, "windows-1251")
    assert decode(RU.encode("koi8-r"))[1] == "koi8-r"


def test_bounded_input_cuts_html_at_the_tag_limit() -> None:
    html = "<html><body>" + "<p>x</p>" * MAX_HTML_TAGS
    cut, note = bounded_input(html, "html")
    assert note and "more than 10,000 HTML tags" in note
    assert cut.count("<") == MAX_HTML_TAGS
    assert bounded_input("<p>x</p>" * 10, "html") == ("<p>x</p>" * 10, None)


def test_bounded_input_cuts_text_at_the_line_limit() -> None:
    text = "line\n" * 6000
    cut, note = bounded_input(text, "text")
    assert cut.count("\n") == 4999 and note and "5,000 lines" in note


def test_bounded_article_keeps_the_head_and_says_so() -> None:
    many = Article(tuple(Paragraph(f"Paragraph {i} is here.") for i in range(3000)))
    cut = bounded_article(many)
    assert len(cut.paragraphs) == MAX_PARAGRAPHS
    assert cut.paragraphs[0] == many.paragraphs[0]
    assert "first 1,000 of 3,000 paragraphs" in cut.warnings[0]
    long = Article((Paragraph("word " * 30_000),))
    assert len(bounded_article(long).text) <= MAX_ARTICLE_CHARS
    small = Article((Paragraph("Short."),))
    assert bounded_article(small) is small


def test_extract_reports_the_cut_in_the_article_warnings() -> None:
    text = "\n\n".join(["The minister said the talks would go on for weeks."] * 4000)
    article = extract(Fetched(text=text, kind="text", origin="stdin"))
    assert any(w.startswith("input cut") for w in article.warnings)


def test_a_lone_carriage_return_breaks_a_line() -> None:
    assert [b.text for b in blocks("first line\rsecond line")] != ["first linesecond line"]
    assert "first linesecond" not in " ".join(b.text for b in blocks("first line\rsecond line"))


def test_allow_private_redirects_is_a_checked_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from tlsum.config import build_options
    from tlsum.errors import UsageError

    assert build_options({}, {}).fetch.allow_private_redirects is False
    assert build_options({"allow_private_redirects": True}, {}).fetch.allow_private_redirects
    monkeypatch.setenv("TLSUM_ALLOW_PRIVATE_REDIRECTS", "yes")
    assert build_options({}, {}).fetch.allow_private_redirects is True
    monkeypatch.setenv("TLSUM_ALLOW_PRIVATE_REDIRECTS", "maybe")
    with pytest.raises(UsageError, match="must be true or false"):
        build_options({}, {})

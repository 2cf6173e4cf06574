"""Fetch stage: real HTTP against a server on 127.0.0.1, real files, real legacy encodings."""

from __future__ import annotations

import bz2
import gzip
import io
import re
import socket
import time
import zlib
from pathlib import Path

import pytest
from httpserver import LocalHTTPServer, Reply

from tlsum.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLargeError,
    UnsupportedContent,
    UsageError,
)
from tlsum.fetch import (
    binary_content_type,
    describe_binary,
    fetch,
    parse_retry_after,
    sniff_kind,
)
from tlsum.fetch.charset import canonical_charset, decode, meta_charset
from tlsum.options import FetchOptions

RU = (
    "Турция настаивает: прекращение огня между Россией и Украиной должно предшествовать "
    "любым переговорам о размещении войск. Министр иностранных дел заявил, что Анкара "
    "рассмотрит участие только после устойчивого перемирия. Остаются вопросы: кто будет "
    "командовать миссией и какие страны готовы направить войска?"
)
RU_SHORT = "Привет, мир!"
TR = (
    "Türkiye, Rusya ile Ukrayna arasında kalıcı bir ateşkes sağlanmadan asker "
    "konuşlandırılması konusunda görüşme yapılamayacağını açıkladı. Görevi kimin "
    "yöneteceği ve hangi ülkelerin asker göndermeye hazır olduğu belirsizliğini koruyor."
)
TR_SHORT = "Türkiye ateşkes istiyor."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"

# Short limits so error paths are quick; backoff small so retries cost ~10 ms.
FAST = FetchOptions(timeout=2.0, backoff=0.01, retries=2)


def html_page(body: str, charset: str = "utf-8", meta: str | None = None) -> bytes:
    """A small HTML page in ``charset``, optionally declaring ``meta`` in <head>."""
    head = f'<meta charset="{meta}">' if meta else ""
    return (f"<!DOCTYPE html><html><head>{head}<title>x</title></head>"
            f"<body><p>{body}</p></body></html>").encode(charset)


class SleepRecorder:
    """Records retry waits instead of sleeping, so retry tests take no time."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><body><p>x</p></body></html>",
    b"\n\n  <!doctype HTML>\n<title>x</title>",
    b"<html lang=ru><p>text",
    b"<head><title>t</title></head>",
    b"<body><p>only a body</p></body>",
    b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    b"<!-- generated -->\n<!DOCTYPE html>\n<html>",
    b"\xef\xbb\xbf<!DOCTYPE html><html>",
    "<html><body><p>Привет</p></body></html>".encode("utf-16"),
    b"<div class=a><p>One paragraph of text.</p><p>Another paragraph.</p></div>",
    b"Some text first, then <p>a</p> <p>b</p> <br> <b>c</b> tags everywhere.",
])
def test_sniff_kind_recognizes_html(data: bytes) -> None:
    assert sniff_kind(data) == "html"


@pytest.mark.parametrize("data", [
    b"",
    b"Turkey Insists: Ceasefire Between Russia and Ukraine Must Come First\n\nANKARA - ...",
    RU.encode("cp1251"),
    # An article that talks about one tag is still plain text.
    (b"Browsers render <b> as bold. " + b"This is a long plain text paragraph. " * 40),
    b"Use 3 < 5 and 7 > 2 in math; html is a word, <html is not a tag here",
])
def test_sniff_kind_recognizes_text(data: bytes) -> None:
    assert sniff_kind(data) == "text"


@pytest.mark.parametrize(("data", "what"), [
    (PDF, "a PDF"),
    (PNG, "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
    (b"PK\x03\x04\x14\x00\x00\x00", "a zip archive (or an office document)"),
    (gzip.compress(b"hello"), "gzip-compressed data"),
    (bz2.compress(b"hello"), "bzip2-compressed data"),
    (b"plain\x00text\x00with\x00NULs", "binary data"),
])
def test_describe_binary_names_the_format(data: bytes, what: str) -> None:
    assert describe_binary(data) == what


@pytest.mark.parametrize("data", [
    b"Just text.",
    "<p>Привет</p>".encode("utf-16"),  # NUL bytes, but a BOM says UTF-16
    RU.encode("koi8-r"),
    b"ID3 tags explained: what your music player reads.",  # ASCII look-alikes of magic
    b"BZh, said the bee.",
    b"%PDF is how every PDF file starts.",
])
def test_describe_binary_leaves_text_alone(data: bytes) -> None:
    assert describe_binary(data) is None


def test_describe_binary_trusts_a_declared_utf16_charset() -> None:
    data = "<p>Привет</p>".encode("utf-16-le")
    assert describe_binary(data) == "binary data"
    assert describe_binary(data, "UTF-16LE") is None


@pytest.mark.parametrize(("content_type", "what"), [
    ("application/pdf", "a PDF"),
    ("image/png", "an image (image/png)"),
    ("IMAGE/JPEG; q=1", "an image (image/jpeg)"),
    ("video/mp4", "a video (video/mp4)"),
    ("text/html; charset=utf-8", None),
    ("text/plain", None),
    ("application/octet-stream", None),  # often mislabelled text: sniff the bytes instead
    ("image/svg+xml", None),
    ("", None),
])
def test_binary_content_type(content_type: str, what: str | None) -> None:
    assert binary_content_type(content_type) == what


# --------------------------------------------------------------------------- charsets


@pytest.mark.parametrize(("label", "name"), [
    ("windows-1251", "windows-1251"),
    ("CP1251", "windows-1251"),
    ("x-cp1251", "windows-1251"),
    ('"koi8-r"', "koi8-r"),
    ("ISO-8859-9", "iso-8859-9"),
    ("latin5", "iso-8859-9"),
    ("utf8", "utf-8"),
    ("Shift_JIS", "cp932"),
    ("base64", None),  # a Python codec, but not a text encoding
    ("rot13", None),
    ("utf-7", None),  # refused: an XSS vector
    ("no-such-charset", None),
    ("", None),
    (None, None),
])
def test_canonical_charset(label: str | None, name: str | None) -> None:
    assert canonical_charset(label) == name


def test_meta_charset_finds_both_meta_forms_and_xml_declarations() -> None:
    assert meta_charset(b'<head><meta charset="windows-1251"></head>') == "windows-1251"
    assert meta_charset(b"<meta http-equiv='Content-Type' "
                        b"content='text/html; charset=KOI8-R'>") == "KOI8-R"
    assert meta_charset(b'<?xml version="1.0" encoding="ISO-8859-9"?><html>') == "ISO-8859-9"
    assert meta_charset(b"<meta charset=utf-16>") == "utf-8"  # WHATWG: ASCII-readable => not 16
    assert meta_charset(b"<p>no declaration</p>") is None


def test_decode_windows_1251_declared_in_header() -> None:
    assert decode(html_page(RU, "cp1251"), "windows-1251") == (decode(html_page(RU, "utf-8"))[0],
                                                          "windows-1251")


def test_decode_windows_1251_declared_in_meta() -> None:
    text, charset = decode(html_page(RU_SHORT, "cp1251", meta="windows-1251"))
    assert RU_SHORT in text and charset == "windows-1251"


@pytest.mark.parametrize("sample", [RU, RU_SHORT, "Мир", "Россия"])
def test_decode_undeclared_windows_1251(sample: str) -> None:
    assert decode(sample.encode("cp1251")) == (sample, "windows-1251")


@pytest.mark.parametrize("sample", [RU, RU_SHORT, "Мир"])
def test_decode_undeclared_koi8_r(sample: str) -> None:
    # charset-normalizer alone calls "Привет, мир!" in KOI8-R shift_jis_2004.
    assert decode(sample.encode("koi8-r")) == (sample, "koi8-r")


def test_decode_declared_koi8_r() -> None:
    text, charset = decode(html_page(RU_SHORT, "koi8-r", meta="koi8-r"), "text/html")
    assert RU_SHORT in text and charset == "koi8-r"


@pytest.mark.parametrize("sample", [
    "ЦБ РФ сохранил ключевую ставку.",  # acronyms: capitals are not a sign of KOI8-R
    "Цены на зерно выросли на фоне новостей о возможном перемирии.",  # not mac-cyrillic "÷ены"
    "Юрий, Щукин и Эльвира приехали в Ярославль.",
    "Україна наполягає на надійних гарантіях безпеки. Їхні міністри зустрінуться в Анкарі.",
])
@pytest.mark.parametrize("charset", ["cp1251", "koi8-u"])
def test_decode_undeclared_cyrillic_sentences(sample: str, charset: str) -> None:
    assert decode(sample.encode(charset))[0] == sample


def test_decode_iso_8859_9_declared() -> None:
    assert decode(TR.encode("iso-8859-9"), "iso-8859-9") == (TR, "iso-8859-9")
    text, charset = decode(html_page(TR_SHORT, "iso-8859-9", meta="iso-8859-9"))
    assert TR_SHORT in text and charset == "iso-8859-9"


@pytest.mark.parametrize("sample", [TR, TR_SHORT])
def test_decode_undeclared_turkish(sample: str) -> None:
    # windows-1254 is iso-8859-9 plus printable 0x80-0x9F: the same text for these bytes.
    assert decode(sample.encode("iso-8859-9")) == (sample, "windows-1254")


def test_decode_undeclared_turkish_letters() -> None:
    sample = "Çiğdem ve Gülşen Iğdır'dan geldi; Şirketler İstanbul'da toplandı."
    assert decode(sample.encode("iso-8859-9"))[0] == sample


def test_decode_turkish_page_behind_a_latin1_header() -> None:
    """The common lie: the server's default iso-8859-1, on a Turkish page (ş read as þ)."""
    assert decode(TR.encode("iso-8859-9"), "iso-8859-1")[0] == TR


def test_decode_header_utf8_but_body_windows_1251() -> None:
    assert decode(RU.encode("cp1251"), "utf-8") == (RU, "windows-1251")


def test_decode_header_koi8_but_page_and_meta_windows_1251() -> None:
    text, charset = decode(html_page(RU, "cp1251", meta="windows-1251"), "koi8-r")
    assert RU in text and charset == "windows-1251"


def test_decode_prefers_valid_utf8_over_a_stale_legacy_label() -> None:
    assert decode(html_page(RU, "utf-8", meta="windows-1251"), "windows-1251")[1] == "utf-8"


def test_decode_keeps_a_declared_latin_charset_for_western_text() -> None:
    text = "Müller sagt, die Straße wäre größer."
    assert decode(text.encode("iso-8859-1"), "iso-8859-1") == (text, "iso-8859-1")
    # Bytes 0x80-0x9F are printable only in windows-1252, as browsers assume.
    quoted = "“Größer”, sagt er."
    assert decode(quoted.encode("cp1252"), "iso-8859-1") == (quoted, "windows-1252")


def test_decode_boms() -> None:
    assert decode(b"\xef\xbb\xbf" + RU.encode(), "windows-1251") == (RU, "utf-8")
    assert decode(RU.encode("utf-16"), None)[0] == RU
    assert decode(RU_SHORT.encode("utf-16-be"), "utf-16be") == (RU_SHORT, "utf-16-be")


def test_decode_ascii_and_empty() -> None:
    assert decode(b"plain ascii", None) == ("plain ascii", "utf-8")
    assert decode(b"plain ascii", "windows-1251") == ("plain ascii", "windows-1251")
    assert decode(b"", None) == ("", "utf-8")


def test_decode_ignores_a_hostile_codec_label() -> None:
    assert decode(RU.encode("cp1251"), "base64") == (RU, "windows-1251")


def test_decode_other_scripts_fall_back_to_charset_normalizer() -> None:
    greek = "Η Τουρκία επιμένει ότι η εκεχειρία πρέπει να προηγηθεί κάθε συζήτησης."
    assert decode(greek.encode("cp1253"))[0] == greek
    polish = "Zażółć gęślą jaźń. Turcja nalega, że zawieszenie broni musi być pierwsze."
    assert decode(polish.encode("cp1250"))[0] == polish


def test_parse_retry_after() -> None:
    from datetime import datetime, timezone

    now = datetime(2026, 1, 14, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 14 Jan 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 14 Jan 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# --------------------------------------------------------------------------- HTTP


def test_fetches_html_and_sends_real_headers(http_server: LocalHTTPServer) -> None:
    http_server.route("/a", Reply(html_page("Hello"),
                                  headers={"Content-Type": "text/html; charset=utf-8"}))
    options = FetchOptions(user_agent="tlsum-test/1.0 (+https://example.org)")
    got = fetch(http_server.url("/a"), options)
    assert got.kind == "html" and "<p>Hello</p>" in got.text
    assert (got.origin, got.url, got.charset) == ("url", http_server.url("/a"), "utf-8")
    assert got.content_type == "text/html; charset=utf-8"
    request = http_server.requests_to("/a")[0]
    assert request.header("User-Agent") == "tlsum-test/1.0 (+https://example.org)"
    assert "text/html" in (request.header("Accept") or "")
    assert request.header("Accept-Language") == options.accept_language
    assert "gzip" in (request.header("Accept-Encoding") or "")


def test_kind_comes_from_content_not_content_type(http_server: LocalHTTPServer) -> None:
    http_server.route("/text-labelled-html", Reply(html_page("x"),
                                                   headers={"Content-Type": "text/plain"}))
    http_server.route("/html-labelled-text", Reply(b"Just a plain story.\n\nTwo paragraphs.",
                                                   headers={"Content-Type": "text/html"}))
    assert fetch(http_server.url("/text-labelled-html"), FAST).kind == "html"
    assert fetch(http_server.url("/html-labelled-text"), FAST).kind == "text"


def test_follows_a_redirect_chain(http_server: LocalHTTPServer) -> None:
    http_server.redirect("/one", "/two", 301)
    http_server.redirect("/two", http_server.url("/three"), 302)  # absolute Location
    http_server.redirect("/three", "/final", 307)
    http_server.route("/final", Reply(b"arrived"))
    got = fetch(http_server.url("/one"), FAST)
    assert got.text == "arrived" and got.url == http_server.url("/final")
    assert [r.path for r in http_server.requests] == ["/one", "/two", "/three", "/final"]


def test_redirect_loop_is_a_clear_error(http_server: LocalHTTPServer) -> None:
    http_server.redirect("/ping", "/pong")
    http_server.redirect("/pong", "/ping")
    with pytest.raises(FetchError, match="redirect loop") as caught:
        fetch(http_server.url("/ping"), FAST)
    assert len(http_server.requests) == FAST.max_redirects + 1
    assert "\n" not in str(caught.value)


def test_too_many_redirects(http_server: LocalHTTPServer) -> None:
    for hop in range(4):
        http_server.redirect(f"/r{hop}", f"/r{hop + 1}")
    http_server.route("/r4", Reply(b"too far"))
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(http_server.url("/r0"), FetchOptions(max_redirects=3))
    assert fetch(http_server.url("/r0"), FetchOptions(max_redirects=4)).text == "too far"


def test_404_is_one_line_and_not_retried(http_server: LocalHTTPServer) -> None:
    url = http_server.url("/missing")
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url, FAST)
    assert str(caught.value) == f"HTTP 404 Not Found for {url}"
    assert caught.value.status_code == 404
    assert len(http_server.requests) == 1


def test_redirect_to_a_dead_host_names_that_host(http_server: LocalHTTPServer) -> None:
    port = closed_port()
    http_server.redirect("/moved", f"http://127.0.0.1:{port}/article")
    with pytest.raises(FetchError, match=f"cannot connect to 127.0.0.1:{port}"):
        fetch(http_server.url("/moved"), FAST)


def test_redirect_to_another_scheme_is_an_error(http_server: LocalHTTPServer) -> None:
    http_server.redirect("/ftp", "ftp://127.0.0.1/file.txt")
    with pytest.raises(FetchError, match="unsupported protocol"):
        fetch(http_server.url("/ftp"), FAST)


def test_timeout(http_server: LocalHTTPServer) -> None:
    http_server.route("/slow", Reply(b"late", delay=2.0))
    start = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"timed out after 0\.3 s"):
        fetch(http_server.url("/slow"), FetchOptions(timeout=0.3))
    assert time.monotonic() - start < 1.5


def test_one_deadline_stops_a_slow_drip(http_server: LocalHTTPServer) -> None:
    http_server.route("/drip", Reply(b"x" * 100, chunk_size=1, chunk_delay=0.05))
    start = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"took too long|timed out after 0\.3 s"):
        fetch(http_server.url("/drip"), FetchOptions(timeout=0.3))
    assert time.monotonic() - start < 1.5


def test_oversized_body_refused_from_content_length(http_server: LocalHTTPServer) -> None:
    http_server.route("/big", Reply(b"a" * 200_000))
    with pytest.raises(TooLargeError, match=r"is 195 KB, over the 97.7 KB size limit"):
        fetch(http_server.url("/big"), FetchOptions(max_bytes=100_000))


def test_oversized_body_without_length_stops_reading_early(
        http_server: LocalHTTPServer) -> None:
    body = b"a" * (32 * 1024 * 1024)
    http_server.route("/stream", Reply(body, content_length=False))
    with pytest.raises(TooLargeError, match=r"larger than the 97\.7 KB size limit"):
        fetch(http_server.url("/stream"), FetchOptions(max_bytes=100_000))
    request = http_server.requests_to("/stream")[0]
    assert request.done.wait(5)
    assert request.aborted and request.sent < len(body)


def test_gzip_body_is_decoded(http_server: LocalHTTPServer) -> None:
    http_server.route("/gz", Reply(gzip.compress(html_page(RU, "cp1251")), headers={
        "Content-Encoding": "gzip", "Content-Type": "text/html; charset=windows-1251"}))
    got = fetch(http_server.url("/gz"), FAST)
    assert RU in got.text and got.kind == "html" and got.charset == "windows-1251"


def test_deflate_body_is_decoded(http_server: LocalHTTPServer) -> None:
    http_server.route("/deflate", Reply(zlib.compress(b"plain deflated text"),
                                        headers={"Content-Encoding": "deflate"}))
    assert fetch(http_server.url("/deflate"), FAST).text == "plain deflated text"


def test_size_cap_applies_to_decoded_bytes(http_server: LocalHTTPServer) -> None:
    bomb = gzip.compress(b"a" * (20 * 1024 * 1024))  # ~20 KB on the wire
    http_server.route("/bomb", Reply(bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(TooLargeError):
        fetch(http_server.url("/bomb"), FetchOptions(max_bytes=1024 * 1024))


@pytest.mark.parametrize(("charset", "header", "meta", "sample"), [
    ("cp1251", "text/html; charset=windows-1251", None, RU),
    ("cp1251", "text/html", None, RU_SHORT),
    ("cp1251", "text/html", "windows-1251", RU_SHORT),
    ("koi8-r", "text/html; charset=KOI8-R", None, RU_SHORT),
    ("koi8-r", "text/html", None, RU),
    ("iso-8859-9", "text/html; charset=iso-8859-9", None, TR_SHORT),
    ("iso-8859-9", "text/html", "iso-8859-9", TR),
    ("iso-8859-9", "text/html", None, TR),
])
def test_legacy_encoded_pages(http_server: LocalHTTPServer, charset: str, header: str,
                              meta: str | None, sample: str) -> None:
    http_server.route("/legacy", Reply(html_page(sample, charset, meta),
                                       headers={"Content-Type": header}))
    got = fetch(http_server.url("/legacy"), FAST)
    assert f"<p>{sample}</p>" in got.text
    assert got.kind == "html"


@pytest.mark.parametrize(("body", "content_type", "what"), [
    (PDF, "application/pdf", "a PDF"),
    (PDF, "application/octet-stream", "a PDF"),
    (PNG, "image/png", "an image (image/png)"),
    (PNG, "text/html", "a PNG image"),
])
def test_binary_responses_are_refused(http_server: LocalHTTPServer, body: bytes,
                                      content_type: str, what: str) -> None:
    http_server.route("/file", Reply(body, headers={"Content-Type": content_type}))
    url = http_server.url("/file")
    with pytest.raises(UnsupportedContent) as caught:
        fetch(url, FAST)
    assert str(caught.value) == f"{url} is {what}, not an article"


def test_429_then_200_is_retried(http_server: LocalHTTPServer) -> None:
    http_server.route("/busy", Reply(status=429, headers={"Retry-After": "0"}), Reply(b"ok"))
    sleep = SleepRecorder()
    assert fetch(http_server.url("/busy"), FAST, sleep=sleep).text == "ok"
    assert len(http_server.requests_to("/busy")) == 2
    assert sleep.waits == [0.0]  # Retry-After wins over the backoff


def test_retries_use_exponential_backoff_for_real(http_server: LocalHTTPServer) -> None:
    http_server.route("/flaky", Reply(status=503), Reply(status=503), Reply(b"ok"))
    assert fetch(http_server.url("/flaky"), FAST).text == "ok"  # real sleeps: 0.01 + 0.02 s
    assert len(http_server.requests_to("/flaky")) == 3


def test_503_forever_gives_up_after_retries(http_server: LocalHTTPServer) -> None:
    http_server.route("/down", Reply(status=503))
    url = http_server.url("/down")
    sleep = SleepRecorder()
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url, FAST, sleep=sleep)
    assert str(caught.value) == f"HTTP 503 Service Unavailable for {url} (after 2 retries)"
    assert caught.value.status_code == 503
    assert sleep.waits == [0.01, 0.02]
    assert len(http_server.requests_to("/down")) == 3


def test_an_unreasonable_retry_after_fails_at_once(http_server: LocalHTTPServer) -> None:
    http_server.route("/later", Reply(status=429, headers={"Retry-After": "3600"}))
    sleep = SleepRecorder()
    with pytest.raises(HTTPStatusError, match="next try would be in 3600 s"):
        fetch(http_server.url("/later"), FAST, sleep=sleep)
    assert sleep.waits == [] and len(http_server.requests) == 1


def closed_port() -> int:
    """A port that was free a moment ago and has nobody listening on it now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_a_fetch_error() -> None:
    port = closed_port()
    with pytest.raises(FetchError, match=f"cannot connect to 127.0.0.1:{port}") as caught:
        fetch(f"http://127.0.0.1:{port}/", FAST)
    assert type(caught.value) is FetchError


def test_offline_mode_refuses_urls(http_server: LocalHTTPServer) -> None:
    with pytest.raises(FetchError, match="offline"):
        fetch(http_server.url("/"), FetchOptions(offline=True))
    assert http_server.requests == []


@pytest.mark.parametrize(("url", "message"), [
    ("http://", "no host name"),
    ("https:///path", "no host name"),
    ("http://[::1", "not a valid URL"),
])
def test_malformed_urls(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=re.escape(message)):
        fetch(url, FAST)


def test_unsupported_scheme() -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        fetch("ftp://example.org/file.txt", FAST)


# --------------------------------------------------------------------------- files and stdin


def test_file_kind_is_sniffed_not_taken_from_the_name(tmp_path: Path) -> None:
    html_named_txt = tmp_path / "article.txt"
    html_named_txt.write_bytes(html_page("x"))
    text_named_html = tmp_path / "article.html"
    text_named_html.write_text("A plain story.\n\nWith two paragraphs.\n", encoding="utf-8")
    assert fetch(str(html_named_txt), FAST).kind == "html"
    got = fetch(str(text_named_html), FAST)
    assert (got.kind, got.origin, got.url) == ("text", "file", None)
    assert got.text == "A plain story.\n\nWith two paragraphs.\n"


def test_legacy_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RU.encode("koi8-r"))
    got = fetch(str(path), FAST)
    assert (got.text, got.charset, got.kind) == (RU, "koi8-r", "text")


def test_file_url(tmp_path: Path) -> None:
    path = tmp_path / "a b.txt"
    path.write_text("spaced", encoding="utf-8")
    assert fetch(path.as_uri(), FAST).text == "spaced"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(FetchError) as caught:
        fetch(str(path), FAST)
    assert str(caught.value) == f"no such file: {path}"


def test_missing_file_that_looks_like_a_url() -> None:
    with pytest.raises(FetchError, match=r"write https://example\.com/news/1"):
        fetch("example.com/news/1", FAST)


@pytest.mark.parametrize("name", ["notes.txt", "docs/article.html", "report.pdf"])
def test_missing_file_with_a_plain_name_gets_no_url_hint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)  # relative names, as a user would type them
    with pytest.raises(FetchError) as caught:
        fetch(name, FAST)
    assert str(caught.value) == f"no such file: {name}"


def test_empty_source_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        fetch("  ", FAST)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="is a directory"):
        fetch(str(tmp_path), FAST)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(PDF)
    with pytest.raises(UnsupportedContent, match=r"report\.txt is a PDF, not an article"):
        fetch(str(path), FAST)


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(TooLargeError, match="over the 1 KB size limit"):
        fetch(str(path), FetchOptions(max_bytes=1024))


def test_stdin() -> None:
    got = fetch("-", FAST, stdin=io.BytesIO(RU.encode("cp1251")))
    assert (got.text, got.charset, got.origin, got.kind) == (RU, "windows-1251", "stdin", "text")


def test_empty_stdin_is_empty_text_not_an_error() -> None:
    got = fetch("-", FAST, stdin=io.BytesIO(b""))
    assert (got.text, got.kind, got.origin) == ("", "text", "stdin")


def test_oversized_stdin() -> None:
    with pytest.raises(TooLargeError, match="stdin is larger than"):
        fetch("-", FetchOptions(max_bytes=100), stdin=io.BytesIO(b"x" * 1000))


# --------------------------------------------------------------------------- the fixture itself


def test_truncated_body_is_a_fetch_error(http_server: LocalHTTPServer) -> None:
    http_server.route("/cut", Reply(b"x" * 10_000, truncate_at=100))
    with pytest.raises(FetchError, match="cannot fetch") as caught:
        fetch(http_server.url("/cut"), FAST)
    assert "\n" not in str(caught.value)


def test_http_server_ranges_handlers_and_recording(http_server: LocalHTTPServer) -> None:
    import httpx

    http_server.route("/blob", Reply(b"0123456789", ranges=True))
    http_server.route("/echo", lambda request: Reply(request.body[::-1], status=201))
    with httpx.Client() as client:
        part = client.get(http_server.url("/blob"), headers={"Range": "bytes=4-"})
        assert (part.status_code, part.content) == (206, b"456789")
        assert part.headers["Content-Range"] == "bytes 4-9/10"
        blob = http_server.url("/blob")
        assert client.get(blob, headers={"Range": "bytes=2-3"}).content == b"23"
        assert client.get(blob, headers={"Range": "bytes=20-"}).status_code == 416
        assert client.get(http_server.url("/blob")).content == b"0123456789"
        echoed = client.post(http_server.url("/echo?x=1"), content=b"abc")
        assert (echoed.status_code, echoed.content) == (201, b"cba")
        assert client.head(http_server.url("/blob")).headers["Content-Length"] == "10"
        assert client.get(http_server.url("/nowhere")).status_code == 404
    posted = http_server.requests_to("/echo")[0]
    assert (posted.method, posted.path, posted.body) == ("POST", "/echo?x=1", b"abc")
    assert [r.method for r in http_server.requests_to("/blob")] == ["GET"] * 4 + ["HEAD"]

"""Pages whose only text is a notice (JavaScript, cookie wall, login, paywall) hold no
article: exit 4, for HTML and for copied text, in several languages; a real article
that mentions cookies or JavaScript is still an article."""

from __future__ import annotations

from pathlib import Path

import pytest
from failmodes import assert_error, run_cli

from tlsum.cli.exitcodes import EXIT_NO_ARTICLE
from tlsum.errors import NoArticleError
from tlsum.extract import extract
from tlsum.options import ExtractOptions
from tlsum.types import Fetched

REACT_SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>React App</title></head><body>
<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<script src="/static/js/main.3f2a.js"></script></body></html>"""

NOTICES = [
    "You need to enable JavaScript to run this app.",
    "JavaScript is disabled in your browser. Please turn it on to continue.",
    "Bitte aktivieren Sie JavaScript in Ihrem Browser.",
    "We use cookies to improve your experience. By continuing you agree to our use of "
    "cookies. Accept all cookies",
    "Wir verwenden Cookies. Bitte stimmen Sie zu, um fortzufahren.",
    "Nous utilisons des cookies. Acceptez-vous les cookies ?",
    "Sign in to continue reading. Already a subscriber? Log in",
    "This article is available to subscribers only. Subscribe to keep reading.",
    "Войдите, чтобы продолжить чтение. Доступно только подписчикам.",
    "Loading…",
    "We value your privacy. We and our partners store and/or access information on a device, "
    "such as cookies, and process personal data, such as unique identifiers and standard "
    "information sent by a device, for personalised ads and content, ad and content "
    "measurement, and audience insights, as well as to develop and improve products. With "
    "your permission we and our partners may use precise geolocation data and "
    "identification through device scanning. You may click to consent to our and our "
    "partners' processing as described above. Alternatively you may access more detailed "
    "information and change your preferences before consenting or to refuse consenting. "
    "Please note that some processing of your personal data may not require your consent, "
    "but you have a right to object to such processing. Accept all. Reject all. "
    "Manage preferences.",
]

ARTICLE = (
    "The European Commission proposed on Tuesday to simplify the rules on cookie banners, "
    "which ask visitors of almost every website to accept cookies before reading. "
    "Officials said the change would let browsers send one setting for all sites, and that "
    "JavaScript-heavy pages would no longer need to show a pop-up on every visit. "
    "Consumer groups welcomed the plan but warned that enforcement had been weak."
)


def _page(body: str) -> str:
    return (f"<html><head><title>Notice</title></head><body><article><p>{body}</p>"
            "</article></body></html>")


def _extract(text: str, kind: str) -> object:
    return extract(Fetched(text=text, kind=kind, origin="file"), ExtractOptions(input=kind))


def test_react_shell_with_a_noscript_notice_is_no_article() -> None:
    with pytest.raises(NoArticleError, match=r"only a notice.*enable JavaScript"):
        _extract(REACT_SHELL, "html")


@pytest.mark.parametrize("notice", NOTICES)
@pytest.mark.parametrize("kind", ["html", "text"])
def test_notice_only_pages_are_no_article(notice: str, kind: str) -> None:
    text = _page(notice) if kind == "html" else f"Notice\n\n{notice}\n"
    with pytest.raises(NoArticleError):
        _extract(text, kind)


@pytest.mark.parametrize("kind", ["html", "text"])
def test_an_article_about_cookies_is_still_an_article(kind: str) -> None:
    text = _page(ARTICLE) if kind == "html" else f"Cookie banners to go\n\n{ARTICLE}\n"
    article = _extract(text, kind)
    assert "European Commission" in getattr(article, "text", "")


def test_short_article_beside_a_cookie_notice_is_kept() -> None:
    body = ("We use cookies. Accept cookies to continue.</p><p>Egypt beat Uganda 1-0 in "
            "Cairo on Sunday and moved top of the group.")
    article = _extract(_page(body), "html")
    assert "Egypt beat Uganda" in getattr(article, "text", "")


def test_cli_exits_4_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "app.html"
    page.write_text(REACT_SHELL, encoding="utf-8")
    code, out, err = run_cli(capsys, "summarize", str(page))
    assert_error(code, out, err, EXIT_NO_ARTICLE, "notice", "JavaScript")

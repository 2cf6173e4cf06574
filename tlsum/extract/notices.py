"""Pages that hold no article, only a notice about why it is not shown.

A JavaScript app's empty shell ("You need to enable JavaScript to run this
app."), a cookie wall, a login or paywall prompt, a bot check: what is left
after extraction is the notice itself, and summarizing it tells the reader
nothing about the article. Such a body is refused (``NoArticleError``, exit 4)
when, with its notice paragraphs set aside, fewer than ``MIN_PROSE_WORDS``
words remain. A long article that merely mentions cookies or JavaScript is
never touched: a notice counts only in a short paragraph, and the rule looks
only at what is left.

The patterns are shapes of such notices in several languages (the verb that
asks the reader to act, near the thing to act on), not the text of any page.
"""

from __future__ import annotations

import re

from tlsum.extract.patterns import size, words
from tlsum.types import Paragraph

#: Fewer words than this left beside the notices: there is no article to summarize.
MIN_PROSE_WORDS = 8
#: A paragraph longer than this is prose, whatever it mentions.
MAX_NOTICE_WORDS = 60

_ACT = (r"enabl|activat|turn(?:ed)? on|switch(?:ed)? on|allow|disabl|requir|support|"
        r"aktivier|einschalt|activ|habilit|abilit|attiv|inschakel|włącz|povol|"
        r"включ|разреш|отключ|требует")
_NOTICE_RES = tuple(re.compile(p, re.I | re.S) for p in (
    # JavaScript shells: "enable JavaScript", "JavaScript is disabled/required".
    rf"java\s?script.{{0,80}}(?:{_ACT})|(?:{_ACT}).{{0,60}}java\s?script",
    # Cookie walls: "we use cookies", "accept cookies", in several languages.
    r"(?:we use|this (?:web)?site uses|uses|wir verwenden|verwendet|nous utilisons|utilise|"
    r"utilizamos|utiliza|usamos|utilizziamo|utilizza|gebruikt|używa|мы используем|использует)"
    r".{0,60}cookie|cookie.{0,120}(?:accept|consent|agree|allow|akzeptier|zustimm|accepte|"
    r"acept|aceit|accett|accoord|akcept|соглас|принима|примите)|"
    r"(?:accept|consent|akzeptier|accepte|acept|accett)\w*.{0,40}cookie|куки|файлы cookie",
    # Login and paywalls: "sign in to continue", "subscribe to read", "for subscribers".
    r"(?:sign|log)\s?in\b.{0,60}(?:to (?:continue|read|view|access|see)|subscri)|"
    r"subscri\w*.{0,40}(?:to (?:continue|read|access|keep reading|unlock)|only)|"
    r"already a (?:subscriber|member)|(?:subscribers|members) only|"
    r"(?:article|content|story) is (?:only )?(?:available|reserved|exclusive)"
    r" (?:to|for) (?:subscribers|members)|create (?:a )?(?:free )?account to|"
    r"(?:melden sie sich|jetzt) an\b|nur für abonnenten|abonnieren sie|"
    r"connectez-vous|réservé aux abonnés|abonnez-vous|inicia sesión|suscríbete|"
    r"exclusivo para suscriptores|accedi per|riservato agli abbonati|"
    r"войдите|авторизуйтесь|доступно только подписчикам|оформите подписку",
    # Browser and bot checks.
    r"(?:browser|navigateur|navegador|браузер)\b.{0,40}(?:not supported|does not support|"
    r"update|upgrade|n'est pas pris|no es compatible|не поддерживается|обновите)|"
    r"(?:checking|verify(?:ing)?) (?:your browser|you are (?:a )?human)|"
    r"are you a robot|access denied|captcha",
))


# What a consent manager's long text says; two of them make a cookie wall of any length.
_CONSENT_RE = re.compile(
    r"accept all|reject all|allow all|decline all|manage (?:your )?(?:preferences|settings|"
    r"choices|options)|cookie (?:settings|preferences|policy)|privacy (?:policy|settings)|"
    r"personali[sz]ed (?:ads|advertising|content)|(?:our|third[- ]party|advertising) partners|"
    r"legitimate interest|store and(?:/or)? access information|alle akzeptieren|"
    r"tout accepter|aceptar todo|accetta tutto|принять все", re.I)
MAX_CONSENT_WORDS = 400


def is_notice(text: str) -> bool:
    """A paragraph that asks the reader to enable, accept, log in or subscribe: a short one
    of any such shape, or a consent manager's text of up to ``MAX_CONSENT_WORDS`` words."""
    n = len(words(text))
    if n <= MAX_NOTICE_WORDS and any(r.search(text) for r in _NOTICE_RES):
        return True
    found = {m.group().lower() for m in _CONSENT_RE.finditer(text)}
    return n <= MAX_CONSENT_WORDS and len(found) >= 2


def notice_only(paragraphs: tuple[Paragraph, ...]) -> str | None:
    """Why the body is no article (a notice, or too little text), or None when it is one."""
    notices = [p for p in paragraphs if is_notice(p.text)]
    left = sum(size(p.text) for p in paragraphs if not is_notice(p.text))  # CJK: by characters
    if left >= MIN_PROSE_WORDS:
        return None
    if notices:
        return f"the page holds only a notice, no article: {_quoted(notices[0].text)}"
    return f"too little text for an article ({left} word{'s' if left != 1 else ''})"


def _quoted(text: str, limit: int = 70) -> str:
    """The notice, cut to fit the one error line."""
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[:limit - 1] + "…"}"'

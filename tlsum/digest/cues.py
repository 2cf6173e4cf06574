"""Which sentences of a foreign article may raise a question, before it is translated.

Questions are found on English text, so a foreign article must be translated first;
``--translate summary`` keeps that translation small with this cheap multilingual net.
"""

from __future__ import annotations

from tlsum.types import Document

# Words that mark something as open, per language, matched as lower-cased
# substrings. Only used to pick which sentences to translate when the user asks
# for ``--translate summary``: a cheap net that should catch every sentence the
# English rules above could use, at the price of translating a few extra.
_OPEN_CUES: dict[str, tuple[str, ...]] = {
    "en": ("unclear", "whether", "unknown", "not yet", "investigat", "may ", "might", "could",
           "if ", "denied", "not said", "question", "not decided", "yet to", "did not say",
           "not named", "not determined", "would"),
    "ru": ("неясн", "не ясн", "неизвестн", "пока не", " ли ", " ли,", "расследова", "может",
           "могут", "если", "отрица", "не уточн", "вопрос", "предстоит", "не сообщ", "не исключ",
           "не реши", "не решен", "не назва", "не определ", "не установ", "не сказа", " бы "),
    "uk": ("незрозум", "невідом", "поки не", "чи ", "розслідув", "може", "якщо", "запереч",
           "не уточн", "питання", "не виріш", "не назва", "не визнач", "не встанов", " би "),
    "de": ("unklar", " ob ", "unbekannt", "noch nicht", "ermittl", "könnte", "falls", "wenn ",
           "bestritt", "frage", "nicht entschieden", "noch offen", "nicht gesagt", "würde"),
    "fr": ("pas clair", "incertain", " si ", "inconnu", "pas encore", "enquête", "pourrait",
           "nié", "question", "pas décidé", "pas précisé", "pas dit", "rait "),
    "es": ("no está claro", " si ", "se desconoce", "todavía no", "aún no", "investiga",
           "podría", "negó", "pregunta", "no ha decidido", "no decidió", "no precisó", "ría "),
    "tr": ("belirsiz", "bilinmiyor", "henüz", "soruşturma", "eğer", "olup olmadığı", "mı", "mi "),
}


def candidate_ids(doc: Document) -> frozenset[int]:
    """Ids of sentences that may raise a question, in any language.

    Questions are found on English text, so a foreign article must be
    translated first; this prefilter keeps that translation small: list items
    and their lead-ins, direct questions, and sentences with an "open" cue.
    Languages without a cue list get every sentence (nothing is lost).
    """
    cues = _OPEN_CUES.get(doc.language)
    if cues is None:
        return frozenset(s.id for s in doc.sentences)
    picked = set()
    for s in doc.sentences:
        text = f" {s.text.lower()} "
        if s.kind == "li" or s.text.rstrip().endswith(("?", ":")) or any(c in text for c in cues):
            picked.add(s.id)
    return frozenset(picked)

"""Render stage: turn a ``Result`` into text, Markdown, JSON or rich output.

Everything here returns a value (a string, a dict, a rich renderable); the CLI
decides where it goes. The JSON layout is a stable, documented contract for
shell scripts: bump ``SCHEMA_VERSION`` on any incompatible change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from tlsum.types import Article, Document, Item, Result
from tlsum.version import __version__

if TYPE_CHECKING:
    from rich.console import RenderableType

SCHEMA_VERSION = 1
Command = Literal["summarize", "extract", "translate"]
Format = Literal["text", "markdown", "json"]


@dataclass(frozen=True)
class View:
    """What to show: which command's output and which optional parts."""

    command: Command = "summarize"
    show_source: bool = False
    summary_only: bool = False
    questions: bool = True  # False (--questions 0): no questions section at all


# ---------------------------------------------------------------- JSON


def to_json(result: Result, view: View) -> dict[str, Any]:
    """The ``--json`` document; see README "JSON output" for the schema."""
    doc = result.document
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tlsum_version": __version__,
        "command": view.command,
        **_metadata(result.document.article),
        "language": {
            "code": result.original.language,
            "confidence": round(result.original.language_confidence, 4),
        },
        "languages": list(result.original.languages),  # main first; more than one: mixed
        "target_language": doc.language,
        "translated": result.translation is not None,
        "models": list(result.translation.model_ids) if result.translation else [],
        "warnings": [*result.warnings, *filter(None, [_note(result)])],
    }
    if result.translation is not None:
        data["title_original"] = result.article.title
        data["title_flagged"] = result.translation.title_flagged
    if view.command == "extract":
        data["paragraphs"] = [{"text": p.text, "kind": p.kind} for p in result.article.paragraphs]
    if view.command == "translate" or (view.command == "extract" and result.translation):
        data["sentences"] = _aligned_sentences(result)
    if result.digest is not None:
        data["summary"] = [_item_json(result, i) for i in result.digest.summary]
        data["questions"] = [_item_json(result, i) for i in result.digest.questions]
    return data


def _metadata(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "url": article.url,
        "date": article.date,
        "author": article.author,
        "site": article.site,
    }


def _item_json(result: Result, item: Item) -> dict[str, Any]:
    """An item with the sentences behind it, as read and in the original language."""
    out: dict[str, Any] = {
        "text": item.text,
        "source_ids": list(item.source_ids),
        "source": _joined(result.document, item.source_ids),
    }
    if item.kind:
        out["kind"] = item.kind
        out["phrased_by"] = item.phrased_by or "rules"
    out["flagged"] = item.flagged
    if result.translation is not None:
        out["source_original"] = _joined(result.original, item.source_ids)
    return out


def _joined(doc: Document, ids: tuple[int, ...]) -> str:
    return " ".join(s.text for s in doc.by_id(ids))


def _untrusted(result: Result) -> frozenset[int]:
    return frozenset(result.translation.flagged_ids if result.translation else ())


def _mark(item: Item) -> str:
    """"⚠ " before an item that rests on an untrusted translation (``Item.flagged``: the
    pipeline sets it on a summary sentence whose translation is flagged, and on a question
    whose own translation is)."""
    return "⚠ " if item.flagged else ""


def _title(article: Article, result: Result) -> str | None:
    """The title as shown: with ⚠ when its translation is not to be trusted."""
    warn = result.translation is not None and result.translation.title_flagged
    return f"⚠ {article.title}" if article.title and warn else article.title


def _aligned_sentences(result: Result) -> list[dict[str, Any]]:
    failed = set(result.translation.failed_ids) if result.translation else set()
    untrusted = _untrusted(result)
    originals = {s.id: s.text for s in result.original.sentences}
    languages = {s.id: result.original.language_of(s) for s in result.original.sentences}
    return [
        {
            "id": s.id,
            "paragraph": s.paragraph,
            "language": languages.get(s.id, result.original.language),
            "kind": s.kind,
            "source": originals.get(s.id, s.text),
            "target": s.text,
            "failed": s.id in failed,
            "flagged": s.id in untrusted,
        }
        for s in result.document.sentences
    ]


# ---------------------------------------------------------------- headings

# Section headings in the output language (a table, not a translation call):
# (summary, questions, nothing found). Other languages get the English ones.
HEADINGS: dict[str, tuple[str, str, str]] = {
    "en": ("Summary", "Unresolved questions", "(none found)"),
    "ru": ("Кратко", "Нерешённые вопросы", "(не найдено)"),
    "de": ("Zusammenfassung", "Offene Fragen", "(keine gefunden)"),
    "fr": ("Résumé", "Questions en suspens", "(aucune trouvée)"),
    "es": ("Resumen", "Preguntas sin resolver", "(ninguna encontrada)"),
}


def headings(result: Result) -> tuple[str, str, str]:
    """The section headings for the language the reader reads."""
    return HEADINGS.get(result.document.language, HEADINGS["en"])


def _note(result: Result) -> str:
    return result.digest.note if result.digest else ""


def _nothing(result: Result) -> str:
    """The line under the questions: why they are missing or untranslated, else "none found"."""
    note = _note(result)
    return f"⚠ {note}" if note else headings(result)[2]


# ---------------------------------------------------------------- plain text


def to_text(result: Result, view: View) -> str:
    """Plain text for pipes, files and ``NO_COLOR`` terminals."""
    if view.command == "extract":
        return _article_text(result.article) + "\n"
    if view.command == "translate":
        return _translated_text(result) + "\n"
    if view.summary_only:
        return "".join(f"{item.text}\n" for item in _summary(result))
    lines = _header_lines(result.document.article, result)
    summary_title, questions_title, _ = headings(result)
    lines += ["", summary_title, *_bullets(result, _summary(result), view)]
    if not view.questions:
        return "\n".join(lines) + "\n"
    questions = _questions(result)
    lines += ["", questions_title]
    lines += _bullets(result, questions, view) if questions else []
    lines += [f"  {_nothing(result)}"] if not questions or _note(result) else []
    return "\n".join(lines) + "\n"


def _summary(result: Result) -> tuple[Item, ...]:
    return result.digest.summary if result.digest else ()


def _questions(result: Result) -> tuple[Item, ...]:
    return result.digest.questions if result.digest else ()


def _header_lines(article: Article, result: Result) -> list[str]:
    title = _title(article, result)
    lines = [title] if title else []
    lines.append(_meta(article, result))
    if article.url:
        lines.append(article.url)
    return lines


def _meta(article: Article, result: Result) -> str:
    """``date · site · author · language``, the site and author once when one names the other."""
    facts = [article.date, *_names(article.site, article.author), _language_label(result)]
    return " · ".join(f for f in facts if f)


def _names(site: str | None, author: str | None) -> list[str]:
    """Site and author, or the longer alone when it holds the other as whole words
    (``BBC News · BBC News``, ``Sky News · Sky``)."""
    if site and author:
        short, long_ = sorted((site, author), key=len)
        if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long_, re.IGNORECASE):
            return [long_]
    return [name for name in (site, author) if name]


def _language_label(result: Result) -> str:
    original = result.original.language
    if result.translation is None:
        return original
    return f"{original} → {result.document.language}"


def _bullets(result: Result, items: tuple[Item, ...], view: View) -> list[str]:
    lines = []
    for item in items:
        lines.append(f"- {_mark(item)}{item.text}")
        if view.show_source:
            lines += [f"    > {s}" for s in _source_lines(result, item)]
    return lines


def _source_lines(result: Result, item: Item) -> list[str]:
    """The original-language sentences behind an item (``--show-source``)."""
    return [s.text for s in result.original.by_id(item.source_ids)]


def _article_text(article: Article) -> str:
    """The cleaned body only: this is what extraction benchmarks read."""
    return "\n\n".join(p.text for p in article.paragraphs)


def _translated_text(result: Result) -> str:
    untrusted = _untrusted(result)
    paragraphs: dict[int, list[str]] = {}
    for s in result.document.sentences:
        mark = "⚠ " if s.id in untrusted else ""
        paragraphs.setdefault(s.paragraph, []).append(mark + s.text)
    kinds = {s.paragraph: s.kind for s in result.document.sentences}
    return "\n\n".join(
        ("- " if kinds[i] == "li" else "") + " ".join(parts)
        for i, parts in sorted(paragraphs.items())
    )


# ---------------------------------------------------------------- Markdown


def to_markdown(result: Result, view: View) -> str:
    """Markdown: headings and bullet lists, for notes and issue trackers."""
    article = result.document.article
    title = _title(article, result)
    head = [f"# {title}"] if title else []
    meta = _meta(article, result)
    head += [f"*{meta}*"] if meta else []
    if article.url:
        head.append(f"<{article.url}>")
    if view.command == "extract":
        body = [_md_paragraph(p.text, p.kind) for p in article.paragraphs]
        return "\n\n".join(head + body) + "\n"
    if view.command == "translate":
        return "\n\n".join([*head, _translated_text(result)]) + "\n"
    summary_title, questions_title, _ = headings(result)
    parts = [*head, f"## {summary_title}", _md_list(result, _summary(result), view)]
    if view.questions:
        parts += [f"## {questions_title}",
                  _md_list(result, _questions(result), view) or f"_{_nothing(result)}_"]
    return "\n\n".join(parts) + "\n"


def _md_paragraph(text: str, kind: str) -> str:
    return {"li": f"- {text}", "h": f"## {text}"}.get(kind, text)


def _md_list(result: Result, items: tuple[Item, ...], view: View) -> str:
    lines = []
    for item in items:
        lines.append(f"- {_mark(item)}{item.text}")
        if view.show_source:
            lines += [f"  > {s}" for s in _source_lines(result, item)]
    return "\n".join(lines)


# ---------------------------------------------------------------- rich


def to_rich(result: Result, view: View) -> RenderableType:
    """A rich renderable for terminals: a titled panel per section."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    if view.command != "summarize" or view.summary_only:
        return Text(to_text(result, view).rstrip("\n"))
    article = result.document.article
    meta = _meta(article, result)
    header = Text.assemble((_title(article, result) or "(untitled)", "bold"), "\n",
                           (meta, "dim"))
    summary = _rich_items(result, _summary(result), view, "•")
    questions = _rich_items(result, _questions(result), view, "?")
    summary_title, questions_title, _ = headings(result)
    panels = [Panel(summary or Text(""), title=summary_title, title_align="left",
                    border_style="cyan")]
    if view.questions:
        panels.append(Panel(questions or Text(_nothing(result), style="dim"),
                            title=questions_title, title_align="left", border_style="yellow"))
    return Group(header, *panels)


def _rich_items(result: Result, items: tuple[Item, ...], view: View,
                bullet: str) -> RenderableType | None:
    """One row per item in a grid: wrapped lines hang under the text, not under the bullet."""
    from rich.table import Table
    from rich.text import Text

    if not items:
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for item in items:
        text = Text(item.text)
        if item.flagged:
            text = Text.assemble(("⚠ ", "bold yellow"), item.text)
        grid.add_row(bullet, text)
        for source in _source_lines(result, item) if view.show_source else []:
            grid.add_row("", Text(f"  {source}", style="dim italic"))
    return grid

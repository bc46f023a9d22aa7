"""Values as people read them: numbers without float noise, times in local time, status history
as a sentence ("5 Dec 2026 22:07 · new → resolved · by you")."""
from __future__ import annotations

import json
import math
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt


def _t(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def number(value) -> str:
    """``0.6759999999999999`` → ``0.676``; ``12.0`` → ``12``; large numbers with separators."""
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "–"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
        if abs(value) >= 1000:
            return f"{value:,.1f}"
        return f"{round(value, 4):g}" if abs(value) >= 1e-4 else f"{value:.2g}"
    return str(value)


def value(v) -> str:
    """Any attribute value: numbers as above, lists and objects compact, text as it is."""
    if isinstance(v, (int, float, bool)):
        return number(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else str(v)


def when(iso: str | None) -> str:
    """An ISO time (stored in UTC) in local time, e.g. ``5 Dec 2026 22:07``; a date alone stays a date."""
    if not iso:
        return ""
    if len(iso) <= 10:
        return iso
    dt = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not dt.isValid():
        return iso
    return dt.toLocalTime().toString(_t("d MMM yyyy HH:mm"))


ORIGINS = {"user": QT_TRANSLATE_NOOP("Formatting", "by you"), "import": QT_TRANSLATE_NOOP("Formatting", "from the import")}


def history_line(h: dict) -> str:
    """One status change: ``5 Dec 2026 22:07 · new → resolved · by you · note``; a "told" record
    reads ``… · people told: 3 people via app``."""
    status = QCoreApplication.translate("FeedbackView", h["new_status"])
    old = QCoreApplication.translate("FeedbackView", h["old_status"]) if h.get("old_status") else "—"
    note = (h.get("note") or "").strip()
    parts = [when(h.get("changed_at"))]
    if note.startswith("[told]"):
        parts.append(_t("people told: {0}").format(note[len("[told]"):].strip()))
        note = ""
    else:
        parts.append(f"{old} → {status}")
    parts.append(_t(ORIGINS.get(h.get("origin"), h.get("origin") or "")))
    if note:
        parts.append(note)
    return " · ".join(p for p in parts if p)


_STRINGS = [QT_TRANSLATE_NOOP("Formatting", "yes"), QT_TRANSLATE_NOOP("Formatting", "no"),
            QT_TRANSLATE_NOOP("Formatting", "d MMM yyyy HH:mm"), QT_TRANSLATE_NOOP("Formatting", "people told: {0}")]


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def markdown_html(text: str) -> str:
    """Markdown (made ready by triage_app.services.markdown_text.for_display) as an HTML fragment for a text
    pane: Qt's own Markdown reader, GitHub's dialect, raw HTML shown as text (feedback is never markup); links
    take the pane's link colour."""
    from PySide6.QtGui import QTextDocument

    features = QTextDocument.MarkdownFeature
    document = QTextDocument()
    document.setMarkdown(text, features.MarkdownDialectGitHub | features.MarkdownNoHTML)
    found = _BODY.search(document.toHtml())
    # code wraps in a narrow pane rather than scrolling it sideways
    return (found.group(1) if found else "").replace(" color:#0000ff;", "").replace("<pre style=\"", "<pre style=\" white-space:pre-wrap;")


_INLINE_CODE = re.compile(r"`([^`]+)`")


def markdown_title(title: str) -> str:
    """An issue's title as HTML: escaped, its `code` set as code (GitHub shows it so), not with backticks."""
    import html

    return _INLINE_CODE.sub(r"<code>\1</code>", html.escape(title))

"""The importers' format names, translated for the import wizard (the core names them in English)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_NAMES = [
    QT_TRANSLATE_NOOP("Formats", "Generic table or JSON"),
    QT_TRANSLATE_NOOP("Formats", "Consumer complaints (CFPB CSV)"),
    QT_TRANSLATE_NOOP("Formats", "GitHub issues (REST API JSON)"),
    QT_TRANSLATE_NOOP("Formats", "GitHub issues (gh CLI JSON)"),
    QT_TRANSLATE_NOOP("Formats", "GitLab issues (CSV export)"),
    QT_TRANSLATE_NOOP("Formats", "Google Forms responses"),
    QT_TRANSLATE_NOOP("Formats", "Google Play reviews (Play Console CSV)"),
    QT_TRANSLATE_NOOP("Formats", "Jira issues (CSV export)"),
    QT_TRANSLATE_NOOP("Formats", "Research survey (2 header rows)"),
    QT_TRANSLATE_NOOP("Formats", "Zendesk tickets (JSON)"),
    QT_TRANSLATE_NOOP("Formats", "unknown type"),
]


def format_label(label: str) -> str:
    """``label`` in the UI language (product names such as Qualtrics stay as they are)."""
    return QCoreApplication.translate("Formats", label)

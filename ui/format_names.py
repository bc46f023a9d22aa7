"""The importers' words — format names, errors, warnings, reasons rows were rejected or left out,
encoding notes — in the UI language. The core words them in English; ``triage_app.messages``
holds their Chinese, so the CLI (``--lang``) and the window say the same."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from triage_app.messages import localize


def ui_language() -> str:
    """"zh_CN" when the Chinese UI is installed (ui/app.py, ui/language.py), else "en"."""
    app = QCoreApplication.instance()
    return "zh_CN" if app is not None and getattr(app, "_translation", None) else "en"


def importer_text(text: str | None) -> str:
    """An importer's message in the UI language (unchanged in English)."""
    return localize(text, ui_language()) or ""


def format_label(label: str) -> str:
    """``label`` in the UI language (product names such as Qualtrics stay as they are)."""
    return importer_text(label)

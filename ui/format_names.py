"""The importers' words — format names, errors, warnings, reasons rows were rejected or left out,
encoding notes — in the UI language. The core words them in English; ``triage_app.messages``
holds their Chinese, so the CLI (``--lang``) and the window say the same."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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


#: what the feedback table, its source filter and the detail pane call each importer's items
#: (the store keeps the importer's name, e.g. "google_play"; a source the user named keeps its name)
SOURCE_NAMES = {
    "app_store": QT_TRANSLATE_NOOP("Sources", "App Store"),
    "cfpb_complaints": QT_TRANSLATE_NOOP("Sources", "CFPB complaints"),
    "discord": QT_TRANSLATE_NOOP("Sources", "Discord"),
    "discourse": QT_TRANSLATE_NOOP("Sources", "Discourse"),
    "generic": QT_TRANSLATE_NOOP("Sources", "Table"),
    "github": QT_TRANSLATE_NOOP("Sources", "GitHub"),
    "github_cli": QT_TRANSLATE_NOOP("Sources", "GitHub"),
    "github_discussions": QT_TRANSLATE_NOOP("Sources", "GitHub Discussions"),
    "gitlab": QT_TRANSLATE_NOOP("Sources", "GitLab"),
    "google_forms": QT_TRANSLATE_NOOP("Sources", "Google Forms"),
    "google_play": QT_TRANSLATE_NOOP("Sources", "Google Play"),
    "jira": QT_TRANSLATE_NOOP("Sources", "Jira"),
    "limesurvey": QT_TRANSLATE_NOOP("Sources", "LimeSurvey"),
    "qualtrics": QT_TRANSLATE_NOOP("Sources", "Qualtrics"),
    "research_survey": QT_TRANSLATE_NOOP("Sources", "Research survey"),
    "slack": QT_TRANSLATE_NOOP("Sources", "Slack"),
    "stackexchange": QT_TRANSLATE_NOOP("Sources", "Stack Exchange"),
    "surveymonkey": QT_TRANSLATE_NOOP("Sources", "SurveyMonkey"),
    "tencent_survey": QT_TRANSLATE_NOOP("Sources", "Tencent Survey"),
    "typeform": QT_TRANSLATE_NOOP("Sources", "Typeform"),
    "wenjuanxing": QT_TRANSLATE_NOOP("Sources", "Wenjuanxing"),
    "zendesk": QT_TRANSLATE_NOOP("Sources", "Zendesk"),
}


def source_name(value: str | None) -> str:
    """A source as people call it, in the UI language ("google_play" -> "Google Play"); anything
    else (a file or a name the user gave) as it is."""
    if not value:
        return ""
    english = SOURCE_NAMES.get(value)
    return QCoreApplication.translate("Sources", english) if english else value

"""Sources as people call them ("google_forms" -> "Google Forms", "Google 表单" in Chinese) for the
briefing, the dashboard and the "Tell people" update. The store keeps the importer's name (or a name
the user gave an import, or the file's name for a table); ``ui/format_names.py`` names them the same
in the window (a test keeps the two lists equal)."""
from __future__ import annotations

from typing import Any, Iterable

#: every importer by the name people know it; the Chinese is in resources/briefing/zh.json
SOURCE_NAMES = {
    "app_store": "App Store",
    "cfpb_complaints": "CFPB complaints",
    "discord": "Discord",
    "discourse": "Discourse",
    "generic": "Table",
    "github": "GitHub",
    "github_cli": "GitHub",
    "github_discussions": "GitHub Discussions",
    "gitlab": "GitLab",
    "google_forms": "Google Forms",
    "google_play": "Google Play",
    "jira": "Jira",
    "limesurvey": "LimeSurvey",
    "qualtrics": "Qualtrics",
    "research_survey": "Research survey",
    "slack": "Slack",
    "stackexchange": "Stack Exchange",
    "surveymonkey": "SurveyMonkey",
    "tencent_survey": "Tencent Survey",
    "typeform": "Typeform",
    "wenjuanxing": "Wenjuanxing",
    "zendesk": "Zendesk",
}


def source_label(value: str | None, tr: Any = None) -> str:
    """``value`` (an importer's name, or a name the user or the file gave) as people call it, in the
    language of ``tr`` (a briefing ``Tr``; product names without a translation stay as they are)."""
    if not value:
        return ""
    english = SOURCE_NAMES.get(value, value)
    table = getattr(tr, "table", None) or {}
    return str(table.get(english, english))


def sources_line(values: Iterable[str], tr: Any = None) -> str:
    """Several sources, each named once (GitHub's two importers are one "GitHub"), in a list."""
    sep = "、" if getattr(tr, "lang", "en") == "zh" else ", "
    return sep.join(dict.fromkeys(label for label in (source_label(v, tr) for v in values) if label))

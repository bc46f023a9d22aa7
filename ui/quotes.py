"""Quotes as the theme board shows them: an issue's or ticket's body without its template (HTML comments,
bold prompts, headings, checklists, code) and Markdown markers, so a product manager reads what the person
wrote, not "<!-- Note: ... --> **Do you want to request a *feature*...**". Reviews and survey answers are
shown as written."""
from __future__ import annotations

import re

from analysis.text_clean import RULES, clean_text

#: Markdown markers left inside sentences once the template lines are gone: bold/italic stars and
#: underscores around words, inline-code backticks, list bullets at a line start.
_MARKERS = re.compile(r"\*\*|__|`+|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)|^\s*[-*+]\s+", re.M)


def _plain(text: str) -> str:
    return " ".join(_MARKERS.sub("", text).split())


def shown_quote(quote: dict, limit: int = 400) -> str:
    """One line of at most ``limit`` characters: for formats cleaned with the issue or ticket rules
    (analysis.text_clean.RULES: github, gitlab, jira, zendesk...) the cleaned body without Markdown
    markers (the text without them when cleaning leaves nothing); any other format: the text as written."""
    text = quote.get("text") or ""
    fmt = quote.get("source_format")
    if fmt not in RULES or fmt == "default":  # a review or an answer: as written ("5* app" keeps its star)
        return " ".join(text.split())[:limit]
    return (_plain(clean_text(text, fmt)) or _plain(text) or " ".join(text.split()))[:limit]

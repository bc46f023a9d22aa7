"""Quotes as the theme board shows them (made here, in the core, when the board is loaded: the app only
displays the strings): an issue's or ticket's body without its template (HTML comments,
bold prompts, headings, checklists, code) and Markdown markers, so a product manager reads what the person
wrote, not "<!-- Note: ... --> **Do you want to request a *feature*...**". Reviews and survey answers are
shown as written."""
from __future__ import annotations

import re
from typing import Any

from analysis.text_clean import RULES, clean_text

#: Markdown markers left inside sentences once the template lines are gone: bold/italic stars and
#: underscores around words, inline-code backticks, list bullets at a line start.
_MARKERS = re.compile(r"\*\*|__|`+|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)|^\s*[-*+]\s+", re.M)


#: A bold prompt of an issue template inside the text ("**If the current behavior is a bug, please provide the
#: steps ... example below:**"): bold up to a question mark or a colon. Longer than the whole-line rule of
#: analysis.text_clean catches; the person's answer after it stays.
_BOLD_PROMPT = re.compile(r"\*\*[^*\n]{2,600}?[?:]\s*\*\*[:?]?|\b_No response_(?!\w)")


def _plain(text: str) -> str:
    return " ".join(_MARKERS.sub("", _BOLD_PROMPT.sub(" ", text)).split())


def shown_quote(quote: dict[str, Any], limit: int = 400) -> str:
    """One line of at most ``limit`` characters: for formats cleaned with the issue or ticket rules
    (analysis.text_clean.RULES: github, gitlab, jira, zendesk...) the title, then the cleaned body without
    Markdown markers (the text without them when cleaning leaves nothing); any other format: the text as
    written. ``quote["title"]`` must be redacted as the text is (theme_board.load_board does it)."""
    text = quote.get("text") or ""
    fmt = quote.get("source_format")
    if fmt not in RULES or fmt == "default":  # a review or an answer: as written ("5* app" keeps its star)
        return " ".join(text.split())[:limit]
    body = _plain(clean_text(text, fmt)) or _plain(text) or " ".join(text.split())
    title = " ".join(re.sub(r"`+|\*\*", "", quote.get("title") or "").split())  # "Warning for `act`" -> "... act"
    if title and not body.startswith(title):  # an issue says what it is about in its title
        body = f"{title} — {body}" if body else title
    return body[:limit]


def with_shown(quote: dict[str, Any], limit: int = 400) -> dict[str, Any]:
    """``quote`` with ``"shown"``: the line the app displays (``shown_quote``); a shorter view shows its
    start (``shown_quote(q, n) == shown_quote(q)[:n]``)."""
    return {**quote, "shown": shown_quote(quote, limit)}

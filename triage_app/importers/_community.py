"""Helpers shared by the developer-community importers (Discourse, GitHub Discussions, Slack,
Discord, Stack Exchange, App Store): HTML to text, epoch times, vote counts, JSON access."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Any

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "hr", "aside", "details", "summary"}
_SKIP = {"script", "style"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "pre":
            self._pre += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _BLOCKS and tag != "li":  # the next item's own line break is enough
            self.parts.append("\n")

    def handle_data(self, data):
        if self._skipping:
            return
        self.parts.append(data if self._pre else _SPACES.sub(" ", data.replace("\n", " ")))


def html_to_text(markup: Any) -> str:
    """Readable text of an HTML fragment (Stack Exchange bodies, Discourse ``cooked``): tags
    dropped, entities decoded, paragraphs and list items on their own lines."""
    if not isinstance(markup, str) or not markup:
        return ""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip() if not line.startswith("    ") else line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def epoch_iso(value: Any) -> str | None:
    """An epoch time in seconds ("1705312800.000001", Slack's ``ts``) as an ISO UTC string."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if not 0 < seconds < 32503680000:  # before the year 3000
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat()


def seconds_between(start: str | None, end: str | None) -> float | None:
    """Seconds from one ISO time to a later one (None when either is missing or end is earlier)."""
    if not start or not end:
        return None
    delta = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return delta if delta >= 0 else None


def as_int(value: Any) -> int | None:
    """A count from a JSON or CSV value (``3``, ``"3"``, ``3.0``); None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def dig(obj: Any, *path: str) -> Any:
    """``obj[a][b]...`` through nested dicts; None where a step is missing or not a dict."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def bad_field(exc: Exception) -> str:
    """The reason given for a record whose fields have unexpected types (a hand-edited export)."""
    return f"a field has an unexpected type or value ({type(exc).__name__}: {str(exc)[:80]})"


BAD_FIELD_ERRORS = (TypeError, AttributeError, ValueError, KeyError)


def clean_attributes(attributes: dict) -> dict:
    return {k: v for k, v in attributes.items() if v not in (None, "", [])}

"""The importers' messages in the user's language (no Qt: the window and the CLI both use it).

Importers and the import service word what they say in English — errors, warnings, reasons a row
was rejected or skipped, encoding notes, format names — and that English is the CLI's JSON
contract and what the workspace stores. ``localize(text, lang)`` turns such a message into
another language with a gettext-like table, ``resources/translations/messages_<lang>.json``,
whose keys are the English templates the code formats (``"Star Rating {0} is not 1-5"``) and
whose values say the same with the same placeholders. A message is matched against the
templates (the most specific first); each filled-in value that is itself a message (a reason
inside "no row could be read; first problem: ...") is translated too. A message that begins
with where it happened ("file.csv, row 4: reason") keeps the place and translates the reason.
Text no template matches is returned as it is.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_SLOT = re.compile(r"\{(\d+)\}")
_WHERE = re.compile(r"(?P<path>.*?), row (?P<row>\d+)", re.S)
_MAX_DEPTH = 4


def language(lang: str | None) -> str:
    """The catalogue for ``lang`` ("zh", "zh_CN", "zh-Hans" -> "zh_CN"); "" for English."""
    return "zh_CN" if lang and str(lang).lower().replace("-", "_").startswith("zh") else ""


@lru_cache(maxsize=4)
def _catalogue(lang: str) -> tuple[dict, list[tuple[re.Pattern, str, list[str]]], str]:
    """(exact messages, [(pattern, translation, slot names)] most specific first, the "where" template)."""
    path = resources.files("resources") / "translations" / f"messages_{lang}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    exact, patterns = {}, []
    for english, translated in data["messages"].items():
        parts = _SLOT.split(english)
        if len(parts) == 1:
            exact[english] = translated
            continue
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<s{p}>.+?)" for i, p in enumerate(parts))
        literal = sum(len(p) for p in parts[::2])
        patterns.append((literal, re.compile(regex, re.S), translated, parts[1::2]))
    patterns.sort(key=lambda p: -p[0])
    return exact, [(p, t, names) for _, p, t, names in patterns], data["where"]


def localize(text: str | None, lang: str | None) -> str | None:
    """``text`` (an importer's English message) in ``lang``; unchanged for English, or when no
    template matches."""
    catalogue = language(lang)
    if not text or not catalogue:
        return text
    return _translate(str(text), *_catalogue(catalogue), 0)


def has_translation(text: str, lang: str) -> bool:
    """Whether ``text`` as a whole is one of the catalogue's messages (a test checks every message)."""
    exact, patterns, _where = _catalogue(language(lang))
    return text in exact or any(p.fullmatch(text) for p, _t, _n in patterns)


def _translate(text: str, exact: dict, patterns: list, where: str, depth: int) -> str:
    found = _whole(text, exact, patterns, where, depth)
    if found is not None:
        return found
    # "path, row 4: reason" -> the place kept, the reason translated
    start = 0
    for _ in range(4):
        cut = text.find(": ", start)
        if cut < 0:
            break
        head, tail = text[:cut], text[cut + 2:]
        translated = _whole(tail, exact, patterns, where, depth)
        if translated is not None:
            place = _WHERE.fullmatch(head)
            if place:
                head = where.format(place["path"], place["row"])
            return f"{head}: {translated}"
        start = cut + 2
    return text


def _whole(text: str, exact: dict, patterns: list, where: str, depth: int) -> str | None:
    stripped = text.strip()
    if stripped in exact:
        return exact[stripped]
    if depth >= _MAX_DEPTH:
        return None
    for pattern, translated, names in patterns:
        m = pattern.fullmatch(stripped)
        if m:
            values = {n: _translate(m[f"s{n}"], exact, patterns, where, depth + 1) for n in names}
            return _SLOT.sub(lambda s: values.get(s[1], s[0]), translated)
    return None

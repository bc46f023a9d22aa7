"""Full-text search that works for Chinese as well as English.

SQLite's unicode61 tokenizer treats a run of Chinese characters as one token, so a two-character
word inside a sentence would never match. We index every CJK character as its own token and turn
a CJK query word into a phrase of its characters: ``配送`` becomes the phrase ``"配 送"``, which
matches exactly where the two characters stand side by side.
"""
from __future__ import annotations

import re

# CJK unified ideographs (+ extension A, compatibility), kana, hangul syllables, fullwidth forms.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def fts_prepare(text: str | None) -> str | None:
    """The text as it goes into the index: CJK characters spaced out, the rest unchanged."""
    if not text or not _CJK.search(text):
        return text
    return _CJK.sub(r" \g<0> ", text)


def match_expression(query: str) -> str | None:
    """Turn what a user typed into an FTS5 MATCH expression (all words must occur).

    Latin words match as prefixes (``crash`` finds ``crashes``); CJK words as exact phrases.
    Returns None when the query holds nothing searchable.
    """
    terms = []
    for word in query.split():
        word = word.replace('"', " ").strip()
        if not word:
            continue
        if _CJK.search(word):
            spaced = " ".join((fts_prepare(word) or "").split())
            terms.append(f'"{spaced}"')
        else:
            cleaned = re.sub(r"[^\w]+", " ", word).strip()
            if cleaned:
                terms.append(f'"{cleaned}"*')
    return " AND ".join(terms) if terms else None

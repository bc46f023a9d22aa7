"""Recognising score columns (NPS 0-10, CSAT 1-5, CES 1-7, star ratings 1-5) and reading their values.

A column is a score column when its header names one (docs: formats.md, "What a survey importer
must recognise") AND its values fit that scale; the values decide when the header is silent.
"""
from __future__ import annotations

import math
import re

_NPS_WORDS = re.compile(r"\bnps\b|recommend|推荐|empfehlen|recomendar|recommander", re.I)
_NPS_GROUP = re.compile(r"_NPS_GROUP$", re.I)
_CSAT_WORDS = re.compile(r"\bcsat\b|satisf|满意|zufrieden", re.I)
_CES_WORDS = re.compile(r"\bces\b|\beas(y|ily|e)\b|effort|容易|轻松|费力", re.I)
_RATING_WORDS = re.compile(r"\brating\b|\bstars?\b|star rating|\bscore\b|评分|星级|bewertung", re.I)

SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7), "rating": (1, 5)}

# Labels that surveys write instead of numbers (English and Chinese; extend as exports demand).
_LABELS = {
    "very dissatisfied": 1, "dissatisfied": 2, "neutral": 3, "neither satisfied nor dissatisfied": 3,
    "satisfied": 4, "very satisfied": 5, "extremely dissatisfied": 1, "extremely satisfied": 5,
    "非常不满意": 1, "不满意": 2, "一般": 3, "满意": 4, "非常满意": 5,
    "strongly disagree": 1, "disagree": 2, "somewhat disagree": 3, "neither agree nor disagree": 4,
    "somewhat agree": 5, "agree": 6, "strongly agree": 7,
    "not at all likely": 0, "extremely likely": 10,
}
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)")
_STARS = re.compile(r"^[★⭐]+\s*$")


def checked_score(raw: str, low: float, high: float, kind: str) -> tuple[float | None, str | None]:
    """A score cell of a ``kind`` column on a ``low``-``high`` scale: (value, None), (None, None) for an
    empty cell, or (None, the reason the row is rejected)."""
    if not raw:
        return None, None
    value = score_value(raw)
    if value is None and not raw.strip():
        return None, None
    if value is not None and low <= value <= high:
        return value, None
    return None, f"{kind.upper()} value {raw.strip()[:20]!r} is outside {low}-{high}"


def score_value(text: str) -> float | None:
    """The number in a score cell: '9', '9 - Extremely likely', '4.0', 'Satisfied', '★★★★'."""
    try:
        value = float(text)  # the common case: a plain number
        if math.isfinite(value):
            return value
        return None
    except (TypeError, ValueError):
        pass
    text = (text or "").strip()
    if not text:
        return None
    m = _LEADING_NUMBER.match(text)
    if m:
        return float(m.group(1).replace(",", "."))
    if _STARS.match(text):
        return float(len(text.strip()))
    return _LABELS.get(text.lower())


def kind_from_header(header: str) -> str | None:
    if _NPS_GROUP.search(header):
        return None  # the group column restates the score; the score column itself is used
    if _NPS_WORDS.search(header):
        return "nps"
    if _CES_WORDS.search(header):
        return "ces"
    if _CSAT_WORDS.search(header):
        return "csat"
    if _RATING_WORDS.search(header):
        return "rating"
    return None


def fits_scale(values: list[float], kind: str) -> bool:
    low, high = SCALES[kind]
    return bool(values) and all(low <= v <= high and float(v).is_integer() for v in values)


def classify_score_column(header: str, samples: list[str]) -> str | None:
    """'nps', 'csat', 'ces', 'rating' or None, from the header and sample values of a column."""
    kind = kind_from_header(header)
    if kind is None:
        return None
    values = [score_value(s) for s in samples if s and s.strip()]
    numbers = [v for v in values if v is not None]
    if not numbers or len(numbers) < 0.8 * len(values):
        return None
    # Other scales are stated, never silently mixed (metrics.md): a column that does not fit
    # its scale stays an attribute.
    return kind if fits_scale(numbers, kind) else None

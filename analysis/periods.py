"""Calendar periods of UTC times: day, week (ISO 8601, Monday first), month, quarter, or "all".

Labels sort chronologically as text: ``2024-03-05``, ``2024-W10``, ``2024-03``, ``2024-Q1``, ``all``.
Vectorised over numpy arrays of epoch seconds (UTC), so a million times take milliseconds.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np

PERIODS = ("all", "day", "week", "month", "quarter")
_EPOCH = date(1970, 1, 1)


def to_epoch(value: str | datetime | None) -> float | None:
    """Epoch seconds of an ISO 8601 time or a datetime; offsets are honoured, naive means UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


def check(by: str) -> str:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    return by


def _day_numbers(epoch_s: np.ndarray) -> np.ndarray:
    return np.floor(np.asarray(epoch_s, dtype=np.float64) / 86400.0).astype(np.int64)


def _keys(days: np.ndarray, by: str) -> np.ndarray:
    """An integer key per day number: equal keys = same period, and keys sort chronologically."""
    if by == "all":
        return np.zeros(len(days), dtype=np.int64)
    if by == "day":
        return days
    if by == "week":
        return days - (days + 3) % 7  # the Monday (1970-01-01 was a Thursday)
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return months if by == "month" else months // 3


def _label(key: int, by: str) -> str:
    if by == "all":
        return "all"
    if by == "day":
        return (_EPOCH + timedelta(days=int(key))).isoformat()
    if by == "week":
        year, week, _ = (_EPOCH + timedelta(days=int(key))).isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{1970 + int(key) // 12}-{int(key) % 12 + 1:02d}"
    return f"{1970 + int(key) // 4}-Q{int(key) % 4 + 1}"


def bucket(epoch_s: np.ndarray, by: str) -> tuple[np.ndarray, list[str]]:
    """``(codes, labels)``: ``labels[codes[i]]`` is the period of ``epoch_s[i]``; labels are in
    chronological order. NaN times (unknown) get code -1."""
    check(by)
    epoch_s = np.asarray(epoch_s, dtype=np.float64)
    known = ~np.isnan(epoch_s)
    codes = np.full(len(epoch_s), -1, dtype=np.int64)
    if by == "all":
        codes[:] = 0
        return codes, ["all"]
    keys = _keys(_day_numbers(epoch_s[known]), by)
    uniq, inverse = np.unique(keys, return_inverse=True)
    codes[known] = inverse
    return codes, [_label(k, by) for k in uniq]


def label_of(value: str | datetime | float, by: str) -> str:
    """The period label of one time (ISO text, datetime or epoch seconds)."""
    epoch = value if isinstance(value, (int, float)) else to_epoch(value)
    codes, labels = bucket(np.array([epoch], dtype=np.float64), by)
    return labels[codes[0]]


def day_label_to_epoch(day: str) -> float:
    """Epoch seconds of midnight UTC of a ``YYYY-MM-DD`` day."""
    return (date.fromisoformat(day) - _EPOCH).days * 86400.0


#: the longest spans drawn by day and by week; longer spans are drawn by month
DAY_SPAN_MAX_DAYS = 31
WEEK_SPAN_MAX_DAYS = 186


def granularity(span_s: float | None) -> str | None:
    """The time unit for drawing data that spans ``span_s`` seconds (oldest to newest item):
    ``day`` up to a month, ``week`` up to half a year, else ``month``; None for undated data.
    The one rule for sparklines, dashboard and briefing trends (and the growth window)."""
    if span_s is None or span_s != span_s:  # None or NaN: no dates
        return None
    days = max(0.0, span_s) / 86400.0
    return "day" if days <= DAY_SPAN_MAX_DAYS else "week" if days <= WEEK_SPAN_MAX_DAYS else "month"


#: length in days of one window of each unit, for rolling windows (growth, sparklines)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30}

"""How many days the data spans, said one way everywhere: the theme board's sparkline header
("Last 10 days"), the growth note ("the data spans 10 days") and the dashboard's "All time (10 days)"
all count calendar days (UTC) from the oldest item's day to the newest's, both included."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from analysis import periods

from ..store import metrics_queries as mq

DAY = 86400


def calendar_days(first: float | None, last: float | None) -> int | None:
    """Calendar days (UTC) from the day of epoch ``first`` to the day of ``last``, both included;
    None without both. Nine days and two hours starting late on the 1st is 10 days (1st-10th)."""
    if first is None or last is None:
        return None
    return int(max(last, first) // DAY - first // DAY) + 1


@dataclass(frozen=True)
class DataSpan:
    """The oldest and newest item creation times (ISO, None when no item has a date), read once."""

    oldest: str | None
    newest: str | None

    @property
    def first(self) -> float | None:
        return periods.to_epoch(self.oldest) if self.oldest else None

    @property
    def last(self) -> float | None:
        return periods.to_epoch(self.newest) if self.newest else None

    def days(self, end: float | None = None) -> int | None:
        """Calendar days the data spans up to ``end`` (epoch; default the newest item)."""
        return calendar_days(self.first, self.last if end is None else end)


def data_span(conn: sqlite3.Connection) -> DataSpan:
    return DataSpan(*mq.created_span(conn))

"""What the theme board shows: themes with their keywords and quotes, and weekly volumes for the
trend sparklines."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

from .source_names import label_sql

SUMMARY_COLUMNS = ("id", "label", "keywords", "quotes", "size", "status", "hidden", "label_edited", "parent_id",
                   "merged_into")


def theme_summary_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every theme, by id: the one query behind ``ThemeSummary`` (its sentiment and type mixes come
    from ``feedback_class_queries``, which rolls sub-themes up into their top-level theme)."""
    rows = conn.execute("SELECT id, label, keywords, quotes, size, status, hidden, label_edited, parent_id, merged_into"
                        " FROM themes ORDER BY id").fetchall()
    out = []
    for row in rows:
        theme = dict(zip(SUMMARY_COLUMNS, row))
        theme["keywords"] = json.loads(theme["keywords"] or "[]")
        theme["quotes"] = json.loads(theme["quotes"] or "[]")
        out.append(theme)
    return out


def trend_counts(conn: sqlite3.Connection, unit_days: float, bins: int) -> tuple[list[str], dict[int, list[int]]]:
    """Items per theme in each of the last ``bins`` windows of ``unit_days`` days, ending at the
    newest item (rolling windows, so the last one is never a partial calendar period)."""
    latest = conn.execute("SELECT max(created_at) FROM items").fetchone()[0]
    if not latest or bins < 1:
        return [], {}
    end = datetime.fromisoformat(latest).astimezone(timezone.utc)
    step = timedelta(days=unit_days)
    start = end - bins * step
    starts = [(start + i * step).isoformat() for i in range(bins)]
    counts: dict[int, list[int]] = {}
    for theme_id, created in conn.execute(
        "SELECT item_themes.theme_id, items.created_at FROM item_themes JOIN items ON items.id = item_themes.item_id"
        " WHERE item_themes.theme_id IS NOT NULL AND items.created_at > ?", (start.isoformat(),)
    ):
        index = min(bins - 1, int((datetime.fromisoformat(created) - start) / step))
        counts.setdefault(theme_id, [0] * bins)[index] += 1
    return starts, counts


def weekly_counts(conn: sqlite3.Connection, weeks: int = 12) -> tuple[list[str], dict[int, list[int]]]:
    """Items per theme in each of the last ``weeks`` weeks of the data (ending at the newest item)."""
    return trend_counts(conn, 7, weeks)


def quote_texts(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, dict[str, Any]]:
    if not item_ids:
        return {}
    marks = ",".join("?" * len(item_ids))
    # "source": the name the Feedback screen shows (a table's file name, a name given at import)
    return {r[0]: {"id": r[0], "title": r[1], "text": r[2], "source_format": r[3], "created_at": r[4], "source": r[5]}
            for r in conn.execute(f"SELECT id, title, text, source_format, created_at, {label_sql('items')}"
                                  f" FROM items WHERE id IN ({marks})", item_ids)}


def unassigned_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute(
        "SELECT count(*) FROM items LEFT JOIN item_themes ON item_themes.item_id = items.id"
        " WHERE item_themes.theme_id IS NULL"
    ).fetchone()[0])


def has_themes(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM themes)").fetchone()[0] == 1)

"""Rows for data exports (items and themes), streamed in keyset pages so a million items never
sit in memory at once."""
from __future__ import annotations

import sqlite3
from typing import Any, Iterator

from .item_queries import ItemFilter, _where
from .statuses import CLOSED_SQL
from .theme_scope import rolled_child, shown

ITEM_EXPORT_COLUMNS = ("id", "external_id", "source_format", "source", "created_at", "closed_at", "author", "title",
                       "text", "status", "theme_id", "theme_label", "labels", "nps", "csat", "ces", "rating", "link")
_ITEM_SELECT = (
    "SELECT items.id, items.external_id, items.source_format, items.source, items.created_at, items.closed_at,"
    " items.author, items.title, items.text, items.status, item_themes.theme_id, themes.label, items.labels,"
    " coalesce(items.nps, respondents.nps), coalesce(items.csat, respondents.csat),"
    " coalesce(items.ces, respondents.ces), coalesce(items.rating, respondents.rating), items.link"
    " FROM items LEFT JOIN respondents ON respondents.id = items.respondent_id"
    " LEFT JOIN item_themes ON item_themes.item_id = items.id LEFT JOIN themes ON themes.id = item_themes.theme_id"
)

THEME_EXPORT_COLUMNS = ("id", "label", "keywords", "size", "status", "items_resolved", "items_total", "hidden",
                        "parent_id", "created_at", "updated_at")


def iter_items_for_export(conn: sqlite3.Connection, f: ItemFilter, page: int = 5_000) -> Iterator[list[tuple[Any, ...]]]:
    """Pages of items (ITEM_EXPORT_COLUMNS) passing the filter, in id order."""
    where, args = _where(f)
    last = 0
    while True:
        clause = (where + " AND" if where else " WHERE") + " items.id > ?"
        rows = conn.execute(f"{_ITEM_SELECT}{clause} ORDER BY items.id LIMIT ?", args + [last, page]).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def themes_for_export(conn: sqlite3.Connection, include_hidden: bool = False) -> list[tuple[Any, ...]]:
    """Themes not merged away (hidden ones and their sub-themes only with ``include_hidden``); a
    top-level theme's resolved/total items include its counted sub-themes', as ``size`` does."""
    hidden = "" if include_hidden else f" AND {shown('themes')}"
    mine = f"(it.theme_id = themes.id OR it.theme_id IN (SELECT c.id FROM themes c WHERE c.parent_id = themes.id AND {rolled_child('c')}))"
    return conn.execute(
        "SELECT themes.id, themes.label, themes.keywords, themes.size, themes.status,"
        " (SELECT count(*) FROM item_themes it JOIN items i ON i.id = it.item_id"
        f"   WHERE {mine} AND i.status IN " + CLOSED_SQL + "),"
        f" (SELECT count(*) FROM item_themes it WHERE {mine}),"
        " themes.hidden, themes.parent_id, themes.created_at, themes.updated_at"
        f" FROM themes WHERE themes.merged_into IS NULL{hidden} ORDER BY themes.size DESC"
    ).fetchall()

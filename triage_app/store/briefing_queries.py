"""Queries behind the briefing export: the themes to report, their items per day, quotes, segments
and sentiment, counts per status and source, and what a report leaves out. Windows are half-open
``[start, end)`` ISO times in UTC, compared as text (every stored time is ``...+00:00``).
"""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable, TYPE_CHECKING

if TYPE_CHECKING:
    from .metrics_queries import Filters

from .source_names import label_sql
from .statuses import CLOSED_SQL
from .theme_scope import HIDDEN_IDS_SQL



def _ids(theme_ids: Iterable[int]) -> tuple[str, list[int]]:
    ids = [int(t) for t in theme_ids]
    return ",".join("?" * len(ids)) or "NULL", ids


def theme_days(conn: sqlite3.Connection, theme_ids: Iterable[int], start: str, end: str) -> list[tuple[int, str, int]]:
    """(theme id, UTC day, items created that day) for items created in [start, end)."""
    marks, ids = _ids(theme_ids)
    return conn.execute(
        "SELECT it.theme_id, substr(i.created_at, 1, 10) AS day, count(*) FROM item_themes it"
        " JOIN items i ON i.id = it.item_id"
        f" WHERE it.theme_id IN ({marks}) AND i.created_at >= ? AND i.created_at < ?"
        " GROUP BY it.theme_id, day", ids + [start, end]).fetchall()


def item_texts(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = [int(i) for i in item_ids]
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT id, title, text, {label_sql('items')}, created_at FROM items"
        f" WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
    return {r[0]: {"id": r[0], "title": r[1], "text": r[2], "source_format": r[3], "created_at": r[4]} for r in rows}


def theme_quote_candidates(conn: sqlite3.Connection, theme_id: int, start: str, end: str, limit: int = 40) -> list[dict[str, Any]]:
    """Items of a theme to quote when it has no representative quotes: those of the report window
    first, the most probable members first, texts of a readable length first."""
    rows = conn.execute(
        f"SELECT i.id, i.title, i.text, {label_sql('i')}, i.created_at FROM item_themes it"
        " JOIN items i ON i.id = it.item_id WHERE it.theme_id = ?"
        " ORDER BY (i.created_at >= ? AND i.created_at < ?) DESC, (length(i.text) BETWEEN 30 AND 400) DESC,"
        " it.probability DESC, i.id LIMIT ?", (theme_id, start, end, limit)).fetchall()
    return [{"id": r[0], "title": r[1], "text": r[2], "source_format": r[3], "created_at": r[4]} for r in rows]


def theme_segment_counts(conn: sqlite3.Connection, theme_ids: Iterable[int], start: str | None, end: str | None,
                         key: str | None = None) -> list[tuple[int, str, int]]:
    """(theme id, segment, items) in [start, end) (both None: every item). Segment: the item's source
    format, or with ``key`` the attribute of that name on the respondent (else the item); items
    without it: ``None``."""
    marks, ids = _ids(theme_ids)
    if key is None:
        segment, args = label_sql("i"), []
    else:
        path = '$."' + key.replace('"', "") + '"'
        segment = "CAST(coalesce(json_extract(r.attributes, ?), json_extract(i.attributes, ?)) AS TEXT)"
        args = [path, path]
    return conn.execute(
        f"SELECT it.theme_id, {segment} AS seg, count(*) FROM item_themes it JOIN items i ON i.id = it.item_id"
        " LEFT JOIN respondents r ON r.id = i.respondent_id"
        f" WHERE it.theme_id IN ({marks})" + ("" if start is None else " AND i.created_at >= ? AND i.created_at < ?")
        + " GROUP BY it.theme_id, seg", args + ids + ([] if start is None else [start, end])).fetchall()


def theme_sentiment_counts(conn: sqlite3.Connection, theme_ids: Iterable[int], start: str | None, end: str | None) -> dict[int, tuple[Any, ...]]:
    """{theme id: (negative, neutral, positive, unscored)} over items created in [start, end) (both
    None: every item, dated or not): the stored sentiment (which already prefers scores), else the
    item's or its respondent's score."""
    marks, ids = _ids(theme_ids)
    score = "coalesce(i.rating, i.csat, r.rating, r.csat)"
    nps = "coalesce(i.nps, r.nps)"
    label = (f"CASE WHEN s.label IS NOT NULL THEN s.label"
             f" WHEN {score} IS NOT NULL THEN (CASE WHEN {score} <= 2 THEN 'negative' WHEN {score} >= 4 THEN 'positive'"
             f"  ELSE 'neutral' END)"
             f" WHEN {nps} IS NOT NULL THEN (CASE WHEN {nps} <= 6 THEN 'negative' WHEN {nps} >= 9 THEN 'positive'"
             f"  ELSE 'neutral' END) END")
    rows = conn.execute(
        f"SELECT it.theme_id, total(lab = 'negative'), total(lab = 'neutral'), total(lab = 'positive'),"
        f" total(lab IS NULL) FROM (SELECT it.theme_id, {label} AS lab FROM item_themes it"
        " JOIN items i ON i.id = it.item_id LEFT JOIN respondents r ON r.id = i.respondent_id"
        " LEFT JOIN item_sentiment s ON s.item_id = i.id"
        f" WHERE it.theme_id IN ({marks})" + ("" if start is None else " AND i.created_at >= ? AND i.created_at < ?")
        + ") it GROUP BY it.theme_id", ids + ([] if start is None else [start, end])).fetchall()
    return {r[0]: tuple(int(x) for x in r[1:]) for r in rows}


#: the feedback types in the order the briefing counts them (as store.item_queries.FEEDBACK_TYPES)
TYPE_ORDER = ("problem", "request", "question", "praise", "other")
_TYPE_TOTALS = ", ".join(f"total(s.feedback_type = '{t}')" for t in TYPE_ORDER) + ", total(s.feedback_type IS NULL)"


def theme_type_counts(conn: sqlite3.Connection, theme_ids: Iterable[int], start: str | None, end: str | None) -> dict[int, tuple[int, ...]]:
    """{theme id: (problem, request, question, praise, other, untyped)} over items created in
    [start, end) (both None: every item, dated or not)."""
    marks, ids = _ids(theme_ids)
    rows = conn.execute(
        f"SELECT it.theme_id, {_TYPE_TOTALS} FROM item_themes it JOIN items i ON i.id = it.item_id"
        " LEFT JOIN item_sentiment s ON s.item_id = i.id"
        f" WHERE it.theme_id IN ({marks})" + ("" if start is None else " AND i.created_at >= ? AND i.created_at < ?")
        + " GROUP BY it.theme_id", ids + ([] if start is None else [start, end])).fetchall()
    return {r[0]: tuple(int(x) for x in r[1:]) for r in rows}


def type_totals(conn: sqlite3.Connection, start: str | None, end: str | None) -> tuple[int, ...]:
    """(problem, request, question, praise, other, untyped) over every item created in [start, end)
    (both None: every item), in a theme or not."""
    row = conn.execute(
        f"SELECT {_TYPE_TOTALS} FROM items i LEFT JOIN item_sentiment s ON s.item_id = i.id"
        + ("" if start is None else " WHERE i.created_at >= ? AND i.created_at < ?"),
        [] if start is None else [start, end]).fetchone()
    return tuple(int(x or 0) for x in row)


def status_counts(conn: sqlite3.Connection, start: str, end: str, scope: "Filters | None" = None) -> dict[str, int]:
    """Workflow status now of the items created in [start, end) (within ``scope``, a metrics Filters)."""
    where: list[str]
    params: list[Any]
    where, params = scope.clauses("items", respondent=False) if scope is not None else ([], [])
    return dict(conn.execute(
        "SELECT status, count(*) FROM items WHERE created_at >= ? AND created_at < ?"
        + "".join(f" AND {w}" for w in where) + " GROUP BY status", (start, end, *params)).fetchall())


def source_counts(conn: sqlite3.Connection, start: str, end: str) -> list[tuple[str, int, int]]:
    """(source format, items created in [start, end), all items) per source format."""
    return conn.execute(
        f"SELECT {label_sql('items')} AS src, total(created_at >= ? AND created_at < ?), count(*) FROM items"
        " GROUP BY src ORDER BY count(*) DESC", (start, end)).fetchall()


def respondent_count(conn: sqlite3.Connection, start: str, end: str) -> int:
    return int(conn.execute("SELECT count(*) FROM respondents WHERE submitted_at >= ? AND submitted_at < ?",
                        (start, end)).fetchone()[0])


def exclusions(conn: sqlite3.Connection, start: str | None, end: str | None) -> dict[str, int]:
    """Counts of what the report leaves out or cannot place, of the items created in [start, end)
    (both None: every item, for a workspace whose items have no dates)."""
    when = "1" if start is None else "i.created_at >= ? AND i.created_at < ?"
    row = conn.execute(
        "SELECT total(i.created_at IS NULL),"
        f" total({when} AND i.author_is_bot = 1),"
        f" total({when} AND (it.item_id IS NULL OR it.theme_id IS NULL)),"
        f" total({when} AND t.id IN ({HIDDEN_IDS_SQL})),"
        f" total(i.status IN {CLOSED_SQL} AND i.closed_at IS NULL AND {when})"
        " FROM items i LEFT JOIN item_themes it ON it.item_id = i.id LEFT JOIN themes t ON t.id = it.theme_id",
        () if start is None else (start, end) * 4).fetchone()
    keys = ("no_time", "bot_authored", "unassigned", "hidden_theme", "closed_without_time")
    return {k: int(v) for k, v in zip(keys, row)}


def undated_counts(conn: sqlite3.Connection, theme_ids: Iterable[int]) -> dict[int, int]:
    """{theme id: items without a creation time}."""
    marks, ids = _ids(theme_ids)
    return dict(conn.execute(
        "SELECT it.theme_id, count(*) FROM item_themes it JOIN items i ON i.id = it.item_id"
        f" WHERE it.theme_id IN ({marks}) AND i.created_at IS NULL GROUP BY it.theme_id", ids).fetchall())

"""Queries behind the triage metrics: satisfaction sufficient statistics per day, compact time
columns, theme roll-ups, status changes with history, sentiment cache and workspace settings.

Written for a million items: scores are aggregated in SQL (one scan, additive sums per UTC day,
rolled up to weeks/months in numpy), times come back as compact float columns.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

import numpy as np

from .queries import now_iso

CLOSED_STATUSES = ("resolved", "won't fix", "duplicate")
#: Formats whose items can be answered or closed (issue trackers, tickets, app-store reviews).
TRACKED_FORMATS = ("github", "github_cli", "gitlab", "jira", "zendesk", "google_play", "complaints")
_CLOSED_SQL = "('resolved', 'won''t fix', 'duplicate')"
_TRACKED_SQL = "(" + ", ".join(f"'{f}'" for f in TRACKED_FORMATS) + ")"
_MISSING = -1.0e308  # stands for NULL in float columns (SQLite has no NaN)

SCORE_COLUMNS = ("nps_n", "nps_p", "nps_d", "csat_n", "csat_top2", "ces_n", "ces_sum", "ces_sq",
                 "rating_n", "rating_sum", "rating_sq", "r1", "r2", "r3", "r4", "r5")


@dataclass
class Filters:
    """Which feedback a metric covers: a source (format or source name), a theme, a segment
    attribute (``key``, ``value``) of the respondent or item."""

    source: str | None = None
    theme_id: int | None = None
    segment: tuple[str, str] | None = None

    def _clauses(self, alias: str, respondent: bool) -> tuple[list[str], list]:
        where, params = [], []
        if self.source is not None:
            if respondent:
                where.append(f"({alias}.source_format = ? OR EXISTS (SELECT 1 FROM items si"
                             f" WHERE si.respondent_id = {alias}.id AND si.source = ?))")
                params += [self.source, self.source]
            else:
                where.append(f"({alias}.source_format = ? OR {alias}.source = ?)")
                params += [self.source, self.source]
        if self.theme_id is not None:
            if respondent:
                where.append(f"EXISTS (SELECT 1 FROM items ti JOIN item_themes tt ON tt.item_id = ti.id"
                             f" WHERE ti.respondent_id = {alias}.id AND tt.theme_id = ?)")
            else:
                where.append(f"EXISTS (SELECT 1 FROM item_themes tt WHERE tt.item_id = {alias}.id AND tt.theme_id = ?)")
            params.append(self.theme_id)
        if self.segment is not None:
            where.append(f"CAST(json_extract({alias}.attributes, ?) AS TEXT) = ?")
            params += ['$."' + self.segment[0].replace('"', '') + '"', self.segment[1]]
        return where, params


def _and(where: list[str]) -> str:
    return "".join(f" AND {w}" for w in where)


_SCORE_SUMS = """
    total(nps BETWEEN 0 AND 10), total(nps >= 9 AND nps <= 10), total(nps >= 0 AND nps <= 6),
    total(csat BETWEEN 1 AND 5), total(csat >= 4 AND csat <= 5),
    total(ces BETWEEN 1 AND 7), total(CASE WHEN ces BETWEEN 1 AND 7 THEN ces END),
    total(CASE WHEN ces BETWEEN 1 AND 7 THEN ces * ces END),
    total(rating BETWEEN 1 AND 5), total(CASE WHEN rating BETWEEN 1 AND 5 THEN rating END),
    total(CASE WHEN rating BETWEEN 1 AND 5 THEN rating * rating END),
    total(round(rating) = 1), total(round(rating) = 2), total(round(rating) = 3), total(round(rating) = 4),
    total(round(rating) = 5)
"""


def score_sums_by_day(conn: sqlite3.Connection, filters: Filters | None = None) -> tuple[list[str | None], np.ndarray]:
    """(days, sums): one row of ``SCORE_COLUMNS`` sums per UTC day (None: no time). A survey
    respondent counts once (its scores live on ``respondents``); items that are not survey answers
    count with their own scores."""
    f = filters or Filters()
    r_where, r_params = f._clauses("r", respondent=True)
    i_where, i_params = f._clauses("i", respondent=False)
    sql = (
        "SELECT day, " + _SCORE_SUMS + " FROM ("
        " SELECT substr(r.submitted_at, 1, 10) AS day, r.nps, r.csat, r.ces, r.rating FROM respondents r"
        " WHERE (r.nps IS NOT NULL OR r.csat IS NOT NULL OR r.ces IS NOT NULL OR r.rating IS NOT NULL)"
        + _and(r_where) +
        " UNION ALL"
        " SELECT substr(i.created_at, 1, 10), i.nps, i.csat, i.ces, i.rating FROM items i"
        " WHERE i.respondent_id IS NULL"
        " AND (i.nps IS NOT NULL OR i.csat IS NOT NULL OR i.ces IS NOT NULL OR i.rating IS NOT NULL)"
        + _and(i_where) +
        ") GROUP BY day ORDER BY day"
    )
    rows = conn.execute(sql, r_params + i_params).fetchall()
    days = [r[0] for r in rows]
    sums = np.array([r[1:] for r in rows], dtype=np.float64).reshape(len(rows), len(SCORE_COLUMNS))
    return days, sums


def score_counts_by_theme(conn: sqlite3.Connection, source: str | None = None) -> dict[int, tuple]:
    """Per theme: (nps n, promoters, detractors, csat n, top-2-box) over the distinct respondents
    (or score-carrying items) that mention it."""
    f = Filters(source=source)
    r_where, r_params = f._clauses("i", respondent=False)
    sql = (
        "SELECT theme_id, total(nps BETWEEN 0 AND 10), total(nps >= 9 AND nps <= 10), total(nps >= 0 AND nps <= 6),"
        " total(csat BETWEEN 1 AND 5), total(csat >= 4 AND csat <= 5) FROM ("
        " SELECT DISTINCT it.theme_id, r.id AS who, r.nps, r.csat FROM item_themes it"
        " JOIN items i ON i.id = it.item_id JOIN respondents r ON r.id = i.respondent_id"
        " WHERE it.theme_id IS NOT NULL" + _and(r_where) +
        " UNION ALL"
        " SELECT it.theme_id, -i.id, i.nps, i.csat FROM item_themes it JOIN items i ON i.id = it.item_id"
        " WHERE it.theme_id IS NOT NULL AND i.respondent_id IS NULL" + _and(r_where) +
        ") GROUP BY theme_id"
    )
    return {r[0]: tuple(int(x) for x in r[1:]) for r in conn.execute(sql, r_params + r_params)}


# -- times -----------------------------------------------------------------------------------
@dataclass
class TimeColumns:
    """One entry per tracked item (times in epoch seconds, NaN = none)."""

    item_id: np.ndarray
    created: np.ndarray
    closed: np.ndarray  # last close, NaN while open or when the close time is unknown
    is_open: np.ndarray
    first_response: np.ndarray  # seconds after creation (source-reported, else from events)
    response_unknown: np.ndarray  # the source says there are comments but the file has none
    theme_id: np.ndarray = field(default_factory=lambda: np.zeros(0))


def time_columns(conn: sqlite3.Connection, filters: Filters | None = None, ignore_users: tuple[str, ...] = (),
                 with_theme: bool = False) -> TimeColumns:
    """Times of the items that can be answered or closed: items of issue-tracker, ticket and
    review formats, and any item with a source state, a workflow status other than ``new``, a
    close time, a reported response time or comments."""
    f = filters or Filters()
    where, params = f._clauses("i", respondent=False)
    ignore = json.dumps([u.lower() for u in ignore_users])
    theme_col = ", coalesce(it.theme_id, -1)" if with_theme else ""
    theme_join = " LEFT JOIN item_themes it ON it.item_id = i.id" if with_theme else ""
    m = repr(_MISSING)
    sql = (
        "WITH fr AS ("
        " SELECT e.item_id, min(CASE WHEN e.created_at IS NOT NULL AND e.author_is_bot = 0 AND (e.author IS NULL OR ("
        "   lower(e.author) <> lower(coalesce(i.author, '')) AND lower(e.author) NOT LIKE '%[bot]'"
        "   AND lower(e.author) NOT IN (SELECT value FROM json_each(?)))) THEN unixepoch(e.created_at) END) AS t"
        " FROM events e JOIN items i ON i.id = e.item_id GROUP BY e.item_id)"
        f" SELECT i.id, ifnull(unixepoch(i.created_at), {m}),"
        f" ifnull(CASE WHEN i.status IN {_CLOSED_SQL} THEN unixepoch(coalesce(i.closed_at, (SELECT max(h.changed_at)"
        f"   FROM status_history h WHERE h.item_id = i.id AND h.new_status IN {_CLOSED_SQL}))) END, {m}),"
        f" i.status NOT IN {_CLOSED_SQL},"
        f" ifnull(coalesce(i.first_response_s, fr.t - unixepoch(i.created_at)), {m}),"
        " CASE WHEN i.first_response_s IS NULL AND fr.t IS NULL AND fr.item_id IS NULL"
        "   THEN ifnull(json_extract(i.attributes, '$.comments'), 0) > 0 ELSE 0 END"
        + theme_col +
        " FROM items i LEFT JOIN fr ON fr.item_id = i.id" + theme_join +
        f" WHERE (i.source_format IN {_TRACKED_SQL} OR i.source_state IS NOT NULL OR i.status <> 'new'"
        "  OR i.closed_at IS NOT NULL OR i.first_response_s IS NOT NULL OR fr.item_id IS NOT NULL)"
        + _and(where)
    )
    rows = conn.execute(sql, [ignore] + params).fetchall()
    width = 7 if with_theme else 6
    a = np.array(rows, dtype=np.float64).reshape(len(rows), width)
    a[a <= _MISSING / 2] = np.nan
    return TimeColumns(
        item_id=a[:, 0].astype(np.int64), created=a[:, 1], closed=a[:, 2], is_open=a[:, 3] > 0,
        first_response=a[:, 4], response_unknown=a[:, 5] > 0,
        theme_id=a[:, 6].astype(np.int64) if with_theme else np.zeros(0, dtype=np.int64),
    )


# -- themes: roll-up and priority inputs ------------------------------------------------------
def theme_rollup(conn: sqlite3.Connection) -> dict[int, dict]:
    """{theme id: {label, status, items_total, items_resolved}} for themes not merged away;
    resolved counts every closed status (resolved, won't fix, duplicate)."""
    rows = conn.execute(
        f"SELECT t.id, t.label, t.status, count(i.id), total(i.status IN {_CLOSED_SQL}) FROM themes t"
        " LEFT JOIN item_themes it ON it.theme_id = t.id LEFT JOIN items i ON i.id = it.item_id"
        " WHERE t.merged_into IS NULL GROUP BY t.id ORDER BY t.id"
    ).fetchall()
    return {r[0]: {"label": r[1], "status": r[2], "items_total": r[3], "items_resolved": int(r[4])} for r in rows}


def theme_item_stats(conn: sqlite3.Connection, recent_from: str, previous_from: str, source: str | None = None) -> list[tuple]:
    """Per (theme, source format): items, distinct people, unresolved, negative, items created at or
    after ``recent_from``, items created in [previous_from, recent_from). An item is negative by its
    stored sentiment (which already prefers scores), else by its or its respondent's score."""
    where, params = Filters(source=source)._clauses("i", respondent=False)
    sql = (
        "SELECT it.theme_id, i.source_format, count(*),"
        " count(DISTINCT coalesce('r' || i.respondent_id, 'a' || i.author, 'i' || i.id)),"
        f" total(i.status NOT IN {_CLOSED_SQL}),"
        " total(CASE WHEN s.label IS NOT NULL THEN s.label = 'negative'"
        "  WHEN coalesce(i.rating, i.csat, r.rating, r.csat) IS NOT NULL THEN coalesce(i.rating, i.csat, r.rating, r.csat) <= 2"
        "  WHEN coalesce(i.nps, r.nps) IS NOT NULL THEN coalesce(i.nps, r.nps) <= 6 ELSE 0 END),"
        " total(i.created_at >= ?), total(i.created_at >= ? AND i.created_at < ?),"
        " count(s.item_id) + total(s.item_id IS NULL AND coalesce(i.rating, i.csat, r.rating, r.csat, i.nps, r.nps) IS NOT NULL)"
        " FROM item_themes it JOIN items i ON i.id = it.item_id"
        " LEFT JOIN respondents r ON r.id = i.respondent_id LEFT JOIN item_sentiment s ON s.item_id = i.id"
        " WHERE it.theme_id IS NOT NULL" + _and(where) + " GROUP BY it.theme_id, i.source_format"
    )
    return conn.execute(sql, [recent_from, previous_from, recent_from] + params).fetchall()


def latest_created(conn: sqlite3.Connection) -> str | None:
    return conn.execute("SELECT max(created_at) FROM items").fetchone()[0]


# -- status --------------------------------------------------------------------------------
def item_status(conn: sqlite3.Connection, item_id: int) -> str | None:
    row = conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()
    return row[0] if row else None


def theme_status(conn: sqlite3.Connection, theme_id: int) -> str | None:
    row = conn.execute("SELECT status FROM themes WHERE id = ?", (theme_id,)).fetchone()
    return row[0] if row else None


def record_status(conn: sqlite3.Connection, *, new_status: str, item_id: int | None = None,
                  theme_id: int | None = None, note: str | None = None, origin: str = "user",
                  changed_at: str | None = None) -> dict:
    """Set an item's or a theme's status and keep the change in ``status_history`` (one transaction
    is the caller's). Returns the history row."""
    when = changed_at or now_iso()
    if item_id is not None:
        old = item_status(conn, item_id)
        conn.execute("UPDATE items SET status = ? WHERE id = ?", (new_status, item_id))
    else:
        old = theme_status(conn, theme_id)
        conn.execute("UPDATE themes SET status = ?, updated_at = ? WHERE id = ?", (new_status, when, theme_id))
    conn.execute(
        "INSERT INTO status_history (item_id, theme_id, old_status, new_status, changed_at, origin, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", (item_id, theme_id, old, new_status, when, origin, note))
    return {"item_id": item_id, "theme_id": theme_id, "old_status": old, "new_status": new_status,
            "changed_at": when, "origin": origin, "note": note}


def status_history(conn: sqlite3.Connection, *, item_id: int | None = None, theme_id: int | None = None) -> list[dict]:
    column, value = ("item_id", item_id) if item_id is not None else ("theme_id", theme_id)
    keys = ("old_status", "new_status", "changed_at", "origin", "note")
    return [dict(zip(keys, r)) for r in conn.execute(
        f"SELECT old_status, new_status, changed_at, origin, note FROM status_history WHERE {column} = ? ORDER BY id",
        (value,))]


def remap_candidates(conn: sqlite3.Connection) -> list[tuple]:
    """(id, source_format, source_state, status) of items whose status comes from their source
    state: never changed by a user."""
    return conn.execute(
        "SELECT i.id, i.source_format, i.source_state, i.status FROM items i WHERE i.source_state IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM status_history h WHERE h.item_id = i.id AND h.origin = 'user')"
    ).fetchall()


def source_states(conn: sqlite3.Connection) -> list[tuple]:
    """(source_format, source_state, status, items) as they are in the workspace."""
    return conn.execute(
        "SELECT source_format, source_state, status, count(*) FROM items WHERE source_state IS NOT NULL"
        " GROUP BY source_format, source_state, status ORDER BY source_format, count(*) DESC"
    ).fetchall()


# -- settings (meta) -------------------------------------------------------------------------
def get_setting(conn: sqlite3.Connection, key: str, default=None):
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return default if row is None or row[0] is None else json.loads(row[0])


def set_setting(conn: sqlite3.Connection, key: str, value) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 (key, json.dumps(value, ensure_ascii=False)))


# -- sentiment cache ------------------------------------------------------------------------
def items_without_sentiment(conn: sqlite3.Connection, after_id: int, limit: int) -> list[tuple]:
    """(id, title, text, rating, nps, csat, ces, row_hash) of items not scored yet or changed since;
    scores from the item, else its respondent."""
    return conn.execute(
        "SELECT i.id, i.title, i.text, coalesce(i.rating, r.rating), coalesce(i.nps, r.nps),"
        " coalesce(i.csat, r.csat), coalesce(i.ces, r.ces), i.row_hash FROM items i"
        " LEFT JOIN respondents r ON r.id = i.respondent_id LEFT JOIN item_sentiment s ON s.item_id = i.id"
        " WHERE i.id > ? AND (s.item_id IS NULL OR s.row_hash <> i.row_hash) ORDER BY i.id LIMIT ?",
        (after_id, limit)).fetchall()


def count_without_sentiment(conn: sqlite3.Connection) -> int:
    return conn.execute(
        "SELECT count(*) FROM items i LEFT JOIN item_sentiment s ON s.item_id = i.id"
        " WHERE s.item_id IS NULL OR s.row_hash <> i.row_hash").fetchone()[0]


def write_sentiments(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """rows: (item_id, score, label, method, row_hash)."""
    conn.executemany(
        "INSERT INTO item_sentiment (item_id, score, label, method, row_hash) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, label = excluded.label,"
        " method = excluded.method, row_hash = excluded.row_hash", rows)


def sentiment_counts(conn: sqlite3.Connection) -> dict:
    return {f"{m}:{lab}": n for m, lab, n in conn.execute(
        "SELECT method, label, count(*) FROM item_sentiment GROUP BY method, label ORDER BY method, label")}

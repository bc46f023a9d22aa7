"""Queries behind the triage metrics: satisfaction sufficient statistics per day, compact time
columns and theme roll-ups (status: store.statuses; settings: store.settings; sentiment:
store.feedback_class_queries).

Written for a million items: scores are aggregated in SQL (additive sums per UTC day, rolled up
to weeks/months in numpy), times come back as compact float columns, and independent queries run
side by side on read-only connections (``run_parallel``).
"""
from __future__ import annotations

import json
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .statuses import CLOSED_SQL, HAS_STATUS_SQL
from .theme_scope import rolled_child, sub_themes_of

#: Formats whose items can be answered or closed (issue trackers, tickets, app-store reviews, community
#: questions and chat threads: an unanswered one is still waiting).
TRACKED_FORMATS = ("github", "github_cli", "gitlab", "jira", "zendesk", "google_play", "complaints",
                   "app_store", "slack", "discord", "discourse", "github_discussions", "stackexchange")
_TRACKED_SQL = "(" + ", ".join(f"'{f}'" for f in TRACKED_FORMATS) + ")"
_MISSING = -1.0e308  # stands for NULL in float columns (SQLite has no NaN)

#: A read query, run on whichever connection ``run_parallel`` hands it.
Query = Callable[[sqlite3.Connection], Any]

SCORE_COLUMNS = ("nps_n", "nps_p", "nps_d", "csat_n", "csat_top2", "ces_n", "ces_sum", "ces_sq",
                 "rating_n", "rating_sum", "rating_sq", "r1", "r2", "r3", "r4", "r5")


@dataclass
class Filters:
    """Which feedback a metric covers: a source (format or source name), a theme, a segment
    attribute (``key``, ``value``) of the respondent or item."""

    source: str | None = None
    theme_id: int | None = None
    segment: tuple[str, str] | None = None

    def clauses(self, alias: str, respondent: bool) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if self.source is not None:
            if respondent:
                where.append(f"({alias}.source_format = ? OR EXISTS (SELECT 1 FROM items si"
                             f" WHERE si.respondent_id = {alias}.id AND si.source = ?))")
                params += [self.source, self.source]
            else:
                where.append(f"({alias}.source_format = ? OR {alias}.source = ?)")
                params += [self.source, self.source]
        if self.theme_id is not None:
            # a top-level theme covers its sub-themes (not the hidden ones: store.theme_scope)
            mine = f"(tt.theme_id = ? OR tt.theme_id IN ({sub_themes_of('?')}))"
            if respondent:
                where.append(f"EXISTS (SELECT 1 FROM items ti JOIN item_themes tt ON tt.item_id = ti.id"
                             f" WHERE ti.respondent_id = {alias}.id AND {mine})")
            else:
                where.append(f"EXISTS (SELECT 1 FROM item_themes tt WHERE tt.item_id = {alias}.id AND {mine})")
            params += [self.theme_id, self.theme_id]
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


def _score_branch(respondents: bool, f: Filters) -> Query:
    """One query of per-day score sums: survey respondents (scores count once per respondent) or
    items that are not survey answers (reviews, tickets: their own scores)."""
    if respondents:
        where, params = f.clauses("r", respondent=True)
        sql = ("SELECT substr(r.submitted_at, 1, 10) AS day, " + _SCORE_SUMS
               + " FROM respondents r WHERE (r.nps IS NOT NULL OR r.csat IS NOT NULL OR r.ces IS NOT NULL"
               " OR r.rating IS NOT NULL)" + _and(where) + " GROUP BY day")
    else:
        where, params = f.clauses("i", respondent=False)
        sql = ("SELECT substr(i.created_at, 1, 10) AS day, " + _SCORE_SUMS + " FROM items i"
               " WHERE i.respondent_id IS NULL AND (i.nps IS NOT NULL OR i.csat IS NOT NULL OR i.ces IS NOT NULL"
               " OR i.rating IS NOT NULL)" + _and(where) + " GROUP BY day")

    def run(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
        return conn.execute(sql, params).fetchall()
    return run


def _merge_days(parts: list[list[tuple[Any, ...]]]) -> tuple[list[str | None], np.ndarray]:
    by_day: dict[str | None, Any] = {}
    for rows in parts:
        for row in rows:
            acc = by_day.get(row[0])
            values = np.array(row[1:], dtype=np.float64)
            by_day[row[0]] = values if acc is None else acc + values
    days = sorted(by_day, key=lambda d: (d is None, d or ""))
    sums = np.array([by_day[d] for d in days], dtype=np.float64).reshape(len(days), len(SCORE_COLUMNS))
    return days, sums


def score_sums_by_day(conn: sqlite3.Connection, filters: Filters | None = None) -> tuple[list[str | None], np.ndarray]:
    """(days, sums): one row of ``SCORE_COLUMNS`` sums per UTC day (None: no time), respondents'
    and items' scores added up."""
    f = filters or Filters()
    return _merge_days(run_parallel(conn, [_score_branch(True, f), _score_branch(False, f)]))


def _item_counts_by_theme_q(source: str | None) -> Query:
    """Per theme: NPS and CSAT counts of the items that are not survey answers (each item counts
    as its own respondent)."""
    where, params = Filters(source=source).clauses("i", respondent=False)
    sql = (
        "SELECT it.theme_id, total(i.nps BETWEEN 0 AND 10), total(i.nps >= 9 AND i.nps <= 10),"
        " total(i.nps >= 0 AND i.nps <= 6), total(i.csat BETWEEN 1 AND 5), total(i.csat >= 4 AND i.csat <= 5)"
        " FROM items i CROSS JOIN item_themes it ON it.item_id = i.id"
        " WHERE i.respondent_id IS NULL AND (i.nps IS NOT NULL OR i.csat IS NOT NULL) AND it.theme_id IS NOT NULL"
        + _and(where) + " GROUP BY it.theme_id"
    )
    return lambda conn: conn.execute(sql, params).fetchall()


def _add_counts(*parts: list[tuple[Any, ...]]) -> dict[int, tuple[Any, ...]]:
    counts: dict[int, np.ndarray] = {}
    for rows in parts:
        for row in rows:
            counts[row[0]] = counts.get(row[0], 0) + np.array(row[1:6], dtype=np.float64)
    return {tid: tuple(int(round(x)) for x in c) for tid, c in counts.items()}


def score_counts_by_theme(conn: sqlite3.Connection, source: str | None = None) -> dict[int, tuple[Any, ...]]:
    """Per theme: (nps n, promoters, detractors, csat n, top-2-box) over the distinct respondents
    (or score-carrying items) that mention it."""
    return _add_counts(*run_parallel(conn, [_respondent_counts_by_theme_q(source), _item_counts_by_theme_q(source)]))


# -- parallel reads ------------------------------------------------------------------------
def run_parallel(conn: sqlite3.Connection, calls: list[Query]) -> list[Any]:
    """Run independent read queries ``call(connection)`` at once, each on its own read-only
    connection (SQLite releases the GIL while it works: two cores, nearly half the time). Falls
    back to ``conn`` one after the other for in-memory databases or inside a transaction (whose
    uncommitted rows other connections cannot see)."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    if not path or conn.in_transaction or len(calls) < 2:
        return [call(conn) for call in calls]

    def on_reader(call: Query) -> Any:
        reader = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True, timeout=10)
        try:
            reader.execute("PRAGMA query_only = ON")
            reader.execute("PRAGMA cache_size = -32768")
            return call(reader)
        finally:
            reader.close()

    try:
        with ThreadPoolExecutor(max_workers=min(len(calls), os.cpu_count() or 2)) as pool:
            return [f.result() for f in [pool.submit(on_reader, call) for call in calls]]
    except sqlite3.OperationalError:  # e.g. a read-only folder where WAL readers cannot open
        return [call(conn) for call in calls]


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


def _float_rows(rows: list[tuple[Any, ...]], width: int) -> np.ndarray:
    a = np.array(rows, dtype=np.float64).reshape(len(rows), width)
    a[a <= _MISSING / 2] = np.nan
    return a


def _tracked_items(f: Filters, with_theme: bool) -> Query:
    where, params = f.clauses("i", respondent=False)
    m = repr(_MISSING)
    theme_col = ", coalesce((SELECT it.theme_id FROM item_themes it WHERE it.item_id = i.id), -1)" if with_theme else ""
    sql = (
        f"SELECT i.id, ifnull(unixepoch(i.created_at), {m}),"
        f" ifnull(CASE WHEN i.status IN {CLOSED_SQL} THEN unixepoch(coalesce(i.closed_at, (SELECT max(h.changed_at)"
        f"   FROM status_history h WHERE h.item_id = i.id AND h.new_status IN {CLOSED_SQL}"
        f"   AND h.old_status IS NOT h.new_status))) END, {m}),"
        f" i.status NOT IN {CLOSED_SQL}, ifnull(i.first_response_s, {m})" + theme_col +
        " FROM items i"
        f" WHERE (i.source_format IN {_TRACKED_SQL} OR i.source_state IS NOT NULL OR i.status <> 'new'"
        "  OR i.closed_at IS NOT NULL OR i.first_response_s IS NOT NULL"
        "  OR EXISTS (SELECT 1 FROM events e WHERE e.item_id = i.id))" + _and(where) + " ORDER BY i.id"
    )
    width = 6 if with_theme else 5
    return lambda conn: _float_rows(conn.execute(sql, params).fetchall(), width)


def _counted_comments(conn: sqlite3.Connection, item_ids: np.ndarray) -> np.ndarray:
    """Of these items, the ids whose source reports comments (``attributes.comments`` > 0)."""
    if not len(item_ids):
        return np.zeros(0, dtype=np.int64)
    rows = conn.execute(
        "SELECT i.id FROM json_each(?) j JOIN items i ON i.id = j.value"
        " WHERE ifnull(json_extract(i.attributes, '$.comments'), 0) > 0", (json.dumps(item_ids.tolist()),)).fetchall()
    return np.array([r[0] for r in rows], dtype=np.int64)


def _first_responses(ignore_users: tuple[str, ...]) -> Query:
    """(item id, epoch of the first qualifying response or NaN) for every item with events."""
    ignore = json.dumps([u.lower() for u in ignore_users])
    sql = (
        "SELECT e.item_id, ifnull(min(CASE WHEN e.created_at IS NOT NULL AND e.author_is_bot = 0 AND (e.author IS NULL OR ("
        "   lower(e.author) <> lower(coalesce(i.author, '')) AND lower(e.author) NOT LIKE '%[bot]'"
        f"   AND lower(e.author) NOT IN (SELECT value FROM json_each(?)))) THEN unixepoch(e.created_at) END), {_MISSING!r})"
        " FROM events e JOIN items i ON i.id = e.item_id GROUP BY e.item_id ORDER BY e.item_id"
    )
    return lambda conn: _float_rows(conn.execute(sql, (ignore,)).fetchall(), 2)


def time_columns(conn: sqlite3.Connection, filters: Filters | None = None, ignore_users: tuple[str, ...] = (),
                 with_theme: bool = False) -> TimeColumns:
    """Times of the items that can be answered or closed: items of issue-tracker, ticket and
    review formats, and any item with a source state, a workflow status other than ``new``, a
    close time, a reported response time or comments. A response the source reports itself wins
    over one found in the comments; items whose source counts comments that the export does not
    hold are flagged ``response_unknown``."""
    items, responses = run_parallel(conn, [_tracked_items(filters or Filters(), with_theme),
                                           _first_responses(ignore_users)])
    return _time_columns(conn, items, responses, with_theme)


def metric_inputs(conn: sqlite3.Connection, filters: Filters | None = None,
                  ignore_users: tuple[str, ...] = ()) -> tuple[list[str | None], np.ndarray, TimeColumns]:
    """Everything the metrics need in one go, the four queries run side by side:
    ``(days, score sums per day, time columns)``."""
    f = filters or Filters()
    resp, items_scores, items, responses = run_parallel(conn, [
        _score_branch(True, f), _score_branch(False, f), _tracked_items(f, False), _first_responses(ignore_users)])
    days, sums = _merge_days([resp, items_scores])
    return days, sums, _time_columns(conn, items, responses, False)


def _time_columns(conn: sqlite3.Connection, items: np.ndarray, responses: np.ndarray, with_theme: bool) -> TimeColumns:
    ids = items[:, 0].astype(np.int64)
    first = items[:, 4].copy()
    has_events = np.zeros(len(ids), dtype=bool)
    if len(responses):
        resp_ids = responses[:, 0].astype(np.int64)
        pos = np.clip(np.searchsorted(resp_ids, ids), 0, len(resp_ids) - 1)
        has_events = resp_ids[pos] == ids
        from_events = np.where(has_events, responses[pos, 1], np.nan) - items[:, 1]
        first = np.where(np.isnan(first), from_events, first)
    # no response and no comments in the file: waiting, unless the source counts comments
    silent = ids[np.isnan(first) & ~has_events]
    unknown = np.isin(ids, _counted_comments(conn, silent))
    return TimeColumns(
        item_id=ids, created=items[:, 1], closed=items[:, 2], is_open=items[:, 3] > 0,
        first_response=first, response_unknown=unknown,
        theme_id=items[:, 5].astype(np.int64) if with_theme else np.zeros(0, dtype=np.int64),
    )


# -- themes: roll-up and priority inputs ------------------------------------------------------
#: (theme, member theme) pairs: every theme with itself, every top-level theme with its counted sub-themes
_THEME_TREE_SQL = ("(SELECT id AS theme, id AS member FROM themes UNION ALL SELECT parent_id, id FROM themes"
                   f" WHERE {rolled_child()})")


def _theme_rollup(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    rows = conn.execute(
        f"SELECT t.id, t.label, t.status, count(i.id), total(i.status IN {CLOSED_SQL}), total({HAS_STATUS_SQL})"
        " FROM themes t"
        f" JOIN {_THEME_TREE_SQL} m ON m.theme = t.id"
        " LEFT JOIN item_themes it ON it.theme_id = m.member LEFT JOIN items i ON i.id = it.item_id"
        " WHERE t.merged_into IS NULL GROUP BY t.id ORDER BY t.id"
    ).fetchall()
    return {r[0]: {"label": r[1], "status": r[2], "items_total": r[3], "items_resolved": int(r[4]),
                   "items_with_status": int(r[5])} for r in rows}


def theme_rollup(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    """{theme id: {label, status, items_total, items_resolved, items_with_status}} for themes not merged away;
    resolved counts every closed status (resolved, won't fix, duplicate); with status: the items that carry one
    (HAS_STATUS_SQL; none: reviews, survey answers). A top-level theme counts its sub-themes' items too."""
    return _theme_rollup(conn)


_THEME_STATS_COLUMNS = ("theme_id", "source_format", "items", "people", "unresolved", "negative", "recent",
                        "previous", "nps_n", "nps_p", "nps_d", "csat_n", "csat_top2", "votes", "praise", "with_status")

#: THE definition of a praise item, "people are happy here", in SQL: ``analysis.priority.is_praise`` is the same
#: rule in Python (tests/unit/test_praise_rule.py runs both on every combination; the theme tree's praise frames
#: use it). Aliases i, r, s as below; why, with the measurements behind it: analysis.priority, "What counts as praise":
#: 1. a type the file states (``type=COL``, a Zendesk / Jira / GitHub issue type) decides when it says problem,
#:    request, question or praise: a ticket whose support got a good CSAT is still a problem;
#: 2. else an item with a rating / CSAT / NPS / CES answer or a mapped sentiment (``s.method``) is praise when
#:    that says satisfied (``s.label``: 4-5 stars, NPS 9-10, ...), whatever the text model typed: a score
#:    outranks text;
#: 3. else the text models must agree: typed praise, and sentiment not negative (typed praise read as negative is
#:    mostly complaints and sarcasm);
#: 4. an item not scored yet falls back to its own or its respondent's score.
PRAISE_SQL = ("(CASE WHEN s.type_method = 'mapped' AND s.feedback_type <> 'other' THEN s.feedback_type = 'praise'"
              " WHEN s.method IN ('rating', 'csat', 'nps', 'ces', 'mapped') THEN s.label = 'positive'"
              " WHEN s.feedback_type IS NOT NULL THEN s.feedback_type = 'praise' AND s.label <> 'negative'"
              " WHEN s.label IS NOT NULL THEN s.label = 'positive'"
              " WHEN coalesce(i.rating, i.csat, r.rating, r.csat) IS NOT NULL"
              "  THEN coalesce(i.rating, i.csat, r.rating, r.csat) >= 4"
              " WHEN coalesce(i.nps, r.nps) IS NOT NULL THEN coalesce(i.nps, r.nps) >= 9 ELSE 0 END)")
_PRAISE_JOINS = " LEFT JOIN respondents r ON r.id = i.respondent_id LEFT JOIN item_sentiment s ON s.item_id = i.id"


#: an item's votes: ``attributes["votes"]`` (community sources), else GitHub's ``reactions``
#: (the JSON is parsed only for items whose attributes mention either key: a text search is cheaper)
_VOTES_SQL = ("CASE WHEN instr(i.attributes, '\"votes\"') OR instr(i.attributes, '\"reactions\"')"
              " THEN max(0, coalesce(json_extract(i.attributes, '$.votes'), json_extract(i.attributes, '$.reactions'), 0))"
              " ELSE 0 END")


def _theme_item_stats_q(recent_from: str, previous_from: str, source: str | None) -> Query:
    where, params = Filters(source=source).clauses("i", respondent=False)
    sql = (
        "SELECT it.theme_id, i.source_format, count(*),"
        " count(DISTINCT i.respondent_id) + count(DISTINCT CASE WHEN i.respondent_id IS NULL THEN i.author END)"
        "  + total(i.respondent_id IS NULL AND i.author IS NULL),"
        f" total(i.status NOT IN {CLOSED_SQL}),"
        " total(CASE WHEN s.label IS NOT NULL THEN s.label = 'negative'"
        "  WHEN coalesce(i.rating, i.csat, r.rating, r.csat) IS NOT NULL THEN coalesce(i.rating, i.csat, r.rating, r.csat) <= 2"
        "  WHEN coalesce(i.nps, r.nps) IS NOT NULL THEN coalesce(i.nps, r.nps) <= 6 ELSE 0 END),"
        " total(i.created_at >= ?), total(i.created_at >= ? AND i.created_at < ?),"
        # scores of items that are not survey answers (each item is its own respondent)
        " total(i.respondent_id IS NULL AND i.nps BETWEEN 0 AND 10), total(i.respondent_id IS NULL AND i.nps >= 9 AND i.nps <= 10),"
        " total(i.respondent_id IS NULL AND i.nps >= 0 AND i.nps <= 6), total(i.respondent_id IS NULL AND i.csat BETWEEN 1 AND 5),"
        " total(i.respondent_id IS NULL AND i.csat >= 4 AND i.csat <= 5),"
        f" total({_VOTES_SQL}), total({PRAISE_SQL}), total({HAS_STATUS_SQL})"
        # items first: one pass in rowid order (CROSS JOIN keeps SQLite from reordering)
        " FROM items i CROSS JOIN item_themes it ON it.item_id = i.id" + _PRAISE_JOINS
        + " WHERE it.theme_id IS NOT NULL" + _and(where) + " GROUP BY it.theme_id, i.source_format"
    )
    return lambda conn: conn.execute(sql, [recent_from, previous_from, recent_from] + params).fetchall()


def _respondent_counts_by_theme_q(source: str | None) -> Query:
    """Per theme: NPS and CSAT counts of the distinct survey respondents who mention it."""
    where, params = Filters(source=source).clauses("i", respondent=False)
    sql = (
        "SELECT theme_id, total(nps BETWEEN 0 AND 10), total(nps >= 9 AND nps <= 10), total(nps >= 0 AND nps <= 6),"
        " total(csat BETWEEN 1 AND 5), total(csat >= 4 AND csat <= 5) FROM ("
        # respondents first: a workspace without surveys costs nothing
        " SELECT DISTINCT it.theme_id, r.id, r.nps, r.csat FROM respondents r"
        " CROSS JOIN items i ON i.respondent_id = r.id CROSS JOIN item_themes it ON it.item_id = i.id"
        " WHERE it.theme_id IS NOT NULL" + _and(where) + ") GROUP BY theme_id"
    )
    return lambda conn: conn.execute(sql, params).fetchall()


#: Themes that hold sub-themes and the sub-themes themselves, each as its top-level theme (``top``).
_TOP_OF = (f"SELECT id, coalesce(parent_id, id) AS top FROM themes WHERE ({rolled_child()})"
           f" OR (parent_id IS NULL AND merged_into IS NULL AND id IN (SELECT parent_id FROM themes WHERE {rolled_child()}))")


def _top_people_q(source: str | None) -> Query:
    """Per (top-level theme with sub-themes, source format): distinct people over its own and its
    sub-themes' items (a person who wrote in two sub-themes counts once)."""
    where, params = Filters(source=source).clauses("i", respondent=False)
    sql = (
        "SELECT t.top, i.source_format,"
        " count(DISTINCT i.respondent_id) + count(DISTINCT CASE WHEN i.respondent_id IS NULL THEN i.author END)"
        "  + total(i.respondent_id IS NULL AND i.author IS NULL)"
        f" FROM ({_TOP_OF}) t CROSS JOIN item_themes it ON it.theme_id = t.id CROSS JOIN items i ON i.id = it.item_id"
        " WHERE 1" + _and(where) + " GROUP BY t.top, i.source_format"
    )
    return lambda conn: conn.execute(sql, params).fetchall()


def _top_respondent_counts_q(source: str | None) -> Query:
    """Per top-level theme with sub-themes: NPS and CSAT counts of the distinct survey respondents
    who mention it or any of its sub-themes."""
    where, params = Filters(source=source).clauses("i", respondent=False)
    sql = (
        "SELECT top, total(nps BETWEEN 0 AND 10), total(nps >= 9 AND nps <= 10), total(nps >= 0 AND nps <= 6),"
        " total(csat BETWEEN 1 AND 5), total(csat >= 4 AND csat <= 5) FROM ("
        f" SELECT DISTINCT t.top, r.id, r.nps, r.csat FROM ({_TOP_OF}) t CROSS JOIN item_themes it ON it.theme_id = t.id"
        " CROSS JOIN items i ON i.id = it.item_id CROSS JOIN respondents r ON r.id = i.respondent_id"
        " WHERE 1" + _and(where) + ") GROUP BY top"
    )
    return lambda conn: conn.execute(sql, params).fetchall()


def top_respondent_counts(conn: sqlite3.Connection, source: str | None = None) -> dict[int, tuple[Any, ...]]:
    """{top-level theme with sub-themes: (nps n, promoters, detractors, csat n, top-2-box)} over the
    distinct respondents of it and its sub-themes, plus the scores of its items that are not survey
    answers (each its own respondent, so they add up)."""
    parents = {p for (p,) in conn.execute(f"SELECT DISTINCT parent_id FROM themes WHERE {rolled_child()}")}
    if not parents:
        return {}
    top_of = dict(conn.execute(_TOP_OF).fetchall())
    items = [(top_of[r[0]],) + tuple(r[1:]) for r in _item_counts_by_theme_q(source)(conn) if r[0] in top_of]
    return _add_counts(_top_respondent_counts_q(source)(conn), items)


def theme_item_stats(conn: sqlite3.Connection, recent_from: str, previous_from: str, source: str | None = None) -> list[dict[str, Any]]:
    """Per (theme, source format): items, distinct people (respondents, else authors, else the item
    itself), unresolved, negative, items created at or after ``recent_from``, items created in
    [previous_from, recent_from), and the NPS/CSAT counts of items that are not survey answers.
    An item is negative by its stored sentiment (which already prefers scores), else by its or
    its respondent's score."""
    rows = _theme_item_stats_q(recent_from, previous_from, source)(conn)
    return [dict(zip(_THEME_STATS_COLUMNS, r)) for r in rows]


def _praise_q(source: str | None) -> Query:
    where, params = Filters(source=source).clauses("i", respondent=False)
    sql = ("SELECT it.theme_id, count(*), total(" + PRAISE_SQL + ") FROM items i"
           " CROSS JOIN item_themes it ON it.item_id = i.id" + _PRAISE_JOINS
           + " WHERE it.theme_id IS NOT NULL" + _and(where) + " GROUP BY it.theme_id")
    return lambda conn: {t: (p / n if n else 0.0) for t, n, p in conn.execute(sql, params)}


def praise_share_by_theme(conn: sqlite3.Connection, source: str | None = None) -> dict[int, float]:
    """{theme id: share of its items that are praise (PRAISE_SQL)}, for the priority and the
    "What people love" list."""
    shares: dict[int, float] = _praise_q(source)(conn)
    return shares


def praise_by_item(conn: sqlite3.Connection, item_ids: Sequence[int]) -> list[bool]:
    """Whether each of ``item_ids`` is praise (PRAISE_SQL on its stored facts): what the priority's praise
    share counts, for the theme tree's praise frames (False for an unknown id)."""
    flags = dict(conn.execute("SELECT i.id, " + PRAISE_SQL + " FROM items i" + _PRAISE_JOINS))
    return [bool(flags.get(int(i), 0)) for i in item_ids]


def praise_quotes(conn: sqlite3.Connection, theme_ids: list[int]) -> dict[int, dict[str, Any]]:
    """{theme id: one praise item to quote}: of a readable length, the most positive, the most probable member.
    A top-level theme quotes its sub-themes' items too (its items are assigned to them)."""
    out = {}
    for theme_id in theme_ids:
        row = conn.execute(
            "SELECT i.id, i.text, i.source_format, i.created_at FROM item_themes it JOIN items i ON i.id = it.item_id"
            + _PRAISE_JOINS + f" WHERE (it.theme_id = ? OR it.theme_id IN ({sub_themes_of('?')})) AND " + PRAISE_SQL
            + " ORDER BY (length(i.text) BETWEEN 20 AND 300) DESC, coalesce(s.score, 0) DESC, it.probability DESC, i.id"
            " LIMIT 1",
            (theme_id, theme_id)).fetchone()
        if row:
            out[theme_id] = {"id": row[0], "text": row[1], "source_format": row[2], "created_at": row[3]}
    return out


def created_span(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """(oldest, newest) item creation time, ISO; (None, None) when no item has a date."""
    # two sub-queries: SQLite answers each lone min() / max() from the created_at index
    return tuple(conn.execute("SELECT (SELECT min(created_at) FROM items), (SELECT max(created_at) FROM items)").fetchone())


def _themes(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute("SELECT id, label, status FROM themes WHERE merged_into IS NULL ORDER BY id").fetchall()


@dataclass
class ThemeData:
    rollup: dict[int, dict[str, Any]]  # as theme_rollup
    item_stats: list[dict[str, Any]]  # as theme_item_stats
    score_days: tuple[Any, ...]  # as score_sums_by_day
    score_counts: dict[int, tuple[Any, ...]]  # as score_counts_by_theme
    times: TimeColumns  # with theme ids
    praise: dict[int, float] = field(default_factory=dict)  # as praise_share_by_theme


def theme_data(conn: sqlite3.Connection, recent_from: str, previous_from: str, source: str | None = None) -> ThemeData:
    """Everything the theme priorities and roll-ups need, in few passes run side by side."""
    f = Filters(source=source)
    parents = dict(conn.execute(f"SELECT id, parent_id FROM themes WHERE {rolled_child()}"))
    themes, stats, resp_counts, resp, item_scores, items, responses, *tops = run_parallel(conn, [
        _themes, _theme_item_stats_q(recent_from, previous_from, source), _respondent_counts_by_theme_q(source),
        _score_branch(True, f), _score_branch(False, f), _tracked_items(f, True), _first_responses(())]
        + ([_top_people_q(source), _top_respondent_counts_q(source)] if parents else []))
    stats = [dict(zip(_THEME_STATS_COLUMNS, r)) for r in stats]
    if parents:  # a top-level theme's figures include its sub-themes'; its people and respondents are
        # counted once over all of them (a person who wrote in two sub-themes is one person)
        tops_with = set(parents.values())
        stats += [{**row, "theme_id": parents[row["theme_id"]]} for row in stats if row["theme_id"] in parents]
        for row in stats:
            if row["theme_id"] in tops_with:
                row["people"] = 0
        zero = dict.fromkeys(_THEME_STATS_COLUMNS, 0)
        stats += [{**zero, "theme_id": top, "source_format": fmt, "people": people} for top, fmt, people in tops[0]]
        resp_counts = [r for r in resp_counts if r[0] not in tops_with] + list(tops[1])
    counted: dict[int, list[float]] = {}
    for row in stats:  # the praise share from the same pass (PRAISE_SQL), as praise_share_by_theme
        c = counted.setdefault(row["theme_id"], [0.0, 0.0])
        c[0] += row["items"]
        c[1] += row["praise"]
    praise = {t: p / n if n else 0.0 for t, (n, p) in counted.items()}
    rollup = {tid: {"label": label, "status": status, "items_total": 0, "items_resolved": 0, "items_with_status": 0}
              for tid, label, status in themes}
    for row in stats:
        if row["theme_id"] in rollup:
            r = rollup[row["theme_id"]]
            r["items_total"] += row["items"]
            r["items_resolved"] += row["items"] - int(row["unresolved"])
            r["items_with_status"] += int(row["with_status"])
    item_counts = [(row["theme_id"],) + tuple(row[k] for k in ("nps_n", "nps_p", "nps_d", "csat_n", "csat_top2"))
                   for row in stats if row["nps_n"] or row["csat_n"]]
    score_counts = _add_counts(resp_counts, item_counts)
    times = _time_columns(conn, items, responses, True)
    if parents and len(times.theme_id):
        times = _with_parents(times, parents)
    return ThemeData(rollup, stats, _merge_days([resp, item_scores]), score_counts, times, praise)


def _with_parents(times: TimeColumns, parents: dict[int, int]) -> TimeColumns:
    """``times`` plus a copy of every sub-theme item's row under its top-level theme."""
    child = np.fromiter(parents, dtype=np.int64, count=len(parents))
    rows = np.flatnonzero(np.isin(times.theme_id, child))
    lookup = dict(parents)
    extra = np.array([lookup[int(t)] for t in times.theme_id[rows]], dtype=np.int64)

    def cat(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.concatenate([a, b])
    return TimeColumns(
        item_id=cat(times.item_id, times.item_id[rows]), created=cat(times.created, times.created[rows]),
        closed=cat(times.closed, times.closed[rows]), is_open=cat(times.is_open, times.is_open[rows]),
        first_response=cat(times.first_response, times.first_response[rows]),
        response_unknown=cat(times.response_unknown, times.response_unknown[rows]),
        theme_id=cat(times.theme_id, extra))


def latest_created(conn: sqlite3.Connection) -> str | None:
    latest: str | None = conn.execute("SELECT max(created_at) FROM items").fetchone()[0]
    return latest

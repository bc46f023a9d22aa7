"""The feedback table's queries: filters, sort and keyset paging in SQL, fast on a million items.

A page is fetched "after" the last row of the previous one (keyset paging), so scrolling to the
end of a huge table never pays for an OFFSET.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Generator

from .search import match_expression
from .source_names import label_sql
from .theme_scope import shown, sub_themes_of

_SOURCE_LABEL = label_sql("items")

#: columns the table shows, in order: (key, SQL expression)
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "items.id"),
    ("created_at", "items.created_at"),
    ("source_format", _SOURCE_LABEL),  # key kept; shows the source's name ("generic" items: their file or name)
    ("title", "items.title"),
    ("text", "substr(items.text, 1, 300)"),
    ("status", "items.status"),
    ("theme", "themes.label"),
    ("score", "coalesce(items.rating, items.nps, items.csat, items.ces, respondents.nps, respondents.csat, respondents.ces, respondents.rating)"),
    ("author", "items.author"),
)
SORTABLE = {"id": "items.id", "created_at": "items.created_at", "source_format": _SOURCE_LABEL,
            "status": "items.status", "author": "items.author", "theme": "themes.label",
            "score": TABLE_COLUMNS[7][1]}

SCORE_BANDS = {
    # NPS groups (survey answers) and star/CSAT bands (reviews, tickets)
    "detractor": "coalesce(items.nps, respondents.nps) <= 6",
    "passive": "coalesce(items.nps, respondents.nps) BETWEEN 7 AND 8",
    "promoter": "coalesce(items.nps, respondents.nps) >= 9",
    "low": "coalesce(items.rating, items.csat, respondents.rating, respondents.csat) <= 2",
    "neutral": "coalesce(items.rating, items.csat, respondents.rating, respondents.csat) = 3",
    "high": "coalesce(items.rating, items.csat, respondents.rating, respondents.csat) >= 4",
}


@dataclass
class ItemFilter:
    search: str = ""
    source_formats: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # source labels (see store.source_names)
    statuses: list[str] = field(default_factory=list)
    theme_ids: list[int] = field(default_factory=list)  # 0 stands for "unassigned"
    created_from: str | None = None  # ISO date or time, inclusive
    created_to: str | None = None  # ISO date or time, exclusive
    score_band: str | None = None
    segment: tuple[str, str] | None = None  # (attribute name, value)
    sentiment: str | None = None  # positive | neutral | negative (ratings outrank text, see sentiment)
    feedback_type: str | None = None  # problem | request | question | praise | other


SENTIMENTS = ("negative", "neutral", "positive")
FEEDBACK_TYPES = ("problem", "request", "question", "praise", "other")


def _where(f: ItemFilter, use_filter_indexes: bool = True) -> tuple[str, list[Any]]:
    # "+column" keeps SQLite from using that column's index, so a page of a broad filter walks
    # the sort order's index instead of sorting most of the table.
    plus = "" if use_filter_indexes else "+"
    clauses: list[str] = []
    args: list[Any] = []
    if f.search.strip():
        expression = match_expression(f.search)
        if expression is None:
            clauses.append("0")
        else:
            clauses.append("items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
            args.append(expression)
    if f.source_formats:
        clauses.append(f"{plus}items.source_format IN ({','.join('?' * len(f.source_formats))})")
        args += f.source_formats
    if f.sources:
        clauses.append(f"{_SOURCE_LABEL} IN ({','.join('?' * len(f.sources))})")
        args += f.sources
    if f.statuses:
        clauses.append(f"{plus}items.status IN ({','.join('?' * len(f.statuses))})")
        args += f.statuses
    if f.theme_ids:
        real = [t for t in f.theme_ids if t]
        parts = []
        if real:
            marks = ",".join("?" * len(real))  # a top-level theme's items include its sub-themes'
            # not a hidden sub-theme's (store.theme_scope)
            parts.append(f"item_themes.theme_id IN ({marks}) OR item_themes.theme_id IN ({sub_themes_of(marks)})")
            args += real + real
        if 0 in f.theme_ids:
            parts.append("item_themes.theme_id IS NULL")
        clauses.append("(" + " OR ".join(parts) + ")")
    if f.created_from:
        clauses.append("items.created_at >= ?")
        args.append(f.created_from)
    if f.created_to:
        clauses.append("items.created_at < ?")
        args.append(f.created_to)
    if f.score_band:
        if f.score_band not in SCORE_BANDS:
            raise ValueError(f"unknown score band {f.score_band!r}")
        clauses.append(SCORE_BANDS[f.score_band])
    if f.segment:
        key, value = f.segment
        clauses.append("coalesce(json_extract(items.attributes, ?), json_extract(respondents.attributes, ?)) = ?")
        path = "$." + json.dumps(key)
        args += [path, path, value]
    if f.sentiment:
        if f.sentiment not in SENTIMENTS:
            raise ValueError(f"unknown sentiment {f.sentiment!r}")
        # correlated lookup by primary key: cheap per row when a page walks the sort index
        clauses.append("EXISTS (SELECT 1 FROM item_sentiment s WHERE s.item_id = items.id AND s.label = ?)")
        args.append(f.sentiment)
    if f.feedback_type:
        if f.feedback_type not in FEEDBACK_TYPES:
            raise ValueError(f"unknown feedback type {f.feedback_type!r}")
        clauses.append("EXISTS (SELECT 1 FROM item_sentiment s WHERE s.item_id = items.id AND s.feedback_type = ?)")
        args.append(f.feedback_type)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


_FROM = (" FROM items LEFT JOIN respondents ON respondents.id = items.respondent_id"
         " LEFT JOIN item_themes ON item_themes.item_id = items.id"
         " LEFT JOIN themes ON themes.id = item_themes.theme_id")


def count_items(conn: sqlite3.Connection, f: ItemFilter) -> int:
    """How many items pass the filter (joins only the tables the filter needs)."""
    if f.search.strip() and f == ItemFilter(search=f.search):  # search alone: count in the index itself
        expression = match_expression(f.search)
        if expression is None:
            return 0
        return int(conn.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", (expression,)).fetchone()[0])
    where, args = _where(f)
    joins = " FROM items"
    if f.score_band or f.segment:
        joins += " LEFT JOIN respondents ON respondents.id = items.respondent_id"
    if f.theme_ids:
        joins += " LEFT JOIN item_themes ON item_themes.item_id = items.id"
    return int(conn.execute("SELECT count(*)" + joins + where, args).fetchone()[0])


SELECTIVE = 50_000  # below this many matches, sorting them beats walking the sort index


def page_items(conn: sqlite3.Connection, f: ItemFilter, sort: str = "created_at", descending: bool = True, limit: int = 200,
               after: tuple[Any, ...] | None = None, matches: int | None = None) -> list[tuple[Any, ...]]:
    """Rows of TABLE_COLUMNS plus a trailing sort key; pass the last row's ``(sort key, id)`` as
    ``after`` to get the next page. ``matches`` (from count_items) lets a selective filter use
    its own index."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort by {sort!r}")
    key = SORTABLE[sort]
    where, args = _where(f, use_filter_indexes=matches is not None and matches < SELECTIVE)
    op = "<" if descending else ">"
    direction = "DESC" if descending else "ASC"
    if after is not None:
        last_key, last_id = after
        # Rows sort by (key, id); NULL keys sort first ascending, last descending (SQLite).
        if last_key is None:
            keyset = f"({key} IS NULL AND items.id {op} ?)" + ("" if descending else f" OR {key} IS NOT NULL")
            keyset_args = [last_id]
        else:
            keyset = f"({key} {op} ? OR ({key} = ? AND items.id {op} ?))" + (f" OR {key} IS NULL" if descending else "")
            keyset_args = [last_key, last_key, last_id]
        where = (where + " AND " if where else " WHERE ") + f"({keyset})"
        args = args + keyset_args
    columns = ", ".join(expr for _, expr in TABLE_COLUMNS)
    sql = f"SELECT {columns}, {key}{_FROM}{where} ORDER BY {key} {direction}, items.id {direction} LIMIT ?"
    return conn.execute(sql, args + [limit]).fetchall()


def counts_first(f: ItemFilter) -> bool:
    """Whether counting before the first page is cheap: only filters backed by an index are.

    Counting tells the page query whether the filter is selective enough to use its own index;
    for search, score bands, segments and sentiment the count needs a scan, so the first page
    (which walks the sort order's index and stops after a page) comes first."""
    return not (f.search.strip() or f.score_band or f.segment or f.sentiment or f.feedback_type)


def first_page_and_count(conn: sqlite3.Connection, f: ItemFilter, sort: str = "created_at", descending: bool = True,
                         limit: int = 200) -> Generator[tuple[list[tuple[Any, ...]], int | None], None, int]:
    """What a table shows when a filter changes, fastest answer first: yields ``(rows, total or
    None)`` once, then returns the total. The feedback table and bench/ui_bench.py both use it."""
    if counts_first(f):
        total = count_items(conn, f)
        yield page_items(conn, f, sort, descending, limit, None, total), total
        return total
    yield page_items(conn, f, sort, descending, limit), None
    return count_items(conn, f)


def filter_choices(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the filter controls offer: formats, source names, statuses, themes and segment attributes."""
    formats = [r[0] for r in conn.execute("SELECT DISTINCT source_format FROM items ORDER BY 1")]
    sources = [r[0] for r in conn.execute(f"SELECT DISTINCT {_SOURCE_LABEL} FROM items ORDER BY 1")]
    statuses = [r[0] for r in conn.execute("SELECT DISTINCT status FROM items ORDER BY 1")]
    rows = conn.execute(f"SELECT id, label, parent_id FROM themes WHERE {shown()} AND merged_into IS NULL"
                        " ORDER BY size DESC, id").fetchall()
    tops = {r[0] for r in rows if r[2] is None}
    themes = []  # tree order: each top-level theme followed by its sub-themes (indented)
    for theme_id, label, parent in rows:
        if parent is None or parent not in tops:
            themes.append((theme_id, label))
            themes += [(c, "\u2003\u2514 " + cl) for c, cl, cp in rows if cp == theme_id]
    found: dict[str, set[str]] = {}
    # a sample of survey respondents' and items' attributes (the other columns of an export)
    for (attrs,) in conn.execute(
        "SELECT attributes FROM (SELECT attributes FROM respondents WHERE attributes != '{}' LIMIT 500)"
        " UNION ALL SELECT attributes FROM (SELECT attributes FROM items WHERE attributes != '{}'"
        " ORDER BY id DESC LIMIT 500)"
    ):
        for k, v in json.loads(attrs).items():
            if isinstance(v, str) and 0 < len(v) <= 40 and k not in ("_sentiment", "_type"):  # mapped, filtered apart
                found.setdefault(k, set()).add(v)
    segments = {k: sorted(v) for k, v in found.items() if 1 < len(v) <= 30}
    # items but none with a date (the index answers at once): the table leaves out its Created column
    undated = bool(formats) and conn.execute("SELECT 1 FROM items WHERE created_at IS NOT NULL LIMIT 1").fetchone() is None
    # items but none with a score / an author (reviews without stars, issues exported without users): the
    # table leaves out the empty Score / Author column, which took the feedback's room
    unscored = bool(formats) and not _any(conn, "items", "coalesce(rating, nps, csat, ces) IS NOT NULL") \
        and not _any(conn, "respondents", "coalesce(nps, csat, ces, rating) IS NOT NULL")
    anonymous = bool(formats) and not _any(conn, "items", "author IS NOT NULL AND author != ''")
    return {"formats": formats, "sources": sources, "statuses": statuses, "themes": themes, "segments": segments,
            "undated": undated, "unscored": unscored, "anonymous": anonymous, "source_paths": source_paths(conn)}


def _any(conn: sqlite3.Connection, table: str, condition: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE {condition} LIMIT 1").fetchone() is not None


def source_paths(conn: sqlite3.Connection) -> dict[str, str]:
    """File name -> the full path it was imported from (the tooltip of a source label, a file name,
    where the table shortens it); a name imported from more than one folder is left out. Reads only
    the imports table (a row per import), never the items."""
    rows = conn.execute("SELECT file_name, min(file_path), count(DISTINCT file_path) FROM imports GROUP BY file_name"
                        ).fetchall()
    return {label: path for label, path, n in rows if label and path and n == 1}

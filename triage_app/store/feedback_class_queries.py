"""SQL for the per-item sentiment and feedback type (table ``item_sentiment``): what needs scoring,
writing scores, counts and shares per theme, and the values a file mapped (``attributes``)."""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from .theme_scope import rolled_child

#: keys in ``items.attributes`` where the generic importer keeps a mapped sentiment / type column
MAPPED_SENTIMENT_KEY = "_sentiment"
MAPPED_TYPE_KEY = "_type"

_TODO = "s.item_id IS NULL OR s.row_hash IS NOT i.row_hash OR s.feedback_type IS NULL"


def items_to_score(conn: sqlite3.Connection, after_id: int, limit: int) -> list[tuple[Any, ...]]:
    """(id, title, text, rating, nps, csat, ces, row_hash, mapped sentiment, mapped type) of items
    not scored yet, changed since, or scored before types existed; scores from the item, else its
    respondent."""
    return conn.execute(
        "SELECT i.id, i.title, i.text, coalesce(i.rating, r.rating), coalesce(i.nps, r.nps),"
        " coalesce(i.csat, r.csat), coalesce(i.ces, r.ces), i.row_hash,"
        f" json_extract(i.attributes, '$.{MAPPED_SENTIMENT_KEY}'), json_extract(i.attributes, '$.{MAPPED_TYPE_KEY}')"
        " FROM items i LEFT JOIN respondents r ON r.id = i.respondent_id LEFT JOIN item_sentiment s ON s.item_id = i.id"
        f" WHERE i.id > ? AND ({_TODO}) ORDER BY i.id LIMIT ?", (after_id, limit)).fetchall()


def count_to_score(conn: sqlite3.Connection) -> int:
    return int(conn.execute(f"SELECT count(*) FROM items i LEFT JOIN item_sentiment s ON s.item_id = i.id WHERE {_TODO}"
                        ).fetchone()[0])


def write_scores(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    """rows: (item_id, score, label, method, row_hash, feedback_type, type_score, type_method)."""
    conn.executemany(
        "INSERT INTO item_sentiment (item_id, score, label, method, row_hash, feedback_type, type_score, type_method)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET score = excluded.score,"
        " label = excluded.label, method = excluded.method, row_hash = excluded.row_hash,"
        " feedback_type = excluded.feedback_type, type_score = excluded.type_score,"
        " type_method = excluded.type_method", rows)


def type_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    return {f"{m}:{t}": n for m, t, n in conn.execute(
        "SELECT type_method, feedback_type, count(*) FROM item_sentiment WHERE feedback_type IS NOT NULL"
        " GROUP BY type_method, feedback_type ORDER BY type_method, feedback_type")}


def sentiment_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    return {f"{m}:{lab}": n for m, lab, n in conn.execute(
        "SELECT method, label, count(*) FROM item_sentiment GROUP BY method, label ORDER BY method, label")}


def _shares(rows: Iterable[tuple[Any, ...]]) -> dict[int, dict[str, float]]:
    totals: dict[int, int] = {}
    counts: dict[int, dict[str, int]] = {}
    for theme, label, n in rows:
        totals[theme] = totals.get(theme, 0) + n
        counts.setdefault(theme, {})[label] = n
    return {t: {label: n / totals[t] for label, n in c.items()} for t, c in counts.items()}


def _rolled_up(column: str, where: str) -> str:
    """(theme id, class, count) for every theme; a top-level theme counts its sub-themes' items too
    (not a hidden one's: ``theme_scope``)."""
    return ("SELECT theme, k, sum(n) FROM ("
            f"SELECT it.theme_id AS theme, {column} AS k, count(*) AS n FROM item_themes it"
            f" JOIN item_sentiment s ON s.item_id = it.item_id WHERE it.theme_id IS NOT NULL AND {where} GROUP BY 1, 2"
            f" UNION ALL SELECT t.parent_id, {column}, count(*) FROM item_themes it"
            " JOIN item_sentiment s ON s.item_id = it.item_id JOIN themes t ON t.id = it.theme_id"
            f" WHERE {rolled_child('t')} AND {where} GROUP BY 1, 2"
            ") GROUP BY theme, k")


def sentiment_shares_by_theme(conn: sqlite3.Connection) -> dict[int, dict[str, float]]:
    """theme id -> {positive/neutral/negative: share of its scored members}; the shares sum to 1.
    Themes without a scored member are absent."""
    return _shares(conn.execute(_rolled_up("s.label", "TRUE")))


def type_shares_by_theme(conn: sqlite3.Connection) -> dict[int, dict[str, float]]:
    """theme id -> {problem/request/question/praise/other: share of its typed members}; sums to 1."""
    return _shares(conn.execute(_rolled_up("s.feedback_type", "s.feedback_type IS NOT NULL")))


def item_classes(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, tuple[str | None, str | None]]:
    """item id -> (sentiment label, feedback type) for the given items that are scored."""
    out: dict[int, tuple[Any, ...]] = {}
    ids = list(item_ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        out.update((r[0], (r[1], r[2])) for r in conn.execute(
            f"SELECT item_id, label, feedback_type FROM item_sentiment WHERE item_id IN ({','.join('?' * len(chunk))})",
            chunk))
    return out


def item_types(conn: sqlite3.Connection) -> dict[int, tuple[str | None, str | None]]:
    """item id -> (feedback type, how it was decided: mapped | model | none) of every scored item."""
    return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT item_id, feedback_type, type_method FROM item_sentiment")}

"""Named read and write queries over a workspace. Every SQL string outside migrations lives here
or in writer.py; the rest of the code calls these functions."""
from __future__ import annotations

import itertools
import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator

from .search import match_expression


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_savepoints = itertools.count(1)


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A unit of work, committed whole or rolled back whole on any exception. Nestable: outside a
    transaction it opens one (BEGIN IMMEDIATE ... COMMIT); inside one it is a SAVEPOINT, so a
    service that writes in ``atomic`` can be called many times inside its caller's ``atomic`` and
    the whole is one commit (a failing inner part rolls back to its savepoint only)."""
    if conn.in_transaction:
        name = f"atomic_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


#: the name the services use; the same nestable unit of work
transaction = atomic


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid an INSERT gave its row."""
    assert cur.lastrowid is not None
    return cur.lastrowid


# -- imports ---------------------------------------------------------------------------------
def create_import(conn: sqlite3.Connection, *, file_name: str, file_path: str, format: str, encoding: str | None,
                  content_hash: str, size_bytes: int, options: dict[str, Any]) -> int:
    cur = conn.execute(
        "INSERT INTO imports (file_name, file_path, format, encoding, content_hash, size_bytes, started_at, options)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (file_name, file_path, format, encoding, content_hash, size_bytes, now_iso(), json.dumps(options)),
    )
    return inserted_id(cur)


def finish_import(conn: sqlite3.Connection, import_id: int, *, added: int, updated: int, unchanged: int, rejected: int,
                  respondents: int) -> None:
    conn.execute(
        "UPDATE imports SET finished_at=?, added=?, updated=?, unchanged=?, rejected=?, respondents=? WHERE id=?",
        (now_iso(), added, updated, unchanged, rejected, respondents, import_id),
    )


def list_imports(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cur = conn.execute(
        "SELECT id, file_name, format, encoding, started_at, added, updated, unchanged, rejected FROM imports ORDER BY id"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur]


def rejected_rows(conn: sqlite3.Connection, import_id: int, limit: int = 1000) -> list[dict[str, Any]]:
    return [
        {"row": r[0], "column": r[1], "reason": r[2]}
        for r in conn.execute(
            "SELECT row, column_name, reason FROM rejected_rows WHERE import_id=? ORDER BY id LIMIT ?",
            (import_id, limit),
        )
    ]


# -- statistics ------------------------------------------------------------------------------
def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts for ``triage-app stats``: items, per format and status, first and last creation time."""
    items, first, last = conn.execute("SELECT count(*), min(created_at), max(created_at) FROM items").fetchone()
    by_format = dict(conn.execute(
        "SELECT source_format, count(*) FROM items GROUP BY source_format ORDER BY count(*) DESC"
    ).fetchall())
    by_status = dict(conn.execute("SELECT status, count(*) FROM items GROUP BY status ORDER BY count(*) DESC").fetchall())
    respondents = conn.execute("SELECT count(*) FROM respondents").fetchone()[0]
    imports = conn.execute("SELECT count(*) FROM imports WHERE finished_at IS NOT NULL").fetchone()[0]
    return {
        "items": items,
        "respondents": respondents,
        "imports": imports,
        "by_source_format": by_format,
        "by_status": by_status,
        "first_created": first,
        "last_created": last,
    }


# -- items -----------------------------------------------------------------------------------
ITEM_COLUMNS = ("id", "source_format", "external_id", "source", "created_at", "author", "title", "text",
                "status", "labels", "link", "nps", "csat", "ces", "rating")


def _item_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    item = dict(zip(ITEM_COLUMNS, row))
    item["labels"] = json.loads(item["labels"] or "[]")
    return item


def search_items(conn: sqlite3.Connection, query: str, limit: int = 100, offset: int = 0, order: str = "newest") -> list[dict[str, Any]]:
    """Items whose title or text match ``query`` (English or Chinese).

    ``order="newest"`` (the default) streams matches newest first and stays fast on a million
    items; ``order="relevance"`` ranks by BM25, which must score every match first.
    """
    expression = match_expression(query)
    if expression is None:
        return []
    cols = ", ".join(f"items.{c}" for c in ITEM_COLUMNS)
    ordering = "items_fts.rank" if order == "relevance" else "items_fts.rowid DESC"
    rows = conn.execute(
        f"SELECT {cols} FROM items_fts JOIN items ON items.id = items_fts.rowid"
        f" WHERE items_fts MATCH ? ORDER BY {ordering} LIMIT ? OFFSET ?",
        (expression, limit, offset),
    ).fetchall()
    return [_item_dict(r) for r in rows]


def count_search(conn: sqlite3.Connection, query: str) -> int:
    expression = match_expression(query)
    if expression is None:
        return 0
    return int(conn.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", (expression,)).fetchone()[0])


def list_items(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    cols = ", ".join(ITEM_COLUMNS)
    rows = conn.execute(f"SELECT {cols} FROM items ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    return [_item_dict(r) for r in rows]


def get_item(conn: sqlite3.Connection, item_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, source_format, external_id, source, created_at, updated_at, closed_at, author, author_is_bot,"
        " question, title, text, source_state, status, labels, link, nps, csat, ces, rating, first_response_s,"
        " attributes, respondent_id FROM items WHERE id=?", (item_id,)
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "source_format", "external_id", "source", "created_at", "updated_at", "closed_at", "author",
            "author_is_bot", "question", "title", "text", "source_state", "status", "labels", "link", "nps", "csat",
            "ces", "rating", "first_response_s", "attributes", "respondent_id")
    item = dict(zip(keys, row))
    item["labels"] = json.loads(item["labels"])
    item["attributes"] = json.loads(item["attributes"])
    item["events"] = [
        dict(zip(("kind", "created_at", "author", "author_is_bot", "author_association", "body"), r))
        for r in conn.execute(
            "SELECT kind, created_at, author, author_is_bot, author_association, body FROM events"
            " WHERE item_id=? ORDER BY created_at", (item_id,)
        )
    ]
    row = conn.execute("SELECT label, method, feedback_type, type_method FROM item_sentiment WHERE item_id=?",
                       (item_id,)).fetchone()  # how the item was classed, and from what (None: not scored yet)
    item["classes"] = None if row is None else dict(zip(("sentiment", "sentiment_method", "feedback_type",
                                                         "type_method"), row))
    item["status_history"] = [
        dict(zip(("old_status", "new_status", "changed_at", "origin", "note"), r))
        for r in conn.execute(
            "SELECT old_status, new_status, changed_at, origin, note FROM status_history WHERE item_id=? ORDER BY id",
            (item_id,),
        )
    ]
    return item


def item_ids_by_external(conn: sqlite3.Connection, source_format: str, external_ids: list[str]) -> dict[str, int]:
    marks = ",".join("?" * len(external_ids))
    return dict(conn.execute(
        f"SELECT external_id, id FROM items WHERE source_format=? AND external_id IN ({marks})",
        [source_format, *external_ids],
    ).fetchall())


def refresh_planner_statistics(conn: sqlite3.Connection) -> None:
    """Let SQLite's planner know the data's shape after a large change (a few hundred ms at most)."""
    conn.execute("PRAGMA analysis_limit = 2000")
    conn.execute("ANALYZE")


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

"""Re-importing a file replaces what its earlier import stored.

A file imported again (same name and the same rows, or the same bytes) with a corrected encoding
or mapping gives rows whose ids (content hashes, where the file has no id column) differ from the
first time: without this, the fix would add every row a second time. What the earlier import
stored and this one did not meet again is removed.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from .search import fts_prepare


def record_rows_read(conn: sqlite3.Connection, import_id: int, rows: int) -> None:
    """Remember how many rows the file had (kept in the import's options, under ``rows_read``)."""
    conn.execute("UPDATE imports SET options=json_set(options, '$.rows_read', ?) WHERE id=?", (rows, import_id))


#: What decides how a file is read: a different choice of these is a correction, not a new export.
_READING = ("format", "encoding", "delimiter", "mapping", "timezone", "dayfirst")


def _reading(fmt: str | None, encoding: str | None, options: str | None) -> tuple[Any, ...]:
    opts = json.loads(options or "{}")
    return (fmt, (encoding or "").lower()) + tuple(json.dumps(opts.get(k), sort_keys=True) for k in _READING[2:])


def earlier_imports_of(conn: sqlite3.Connection, import_id: int, file_name: str, content_hash: str,
                       rows: int | None) -> list[int]:
    """Finished earlier imports of the same file: same name and same bytes; or same name and rows
    read differently (another format, encoding, delimiter, mapping, time zone). A newer export that
    happens to share the name and the row count but is read the same way is a new export: it never
    removes what the earlier one stored."""
    this = conn.execute("SELECT format, encoding, options FROM imports WHERE id=?", (import_id,)).fetchone()
    found = conn.execute(
        "SELECT id, content_hash, format, encoding, options FROM imports WHERE id<? AND finished_at IS NOT NULL"
        " AND file_name=? AND (content_hash=? OR (? IS NOT NULL AND json_extract(options, '$.rows_read')=?))",
        (import_id, file_name, content_hash, rows, rows),
    ).fetchall()
    mine = _reading(*this) if this else None
    return [r[0] for r in found if r[1] == content_hash or _reading(r[2], r[3], r[4]) != mine]


def remove_unmatched(conn: sqlite3.Connection, earlier: list[int], kept_items: set[int],
                     kept_respondents: set[int]) -> tuple[int, int]:
    """Delete the items and respondents last stored by the ``earlier`` imports that this import did
    not meet again (``kept_*``: ids it met). Returns (items, respondents) removed."""
    if not earlier:
        return 0, 0
    marks = ",".join("?" * len(earlier))
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS replace_keep (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.replace_keep")
    conn.executemany("INSERT OR IGNORE INTO temp.replace_keep (id) VALUES (?)", ((i,) for i in kept_items))
    doomed = conn.execute(
        f"SELECT id, title, text FROM items WHERE last_import_id IN ({marks})"
        " AND id NOT IN (SELECT id FROM temp.replace_keep)", earlier,
    ).fetchall()
    # contentless full-text index: a delete needs the values as indexed
    conn.executemany("INSERT INTO items_fts (items_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                     [(r[0], fts_prepare(r[1]), fts_prepare(r[2])) for r in doomed])
    conn.executemany("DELETE FROM items WHERE id=?", [(r[0],) for r in doomed])
    conn.execute("DELETE FROM temp.replace_keep")
    conn.executemany("INSERT OR IGNORE INTO temp.replace_keep (id) VALUES (?)", ((i,) for i in kept_respondents))
    cur = conn.execute(
        f"DELETE FROM respondents WHERE last_import_id IN ({marks}) AND id NOT IN (SELECT id FROM temp.replace_keep)"
        " AND NOT EXISTS (SELECT 1 FROM items WHERE items.respondent_id=respondents.id)", earlier,
    )
    conn.execute("DELETE FROM temp.replace_keep")
    return len(doomed), cur.rowcount


def options_of(conn: sqlite3.Connection, import_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT options FROM imports WHERE id=?", (import_id,)).fetchone()
    return json.loads(row[0]) if row and row[0] else {}

"""Workflow status of items and themes: the one closed set, reading and recording status changes
(with ``status_history``), and the items whose status follows their source state."""
from __future__ import annotations

import sqlite3
from typing import Any

from ..domain import CLOSED_STATUSES
from .queries import now_iso

#: SQL list of the closed statuses, for ``status IN {CLOSED_SQL}``
CLOSED_SQL = "(" + ", ".join("'" + s.replace("'", "''") + "'" for s in CLOSED_STATUSES) + ")"
#: SQL test (alias ``i``) of an item that carries a status: one from its source (an issue's state, a status column)
#: or one a person set. Reviews and survey answers carry none: "0 of N closed" would say nothing about them.
HAS_STATUS_SQL = "(i.source_state IS NOT NULL OR i.status <> 'new')"


def item_status(conn: sqlite3.Connection, item_id: int) -> str | None:
    row = conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()
    return row[0] if row else None


def theme_status(conn: sqlite3.Connection, theme_id: int) -> str | None:
    row = conn.execute("SELECT status FROM themes WHERE id = ?", (theme_id,)).fetchone()
    return row[0] if row else None


def record_status(conn: sqlite3.Connection, *, new_status: str, item_id: int | None = None,
                  theme_id: int | None = None, note: str | None = None, origin: str = "user",
                  changed_at: str | None = None) -> dict[str, Any]:
    """Set an item's or a theme's status and keep the change in ``status_history`` (one transaction
    is the caller's). Returns the history row."""
    when = changed_at or now_iso()
    if item_id is not None:
        old = item_status(conn, item_id)
        conn.execute("UPDATE items SET status = ? WHERE id = ?", (new_status, item_id))
    else:
        assert theme_id is not None, "an item or a theme"
        old = theme_status(conn, theme_id)
        conn.execute("UPDATE themes SET status = ?, updated_at = ? WHERE id = ?", (new_status, when, theme_id))
    conn.execute(
        "INSERT INTO status_history (item_id, theme_id, old_status, new_status, changed_at, origin, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", (item_id, theme_id, old, new_status, when, origin, note))
    return {"item_id": item_id, "theme_id": theme_id, "old_status": old, "new_status": new_status,
            "changed_at": when, "origin": origin, "note": note}


def status_history(conn: sqlite3.Connection, *, item_id: int | None = None, theme_id: int | None = None) -> list[dict[str, Any]]:
    column, value = ("item_id", item_id) if item_id is not None else ("theme_id", theme_id)
    keys = ("old_status", "new_status", "changed_at", "origin", "note")
    return [dict(zip(keys, r)) for r in conn.execute(
        f"SELECT old_status, new_status, changed_at, origin, note FROM status_history WHERE {column} = ? ORDER BY id",
        (value,))]


def remap_candidates(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(id, source_format, source_state, status) of items whose status comes from their source
    state: never changed by a user."""
    return conn.execute(
        "SELECT i.id, i.source_format, i.source_state, i.status FROM items i WHERE i.source_state IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM status_history h WHERE h.item_id = i.id AND h.origin = 'user'"
        " AND h.old_status IS NOT h.new_status)"
    ).fetchall()


def source_states(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(source_format, source_state, status, items) as they are in the workspace."""
    return conn.execute(
        "SELECT source_format, source_state, status, count(*) FROM items WHERE source_state IS NOT NULL"
        " GROUP BY source_format, source_state, status ORDER BY source_format, count(*) DESC"
    ).fetchall()

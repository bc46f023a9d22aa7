"""SQL for redacting personal data in the stored text (see services/privacy.py and docs/schema.md,
``pii_originals``). The callers own the transaction."""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from .queries import now_iso
from .search import fts_prepare

ITEM_FIELDS = ("title", "text", "author", "attributes")
EVENT_FIELDS = ("body", "author")
_OWNER_COLUMN = {"item": "item_id", "event": "event_id", "respondent": "respondent_id"}


def item_batch(conn: sqlite3.Connection, after_id: int, limit: int, import_id: int | None = None) -> list[tuple[Any, ...]]:
    """(id, title, text, author, attributes) of items above ``after_id``; only one import's when given."""
    if import_id is None:
        return conn.execute(
            "SELECT id, title, text, author, attributes FROM items WHERE id>? ORDER BY id LIMIT ?", (after_id, limit)
        ).fetchall()
    return conn.execute(
        "SELECT id, title, text, author, attributes FROM items WHERE id>? AND last_import_id=? ORDER BY id LIMIT ?",
        (after_id, import_id, limit),
    ).fetchall()


def count_items(conn: sqlite3.Connection, import_id: int | None = None) -> int:
    if import_id is None:
        return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])
    return int(conn.execute("SELECT count(*) FROM items WHERE last_import_id=?", (import_id,)).fetchone()[0])


def events_of_items(conn: sqlite3.Connection, item_ids: list[int]) -> list[tuple[Any, ...]]:
    """(id, body, author) of the events of these items."""
    out = []
    for start in range(0, len(item_ids), 900):
        chunk = item_ids[start:start + 900]
        marks = ",".join("?" * len(chunk))
        out += conn.execute(f"SELECT id, body, author FROM events WHERE item_id IN ({marks})", chunk).fetchall()
    return out


def respondent_batch(conn: sqlite3.Connection, after_id: int, limit: int, import_id: int | None = None) -> list[tuple[Any, ...]]:
    """(id, attributes) of respondents above ``after_id``; only those one import wrote when given."""
    if import_id is None:
        return conn.execute("SELECT id, attributes FROM respondents WHERE id>? ORDER BY id LIMIT ?",
                            (after_id, limit)).fetchall()
    return conn.execute(
        "SELECT id, attributes FROM respondents WHERE id>? AND last_import_id=? ORDER BY id LIMIT ?",
        (after_id, import_id, limit),
    ).fetchall()


def update_items(conn: sqlite3.Connection, rows: list[tuple[Any, ...]], *, old_for_search: list[tuple[Any, ...]] | None = None) -> None:
    """Write redacted (title, text, author, attributes, id) rows. With ``old_for_search`` ((id, title,
    text) as indexed), the full-text index is updated too; without, the caller indexes later."""
    if old_for_search:
        conn.executemany(
            "INSERT INTO items_fts (items_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            [(i, fts_prepare(t), fts_prepare(x)) for i, t, x in old_for_search],
        )
    conn.executemany("UPDATE items SET title=?, text=?, author=?, attributes=? WHERE id=?", rows)
    if old_for_search:
        conn.executemany(
            "INSERT INTO items_fts (rowid, title, text) VALUES (?, ?, ?)",
            [(r[4], fts_prepare(r[0]), fts_prepare(r[1])) for r in rows],
        )


def update_events(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    """Write redacted (body, author, id) rows."""
    conn.executemany("UPDATE events SET body=?, author=? WHERE id=?", rows)


def update_respondents(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    """Write redacted (attributes, id) rows."""
    conn.executemany("UPDATE respondents SET attributes=? WHERE id=?", rows)


def keep_originals(conn: sqlite3.Connection, rows: Iterable[tuple[str, int, str, str]]) -> None:
    """Keep (owner, owner id, field, original) — owner 'item', 'event' or 'respondent'. The first
    original kept for a field stays: redacting again never overwrites it with redacted text."""
    by_owner: dict[str, list[Any]] = {}
    stamp = now_iso()
    for owner, owner_id, field, original in rows:
        by_owner.setdefault(owner, []).append((owner_id, field, original, stamp))
    for owner, values in by_owner.items():
        column = _OWNER_COLUMN[owner]
        conn.executemany(
            f"INSERT INTO pii_originals ({column}, field, original, redacted_at) VALUES (?,?,?,?)"
            f" ON CONFLICT ({column}, field) WHERE {column} IS NOT NULL DO NOTHING",
            values,
        )


def drop_originals(conn: sqlite3.Connection, owner: str, owner_ids: list[int]) -> None:
    """Forget the originals of these rows (an import has just written them anew)."""
    column = _OWNER_COLUMN[owner]
    for start in range(0, len(owner_ids), 900):
        chunk = owner_ids[start:start + 900]
        conn.execute(f"DELETE FROM pii_originals WHERE {column} IN ({','.join('?' * len(chunk))})", chunk)


def originals(conn: sqlite3.Connection, owner: str, owner_id: int) -> dict[str, str]:
    """{field: original} kept for one item, event or respondent."""
    column = _OWNER_COLUMN[owner]
    return dict(conn.execute(f"SELECT field, original FROM pii_originals WHERE {column}=?", (owner_id,)).fetchall())


def forget_originals(conn: sqlite3.Connection) -> int:
    return conn.execute("DELETE FROM pii_originals").rowcount


def restore_originals(conn: sqlite3.Connection) -> int:
    """Put every kept original back (full-text index included) and forget them; returns rows restored."""
    item_ids = [r[0] for r in conn.execute("SELECT DISTINCT item_id FROM pii_originals WHERE item_id IS NOT NULL")]
    for start in range(0, len(item_ids), 900):
        chunk = item_ids[start:start + 900]
        marks = ",".join("?" * len(chunk))
        old = conn.execute(f"SELECT id, title, text FROM items WHERE id IN ({marks})", chunk).fetchall()
        conn.executemany(
            "INSERT INTO items_fts (items_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            [(i, fts_prepare(t), fts_prepare(x)) for i, t, x in old],
        )
    restored = 0
    for field in ITEM_FIELDS:
        restored += conn.execute(
            f"UPDATE items SET {field}=(SELECT original FROM pii_originals o WHERE o.item_id=items.id"
            f" AND o.field='{field}') WHERE id IN (SELECT item_id FROM pii_originals WHERE field='{field}')"
        ).rowcount
    for field in EVENT_FIELDS:
        restored += conn.execute(
            f"UPDATE events SET {field}=(SELECT original FROM pii_originals o WHERE o.event_id=events.id"
            f" AND o.field='{field}') WHERE id IN (SELECT event_id FROM pii_originals WHERE field='{field}')"
        ).rowcount
    restored += conn.execute(
        "UPDATE respondents SET attributes=(SELECT original FROM pii_originals o WHERE o.respondent_id=respondents.id"
        " AND o.field='attributes') WHERE id IN (SELECT respondent_id FROM pii_originals WHERE field='attributes')"
    ).rowcount
    for start in range(0, len(item_ids), 900):
        chunk = item_ids[start:start + 900]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, title, text FROM items WHERE id IN ({marks})", chunk).fetchall()
        conn.executemany("INSERT INTO items_fts (rowid, title, text) VALUES (?, ?, ?)",
                         [(i, fts_prepare(t), fts_prepare(x)) for i, t, x in rows])
    conn.execute("DELETE FROM pii_originals")
    return restored

"""SQL behind "Tell people" (closing the loop): the items of a theme or a selection with who wrote
them and where, the notes saying what was done, and the record that people were told.

A "told" record is a ``status_history`` row whose status does not change (old = new) and whose
note starts with ``TOLD_PREFIX``; metrics ignore rows whose status does not change.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Sequence

from .queries import now_iso
from .theme_scope import shown, sub_themes_of

TOLD_PREFIX = "[told]"
_CHUNK = 900
_ITEM_COLUMNS = ("id", "external_id", "source_format", "source", "created_at", "title", "text", "status", "author",
                 "author_is_bot", "link", "attributes", "respondent_attributes")
_SELECT = ("SELECT i.id, i.external_id, i.source_format, i.source, i.created_at, i.title, i.text, i.status, i.author,"
           " i.author_is_bot, i.link, i.attributes, r.attributes FROM items i"
           " LEFT JOIN respondents r ON r.id = i.respondent_id")


def _rows(conn: sqlite3.Connection, sql: str, args: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for row in conn.execute(sql, list(args)):
        item = dict(zip(_ITEM_COLUMNS, row))
        for key in ("attributes", "respondent_attributes"):
            try:
                item[key] = json.loads(item[key] or "{}")
            except ValueError:
                item[key] = {}
        out.append(item)
    return out


def theme_items(conn: sqlite3.Connection, theme_id: int) -> list[dict[str, Any]]:
    """Every item of a theme (with its respondent's attributes), most probable members first."""
    return _rows(conn, _SELECT + " JOIN item_themes it ON it.item_id = i.id"
                 f" WHERE it.theme_id = ? OR it.theme_id IN ({sub_themes_of('?')})"
                 " ORDER BY it.probability DESC, i.id", (theme_id, theme_id))


def items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> list[dict[str, Any]]:
    ids = [int(i) for i in item_ids]
    out: list[dict[str, Any]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        out += _rows(conn, _SELECT + f" WHERE i.id IN ({','.join('?' * len(chunk))})", chunk)
    order = {i: n for n, i in enumerate(ids)}
    return sorted(out, key=lambda r: order[r["id"]])


def theme(conn: sqlite3.Connection, theme_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, label, status, quotes, merged_into FROM themes WHERE id = ?", (theme_id,)).fetchone()
    if row is None:
        return None
    return {"id": row[0], "label": row[1], "status": row[2], "quotes": json.loads(row[3] or "[]"),
            "merged_into": row[4]}


def _target(theme_id: int | None, item_ids: Sequence[int]) -> tuple[str, list[Any]]:
    if theme_id is not None:
        return "h.theme_id = ?", [theme_id]
    ids = [int(i) for i in item_ids][:_CHUNK]
    return f"h.item_id IN ({','.join('?' * len(ids)) or 'NULL'})", ids


def notes(conn: sqlite3.Connection, theme_id: int | None = None, item_ids: Sequence[int] = ()) -> list[dict[str, Any]]:
    """Status changes with a note (not "told" records), newest first: what was done, in the user's words."""
    where, args = _target(theme_id, item_ids)
    rows = conn.execute(
        f"SELECT h.new_status, h.changed_at, h.note FROM status_history h WHERE {where} AND h.note IS NOT NULL"
        f" AND trim(h.note) <> '' AND h.note NOT LIKE '{TOLD_PREFIX}%' AND h.origin = 'user'"
        " ORDER BY h.changed_at DESC, h.id DESC", args).fetchall()
    return [{"status": r[0], "changed_at": r[1], "note": r[2]} for r in rows]


def told(conn: sqlite3.Connection, theme_id: int | None = None, item_ids: Sequence[int] = ()) -> list[dict[str, Any]]:
    """Earlier "told" records of the theme (or of any of the items), newest first."""
    where, args = _target(theme_id, item_ids)
    rows = conn.execute(
        f"SELECT h.item_id, h.theme_id, h.changed_at, h.note FROM status_history h WHERE {where}"
        f" AND h.note LIKE '{TOLD_PREFIX}%' ORDER BY h.changed_at DESC, h.id DESC", args).fetchall()
    return [{"item_id": r[0], "theme_id": r[1], "changed_at": r[2], "note": r[3]} for r in rows]


def record_told(conn: sqlite3.Connection, note: str, theme_id: int | None = None, item_ids: Sequence[int] = (),
                when: str | None = None) -> int:
    """Add a "told" record (status unchanged) to the theme or to each item; the caller holds the transaction."""
    when = when or now_iso()
    note = note if note.startswith(TOLD_PREFIX) else f"{TOLD_PREFIX} {note}"
    if theme_id is not None:
        conn.execute("INSERT INTO status_history (theme_id, old_status, new_status, changed_at, origin, note)"
                     " SELECT id, status, status, ?, 'user', ? FROM themes WHERE id = ?", (when, note, theme_id))
        return 1
    ids = [int(i) for i in item_ids]
    conn.executemany("INSERT INTO status_history (item_id, old_status, new_status, changed_at, origin, note)"
                     " SELECT id, status, status, ?, 'user', ? FROM items WHERE id = ?",
                     [(when, note, i) for i in ids])
    return len(ids)


def themes_changed_to(conn: sqlite3.Connection, statuses: Sequence[str], start: str, end: str) -> list[dict[str, Any]]:
    """Themes (not hidden, nor their top-level theme; not merged away) whose status now is one of ``statuses`` and was set in
    [start, end): the newest such change per theme, with its note."""
    marks = ",".join("?" * len(statuses))
    rows = conn.execute(
        "SELECT t.id, t.label, t.status, t.size, h.changed_at, h.note FROM themes t JOIN status_history h"
        " ON h.id = (SELECT h2.id FROM status_history h2 WHERE h2.theme_id = t.id AND h2.new_status = t.status"
        "  AND (h2.old_status IS NULL OR h2.old_status <> h2.new_status) ORDER BY h2.changed_at DESC, h2.id DESC LIMIT 1)"
        f" WHERE t.status IN ({marks}) AND {shown('t')} AND t.merged_into IS NULL"
        " AND h.changed_at >= ? AND h.changed_at < ? ORDER BY t.size DESC, t.id",
        [*statuses, start, end]).fetchall()
    return [{"id": r[0], "label": r[1], "status": r[2], "size": r[3], "changed_at": r[4], "note": r[5]} for r in rows]

"""Workspace settings: JSON objects in ``meta`` under ``setting:<name>`` (e.g. ``setting:privacy``).

Settings travel with the workspace file, so a redaction choice holds for every window and for the
command line alike.
"""
from __future__ import annotations

import json
import sqlite3

_PREFIX = "setting:"


def get_setting(conn: sqlite3.Connection, name: str) -> dict:
    """The stored object for ``name`` ({} when never saved or unreadable)."""
    row = conn.execute("SELECT value FROM meta WHERE key=?", (_PREFIX + name,)).fetchone()
    if not row or not row[0]:
        return {}
    try:
        value = json.loads(row[0])
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def put_setting(conn: sqlite3.Connection, name: str, value: dict) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (_PREFIX + name, json.dumps(value, ensure_ascii=False, sort_keys=True)),
    )

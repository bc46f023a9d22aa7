"""The ``meta`` table (key, value TEXT): the workspace's own small settings. Every read and write of
``meta`` goes through this module; a key holds either plain text or JSON, and says which by the
function that reads it.

Keys in use: ``embedding_model`` (text), ``named_sources`` (JSON list), ``setting:<name>`` (JSON
object, store.settings), the metrics settings (JSON, ``priority_weights``, ``priority_scheme``, ...:
services.metrics and services.status), ``mapping_preset:<hash>`` (JSON object, store.presets).
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, TypeVar

T = TypeVar("T")

_UPSERT = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"


def get_text(conn: sqlite3.Connection, key: str) -> str | None:
    """The text stored under ``key`` (None: never set)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def set_text(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(_UPSERT, (key, value))


def get_json(conn: sqlite3.Connection, key: str, default: T) -> T:
    """The JSON value under ``key``; ``default`` when it is missing, null, unreadable or of another
    type than ``default`` (a dict default accepts only a dict, and so on; a None default anything)."""
    text = get_text(conn, key)
    if not text:
        return default
    try:
        value = json.loads(text)
    except ValueError:
        return default
    if value is None or (default is not None and not isinstance(value, type(default))):
        return default
    return value  # type: ignore[no-any-return]  # checked against the default's type above


def set_json(conn: sqlite3.Connection, key: str, value: Any, *, sort_keys: bool = False) -> None:
    conn.execute(_UPSERT, (key, json.dumps(value, ensure_ascii=False, sort_keys=sort_keys)))

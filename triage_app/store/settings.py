"""Workspace settings, kept in ``meta`` (through store.meta) so they travel with the workspace file
and hold for every window and for the command line alike.

``get_setting``/``put_setting``: one JSON object per named area under ``setting:<name>`` (e.g.
``setting:privacy``). ``get_value``/``put_value``: one JSON value under its own key (the metrics
settings: priority weights and scheme, RICE inputs, source weights, the status mapping).
"""
from __future__ import annotations

import sqlite3
from typing import Any, TypeVar

from . import meta

T = TypeVar("T")
_PREFIX = "setting:"


def get_setting(conn: sqlite3.Connection, name: str) -> dict[str, Any]:
    """The stored object for ``name`` ({} when never saved or unreadable)."""
    return meta.get_json(conn, _PREFIX + name, {})


def put_setting(conn: sqlite3.Connection, name: str, value: dict[str, Any]) -> None:
    meta.set_json(conn, _PREFIX + name, value, sort_keys=True)


def get_value(conn: sqlite3.Connection, key: str, default: T) -> T:
    """The JSON value saved under ``key`` (``default`` when none, or not of the default's type)."""
    return meta.get_json(conn, key, default)


def put_value(conn: sqlite3.Connection, key: str, value: Any) -> None:
    meta.set_json(conn, key, value)

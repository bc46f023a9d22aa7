"""Column-mapping presets, saved per table layout (the set of headers) in the workspace's ``meta``."""
from __future__ import annotations

import hashlib
import sqlite3

from . import meta


def layout_key(headers: list[str]) -> str:
    normal = "\x1f".join(h.strip().lower() for h in headers)
    return "mapping_preset:" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


def load_preset(conn: sqlite3.Connection, headers: list[str]) -> dict[str, str] | None:
    preset: dict[str, str] | None = meta.get_json(conn, layout_key(headers), None)
    return preset if isinstance(preset, dict) else None


def save_preset(conn: sqlite3.Connection, headers: list[str], mapping: dict[str, str]) -> None:
    meta.set_json(conn, layout_key(headers), mapping)

"""Column-mapping presets, saved per table layout (the set of headers) in the workspace."""
from __future__ import annotations

import hashlib
import json


def layout_key(headers: list[str]) -> str:
    normal = "\x1f".join(h.strip().lower() for h in headers)
    return "mapping_preset:" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


def load_preset(conn, headers: list[str]) -> dict[str, str] | None:
    row = conn.execute("SELECT value FROM meta WHERE key=?", (layout_key(headers),)).fetchone()
    return json.loads(row[0]) if row else None


def save_preset(conn, headers: list[str], mapping: dict[str, str]) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (layout_key(headers), json.dumps(mapping, ensure_ascii=False)),
    )

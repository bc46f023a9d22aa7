"""SQL for the redaction cache (docs/schema.md, ``redaction_cache``): what the redaction before
embedding made of a text, by a key of the text and the detectors (services/redaction_cache.py).
``redacted`` is NULL when the redaction changed nothing. The callers own the transaction."""
from __future__ import annotations

import sqlite3
from typing import Iterable, Sequence

_CHUNK = 900  # host parameters per IN (...)


def redactions(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, str | None]:
    """``key -> redacted text (None: unchanged)`` for the keys in the cache."""
    out: dict[str, str | None] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT key, redacted FROM redaction_cache WHERE key IN ({marks})", chunk))
    return out


def all_redactions(conn: sqlite3.Connection) -> dict[str, str | None]:
    """The whole cache: one pass over the table, faster than lookups when most keys are wanted."""
    return dict(conn.execute("SELECT key, redacted FROM redaction_cache"))


def store_redactions(conn: sqlite3.Connection, rows: Iterable[tuple[str, str | None]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO redaction_cache (key, redacted) VALUES (?, ?)", rows)


def forget_redactions(conn: sqlite3.Connection, keys: Sequence[str]) -> None:
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start:start + _CHUNK]
        conn.execute(f"DELETE FROM redaction_cache WHERE key IN ({','.join('?' * len(chunk))})", chunk)


def redaction_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM redaction_cache").fetchone()[0])

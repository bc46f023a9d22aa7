"""Scratch space outside the workspace: a counter in a private temporary SQLite file, for work
whose state could outgrow memory (the content ids of a huge import without an id column)."""
from __future__ import annotations

import sqlite3
from typing import Iterable


class DiskCounter:
    """How many times each key was seen, kept on disk (32 MiB of pages in memory at most)."""

    def __init__(self, start: Iterable[tuple[str, int]] = ()) -> None:
        self._conn = sqlite3.connect("", isolation_level=None)  # "": a private temporary file
        self._conn.execute("PRAGMA cache_size = -32768")
        self._conn.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        self._conn.executemany("INSERT INTO seen VALUES (?, ?)", start)

    def add(self, key: str) -> int:
        """Count one more ``key``; returns its count so far (1 the first time)."""
        return int(self._conn.execute(
            "INSERT INTO seen VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET n = n + 1 RETURNING n", (key,)
        ).fetchone()[0])

    def close(self) -> None:
        self._conn.close()


class DiskGroups:
    """Values grouped by key, kept on disk (for the answers of a large dump, looked up by question)."""

    def __init__(self) -> None:
        self._conn = sqlite3.connect("", isolation_level=None)  # "": a private temporary file
        self._conn.execute("PRAGMA cache_size = -32768")
        self._conn.execute("PRAGMA journal_mode = OFF")
        self._conn.execute("CREATE TABLE grouped (key TEXT NOT NULL, value BLOB NOT NULL)")
        self._indexed = False

    def add_many(self, rows: Iterable[tuple[str, bytes]]) -> None:
        self._conn.execute("BEGIN")
        self._conn.executemany("INSERT INTO grouped VALUES (?, ?)", rows)
        self._conn.execute("COMMIT")

    def get(self, key: str) -> list[bytes]:
        """The values added under ``key``, in the order they were added."""
        if not self._indexed:
            self._conn.execute("CREATE INDEX grouped_key ON grouped (key)")
            self._indexed = True
        return [r[0] for r in self._conn.execute("SELECT value FROM grouped WHERE key = ? ORDER BY rowid", (key,))]

    def close(self) -> None:
        self._conn.close()

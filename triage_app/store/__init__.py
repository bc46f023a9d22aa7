"""The workspace store: one SQLite file per workspace. All SQL of the project lives in this package."""
from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from . import queries
from .migrations import LATEST_VERSION
from .workspace import WorkspaceError, connect, connect_reader


class Workspace:
    """An open workspace file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        self.conn: sqlite3.Connection = connect(self.path, create=create)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stats(self) -> dict[str, Any]:
        return queries.stats(self.conn)

    def atomic(self) -> AbstractContextManager[sqlite3.Connection]:
        """A nestable unit of work on this workspace's connection (``queries.atomic``)."""
        return queries.atomic(self.conn)


__all__ = ["Workspace", "WorkspaceError", "queries", "connect_reader", "LATEST_VERSION"]

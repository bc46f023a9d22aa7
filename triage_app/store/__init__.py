"""The workspace store: one SQLite file per workspace. All SQL of the project lives in this package."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from . import queries
from .migrations import LATEST_VERSION
from .workspace import WorkspaceError, connect, connect_reader


class Workspace:
    """An open workspace file. Use as a context manager, or call ``close()``.

    It owns its connections: ``conn`` is the one writer (used by one thread at a time: the app
    queues its writes in one worker); ``reader()`` is the read-only connection of the thread that
    opened the workspace (the app's UI thread); ``reading()`` lends any other thread a read-only
    connection for a block. Readers are closed with the workspace."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        self.conn: sqlite3.Connection = connect(self.path, create=create)
        self._owner_thread = threading.get_ident()
        self._own_reader: sqlite3.Connection | None = None
        self._idle_readers: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._view = False

    def close(self) -> None:
        if self._view:
            return  # a reading() view: its connection goes back to the workspace
        with self._lock:
            self._closed = True
            readers, self._idle_readers = self._idle_readers, []
        for conn in readers + ([self._own_reader] if self._own_reader is not None else []):
            conn.close()  # a reader lent out now is closed when it is given back
        self._own_reader = None
        self.conn.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def reader(self) -> sqlite3.Connection:
        """The read-only connection of the thread that opened the workspace, opened on first use and
        kept until ``close()`` (a view's table model pages through it). Other threads use ``reading()``."""
        if threading.get_ident() != self._owner_thread:
            raise RuntimeError("Workspace.reader() is for the thread that opened the workspace; use reading()")
        if self._own_reader is None:
            self._own_reader = connect_reader(self.path)
        return self._own_reader

    @contextmanager
    def reading(self) -> Iterator["Workspace"]:
        """This workspace seen through a read-only connection of the calling thread, for the block
        (for services that take a workspace and only read): ``with ws.reading() as view: stats(view.conn)``.
        Connections are pooled: a worker thread borrows one and gives it back."""
        with self._lock:
            if self._closed:
                raise WorkspaceError(f"{self.path}: the workspace was closed")
            conn = self._idle_readers.pop() if self._idle_readers else None
        if conn is None:
            conn = connect_reader(self.path)
        view = Workspace.__new__(Workspace)  # the same API, on the borrowed reader
        view.path, view.conn, view._view, view._closed = self.path, conn, True, False
        view._owner_thread, view._own_reader, view._idle_readers, view._lock = threading.get_ident(), conn, [], self._lock
        try:
            yield view
        finally:
            with self._lock:
                keep = not self._closed
                if keep:
                    self._idle_readers.append(conn)
            if not keep:
                conn.close()

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

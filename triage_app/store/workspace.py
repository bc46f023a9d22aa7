"""Opening a workspace file: permissions, pragmas, backups and migrations."""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from . import backups, migrations
from .disk import disk_full_message, is_disk_full

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


class WorkspaceError(Exception):
    """The file is not a usable workspace (corrupt, not SQLite, from a newer version...)."""


def is_sqlite_database(path: Path) -> bool:
    """Whether SQLite reads ``path`` as a database, asked through SQLite itself: opening and closing the
    file with ``open()`` would drop every POSIX lock this process's connections hold on it (closing any
    descriptor of a file releases them all), which SQLite's own connections take care to avoid."""
    try:
        probe = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        return True  # busy or locked: the header was read; opening proper will wait or say so
    except sqlite3.DatabaseError:
        return False  # "file is not a database"
    finally:
        probe.close()
    return True


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if not is_sqlite_database(path):
        last = backups.last_backup(path)  # a damaged header: offer the backup, if there is one
        hint = f"; if it was one, the last backup is {last.path}" if last else ""
        raise WorkspaceError(f"{path}: not a Feedback Triage workspace (not an SQLite database){hint}")


def _create_private_file(path: Path) -> None:
    """Create the workspace file readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another window or process created it at the same moment
        return
    os.close(fd)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting for another window or process doing the same. Two connections
    switching a new file at once can deadlock on its lock, and SQLite then answers "database is
    locked" at once instead of calling the busy handler: try again until the busy timeout is spent."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _backup_hint(path: Path) -> str:
    last = backups.last_backup(path)
    return f"; the last backup is {last.path}" if last else "; there is no backup of it"


def connect(path: str | os.PathLike[str], *, create: bool = True, migrate: bool = True) -> sqlite3.Connection:
    """Open (or create) a workspace and bring its schema up to date.

    A workspace written by an older version is copied to ``<name>.v<N>.<time>.bak`` before
    any migration runs; a failed migration rolls back and leaves the file as it was.
    """
    path = Path(path)
    _check_is_sqlite(path)
    if not path.exists():
        if not create:
            raise WorkspaceError(f"{path}: no such workspace")
        _create_private_file(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
        conn.execute("PRAGMA temp_store = MEMORY")
        # one transaction (migrations.schema_snapshot); a file found empty is created by ``apply_pending``, which
        # reads the version again under the write lock: the second of two creators waits and finds it made
        version, tables = migrations.schema_snapshot(conn)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path}: cannot be opened as a workspace ({exc}){_backup_hint(path)}") from exc
    if version == 0 and tables - {"schema_migrations"}:
        conn.close()
        raise WorkspaceError(f"{path}: an SQLite file, but not a Feedback Triage workspace")
    if version > migrations.latest_version():
        conn.close()
        raise WorkspaceError(
            f"{path}: made by a newer version of Feedback Triage (schema {version}, this version knows "
            f"{migrations.latest_version()}); please update the app"
        )
    if migrate and version < migrations.latest_version():
        if version > 0:
            try:
                backups.make_backup(conn, path, version)  # owner-only, like the workspace
            except (OSError, sqlite3.DatabaseError) as exc:
                conn.close()
                if is_disk_full(exc):
                    raise WorkspaceError(f"{path}: cannot be upgraded: {disk_full_message(path, path.stat().st_size, 'its backup')}"
                                         "; nothing was changed and no partial backup was left") from exc
                raise WorkspaceError(f"{path}: cannot be upgraded: its backup could not be written ({getattr(exc, 'strerror', None) or exc})"
                                     "; nothing was changed") from exc
        try:
            migrations.apply_pending(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_disk_full(exc):
                raise WorkspaceError(f"{path}: upgrading the workspace failed: {disk_full_message(path, path.stat().st_size, 'the upgrade')}"
                                     "; nothing was changed") from exc
            raise WorkspaceError(f"{path}: upgrading the workspace failed and nothing was changed ({exc})") from exc
    return conn


def connect_reader(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A read-only connection for a background reader (one per thread; SQLite connections are
    not shared between threads). The workspace must exist and be up to date."""
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")
    return conn

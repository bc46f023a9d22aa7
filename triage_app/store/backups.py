"""Workspace backups: ``<name>.v<N>.<UTC time>.bak`` files written before a migration, listed for
the user when a workspace cannot be opened, and restored on request. Every file is owner-only (0600)."""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

_NAME = re.compile(r"^(?P<name>.+)\.v(?P<version>\d+)\.(?P<stamp>\d{8}T\d{6})(?:-(?P<n>\d+))?\.bak$")


@dataclass(frozen=True)
class Backup:
    path: Path
    version: int  # schema version of the workspace when it was backed up
    taken_at: datetime  # UTC
    size: int

    def describe(self) -> str:
        return f"{self.path.name} (schema {self.version}, {self.taken_at:%Y-%m-%d %H:%M} UTC, {self.size:,} bytes)"


def list_backups(workspace: str | os.PathLike[str]) -> list[Backup]:
    """The backups of a workspace, newest first (an empty list when there are none)."""
    path = Path(workspace)
    found = []
    try:
        candidates = list(path.parent.glob(f"{glob_escape(path.name)}.v*.bak"))
    except OSError:
        return []
    for candidate in candidates:
        m = _NAME.match(candidate.name)
        if not m or m.group("name") != path.name or not candidate.is_file():
            continue
        taken = datetime.strptime(m.group("stamp"), "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
        found.append((taken, int(m.group("n") or 0), Backup(candidate, int(m.group("version")), taken,
                                                            candidate.stat().st_size)))
    return [b for _, _, b in sorted(found, key=lambda t: (t[0], t[1]), reverse=True)]


def last_backup(workspace: str | os.PathLike[str]) -> Backup | None:
    backups = list_backups(workspace)
    return backups[0] if backups else None


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _private_copy(source: Path, target: Path) -> None:
    """Copy to a new owner-only file; on failure (a full disk) no partial copy is left."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _online_copy(conn: sqlite3.Connection, target: Path, pages: int = -1) -> None:
    """Write ``conn``'s database into ``target`` (an owner-only file already created) with SQLite's
    online backup, never ``open()`` on the workspace (closing that would drop this process's locks
    on it); on failure no partial copy is left."""
    try:
        out = sqlite3.connect(target)
        try:
            conn.backup(out, pages=pages)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def make_backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the workspace to a new owner-only ``.bak`` file beside it (``_online_copy``)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    for n in range(1000):
        target = path.with_name(f"{path.name}.v{version}.{stamp}{f'-{n}' if n else ''}.bak")
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        _online_copy(conn, target)
        return target
    raise OSError(f"{path}: cannot name a backup file")


def restore_backup(backup: str | os.PathLike[str], workspace: str | os.PathLike[str]) -> Path | None:
    """Put a backup in the workspace's place. The current file (with its -wal/-shm), if any, is kept
    beside it as ``<name>.damaged.<UTC time>``; returns that path. No connection may be open."""
    backup, workspace = Path(backup), Path(workspace)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    kept = None
    if workspace.exists():
        kept = workspace.with_name(f"{workspace.name}.damaged.{stamp}")
        os.replace(workspace, kept)
        for suffix in ("-wal", "-shm"):
            side = workspace.with_name(workspace.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    tmp = workspace.with_name(f".{workspace.name}.restoring")
    if tmp.exists():
        tmp.unlink()
    _private_copy(backup, tmp)
    os.replace(tmp, workspace)
    return kept


SNAPSHOT_EVERY_S = 24 * 3600
KEEP = 5


def snapshot_if_due(conn: sqlite3.Connection, path: str | os.PathLike[str], version: int,
                    every_s: float = SNAPSHOT_EVERY_S, keep: int = KEEP) -> Path | None:
    """A safety copy of an open workspace when the newest backup is older than ``every_s``
    (so a damaged file can be replaced by yesterday's); keeps the ``keep`` newest backups.

    Uses SQLite's online backup from ``conn``, so it is a consistent copy while windows use the
    file. Returns the new backup's path, or None when none was due."""
    path = Path(path)
    newest = last_backup(path)
    if newest is not None and (datetime.now(timezone.utc) - newest.taken_at).total_seconds() < every_s:
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version}.{stamp}.bak")
    tmp = path.with_name(f".{target.name}.writing")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    _online_copy(conn, tmp, pages=4096)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for old in list_backups(path)[keep:]:
        old.path.unlink(missing_ok=True)
    return target

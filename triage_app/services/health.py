"""Workspace health: integrity, schema version and consistency checks (``triage-app check``).

``check_workspace(path)`` never changes the file (no migration; SQLite may replay a -wal file left
by a crashed process, which is what any open does). Each check is ``ok``, ``info`` (worth knowing,
not a fault), ``warning`` or ``error``; the workspace is healthy when no check is an error.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..domain import STATUSES
from ..store import health_queries as hq
from ..store.backups import list_backups
from ..store.migrations import latest_version

LEVELS = ("ok", "info", "warning", "error")


class NotAWorkspace(Exception):
    """The file is not a Feedback Triage workspace at all (exit code 2)."""


@dataclass
class Check:
    name: str
    level: str  # one of LEVELS
    detail: str


@dataclass
class HealthReport:
    path: str
    schema_version: int | None = None
    latest_version: int = field(default_factory=latest_version)
    checks: list[Check] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)  # newest first
    seconds: float = 0.0

    @property
    def healthy(self) -> bool:
        return all(c.level != "error" for c in self.checks)

    def add(self, name: str, level: str, detail: str) -> None:
        self.checks.append(Check(name, level, detail))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["healthy"] = self.healthy
        return data


def check_workspace(path: str | Path) -> HealthReport:
    """Run every check. Raises NotAWorkspace for a missing file or one that is not a workspace."""
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise NotAWorkspace(f"{path}: no such workspace")
    report = HealthReport(str(path), backups=[b.describe() for b in list_backups(path)])
    if path.stat().st_size == 0:  # created, then stopped before SQLite wrote its first page: opens as new
        report.add("schema", "info", "an empty workspace (created, nothing written yet)")
        return report
    if not hq.is_sqlite_file(path):
        if report.backups:  # a workspace whose first page was destroyed: say so, offer the backup
            report.add("file", "error", "not an SQLite database (damaged?); a backup exists")
            return report
        raise NotAWorkspace(f"{path}: not a Feedback Triage workspace (not an SQLite database)")
    try:
        conn = hq.open_for_check(path)
    except sqlite3.DatabaseError as exc:
        report.add("open", "error", f"cannot be opened: {exc}")
        return report
    try:
        _run_checks(conn, report)
    except sqlite3.DatabaseError as exc:  # damage found while reading: that is the finding
        report.add("read", "error", f"reading failed: {exc}")
    finally:
        conn.close()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _check_shape(conn: sqlite3.Connection, report: HealthReport, version: int) -> None:
    """The tables, columns, indexes and triggers that schema ``version`` has, all present."""
    missing, slower = hq.schema_gaps(conn, version)
    if missing:
        report.add("schema shape", "error", "missing: " + ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else ""))
    elif slower:
        report.add("schema shape", "warning", "missing indexes (filters and searches are slower): " + ", ".join(slower))
    else:
        report.add("schema shape", "ok", f"every table, column, index and trigger of schema {version}")


def _run_checks(conn: sqlite3.Connection, report: HealthReport) -> None:
    try:
        tables, version = hq.schema_snapshot(conn)
    except sqlite3.DatabaseError as exc:
        report.add("open", "error", f"the schema cannot be read: {exc}")
        return
    if version == 0 or "items" not in tables:
        if version == 0 and tables - {"schema_migrations"}:
            raise NotAWorkspace(f"{report.path}: an SQLite file, but not a Feedback Triage workspace")
        if version == 0:
            report.add("schema", "info", "an empty workspace (no schema yet)")
            return
    report.schema_version = version
    latest = report.latest_version
    if version > latest:
        report.add("schema", "error", f"schema {version} is newer than this app knows ({latest}); update the app")
        return
    recorded = hq.recorded_versions(conn) if "schema_migrations" in tables else []
    if recorded != list(range(1, version + 1)):
        report.add("schema", "error", f"schema {version}, but the migrations recorded are {recorded}")
    elif version < latest:
        report.add("schema", "warning", f"schema {version}; opening it in the app upgrades it to {latest} "
                   "(a backup is written first)")
    else:
        report.add("schema", "ok", f"schema {version} (current)")
    if recorded == list(range(1, version + 1)):
        _check_shape(conn, report, version)

    errors = hq.integrity_errors(conn)
    report.add("integrity", "error" if errors else "ok",
               "; ".join(errors[:5]) + (" ..." if len(errors) > 5 else "") if errors else "PRAGMA integrity_check: ok")
    if errors:
        return  # the rest reads pages that may be damaged

    problems = hq.foreign_key_problems(conn)
    if problems:
        report.add("references", "error", ", ".join(f"{n:,} {t} rows point to missing {p}"
                                                  for (t, p), n in sorted(problems.items())))
    else:
        report.add("references", "ok", "every reference points to an existing row")

    fts_error = hq.fts_integrity_error(conn)
    counts = hq.fts_vs_items(conn)
    if fts_error or counts["items_not_indexed"] or counts["index_without_item"]:
        report.add("search index", "error",
                   (f"full-text index damaged ({fts_error}); " if fts_error else "")
                   + f"{counts['items']:,} items, {counts['indexed']:,} indexed, {counts['items_not_indexed']:,} "
                   f"missing from the index, {counts['index_without_item']:,} index entries without an item")
    else:
        report.add("search index", "ok", f"{counts['items']:,} items, all indexed")

    unfinished = hq.unfinished_imports(conn)
    report.add("imports", "error" if unfinished else "ok",
               f"{unfinished:,} imports never finished (an import is written whole or not at all)"
               if unfinished else "every import finished")
    missing = hq.items_of_missing_imports(conn)
    if missing:
        report.add("provenance", "warning", f"{missing:,} items name an import that is not recorded")
    empty = hq.empty_item_texts(conn)
    if empty:
        report.add("items", "error", f"{empty:,} items have no text")
    unknown = hq.unknown_statuses(conn, STATUSES)
    if unknown:
        report.add("statuses", "error", "unknown statuses: " + ", ".join(f"{s!r} ({n:,})" for s, n in unknown.items()))
    lonely = hq.respondents_without_items(conn)
    if lonely:
        report.add("respondents", "info", f"{lonely:,} survey respondents without a free-text answer (allowed: "
                   "their scores still count)")
    if "analysis_runs" in tables:
        runs = hq.unfinished_analysis_runs(conn)
        if runs:
            report.add("analysis", "warning", f"{runs:,} analysis runs never finished")
    mode = hq.journal_mode(conn)
    if mode != "wal":
        report.add("journal", "warning", f"journal mode {mode} (the app uses WAL)")


class ChangeWatch:
    """Tells a window that another window or process changed the workspace since it last looked::

        watch = ChangeWatch(ws.conn)
        ...  # on a timer
        if watch.changed():
            refresh_views()  # or say "the workspace was changed elsewhere"
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._seen = hq.data_version(conn)

    def changed(self) -> bool:
        now = hq.data_version(self._conn)
        changed, self._seen = now != self._seen, now
        return changed


def safety_backup(path: str | Path) -> Path | None:
    """A daily safety copy of the workspace beside it (the newest five are kept), so that the app
    can offer it when the file is ever damaged. Returns the new backup, or None when none was due."""
    from ..store import connect_reader
    from ..store.backups import snapshot_if_due
    from ..store.migrations import current_version

    conn = connect_reader(path)
    try:
        return snapshot_if_due(conn, path, current_version(conn))
    finally:
        conn.close()

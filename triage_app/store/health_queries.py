"""Read-only consistency queries for ``triage-app check`` (services/health.py)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .migrations import apply_pending
from .workspace import BUSY_TIMEOUT_MS, is_sqlite_database


def is_sqlite_file(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0 and is_sqlite_database(path)


def open_for_check(path: Path) -> sqlite3.Connection:
    """A plain connection: no migration, no pragmas that write (WAL recovery still happens)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def schema_snapshot(conn: sqlite3.Connection) -> tuple[set[str], int]:
    """(tables, schema version) read in one transaction, so a process creating or upgrading the
    workspace meanwhile cannot show the tables of one version beside the number of another."""
    conn.execute("BEGIN")
    try:
        return tables(conn), user_version(conn)
    finally:
        conn.execute("COMMIT")


def schema_gaps(conn: sqlite3.Connection, version: int) -> tuple[list[str], list[str]]:
    """(missing tables and columns, missing indexes and triggers) of the workspace against a fresh
    schema of the same ``version``, built in memory by the migrations. Introspection by sqlite-utils
    (imported here only: ``check`` is its one user, never a hot path)."""
    import sqlite_utils

    fresh = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply_pending(fresh, version)
        ref, db = sqlite_utils.Database(fresh), sqlite_utils.Database(conn)
        have = set(db.table_names())
        missing: list[str] = []
        slower: list[str] = []
        for name in ref.table_names():
            if name not in have:
                missing.append(f"table {name}")
                continue
            columns = set(db.table(name).columns_dict)
            missing += [f"column {name}.{c}" for c in ref.table(name).columns_dict if c not in columns]
            indexes = {i.name for i in db.table(name).indexes}
            slower += [f"index {i.name}" for i in ref.table(name).indexes
                       if i.name not in indexes and not i.name.startswith("sqlite_autoindex")]
        triggers = {t.name for t in db.triggers}
        missing += [f"trigger {t.name}" for t in ref.triggers if t.name not in triggers]
        return missing, slower
    finally:
        fresh.close()


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def recorded_versions(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def integrity_errors(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """{(table, parent table): rows whose reference points nowhere}."""
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return counts


def fts_integrity_error(conn: sqlite3.Connection) -> str | None:
    """FTS5's own check of the full-text index structure (None when sound)."""
    try:
        conn.execute("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None


def fts_vs_items(conn: sqlite3.Connection) -> dict[str, int]:
    """Items and index entries (a contentless FTS5 table keeps one docsize row per document)."""
    return {
        "items": conn.execute("SELECT count(*) FROM items").fetchone()[0],
        "indexed": conn.execute("SELECT count(*) FROM items_fts_docsize").fetchone()[0],
        "items_not_indexed": conn.execute(
            "SELECT count(*) FROM items WHERE id NOT IN (SELECT id FROM items_fts_docsize)").fetchone()[0],
        "index_without_item": conn.execute(
            "SELECT count(*) FROM items_fts_docsize WHERE id NOT IN (SELECT id FROM items)").fetchone()[0],
    }


def unfinished_imports(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM imports WHERE finished_at IS NULL").fetchone()[0])


def unfinished_analysis_runs(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM analysis_runs WHERE finished_at IS NULL").fetchone()[0])


def empty_item_texts(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM items WHERE text IS NULL OR text = ''").fetchone()[0])


def unknown_statuses(conn: sqlite3.Connection, allowed: tuple[str, ...]) -> dict[str, int]:
    marks = ",".join("?" * len(allowed))
    return dict(conn.execute(
        f"SELECT status, count(*) FROM items WHERE status NOT IN ({marks}) GROUP BY status", allowed).fetchall())


def respondents_without_items(conn: sqlite3.Connection) -> int:
    return int(conn.execute(
        "SELECT count(*) FROM respondents r WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.respondent_id = r.id)"
    ).fetchone()[0])


def items_of_missing_imports(conn: sqlite3.Connection) -> int:
    return int(conn.execute(
        "SELECT count(*) FROM items WHERE last_import_id IS NOT NULL AND last_import_id NOT IN (SELECT id FROM imports)"
    ).fetchone()[0])


def journal_mode(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0])


def data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits to the file (SQLite's PRAGMA data_version)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])

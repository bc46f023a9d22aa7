"""The workspace file: creation, pragmas, migrations and backups, refusing files that are not workspaces."""
from __future__ import annotations

import sqlite3
import stat

import pytest

from triage_app.store import LATEST_VERSION, Workspace, WorkspaceError
from triage_app.store import migrations


def test_new_workspace_is_private_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "a.triage"
    with Workspace(path) as ws:
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        names = [r[0] for r in ws.conn.execute("SELECT name FROM schema_migrations ORDER BY version")]
        assert len(names) == LATEST_VERSION
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_every_table_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.apply_pending(conn)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'items_fts_%' AND name NOT LIKE 'sqlite_%'"
    )]
    missing = [t for t in tables if f"`{t}`" not in doc]
    assert not missing, f"tables missing from docs/schema.md: {missing}"


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.triage"
    path.write_text("hello, this is not a database")
    with pytest.raises(WorkspaceError, match="not a Feedback Triage workspace"):
        Workspace(path)
    assert path.read_text() == "hello, this is not a database"


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="not a Feedback Triage workspace"):
        Workspace(path)


def test_workspace_from_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.triage"
    Workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(WorkspaceError, match="newer version"):
        Workspace(path)


def test_migration_backs_up_first_and_keeps_data(tmp_path, monkeypatch):
    path = tmp_path / "old.triage"
    with Workspace(path) as ws:
        ws.conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")

    def add_column(conn):
        conn.execute("ALTER TABLE meta ADD COLUMN note TEXT")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [("test: meta note", add_column)])
    with Workspace(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
        assert ws.conn.execute("SELECT value, note FROM meta WHERE key='kept'").fetchone() == ("yes", None)
    backups = list(tmp_path.glob(f"old.triage.v{LATEST_VERSION}.*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert old.execute("SELECT value FROM meta").fetchone() == ("yes",)


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.triage"
    with Workspace(path) as ws:
        ws.conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")

    def broken(conn):
        conn.execute("ALTER TABLE meta ADD COLUMN half_done TEXT")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [("test: broken", broken)])
    with pytest.raises(WorkspaceError, match="nothing was changed"):
        Workspace(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    columns = [r[1] for r in conn.execute("PRAGMA table_info(meta)")]
    assert "half_done" not in columns

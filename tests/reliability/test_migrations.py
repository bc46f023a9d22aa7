"""A workspace made at every earlier schema version opens with the current code: upgraded, data kept,
an owner-only backup written first; a failed migration leaves the file exactly as it was."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat

import pytest

from triage_app.services.health import check_workspace
from triage_app.store import LATEST_VERSION, Workspace, WorkspaceError, migrations
from triage_app.store.backups import list_backups, restore_backup
from triage_app.store.search import fts_prepare


def make_old_workspace(path, version: int) -> None:
    """A workspace as version ``version`` of the app left it: migrations 1..version, with data."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.apply_pending(conn, target=version)
    conn.execute("INSERT INTO imports (id, file_name, file_path, format, content_hash, started_at, finished_at, added)"
                 " VALUES (1, 'old.csv', '/x/old.csv', 'generic', 'abc', '2024-01-01', '2024-01-01', 2)")
    for item_id, text in ((1, "old feedback: the app crashes"), (2, "旧的反馈：配送太慢")):
        conn.execute("INSERT INTO items (id, source_format, external_id, text, row_hash, first_import_id,"
                     " last_import_id) VALUES (?, 'generic', ?, ?, 1, 1, 1)", (item_id, f"e{item_id}", text))
        conn.execute("INSERT INTO items_fts (rowid, title, text) VALUES (?, NULL, ?)", (item_id, fts_prepare(text)))
    conn.close()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_every_earlier_version_opens_upgraded_with_backup(tmp_path, version):
    path = tmp_path / "old.triage"
    make_old_workspace(path, version)
    before = check_workspace(path)
    assert before.healthy and before.schema_version == version
    with Workspace(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert [r[0] for r in ws.conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == \
            list(range(1, LATEST_VERSION + 1))
        assert ws.conn.execute("SELECT text FROM items ORDER BY id").fetchall() == [
            ("old feedback: the app crashes",), ("旧的反馈：配送太慢",)]
        from triage_app.store import queries

        assert [r["id"] for r in queries.search_items(ws.conn, "配送")] == [2]
    backups = list_backups(path)
    assert len(backups) == 1 and backups[0].version == version
    assert stat.S_IMODE(backups[0].path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    old = sqlite3.connect(backups[0].path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == version
    assert old.execute("SELECT count(*) FROM items").fetchone()[0] == 2
    old.close()
    after = check_workspace(path)
    assert after.healthy and after.schema_version == LATEST_VERSION


def test_backup_is_private_even_when_the_workspace_is_not(tmp_path):
    path = tmp_path / "shared.triage"
    make_old_workspace(path, 1)
    os.chmod(path, 0o644)
    Workspace(path).close()
    assert stat.S_IMODE(list_backups(path)[0].path.stat().st_mode) == 0o600


@pytest.mark.parametrize("start", [1, LATEST_VERSION - 1])
def test_failed_migration_leaves_the_original(tmp_path, monkeypatch, start):
    path = tmp_path / "old.triage"
    make_old_workspace(path, start)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    digest = _digest(path)

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("simulated failure in a migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [("test: broken", broken)])
    with pytest.raises(WorkspaceError, match="upgrading the workspace failed and nothing was changed"):
        Workspace(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == start  # not half-way
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 2
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert _digest(path) == digest
    assert len(list_backups(path)) == 1  # the backup was written before anything was tried


def test_corrupt_workspace_names_the_last_backup_and_it_can_be_restored(tmp_path):
    path = tmp_path / "w.triage"
    make_old_workspace(path, 1)
    Workspace(path).close()  # upgrade: writes old.v1 backup
    backup = list_backups(path)[0]
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)  # the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError) as info:
        Workspace(path)
    assert str(backup.path) in str(info.value)
    report = check_workspace(path)
    assert not report.healthy and report.backups and backup.path.name in report.backups[0]
    kept = restore_backup(backup.path, path)
    assert kept is not None and kept.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Workspace(path) as ws:
        assert ws.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 2


def test_newer_schema_is_refused_and_checked_as_unhealthy(tmp_path):
    path = tmp_path / "new.triage"
    Workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(WorkspaceError, match="newer version"):
        Workspace(path)
    assert not check_workspace(path).healthy


def test_wal_and_shm_files_are_private_too(tmp_path):
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        ws.conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            assert side.exists() and stat.S_IMODE(side.stat().st_mode) == 0o600, suffix

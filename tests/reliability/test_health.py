"""``triage-app check``: exit 0 healthy, 1 when a check fails, 2 for a file that is not a workspace;
each consistency check catches the damage it is for."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from harness.crash_kill import write_csv
from triage_app.cli import cli
from triage_app.services.health import check_workspace
from triage_app.services.importing import run_import
from triage_app.store import Workspace
from triage_app.store.backups import list_backups


def _check(path, *extra):
    return CliRunner().invoke(cli, ["check", "-w", str(path), *extra])


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, write_csv(tmp_path / "a.csv", 50))
    return path


def test_healthy_workspace_exits_0_with_a_report(filled):
    out = _check(filled)
    assert out.exit_code == 0, out.output
    assert "healthy" in out.output and "integrity" in out.output and "50 items, all indexed" in out.output
    data = json.loads(_check(filled, "--json").output)
    assert data["healthy"] is True and {c["name"] for c in data["checks"]} >= {"schema", "integrity", "search index"}


def test_not_a_workspace_exits_2(tmp_path):
    text = tmp_path / "notes.triage"
    text.write_text("hello")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE customers (id INTEGER)").connection.commit()
    for path in (text, other, tmp_path / "missing.triage"):
        out = _check(path)
        assert out.exit_code == 2 and "error:" in out.output and "Traceback" not in out.output


def _damage(path, *statements):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    for s in statements:
        conn.execute(s)
    conn.close()


@pytest.mark.parametrize("statements, check_name", [
    (["DELETE FROM items WHERE id = 1"], "search index"),  # bypasses the FTS delete
    (["INSERT INTO items_fts (items_fts, rowid, title, text) SELECT 'delete', id, title, text FROM items WHERE id=2"],
     "search index"),
    (["INSERT INTO events (item_id, body) VALUES (999999, 'orphan')"], "references"),
    (["UPDATE imports SET finished_at = NULL"], "imports"),
    (["UPDATE items SET status = 'bogus' WHERE id = 3"], "statuses"),
])
def test_each_kind_of_damage_is_found(filled, statements, check_name):
    _damage(filled, *statements)
    report = check_workspace(filled)
    assert not report.healthy
    assert [c.name for c in report.checks if c.level == "error"] == [check_name]
    assert _check(filled).exit_code == 1


def test_respondents_without_items_are_allowed(filled):
    _damage(filled, "INSERT INTO respondents (source_format, external_id, row_hash) VALUES ('generic', 'r', 1)")
    report = check_workspace(filled)
    assert report.healthy and any(c.name == "respondents" and c.level == "info" for c in report.checks)


def test_corrupt_pages_exit_1_and_list_the_backups(filled, tmp_path):
    backup = tmp_path / f"{filled.name}.v1.20240101T000000.bak"
    backup.write_bytes(filled.read_bytes())
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='items'").fetchone()[0]
    conn.close()
    data = bytearray(filled.read_bytes())
    start = (root - 1) * page_size
    data[start + 8:start + page_size] = b"\x07" * (page_size - 8)
    filled.write_bytes(bytes(data))
    out = _check(filled)
    assert out.exit_code == 1, out.output
    assert "NOT HEALTHY" in out.output and backup.name in out.output
    assert [b.path for b in list_backups(filled)] == [backup]


def test_an_old_schema_is_a_warning_not_a_failure(tmp_path):
    from triage_app.store import migrations

    path = tmp_path / "old.triage"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply_pending(conn, target=1)
    conn.close()
    report = check_workspace(path)
    assert report.healthy and report.schema_version == 1
    assert [c.level for c in report.checks if c.name == "schema"] == ["warning"]
    assert _check(path).exit_code == 0


def test_a_missing_column_table_or_index_is_found(filled):
    assert [c.level for c in check_workspace(filled).checks if c.name == "schema shape"] == ["ok"]
    _damage(filled, "DROP INDEX rejected_rows_import")
    report = check_workspace(filled)
    shape = [c for c in report.checks if c.name == "schema shape"]
    assert report.healthy and shape[0].level == "warning" and "index rejected_rows_import" in shape[0].detail
    _damage(filled, "ALTER TABLE items DROP COLUMN link", "DROP TABLE rejected_rows")
    report = check_workspace(filled)
    shape = [c for c in report.checks if c.name == "schema shape"]
    assert not report.healthy and shape[0].level == "error"
    assert "column items.link" in shape[0].detail and "table rejected_rows" in shape[0].detail
    assert _check(filled).exit_code == 1


def test_a_workspace_file_killed_before_its_first_write_is_empty_not_foreign(tmp_path):
    """A process killed between creating the file and SQLite's first page leaves 0 bytes: `check`
    calls it an empty workspace (it opens as a new one), not "not a workspace" (exit 2)."""
    path = tmp_path / "new.triage"
    path.touch(mode=0o600)
    report = check_workspace(path)
    assert any(c.level == "info" and "empty workspace" in c.detail for c in report.checks)
    result = CliRunner().invoke(cli, ["check", "-w", str(path)])
    assert result.exit_code == 0, result.output
    with Workspace(path) as ws:  # and it opens as a new workspace
        assert ws.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0

"""A full disk, told plainly (issue 16): an import, an export and a schema upgrade on a small
tmpfs say the disk is full (with the free space and roughly what was needed), leave the workspace
as it was, and leave no partial backup or temporary file. Needs root to mount the tmpfs (skipped
otherwise); the import case also runs everywhere with SQLite's own page limit."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from triage_app.domain import ImportFailure
from triage_app.importers.source import ImportOptions
from triage_app.services.exporting import ExportError, export_items
from triage_app.services.health import check_workspace
from triage_app.services.importing import run_import
from triage_app.store import Workspace, WorkspaceError


def _csv(path, rows: int, words: int = 30):
    body = "".join(f'r{i},"{" ".join(f"word{(i * 7 + j) % 5000}" for j in range(words))}"\n' for i in range(rows))
    path.write_text("id,text\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs (root only)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _fill(disk, leave: int) -> None:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


def _state(ws) -> tuple:
    return (ws.conn.execute("SELECT count(*) FROM items").fetchone()[0],
            ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0])


def _assert_full_disk_failure(exc_info, what: str) -> None:
    message = str(exc_info.value)
    assert "is full" in message and "free" in message and f"{what} needs roughly" in message, message
    assert "rollback" not in message.lower() and "Error:" not in message, message


def test_import_on_a_full_disk(small_disk, tmp_path):
    path = small_disk / "w.triage"
    with Workspace(path, create=True) as ws:
        run_import(ws, _csv(tmp_path / "small.csv", 50), ImportOptions(format="generic"))
        before = _state(ws)
        _fill(small_disk, 300_000)
        with pytest.raises(ImportFailure) as info:
            run_import(ws, _csv(tmp_path / "big.csv", 20_000), ImportOptions(format="generic"))
        _assert_full_disk_failure(info, "this import")
        assert _state(ws) == before
    (small_disk / "filler").unlink()
    assert check_workspace(path).healthy
    assert sorted(p.name for p in small_disk.iterdir()) <= ["w.triage", "w.triage-shm", "w.triage-wal"]


def test_import_over_sqlite_page_limit(workspace, tmp_path):
    """The same on any machine: SQLite's max_page_count gives the error a full disk gives."""
    run_import(workspace, _csv(tmp_path / "small.csv", 50), ImportOptions(format="generic"))
    before = _state(workspace)
    pages = workspace.conn.execute("PRAGMA page_count").fetchone()[0]
    workspace.conn.execute(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(ImportFailure) as info:
        run_import(workspace, _csv(tmp_path / "big.csv", 5_000), ImportOptions(format="generic"))
    _assert_full_disk_failure(info, "this import")
    assert "the workspace is as it was" in str(info.value)
    workspace.conn.execute("PRAGMA max_page_count = 1073741823")
    assert _state(workspace) == before
    assert check_workspace(workspace.path).healthy


def test_export_on_a_full_disk(small_disk, workspace, tmp_path):
    run_import(workspace, _csv(tmp_path / "rows.csv", 8_000), ImportOptions(format="generic"))
    _fill(small_disk, 100_000)
    for name in ("items.csv", "items.xlsx"):
        with pytest.raises(ExportError) as info:
            for _ in export_items(workspace.conn, small_disk / name, redact_pii=False):
                pass
        _assert_full_disk_failure(info, "the export")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no partial or temporary file


def test_upgrade_on_a_full_disk_leaves_no_partial_backup(small_disk):
    from test_migrations import make_old_workspace

    path = small_disk / "old.triage"
    make_old_workspace(path, 1)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _fill(small_disk, path.stat().st_size // 2)
    with pytest.raises(WorkspaceError) as info:
        Workspace(path)
    _assert_full_disk_failure(info, "its backup")
    assert "no partial backup" in str(info.value)
    assert not [p for p in small_disk.iterdir() if ".bak" in p.name]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest

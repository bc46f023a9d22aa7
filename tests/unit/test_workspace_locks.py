"""Opening a workspace again in the same process must not drop the locks its open connections hold.

Closing any descriptor of a file releases every POSIX lock the process holds on it, so reading the
file's header with ``open()`` let another process change the file under a connection that was still
reading it (seen in the app as "disk I/O error" after an analysis)."""
from __future__ import annotations

import subprocess
import sys

from triage_app.store import Workspace

SWITCH_JOURNAL = ("import sqlite3, sys\n"
                  "c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
                  "print(c.execute('PRAGMA journal_mode=DELETE').fetchone()[0])\n")


def _other_process_switches_journal(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SWITCH_JOURNAL, str(path)], capture_output=True, text=True, timeout=60)


def test_a_second_open_keeps_the_first_connections_lock(tmp_path):
    path = tmp_path / "locks.triage"
    with Workspace(path) as first:
        first.conn.execute("BEGIN")
        first.conn.execute("SELECT count(*) FROM items").fetchone()  # a read transaction holds a lock
        with Workspace(path):
            pass
        result = _other_process_switches_journal(path)
        first.conn.execute("COMMIT")
    assert "database is locked" in result.stderr, result.stdout


def test_a_file_that_is_not_sqlite_is_still_refused(tmp_path):
    import pytest

    from triage_app.store.workspace import WorkspaceError

    path = tmp_path / "notes.triage"
    path.write_bytes(b"just some notes, not a database" * 100)
    with pytest.raises(WorkspaceError, match="not an SQLite database"):
        Workspace(path)

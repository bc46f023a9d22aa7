"""The workspace owns its connections (issue 15): one writer, a read-only reader for the thread that
opened it, pooled read-only readers lent to other threads, all closed with the workspace."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from triage_app.store import Workspace, WorkspaceError, queries


def test_readers_are_read_only_and_see_the_writers_commits(tmp_path):
    with Workspace(tmp_path / "w.triage") as ws:
        reader = ws.reader()
        assert ws.reader() is reader  # one per workspace for its own thread
        with pytest.raises(sqlite3.OperationalError):
            reader.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
        ws.conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
        assert reader.execute("SELECT value FROM meta WHERE key = 'x'").fetchone() == ("y",)
        with ws.reading() as view:
            assert view.path == ws.path and view.conn is not ws.conn
            assert view.stats() == queries.stats(ws.conn)
            with pytest.raises(sqlite3.OperationalError):
                view.conn.execute("DELETE FROM meta")


def test_other_threads_borrow_pooled_readers(tmp_path):
    ws = Workspace(tmp_path / "w.triage")
    seen, errors = [], []

    def work():
        try:
            with pytest.raises(RuntimeError):
                ws.reader()  # the opening thread's, not for workers
            with ws.reading() as view:
                seen.append(view.conn)
                view.conn.execute("SELECT count(*) FROM items").fetchone()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    for _ in range(3):  # one after another: the same connection is lent again
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    assert not errors and len(seen) == 3 and len(set(map(id, seen))) == 1
    view_close = seen[0]
    ws.close()
    with pytest.raises(sqlite3.ProgrammingError):
        view_close.execute("SELECT 1")  # closed with the workspace
    with pytest.raises(WorkspaceError):
        with ws.reading():
            pass
    assert ws.closed


def test_a_reader_lent_when_the_workspace_closes_is_closed_when_given_back(tmp_path):
    ws = Workspace(tmp_path / "w.triage")
    with ws.reading() as view:
        ws.close()
        assert view.conn.execute("SELECT 1").fetchone() == (1,)  # still usable inside its block
    with pytest.raises(sqlite3.ProgrammingError):
        view.conn.execute("SELECT 1")

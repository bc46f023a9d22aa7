"""Two windows (connections) and two processes on one workspace: SQLite's locking and the busy
timeout serialise the writers, nothing is lost or corrupted, and a window learns of the other's change."""
from __future__ import annotations

import multiprocessing as mp
import sqlite3
import threading
import time

from harness.crash_kill import write_csv
from triage_app.services.health import ChangeWatch, check_workspace
from triage_app.services.importing import run_import
from triage_app.store import Workspace, queries


def _import(workspace: str, file: str, barrier) -> None:
    ws = Workspace(workspace)
    barrier.wait(30)
    run_import(ws, file)
    ws.close()


def test_two_processes_import_into_one_workspace_at_once(tmp_path):
    path = tmp_path / "shared.triage"
    Workspace(path).close()
    files = [write_csv(tmp_path / f"f{i}.csv", 5_000, i * 5_000, f"file{i}") for i in range(2)]
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_import, args=(str(path), str(f), barrier)) for f in files]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    with Workspace(path) as ws:
        assert ws.stats()["items"] == 10_000 and ws.stats()["imports"] == 2
        assert len(queries.search_items(ws.conn, "file1", limit=10_000)) == 5_000
    assert check_workspace(path).healthy


def test_two_processes_creating_the_same_new_workspace(tmp_path):
    path = tmp_path / "new.triage"
    files = [write_csv(tmp_path / f"f{i}.csv", 200, i * 200, f"n{i}") for i in range(2)]
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_import, args=(str(path), str(f), barrier)) for f in files]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert check_workspace(path).healthy


def test_a_window_waits_for_the_other_windows_write_and_then_sees_it(tmp_path):
    path = tmp_path / "w.triage"
    first, second = Workspace(path), Workspace(path)
    watch = ChangeWatch(second.conn)
    assert not watch.changed()
    csv_file = write_csv(tmp_path / "a.csv", 1_000)
    first.conn.execute("BEGIN IMMEDIATE")  # window 1 holds the write lock (e.g. a long edit)
    first.conn.execute("INSERT INTO meta (key, value) VALUES ('held', 'yes')")
    done = {}

    def import_in_window_two():
        done["result"] = run_import(second, csv_file)

    worker = threading.Thread(target=import_in_window_two)
    worker.start()
    time.sleep(0.5)
    assert worker.is_alive() and "result" not in done  # waiting on the lock, not failing
    first.conn.execute("COMMIT")
    worker.join(30)
    assert done["result"].added == 1_000
    other = ChangeWatch(first.conn)
    assert first.stats()["items"] == 1_000  # window 1 sees window 2's import
    assert not other.changed()
    second.conn.execute("INSERT INTO meta (key, value) VALUES ('later', 'x')")
    assert other.changed() and not other.changed()
    first.close()
    second.close()


def test_reader_sees_a_whole_import_or_none_of_it(tmp_path):
    path = tmp_path / "w.triage"
    writer = Workspace(path)
    counts = set()
    stop = threading.Event()

    def read():
        reader = sqlite3.connect(path)
        while not stop.is_set():
            counts.add(reader.execute("SELECT count(*) FROM items").fetchone()[0])
        reader.close()

    t = threading.Thread(target=read)
    t.start()
    run_import(writer, write_csv(tmp_path / "a.csv", 20_000))
    stop.set()
    t.join()
    assert counts <= {0, 20_000} and counts
    writer.close()

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
from triage_app.store import Workspace, WorkspaceError, migrations, queries


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


def _create_and_import(paths: list[str], files: list[str], barrier, errors) -> None:
    """One process: for each new workspace, wait for the other process, then both create it at once."""
    failed = []
    for path, file in zip(paths, files):
        barrier.wait(30)
        try:
            with Workspace(path) as ws:
                run_import(ws, file)
        except Exception as exc:  # reported to the test, which names it
            failed.append(str(exc))
    errors.put(failed)


CREATE_ROUNDS = 15


def test_two_processes_creating_the_same_new_workspace(tmp_path):
    """The app and the ``triage-app`` CLI create one new workspace at the same moment, several times
    over (the race shows in a few per cent of rounds on the old code): both open it, both imports land."""
    paths = [str(tmp_path / f"new{r}.triage") for r in range(CREATE_ROUNDS)]
    files = [[str(write_csv(tmp_path / f"f{r}_{i}.csv", 50, i * 50, f"n{i}")) for r in range(CREATE_ROUNDS)]
             for i in range(2)]
    ctx = mp.get_context("fork")
    barrier, errors = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_create_and_import, args=(paths, files[i], barrier, errors)) for i in range(2)]
    for p in procs:
        p.start()
    reported = errors.get(timeout=120) + errors.get(timeout=120)
    for p in procs:
        p.join(60)
    assert reported == [] and [p.exitcode for p in procs] == [0, 0]
    for path in paths:
        assert check_workspace(path).healthy
        with Workspace(path) as ws:
            assert ws.stats()["items"] == 100 and ws.stats()["imports"] == 2


def test_two_windows_creating_the_same_new_workspace(tmp_path):
    """Two windows (threads, one connection each) open one new file at once, many times over: none
    fails with "database is locked" (both switching it to WAL) or "not a workspace"."""
    failures = []
    for attempt in range(60):
        path = tmp_path / f"w{attempt}.triage"
        barrier = threading.Barrier(2)

        def open_it() -> None:
            barrier.wait(30)
            try:
                Workspace(path).close()
            except WorkspaceError as exc:
                failures.append(str(exc))

        windows = [threading.Thread(target=open_it) for _ in range(2)]
        for w in windows:
            w.start()
        for w in windows:
            w.join(60)
    assert failures == []


def _open_pausing_after_the_version(path: str, version_read, created) -> None:
    """Open ``path``, pausing right after the schema version is read until the other process has
    created the whole workspace: the interleaving that once showed "an SQLite file, but not a
    Feedback Triage workspace" (version 0 read before its commit, its tables after)."""
    read = migrations.current_version

    def pause_after(conn):
        version = read(conn)
        version_read.set()
        created.wait(30)
        return version

    migrations.current_version = pause_after  # this forked process only
    Workspace(path).close()


def test_a_process_creating_a_workspace_between_the_others_reads(tmp_path):
    path = tmp_path / "new.triage"
    ctx = mp.get_context("fork")
    version_read, created = ctx.Event(), ctx.Event()
    opener = ctx.Process(target=_open_pausing_after_the_version, args=(str(path), version_read, created))
    opener.start()
    assert version_read.wait(30)
    with Workspace(path) as ws:  # the other process creates the workspace meanwhile
        run_import(ws, write_csv(tmp_path / "a.csv", 10))
    created.set()
    opener.join(60)
    assert opener.exitcode == 0
    with Workspace(path) as ws:
        assert ws.stats()["items"] == 10
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


def _check_pausing_after_the_tables(path: str, tables_read, created, healthy) -> None:
    """``triage-app check`` on a file the other process is creating, pausing after it read the tables
    until the schema is committed: it reports one state of the file, not the tables of one and the
    version of the other ("the migrations recorded are []")."""
    from triage_app.store import health_queries

    read = health_queries.tables

    def pause_after(conn):
        found = read(conn)
        tables_read.set()
        created.wait(30)
        return found

    health_queries.tables = pause_after  # this forked process only
    report = check_workspace(path)
    healthy.value = int(report.healthy)


def test_a_check_while_another_process_creates_the_workspace(tmp_path):
    path = tmp_path / "new.triage"
    new = sqlite3.connect(path)  # an SQLite file with no schema yet: the other process has just begun
    new.execute("PRAGMA journal_mode = WAL")
    new.close()
    ctx = mp.get_context("fork")
    tables_read, created, healthy = ctx.Event(), ctx.Event(), ctx.Value("i", -1)
    checker = ctx.Process(target=_check_pausing_after_the_tables, args=(str(path), tables_read, created, healthy))
    checker.start()
    assert tables_read.wait(30)
    Workspace(path).close()  # the other process creates the workspace meanwhile
    created.set()
    checker.join(60)
    assert checker.exitcode == 0 and healthy.value == 1
    assert check_workspace(path).healthy

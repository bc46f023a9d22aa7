"""The analysis in a child process: its errors and cancellation come back as in a thread."""
from __future__ import annotations

import pytest

from triage_app.domain import CancelToken, Cancelled, drive
from triage_app.services.analysis import AnalysisError
from triage_app.services.analysis_process import chosen_model, in_process
from triage_app.services.importing import run_import
from triage_app.workflows import analyse_in_process


def test_an_analysis_error_in_the_child_is_raised_here(workspace):
    with pytest.raises(AnalysisError):  # an empty workspace: nothing to analyse
        drive(analyse_in_process(workspace.path, chosen_model(workspace)))


def test_cancel_stops_the_child_and_changes_nothing(workspace, write_file):
    rows = "".join(f"{i},2024-01-01,sync fails after sleep number {i}\n" for i in range(60))
    run_import(workspace, write_file("f.csv", "id,created,comment\n" + rows))
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        drive(analyse_in_process(workspace.path, "static", cancel))
    assert workspace.conn.execute("SELECT count(*) FROM themes").fetchone()[0] == 0


def test_briefing_in_a_child_process_writes_the_file_and_errors_travel(workspace, write_file, tmp_path):
    from triage_app.services.analysis_process import briefing_in_process
    from triage_app.services.briefing import BriefingError, BriefingRequest, newest_end

    rows = "".join(f"{i},2024-01-{1 + i % 28:02d},export fails number {i}\n" for i in range(40))
    run_import(workspace, write_file("f.csv", "id,created,comment\n" + rows))
    out = tmp_path / "b.pdf"
    request = BriefingRequest(period="30", as_of=newest_end(workspace.conn), workspace_name="w")
    result = drive(briefing_in_process(workspace.path, request, out))
    assert out.exists() and result.pages >= 2 and result.format == "pdf"
    with pytest.raises(BriefingError, match="--top"):
        drive(briefing_in_process(workspace.path, BriefingRequest(period="30", top=0), tmp_path / "c.pdf"))


# -- the child may start processes, and never outlives its parent ---------------------------------
def embed_on_two_workers(n: int, cancel):
    """A service run in the child: the local engine on two worker processes (the pool the app's
    analysis uses on every core), compared with one process."""
    import numpy as np

    from triage_app.domain import Progress
    from triage_app.engines import local

    local.POOL_MIN = 1
    corpus = [f"the export to excel breaks the dates {i}" for i in range(n)]
    out = {}
    for workers in (1, 2):
        engine = local.LocalEngine(workers=workers)
        vectors = np.zeros((n, 512), np.float32)
        for indices, batch in engine.embed("use-multilingual", corpus, cancel):
            vectors[indices] = batch
            yield Progress("embedding", int(indices[-1]) + 1, n)
        out[workers] = (engine.last_workers, vectors)
    return out[2][0], bool(np.array_equal(out[1][1], out[2][1]))


def test_the_child_embeds_on_worker_processes_of_its_own():
    workers, same = drive(in_process(embed_on_two_workers, (600,)))
    assert workers == 2 and same


def forever(cancel):
    """A service that runs until it is cancelled, one step every 50 ms."""
    import os
    import time

    from triage_app.domain import Progress

    step = 0
    while True:
        cancel.raise_if_cancelled()
        yield Progress("waiting", step, None, str(os.getpid()))
        step += 1
        time.sleep(0.05)


PARENT = """
import sys, time
sys.path[:0] = {paths!r}
from test_analysis_process import forever
from triage_app.services.analysis_process import in_process
run = in_process(forever, ())
print(next(run).message, flush=True)  # the child's pid
{end}
"""


@pytest.mark.parametrize("end", ["exit", "killed"])
def test_the_child_ends_with_its_parent(end):
    """The interpreter exits with the generator still open (atexit stops the child), or is killed
    outright (the child takes its parent's death as a cancel)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    here = Path(__file__).parent
    code = PARENT.format(paths=[str(here), str(here.parents[1])],
                         end="time.sleep(60)" if end == "killed" else "sys.exit(0)")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    try:
        assert running(child)
        started = time.monotonic()
        if end == "killed":
            os.kill(parent.pid, signal.SIGKILL)
        assert parent.wait(timeout=30) in (0, -signal.SIGKILL)
        while running(child) and time.monotonic() - started < 15:
            time.sleep(0.1)
        assert not running(child)
    finally:  # nothing left behind when the test fails
        for pid in (parent.pid, child):
            if running(pid):
                os.kill(pid, signal.SIGKILL)


def running(pid: int) -> bool:
    """Alive and not a zombie (a reparented child may wait for its reaping)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_items_export_in_a_child_process_follows_the_filter_and_errors_travel(workspace, write_file, tmp_path):
    import csv

    from triage_app.services.analysis_process import export_items_in_process
    from triage_app.services.exporting import ExportError
    from triage_app.store.item_queries import ItemFilter

    rows = "".join(f"{i},2024-01-{1 + i % 28:02d},{'export' if i % 3 else 'login'} fails number {i}\n" for i in range(30))
    run_import(workspace, write_file("f.csv", "id,created,comment\n" + rows))
    out = tmp_path / "items.csv"
    result = drive(export_items_in_process(workspace.path, out, ItemFilter(search="login")))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    assert result.rows == 10 == len(texts) and all(t.startswith("login fails") for t in texts)
    with pytest.raises(ExportError, match="items.txt"):
        drive(export_items_in_process(workspace.path, tmp_path / "items.txt"))
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        drive(export_items_in_process(workspace.path, tmp_path / "again.csv", cancel=cancel))
    assert not (tmp_path / "again.csv").exists()


def _niceness(cancel):  # a generator service run in the child: reports the child's priority
    import os

    return os.nice(0)
    yield  # pragma: no cover - makes this a generator


@pytest.mark.skipif(not hasattr(__import__("os"), "nice"), reason="no process priorities here")
def test_the_child_runs_below_the_window(tmp_path):
    import os

    from triage_app.services.analysis_process import CHILD_NICENESS, in_process

    assert drive(in_process(_niceness, ())) == min(19, os.nice(0) + CHILD_NICENESS)

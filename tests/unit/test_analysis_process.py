"""The analysis in a child process: its errors and cancellation come back as in a thread."""
from __future__ import annotations

import pytest

from triage_app.domain import CancelToken, Cancelled, drive
from triage_app.services.analysis import AnalysisError
from triage_app.services.analysis_process import analyse_in_process, chosen_model
from triage_app.services.importing import run_import


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

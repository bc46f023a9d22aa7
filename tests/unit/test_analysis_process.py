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

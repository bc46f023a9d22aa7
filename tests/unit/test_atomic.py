"""The store's unit of work: ``atomic`` nests (SAVEPOINT), so a selection's status change or a
settings save is one commit, all or nothing."""
from __future__ import annotations

import pytest

from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.services.status import StatusError, set_statuses
from triage_app.store import meta
from triage_app.store.queries import atomic


def test_an_inner_failure_rolls_back_to_its_savepoint_only(workspace):
    with workspace.atomic():
        meta.set_text(workspace.conn, "outer", "kept")
        with pytest.raises(RuntimeError):
            with atomic(workspace.conn):
                meta.set_text(workspace.conn, "inner", "lost")
                raise RuntimeError("inner part fails")
        assert workspace.conn.in_transaction  # the outer unit is still open
    assert meta.get_text(workspace.conn, "outer") == "kept"
    assert meta.get_text(workspace.conn, "inner") is None


def test_an_outer_failure_rolls_back_the_inner_parts_too(workspace):
    with pytest.raises(RuntimeError):
        with workspace.atomic():
            with workspace.atomic():
                meta.set_text(workspace.conn, "inner", "x")
            raise RuntimeError("outer fails after the inner part finished")
    assert meta.get_text(workspace.conn, "inner") is None
    assert not workspace.conn.in_transaction


def test_a_selection_changes_status_all_or_nothing(workspace, write_file):
    rows = "".join(f"{i},2024-01-01,text {i}\n" for i in range(5))
    run_import(workspace, write_file("f.csv", "id,created,comment\n" + rows), ImportOptions())
    ids = [r[0] for r in workspace.conn.execute("SELECT id FROM items ORDER BY id")]
    with pytest.raises(StatusError):  # the last target does not exist: nothing changes
        set_statuses(workspace.conn, [f"item:{i}" for i in ids] + ["item:99999"], "planned")
    assert {s for (s,) in workspace.conn.execute("SELECT status FROM items")} == {"new"}
    assert set_statuses(workspace.conn, [f"item:{i}" for i in ids], "planned") == 5
    assert {s for (s,) in workspace.conn.execute("SELECT status FROM items")} == {"planned"}

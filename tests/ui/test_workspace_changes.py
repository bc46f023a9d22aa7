"""One "workspace changed" signal (issue 15): the write path says what changed and the views refresh
from it; the window's long work goes through one job runner (busy state, cancel); ui/ opens no
connection of its own."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")



@pytest.fixture
def two_themes(themed_workspace):
    return themed_workspace(
        "id,comment\n" + "".join(f"{i},comment number {i}\n" for i in range(6)),
        {"SSO problems": (1, 2, 3, 4), "Dark mode": (5, 6)})


def _window(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.themes.model.rowCount() == 2, timeout=20_000)
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == 6, timeout=20_000)
    return window


def _sso(window):
    return next(t for t in window.themes.model.themes if t.label == "SSO problems")


def test_the_board_follows_a_status_change_of_items(qtbot, settings_home, two_themes, monkeypatch):
    from ui.status_dialog import StatusDialog

    window = _window(qtbot, two_themes)
    assert _sso(window).items_resolved == 0
    view = window.feedback
    ids = [view.model.item_id(r) for r in range(view.model.rowCount())]
    rows = [r for r, i in enumerate(ids) if i in (1, 2)]
    view.table.clearSelection()
    for row in rows:
        view.table.selectionModel().select(view.model.index(row, 0),
                                           view.table.selectionModel().SelectionFlag.Select
                                           | view.table.selectionModel().SelectionFlag.Rows)
    assert sorted(view.selected_item_ids()) == [1, 2]
    monkeypatch.setattr(StatusDialog, "exec", lambda self: StatusDialog.DialogCode.Accepted)
    monkeypatch.setattr(StatusDialog, "values", lambda self: ("resolved", "fixed"))
    window.set_status_of_selection()
    qtbot.waitUntil(lambda: _sso(window).items_resolved == 2, timeout=20_000)


def test_each_write_announces_what_it_changed(qtbot, settings_home, two_themes, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from ui.jobs import Changes
    from ui.status_dialog import StatusDialog

    window = _window(qtbot, two_themes)
    seen = []
    window.jobs.workspace_changed.connect(seen.append)
    monkeypatch.setattr(StatusDialog, "exec", lambda self: StatusDialog.DialogCode.Accepted)
    monkeypatch.setattr(StatusDialog, "values", lambda self: ("planned", None))
    window.feedback.table.selectRow(0)
    window.set_status_of_selection()
    qtbot.waitUntil(lambda: seen == [Changes.STATUSES], timeout=20_000)
    window.themes.select_index(window.themes.model.index_of(_sso(window).id))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Single sign-on", True))
    window.edit_themes("rename")
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=20_000)
    assert seen[1] == Changes.THEMES
    qtbot.waitUntil(lambda: any(t.label == "Single sign-on" for t in window.themes.model.themes), timeout=20_000)


def test_writes_run_on_the_workspace_writer_off_the_ui_thread(qtbot, settings_home, two_themes, monkeypatch):
    """Every statement that changes the workspace, from status, settings, RICE and "told", runs in a
    worker on the window's one writer connection; the UI thread only reads (on read-only readers)."""
    import threading

    from ui.status_dialog import StatusDialog
    from ui.theme_actions import edit_rice

    window = _window(qtbot, two_themes)
    writes = []  # (on the UI thread?, statement)

    def trace(statement):
        if not statement.lstrip().upper().startswith(("SELECT", "PRAGMA", "WITH")):
            writes.append((threading.current_thread() is threading.main_thread(), statement.split()[0].upper()))

    window.ws.conn.set_trace_callback(trace)
    monkeypatch.setattr(StatusDialog, "exec", lambda self: StatusDialog.DialogCode.Accepted)
    monkeypatch.setattr(StatusDialog, "values", lambda self: ("planned", "soon"))
    window.feedback.table.selectRow(0)
    window.set_status_of_selection()
    settings = window.open_settings()
    settings.weights["votes"].setValue(0.3)
    settings.accept()
    rice = edit_rice(window, _sso(window))
    rice.effort.setValue(3.0)
    rice.accept()
    qtbot.waitUntil(lambda: not window.jobs.writing(), timeout=20_000)
    tell = window.tell_people(theme_id=_sso(window).id)
    qtbot.waitUntil(lambda: tell.draft is not None, timeout=20_000)
    tell.record_told()
    qtbot.waitUntil(lambda: tell.told_button.text() == "Recorded", timeout=20_000)
    window.ws.conn.set_trace_callback(None)
    assert {"INSERT", "UPDATE"} & {what for _, what in writes}
    assert not [w for w in writes if w[0]], "written on the UI thread"
    from triage_app.services import metrics

    with window.ws.reading() as view:
        assert metrics.weights(view.conn)["votes"] == 0.3
        assert metrics.rice_inputs(view.conn, _sso(window).id)["effort"] == 3.0


def test_a_long_task_makes_the_window_busy_and_cancels_through_the_runner(qtbot, settings_home, two_themes):
    import time

    from triage_app.domain import Cancelled, Progress

    window = _window(qtbot, two_themes)
    qtbot.waitUntil(lambda: window.run_action.isEnabled(), timeout=10_000)
    busy, errors = [], []
    window.jobs.busy_changed.connect(busy.append)

    def long_task(cancel):  # yields progress until cancelled, like the services do
        done = 0
        while True:
            if cancel.cancelled:
                raise Cancelled()
            done += 1
            yield Progress("working", done, None)
            time.sleep(0.02)

    job = window.jobs.run(long_task, on_error=errors.append, name="export", progress_label="Exporting…",
                          cancellable=True)
    assert window.jobs.busy and busy == [True]
    assert not window.run_action.isEnabled() and not window.themes.run_button.isEnabled()
    window.run_analysis()  # refused while busy
    assert window.jobs.running("analysis") is None
    assert "Exporting…" in job.progress.label.text()
    assert window.statusBar().isAncestorOf(job.progress.progress)  # the runner's progress row
    job.progress.button.click()  # the status bar's Cancel
    assert job.cancel.cancelled and job.progress.label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=10_000)
    assert busy == [True, False] and len(errors) == 1 and isinstance(errors[0], Cancelled)
    assert window.run_action.isEnabled() and window.themes.run_button.isEnabled()

"""Theme edits are written in a worker, not on the UI thread (issue 17: up to 273 ms frozen on 100k
items), in the order asked, with the selection kept and undo as before."""
from __future__ import annotations

import threading

import pytest

pytest.importorskip("pytestqt")

from triage_app.store import Workspace  # noqa: E402


@pytest.fixture
def three_themes(themed_workspace):
    return themed_workspace(
        "id,comment\n" + "".join(f"{i},comment number {i}\n" for i in range(9)),
        {"SSO problems": (1, 2, 3, 4), "Login fails": (5, 6), "Dark mode": (7,)})


def _window(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.themes.model.rowCount() == 3, timeout=20_000)
    return window


def _threads_of(monkeypatch, module, name):
    """Wrap the real ``module.name`` to note the thread it runs on."""
    seen, real = [], getattr(module, name)

    def wrapped(*args, **kwargs):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return seen


def test_rename_is_written_in_a_worker_and_the_selection_stays(qtbot, settings_home, three_themes, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from triage_app.services import theme_edits

    on_main = _threads_of(monkeypatch, theme_edits, "rename")
    window = _window(qtbot, three_themes)
    board = window.themes
    login = next(t.id for t in board.model.themes if t.label == "Login fails")
    board.select_index(board.model.index_of(login))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Cannot log in", True))
    window.edit_themes("rename")
    qtbot.waitUntil(lambda: any(t.label == "Cannot log in" for t in board.model.themes), timeout=20_000)
    assert on_main == [False]  # the write ran off the UI thread
    assert board.selected_theme_ids() == [login]
    assert window.statusBar().currentMessage() == "renamed “Login fails” to “Cannot log in”"


def test_status_and_item_status_are_written_in_a_worker(qtbot, settings_home, three_themes, monkeypatch):
    from triage_app.services import status as status_service
    from triage_app.store import queries
    from ui.status_dialog import StatusDialog

    on_main = _threads_of(monkeypatch, status_service, "set_status")
    window = _window(qtbot, three_themes)
    board = window.themes
    dark = next(t.id for t in board.model.themes if t.label == "Dark mode")
    board.select_index(board.model.index_of(dark))
    monkeypatch.setattr(StatusDialog, "exec", lambda self: StatusDialog.DialogCode.Accepted)
    monkeypatch.setattr(StatusDialog, "values", lambda self: ("planned", "Q3"))
    window.edit_themes("status")
    qtbot.waitUntil(lambda: any(t.id == dark and t.status == "planned" for t in board.model.themes), timeout=20_000)
    assert board.selected_theme_ids() == [dark]
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == 9, timeout=10_000)
    window.feedback.table.selectAll()
    window.set_status_of_selection()
    qtbot.waitUntil(lambda: queries.get_item(window.ws.conn, 9)["status"] == "planned", timeout=20_000)
    assert on_main and not any(on_main)
    window.update_undo_texts()
    assert window.undo_action.text().startswith("&Undo")  # the theme's status change is undoable


def test_undo_pressed_while_a_merge_is_saved_undoes_that_merge(qtbot, settings_home, three_themes, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = _window(qtbot, three_themes)
    board = window.themes
    sso, login = (next(t.id for t in board.model.themes if t.label == name) for name in ("SSO problems", "Login fails"))
    board.select_index(board.model.index_of(sso))
    sm = board.table.selectionModel()
    sm.select(board.model.index_of(login), sm.SelectionFlag.Select | sm.SelectionFlag.Rows)
    window.edit_themes("merge")
    window.undo()  # at once: queued behind the merge, not run before it
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Undone: merged"), timeout=20_000)
    qtbot.waitUntil(lambda: board.model.rowCount() == 3, timeout=20_000)
    with Workspace(three_themes) as ws:
        sizes = dict(ws.conn.execute("SELECT label, size FROM themes WHERE hidden = 0"))
    assert sizes == {"SSO problems": 4, "Login fails": 2, "Dark mode": 1}
    qtbot.waitUntil(lambda: board.selected_theme_ids() == [sso], timeout=20_000)  # the board after the undo
    assert {t.label: t.size for t in board.model.themes} == sizes


def test_filters_reload_off_the_ui_thread_and_a_merged_away_filter_lets_go(qtbot, settings_home, three_themes,
                                                                           monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui import feedback_view

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = _window(qtbot, three_themes)
    board, view = window.themes, window.feedback
    sso, login = (next(t.id for t in board.model.themes if t.label == name) for name in ("SSO problems", "Login fails"))
    qtbot.waitUntil(lambda: view.theme.findData(login) >= 0, timeout=10_000)
    view.theme.setCurrentIndex(view.theme.findData(login))  # the table shows "Login fails" only
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    on_main = _threads_of(monkeypatch, feedback_view, "filter_choices")
    board.select_index(board.model.index_of(sso))
    sm = board.table.selectionModel()
    sm.select(board.model.index_of(login), sm.SelectionFlag.Select | sm.SelectionFlag.Rows)
    window.edit_themes("merge")
    qtbot.waitUntil(lambda: view.theme.findData(login) == -1, timeout=20_000)
    assert on_main and not any(on_main)
    assert view.theme.currentData() is None  # "All themes": the merged-away theme is no longer offered
    qtbot.waitUntil(lambda: view.model.rowCount() == 9, timeout=10_000)

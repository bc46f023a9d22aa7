"""Hiding every sub-theme of a parent from the board: the parent leaves the board with them (it has nothing to
show, store.theme_scope), the selection is ONE edit, and one undo brings the parent and all its sub-themes back."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from test_window import CSV, _add_theme, filled_workspace  # noqa: E402,F401  (the fixture)

from triage_app.store import Workspace  # noqa: E402


def _exports_parent(path):
    """Two export sub-themes under "Exports" and a lone "Login": (a, b, lone, parent)."""
    from triage_app.store import themes as tq

    a = _add_theme(path, "Slow exports", [1])
    b = _add_theme(path, "Broken exports", [3])
    lone = _add_theme(path, "Login", [2])
    with Workspace(path) as ws:
        parent = tq.insert_theme(ws.conn, label="Exports", keywords=["export"])
        for child in (a, b):
            tq.update_theme(ws.conn, child, parent_id=parent)
        tq.refresh_sizes(ws.conn)
    return a, b, lone, parent


def test_hiding_all_sub_themes_of_a_parent_is_one_edit_and_one_undo(qtbot, settings_home, filled_workspace):  # noqa: F811
    from ui.main_window import MainWindow

    a, b, lone, parent = _exports_parent(filled_workspace)
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)
    board.table.expand(board.model.index_of(parent))
    selection = board.table.selectionModel()
    selection.clearSelection()
    for child in (a, b):
        selection.select(board.model.index_of(child),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    board.edit_buttons["hide"].click()
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=20_000)
    assert [t.id for t in board.model.themes] == [lone]  # the emptied parent left with its sub-themes
    assert "Slow exports" in window.undo_action.text() and "Broken exports" in window.undo_action.text()
    window.undo()  # one undo: both sub-themes, and the parent with them
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)
    top = board.model.index_of(parent)
    assert board.model.rowCount(top) == 2 and board.model.theme(top).size == 2


def test_show_hidden_lists_them_greyed_and_unhide_brings_them_back(qtbot, settings_home, filled_workspace):  # noqa: F811
    """Without undo (a PM who hid themes yesterday): Show hidden lists them, counted nowhere; Unhide on the
    emptied parent shows its sub-themes again, as one edit."""
    from triage_app.services import theme_edits as edits
    from triage_app.store import themes as tq
    from ui.main_window import MainWindow

    a, b, lone, parent = _exports_parent(filled_workspace)
    with Workspace(filled_workspace) as ws:
        edits.hide_many(ws, [a, b])
        edits.rename(ws, lone, "Login fails")  # a later edit: undo alone would not reach the hide
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=20_000)
    summary = board.summary.text()
    board.show_hidden.setChecked(True)
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)
    assert board.model.left_out == {parent, a, b}
    assert board.summary.text() == summary  # listed, counted nowhere
    top = board.model.index_of(parent)
    assert board.model.data(top).endswith(" (hidden)") and board.model.rowCount(top) == 2
    board.select_index(top)
    assert board.edit_buttons["hide"].text() == "Unhide"
    board.edit_buttons["hide"].click()
    qtbot.waitUntil(lambda: not board.model.left_out and board.model.rowCount() == 2, timeout=20_000)
    assert board.edit_buttons["hide"].text() == "Hide"
    with Workspace(filled_workspace) as ws:
        assert not any(tq.get_theme(ws.conn, t)["hidden"] for t in (a, b))
    window.undo()  # one edit
    qtbot.waitUntil(lambda: board.model.left_out == {parent, a, b}, timeout=20_000)

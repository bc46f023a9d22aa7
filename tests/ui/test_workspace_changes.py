"""One "workspace changed" signal (issue 15): the write path says what changed and the views refresh
from it; the window's long work goes through one job runner (busy state, cancel); ui/ opens no
connection of its own."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("pytestqt")

from triage_app.services.importing import run_import  # noqa: E402
from triage_app.store import Workspace  # noqa: E402


@pytest.fixture
def two_themes(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text("id,comment\n" + "".join(f"{i},comment number {i}\n" for i in range(6)), encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
        now = "2024-03-05T00:00:00+00:00"
        for label, items in (("SSO problems", (1, 2, 3, 4)), ("Dark mode", (5, 6))):
            cur = ws.conn.execute("INSERT INTO themes (label, keywords, quotes, size, created_at, updated_at)"
                                  " VALUES (?,?,?,?,?,?)", (label, json.dumps(["x"]), "[]", len(items), now, now))
            ws.conn.executemany("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)",
                                [(i, cur.lastrowid) for i in items])
    return path


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

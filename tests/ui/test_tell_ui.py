"""The "Tell people" dialog from the theme board and from the Feedback selection (offscreen)."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("pytestqt")

from triage_app.services.importing import run_import  # noqa: E402
from triage_app.store import Workspace  # noqa: E402

CSV = ("id,created,comment,author,link\n"
       "1,2024-03-01 10:00,The export to Excel is broken &amp; slow,ann,https://example.org/t/1\n"
       "2,2024-03-02 11:00,Export to Excel drops the dates column every time,ben,https://example.org/t/2\n"
       "3,2024-03-03 12:00,配送太慢了，饭菜都凉了,,\n")


@pytest.fixture
def workspace_with_theme(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text(CSV, encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
        now = "2024-03-05T00:00:00+00:00"
        cur = ws.conn.execute(
            "INSERT INTO themes (label, keywords, quotes, status, size, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            ("Export to Excel", json.dumps(["export"]), json.dumps([1]), "resolved", 2, now, now))
        for item_id in (1, 2):
            ws.conn.execute("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)", (item_id, cur.lastrowid))
    return path


def test_tell_people_from_the_theme_board(qtbot, settings_home, workspace_with_theme, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from triage_app.services.tell import draft
    from ui.main_window import MainWindow

    window = MainWindow(workspace_with_theme)
    qtbot.addWidget(window)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=20_000)
    board.select_row(0)
    assert board.edit_buttons["tell"].isEnabled()
    board.edit_buttons["tell"].click()
    dialog = window._tell_dialog
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=10_000)
    assert "# Update: Export to Excel" in dialog.text.toPlainText()
    assert "&amp;" not in dialog.text.toPlainText()
    assert dialog.people.rowCount() == 2 and dialog.people.item(0, 3).text() == "https://example.org/t/1"
    assert not dialog.warning.isVisible()
    dialog.text.appendPlainText("Shipped in 2.4.")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog.export()
    assert "Shipped in 2.4." in (tmp_path / "out" / "update.md").read_text(encoding="utf-8")
    dialog.record_told()  # written in a worker
    qtbot.waitUntil(lambda: dialog.told_button.text() == "Recorded", timeout=10_000)
    assert len(draft(window.ws.conn, theme_id=board.model.themes[0].id).already_told) == 1
    dialog.close()
    board.edit_buttons["tell"].click()  # the second time the dialog warns
    again = window._tell_dialog
    qtbot.waitUntil(lambda: again.draft is not None, timeout=10_000)
    assert "Already told on" in again.warning.text() and not again.warning.isHidden()


def test_tell_people_of_selected_feedback_in_chinese(qtbot, settings_home, workspace_with_theme):
    from ui.main_window import MainWindow

    window = MainWindow(workspace_with_theme)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    view.table.selectRow(0)
    dialog = window.tell_people_of_selection()
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=10_000)
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    qtbot.waitUntil(lambda: "您反馈的问题" in dialog.text.toPlainText(), timeout=10_000)
    # a new item is not decided yet: the dialog says so
    assert "nothing is decided yet" in dialog.warning.text()

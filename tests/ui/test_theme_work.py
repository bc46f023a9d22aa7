"""Theme work in the user's words: labels (not ids) in messages and the Undo menu, a merge question
that names both themes, a searchable Move to Theme picker, split previews with quotes and the
selection kept, Run Analysis only with feedback, an offer to analyse after an import, and a
question before closing during an analysis."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from triage_app.store import Workspace  # noqa: E402


@pytest.fixture
def two_themes(themed_workspace):
    return themed_workspace(
        "id,created,comment\n" + "".join(f"{i},2024-03-0{1 + i % 5} 10:00,comment {i}\n" for i in range(8)),
        {"SSO problems": (1, 2, 3, 4), "Login fails": (5, 6)})


def _window(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.themes.model.rowCount() >= 1 or window.ws.stats()["items"] == 0, timeout=20_000)
    return window


def test_merge_names_both_themes_and_undo_says_what_it_undoes(qtbot, settings_home, two_themes, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    window = _window(qtbot, two_themes)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)
    board.table.selectAll()
    window.edit_themes("merge")
    assert asked and "“Login fails” (2)" in asked[0] and "“SSO problems” (4)" in asked[0]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "merged “Login fails” into “SSO problems”",
                    timeout=20_000)
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=20_000)
    window.update_undo_texts()
    assert window.undo_action.text() == "&Undo: merged “Login fails” into “SSO problems”"
    assert window.redo_action.text() == "&Redo Theme Edit" and not window.redo_action.isEnabled()
    window.undo()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Undone: merged “Login fails” into “SSO problems”",
                    timeout=20_000)
    window.update_undo_texts()
    assert window.redo_action.text().startswith("&Redo: merged") and window.redo_action.isEnabled()


def test_move_to_theme_is_a_searchable_picker_without_a_default(qtbot, settings_home, two_themes, monkeypatch):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from ui.theme_messages import ThemePicker

    themes = [{"id": 1, "label": "SSO problems", "size": 4}, {"id": 2, "label": "Login fails", "size": 2},
              {"id": 3, "label": "Slow login page", "size": 9}]
    picker = ThemePicker(themes, 3)
    qtbot.addWidget(picker)
    ok = picker.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert picker.list.currentItem() is None and not ok.isEnabled()  # nothing chosen for the user
    picker.search.setText("login")
    assert picker.visible_ids() == [2, 3]
    picker.search.setText("slow LOG")
    assert picker.visible_ids() == [3]
    picker._take_first()
    assert picker.result() == QDialog.DialogCode.Accepted and picker.chosen() == 3
    # from the window: the picker's choice moves the selected feedback, the message names the theme
    window = _window(qtbot, two_themes)
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == 8, timeout=10_000)
    window.feedback.table.selectRow(0)
    monkeypatch.setattr(ThemePicker, "exec", lambda self: (self.search.setText("login"), self._take_first(),
                                                            QDialog.DialogCode.Accepted)[-1])
    window.move_selection_to_theme()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "moved 1 item(s) to “Login fails”", timeout=20_000)


def test_selection_stays_on_a_theme_after_refresh(qtbot, settings_home, two_themes):
    window = _window(qtbot, two_themes)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)
    second = board.model.themes[1].id
    window.select_theme_after_refresh = second
    window.refresh_themes()
    qtbot.waitUntil(lambda: board.selected_theme_ids() == [second], timeout=20_000)


def test_run_analysis_needs_feedback(qtbot, settings_home, tmp_path):
    path = tmp_path / "empty.triage"
    Workspace(path).close()
    window = _window(qtbot, path)
    qtbot.waitUntil(lambda: not window.run_action.isEnabled(), timeout=10_000)
    assert not window.themes.run_button.isEnabled()
    assert "Import feedback first" in window.themes.run_button.toolTip()
    window.run_analysis()
    assert window.jobs.running("analysis") is None and not window.jobs.busy


def test_after_an_import_the_window_offers_the_analysis(qtbot, settings_home, two_themes, monkeypatch):
    from types import SimpleNamespace

    window = _window(qtbot, two_themes)
    ran = []
    monkeypatch.setattr(window, "run_analysis", lambda: ran.append(True))
    fake = SimpleNamespace(results=[("a.csv", SimpleNamespace(added=12), None), ("b.csv", None, "cancelled")])
    window._after_import(fake)
    box = window._offer_box
    assert "12 new items were imported" in box.text()
    box.button(box.StandardButton.Yes).click()
    assert ran == [True]
    window._after_import(SimpleNamespace(results=[("a.csv", None, "cancelled")]))
    assert window._offer_box is box  # nothing imported: no offer


def test_closing_during_an_analysis_asks(qtbot, settings_home, two_themes, monkeypatch):
    import time

    from ui.main_window import MainWindow

    window = _window(qtbot, two_themes)
    window.show()

    def analysis(cancel):  # stands in for the analysis: runs until cancelled
        while not cancel.cancelled:
            time.sleep(0.01)

    job = window.jobs.run(analysis, name="analysis", progress_label="Analysis", cancellable=True)
    monkeypatch.setattr(MainWindow, "confirm_close_during_analysis", lambda self: False)  # "Keep Running"
    window.close()
    assert window.isVisible() and not job.cancel.cancelled
    monkeypatch.setattr(MainWindow, "confirm_close_during_analysis", lambda self: True)  # "Cancel and Close"
    window.close()
    assert not window.isVisible() and job.cancel.cancelled

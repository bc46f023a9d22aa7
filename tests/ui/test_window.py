"""The desktop window, offscreen: models pass Qt's model tester, filters and search work, the
import wizard imports a file end to end."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from triage_app.services.importing import run_import  # noqa: E402
from triage_app.store import Workspace  # noqa: E402

CSV = ("id,created,comment,score,plan\n"
       "1,2024-03-01 10:00,The export to Excel is broken,2,team\n"
       "2,2024-03-02 11:00,Love the new dashboard,5,free\n"
       "3,2024-03-03 12:00,配送太慢了，饭菜都凉了,1,team\n"
       "4,2024-03-04 13:00,Dark mode please,4,free\n")


@pytest.fixture
def filled_workspace(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text(CSV, encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    return path


def test_items_model_passes_qt_model_tester(qtmodeltester, filled_workspace):
    from triage_app.store import connect_reader
    from triage_app.store.item_queries import ItemFilter
    from ui.items_model import ItemsTableModel

    conn = connect_reader(filled_workspace)
    model = ItemsTableModel(conn)
    f = ItemFilter()
    model.reset_rows(model.first_page(f, "created_at", True, None), 4, f, "created_at", True)
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    conn.close()


def test_items_model_pages_through_many_rows(qtbot, tmp_path):
    from triage_app.store import connect_reader
    from triage_app.store.item_queries import ItemFilter, count_items
    from ui.items_model import PAGE, ItemsTableModel

    data = tmp_path / "many.csv"
    data.write_text("id,created,comment\n" + "".join(f"{i},2024-01-{1 + i % 28:02d} 10:00,comment {i}\n" for i in range(530)))
    path = tmp_path / "many.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    conn = connect_reader(path)
    model = ItemsTableModel(conn)
    f = ItemFilter()
    total = count_items(conn, f)
    model.reset_rows(model.first_page(f, "created_at", True, total), total, f, "created_at", True)
    assert model.rowCount() == PAGE and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 530
    ids = [model.item_id(r) for r in range(530)]
    assert len(set(ids)) == 530
    conn.close()


def test_feedback_view_filters_and_searches(qtbot, settings_home, filled_workspace):
    from ui.main_window import MainWindow

    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=10_000)
    view.search.setText("配送")
    view.apply_filter()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert "配送太慢了" in view.detail.toPlainText()
    view.search.setText("")
    view.band.setCurrentIndex(view.band.findData("low"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: view.count_label.text() == "2 items", timeout=10_000)  # counted after the page
    view.band.setCurrentIndex(0)
    view.segment.setCurrentIndex(max(0, view.segment.findText("plan: free")))
    qtbot.waitUntil(lambda: view.model.rowCount() in (2, 4), timeout=10_000)
    view.segment.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.count_label.text() == "4 items", timeout=10_000)


def test_feedback_view_filters_by_sentiment(qtbot, settings_home, filled_workspace):
    from triage_app.domain import drive
    from triage_app.services.sentiment import score_items
    from ui.main_window import MainWindow

    with Workspace(filled_workspace) as ws:
        drive(score_items(ws.conn))  # scores 2 and 1 are negative, 5 and 4 positive (ratings outrank text)
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=10_000)
    view.sentiment.setCurrentIndex(view.sentiment.findData("negative"))
    qtbot.waitUntil(lambda: view.count_label.text() == "2 items", timeout=10_000)
    texts = {view.model.data(view.model.index(r, 4)) for r in range(view.model.rowCount())}
    assert any("Excel is broken" in t for t in texts) and any("配送太慢了" in t for t in texts)
    view.sentiment.setCurrentIndex(view.sentiment.findData("positive"))
    qtbot.waitUntil(lambda: view.count_label.text() == "2 items", timeout=10_000)
    texts = {view.model.data(view.model.index(r, 4)) for r in range(view.model.rowCount())}
    assert any("Love the new dashboard" in t for t in texts)


def test_import_wizard_end_to_end(qtbot, settings_home, tmp_path):
    from ui.main_window import MainWindow

    data = tmp_path / "export.csv"
    data.write_text(CSV, encoding="utf-8")
    window = MainWindow(tmp_path / "empty.triage")
    qtbot.addWidget(window)
    wizard = window.show_import_wizard([str(data)])
    assert wizard.files == [str(data)]
    wizard.next()  # -> preview
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    preview = wizard.previews[str(data)]
    assert preview.format == "generic" and preview.error is None
    assert wizard.preview_page.preview_model.rowCount() == 4
    assert wizard.preview_page.mapping_combos["text"].currentData() == "comment"
    wizard.next()  # -> import (commit)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    file, result, error = wizard.results[0]
    assert error is None and result.added == 4
    assert "4" in wizard.summary_page.text.toPlainText()
    wizard.accept()
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == 4, timeout=10_000)


def test_wizard_shows_a_broken_file_without_importing(qtbot, settings_home, tmp_path):
    from ui.main_window import MainWindow

    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    window = MainWindow(tmp_path / "w2.triage")
    qtbot.addWidget(window)
    wizard = window.show_import_wizard([str(bad)])
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    assert "broken.xlsx" in wizard.previews[str(bad)].error
    assert not wizard.preview_page.isComplete()


def test_first_run_opens_the_demo_workspace(qtbot, settings_home, monkeypatch):
    import ui.app as app_module

    monkeypatch.setattr(app_module, "demo_workspace_path", lambda: settings_home / "demo.triage")
    from ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(MainWindow, "run_analysis", lambda self: setattr(self, "_auto_analysis", True))
    window.open_demo()
    assert (settings_home / "demo.triage").exists()
    assert window._auto_analysis  # a new demo gets its themes in the background
    qtbot.waitUntil(lambda: window.feedback.model.total > 1000, timeout=30_000)
    assert "demo.triage" in window.windowTitle()


def test_set_status_of_selected_items_is_kept_in_history(qtbot, settings_home, filled_workspace, monkeypatch):
    from triage_app.store import queries
    from ui.main_window import MainWindow
    from ui.status_dialog import StatusDialog

    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=10_000)
    view.table.selectRow(0)
    chosen = view.selected_item_ids()
    monkeypatch.setattr(StatusDialog, "exec", lambda self: StatusDialog.DialogCode.Accepted)
    monkeypatch.setattr(StatusDialog, "values", lambda self: ("planned", "roadmap Q3"))
    window.set_status_of_selection()
    qtbot.waitUntil(lambda: queries.get_item(window.ws.conn, chosen[0])["status"] == "planned", timeout=10_000)
    item = queries.get_item(window.ws.conn, chosen[0])
    assert item["status"] == "planned"
    assert item["status_history"][-1]["note"] == "roadmap Q3" and item["status_history"][-1]["origin"] == "user"


def test_export_follows_the_current_filter(qtbot, settings_home, filled_workspace, tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    from ui.main_window import MainWindow

    out = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    view = window.feedback
    view.search.setText("dashboard")
    view.apply_filter()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    window.export_items()
    qtbot.waitUntil(lambda: out.exists(), timeout=10_000)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == ["Love the new dashboard"]


def _add_theme(path, label, item_ids, status="new"):
    import json

    with Workspace(path) as ws:
        now = "2024-03-05T00:00:00+00:00"
        cur = ws.conn.execute(
            "INSERT INTO themes (label, keywords, quotes, status, size, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            (label, json.dumps(["export", "excel"]), json.dumps(item_ids[:2]), status, len(item_ids), now, now))
        for item_id in item_ids:
            ws.conn.execute("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)", (item_id, cur.lastrowid))
        return cur.lastrowid


def test_theme_board_model_and_status(qtbot, qtmodeltester, settings_home, filled_workspace, monkeypatch):
    from triage_app.store import Workspace as W
    from ui.main_window import MainWindow
    from ui.status_dialog import StatusDialog

    theme_id = _add_theme(filled_workspace, "Export problems", [1, 3])
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=20_000)
    qtmodeltester.check(board.model)
    assert board.model.themes[0].label == "Export problems"
    assert "Export problems" in board.detail.toHtml()
    assert "2 unassigned" in board.summary.text()
    board.select_row(0)
    monkeypatch.setattr(StatusDialog, "exec", lambda self: StatusDialog.DialogCode.Accepted)
    monkeypatch.setattr(StatusDialog, "values", lambda self: ("planned", "Q3"))
    window.edit_themes("status")
    qtbot.waitUntil(lambda: board.model.themes and board.model.themes[0].status == "planned", timeout=20_000)
    with W(filled_workspace) as ws:
        assert ws.conn.execute("SELECT status FROM themes WHERE id=?", (theme_id,)).fetchone()[0] == "planned"
    view = window.feedback
    view.theme.setCurrentIndex(view.theme.findData(theme_id))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)


def test_theme_board_shows_the_tree_and_edits_both_levels(qtbot, qtmodeltester, settings_home, filled_workspace,
                                                          monkeypatch):
    """A top-level theme with two sub-themes and a lone theme: the tree, its order, expanding, the
    detail's sub-theme list, and a rename of a sub-theme and a move to the top level from the board."""
    from PySide6.QtWidgets import QInputDialog

    from triage_app.store import themes as tq
    from ui.main_window import MainWindow

    a = _add_theme(filled_workspace, "Slow exports", [1])
    b = _add_theme(filled_workspace, "Broken exports", [3])
    lone = _add_theme(filled_workspace, "Login", [2])
    with Workspace(filled_workspace) as ws:
        parent = tq.insert_theme(ws.conn, label="Exports", keywords=["export"])
        for child in (a, b):
            tq.update_theme(ws.conn, child, parent_id=parent)
        tq.refresh_sizes(ws.conn)
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)
    qtmodeltester.check(board.model)
    top = board.model.index_of(parent)
    assert top.isValid() and not top.parent().isValid() and board.model.rowCount(top) == 2
    assert {board.model.theme(board.model.index(r, 0, top)).id for r in range(2)} == {a, b}
    assert board.model.index_of(lone).isValid() and board.model.rowCount(board.model.index_of(lone)) == 0
    assert board.model.theme(top).size == 2  # the sum of its sub-themes
    board.table.expand(top)
    board.select_index(top)
    assert "Slow exports" in board.detail.toHtml() and "Broken exports" in board.detail.toHtml()
    board.select_index(board.model.index_of(a))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Exports take minutes", True))
    window.edit_themes("rename")
    qtbot.waitUntil(lambda: any(t.label == "Exports take minutes" for t in board.model.themes), timeout=20_000)
    assert board.table.isExpanded(board.model.index_of(parent))  # kept open across the refresh
    board.select_index(board.model.index_of(b))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kw: (args[3][0], True))  # "(top level)"
    window.edit_themes("parent")
    qtbot.waitUntil(lambda: board.model.rowCount() == 3, timeout=20_000)
    window.undo()
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=20_000)


def test_run_analysis_cancel_then_complete_and_undo_a_merge(qtbot, settings_home, tmp_path, monkeypatch):
    """Analysis from the window (fast static model), cancelled first, then run to the end; a merge
    shows in the feedback table's theme filter, and undo brings the theme back."""
    from PySide6.QtWidgets import QMessageBox

    from triage_app.demo import build_demo_workspace
    from triage_app.services import analysis as analysis_service
    from ui.main_window import MainWindow

    path = tmp_path / "demo.triage"
    build_demo_workspace(path, seed=3)
    monkeypatch.setattr(analysis_service, "workspace_model", lambda ws: "static")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.run_analysis()
    window.jobs.cancel("analysis")
    qtbot.waitUntil(lambda: window.themes.run_button.isEnabled(), timeout=120_000)
    assert "cancelled" in window.statusBar().currentMessage() or window.themes.model.rowCount() > 0
    window.run_analysis()
    qtbot.waitUntil(lambda: "Analysis finished" in window.statusBar().currentMessage(), timeout=300_000)
    qtbot.waitUntil(lambda: window.themes.model.rowCount() >= 3, timeout=30_000)
    before = window.themes.model.rowCount()
    window.themes.select_row(0)
    window.themes.table.selectionModel().select(window.themes.model.index(1, 0),
                                                window.themes.table.selectionModel().SelectionFlag.Select
                                                | window.themes.table.selectionModel().SelectionFlag.Rows)
    ids = window.themes.selected_theme_ids()
    window.edit_themes("merge")
    qtbot.waitUntil(lambda: window.themes.model.rowCount() == before - 1, timeout=30_000)
    view = window.feedback
    qtbot.waitUntil(lambda: view.theme.findData(ids[1]) == -1 and view.theme.findData(ids[0]) >= 0, timeout=30_000)
    window.undo()
    qtbot.waitUntil(lambda: window.themes.model.rowCount() == before, timeout=30_000)


def test_dashboard_draws_the_briefing_charts_and_exports_one(qtbot, settings_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from triage_app.demo import build_demo_workspace
    from ui.main_window import MainWindow

    path = tmp_path / "demo.triage"
    build_demo_workspace(path, seed=5)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: len(window.dashboard._canvases) >= 3, timeout=60_000)
    fig = window.dashboard._canvases[0].figure
    assert any(ax.has_data() for ax in fig.get_axes())
    out = tmp_path / "chart.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "SVG drawing (*.svg)"))
    window.dashboard.export_chart(fig, "chart")
    assert out.exists() and out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    # the dashboard follows the Feedback screen's source filter (and says so)
    view = window.feedback
    view.source.setCurrentIndex(view.source.findData("google_play"))
    assert window.dashboard.scope.source == "google_play"
    qtbot.waitUntil(lambda: window.dashboard.state.text().startswith("Filtered like the Feedback screen"), timeout=60_000)
    window.dashboard.follow.setChecked(False)
    qtbot.waitUntil(lambda: "charts ·" in window.dashboard.state.text()
                    and "Filtered" not in window.dashboard.state.text(), timeout=60_000)


def test_a_damaged_workspace_offers_its_last_backup(qtbot, settings_home, filled_workspace, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from triage_app.services.health import safety_backup
    from triage_app.store.backups import list_backups
    from ui.main_window import MainWindow

    backup = safety_backup(filled_workspace)
    assert backup is not None and backup.stat().st_mode & 0o777 == 0o600
    assert safety_backup(filled_workspace) is None  # one a day
    with open(filled_workspace, "r+b") as fh:  # a damaged header
        fh.write(b"garbage garbage!")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    assert asked and "not a Feedback Triage workspace" in asked[0] and "Restore the last backup" in asked[0]
    assert window.ws is not None
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == 4, timeout=10_000)
    damaged = [p for p in filled_workspace.parent.glob(filled_workspace.name + ".damaged.*")
               if not p.name.endswith(("-wal", "-shm"))]
    assert len(damaged) == 1 and damaged[0].read_bytes().startswith(b"garbage garbage!")
    assert list_backups(filled_workspace)  # the backup itself is kept


def test_a_second_window_sees_the_first_windows_change(qtbot, settings_home, filled_workspace):
    from triage_app.services.status import set_status
    from ui.main_window import MainWindow

    first, second = MainWindow(filled_workspace), MainWindow(filled_workspace)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.feedback.count_label.text() == "4 items", timeout=10_000)
    second.feedback.status.setCurrentIndex(second.feedback.status.findData("new"))
    qtbot.waitUntil(lambda: second.feedback.count_label.text() == "4 items", timeout=10_000)
    set_status(first.ws.conn, "item:1", "planned", "from the first window")
    # the second window notices within its check interval and shows the current content
    qtbot.waitUntil(lambda: second.feedback.model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: "changed by another window" in second.statusBar().currentMessage(), timeout=10_000)
    # the filter choices are re-read in a worker too: they follow shortly after the rows
    qtbot.waitUntil(lambda: "planned" in [second.feedback.status.itemData(i)
                                          for i in range(second.feedback.status.count())], timeout=10_000)


def test_dark_appearance_is_applied_and_remembered(qtbot, settings_home, filled_workspace):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from ui import appearance
    from ui.main_window import MainWindow

    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    window.set_appearance("dark")
    try:
        qtbot.waitUntil(lambda: appearance.is_dark(window), timeout=5_000)  # palette changes arrive as events
        assert appearance.accent(window) == appearance.ACCENT_ON_DARK
        text = QApplication.palette().color(QPalette.ColorRole.Text)
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        assert text.lightness() - base.lightness() > 150  # readable: light text on a dark base
        again = MainWindow(filled_workspace)  # a new window (or the next start) keeps the choice
        qtbot.addWidget(again)
        assert appearance.is_dark()
    finally:
        window.set_appearance("light")
    qtbot.waitUntil(lambda: not appearance.is_dark(window), timeout=5_000)


def test_workspace_settings_weights_mapping_and_privacy(qtbot, settings_home, tmp_path):
    from triage_app.services import metrics, privacy
    from triage_app.services import status as status_service
    from ui.main_window import MainWindow

    issues = tmp_path / "issues.json"
    issues.write_text(
        '[{"number": 1, "title": "Crash on start", "body": "mail me at jane.doe@example.com", "state": "closed",'
        ' "state_reason": "not_planned", "created_at": "2024-03-01T10:00:00Z", "closed_at": "2024-03-02T10:00:00Z",'
        ' "user": {"login": "jane"}, "html_url": "https://github.com/o/r/issues/1"},'
        ' {"number": 2, "title": "Slow sync", "body": "sync is slow", "state": "open",'
        ' "created_at": "2024-03-03T10:00:00Z", "user": {"login": "li"}, "html_url": "https://github.com/o/r/issues/2"}]',
        encoding="utf-8")
    path = tmp_path / "s.triage"
    with Workspace(path) as ws:
        run_import(ws, issues)
    window = MainWindow(path)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    dialog = window.open_settings()
    dialog.weights["volume"].setValue(0.6)
    dialog.source_weights["github"].setValue(2.0)
    rows = {r["source_state"]: i for i, r in enumerate(dialog.mapping_rows)}
    closed = next(s for s in rows if s and s.startswith("closed"))
    combo = dialog.mapping_combos[rows[closed]]
    combo.setCurrentIndex(combo.findData("duplicate"))
    dialog.redact_display.setChecked(True)
    dialog.accept()
    conn = window.ws.conn
    assert window.jobs.wait_for_writes()  # the settings are written by the runner's writer, off the UI thread
    assert metrics.weights(conn)["volume"] == 0.6 and metrics.source_weights(conn)["github"] == 2.0
    assert privacy.load_settings(conn).redact_display
    assert any(r["maps_to"] == "duplicate" and r["overridden"] for r in status_service.mapping_table(conn))
    qtbot.waitUntil(  # items are re-mapped in a worker
        lambda: conn.execute("SELECT status FROM items WHERE external_id LIKE '%1'").fetchone()[0] == "duplicate",
        timeout=10_000)
    # the views now hide personal data; the stored text keeps it
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    shown = [view.model.data(view.model.index(r, 4)) for r in range(2)]
    assert any("[EMAIL]" in t for t in shown) and not any("jane.doe@" in t for t in shown)
    assert conn.execute("SELECT count(*) FROM items WHERE text LIKE '%jane.doe@example.com%'").fetchone()[0] == 1


def test_chinese_ui_translates_qt_own_buttons_too(qtbot, settings_home):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from ui import app as app_module

    settings = QSettings(str(settings_home / "lang.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "zh_CN")
    app = QApplication.instance()
    app_module._install_translation(app, settings)
    try:
        assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"  # Qt's own dialog buttons
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"  # ours
    finally:
        for attr in ("_translation", "_qt_translation"):
            translator = getattr(app, attr, None)
            if translator is not None:
                app.removeTranslator(translator[0] if isinstance(translator, tuple) else translator)
                delattr(app, attr)


def test_rice_inputs_from_the_theme_board_set_the_rice_priority(qtbot, settings_home, filled_workspace):
    from triage_app.services import metrics
    from ui.main_window import MainWindow

    theme_id = _add_theme(filled_workspace, "Export problems", [1, 3])  # items 1 and 3: two people
    window = MainWindow(filled_workspace)
    qtbot.addWidget(window)
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=20_000)
    metrics.save_priority_settings(window.ws.conn, scheme="rice")
    board.select_row(0)
    from ui.theme_actions import edit_rice  # what the board's RICE… button opens

    dialog = edit_rice(window, board.model.themes[0])
    dialog.impact.setCurrentIndex(dialog.impact.findData(3.0))
    dialog.confidence.setCurrentIndex(dialog.confidence.findData(0.5))
    dialog.effort.setValue(2.0)
    dialog.accept()  # written in a worker
    qtbot.waitUntil(lambda: metrics.rice_inputs(window.ws.conn, theme_id) == {"impact": 3.0, "confidence": 0.5,
                                                                             "effort": 2.0}, timeout=10_000)
    expected = round(2 * 3.0 * 0.5 / 2.0, 2)  # reach (distinct people) x impact x confidence / effort
    qtbot.waitUntil(lambda: board.model.themes and board.model.themes[0].priority == expected, timeout=20_000)
    assert board.model.themes[0].factors["effort"] == 2.0
    metrics.set_rice_inputs(window.ws.conn, theme_id, {"impact": None, "confidence": None, "effort": None})
    assert metrics.rice_inputs(window.ws.conn, theme_id) == {}  # back to automatic

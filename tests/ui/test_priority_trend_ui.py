"""The theme board and dashboard on short-span and undated data; the votes weight in the settings."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from triage_app.services.importing import run_import  # noqa: E402
from triage_app.store import Workspace  # noqa: E402
from triage_app.store import themes as tq  # noqa: E402
from triage_app.store.queries import transaction  # noqa: E402

ROWS = [("The export to Excel is broken", 2), ("Excel export fails again", 1), ("Love the new dashboard", 5),
        ("The dashboard is great, love it", 5), ("Dashboard looks lovely", 5)]


def _workspace(tmp_path, dated: bool):
    head = "id,comment,score" + (",created" if dated else "")
    lines = [head] + [f"{i},{text},{score}" + (f",2024-03-0{1 + i} 10:00" if dated else "")
                      for i, (text, score) in enumerate(ROWS)]
    data = tmp_path / "f.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / ("dated.triage" if dated else "undated.triage")
    with Workspace(path) as ws:
        run_import(ws, data)
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "test", 1, {})
            export = tq.insert_theme(ws.conn, label="Export", keywords=["export"], created_run_id=run, updated_run_id=run)
            board = tq.insert_theme(ws.conn, label="Dashboard", keywords=["dashboard"], created_run_id=run,
                                    updated_run_id=run)
            tq.set_assignments(ws.conn, [(item_id, export if "xport" in text else board, 0.9, "model", run)
                                         for item_id, _, _, _, text in tq.items_for_analysis(ws.conn)])
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
    return path


def _board(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.themes.model.rowCount() == 2, timeout=20_000)
    return window


def test_short_span_board_counts_by_day_and_lists_what_people_love(qtbot, qtmodeltester, settings_home, tmp_path):
    from PySide6.QtCore import Qt

    from ui.themes_view import COLUMNS

    window = _board(qtbot, _workspace(tmp_path, dated=True))
    model = window.themes.model
    qtmodeltester.check(model)
    trend = COLUMNS.index("trend")
    assert model.headerData(trend, Qt.Orientation.Horizontal) == "Last 5 days"
    assert model.themes[0].label == "Export"  # the praised, larger theme ranks below the problem
    assert sum(model.data(model.index(0, trend), Qt.ItemDataRole.UserRole)) == 2
    assert "Items per day" in model.data(model.index(0, trend), Qt.ItemDataRole.ToolTipRole)
    assert "Dashboard" in window.themes.loved.toPlainText() and not window.themes.loved.isHidden()
    window.themes.select_row(1)
    # the days the header says ("Last 5 days"), not 4.x elapsed
    assert "Growth is neutral: the data spans 5 days" in window.themes.detail.toPlainText()
    assert "100% of this theme's items are praise" in window.themes.detail.toPlainText()


def test_undated_board_says_no_dates_and_the_dashboard_steps_aside(qtbot, settings_home, tmp_path):
    from PySide6.QtCore import Qt

    from ui.themes_view import COLUMNS

    window = _board(qtbot, _workspace(tmp_path, dated=False))
    model = window.themes.model
    trend = COLUMNS.index("trend")
    assert model.headerData(trend, Qt.Orientation.Horizontal) == "Trend"
    assert model.data(model.index(0, trend)) == "no dates"
    assert window.themes.table.isColumnHidden(trend) and "no dates, so no trend" in window.themes.summary.text()
    assert "no dates" in window.themes.detail.toPlainText().lower()
    window.show()
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: any(n.objectName() == "notice-undated" for n in window.dashboard.notices),
                    timeout=60_000)
    qtbot.waitUntil(lambda: len(window.dashboard._canvases) == 2, timeout=60_000)
    figures = [c.figure for c in window.dashboard._canvases if hasattr(c, "figure")]
    assert len(figures) == 2  # themes by priority and sentiment: the charts that need no dates
    assert all(any(ax.has_data() for ax in f.get_axes()) for f in figures)


def test_settings_show_the_votes_weight(qtbot, settings_home, tmp_path):
    from triage_app.services import metrics

    window = _board(qtbot, _workspace(tmp_path, dated=True))
    dialog = window.open_settings()
    spin = dialog.weights["votes"]
    assert spin.value() == 0.10 and "reactions" in spin.toolTip()
    spin.setValue(0.3)
    dialog.accept()  # saved in a worker
    qtbot.waitUntil(lambda: metrics.weights(window.ws.conn)["votes"] == 0.3, timeout=10_000)

"""One span, said one way: the board's sparkline header, the growth note and the dashboard's "All
time (N days)" all count the calendar days of services.data_span (session 9: "Last 9 days", "8.2
days" and 10 days for the same data); the briefing reads the span once. Hand-written CSV."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import briefing
from triage_app.services.data_span import calendar_days, data_span
from triage_app.services.importing import run_import
from triage_app.services.theme_board import load_board
from triage_app.store import metrics_queries as mq
from triage_app.store import themes as tq
from triage_app.store.queries import transaction

# 8.2 days of data that starts late in the evening: 10 calendar days (1st to 10th), 9 whole-day windows
START = datetime(2025, 3, 1, 22, tzinfo=timezone.utc)
ELAPSED_DAYS = 8.2


def _build(workspace, write_file):
    rows = ["id,text,created_at"]
    for i in range(41):
        when = START + timedelta(days=ELAPSED_DAYS * i / 40)
        rows.append(f"r{i},\"the app crashes when I open a photo ({i})\",{when.isoformat()}")
    run_import(workspace, write_file("items.csv", "\n".join(rows) + "\n"), ImportOptions())
    conn = workspace.conn
    with transaction(conn):
        run_id = tq.create_run(conn, "test-keywords", 1, {})
        theme = tq.insert_theme(conn, label="Crashes", keywords=["crash"], created_run_id=run_id, updated_run_id=run_id)
        tq.set_assignments(conn, [(row[0], theme, 0.9, "model", run_id) for row in tq.items_for_analysis(conn)])
        tq.refresh_sizes(conn)
        tq.finish_run(conn, run_id, {})
    return conn


def test_calendar_days_counts_both_end_days():
    day = 86400
    assert calendar_days(None, 5.0) is None
    assert calendar_days(0, 0) == 1
    assert calendar_days(22 * 3600, 22 * 3600 + 8.2 * day) == 10  # late on day 1 to early on day 10
    assert calendar_days(0, day - 1) == 1 and calendar_days(0, day) == 2


def test_board_growth_note_and_dashboard_say_the_same_days(workspace, write_file):
    conn = _build(workspace, write_file)
    days = data_span(conn).days()
    assert days == 10
    board = load_board(conn)
    assert board["trend_unit"] == "day" and len(board["trend_starts"]) == days  # "Last 10 days"
    assert sum(board["trend"][board["themes"][0].id]) == 41  # every item is in a window
    assert board["themes"][0].growth_note["span_days"] == days  # "the data spans 10 days"


def test_board_header_and_dashboard_all_time_say_the_same_days(qtbot, settings_home, workspace, write_file):
    import pytest

    pytest.importorskip("pytestqt")
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow
    from ui.themes_view import COLUMNS

    _build(workspace, write_file)
    window = MainWindow(workspace.path)
    qtbot.addWidget(window)
    model = window.themes.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=20_000)
    assert model.headerData(COLUMNS.index("trend"), Qt.Orientation.Horizontal) == "Last 10 days"
    window.tabs.setCurrentWidget(window.dashboard)
    assert window.dashboard.period.currentText() == "All time (10 days)"


def test_briefing_reads_the_span_once(workspace, write_file, monkeypatch):
    conn = _build(workspace, write_file)
    calls = []
    real = mq.created_span
    monkeypatch.setattr(mq, "created_span", lambda c: calls.append(1) or real(c))
    as_of = (START + timedelta(days=ELAPSED_DAYS, seconds=1)).isoformat()
    data = drive(briefing.gather(conn, briefing.BriefingRequest(period="30", as_of=as_of)))
    assert len(calls) == 1
    assert data["window"].covered_days == 10

"""Feedback types in the window: the Feedback screen's type and sentiment filters together, and the
theme board that ranks the themes to fix before mostly-praise ones (greyed, with a tooltip saying why)."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from triage_app.domain import drive  # noqa: E402
from triage_app.importers.source import ImportOptions  # noqa: E402
from triage_app.services.importing import run_import  # noqa: E402
from triage_app.services.sentiment import score_items  # noqa: E402
from triage_app.store import Workspace  # noqa: E402
from triage_app.store import themes as tq  # noqa: E402
from triage_app.store.queries import transaction  # noqa: E402

# id, created, text, type, sentiment, theme
ROWS = [(1, "Export crashes on big files", "bug", "neutral", "crash"),
        (2, "Please add a PDF export", "feature", "positive", "echo"),
        (3, "A dark mode would be lovely", "enhancement", "positive", "echo"),
        (4, "Dark mode please as the white hurts", "feature request", "negative", "echo"),
        (5, "Love the echo", "praise", "positive", "echo"),
        (6, "Great echo sound", "praise", "positive", "echo"),
        (7, "Best speaker ever", "kudos", "好评", "echo"),
        (8, "Echo sounds lovely at night", "praise", "positive", "echo"),
        (9, "How do I pair the echo?", "question", "neutral", "echo"),
        (10, "I use it in the kitchen and love it", "praise", "positive", "echo")]


@pytest.fixture
def workspace(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text("id,created,comment,kind,mood\n" + "".join(
        f"{i},2024-03-{i:02d} 10:00,{text},{kind},{mood}\n" for i, text, kind, mood, _ in ROWS), encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping={
            "id": "id", "created_at": "created", "text": "comment", "type": "kind", "sentiment": "mood"}))
        drive(score_items(ws.conn))
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "test", 1, {})
            ids = {k: tq.insert_theme(ws.conn, label=k.title(), keywords=[k], created_run_id=run, updated_run_id=run)
                   for k in ("crash", "echo")}
            items = [r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY id")]
            tq.set_assignments(ws.conn, [(i, ids[r[4]], 0.9, "model", run) for i, r in zip(items, ROWS)])
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
    return path


def test_type_and_sentiment_filters_combine(qtbot, settings_home, workspace):
    from ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=10_000)

    def texts():
        return sorted(view.model.data(view.model.index(r, 4)) for r in range(view.model.rowCount()))

    view.feedback_type.setCurrentIndex(view.feedback_type.findData("request"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    view.sentiment.setCurrentIndex(view.sentiment.findData("positive"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert texts() == ["A dark mode would be lovely", "Please add a PDF export"]
    view.feedback_type.setCurrentIndex(view.feedback_type.findData("praise"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=10_000)  # 好评 is positive
    view.sentiment.setCurrentIndex(view.sentiment.findData("negative"))
    qtbot.waitUntil(lambda: view.count_label.text() == "0 items", timeout=10_000)
    view.feedback_type.setCurrentIndex(0)
    view.sentiment.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=10_000)


def test_board_ranks_problems_first_and_greys_mostly_praise(qtbot, settings_home, workspace):
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow
    from ui.themes_view import COLUMNS

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    model = window.themes.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=20_000)
    labels = [model.data(model.index(r, 0)) for r in range(2)]
    priority = [float(model.data(model.index(r, COLUMNS.index("priority")))) for r in range(2)]
    assert labels == ["Crash", "Echo"] and priority[1] > priority[0]  # ranked first although it scores lower
    grey = model.data(model.index(1, COLUMNS.index("priority")), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert "Mostly praise (56%)" in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert "ranked after the themes to fix" in model.data(model.index(1, COLUMNS.index("priority")),
                                                          Qt.ItemDataRole.ToolTipRole)
    assert "Echo" in window.themes.loved.toPlainText()

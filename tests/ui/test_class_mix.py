"""Feedback type in the desktop app: the Feedback screen's type filter and the theme detail's mix, in
English and Chinese."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from triage_app.domain import drive  # noqa: E402
from triage_app.importers.source import ImportOptions  # noqa: E402
from triage_app.services.importing import run_import  # noqa: E402
from triage_app.services.sentiment import score_items  # noqa: E402
from triage_app.store import Workspace  # noqa: E402

CSV = ("id,created,comment,kind\n"
       "1,2024-03-01 10:00,The export to Excel is broken,bug\n"
       "2,2024-03-02 11:00,Love the new dashboard,praise\n"
       "3,2024-03-03 12:00,配送太慢了，饭菜都凉了,问题\n"
       "4,2024-03-04 13:00,Dark mode please,enhancement\n"
       "5,2024-03-05 14:00,How do I export a report?,\n")


@pytest.fixture
def typed_workspace(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text(CSV, encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping={
            "id": "id", "created_at": "created", "text": "comment", "type": "kind"}))
        drive(score_items(ws.conn))
    return path


def test_feedback_view_filters_by_type(qtbot, settings_home, typed_workspace):
    from ui.main_window import MainWindow

    window = MainWindow(typed_workspace)
    qtbot.addWidget(window)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=10_000)
    assert [view.feedback_type.itemData(i) for i in range(view.feedback_type.count())] == [
        None, "problem", "request", "question", "praise", "other"]
    view.feedback_type.setCurrentIndex(view.feedback_type.findData("problem"))
    qtbot.waitUntil(lambda: view.count_label.text() == "2 items", timeout=10_000)
    texts = {view.model.data(view.model.index(r, 4)) for r in range(view.model.rowCount())}
    assert any("Excel is broken" in t for t in texts) and any("配送太慢了" in t for t in texts)
    view.feedback_type.setCurrentIndex(view.feedback_type.findData("question"))  # from the text: no mapped value
    qtbot.waitUntil(lambda: view.count_label.text() == "1 items" or view.model.rowCount() == 1, timeout=10_000)
    assert "How do I export" in view.model.data(view.model.index(0, 4))


def test_theme_detail_shows_the_mix(qtbot):
    from ui.themes_view import render_theme

    from dataclasses import replace

    from triage_app.records import ThemeSummary

    theme = ThemeSummary(id=1, label="Export", keywords=["export"], quotes=[], size=4, status="new", hidden=False,
                         label_edited=False, parent_id=None, merged_into=None, items_total=4, priority=1.0,
                         sentiment_shares={"negative": 0.5, "neutral": 0.25, "positive": 0.25},
                         type_shares={"problem": 0.75, "praise": 0.25})
    page = render_theme(theme)
    assert "Problems 75%" in page and "Praise 25%" in page and "Negative 50%" in page
    assert "Request" not in page  # only the types present
    unscored = render_theme(replace(theme, sentiment_shares={}, type_shares={}))
    assert "Feedback type" not in unscored


def test_mix_in_chinese(qtbot):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ui.class_mix import render_mix

    translator = QTranslator()
    from importlib import resources

    assert translator.load(str(resources.files("resources.translations") / "triage_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        page = render_mix({"negative": 1.0}, {"request": 0.6, "question": 0.4})
        assert "负面 100%" in page and "需求 60%" in page and "提问 40%" in page and "反馈类型" in page
    finally:
        QCoreApplication.removeTranslator(translator)

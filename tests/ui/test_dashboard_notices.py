"""The dashboard says what would fill the panels that cannot apply, greets an empty workspace with
a first step, and scrolls with the mouse wheel over a chart."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from triage_app.services.importing import run_import  # noqa: E402
from triage_app.store import Workspace  # noqa: E402


def _window(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.tabs.setCurrentWidget(window.dashboard)
    return window


def test_empty_workspace_shows_a_first_step(qtbot, settings_home, tmp_path):
    path = tmp_path / "empty.triage"
    Workspace(path).close()
    window = _window(qtbot, path)
    qtbot.waitUntil(lambda: bool(window.dashboard.notices), timeout=30_000)
    assert "This workspace is empty. Import feedback" in window.dashboard.notices[0].text()
    assert window.dashboard._canvases == [] and "charts ·" not in window.dashboard.state.text()


def test_panels_without_data_say_what_would_fill_them(qtbot, settings_home, tmp_path):
    data = tmp_path / "f.csv"
    data.write_text("id,created,comment\n" + "".join(f"{i},2024-03-{1 + i % 20:02d} 10:00,comment {i}\n"
                                                     for i in range(40)), encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    window = _window(qtbot, path)
    qtbot.waitUntil(lambda: bool(window.dashboard.notices), timeout=30_000)
    texts = " | ".join(n.text() for n in window.dashboard.notices)
    assert "No satisfaction scores" in texts and "with a score column" in texts
    assert "No tracked items" in texts and "run the analysis" in texts


def test_undated_feedback_says_why_there_are_no_trends(qtbot, settings_home, tmp_path):
    data = tmp_path / "u.csv"
    data.write_text("comment\n" + "".join(f"comment number {i}\n" for i in range(30)), encoding="utf-8")
    path = tmp_path / "u.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    window = _window(qtbot, path)
    qtbot.waitUntil(lambda: bool(window.dashboard.notices), timeout=30_000)
    assert "None of the 30 items has a date" in window.dashboard.notices[0].text()


def test_mouse_wheel_over_a_chart_scrolls_the_dashboard(qtbot, settings_home, tmp_path):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QScrollArea

    from triage_app.demo import build_demo_workspace

    path = tmp_path / "demo.triage"
    build_demo_workspace(path, seed=5)
    window = _window(qtbot, path)
    qtbot.waitUntil(lambda: len(window.dashboard._canvases) >= 3, timeout=60_000)
    scroll = window.dashboard.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=10_000)
    assert bar.value() == 0
    canvas = window.dashboard._canvases[0]
    pos = QPointF(canvas.width() / 2, canvas.height() / 2)
    event = QWheelEvent(pos, QPointF(canvas.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)
    assert bar.value() > 0

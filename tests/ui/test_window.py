"""The window opens on a workspace and shows what it holds (offscreen)."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_window_shows_workspace_summary(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from ui.app import MainWindow

    data = tmp_path / "f.csv"
    data.write_text("id,comment\n1,Sync is slow\n2,配送太慢\n")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    assert "2 feedback items" in window.summary.text()
    assert "w.triage" in window.windowTitle()


def test_import_runs_in_a_worker_and_refreshes(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from PySide6.QtWidgets import QMessageBox

    from ui.app import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    data = tmp_path / "f.csv"
    data.write_text("id,comment\n1,Sync is slow\n2,Dark mode please\n3,Crash on start\n")
    window = MainWindow(tmp_path / "new.triage")
    qtbot.addWidget(window)
    assert "0 feedback items" in window.summary.text()
    window.run_imports([str(data)])
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "3 added" in shown[0]
    assert "3 feedback items" in window.summary.text()

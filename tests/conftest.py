"""Shared fixtures. Tests never need ../shared/data; the ones that use it skip when it is absent."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))
# the drivers the reliability tests share with the benchmarks (bench/harness); appended, so nothing
# in bench/ shadows a test module
sys.path.append(str(ROOT / "bench"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def shared_file(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test when it is not there."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


@pytest.fixture
def workspace(tmp_path):
    from triage_app.store import Workspace

    ws = Workspace(tmp_path / "test.triage")
    yield ws
    ws.close()


@pytest.fixture
def themed_workspace(tmp_path):
    """themed_workspace(csv_text, {label: item ids}) -> the path of a workspace holding the CSV's items,
    assigned to hand-made themes (no analysis: UI tests of theme work start from a known board)."""
    import json

    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    def make(csv_text: str, themes: dict[str, tuple[int, ...]]) -> Path:
        data = tmp_path / "f.csv"
        data.write_text(csv_text, encoding="utf-8")
        path = tmp_path / "w.triage"
        with Workspace(path) as ws:
            run_import(ws, data)
            now = "2024-03-05T00:00:00+00:00"
            for label, items in themes.items():
                cur = ws.conn.execute("INSERT INTO themes (label, keywords, quotes, size, created_at, updated_at)"
                                      " VALUES (?,?,?,?,?,?)", (label, json.dumps(["x"]), "[]", len(items), now, now))
                ws.conn.executemany("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)",
                                    [(i, cur.lastrowid) for i in items])
        return path

    return make


@pytest.fixture
def write_file(tmp_path):
    """write_file(name, text_or_bytes, encoding='utf-8') -> Path"""

    def write(name: str, content, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode(encoding)
        path.write_bytes(content)
        return path

    return write


@pytest.fixture
def settings_home(tmp_path, monkeypatch):
    """The app's settings and data folders in the test's own temporary folder (window tests)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture(autouse=True)
def _background_tasks_end_with_the_test():
    """Window tests start background tasks (ui.workers) in Qt's global thread pool. One still queued
    or running when its test ends would emit into objects the next test (or interpreter exit) has
    deleted: "Signal source has been deleted", then a crash. Each test waits for them, as the app
    does when it quits (ui.app)."""
    yield
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        qtcore.QThreadPool.globalInstance().waitForDone(30_000)
        app = qtcore.QCoreApplication.instance()
        if app is not None:
            app.processEvents()

"""The theme engine's compiled-cache marker and the app's background warm-up."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis import engine_cache


def test_marker_follows_library_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    assert not engine_cache.is_warm()
    engine_cache.mark_warm()
    assert engine_cache.is_warm()
    marker = tmp_path / "numba" / "warm.json"
    stale = json.loads(marker.read_text())
    stale["numba"] = "0.0.1"  # an upgrade: the compiled code no longer matches
    marker.write_text(json.dumps(stale))
    assert not engine_cache.is_warm()


def test_topics_and_marker_share_the_cache_folder(tmp_path, monkeypatch):
    from analysis.topics import numba_cache_dir

    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert str(engine_cache.cache_dir()) == numba_cache_dir()


def test_app_starts_the_warm_up_only_when_cold(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("pytestqt")
    from ui import engine_warmup

    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    engine_cache.mark_warm()
    assert engine_warmup.start_if_cold() is None
    program, args = engine_warmup.warm_up_command()
    # the command the app would start exists and says what it does
    assert args[-2:] == ["warm-up", "--background"]
    out = subprocess.run([program, *args[:-1], "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "code cache" in out.stdout


def test_warm_up_command_runs_in_the_background_and_marks_the_cache(tmp_path):
    """The real command with the machine's cache (built once per machine; later runs load it)."""
    out = subprocess.run([sys.executable, "-m", "triage_app", "warm-up", "--background"], capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "theme engine ready" in out.stdout
    assert engine_cache.is_warm()


def test_app_warm_up_runs_detached_when_the_cache_is_cold(qtbot):
    """A stale marker (an upgraded library) makes the app start the real warm-up, which marks the cache."""
    pytest.importorskip("pytestqt")
    import time

    from ui import engine_warmup

    marker = engine_cache.cache_dir() / "warm.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({**engine_cache.signature(), "numba": "0.0.1"}))
    assert not engine_cache.is_warm()
    pid = engine_warmup.start_if_cold()
    assert pid
    deadline = time.monotonic() + 300
    while not engine_cache.is_warm() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert engine_cache.is_warm()

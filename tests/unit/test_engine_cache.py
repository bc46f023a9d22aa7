"""The theme engine's compiled-cache marker and the app's background warm-up."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from triage_app import engine_cache


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


def test_the_cache_folder_is_the_apps_choice(tmp_path, monkeypatch):
    """NUMBA_CACHE_DIR when set, else the user's cache folder: decided by the core, given to analysis."""
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert engine_cache.cache_dir() == tmp_path / "feedback-triage" / "numba"
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert engine_cache.cache_dir() == tmp_path / "elsewhere"


def test_compiled_cache_writes_numba_code_where_it_is_told_and_restores_numba(tmp_path):
    """Inside ``compiled_cache`` a function numba compiles is cached in the given folder; afterwards
    numba's own decorators and cache folder are back (a function declared then is not cached)."""
    script = tmp_path / "jitted.py"
    script.write_text(
        "import sys, numba\n"
        "from numba.core import config\n"
        "from analysis.topics import compiled_cache\n"
        "before = (numba.njit, config.CACHE_DIR)\n"
        "with compiled_cache(sys.argv[1]):\n"
        "    @numba.njit\n"
        "    def f(x):\n"
        "        return x + 1\n"
        "@numba.njit\n"
        "def g(x):\n"
        "    return x + 2\n"
        "print(f(1), g(1), before == (numba.njit, config.CACHE_DIR), type(f._cache).__name__, type(g._cache).__name__)\n")
    out = subprocess.run([sys.executable, str(script), str(tmp_path / "numba")], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["2", "3", "True", "FunctionCache", "NullCache"]
    assert list((tmp_path / "numba").rglob("*.nbi"))  # the compiled code's index, in the folder given


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

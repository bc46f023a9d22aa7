"""Shared fixtures of the window tests."""
from __future__ import annotations

import pytest


@pytest.fixture
def settings_home(tmp_path, monkeypatch):
    """The app's settings and data folders in the test's own temporary folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path

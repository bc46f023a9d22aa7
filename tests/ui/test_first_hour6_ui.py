"""First hour, session 6 (window): the window and the briefing name sources alike."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_window_and_briefing_name_sources_alike():
    from triage_app.services.source_labels import SOURCE_NAMES
    from ui.format_names import SOURCE_NAMES as UI_NAMES

    assert UI_NAMES == SOURCE_NAMES

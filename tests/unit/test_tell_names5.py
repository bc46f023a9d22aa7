"""The "Tell people" update names every source as people know it, never the importer's id."""
from __future__ import annotations

from triage_app.importers import all_importers
from triage_app.services.source_labels import SOURCE_NAMES
from triage_app.services.tell import _source_names


def test_every_importer_has_a_readable_name_in_the_update():
    names = {imp.name for imp in all_importers()}
    missing = sorted(names - set(SOURCE_NAMES))
    assert not missing, missing
    assert _source_names([{"source_format": "google_forms"}, {"source_format": "github_cli"}]) == "Google Forms, GitHub"

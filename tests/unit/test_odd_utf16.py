"""A UTF-16 file cut on an odd byte past the encoding sample is refused with its name, never a crash
(found by tests/reliability/test_fuzz_importers.py)."""
from __future__ import annotations

import pytest

from triage_app.domain import ImportFailure
from triage_app.importers import choose_importer
from triage_app.importers.encoding import _decode_sample
from triage_app.importers.source import ImportOptions, SourceFile


def test_a_sample_ending_on_half_a_utf16_character_counts_as_undecodable():
    text, bad = _decode_sample("评论,ok\r\n".encode("utf-16-le") + b"\x00", "utf-16-le", final=True)
    assert text.startswith("评论,ok") and bad == 1


def test_an_odd_length_utf16_export_is_refused_with_its_name(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(("Date received,\x80\r\n" + '"' * 131_085).encode("utf-16-le") + b"\x00")
    try:
        choose_importer(SourceFile(path, ImportOptions()))
    except ImportFailure as exc:
        assert str(path) in str(exc)
    except UnicodeDecodeError as exc:  # pragma: no cover - the defect
        pytest.fail(f"crashed: {exc}")

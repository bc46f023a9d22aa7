"""Data exports: filters applied, formula-looking feedback comes out inert in CSV and XLSX,
personal data redacted by default."""
from __future__ import annotations

import csv
import zipfile

import pytest

from triage_app.services.exporting import ExportError, export_items, export_themes, neutralise
from triage_app.services.importing import run_import
from triage_app.store.item_queries import ItemFilter

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-3+4", "@SUM(A1:A2)", "\tTabbed", "\rReturn",
           "plain text, mail me at jane.doe@example.com"]


def _drive(gen):
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


@pytest.fixture
def hostile_workspace(workspace, write_file):
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "created", "comment", "status"])
    for i, text in enumerate(HOSTILE):
        writer.writerow([i, f"2024-01-0{i + 1}", text, "open" if i % 2 else "closed"])
    result = run_import(workspace, write_file("h.csv", buffer.getvalue()))
    assert result.added == len(HOSTILE)
    return workspace


def test_neutralise():
    assert [neutralise(t) for t in HOSTILE[:6]] == ["'" + t for t in HOSTILE[:6]]
    assert neutralise("fine") == "fine" and neutralise(3) == 3


def test_csv_cells_are_inert_and_filtered(hostile_workspace, tmp_path):
    out = tmp_path / "items.csv"
    result = _drive(export_items(hostile_workspace.conn, out))
    assert result.rows == len(HOSTILE)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = [r["text"] for r in rows]
    stored = [r[0] for r in hostile_workspace.conn.execute("SELECT text FROM items ORDER BY id")]
    risky = 0
    for original, written in zip(stored, texts):
        if original[0] in "=+-@\t\r":
            assert written == "'" + original
            risky += 1
        else:
            assert written[0] not in "=+-@\t\r"
    assert risky >= 4
    assert "jane.doe@example.com" not in texts[-1] and "[EMAIL]" in texts[-1]
    only_search = _drive(export_items(hostile_workspace.conn, tmp_path / "s.csv", ItemFilter(search="plain")))
    assert only_search.rows == 1


def test_xlsx_has_no_formulas(hostile_workspace, tmp_path):
    import openpyxl

    out = tmp_path / "items.xlsx"
    _drive(export_items(hostile_workspace.conn, out, redact_pii=False))
    with zipfile.ZipFile(out) as zf:
        sheet = next(n for n in zf.namelist() if n.startswith("xl/worksheets/"))
        xml = zf.read(sheet).decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml
    book = openpyxl.load_workbook(out)
    values = [c.value for c in book.active["I"][1:]]
    assert values[0] == HOSTILE[0] and book.active["I2"].data_type == "s"
    assert "jane.doe@example.com" in values[-1]  # --no-redact keeps it


def test_themes_export_and_bad_target(hostile_workspace, tmp_path):
    assert export_themes(hostile_workspace.conn, tmp_path / "t.csv").rows == 0
    with pytest.raises(ExportError, match=r"\.csv, \.xlsx or \.parquet"):
        _drive(export_items(hostile_workspace.conn, tmp_path / "x.pdf"))
    with pytest.raises(ExportError, match="no such folder"):
        _drive(export_items(hostile_workspace.conn, tmp_path / "missing" / "x.csv"))

"""CSV export formula protection (OWASP "CSV injection", issue 16): every hostile cell — formula
characters after blanks, invisible characters, quotes or newlines, in full-width forms, and ``;=``
inside a cell — comes out inert; XLSX cells stay strings; sheet titles are sanitised."""
from __future__ import annotations

import csv
import json
import unicodedata
import zipfile

from triage_app.importers.source import ImportOptions
from triage_app.services.exporting import export_items, neutralise, sheet_title
from triage_app.services.importing import run_import

_LEADS = ["", " ", "  ", "\u00a0", "\u200b", "\ufeff", "\u3000", "\n", "\r\n", '"', "'", " \u200b\u00a0", "\u2060",
          "\u202e", "\t ", "\u3164", "\u115f", "\u2800", "\u034f", "\u00ad", "\u2028"]
_STARTS = ["=", "+", "-", "@", "\t", "\r", "|", "%", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\uff5c", "\uff05"]
_PAYLOAD = "cmd|' /C calc'!A0"
_INNER = ["total;=1+1", "a ; =HYPERLINK(\"x\")", "see；＝SUM(A1)", "x;=cmd|'/C calc'!A0"]
HOSTILE = [lead + start + _PAYLOAD for lead in _LEADS for start in _STARTS] + _INNER
SAFE = ["plain text", "a, -b", "5 - 3 = 2", "email me", "100%", "x|y", "price: 3", "中文反馈"]


def _runs_as_formula(cell: str) -> bool:
    """What a spreadsheet would do with the cell: does its first visible character start a formula?"""
    if cell.startswith("'"):
        return False
    probe = unicodedata.normalize("NFKC", cell)
    probe = probe.lstrip("".join(chr(c) for c in range(0x21) if chr(c) not in "\t\r") + "\u00a0\u3000\u200b\ufeff\u2060\u202e\"'"
                         "\u3164\u115f\u2800\u034f\u00ad\u2028")
    if cell[:1] in ("\t", "\r"):
        return True
    return probe[:1] in ("=", "+", "-", "@", "|", "%", "\t", "\r")


def _inner_formula(cell: str) -> bool:
    return any(part.strip().startswith("=") for part in unicodedata.normalize("NFKC", cell).split(";")[1:])


def test_every_hostile_cell_is_neutralised():
    assert len(HOSTILE) >= 150
    for value in HOSTILE:
        out = neutralise(value)
        assert not _runs_as_formula(out), repr(value)
        assert not _inner_formula(out), repr(value)
        assert out.replace("'", "") == value.replace("'", "")  # nothing else changes
    for value in SAFE:
        assert neutralise(value) == value or value.startswith(("-", "%", "|"))
    assert neutralise("plain text") == "plain text" and neutralise("5 - 3 = 2") == "5 - 3 = 2"
    assert neutralise(None) is None and neutralise(7) == 7


def test_csv_export_of_hostile_cells(workspace, tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([{"id": f"h{i}", "text": v, "title": v} for i, v in enumerate(HOSTILE)]),
                    encoding="utf-8")
    result = run_import(workspace, path, ImportOptions(format="generic", mapping={"id": "id", "text": "text",
                                                                                 "title": "title"}))
    assert result.added == len(HOSTILE), result.rejected_rows
    out = tmp_path / "items.csv"
    gen = export_items(workspace.conn, out, redact_pii=False)
    for _ in gen:
        pass
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(HOSTILE)
    stored = dict(workspace.conn.execute("SELECT external_id, text FROM items"))
    for row in rows:
        for column in ("text", "title"):
            assert not _runs_as_formula(row[column]), (row["external_id"], row[column])
            assert not _inner_formula(row[column]), (row["external_id"], row[column])
        assert row["text"].replace("'", "") == stored[row["external_id"]].replace("'", "")


def test_xlsx_cells_stay_strings_and_sheet_titles_are_sanitised(workspace, tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([{"id": f"h{i}", "text": v} for i, v in enumerate(HOSTILE[:40])]), encoding="utf-8")
    run_import(workspace, path, ImportOptions(format="generic", mapping={"id": "id", "text": "text"}))
    out = tmp_path / "q1 [draft]? a:b.xlsx"
    for _ in export_items(workspace.conn, out, redact_pii=False):
        pass
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        book = z.read("xl/workbook.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere
    assert 'name="q1 _draft__ a_b"' in book
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")] == []
    assert sheet_title("[]?:*/\\") == "_______" and sheet_title("''") == "export" and len(sheet_title("x" * 40)) == 31

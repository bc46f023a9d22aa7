"""Hostile values are data: stored, searched, listed and exported exactly as written; user text
never becomes SQL."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest

from triage_app.importers.source import ImportOptions
from triage_app.services.exporting import neutralise
from triage_app.services.importing import run_import
from triage_app.store import queries

INJECTION = "'; DROP TABLE items; --"
HOSTILE = {
    "injection": INJECTION,
    "injection2": 'Robert"); DELETE FROM imports WHERE ("1"="1',
    "controls": "bell\x07 escape\x1b[31m backspace\x08 form\x0c vtab\x0b del\x7f",
    "rtl": "\u202eoverride\u202c \u0627\u0644\u062a\u0637\u0628\u064a\u0642 \u05e2\u05d1\u05e8\u05d9\u05ea \u200f",
    "emoji": "😀👍🏽👨‍👩‍👧‍👦🇨🇳 zero\u200bwidth",
    "cjk": "配送太慢了！！！外卖凉了😡",
    "formula": "=HYPERLINK(\"http://evil\",\"click\")",
    "fts_syntax": 'NEAR(a b) AND "x" OR * NOT ^col:',
    "newlines": "line1\r\nline2\n\nline4\rend",
    "ends": "  \t leading and trailing whitespace kept \r\n ",
    "nul": "before\x00after \x00",
    "mb": "x" * (1 << 20),
}


@pytest.fixture
def hostile_ws(workspace, tmp_path):
    path = tmp_path / "hostile.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "author", INJECTION])
        for key, value in HOSTILE.items():
            writer.writerow([key, value, value[:200], value[:100]])
    result = run_import(workspace, path, ImportOptions(format="generic", mapping={"id": "id", "text": "text",
                                                                                   "author": "author"}))
    assert result.added == len(HOSTILE), result.rejected_rows
    return workspace


def _ids(ws) -> dict[str, int]:
    return dict(ws.conn.execute("SELECT external_id, id FROM items").fetchall())


def test_stored_verbatim(hostile_ws):
    ids = _ids(hostile_ws)
    for key, value in HOSTILE.items():
        item = queries.get_item(hostile_ws.conn, ids[key])
        assert item["text"] == value, key  # verbatim, whitespace at the ends included
        assert item["author"] == value[:200].strip() or item["author"] == value[:200], key
    tables = {r[0] for r in hostile_ws.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"items", "imports"} <= tables
    assert hostile_ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    assert hostile_ws.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_injection_text_as_header_and_file_name(workspace, tmp_path):
    path = tmp_path / f"{INJECTION.replace('/', '_')}.csv"
    path.write_text(f'id,"{INJECTION.replace(chr(34), chr(34) * 2)}"\n1,hello\n', encoding="utf-8")
    result = run_import(workspace, path, ImportOptions(format="generic", mapping={"id": "id", "text": INJECTION}))
    assert result.added == 1
    assert workspace.conn.execute("SELECT file_name FROM imports").fetchone()[0] == path.name
    assert queries.stats(workspace.conn)["items"] == 1


def test_nul_bytes_and_huge_values_from_json(workspace, write_file):
    records = [{"id": "nul", "text": "before\u0000after"}, {"id": "big", "text": "配" * (1 << 20)},
               {"id": "inj", "text": INJECTION, "extra": {"nested": INJECTION}}]
    result = run_import(workspace, write_file("x.jsonl", "\n".join(json.dumps(r) for r in records)),
                        ImportOptions(format="generic"))
    assert result.added == 3
    ids = _ids(workspace)
    assert queries.get_item(workspace.conn, ids["nul"])["text"] == "before\x00after"
    assert queries.get_item(workspace.conn, ids["big"])["text"] == "配" * (1 << 20)
    assert queries.get_item(workspace.conn, ids["inj"])["text"] == INJECTION


@pytest.mark.parametrize("query", [INJECTION, HOSTILE["fts_syntax"], '"', "*", "配送", "😀", "\x00", "NOT", "-x"])
def test_search_with_hostile_queries_never_errors(hostile_ws, query):
    rows = queries.search_items(hostile_ws.conn, query)
    assert isinstance(rows, list)
    if query == "配送":
        assert [r["external_id"] for r in rows] == ["cjk"]


def test_cli_shows_hostile_text_verbatim_in_json(hostile_ws, tmp_path):
    out = subprocess.run([sys.executable, "-m", "triage_app", "search", "DROP", "-w", str(hostile_ws.path), "--json"],
                         capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["text"] for r in rows} >= {INJECTION}


def test_export_keeps_values_but_neutralises_formulas(hostile_ws, tmp_path):
    exporting = pytest.importorskip("triage_app.services.exporting")
    out = tmp_path / "out.csv"
    gen = exporting.export_items(hostile_ws.conn, out, None, False)
    try:
        while True:
            next(gen)
    except StopIteration:
        pass
    with open(out, encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert INJECTION in cells
    assert HOSTILE["formula"] not in cells  # neutralised: it must not start with "="
    assert any(c.endswith(HOSTILE["formula"]) for c in cells)
    assert HOSTILE["emoji"] in cells and HOSTILE["cjk"] in cells


@pytest.fixture
def hostile_json_ws(workspace, tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([{"id": k, "text": v, INJECTION: v[:50]} for k, v in HOSTILE.items()]), encoding="utf-8")
    result = run_import(workspace, path, ImportOptions(format="generic", mapping={"id": "id", "text": "text"}))
    assert result.added == len(HOSTILE), result.rejected_rows
    return workspace


def _cli(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "triage_app", *args], capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("fixture", ["hostile_ws", "hostile_json_ws"])
def test_imported_and_listed_verbatim(fixture, request):
    """CSV and JSON imports store every hostile value exactly; ``items --jsonl`` gives it back exactly."""
    ws = request.getfixturevalue(fixture)
    ids = _ids(ws)
    for key, value in HOSTILE.items():
        assert queries.get_item(ws.conn, ids[key])["text"] == value, key
    lines = _cli("items", "-w", str(ws.path), "--jsonl", "--no-redact").splitlines()  # verbatim: not redacted
    listed = {r["external_id"]: r["text"] for r in map(json.loads, lines)}
    assert listed == HOSTILE


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_cli_export_round_trips_hostile_values(hostile_ws, tmp_path, suffix):
    """``export`` writes every value as stored; in CSV formula-like cells get a neutralising prefix (XLSX
    writes them as string cells); XLSX drops the control characters XML 1.0 cannot hold and cuts
    cells at Excel's 32,767 characters."""
    out = tmp_path / f"out.{suffix}"
    done = subprocess.run([sys.executable, "-m", "triage_app", "export", "-w", str(hostile_ws.path), "-o", str(out),
                           "--no-redact"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    if suffix == "xlsx":  # the 1 MB cell is cut, and the user is told
        assert "longer than Excel's 32,767-character limit" in done.stderr
    if suffix == "csv":
        with open(out, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    else:
        import openpyxl

        book = openpyxl.load_workbook(out, read_only=True)
        cells = list(book.worksheets[0].iter_rows())
        rows = [["" if c.value is None else str(c.value) for c in r] for r in cells]
        assert all(c.data_type != "f" for r in cells for c in r)  # a string cell is never a formula
        book.close()
    header = rows[0]
    texts = {r[header.index("external_id")]: r[header.index("text")] for r in rows[1:]}
    for key, value in HOSTILE.items():
        if suffix == "xlsx":  # Excel's limits: no XML-illegal characters, at most 32,767 per cell
            value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)
            if len(value) > 32_767:
                kept, marker = texts[key].rsplit(" […", 1)
                assert len(texts[key]) == 32_767 and marker.endswith("export to CSV for the whole text]")
                assert value.startswith(kept)
                continue
        if suffix == "csv" and (key == "formula" or neutralise(value) != value):  # formula-like: an apostrophe first
            assert texts[key] != value and texts[key] == neutralise(value)
        else:
            assert texts[key] == value, key


def test_content_ids_ignore_surrounding_whitespace(tmp_path):
    """Rows without an id get a content id from the stripped text, as before texts were kept verbatim:
    re-importing an export into a workspace made by an older version finds the same items."""
    from triage_app.store import Workspace

    ids = []
    for name, cell in (("padded", '"  slow app \n"'), ("stripped", "slow app")):
        path = tmp_path / f"{name}.csv"
        path.write_text(f"created,comment\n2024-01-02,{cell}\n2024-01-03,{cell}\n", encoding="utf-8")
        ws = Workspace(tmp_path / f"{name}.triage")
        run_import(ws, path, ImportOptions(format="generic"))
        run_import(ws, path, ImportOptions(format="generic"))  # the same file again: nothing new
        ids.append(sorted(r[0] for r in ws.conn.execute("SELECT external_id FROM items")))
        ws.close()
    assert ids[0] == ids[1] and len(ids[0]) == 2

"""The generic importer's fast path (cells -> stored rows, no Item objects) and the general path
(cells -> Item -> prepare_item) give the same workspace, row for row, on every table."""
from __future__ import annotations

import json
import random

import pytest

from triage_app.importers.base import ContentIds
from triage_app.importers.source import ImportOptions
from triage_app.services import reading
from triage_app.services.importing import run_import
from triage_app.store import Workspace

# Columns that hold the wall-clock time of the run (or the absolute path of the test's folder).
VOLATILE = {"imports": {"started_at", "finished_at", "file_path"}}
SKIP_TABLES = {"meta", "schema_migrations"}


def _survey(rng: random.Random, rows: int, with_ids: bool, version: int, messy=lambda i: True,
            plain_dates: bool = False) -> str:
    """A survey table; rows where ``messy(i)`` may be irregular (bad dates or scores, no text,
    wrong cell counts), the others are regular (whole blocks of them take the column-wise path)."""
    lines = ["id,Submitted At,How likely are you to recommend us? (0-10),What could we improve?,Plan,Status,Tags,Author,Extra,Rating"]
    if not with_ids:
        lines[0] = lines[0].replace("id,", "", 1)
    words = "export slow crash login dark mode 配送 太慢 price support great".split()
    for i in range(rows):
        bad = messy(i)
        text = " ".join(rng.choices(words, k=rng.randint(0 if bad else 1, 9)))
        if i % 11 == 0:
            text = "Same comment again"  # repeated content: h:... and h:...#2 when there are no ids
        good_scores = ["9", "10", "0", "", " ", "7 - likely"]
        score = rng.choice(good_scores + (["11", "x"] if bad else []))
        good_dates = ["2024-03-01 10:00:00", f"2024-03-{1 + i % 28:02d}T08:30:00", "05/03/2024 10:15",
                      "2024-03-01T10:00:00+02:00", "", "1709287200", " 2024-03-02 11:00:00 "]
        if plain_dates:  # every cell a zone-less ISO time: the bulk date check
            good_dates = [f"2024-03-{1 + i % 28:02d} 08:{i % 60:02d}:00", f"2023-12-{1 + i % 30:02d}T23:59:59"]
        date = rng.choice(good_dates + (["not a date"] if bad else []))
        status = rng.choice(["Open", "closed", "", "In Progress"]) if version == 1 else rng.choice(["closed", "Done"])
        tags = rng.choice(["", "ui, export", "a;b|c", ",,"])
        extra = rng.choice(["", "x", '"quoted, value"'])
        cells = [date, score, json.dumps(text) if "," in text else text, rng.choice(["free", "team", ""]), status,
                 json.dumps(tags) if "," in tags else tags, rng.choice(["", "ann", "bob"]), extra,
                 rng.choice(["", "4", "5", "2"])]
        if with_ids:
            cells.insert(0, f"R{i % (rows - 7)}")  # some ids repeat within the file
        line = ",".join(cells)
        if bad and i % 37 == 5:
            line += ",one,too,many"  # rejected: more cells than headers
        if bad and i % 41 == 3:
            line = ",".join(cells[:3])  # fewer cells: padded
        lines.append(line)
    return "\n".join(lines) + "\n"


def _jsonl(rng: random.Random) -> str:
    out = []
    for i in range(60):
        out.append(json.dumps({"id": i % 50, "body": f"note {rng.randint(0, 5)}", "created": "2024-01-02T03:04:05Z",
                               "user": {"login": rng.choice(["a", "b"])}, "rating": rng.choice([1, 5, 9, None])}))
    out.insert(10, "{broken")
    out.insert(20, '{"id": 999, "body": "lone \\ud800 surrogate", "created": "2024-01-02T03:04:05Z"}')
    out.insert(30, '{"id": 998, "body": "fine", "user": {"login": "\\udc00"}}')
    return "\n".join(out) + "\n"


def _tables(ws: Workspace) -> dict[str, list[tuple]]:
    conn = ws.conn
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'items_fts%' AND name NOT LIKE 'sqlite_%'")]
    out = {}
    for name in names:
        if name in SKIP_TABLES:
            continue
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] not in VOLATILE.get(name, set())]
        order = ", ".join(str(i + 1) for i in range(len(cols)))  # the id first where there is one
        out[name] = conn.execute(f'SELECT {", ".join(cols)} FROM "{name}" ORDER BY {order}').fetchall()
    out["items_fts"] = conn.execute(
        "SELECT rowid FROM items_fts WHERE items_fts MATCH 'export OR crash OR note OR 配' ORDER BY rowid").fetchall()
    return out


def _import_all(tmp_path, name: str, files: list, fast: bool, monkeypatch) -> dict:
    monkeypatch.setattr(reading, "FAST_PATHS", fast)
    ws = Workspace(tmp_path / f"{name}.triage")
    try:
        results = []
        for path, options in files:
            result = run_import(ws, path, options)
            results.append({k: v for k, v in result.as_json().items() if k not in ("seconds", "file")})
        return {"results": results, "tables": _tables(ws)}
    finally:
        ws.close()


@pytest.mark.parametrize("with_ids", [True, False])
def test_fast_and_general_paths_give_identical_workspaces(tmp_path, write_file, monkeypatch, with_ids):
    rng = random.Random(11 if with_ids else 12)
    first = write_file("survey.csv", _survey(rng, 400, with_ids, 1))
    second = write_file("survey_v2.csv", _survey(random.Random(rng.random()), 450, with_ids, 2))
    tsv = write_file("survey.tsv", _survey(rng, 50, with_ids, 1).replace(",", "\t"))
    # mostly regular: blocks 0, 2 and 3 go column by column, block 1 row by row
    clean = write_file("clean.csv", _survey(rng, 2000, with_ids, 2, messy=lambda i: 600 <= i < 700, plain_dates=True))
    mapped = ImportOptions(mapping={"status": "Status", "labels": "Tags", "author": "Author", "score": "How likely are you to recommend us? (0-10)"})
    files = [(first, mapped), (second, mapped), (first, mapped), (tsv, None), (clean, mapped), (clean, None),
             (clean, ImportOptions(mapping={"title": "Plan", "link": "Extra", "source": "Author", "nps": "Rating",
                                                "score": "How likely are you to recommend us? (0-10)"}))]
    fast = _import_all(tmp_path, "fast", files, True, monkeypatch)
    general = _import_all(tmp_path, "general", files, False, monkeypatch)
    assert fast["results"] == general["results"]
    assert fast["results"][0]["rejected"] > 0 and fast["results"][0]["added"] > 100
    assert fast["results"][1]["updated"] > 0
    for table, rows in general["tables"].items():
        assert fast["tables"][table] == rows, table
    assert len(general["tables"]["rejected_rows"]) > 20 and len(general["tables"]["items"]) > 300


def test_fast_path_json_lines_with_bad_records(tmp_path, write_file, monkeypatch):
    path = write_file("notes.jsonl", _jsonl(random.Random(3)))
    files = [(path, ImportOptions(format="generic", mapping={"text": "body", "author": "user.login"}))]
    fast = _import_all(tmp_path, "fast", files, True, monkeypatch)
    general = _import_all(tmp_path, "general", files, False, monkeypatch)
    assert fast == general
    reasons = [r[-1] for r in general["tables"]["rejected_rows"]]
    assert any("cannot be stored" in r for r in reasons) and len(reasons) >= 3


def test_regular_blocks_take_the_column_wise_path(tmp_path, write_file):
    from triage_app.importers.generic import GenericImporter
    from triage_app.importers.generic_fast import _by_columns
    from triage_app.importers.source import SourceFile

    path = write_file("clean.csv", _survey(random.Random(5), 600, False, 1, messy=lambda i: i >= 512))
    source = SourceFile(path, ImportOptions(mapping={"status": "Status", "labels": "Tags", "author": "Author"}))
    importer = GenericImporter()
    headers = [h.strip() for h in source.preview_rows[0]]
    plan = importer._plan(source, headers, importer._mapping(source, headers, source.preview_rows[1:]))
    rows = [cells for _, cells in list(source.iter_rows())[1:]]
    assert _by_columns(plan, rows[:512], ContentIds()) is not None
    assert _by_columns(plan, rows[512:], ContentIds()) is None  # irregular rows: row by row


def test_reader_process_gives_the_same_workspace_and_stops_on_cancel(tmp_path, write_file, monkeypatch):
    """Large files are parsed in a spawned process (rows travel marshalled): same result as the thread."""
    import multiprocessing

    from triage_app.domain import CancelToken, Cancelled
    from triage_app.services.importing import import_file

    clean = write_file("clean.csv", _survey(random.Random(8), 3000, True, 1, messy=lambda i: 1000 <= i < 1100))
    files = [(clean, ImportOptions(mapping={"status": "Status", "labels": "Tags"}))]
    in_thread = _import_all(tmp_path, "thread", files, True, monkeypatch)
    monkeypatch.setattr(reading, "PROCESS_THRESHOLD_BYTES", 0)
    in_process = _import_all(tmp_path, "process", files, True, monkeypatch)
    assert in_process == in_thread

    ws = Workspace(tmp_path / "cancelled.triage")
    monkeypatch.setattr("triage_app.services.importing.BATCH", 500)
    cancel = CancelToken()
    with pytest.raises(Cancelled):
        for progress in import_file(ws, clean, None, cancel):
            if progress.stage == "importing":
                assert multiprocessing.active_children()  # the reader process is at work
                cancel.cancel()
    assert ws.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    assert not multiprocessing.active_children()
    ws.close()


@pytest.mark.parametrize("values", [
    ["2024-03-01 10:00:00", "2024-03-02T11:30:00", " 2024-03-03 09:15:00 "],
    ["2024-03-01 10:00:00", "2024-03-01T10:00+01", "2024-03-02 11:30:00"],  # 19 characters with a zone
    ["2024-03-01 10:00:00", "05/03/2024 10:15", ""],
    ["2024-03-01 10:00:00", "2024-02-30 10:00:00"],  # not a date
    ["2024-03-01 10:00:00", "2024-03-01 10:00:0x"],
])
@pytest.mark.parametrize("zone", [None, "Europe/Berlin"])
def test_dates_in_bulk_equal_one_by_one(values, zone):
    from triage_app.importers.dates import DateParser

    parser = DateParser(None, zone)
    try:
        expected = [parser(v) for v in values]
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)):
            parser.parse_many(values)
    else:
        assert parser.parse_many(values) == expected

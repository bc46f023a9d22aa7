"""The import pipeline end to end on files the tests write: dedupe, updates, rejects, failures,
cancel, and the full-text index (English and Chinese)."""
from __future__ import annotations

import json
import zipfile

import pytest

from triage_app.domain import CancelToken, Cancelled, ImportFailure
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import import_file, run_import
from triage_app.store import queries

SURVEY = """id,created,comment,plan,score
1,2024-03-01 10:00:00,The export to Excel is broken,team,3
2,2024-03-02 11:30:00,Love the new dashboard,free,5
3,2024-03-03 09:15:00,配送太慢了，饭菜都凉了,team,2
"""


def _counts(ws):
    return ws.conn.execute("SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM imports)").fetchone()


def test_generic_csv_lands_with_mapping_guessed(workspace, write_file):
    path = write_file("survey.csv", SURVEY)
    result = run_import(workspace, path)
    assert (result.format, result.added, result.rejected) == ("generic", 3, 0)
    rows = queries.list_items(workspace.conn)
    assert [r["external_id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["text"] == "The export to Excel is broken"
    assert rows[0]["created_at"] == "2024-03-01T10:00:00+00:00"
    assert rows[0]["rating"] == 3.0
    item = queries.get_item(workspace.conn, rows[0]["id"])
    assert item["attributes"] == {"plan": "team"}


def test_reimport_is_unchanged_and_overlap_updates(workspace, write_file):
    run_import(workspace, write_file("a.csv", SURVEY))
    again = run_import(workspace, write_file("a.csv", SURVEY))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    newer = SURVEY.replace("Love the new dashboard", '"Love the new dashboard, but it is slow"') + \
        "4,2024-03-04 08:00:00,Please add dark mode,free,4\n"
    overlap = run_import(workspace, write_file("b.csv", newer))
    assert (overlap.added, overlap.updated, overlap.unchanged) == (1, 1, 2)
    assert _counts(workspace)[0] == 4
    hits = queries.search_items(workspace.conn, "slow")
    assert [h["external_id"] for h in hits] == ["2"]
    assert queries.search_items(workspace.conn, "dashboard") and queries.count_search(workspace.conn, "dashboard") == 1


def test_row_with_an_unquoted_delimiter_is_rejected_not_misread(workspace, write_file):
    text = "id,comment,plan\n1,fine,team\n2,Love it, but slow,free\n3,trailing empty cells,team,,\n"
    result = run_import(workspace, write_file("ragged.csv", text))
    assert (result.added, result.rejected) == (2, 1)
    assert result.rejected_rows[0]["row"] == 3 and "4 cells" in result.rejected_rows[0]["reason"]


def test_same_id_twice_in_one_file_is_one_item(workspace, write_file):
    text = "id,comment\n7,first version\n8,other\n7,second version\n"
    result = run_import(workspace, write_file("d.csv", text))
    assert (result.added, result.duplicates_in_file) == (2, 1)
    texts = {r["external_id"]: r["text"] for r in queries.list_items(workspace.conn)}
    assert texts == {"7": "second version", "8": "other"}
    assert queries.count_search(workspace.conn, "version") == 1


def test_same_id_in_different_batches_is_one_item(workspace, write_file, monkeypatch):
    from triage_app.services import importing

    monkeypatch.setattr(importing, "BATCH", 2)
    text = "id,comment\n1,alpha\n2,beta\n3,gamma\n1,alpha again\n4,delta\n"
    result = run_import(workspace, write_file("e.csv", text))
    assert (result.added, result.duplicates_in_file) == (4, 1)
    texts = {r["external_id"]: r["text"] for r in queries.list_items(workspace.conn)}
    assert texts["1"] == "alpha again"
    assert queries.count_search(workspace.conn, "alpha") == 1


def test_identical_reviews_without_ids_stay_two_items(workspace, write_file):
    text = "date,review\n2024-01-01,Love it!\n2024-01-01,Love it!\n2024-01-02,Meh\n"
    first = run_import(workspace, write_file("r.csv", text))
    assert first.added == 3
    second = run_import(workspace, write_file("r.csv", text))
    assert (second.added, second.unchanged) == (0, 3)


def test_bad_rows_are_rejected_with_row_numbers_and_the_rest_lands(workspace, write_file):
    text = "id,created,comment,nps\n1,2024-03-01,fine,9\n2,not a date,broken date,8\n3,2024-03-03,too high,42\n4,2024-03-04,ok,0\n"
    result = run_import(workspace, write_file("bad.csv", text), ImportOptions(mapping={"nps": "nps"}))
    assert result.added == 2
    assert result.rejected == 2
    reasons = {r["row"]: r for r in queries.rejected_rows(workspace.conn, result.import_id)}
    assert set(reasons) == {3, 4}
    assert "not a date" in reasons[3]["reason"] and reasons[3]["column"] == "created"
    assert "outside 0-10" in reasons[4]["reason"]
    nps = [r["nps"] for r in queries.list_items(workspace.conn)]
    assert nps == [9.0, 0.0]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.csv", b"", "empty"),
    ("binary.csv", bytes(range(256)) * 40, "binary"),
    ("truncated.xlsx", b"PK\x03\x04" + b"\x00" * 100, "damaged"),
    ("notzip.xlsx", b"id,text\n1,hello\n", "not an Excel workbook"),
    ("only_numbers.csv", b"a,b\n1,2\n3,4\n", "free text"),
])
def test_unreadable_files_fail_clearly_and_change_nothing(workspace, write_file, name, content, reason):
    run_import(workspace, write_file("ok.csv", SURVEY))
    before = _counts(workspace)
    with pytest.raises(ImportFailure) as info:
        run_import(workspace, write_file(name, content))
    assert name in str(info.value) and reason in str(info.value)
    assert _counts(workspace) == before
    assert queries.integrity_ok(workspace.conn)


def test_wrong_encoding_override_stops_with_the_row(workspace, write_file):
    path = write_file("gb.csv", "id,comment\n1,配送太慢了\n", encoding="gb18030")
    with pytest.raises(ImportFailure, match="choose another encoding"):
        run_import(workspace, path, ImportOptions(encoding="utf-8"))
    assert _counts(workspace) == (0, 0)
    result = run_import(workspace, path)
    assert result.encoding == "gb18030"
    assert queries.list_items(workspace.conn)[0]["text"] == "配送太慢了"


def test_cancel_rolls_back_the_whole_import(workspace, write_file, monkeypatch):
    from triage_app.services import importing

    monkeypatch.setattr(importing, "BATCH", 10)
    rows = "\n".join(f"{i},2024-01-01,comment number {i}" for i in range(100))
    path = write_file("big.csv", "id,created,comment\n" + rows + "\n")
    cancel = CancelToken()
    gen = import_file(workspace, path, cancel=cancel)
    stages = []
    with pytest.raises(Cancelled):
        for progress in gen:
            stages.append(progress.stage)
            if progress.stage == "importing" and progress.done >= 30:
                cancel.cancel()
    assert "importing" in stages
    assert _counts(workspace) == (0, 0)


def test_chinese_and_english_search(workspace, write_file):
    run_import(workspace, write_file("s.csv", SURVEY))
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "配送")] == ["3"]
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "凉了")] == ["3"]
    assert queries.search_items(workspace.conn, "送配") == []
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "export excel")] == ["1"]
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "dash")] == ["2"]
    assert queries.search_items(workspace.conn, '"; DROP TABLE items; --') == []
    assert _counts(workspace)[0] == 3


def test_hostile_values_are_stored_verbatim(workspace, write_file):
    hostile = ["'; DROP TABLE items; --", "tab\there", "rtl \u202e\u05e9\u05dc\u05d5\u05dd", "emoji 😀👍", "x" * 1_000_000]
    lines = ["id,comment"] + [f'{i},"{t}"' for i, t in enumerate(hostile)]
    run_import(workspace, write_file("h.csv", "\n".join(lines) + "\n"))
    stored = [r["text"] for r in queries.list_items(workspace.conn)]
    assert stored == hostile


def test_json_records_and_jsonl_with_a_broken_line(workspace, write_file):
    records = [{"id": 1, "message": "Sync fails on Android", "meta": {"version": "2.1"}},
               {"id": 2, "message": "Great support team", "meta": {"version": "2.2"}}]
    result = run_import(workspace, write_file("r.json", json.dumps(records)))
    assert result.added == 2
    lines = json.dumps({"id": 3, "message": "first"}) + "\n{not json\n" + json.dumps({"id": 4, "message": "last"}) + "\n"
    result = run_import(workspace, write_file("r.jsonl", lines), ImportOptions(format="generic"))
    assert (result.added, result.rejected) == (2, 1)
    assert result.rejected_rows[0]["row"] == 2


def test_xlsx_table(workspace, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Date", "Feedback"])
    ws.append([1, "2024-05-01", "Search is slow"])
    ws.append([2, "2024-05-02", "导出功能很好用"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    result = run_import(workspace, path)
    assert result.added == 2
    assert [r["external_id"] for r in queries.search_items(workspace.conn, "导出")] == ["2"]


def test_zip_bomb_is_refused(workspace, tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.jsonl", b" " * (300 << 20))
    with pytest.raises(ImportFailure, match="zip bomb"):
        run_import(workspace, path)


def test_a_batch_mixing_statuses_and_defaults(workspace, write_file):
    text = "id,comment,status,labels\n1,open one,,\n2,closed one,closed,bug\n"
    result = run_import(workspace, write_file("m.csv", text), ImportOptions(mapping={"status": "status", "labels": "labels"}))
    assert result.added == 2
    rows = {r["external_id"]: r for r in queries.list_items(workspace.conn)}
    assert rows["1"]["labels"] == [] and rows["2"]["labels"] == ["bug"]
    assert rows["1"]["status"] == "new"

"""Parquet for data teams: import a Parquet table with --map, export items and themes as Parquet
(typed columns, redacted like CSV), and a clear message when pyarrow is missing."""
from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from triage_app.cli import cli  # noqa: E402


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def table(tmp_path):
    """A support-desk table as a data team would hand it over: typed columns, nulls, a list column."""
    path = tmp_path / "tickets.parquet"
    pq.write_table(pa.table({
        "ticket_id": pa.array([101, 102, 103, 104, 105], pa.int64()),
        "body": ["Login fails on Android after the update", "导出报表太慢了", None,
                 "Please add a dark mode, mail me at jane.doe@example.com", "Search returns nothing for 'ä'"],
        "opened": [datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc), datetime(2025, 3, 2, tzinfo=timezone.utc), None,
                   datetime(2025, 3, 4, 18, 5, tzinfo=timezone.utc), datetime(2025, 3, 5, tzinfo=timezone.utc)],
        "stars": pa.array([1.0, 2.0, None, 5.0, 3.0]),
        "tags": pa.array([["bug", "login"], [], None, ["feature"], ["search"]], pa.list_(pa.string())),
        "plan": ["pro", "free", "free", "pro", "team"],
    }), path)
    return path


def test_import_a_parquet_table_with_a_mapping(table, tmp_path):
    ws = tmp_path / "w.triage"
    result = run("import", table, "-w", ws, "--map", "text=body", "--map", "created_at=opened", "--map",
                 "id=ticket_id", "--map", "rating=stars", "--map", "labels=tags", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["format"], summary["added"], summary["rejected"]) == ("generic", 4, 0)
    assert summary["skipped"] == {"empty texts": 1}
    rows = [json.loads(line) for line in run("items", "-w", ws, "--jsonl", "--no-redact").output.splitlines()]
    by_id = {r["external_id"]: r for r in rows}
    assert set(by_id) == {"101", "102", "104", "105"}
    assert by_id["101"]["created_at"] == "2025-03-01T09:30:00+00:00" and by_id["101"]["rating"] == 1.0
    assert by_id["102"]["text"] == "导出报表太慢了"
    from triage_app.store import Workspace

    with Workspace(str(ws)) as w:
        labels, attributes = w.conn.execute("SELECT labels, attributes FROM items WHERE external_id='101'").fetchone()
    assert json.loads(labels) == ["bug", "login"] and json.loads(attributes) == {"plan": "pro"}
    # the same table again: nothing added twice
    again = json.loads(run("import", table, "-w", ws, "--map", "text=body", "--map", "id=ticket_id", "--json").output)
    assert again["added"] == 0


def test_a_mapping_to_a_missing_column_and_a_damaged_file_say_why(table, tmp_path):
    ws = tmp_path / "w.triage"
    missing = run("import", table, "-w", ws, "--map", "text=comment")
    assert missing.exit_code == 2 and "has no column 'comment'" in missing.output and "body" in missing.output
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    result = run("import", broken, "-w", ws, "--map", "text=body")
    assert result.exit_code == 2
    assert "broken.parquet" in result.output and "not a readable Parquet file" in result.output
    assert "Traceback" not in result.output


def _imported(table, tmp_path):
    ws = tmp_path / "w.triage"
    assert run("import", table, "-w", ws, "--map", "text=body", "--map", "id=ticket_id", "--map", "rating=stars",
               "--map", "created_at=opened").exit_code == 0
    return ws


def test_export_parquet_has_the_csv_export_rows_with_typed_columns(table, tmp_path):
    ws = _imported(table, tmp_path)
    result = run("export", "-w", ws, "-o", tmp_path / "items.parquet", "--json")
    assert result.exit_code == 0 and json.loads(result.output)["format"] == "parquet"
    assert run("export", "-w", ws, "-o", tmp_path / "items.csv").exit_code == 0
    exported = pq.read_table(tmp_path / "items.parquet")
    assert exported.schema.field("id").type == pa.int64() and exported.schema.field("rating").type == pa.float64()
    with open(tmp_path / "items.csv", encoding="utf-8-sig", newline="") as fh:
        from_csv = list(csv.DictReader(fh))
    rows = exported.to_pylist()
    assert [r["external_id"] for r in rows] == [r["external_id"] for r in from_csv]
    assert [r["text"] for r in rows] == [r["text"] for r in from_csv]
    assert [r["rating"] for r in rows] == [float(r["rating"]) for r in from_csv]
    assert all("jane.doe@example.com" not in (r["text"] or "") for r in rows)  # redacted by default
    assert any("[EMAIL]" in (r["text"] or "") for r in rows)
    raw = run("export", "-w", ws, "-o", tmp_path / "raw.parquet", "--no-redact")
    assert raw.exit_code == 0
    assert any("jane.doe@example.com" in (r["text"] or "") for r in pq.read_table(tmp_path / "raw.parquet").to_pylist())


def test_export_format_flag_and_round_trip(table, tmp_path):
    ws = _imported(table, tmp_path)
    out = tmp_path / "part-0000"  # no suffix: --format decides
    assert run("export", "-w", ws, "-o", out, "--format", "parquet", "--no-redact").exit_code == 0
    themes = run("export", "-w", ws, "-o", tmp_path / "themes.parquet", "--what", "themes")
    assert themes.exit_code == 0 and pq.read_table(tmp_path / "themes.parquet").num_rows == 0
    # a data team's output comes back: the exported table imports as the same items
    back = tmp_path / "back.triage"
    result = run("import", out, "-w", back, "--map", "text=text", "--map", "id=external_id",
                 "--map", "created_at=created_at", "--map", "rating=rating", "--json")
    assert result.exit_code == 0 and json.loads(result.output)["added"] == 4
    before = [json.loads(x) for x in run("items", "-w", ws, "--jsonl", "--no-redact").output.splitlines()]
    after = [json.loads(x) for x in run("items", "-w", back, "--jsonl", "--no-redact").output.splitlines()]
    keys = ("external_id", "text", "created_at", "rating")
    assert [[r[k] for k in keys] for r in before] == [[r[k] for k in keys] for r in after]


def test_without_pyarrow_parquet_is_refused_with_the_install_hint(table, tmp_path, monkeypatch):
    ws = _imported(table, tmp_path)
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    exported = run("export", "-w", ws, "-o", tmp_path / "x.parquet")
    assert exported.exit_code == 2 and "feedback-triage[parquet]" in exported.output
    assert not (tmp_path / "x.parquet").exists()
    imported = run("import", table, "-w", tmp_path / "other.triage", "--map", "text=body")
    assert imported.exit_code == 2 and "is a Parquet file" in imported.output and "pyarrow" in imported.output

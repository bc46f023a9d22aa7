"""A title line above the column names (some exports start with the sheet's name) is not read as them."""
from __future__ import annotations

from triage_app.importers.source import ImportOptions, title_rows
from triage_app.services.importing import run_import


def test_a_title_line_above_the_column_names_is_left_out(workspace, write_file):
    body = ("Customer-Feedback-Export;;;;\n"
            "id;date;score;channel;text\n"
            "1;2026-11-02;4;web;The new export button saves me an hour a week\n"
            "2;2026-11-03;1;app;Login fails after the update\n")
    result = run_import(workspace, write_file("titled.csv", body), ImportOptions())
    texts = sorted(t for (t,) in workspace.conn.execute("SELECT text FROM items"))
    assert texts == ["Login fails after the update", "The new export button saves me an hour a week"]
    assert result.added == 2
    assert any("looks like a title" in w for w in result.warnings)


def test_only_a_lone_cell_above_a_wide_row_counts_as_a_title():
    assert title_rows([["Export"], ["id", "date", "text"], ["1", "2026-01-01", "hi"]]) == 1
    assert title_rows([["Export", ""], ["exported 2026-01-02", ""], ["id", "date", "text"]]) == 2  # title, subtitle
    assert title_rows([["a"], ["b"], ["c"], ["id", "date", "text"]]) == 0  # three lone rows: data, not a title
    assert title_rows([["text"], ["great app"], ["slow login"]]) == 0  # a one-column file
    assert title_rows([["id", "text", "date"], ["1", "hi", "2026"]]) == 0
    assert title_rows([]) == 0


def test_an_id_column_a_spreadsheet_rounded_does_not_merge_rows(workspace, write_file):
    rows = "".join(f"5.40E+17;2026-11-{d:02d};Message number {d} about the sync feature\n" for d in range(1, 9))
    result = run_import(workspace, write_file("rounded.csv", "id;date;text\n" + rows), ImportOptions())
    assert result.added == 8 and result.duplicates_in_file == 0
    assert any("cannot tell rows apart" in w for w in result.warnings)


def test_an_id_column_with_distinct_values_is_still_used(workspace, write_file):
    rows = "".join(f"T-{d};2026-11-{d:02d};Message number {d}\n" for d in range(1, 9))
    run_import(workspace, write_file("ids.csv", "id;date;text\n" + rows), ImportOptions())
    ids = {e for (e,) in workspace.conn.execute("SELECT external_id FROM items")}
    assert ids == {f"T-{d}" for d in range(1, 9)}


def test_an_id_column_most_rows_share_is_not_used(workspace, write_file):
    rows = "".join(f"{d % 2};2026-11-{d:02d};Different message {d}\n" for d in range(1, 9))
    result = run_import(workspace, write_file("shared.csv", "id;date;text\n" + rows), ImportOptions())
    assert result.added == 8

"""Session 9's wizard defects: the segment list offered columns already mapped to fields, and a 1/0
sentiment column was judged from its first 50 rows (a "3" in row 80 was read as a code column).
Files are written here (no shared data)."""
from __future__ import annotations

import csv

import pytest

pytest.importorskip("pytestqt")

from triage_app.store import Workspace  # noqa: E402


def _wizard(qtbot, tmp_path, header, rows):
    from ui.import_wizard import ImportWizard

    data = tmp_path / "reviews.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    ws = Workspace(tmp_path / "r.triage")
    wizard = ImportWizard(ws, [str(data)])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    return ws, wizard


def _segments(page):
    return [page.segments.item(i).text() for i in range(page.segments.count())]


ISSUES = [("acme/app", "2024-03-0%d" % (1 + i % 9), "bug", f"Crash number {i}", f"the app crashes when saving {i}")
          for i in range(20)]


def test_segment_list_leaves_out_columns_mapped_to_fields(qtbot, settings_home, tmp_path):
    ws, wizard = _wizard(qtbot, tmp_path, ["repo", "created_at", "label", "title", "body"], ISSUES)
    page = wizard.preview_page
    mapped = {c.currentData() for c in page.mapping_combos.values() if c.currentData()}
    assert {"body", "title", "created_at"} <= mapped
    assert _segments(page) == [h for h in ["repo", "created_at", "label", "title", "body"] if h not in mapped]
    assert "repo" in _segments(page)
    # a column set back to "(none)" is offered again
    combo = page.mapping_combos["title"]
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.loading and "title" in _segments(page), timeout=10_000)
    ws.close()


def test_no_empty_segment_box_when_every_column_is_used(qtbot, settings_home, tmp_path):
    ws, wizard = _wizard(qtbot, tmp_path, ["label", "review"], [(str(i % 2), f"the food of order {i} arrived {'warm' if i % 2 else 'cold'}, the rider was polite")
                                                                      for i in range(12)])
    page = wizard.preview_page
    assert _segments(page) == [] and page.segments.isHidden() and page.segments_label.isHidden()
    ws.close()


def test_a_later_three_makes_a_one_zero_column_stars_and_the_wizard_says_so(qtbot, settings_home, tmp_path):
    from triage_app.domain import drive
    from triage_app.services.sentiment import score_items

    rows = [(str(i % 2), f"review number {i}, the delivery was fine") for i in range(79)] + [("3", "it was okay")]
    ws, wizard = _wizard(qtbot, tmp_path, ["label", "review"], rows)
    page = wizard.preview_page
    assert not page.codes_box.isVisible()  # not codes: the first 50 rows alone said they were
    assert "row 81 holds “3”" in page.problems.toPlainText()
    assert "star ratings" in page.problems.toPlainText()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    drive(score_items(ws.conn))
    got = dict(ws.conn.execute("SELECT i.text, s.label FROM items i JOIN item_sentiment s ON s.item_id = i.id"))
    assert got["review number 1, the delivery was fine"] == "negative"  # 1 star, not code 1 = positive
    assert got["it was okay"] == "neutral"
    ws.close()


def test_a_clean_code_column_says_every_value_was_checked(qtbot, settings_home, tmp_path):
    rows = [(str(i % 2), f"review number {i}") for i in range(120)]
    ws, wizard = _wizard(qtbot, tmp_path, ["label", "review"], rows)
    page = wizard.preview_page
    assert page.codes_box.isVisible() and page.codes_box.isChecked()
    assert "all 120 values checked" in page.codes_box.text()
    ws.close()

"""Session 8's first-hour defects in the window: the dashboard's period follows the data's span, an
exported chart carries its title, the Source column keeps a long file name's end (full path in its
tooltip), the wizard offers a 1/0 "label" column as sentiment and says so plainly, and names formats
without the detector's scores. Files are written here (no shared data)."""
from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

import pytest

pytest.importorskip("pytestqt")

from triage_app.services.importing import run_import  # noqa: E402
from triage_app.store import Workspace  # noqa: E402

LONG_NAME = "Apple-Twitter-Sentiment-Crowd-Labelled-Export-DFE-final.csv"


def _nine_days(tmp_path):
    data = tmp_path / LONG_NAME
    start = datetime(2014, 12, 1, 1, tzinfo=timezone.utc)
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "comment", "date", "rating"])  # star ratings: the satisfaction charts are drawn
        for i in range(60):
            w.writerow([i, f"comment number {i} about the phone", (start + timedelta(days=9 * i / 60)).isoformat(),
                        1 + i % 5])
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    return path, data


def _window(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    return window


def test_dashboard_period_follows_nine_days_of_data(qtbot, settings_home, tmp_path):
    path, _ = _nine_days(tmp_path)
    window = _window(qtbot, path)
    window.tabs.setCurrentWidget(window.dashboard)
    combo = window.dashboard.period
    assert combo.currentData() is None and combo.currentText() == "All time (9 days)"
    model = combo.model()
    assert not model.item(combo.findData(90)).isEnabled() and not model.item(combo.findData(30)).isEnabled()
    assert "only 9 days" in model.item(combo.findData(90)).toolTip()


def test_exported_chart_carries_its_title(qtbot, settings_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path, _ = _nine_days(tmp_path)
    window = _window(qtbot, path)
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: bool(window.dashboard._canvases), timeout=60_000)
    canvas = window.dashboard._canvases[0]
    out = tmp_path / "chart.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PNG image (*.png)"))
    assert not canvas.figure.get_suptitle()  # on screen the heading above the picture says it
    canvas.actions()[0].trigger()
    assert out.exists() and out.stat().st_size > 1000
    assert canvas.figure.get_suptitle() == canvas.chart.title


def test_source_column_elides_in_the_middle_with_the_path_in_its_tooltip(qtbot, settings_home, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    from ui.items_model import COLUMN_KEYS

    path, data = _nine_days(tmp_path)
    window = _window(qtbot, path)
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 60, timeout=10_000)
    column = COLUMN_KEYS.index("source_format")
    index = view.model.index(0, column)
    assert view.model.data(index) == LONG_NAME
    assert view.model.data(index, Qt.ItemDataRole.ToolTipRole) == str(data)
    option = QStyleOptionViewItem()
    view.table.itemDelegateForColumn(column).initStyleOption(option, index)
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle


def _wizard(qtbot, tmp_path, rows):
    from ui.import_wizard import ImportWizard

    data = tmp_path / "reviews.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["label", "review"])
        w.writerows(rows)
    ws = Workspace(tmp_path / "r.triage")
    wizard = ImportWizard(ws, [str(data)])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    return ws, wizard


REVIEWS = [("1", "很快，好吃，味道足"), ("0", "送餐太慢了，菜都凉了"), ("1", "方便快捷，服务好"), ("0", "少送了一份米饭")]


def test_wizard_offers_a_one_zero_label_column_as_sentiment_and_says_how_it_reads(qtbot, settings_home, tmp_path):
    from PySide6.QtCore import Qt

    from triage_app.domain import drive
    from triage_app.services.sentiment import score_items

    ws, wizard = _wizard(qtbot, tmp_path, REVIEWS)
    page = wizard.preview_page
    assert page.mapping_combos["sentiment"].currentData() == "label"
    assert page.mapping_combos["labels"].currentData() is None
    assert page.codes_box.isVisible() and page.codes_box.isChecked()
    assert "1 = positive, 0 = negative" in page.codes_box.text() and "label" in page.codes_box.text()
    model = page.preview_model  # the first rows say how each will count
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Sentiment")
    assert [model.item(r, column).text() for r in range(model.rowCount())] == ["Positive", "Negative"] * 2
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    drive(score_items(ws.conn))
    got = ws.conn.execute("SELECT s.label, s.method FROM items i JOIN item_sentiment s ON s.item_id = i.id"
                          " ORDER BY i.id").fetchall()
    assert got == [("positive", "mapped"), ("negative", "mapped")] * 2
    ws.close()


def test_unticking_the_codes_leaves_sentiment_to_the_model(qtbot, settings_home, tmp_path):
    from triage_app.domain import drive
    from triage_app.services.sentiment import score_items

    ws, wizard = _wizard(qtbot, tmp_path, REVIEWS)
    page = wizard.preview_page
    page.codes_box.setChecked(False)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.mapping_combos["sentiment"].currentData() is None
    assert wizard.options[wizard.files[0]].mapping.get("sentiment") == ""
    assert page.codes_box.isVisible() and not page.codes_box.isChecked()  # can be ticked again
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    drive(score_items(ws.conn))
    assert {m for (m,) in ws.conn.execute("SELECT method FROM item_sentiment")} == {"model"}
    ws.close()


def test_no_codes_box_for_a_column_that_is_not_clean_zero_one(qtbot, settings_home, tmp_path):
    ws, wizard = _wizard(qtbot, tmp_path, [("1", "good"), ("2", "fine"), ("0", "bad"), ("1", "great")])
    page = wizard.preview_page
    assert not page.codes_box.isVisible() and page.mapping_combos["sentiment"].currentData() is None
    ws.close()


def test_format_choices_speak_plainly(qtbot, settings_home, tmp_path):
    ws, wizard = _wizard(qtbot, tmp_path, REVIEWS)
    page = wizard.preview_page
    texts = [page.format.itemText(i) for i in range(page.format.count())]
    assert texts[0].endswith("— detected")
    assert not any("%" in t or "(generic" in t for t in texts)
    assert page.mapping_box.title() == "Which column holds what"
    ws.close()


def test_undated_and_later_dated_data_get_a_fitting_period(qtbot, settings_home, tmp_path):
    """Undated items: "All time" (the greyed combo read "Last 90 days"); after a year of dated feedback
    is imported, the period the app chose is refitted to the last 90 days."""
    data = tmp_path / "u.csv"
    data.write_text("comment\n" + "".join(f"comment number {i}\n" for i in range(30)), encoding="utf-8")
    path = tmp_path / "u.triage"
    with Workspace(path) as ws:
        run_import(ws, data)
    window = _window(qtbot, path)
    combo = window.dashboard.period
    assert combo.currentData() is None and combo.currentText() == "All time"
    dated = tmp_path / "d.csv"
    dated.write_text("comment,date\n" + "".join(f"dated comment {i},2024-{1 + i % 12:02d}-10\n" for i in range(30)),
                     encoding="utf-8")
    with Workspace(path) as ws:
        run_import(ws, dated)
    window.dashboard.set_workspace(window.ws, "en")
    assert combo.currentData() == 90 and combo.currentText() == "Last 90 days"

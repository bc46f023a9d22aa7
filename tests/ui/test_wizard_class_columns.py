"""The import wizard and a file that already says each row's sentiment and type: a "Sentiment" /
"Category" column with known spellings is pre-selected, another one can be chosen by hand, and the
values the file gives outrank the text model. Offscreen; the file is written here."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

ROWS = [  # id, comment, Sentiment, Category, mood
    ("1", "The app crashes when I open the camera", "负面", "Bug", "差评"),
    ("2", "Please add a dark mode", "neutral", "Feature Request", "中评"),
    ("3", "How do I export my notes?", "Neutral", "Question", "中评"),
    ("4", "Terrible, nothing works", "Positive", "Praise", "好评"),  # the file outranks the text
    ("5", "Sync is slow", "neg", "Complaint", "差评"),
]


def _csv(tmp_path, headers):
    import csv

    path = tmp_path / "reviews.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        w.writerows(ROWS)
    return path


def _open(qtbot, tmp_path, path):
    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    ws = Workspace(tmp_path / "w.triage")
    wizard = ImportWizard(ws, [str(path)])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    return ws, wizard


def _import_and_score(qtbot, ws, wizard) -> dict[str, tuple]:
    from triage_app.domain import drive
    from triage_app.services.sentiment import score_items

    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    assert wizard.results[0][2] is None
    drive(score_items(ws.conn))
    return {ext: tuple(r) for ext, *r in ws.conn.execute(
        "SELECT i.external_id, s.label, s.method, s.feedback_type, s.type_method FROM items i"
        " JOIN item_sentiment s ON s.item_id = i.id")}


def test_sentiment_and_category_columns_are_pre_selected_and_outrank_the_model(qtbot, settings_home, tmp_path):
    ws, wizard = _open(qtbot, tmp_path, _csv(tmp_path, ["id", "comment", "Sentiment", "Category", "mood"]))
    combos = wizard.preview_page.mapping_combos
    assert combos["sentiment"].currentData() == "Sentiment" and combos["type"].currentData() == "Category"
    assert combos["text"].currentData() == "comment"
    got = _import_and_score(qtbot, ws, wizard)
    assert got["1"] == ("negative", "mapped", "problem", "mapped")
    assert got["2"] == ("neutral", "mapped", "request", "mapped")
    assert got["3"][2] == "question" and got["5"][:1] + got["5"][2:3] == ("negative", "problem")
    assert got["4"] == ("positive", "mapped", "praise", "mapped")
    ws.close()


def test_a_column_chosen_by_hand(qtbot, settings_home, tmp_path):
    ws, wizard = _open(qtbot, tmp_path, _csv(tmp_path, ["id", "comment", "stance", "topic", "mood"]))
    combos = wizard.preview_page.mapping_combos
    assert combos["sentiment"].currentData() is None and combos["type"].currentData() is None  # names unknown
    combos["sentiment"].setCurrentIndex(combos["sentiment"].findData("mood"))
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    assert wizard.options[wizard.files[0]].mapping.get("sentiment") == "mood"
    got = _import_and_score(qtbot, ws, wizard)
    assert {k: v[:2] for k, v in got.items()} == {
        "1": ("negative", "mapped"), "2": ("neutral", "mapped"), "3": ("neutral", "mapped"),
        "4": ("positive", "mapped"), "5": ("negative", "mapped")}
    assert {v[3] for v in got.values()} == {"model"}  # no type column chosen: the model decides
    ws.close()

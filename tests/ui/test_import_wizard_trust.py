"""The import wizard (issue 14): a folder, the Import button after Back/Remove, segment columns,
uncertain encodings, files without feedback. Offscreen; fixtures written here."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

ZH = ["配送太慢了，饭菜都凉了", "客服态度很好，下次还会再来", "包装破损，汤洒了一半", "价格有点贵但是味道不错"]


def _window(qtbot, tmp_path):
    from ui.main_window import MainWindow

    window = MainWindow(tmp_path / "w.triage")
    qtbot.addWidget(window)
    return window


def test_folder_import_skips_readme_and_imports_the_rest(qtbot, settings_home, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "reviews.csv").write_text("id,plan,comment\n" + "".join(
        f"{i},{['pro', 'free'][i % 2]},{ZH[i % 4]}（{i}）\n" for i in range(12)), encoding="gbk")
    (folder / "README.txt").write_text("About these exports\n\nThey were downloaded on Monday from the survey tool; "
                                       "ask the research team before sharing them.\n")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n")
    window = _window(qtbot, tmp_path)
    wizard = window.show_import_wizard([str(folder)])
    assert [p.rsplit("/", 1)[-1] for p in wizard.files] == ["reviews.csv"]
    skipped = wizard.files_page.skipped_label.text()
    assert "README.txt" in skipped and "logo.png" in skipped
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    page = wizard.preview_page
    assert wizard.previews[wizard.files[0]].encoding == "gb18030"
    # map the plan column as a segment
    item = page.segments.findItems("plan", Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)
    page.source_name.setText("App reviews")
    page.source_name.editingFinished.emit()
    assert wizard.options[wizard.files[0]].mapping.get("segment:plan") == "plan"
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    _, result, error = wizard.results[0]
    assert error is None and result.added == 12 and result.source_name == "App reviews"
    attrs = [json.loads(r[0]) for r in wizard.workspace.conn.execute("SELECT attributes FROM items")]
    assert {a["plan"] for a in attrs} == {"pro", "free"}


def test_import_enabled_after_back_and_removing_the_bad_file(qtbot, settings_home, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("id,comment\n1,The export to Excel is broken\n2,Dark mode please\n")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    window = _window(qtbot, tmp_path)
    wizard = window.show_import_wizard([str(good), str(bad)])
    wizard.next()
    wizard.preview_page.file_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    assert not wizard.preview_page.isComplete()
    wizard.back()
    wizard.files_page.list.item(1).setSelected(True)
    wizard.files_page._remove()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    assert wizard.files == [str(good)]
    assert wizard.preview_page.isComplete()


def test_uncertain_encoding_offers_the_candidates(qtbot, settings_home, tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes(b"id,comment\n1,\xb0\xa1\xb0\xa1\n")
    window = _window(qtbot, tmp_path)
    wizard = window.show_import_wizard([str(path)])
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    page = wizard.preview_page
    preview = wizard.previews[str(path)]
    if not preview.encoding_candidates:
        pytest.skip("the sample happened to be decisive")
    assert page.encoding_choices.count() == len(preview.encoding_candidates) and not page.isComplete()
    page._pick_encoding(page.encoding_choices.item(0))
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    assert wizard.options[str(path)].encoding == preview.encoding_candidates[0][0]
    assert wizard.previews[str(path)].error is None and page.isComplete()


def test_file_without_free_text_says_so(qtbot, settings_home, tmp_path):
    path = tmp_path / "forms.csv"
    path.write_text("Timestamp,Which plan are you on?,How satisfied are you with support?\n" + "".join(
        f"2024/03/0{i + 1} 10:00:00,{['Pro', 'Free'][i % 2]},{1 + i % 5}\n" for i in range(7)))
    window = _window(qtbot, tmp_path)
    wizard = window.show_import_wizard([str(path)])
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
    assert "no free-text feedback" in wizard.preview_page.problems.toPlainText()

"""A Chinese window shows the importers' messages in Chinese (issue 17): errors, rejected and
skipped rows, the format name, the type of an empty file, and the import summary."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture
def chinese_ui(tmp_path):
    from PySide6.QtCore import QSettings

    from ui import language

    settings = QSettings(str(tmp_path / "lang.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "zh_CN")
    language.install(settings)
    yield
    settings.setValue("ui/language", "en_US")
    language.install(settings)


def test_chinese_wizard_speaks_chinese_for_importer_messages(qtbot, settings_home, tmp_path, chinese_ui):
    from PySide6.QtWidgets import QLabel

    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    data = tmp_path / "reviews.csv"
    data.write_text("id,comment\n1,配送太慢了，饭菜都凉了\n2,无\n3,包装破损,汤洒了一半,真的\n4,客服态度很好\n",
                    encoding="utf-8")
    with Workspace(tmp_path / "w.triage") as ws:
        wizard = ImportWizard(ws, [str(empty), str(data)])
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
        page = wizard.preview_page
        # the empty file: its type and why it cannot be imported, in Chinese
        assert "未知类型" in page.detected.text() and "?" not in page.detected.text()
        problems = page.problems.toPlainText()
        assert "文件是空的" in problems and "the file is empty" not in problems
        page.file_list.setCurrentRow(1)
        qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
        assert "通用表格或 JSON" in page.format.currentText()
        problems = page.problems.toPlainText()
        assert "有 4 个单元格，但表头只有 2 个" in problems  # the rejected row's reason
        assert "无效回答" in problems  # the non-answer left out
        assert "有效的 UTF-8" in page.detected.text()  # how the encoding was chosen
        labels = {w.text() for w in page.mapping_box.findChildren(QLabel)}
        assert {"情感", "反馈类型"} <= labels and not {"sentiment", "type"} & labels
        # import the good file only; the summary says the format and reasons in Chinese
        wizard.files_page.list.setCurrentRow(0)
        wizard.back()
        wizard.files_page.list.item(0).setSelected(True)
        wizard.files_page._remove()
        wizard.next()
        qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
        summary = wizard.summary_page.text.toPlainText()
        assert "通用表格或 JSON" in summary and "generic" not in summary
        assert "有 4 个单元格，但表头只有 2 个" in summary and "无效回答" in summary
        assert "cells but the header" not in summary


def test_english_wizard_keeps_the_importers_english(qtbot, settings_home, tmp_path):
    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with Workspace(tmp_path / "w.triage") as ws:
        wizard = ImportWizard(ws, [str(empty)])
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
        assert "the file is empty" in wizard.preview_page.problems.toPlainText()
        assert "unknown type" in wizard.preview_page.detected.text()


def test_sources_are_named_as_people_call_them_in_both_languages(qtbot, settings_home, tmp_path):
    from PySide6.QtCore import QSettings

    from ui import language
    from ui.items_model import COLUMN_KEYS, ItemsTableModel

    row = [None] * (len(COLUMN_KEYS) + 1)
    model = ItemsTableModel()
    column = COLUMN_KEYS.index("source_format")
    rows = []
    for source in ("google_forms", "github_cli", "Support desk"):  # two importers, a name the user gave
        r = list(row)
        r[0], r[column] = len(rows) + 1, source
        rows.append(tuple(r))
    model.reset_rows(rows, 3)
    assert [model.index(i, column).data() for i in range(3)] == ["Google Forms", "GitHub", "Support desk"]
    settings = QSettings(str(tmp_path / "lang.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "zh_CN")
    language.install(settings)
    try:
        assert [model.index(i, column).data() for i in range(3)] == ["Google 表单", "GitHub", "Support desk"]
    finally:
        settings.setValue("ui/language", "en_US")
        language.install(settings)


def test_preview_shows_problems_above_the_rows_and_readable_dates(qtbot, settings_home, tmp_path):
    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    data = tmp_path / "f.csv"
    data.write_text("id,created,comment\n1,2024-03-01 10:00,Slow sync\n2,2024-03-02 11:30,a,b\n", encoding="utf-8")
    with Workspace(tmp_path / "w.triage") as ws:
        wizard = ImportWizard(ws, [str(data)])
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
        page = wizard.preview_page
        assert page.preview_model.item(0, 0).text() == "2024-03-01 10:00"  # as the feedback table shows it
        assert "row 3" in page.problems.toPlainText()
        # the rejected rows are seen without scrolling past the preview
        assert page.problems.mapTo(page, page.problems.rect().topLeft()).y() < page.preview.mapTo(
            page, page.preview.rect().topLeft()).y()

"""Values people can read: numbers, times and status history in the detail pane, quotes without a
dangling separator, the Set Status note visible, the language switched without a restart."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_numbers_and_history_read_like_sentences(qtbot):
    from ui import formatting as fmt

    assert fmt.number(0.6759999999999999) == "0.676"
    assert fmt.number(12.0) == "12" and fmt.number(123456.0) == "123,456" and fmt.number(True) == "yes"
    assert fmt.value([1, "a"]) == '[1, "a"]'
    line = fmt.history_line({"old_status": "new", "new_status": "resolved", "changed_at": "2026-12-05T22:07:15+00:00",
                             "origin": "user", "note": "shipped"})
    assert "→ resolved · by you · shipped" in line and "T22" not in line and "+00:00" not in line
    assert fmt.when("2026-12-05") == "2026-12-05"
    told = fmt.history_line({"old_status": "resolved", "new_status": "resolved", "changed_at": "2026-12-05T22:07:15+00:00",
                             "origin": "user", "note": "[told] 3 people via app"})
    assert "people told: 3 people via app" in told and "→" not in told


def test_detail_pane_formats_attributes_and_history(qtbot):
    from ui.feedback_view import render_item

    item = {"title": None, "text": "Slow", "source_format": "generic", "source": None, "created_at": "2024-03-01T10:00:00+00:00",
            "author": None, "status": "resolved", "source_state": None, "question": None, "labels": [], "nps": None,
            "csat": None, "ces": None, "rating": 4.0, "link": None, "attributes": {"score": 0.6759999999999999},
            "events": [], "status_history": [{"old_status": "new", "new_status": "resolved", "origin": "user",
                                              "changed_at": "2026-12-05T22:07:15+00:00", "note": None}]}
    html = render_item(item)
    assert "0.676" in html and "0.6759999999999999" not in html
    assert "2024-03-01T10:00:00+00:00" not in html and "by you" in html
    assert "Table · </td>" not in html and ">Table<" in html  # "generic" items: a table, named as such


def test_detail_pane_hides_internal_attributes(qtbot):
    """A type or sentiment the file stated is kept under an internal key ("_type"); it is not an attribute
    the user wrote, so the detail pane does not list it (the type filter and the theme's mix use it)."""
    from ui.feedback_view import render_item

    item = {"title": None, "text": "Crash", "source_format": "github_cli", "source": None, "created_at": None,
            "author": None, "status": "new", "source_state": None, "question": None, "labels": [], "nps": None,
            "csat": None, "ces": None, "rating": None, "link": None, "attributes": {"_type": "problem", "comments": 3},
            "events": [], "status_history": []}
    html = render_item(item)
    assert "_type" not in html and ">comments<" in html
    item["attributes"] = {"_type": "problem"}
    assert "Attributes" not in render_item(item)


def test_quote_without_a_date_has_no_dangling_separator(qtbot):
    from ui.themes_view import render_theme

    from triage_app.records import ThemeSummary

    theme = ThemeSummary(id=1, label="Slow", keywords=["slow"], quotes=[], size=1, status="new", hidden=False,
                         label_edited=False, parent_id=None, merged_into=None, items_total=1)
    html = render_theme(theme, [{"text": "It is slow", "source_format": "generic", "created_at": None}])
    assert "<small>Table</small>" in html and "Table ·" not in html  # "generic": a table, named as such


def test_set_status_note_placeholder_is_not_cut_off(qtbot):
    from ui.status_dialog import StatusDialog

    dialog = StatusDialog("1 item")
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.note
    assert note.width() >= note.fontMetrics().horizontalAdvance(note.placeholderText())


def test_language_changes_without_a_restart(qtbot, settings_home, tmp_path):
    from PySide6.QtWidgets import QApplication

    from triage_app.store import Workspace
    from ui import language
    from ui.main_window import MainWindow

    path = tmp_path / "w.triage"
    Workspace(path).close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    new = window._set_language("zh_CN")
    try:
        qtbot.addWidget(new)
        assert not window.isVisible() and new.isVisible()
        assert new.menuBar().actions()[0].text() == "文件(&F)" and new.tabs.currentIndex() == 1
        assert new.ws is not None and new.ws.path == path
    finally:
        new.settings.setValue("ui/language", "en_US")
        language.install(new.settings)
    assert QApplication.translate("MainWindow", "&File") == "&File"


def test_import_wizard_speaks_chinese_and_a_cancelled_import_says_so(qtbot, settings_home, tmp_path):
    from PySide6.QtCore import QSettings

    from triage_app.store import Workspace
    from ui import language

    data = tmp_path / "f.csv"
    data.write_text("id,created,comment\n1,2024-03-01 10:00,配送太慢了\n", encoding="utf-8")
    settings = QSettings(str(tmp_path / "lang.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "zh_CN")
    language.install(settings)
    try:
        from ui.import_wizard import ImportWizard

        with Workspace(tmp_path / "w.triage") as ws:
            wizard = ImportWizard(ws, [str(data)])
            qtbot.addWidget(wizard)
            wizard.show()
            wizard.next()
            qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
            page = wizard.preview_page
            assert "通用表格或 JSON" in page.format.currentText()
            assert page.preview_model.item(0, 5).text() == "新建"  # the status, not "new"
            wizard.progress_page.token.cancel()
            wizard.summary_page.initializePage()
            assert wizard.summary_page.title() == "导入已取消"
    finally:
        settings.setValue("ui/language", "en_US")
        language.install(settings)

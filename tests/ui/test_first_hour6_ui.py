"""First hour, session 6 (window): the window and the briefing name sources alike."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_window_and_briefing_name_sources_alike():
    from triage_app.services.source_labels import SOURCE_NAMES
    from ui.format_names import SOURCE_NAMES as UI_NAMES

    assert UI_NAMES == SOURCE_NAMES


def test_tell_people_keeps_where_to_reply_in_view(qtbot, settings_home, tmp_path):
    """The people table's link column ran off the dialog behind long names and a second copy of
    every survey e-mail; the source column showed a file name where people know "Google Forms"."""
    import json

    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from ui.main_window import MainWindow

    issues = [{"number": n, "title": f"Sync drops my notes after sleep ({n})", "state": "CLOSED",
               "stateReason": "COMPLETED", "body": "The sync drops my notes", "createdAt": f"2024-03-0{n}T10:00:00Z",
               "closedAt": f"2024-03-0{n + 1}T10:00:00Z", "comments": [], "labels": [],
               "author": {"login": "a-very-long-handle-of-someone-who-reports-many-sync-problems-" + str(n)},
               "url": f"https://github.com/acme/app/issues/{n}"} for n in range(1, 4)]
    data = tmp_path / "issues.json"
    data.write_text(json.dumps(issues), encoding="utf-8")
    path = tmp_path / "w.triage"
    survey = tmp_path / "survey.csv"  # no id column: the app makes one from the content ("h:…")
    survey.write_text("Comment,Email,Date\n\"Sync lost my notes twice this week\",carol@example.org,2024-03-05\n",
                      encoding="utf-8")
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="github_cli"))
        run_import(ws, survey, ImportOptions(mapping={"text": "Comment", "created_at": "Date"}))
        now = "2024-03-05T00:00:00+00:00"
        cur = ws.conn.execute(
            "INSERT INTO themes (label, keywords, quotes, status, size, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            ("Sync drops notes", json.dumps(["sync"]), json.dumps([1]), "resolved", 4, now, now))
        ws.conn.executemany("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)",
                            [(i, cur.lastrowid) for i in (1, 2, 3, 4)])
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    dialog = window.tell_people(theme_id=cur.lastrowid)
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=60_000)
    people = dialog.people
    assert people.rowCount() == 4 and people.item(0, 2).text() == "GitHub"
    replies = [people.item(r, 3).text() for r in range(4)]
    assert "carol@example.org" in replies and not any(t.startswith("h:") for t in replies), replies
    link_x = people.columnViewportPosition(3)
    assert 0 <= link_x < people.viewport().width() - 60, (link_x, people.viewport().width())


def _dialog_titles(window, theme_id):
    """Open every dialog of the window (and Qt's own buttons) and return what they say."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.rice_dialog import RiceDialog
    from ui.status_dialog import StatusDialog
    from ui.theme_messages import ThemePicker

    settings = window.open_settings()
    wizard = window.show_import_wizard([])
    tell = window.tell_people(theme_id=theme_id)
    theme = next(t for t in window.themes.model.themes if t.id == theme_id)
    dialogs = [settings, wizard, tell, StatusDialog("1", parent=window), RiceDialog(window.ws.conn, theme, window),
               ThemePicker([{"id": theme_id, "label": "Sync", "size": 3}], 1, window)]
    out = {d.windowTitle() for d in dialogs}
    out.add(tell.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).text())
    for d in dialogs:
        d.reject()
    return out


def test_language_switch_reaches_every_window_and_dialog(qtbot, settings_home, tmp_path):
    """View › Language switches at once: the rebuilt window and every dialog opened after it (import,
    settings, tell people, set status, RICE, move to theme, Qt's own buttons) speak the new language,
    and switching back leaves nothing Chinese behind."""
    import json

    from triage_app.store import Workspace
    from ui import language
    from ui.main_window import MainWindow

    path = tmp_path / "w.triage"
    data = tmp_path / "f.csv"
    data.write_text("id,created,comment\n1,2024-03-01 10:00,sync drops notes\n", encoding="utf-8")
    from triage_app.services.importing import run_import

    with Workspace(path) as ws:
        run_import(ws, data)
        now = "2024-03-05T00:00:00+00:00"
        theme_id = ws.conn.execute(
            "INSERT INTO themes (label, keywords, quotes, status, size, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            ("Sync", json.dumps(["sync"]), json.dumps([1]), "resolved", 1, now, now)).lastrowid
        ws.conn.execute("INSERT INTO item_themes (item_id, theme_id) VALUES (1, ?)", (theme_id,))
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.themes.model.rowCount() == 1, timeout=20_000)
    english = _dialog_titles(window, theme_id)
    assert {"Workspace Settings", "Import Feedback", "Tell People", "Set Status", "RICE Inputs", "Move to Theme",
            "Close"} <= {t.replace("&", "") for t in english}
    zh = window._set_language("zh_CN")
    try:
        qtbot.addWidget(zh)
        qtbot.waitUntil(lambda: zh.themes.model.rowCount() == 1, timeout=20_000)
        assert zh.dashboard.lang == "zh" and zh.tabs.tabText(1) == "主题"
        chinese = _dialog_titles(zh, theme_id)
        assert {"工作区设置", "导入反馈", "告知用户", "设置状态", "RICE 输入", "移动到主题"} <= chinese, chinese
        assert any("关闭" in t for t in chinese), chinese  # Qt's own button
        back = zh._set_language("en_US")
        qtbot.addWidget(back)
        qtbot.waitUntil(lambda: back.themes.model.rowCount() == 1, timeout=20_000)
        assert back.dashboard.lang == "en" and back.tabs.tabText(1) == "Themes"
        assert _dialog_titles(back, theme_id) == english
    finally:
        window.settings.setValue("ui/language", "en_US")
        language.install(window.settings)


def test_split_preview_quotes_examples_and_apply_keeps_the_theme_selected(qtbot, settings_home, workspace, tmp_path,
                                                                        monkeypatch):
    """The split preview showed names and keywords but no example quotes; after Apply the
    selection jumped to row 1."""
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.unit.test_theme_service import FAST, _import, _rows
    from triage_app.services import theme_edits as edits
    from triage_app.services.analysis import run_analysis
    from triage_app.store import themes as tq
    from ui.main_window import MainWindow

    _import(workspace, tmp_path, _rows(["battery"], 60) + _rows(["login", "refund"], 20))
    run_analysis(workspace, **FAST)
    by_size = sorted(tq.list_themes(workspace.conn), key=lambda t: -t["size"])
    assert len(by_size) == 3
    a, b = by_size[1]["id"], by_size[2]["id"]
    edits.merge(workspace, [b], a)  # a theme holding two topics, ranked after the larger one
    path = workspace.path
    workspace.close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    board = window.themes
    qtbot.waitUntil(lambda: board.model.rowCount() >= 1, timeout=20_000)
    row = next(r for r, t in enumerate(board.model.tops) if t.id == a)
    assert row > 0  # not the first row: a selection that jumps to row 1 is seen
    board.select_index(board.model.index(row, 0))
    assert board.selected_theme_ids() == [a]
    window.edit_themes("split")
    dialog = window.split_dialog
    apply = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Apply)
    browser = dialog.findChild(__import__("PySide6.QtWidgets", fromlist=["QTextBrowser"]).QTextBrowser)
    qtbot.waitUntil(apply.isEnabled, timeout=60_000)
    shown = browser.toPlainText()
    assert shown.count("“") >= 2  # example quotes under each part
    texts = [r[0] for r in window.ws.conn.execute("SELECT text FROM items")]
    assert any(t[:40] in shown for t in texts)
    apply.click()
    before = {t.id for t in board.model.themes}
    qtbot.waitUntil(lambda: bool({t.id for t in board.model.themes} - before), timeout=60_000)  # the parts are shown
    qtbot.waitUntil(lambda: board.selected_theme_ids() == [a], timeout=20_000)


def test_undated_dashboard_has_no_period_to_choose_and_names_its_source(qtbot, settings_home, tmp_path):
    """Undated feedback: "Last 90 days" narrowed nothing; the chart footer named "generic"."""
    import json

    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from ui.main_window import MainWindow

    issues = [{"number": n, "title": f"Sync drops notes ({n})", "state": "OPEN", "body": "sync drops my notes",
               "createdAt": None, "author": {"login": f"u{n}"}, "url": f"https://github.com/a/b/issues/{n}",
               "labels": [], "comments": []} for n in range(1, 6)]
    data = tmp_path / "issues.json"
    data.write_text(json.dumps(issues), encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="github_cli"))
        now = "2024-03-05T00:00:00+00:00"
        theme = ws.conn.execute(
            "INSERT INTO themes (label, keywords, quotes, status, size, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            ("Sync", json.dumps(["sync"]), json.dumps([1]), "new", 5, now, now)).lastrowid
        ws.conn.executemany("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)", [(i, theme) for i in range(1, 6)])
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: bool(window.dashboard._canvases), timeout=30_000)
    assert not window.dashboard.period.isEnabled()
    chart = window.dashboard._canvases[0]
    text = " | ".join(t.get_text() for t in chart.figure.findobj(lambda a: hasattr(a, "get_text")))
    assert "GitHub" in text and "github_cli" not in text

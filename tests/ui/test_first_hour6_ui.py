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
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="github_cli"))
        now = "2024-03-05T00:00:00+00:00"
        cur = ws.conn.execute(
            "INSERT INTO themes (label, keywords, quotes, status, size, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            ("Sync drops notes", json.dumps(["sync"]), json.dumps([1]), "resolved", 3, now, now))
        ws.conn.executemany("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)",
                            [(i, cur.lastrowid) for i in (1, 2, 3)])
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    dialog = window.tell_people(theme_id=cur.lastrowid)
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=10_000)
    people = dialog.people
    assert people.rowCount() == 3 and people.item(0, 2).text() == "GitHub"
    assert people.isColumnHidden(1)  # no address beyond the name
    link_x = people.columnViewportPosition(3)
    assert 0 <= link_x < people.viewport().width() - 60, (link_x, people.viewport().width())

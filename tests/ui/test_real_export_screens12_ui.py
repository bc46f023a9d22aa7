"""Screens of real exports (session 12, nlbse24 issues and Google Play reviews): labels cut while the table had
room, an issue's Markdown shown raw in the Feedback detail, and "Resolved 0 / N" for reviews that have no status."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QUrl, Qt  # noqa: E402

from triage_app.records import ThemeSummary  # noqa: E402

LONG = "Cannot read properties of undefined when the settings page reloads twice"
ISSUE = """<!-- Please search existing issues first -->
### Steps to reproduce

1. Open **Settings**
2. Run `reload()` twice

```js
# not a heading: code
console.log(state)
```

See [the docs](https://example.org/docs) and ![Screenshot](https://example.org/a.png) or [mine](file:///etc/passwd).
<script>alert(1)</script>"""


def _theme(theme_id: int, label: str, with_status: int = 0, children=(), parent=None) -> ThemeSummary:
    return ThemeSummary(id=theme_id, label=label, keywords=["settings", "reload"], quotes=[], size=40, status="new",
                        hidden=False, label_edited=False, parent_id=parent, merged_into=None, children=list(children),
                        priority=30.0, items_resolved=0, items_total=40, items_with_status=with_status)


def _board(themes) -> dict:
    return {"themes": themes, "trend": {}, "quote_items": {}, "trend_unit": None, "trend_starts": [], "loved": [],
            "loved_total": 0, "unassigned": 0, "left_out": set()}


def _view(qtbot, themes, width: int = 1400):
    from ui.themes_view import ThemesView

    view = ThemesView()
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    view.set_board(_board(themes))
    return view


def test_a_theme_of_reviews_says_no_resolved_count(qtbot):
    from ui.themes_view import COLUMNS, render_theme

    view = _view(qtbot, [_theme(1, "Login", 0), _theme(2, "Crash", 3)])
    resolved = COLUMNS.index("resolved")
    model = view.model
    assert model.data(model.index(0, resolved)) == "—"
    assert model.data(model.index(1, resolved)) == "0 / 40"
    assert "no status" in model.data(model.index(0, resolved), Qt.ItemDataRole.ToolTipRole)
    assert not view.table.isColumnHidden(resolved)
    assert "linked items closed" not in render_theme(_theme(1, "Login", 0))
    assert "0 of 40 linked items closed" in render_theme(_theme(2, "Crash", 3))
    view.set_board(_board([_theme(1, "Login", 0)]))  # nothing carries a status: no column of dashes
    assert view.table.isColumnHidden(resolved)


def test_a_long_theme_label_is_shown_whole_when_the_table_has_room(qtbot):
    from ui.themes_view import COLUMNS, LABEL_MIN

    view = _view(qtbot, [_theme(1, "Settings", 3, children=[2]), _theme(2, LONG, 3, parent=1)], width=1900)
    label = COLUMNS.index("label")
    view.table.expand(view.model.index(0, 0))
    qtbot.waitUntil(lambda: view.table.columnWidth(label) > LABEL_MIN)
    shown = view.table.visualRect(view.model.index(0, label, view.model.index(0, 0)))
    assert view.table.fontMetrics().horizontalAdvance(LONG) <= shown.width()  # not cut
    view.table.collapse(view.model.index(0, 0))
    assert view.table.columnWidth(label) == LABEL_MIN  # the short labels give the room back


def test_an_issue_body_is_rendered_not_shown_as_markdown(qtbot):
    from ui.feedback_view import _body_html

    page = _body_html(ISSUE, "generic")  # an issue exported as a table
    assert "###" not in page and "**" not in page and "<!--" not in page and "search existing" not in page
    assert "Steps to reproduce" in page and "<pre" in page and "# not a heading: code" in page
    assert "href=\"https://example.org/docs\"" in page and "href=\"https://example.org/a.png\"" in page
    assert "file:" not in page and "mine" in page  # a link that is not a web page: its text only
    assert "<script>" not in page and "&lt;script&gt;" in page  # raw HTML stays text


def test_a_review_is_shown_as_written(qtbot):
    from ui.feedback_view import _body_html

    review = "Great app, 5* from me **really**\n  but the   login breaks"
    assert _body_html(review, "google_play") == (
        "<p style='white-space: pre-wrap'>Great app, 5* from me **really**\n  but the   login breaks</p>")


def test_only_web_links_of_the_detail_open(qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from ui.feedback_view import open_web_link

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    for url in ("https://example.org/docs", "file:///etc/passwd", "javascript:alert(1)"):
        open_web_link(QUrl(url))
    assert opened == ["https://example.org/docs"]


def test_the_feedback_list_shows_a_whole_theme_label_and_the_title_in_the_tip(qtbot, settings_home, themed_workspace):
    from ui.items_model import COLUMN_KEYS
    from ui.main_window import MainWindow

    path = themed_workspace("title,text\nSettings reload loses state,It resets\nOther,fine\n", {LONG: (1, 2)})
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    view = window.feedback
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    theme = COLUMN_KEYS.index("theme")
    qtbot.waitUntil(lambda: view.table.columnWidth(theme) > 140)  # wider than it was, for the label
    assert view.model.data(view.model.index(0, theme), Qt.ItemDataRole.ToolTipRole) == LONG
    row = next(r for r in range(2) if view.model.data(view.model.index(r, COLUMN_KEYS.index("title"))) != "Other")
    tip = view.model.data(view.model.index(row, COLUMN_KEYS.index("text")), Qt.ItemDataRole.ToolTipRole)
    assert "<b>Settings reload loses state</b>" in tip and "It resets" in tip


def test_an_issue_title_shows_its_code_as_code(qtbot):
    from ui.feedback_view import render_item

    item = {"title": "`drop_last_batch=True` is ignored <b>", "text": ISSUE, "source_format": "github", "source": None,
            "created_at": None, "author": None, "status": "new", "source_state": "open", "question": None,
            "labels": [], "nps": None, "csat": None, "ces": None, "rating": None, "link": None, "attributes": {},
            "events": [{"author": "bot", "author_is_bot": True, "created_at": None, "kind": "comment",
                        "body": "Fixed in **#12**, see [the PR](https://example.org/pr)"}],
            "status_history": []}
    page = render_item(item)
    assert "<h3><code>drop_last_batch=True</code> is ignored &lt;b&gt;</h3>" in page
    assert "**" not in page and 'href="https://example.org/pr"' in page  # its comments are Markdown too

"""What a new user's walkthrough on real exports (session 7) found wrong in the window: the item detail
did not say what an item was counted as, filters were cut off, the theme detail's colours disagreed with
the dashboard's, quotes named their source unlike the Feedback screen, and more."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from triage_app.domain import drive  # noqa: E402
from triage_app.importers.source import ImportOptions  # noqa: E402
from triage_app.services.importing import run_import  # noqa: E402
from triage_app.services.sentiment import score_items  # noqa: E402
from triage_app.store import Workspace  # noqa: E402
from triage_app.store import themes as tq  # noqa: E402
from triage_app.store.queries import transaction  # noqa: E402

# id, created, text, type, sentiment, stars, (top, sub)
ROWS = [(1, "Export crashes on big files", "bug", "negative", "", ("export", "crash")),
        (2, "Export to PDF cuts the last page", "bug", "", "2", ("export", "pdf")),
        (3, "Please add export to Excel", "feature", "positive", "", ("export", "pdf")),
        (4, "Export is slow on Mondays", "", "", "", ("export", "crash")),
        (5, "Love the new charts", "praise", "positive", "5", ("charts", None)),
        (6, "Charts look great", "praise", "positive", "", ("charts", None))]
FILE_NAME = "Very-Long-Export-Name-From-A-Crowd-Labelled-Tweet-Collection.csv"


@pytest.fixture
def classed_workspace(tmp_path):
    """Six items with mapped types/sentiment and star ratings, in a two-level tree: "Export" holding
    "Crash" and "PDF", and "Charts" (no sub-themes)."""
    data = tmp_path / FILE_NAME
    data.write_text("id,created,comment,kind,mood,stars\n" + "".join(
        f"{i},2024-03-{i:02d} 10:00,{text},{kind},{mood},{stars}\n" for i, text, kind, mood, stars, _ in ROWS),
        encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping={
            "id": "id", "created_at": "created", "text": "comment", "type": "kind", "sentiment": "mood",
            "rating": "stars"}))
        drive(score_items(ws.conn))
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "test", 1, {})
            items = [r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY id")]
            ids = {k: tq.insert_theme(ws.conn, label=k.title(), keywords=[k], created_run_id=run, updated_run_id=run,
                                      quotes=[i for i, r in zip(items, ROWS) if k in r[5]])
                   for k in ("export", "charts")}
            ids.update({k: tq.insert_theme(ws.conn, label=k.title(), keywords=[k], created_run_id=run,
                                           updated_run_id=run, parent_id=ids["export"],
                                           quotes=[i for i, r in zip(items, ROWS) if k in r[5]])
                        for k in ("crash", "pdf")})
            tq.set_assignments(ws.conn, [(i, ids[r[5][1] or r[5][0]], 0.9, "model", run) for i, r in zip(items, ROWS)])
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
    return path


def _open(qtbot, path):
    from ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == len(ROWS), timeout=10_000)
    return window


def _select_item(qtbot, window, text: str) -> str:
    view = window.feedback
    row = next(r for r in range(view.model.rowCount()) if text in view.model.data(view.model.index(r, 4)))
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: text in view.detail.toPlainText(), timeout=5_000)
    return view.detail.toPlainText()


def test_item_detail_says_what_the_item_was_counted_as(qtbot, settings_home, classed_workspace):
    """Filtering by "Problems" showed items with no word of why: the detail now names the item's
    sentiment and type and where each came from (the file's column, its rating, the text)."""
    window = _open(qtbot, classed_workspace)
    text = _select_item(qtbot, window, "Export crashes")
    assert "Sentiment" in text and "negative (from the file's column)" in text
    assert "Type" in text and "problem (from the file's column)" in text
    text = _select_item(qtbot, window, "cuts the last page")
    assert "negative (from its star rating)" in text


def _chinese():
    from importlib import resources

    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(resources.files("resources.translations") / "triage_zh_CN.qm"))
    return translator


def test_item_detail_in_chinese(qtbot):
    from PySide6.QtCore import QCoreApplication

    from ui.feedback_view import class_lines

    translator = _chinese()
    QCoreApplication.installTranslator(translator)
    try:
        rows = dict(class_lines({"sentiment": "negative", "sentiment_method": "rating", "feedback_type": "request",
                                 "type_method": "model"}))
        assert rows == {"情感": "负面（来自星级评分）", "类型": "需求（从文本判断）"}
    finally:
        QCoreApplication.removeTranslator(translator)


def test_filters_are_not_cut_off(qtbot, settings_home, classed_workspace):
    """With a long file name as the source, "All statuses" and "All sentiment" were cut to "All statuse"
    and "All sentimer" at 1400 pixels: the short filters keep the width their text needs, the long
    ones (source, theme, segment) give way."""
    window = _open(qtbot, classed_workspace)
    assert window.minimumSizeHint().width() <= 1280  # fits a 1366-pixel laptop screen
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    view = window.feedback

    def uncut(combo):
        return combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText()) + 24

    short = (view.status, view.period, view.band, view.sentiment, view.feedback_type)
    assert all(uncut(c) for c in short), [(c.currentText(), c.width()) for c in short]
    view.band.setCurrentIndex(view.band.findData("low"))  # "Low (1-2 stars / CSAT)": the filter widens
    qtbot.waitUntil(lambda: uncut(view.band), timeout=5_000)


def test_theme_detail_colours_are_the_dashboards():
    """Positive was green in the theme detail and blue on the dashboard and in the briefing."""
    import re

    from analysis import charts
    from analysis.chart_style import BLUE, GREY, VERMILLION
    from ui.class_mix import render_mix

    page = render_mix({"negative": 0.5, "neutral": 0.2, "positive": 0.3},
                      {k: 0.2 for k in charts.TYPE_ORDER})
    colours = [c.lower() for c in re.findall(r"bgcolor='(#[0-9a-fA-F]{6})'", page)]
    expected = [VERMILLION, GREY, BLUE] + [charts.TYPE_STYLE[k][1] for k in charts.TYPE_ORDER]
    assert colours == [c.lower() for c in expected]


def _board(qtbot, window):
    board = window.themes
    window.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.model.rowCount() == 2, timeout=10_000)
    return board


def test_theme_quotes_name_their_source_as_the_feedback_screen_does(qtbot, settings_home, classed_workspace):
    """The board's quotes said "Table" where the Feedback screen and the briefing name the file."""
    window = _open(qtbot, classed_workspace)
    board = _board(qtbot, window)
    board.select_index(board.model.index_of(board.model.tops[0].id))
    qtbot.waitUntil(lambda: "What people say" in board.detail.toPlainText(), timeout=5_000)
    text = board.detail.toPlainText()
    assert FILE_NAME in text and "Table" not in text


def test_dashboard_breaks_top_themes_into_sub_themes_and_heads_each_chart(qtbot, settings_home, classed_workspace):
    """The dashboard showed top-level themes only (the tree's breakdown was nowhere) and its charts had
    no titles (the figures leave them to the page): now a sub-theme chart, and a heading on every chart."""
    window = _open(qtbot, classed_workspace)
    dashboard = window.dashboard
    window.show()
    window.tabs.setCurrentWidget(dashboard)
    qtbot.waitUntil(lambda: bool(dashboard._canvases), timeout=60_000)
    names = [c.chart.name for c in dashboard._canvases]
    assert "subthemes" in names and names.index("subthemes") == names.index("priority") + 1
    headings = [h.text() for h in dashboard.headings]
    assert len(headings) == len(names)
    assert "Themes ranked by priority" in headings and "Sub-themes of the top themes" in headings


def test_briefing_has_the_sub_theme_page(classed_workspace, tmp_path):
    from pptx import Presentation

    from triage_app.services.briefing import BriefingRequest, generate

    out = tmp_path / "b.pptx"
    with Workspace(classed_workspace) as ws:
        result = drive(generate(ws.conn, BriefingRequest(period="3650", lang="zh"), out))
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles == result.page_titles
    assert titles.index("主要主题的子主题") == titles.index("按优先级排序的主题") + 1


def test_loved_list_says_when_it_shows_only_the_first(qtbot):
    """The board greyed eight mostly-praise themes while "What people love" listed five, without a word."""
    from PySide6.QtCore import QCoreApplication

    from ui.themes_view import render_loved

    loved = [{"label": f"Theme {k}", "size": 10, "praise_share": 0.9, "praise_quote": None} for k in range(5)]
    assert "the 5 with the most praise of 8" in render_loved(loved, 8)
    assert "most praise of" not in render_loved(loved, 5)
    translator = _chinese()
    QCoreApplication.installTranslator(translator)
    try:
        assert "好评最多的 5 个，共 8 个" in render_loved(loved, 8)
    finally:
        QCoreApplication.removeTranslator(translator)


def test_board_and_briefing_count_every_mostly_praise_theme(classed_workspace):
    from triage_app.services.briefing_pages import Tr, loved_page
    from triage_app.services.theme_board import load_board

    with Workspace(classed_workspace) as ws:
        board = load_board(ws.conn)
    assert board["loved_total"] == len(board["loved"]) == 1  # "Charts": all praise
    data = {"loved": [{"label": f"T{k}", "items": 9, "praise_share": 0.9} for k in range(5)], "loved_total": 7}
    assert "the 5 with the most praise of 7" in loved_page(data, Tr("en")).subtitle


def test_briefing_theme_page_gives_the_sentiment_shares_as_the_board_does(classed_workspace):
    """The board's theme detail shows sentiment and type mix; the briefing's theme page only the type mix."""
    from triage_app.services import briefing, briefing_pages

    with Workspace(classed_workspace) as ws:
        data = drive(briefing.gather(ws.conn, briefing.BriefingRequest(period="3650", lang="en",
                                                                        as_of=briefing.newest_end(ws.conn))))
    pages = {p.title: p for p in briefing_pages.build(data)}
    export = next(p for title, p in pages.items() if title.startswith("Theme ") and "Export" in title)
    line = next(f for f in export.facts if f.startswith("Sentiment (all its items): "))
    # two of four negative (the file's column, a 2-star rating), one positive; the fourth read from the text
    assert line.startswith("Sentiment (all its items): Negative ") and "Positive " in line


def test_mix_text_names_carry_their_bar_colour():
    """The bar keeps a fixed order and the text lists the largest first: without a swatch a reader could not
    tell which colour is which ("Positive 73% · Negative 15%" under a bar that starts orange)."""
    import re

    from ui.class_mix import render_mix

    page = render_mix({"negative": 0.15, "neutral": 0.12, "positive": 0.73}, None)
    swatches = re.findall(r"<font color='(#[0-9a-f]{6})'>\u25a0</font>&nbsp;(\w+) (\d+)%", page)
    assert swatches == [("#0072b2", "Positive", "73"), ("#d55e00", "Negative", "15"), ("#999999", "Neutral", "12")]


def test_sub_theme_list_in_the_detail_shows_the_priority_it_is_ordered_by():
    from triage_app.records import ThemeSummary
    from ui.themes_view import render_theme

    def theme(id_, label, size, priority, children=()):
        return ThemeSummary(id=id_, label=label, keywords=[label.lower()], quotes=[], size=size, status="new",
                            hidden=False, label_edited=False, priority=priority, factors={}, items_resolved=0,
                            items_total=size, children=list(children), parent_id=None, merged_into=None)

    page = render_theme(theme(1, "Export", 30, 50.0, (2, 3)), [], [theme(2, "Crash", 10, 40.5), theme(3, "PDF", 20, 30.25)])
    assert "<td>Crash</td><td align='right'>10</td><td align='right'>40.50</td>" in page
    assert "<td>PDF</td><td align='right'>20</td><td align='right'>30.25</td>" in page


def test_undo_texts_name_themes_not_ids(qtbot, classed_workspace):
    """After Move… and Set Status… the Edit menu read "Undo: moved theme 4 (Pdf) under theme 2" and "Undo:
    set the status of theme 1 from 'new' to 'planned'" - ids, and English in the Chinese UI."""
    from PySide6.QtCore import QCoreApplication

    from triage_app.services import theme_edits as te
    from triage_app.services.status import set_status
    from ui.theme_messages import undo_text

    with Workspace(classed_workspace) as ws:
        ids = {t["label"]: t["id"] for t in tq.list_themes(ws.conn)}
        te.set_parent(ws, ids["Pdf"], ids["Charts"])
        moved = undo_text(te.peek(ws))
        te.set_parent(ws, ids["Pdf"], None)
        top = undo_text(te.peek(ws))
        set_status(ws.conn, f"theme:{ids['Export']}", "planned")
        status = undo_text(te.peek(ws))
        translator = _chinese()
        QCoreApplication.installTranslator(translator)
        try:
            status_zh = undo_text(te.peek(ws))
        finally:
            QCoreApplication.removeTranslator(translator)
    assert moved == "&Undo: moved “Pdf” under “Charts”"
    assert top == "&Undo: made “Pdf” a top-level theme"
    assert status == "&Undo: set the status of “Export” to planned"
    assert "“Export”" in status_zh and "已计划" in status_zh and "theme" not in status_zh


def test_sub_theme_chart_draws_each_theme_its_largest_sub_themes_and_the_rest():
    from analysis import charts
    from analysis.chart_style import ChartMeta

    subs = [(f"子主题{k}", 10 * (k + 1)) for k in range(7)]  # seven: five drawn, "2 more"
    fig = charts.sub_theme_breakdown([("送餐太慢", 300, subs), ("Praise", 40, [])], ChartMeta(period="p", source="s"))
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]  # an empty panel: title and note, no axis
    assert [ax.get_title(loc="left") for ax in panels] == ["送餐太慢 (n = 300)", "Praise (n = 40)"]
    ticks = [t.get_text() for t in panels[0].get_yticklabels()]
    assert ticks == ["子主题6", "子主题5", "子主题4", "子主题3", "子主题2", "2 more", "not in a sub-theme"]
    widths = sorted(round(p.get_width()) for p in panels[0].patches)
    assert widths == sorted([70, 60, 50, 40, 30, 10 + 20, 300 - 280])
    assert any(t.get_text() == "no sub-themes" for t in panels[1].texts)


def test_undated_workspace_leaves_out_the_created_column(qtbot, settings_home, tmp_path, classed_workspace):
    """A survey export without dates (zh-waimai) showed an empty "Created" column taking the feedback's room,
    and a period filter that could only empty the table."""
    from ui.items_model import COLUMN_KEYS
    from ui.main_window import MainWindow

    data = tmp_path / "undated.csv"
    data.write_text("comment\n配送太慢了\n很好吃\n", encoding="utf-8")
    path = tmp_path / "undated.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping={"text": "comment"}))
    created = COLUMN_KEYS.index("created_at")
    window = MainWindow(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.feedback.model.rowCount() == 2, timeout=10_000)
    assert window.feedback.table.isColumnHidden(created) and not window.feedback.period.isEnabled()
    dated = _open(qtbot, classed_workspace)
    assert not dated.feedback.table.isColumnHidden(created) and dated.feedback.period.isEnabled()

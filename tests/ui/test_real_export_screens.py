"""What a product manager saw on real exports (session 11, nlbse24 issues and zh-waimai reviews): issue
quotes that were template text and Markdown, rows of +0.00 factors the data has no values for, and empty
sub-theme panels drawn as frames with a scale."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from triage_app.records import ThemeSummary  # noqa: E402
from ui.themes_view import render_loved, render_theme  # noqa: E402

ISSUE_BODY = ("<!--\n  Note: if the issue is about documentation or the website, please file it at:\n"
              "  https://example.org/issues/new\n-->\n\n**Do you want to request a *feature* or report a *bug*?**\n"
              "Feature\n\n**What is the current behavior?**\n`useState` resets when the **parent** re-renders\n")


def _theme(factors=None) -> ThemeSummary:
    return ThemeSummary(id=1, label="State changes", keywords=["state"], quotes=[], size=30, status="new",
                        hidden=False, label_edited=False, priority=40.0, factors=factors or {}, items_resolved=0,
                        items_total=30, children=[], parent_id=None, merged_into=None)


def _quote(text: str, source_format: str, title: str | None = None) -> dict:
    """A quote as theme_board.load_board hands it to the board: with the line to display (made in the core)."""
    from triage_app.services.quote_display import with_shown

    return with_shown({"id": 1, "title": title, "text": text, "source_format": source_format, "created_at": None,
                       "source": None})


def test_an_issue_quote_shows_what_the_person_wrote_not_its_template():
    page = render_theme(_theme(), [_quote(ISSUE_BODY, "github")])
    said = page.split("What people say")[1]
    assert "useState resets when the parent re-renders" in said
    for template in ("&lt;!--", "Note: if the issue", "Do you want to request", "**", "`"):
        assert template not in said


def test_an_issue_quote_leads_with_its_title_and_drops_long_bold_prompts():
    body = ("**If the current behavior is a bug, please provide the steps to reproduce and if possible a minimal demo of "
            "the problem. Your bug will get fixed much faster if we can run your code. Paste the link below:**\n"
            "Click twice and the list is empty\n\n### Version\n\n_No response_")
    page = render_theme(_theme(), [_quote(body, "github", "List empties on `dblclick`")])
    said = page.split("What people say")[1]
    assert "“List empties on dblclick — Click twice and the list is empty”" in said


def test_a_review_quote_is_shown_as_written():
    review = "Great app, 5* from me **really**\n  but the   login breaks"
    page = render_theme(_theme(), [_quote(review, "generic")])
    assert "Great app, 5* from me **really** but the login breaks" in page


def test_a_template_only_issue_still_shows_a_quote():
    page = render_theme(_theme(), [_quote("**What is the current behavior?**", "github")])
    assert "What is the current behavior?" in page.split("What people say")[1]


def test_praise_quote_of_an_issue_is_cleaned_too():
    loved = [{"label": "Docs", "size": 9, "praise_share": 0.8, "praise_quote": _quote(ISSUE_BODY, "github")}]
    page = render_loved(loved)
    assert "useState resets" in page and "&lt;!--" not in page and "**" not in page


def test_factors_that_add_nothing_are_one_line_not_rows_of_empty_bars():
    factors = {"volume": 24.88, "negativity": 2.8, "nps_impact": 0.0, "csat_impact": 0.0, "votes": 0.001}
    page = render_theme(_theme(factors), [])
    assert page.count("bgcolor=") == 2  # a bar for volume and negativity only
    assert "+0.00" not in page
    assert "Add nothing here (0.00): NPS impact, CSAT impact, Votes and reactions" in page


def test_no_zero_line_when_every_factor_counts():
    page = render_theme(_theme({"volume": 10.0, "people": 5.0}), [])
    assert page.count("bgcolor=") == 2 and "Add nothing here" not in page


def test_a_theme_without_sub_themes_is_a_note_not_an_empty_frame_and_items_stays_labelled():
    from analysis import charts
    from analysis.chart_style import ChartMeta

    themes = [("配送", 300, [("送餐太慢", 200), ("没送", 60)]), ("差评", 24, []), ("量太少", 39, []),
              ("Praise", 40, []), ("服务", 20, [("态度", 12)])]  # 4 columns: the bottom row holds 服务 only
    fig = charts.sub_theme_breakdown(themes, ChartMeta(period="p", source="s"))
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    empty = [ax for ax in panels if any(t.get_text() == "no sub-themes" for t in ax.texts)]
    assert len(empty) == 3 and not any(ax.axison for ax in empty)
    labelled = [ax.get_title(loc="left").split(" (")[0] for ax in panels if ax.get_xlabel() == "Items"]
    assert labelled == ["服务"]  # the lowest panel with bars of each column (配送's column: 服务 below it)


def test_empty_score_and_author_columns_leave_their_room_to_the_feedback(qtbot, settings_home, tmp_path):
    """zh-waimai reviews and nlbse24 issues have no score and no author: two empty columns (136 px) narrowed the
    Feedback column to a third of the table. A file with scores and authors keeps both columns."""
    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from ui.items_model import COLUMN_KEYS
    from ui.main_window import MainWindow

    score, author = COLUMN_KEYS.index("score"), COLUMN_KEYS.index("author")
    windows = {}
    for name, body, mapping in (("bare", "comment\n配送太慢了\n很好吃\n", {"text": "comment"}),
                                ("full", "comment,stars,user\n配送太慢了,2,ann\n很好吃,5,\n",
                                 {"text": "comment", "rating": "stars", "author": "user"})):
        data = tmp_path / f"{name}.csv"
        data.write_text(body, encoding="utf-8")
        path = tmp_path / f"{name}.triage"
        with Workspace(path) as ws:
            run_import(ws, data, ImportOptions(format="generic", mapping=mapping))
        window = MainWindow(path)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda w=window: w.feedback.model.rowCount() == 2 and w.feedback.source.count() == 2,
                        timeout=10_000)  # the rows and the filter choices ("All sources", the file)
        windows[name] = window.feedback
    bare, full = windows["bare"], windows["full"]
    assert bare.table.isColumnHidden(score) and bare.table.isColumnHidden(author) and not bare.band.isEnabled()
    assert not full.table.isColumnHidden(score) and not full.table.isColumnHidden(author) and full.band.isEnabled()


def test_briefing_factor_chart_names_the_zero_factors_in_its_footer_not_as_rows():
    """A briefing theme page on reviews drew five of nine rows as "0.0" (no NPS, CSAT, votes, lag, dates)."""
    from analysis import charts
    from analysis.chart_style import ChartMeta

    factors = {"volume": 23.4, "people": 14.0, "growth": 0.0, "negativity": 13.9, "nps_impact": 0.0, "votes": 0.02}
    fig = charts.priority_factors(factors, ChartMeta(period="p", source="s"), priority=51.3, n=420)
    ax = next(a for a in fig.axes if a.get_yticklabels())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Volume", "People", "Negativity"]
    footer = " ".join(t.get_text() for t in fig.texts)
    assert "Add nothing here (0.0): Growth, NPS impact, Votes" in footer
    from triage_app.services.briefing_pages import _table

    zh = charts.priority_factors(factors, ChartMeta(period="p", source="s", tr=_table("zh")), priority=51.3, n=420)
    assert "本主题中为 0（不计入）：" in " ".join(t.get_text() for t in zh.texts)
    every_zero = charts.priority_factors({"volume": 0.0, "people": 0.0}, ChartMeta(period="p", source="s"))
    ax = next(a for a in every_zero.axes if a.get_yticklabels())
    assert len(ax.get_yticklabels()) == 2  # nothing else to draw: the rows stay


def test_stacked_sub_theme_panels_keep_twenty_character_bar_labels_whole():
    """nlbse24, ten themes in three rows of four panels: "Bitcoin Core version" read "Bitcoin Core versi…"
    and "TensorFlow Lite model" "TensorFlow Lite mo…" beside half-empty panels."""
    from analysis import charts
    from analysis.chart_style import ChartMeta

    names = ["Bitcoin Core version", "TensorFlow Lite model", "OpenCV cannot import", "Add accessible view"]
    themes = [(f"Theme {k}", 74, [(name, 20 - j) for j, name in enumerate(names)]) for k in range(10)]  # 20+19+18+17
    fig = charts.sub_theme_breakdown(themes, ChartMeta(period="p", source="s"))
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(panels) == 10
    for ax in panels:
        assert [t.get_text() for t in ax.get_yticklabels()] == names


def test_the_zero_factor_line_reads_as_chinese_in_the_chinese_ui(qtbot, settings_home):
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    translator = QTranslator()
    assert translator.load("triage_zh_CN", str(Path(__file__).parents[2] / "resources" / "translations"))
    QApplication.instance().installTranslator(translator)
    try:
        page = render_theme(_theme({"volume": 10.0, "nps_impact": 0.0, "votes": 0.0}), [])
    finally:
        QApplication.instance().removeTranslator(translator)
    assert "本主题中为 0（不计入）：NPS 影响、投票和表情回应" in page


def test_an_item_in_no_theme_reads_unassigned_once_there_are_themes(qtbot, settings_home, themed_workspace, tmp_path):
    """app-reviews: 8% of the items are in no theme, and their Theme cell was blank, as if the analysis had
    skipped them. Before any analysis the cells stay blank (nothing is assigned yet)."""
    from PySide6.QtCore import Qt

    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from ui.items_model import COLUMN_KEYS
    from ui.main_window import MainWindow

    column = COLUMN_KEYS.index("theme")

    def cells(path):
        window = MainWindow(path)
        qtbot.addWidget(window)
        view = window.feedback
        qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.source.count() == 2, timeout=10_000)
        return {view.model.index(r, column).data(): view.model.index(r, column).data(Qt.ItemDataRole.ForegroundRole)
                for r in range(2)}

    themed = cells(themed_workspace("text\nThe login page hangs\nLove the new icons\n", {"Login": (1,)}))
    assert set(themed) == {"Login", "(unassigned)"} and themed["(unassigned)"] is not None and themed["Login"] is None
    data = tmp_path / "plain.csv"
    data.write_text("text\nThe login page hangs\nLove the new icons\n", encoding="utf-8")
    with Workspace(tmp_path / "plain.triage") as ws:
        run_import(ws, data, ImportOptions(format="generic"))
    assert set(cells(tmp_path / "plain.triage")) == {""}

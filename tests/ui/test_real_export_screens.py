"""What a product manager saw on real exports (session 11, nlbse24 issues and zh-waimai reviews): issue
quotes that were template text and Markdown, rows of +0.00 factors the data has no values for, and empty
sub-theme panels drawn as frames with a scale."""
from __future__ import annotations

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


def _quote(text: str, source_format: str) -> dict:
    return {"id": 1, "title": None, "text": text, "source_format": source_format, "created_at": None, "source": None}


def test_an_issue_quote_shows_what_the_person_wrote_not_its_template():
    page = render_theme(_theme(), [_quote(ISSUE_BODY, "github")])
    said = page.split("What people say")[1]
    assert "useState resets when the parent re-renders" in said
    for template in ("&lt;!--", "Note: if the issue", "Do you want to request", "**", "`"):
        assert template not in said


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

"""What a product manager saw on real exports (session 12): issue quotes cleaned on the app's UI thread, an emptied
top-level theme reported as a row, page and bar of nothing, "0 of N closed" for feedback that has no status, and
"previous: 0" where there is no previous period.

The workspace is the hand-built tree of test_hidden_theme_counts (import, then themes written through the store)."""
from __future__ import annotations

import json

import matplotlib
from click.testing import CliRunner
from test_hidden_theme_counts import PERIOD, tree  # noqa: F401  (the fixture)

from triage_app.cli import cli
from triage_app.domain import drive
from triage_app.services import briefing_pages
from triage_app.services import theme_edits as edits
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.dashboard import dashboard_charts, undated_charts
from triage_app.services.theme_board import load_board
from triage_app.services.theme_summaries import theme_summaries

matplotlib.use("Agg")

ISSUE = ("<!-- Note: please search first -->\n**Do you want to request a *feature* or report a *bug*?**\nBug\n\n"
         "**What is the current behavior?**\nThe `checkout` button **hangs** forever\n")


def _texts(chart) -> list[str]:
    """Every text drawn on a dashboard chart (labels, ticks, titles)."""
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    fig = Figure()
    chart.draw(fig)
    return [t.get_text() for t in fig.findobj(Text)]


def _empty_checkout(ws, checkout: int, login: int, subs: dict) -> None:
    """The PM moves every sub-theme of "Checkout problems" under "Login": the top-level theme is left empty."""
    for name in ("slow", "card", "noise"):
        edits.set_parent(ws, subs[name], login)
    ws.conn.commit()


# -- 1: the board's quotes are made in the core -------------------------------------------------------
def test_the_board_hands_the_app_each_quote_as_the_line_to_display(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    conn = ws.conn
    item = conn.execute("SELECT item_id FROM item_themes WHERE theme_id = ? LIMIT 1", (subs["slow"],)).fetchone()[0]
    conn.execute("UPDATE items SET text = ?, title = ?, source_format = 'github' WHERE id = ?",
                 (ISSUE, "Checkout hangs on `pay`", item))
    conn.execute("UPDATE themes SET quotes = ? WHERE id = ?", (json.dumps([item]), subs["slow"]))
    conn.commit()
    quote = load_board(conn)["quote_items"][subs["slow"]][0]
    assert quote["shown"] == "Checkout hangs on pay — Bug The checkout button hangs forever"
    assert quote["text"] == ISSUE  # the item as stored is still there


def test_the_theme_board_does_not_clean_text_itself():
    """The text cleaner (analysis.text_clean) runs in the core, not on the app's UI thread."""
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "ui"
    assert not (ui / "quotes.py").exists()
    for path in ui.glob("*.py"):
        assert "text_clean" not in path.read_text(encoding="utf-8"), path.name


# -- 2: an emptied top-level theme is not reported -----------------------------------------------------
def test_an_emptied_top_level_theme_has_no_row_page_or_bar_in_the_briefing(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    _empty_checkout(ws, checkout, login, subs)
    assert {t.id: t for t in theme_summaries(ws.conn)}[checkout].size == 0
    data = drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=10)))
    assert [t["id"] for t in data["themes"]] == [login] and data["themes_total"] == 1
    pages = briefing_pages.build(data)
    titles = [p.title for p in pages]
    assert not any("Checkout problems" in title for title in titles)
    summary = next(p for p in pages if p.kind == "summary")
    assert all("Checkout problems" not in row[1] for table in summary.tables for row in table.rows)
    # the themes command still lists it (the contract lists size-0 themes)
    listed = {t["id"]: t for t in json.loads(CliRunner().invoke(cli, ["themes", "-w", str(ws.path), "--json"]).output)}
    assert listed[checkout]["size"] == 0


def test_an_emptied_top_level_theme_has_no_bar_on_the_dashboard(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    _empty_checkout(ws, checkout, login, subs)
    charts = drive(dashboard_charts(ws.conn, None, 10))
    drawn = [text for chart in charts if chart.draw is not None for text in _texts(chart)]
    assert any("Login" in text for text in drawn)
    assert not any("Checkout problems" in text for text in drawn)
    # undated items: the charts that need no dates
    ws.conn.execute("UPDATE items SET created_at = NULL")
    ws.conn.commit()
    undated = [text for chart in undated_charts(ws.conn) for text in _texts(chart)]
    assert any("Login" in text for text in undated) and not any("Checkout problems" in text for text in undated)


def test_an_emptied_sub_theme_is_not_listed_under_its_theme(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    items = [i for (i,) in ws.conn.execute("SELECT item_id FROM item_themes WHERE theme_id = ?", (subs["noise"],))]
    edits.move_items(ws, items, subs["slow"])
    ws.conn.commit()
    data = drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=10)))
    shown = next(t for t in data["themes"] if t["id"] == checkout)["sub_themes"]
    assert {s["id"] for s in shown} == {subs["slow"], subs["card"]}


# -- 3c: no "0 of N closed" for feedback that carries no status -------------------------------------------
def _theme_page(data: dict, theme_id: int):
    return next(p for p in briefing_pages.build(data) if p.kind == "theme" and
                p.title.endswith(next(t["label"] for t in data["themes"] if t["id"] == theme_id)))


def test_themes_of_items_without_a_status_say_no_closed_count(tree):  # noqa: F811
    from triage_app.services.status import set_status

    ws, checkout, login, subs = tree
    conn = ws.conn
    summaries = {t.id: t for t in theme_summaries(conn)}
    assert summaries[login].items_total == 3 and summaries[login].items_with_status == 0
    data = drive(gather(conn, BriefingRequest(period=PERIOD, top=10)))
    facts = _theme_page(data, login).facts
    assert "Status: new" in facts and not any("linked items closed" in f for f in facts)
    # one item given a status by a person: the theme (and its top-level theme) counts closed items again
    item = conn.execute("SELECT item_id FROM item_themes WHERE theme_id = ? LIMIT 1", (subs["login-sub"],)).fetchone()[0]
    set_status(conn, str(item), "resolved")
    conn.commit()
    summaries = {t.id: t for t in theme_summaries(conn)}
    assert summaries[login].items_with_status == summaries[subs["login-sub"]].items_with_status == 1
    assert summaries[login].items_resolved == 1
    data = drive(gather(conn, BriefingRequest(period=PERIOD, top=10)))
    assert "Status: new · 1 of 3 linked items closed" in _theme_page(data, login).facts


def test_an_imported_state_is_a_status(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    ws.conn.execute("UPDATE items SET source_state = 'open' WHERE id IN (SELECT item_id FROM item_themes"
                    " WHERE theme_id = ?)", (subs["card"],))
    ws.conn.commit()
    summaries = {t.id: t for t in theme_summaries(ws.conn)}
    assert summaries[checkout].items_with_status == summaries[subs["card"]].items_with_status == 3
    assert summaries[subs["slow"]].items_with_status == 0


# -- 3d: no "previous: 0" without a previous period ---------------------------------------------------------
def test_without_earlier_feedback_nothing_says_previous_zero(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    data = drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=10)))  # the data starts on 2024-03-01
    assert not data["earlier_data"]
    facts = _theme_page(data, login).facts
    assert "Items this period: 3" in facts and not any("previous" in f for f in facts)
    summary = next(p for p in briefing_pages.build(data) if p.kind == "summary")
    headline, themes = summary.tables[:2]
    assert headline.rows[0][2] == "–"  # items received: no previous period
    assert themes.header[3] == "Items" and all("(" not in row[3] for row in themes.rows)
    # a period with feedback before it compares with it
    later = drive(gather(ws.conn, BriefingRequest(period="2024-03-08..2024-03-31", top=10)))
    assert later["earlier_data"]
    assert any(f.startswith("Items this period: ") and "(previous: " in f for f in _theme_page(later, checkout).facts)

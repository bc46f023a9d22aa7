"""Briefing defects found in a PM's first hour: whole-word wrapping, what the summary promises,
the newest item counted, consistent backlog wording, decoded quotes, explained n, no empty pages,
the period of `brief` without --period, and the "You said, we did" page."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from triage_app.cli import cli
from triage_app.importers.source import ImportOptions
from triage_app.services import briefing_pages
from triage_app.services import status as st
from triage_app.services.briefing import BriefingRequest, gather, newest_end
from triage_app.services.briefing_pages import Table
from triage_app.services.briefing_render import fit_widths, wrap
from triage_app.services.importing import run_import
from triage_app.store import themes as tq
from triage_app.store.queries import transaction


def _drive(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def _issue(n, day, text, state="OPEN"):
    return {"number": n, "title": f"CSV export loses headers &amp; dates ({n})", "body": text, "state": state,
            "stateReason": "COMPLETED" if state == "CLOSED" else None, "createdAt": f"2021-03-{day:02d}T10:00:00Z",
            "closedAt": f"2021-03-{day + 1:02d}T10:00:00Z" if state == "CLOSED" else None,
            "author": {"login": f"user{n}", "is_bot": False}, "url": f"https://github.com/acme/app/issues/{n}",
            "labels": [], "comments": []}


ISSUES = [_issue(n, n, f"Exporting to CSV loses the header row &amp; the dates, case {n} of many", "CLOSED" if n < 4 else "OPEN")
          for n in range(1, 13)]


@pytest.fixture
def ws(workspace, write_file):
    run_import(workspace, write_file("issues.json", json.dumps(ISSUES)), ImportOptions(format="github_cli"))
    conn = workspace.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
    with transaction(conn):
        run = tq.create_run(conn, "test", 1, {})
        themes = [tq.insert_theme(conn, label=f"Theme {k}", keywords=["export"], quotes=[ids[k]], created_run_id=run)
                  for k in range(11)]
        tq.set_assignments(conn, [(i, themes[k % 11], 0.9, "model", run) for k, i in enumerate(ids)])
        tq.refresh_sizes(conn)
    workspace.themes, workspace.ids = themes, ids
    return workspace


def _data(ws, **kw):
    request = BriefingRequest(period="30", as_of=newest_end(ws.conn), top=10, workspace_name="w", **kw)
    return _drive(gather(ws.conn, request))


def test_table_columns_fit_whole_words_in_both_languages():
    table = Table(["#", "Theme", "Priority", "Items (change)", "Status"],
                  [["1", "A rather long theme label about exporting", "50.1", "1,234 (+5%)", "in progress"],
                   ["2", "登录失败", "40.0", "12 (–)", "进行中"]], [0.4, 3.2, 1.0, 1.5, 1.2])
    widths = fit_widths(table, 36)
    assert sum(widths) == pytest.approx(36)
    assert wrap("in progress", widths[4] - 1.0) in (["in progress"], ["in", "progress"])
    assert all("progres" != line for line in wrap("in progress", widths[4] - 1.0))
    assert wrap("进行中", widths[4] - 1.0) == ["进行中"]
    assert wrap("未达到（超过一半仍在等待）", 4)[0] == "未达到"  # an opening bracket never ends a line


def test_summary_lists_every_theme_it_promises(ws):
    data = _data(ws)
    summary = briefing_pages.summary_page(data, briefing_pages.Tr("en"))
    assert len(data["themes"]) == 10
    assert len(summary.tables[1].rows) == 10
    assert "the top 10 by priority are reported" in " ".join(summary.facts)


def test_newest_item_is_counted_and_brief_ends_at_the_newest_item(ws, tmp_path):
    data = _data(ws)
    assert data["items_now"] == 12  # all within 30 days of the newest, the newest included
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(cli, ["brief", "-w", str(ws.path), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["headline"]["items"]["now"] == 12 and summary["period"].endswith("2021-03-12")


def test_backlog_says_what_was_closed_after_the_period(ws):
    st.set_status(ws.conn, f"item:{ws.ids[-1]}", "resolved", note="fixed")  # today, after the data's period
    data = _data(ws)
    table = briefing_pages.summary_page(data, briefing_pages.Tr("en")).tables[0]
    backlog = next(r for r in table.rows if r[0].startswith("Open backlog"))
    assert backlog[1] == "9" and "1 of them closed after the period ended" in backlog[4]


def test_quotes_are_decoded_and_n_is_explained(ws):
    data = _data(ws)
    quotes = [q["text"] for t in data["themes"] for q in t["quotes_shown"]]
    assert quotes and all("&amp;" not in q for q in quotes) and any(" & " in q for q in quotes)
    pages = briefing_pages.build(data)
    ranking = next(p for p in pages if p.title == "Themes ranked by priority")
    fig = ranking.charts[0].draw(__import__("matplotlib.figure").figure.Figure(figsize=(10, 6)))
    footer = fig._supxlabel.get_text()
    assert "items in these 10 themes (all time)" in footer


def test_pages_without_data_step_aside_and_the_summary_says_why(ws):
    data = _data(ws)
    titles = [p.title for p in briefing_pages.build(data)]
    assert "Satisfaction" not in titles  # no scores at all
    assert "Response and resolution times" in titles and "Status" in titles
    summary = briefing_pages.build(data)[0]
    assert any("import a survey or reviews with a score column" in f for f in summary.facts)


def test_you_said_we_did_lists_themes_done_in_the_period(ws):
    assert "You said, we did" not in [p.title for p in briefing_pages.build(_data(ws))]
    st.set_status(ws.conn, f"theme:{ws.themes[0]}", "resolved", note="CSV export keeps headers since 3.2")
    st.set_status(ws.conn, f"theme:{ws.themes[1]}", "triaged")  # not done: not listed
    pages = briefing_pages.build(_data(ws))
    said = next(p for p in pages if p.title == "You said, we did")
    assert len(said.sections) == 1
    heading, paragraphs = said.sections[0]
    assert heading.startswith("Theme 0 — resolved on ")
    assert paragraphs[-1] == "What we did: CSV export keeps headers since 3.2"
    assert any("CSV export loses headers & dates" in p and "&amp;" not in p for p in paragraphs)
    zh = briefing_pages.build(_data(ws, lang="zh"))
    assert any(p.title == "您的反馈，我们的行动" for p in zh)

"""First hour, session 6: sources named as people call them in the briefing, the dashboard and the
"Tell people" update (never "github_cli" or "generic"); quotes without a date end cleanly; a
themes-by-segment chart of one column steps aside and the summary says why."""
from __future__ import annotations

import json

import pytest
from matplotlib.figure import Figure

from triage_app.importers import all_importers
from triage_app.importers.source import ImportOptions
from triage_app.services import briefing_pages, dashboard
from triage_app.services.briefing import BriefingRequest, gather, newest_end
from triage_app.services.importing import run_import
from triage_app.services.source_labels import SOURCE_NAMES, source_label, sources_line
from triage_app.store import themes as tq
from triage_app.store.queries import transaction


def _drive(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def _issue(n):
    return {"number": n, "title": f"Sync drops my notes after sleep ({n})", "state": "OPEN",
            "body": f"The sync drops my notes after the laptop sleeps, case {n}", "createdAt": f"2021-03-{n:02d}T10:00:00Z",
            "author": {"login": f"user{n}", "is_bot": False}, "url": f"https://github.com/acme/app/issues/{n}",
            "labels": [], "comments": []}


def _themed(ws, label="Sync drops notes"):
    conn = ws.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
    with transaction(conn):
        run = tq.create_run(conn, "test", 1, {})
        theme = tq.insert_theme(conn, label=label, keywords=["sync"], quotes=ids[:3], created_run_id=run)
        tq.set_assignments(conn, [(i, theme, 0.9, "model", run) for i in ids])
        tq.refresh_sizes(conn)
    return theme


@pytest.fixture
def github_ws(workspace, write_file):
    run_import(workspace, write_file("issues.json", json.dumps([_issue(n) for n in range(1, 10)])),
               ImportOptions(format="github_cli"))
    _themed(workspace)
    return workspace


def _data(ws, lang="en"):
    request = BriefingRequest(period="30", as_of=newest_end(ws.conn), top=10, workspace_name="w", lang=lang)
    return _drive(gather(ws.conn, request))


def _texts(fig) -> str:
    return " | ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def test_every_importer_has_a_name_people_know():
    assert {imp.name for imp in all_importers()} <= set(SOURCE_NAMES)
    assert sources_line(["google_forms", "github_cli", "github"]) == "Google Forms, GitHub"
    zh = briefing_pages.Tr("zh")
    assert source_label("google_forms", zh) == "Google 表单" and source_label("generic", zh) == "表格"
    assert sources_line(["wenjuanxing", "GitHub"], zh) == "问卷星、GitHub"
    assert source_label("Support desk") == "Support desk"  # a name the user gave stays
    from triage_app.services.tell import _source_names

    # a table's items by their file's or import's name ("Table" said nothing in the update)
    assert _source_names([{"source_format": "generic", "source": "Support desk"}, {"source_format": "zendesk"}]) == \
        "Support desk, Zendesk"


def test_briefing_names_sources_in_footers_quotes_and_methods(github_ws):
    for lang in ("en", "zh"):
        data = _data(github_ws, lang)
        pages = briefing_pages.build(data)
        shown = []
        for page in pages:
            shown += page.facts + page.quotes + [line for _, lines in page.sections for line in lines]
            for chart in page.charts:
                shown.append(_texts(chart.draw(Figure(figsize=(10, 6)))))
        text = " | ".join(shown)
        assert "github_cli" not in text, lang
        assert "w: GitHub" in text  # the chart footers' data source
        assert "GitHub, 2021-03-0" in text  # who said it, and when


def test_dashboard_footer_of_undated_data_names_the_source(workspace, write_file):
    run_import(workspace, write_file("issues.json", json.dumps([dict(_issue(n), createdAt=None) for n in range(1, 6)])),
               ImportOptions(format="github_cli"))
    _themed(workspace)
    charts = _drive(dashboard.dashboard_charts(workspace.conn, 90, 10, "en"))
    drawn = [c for c in charts if c.draw is not None]
    assert drawn
    for chart in drawn:
        text = _texts(chart.draw(Figure(figsize=(10, 6))))
        assert "GitHub" in text and "github_cli" not in text


def test_a_quote_without_a_date_has_no_dangling_comma():
    tr = briefing_pages.Tr("en")
    assert briefing_pages.quote_line({"text": "slow", "source": "generic", "date": ""}, tr) == "“slow” — Table"
    assert briefing_pages.quote_line({"text": "slow", "source": "zendesk", "date": "2024-01-02"}, tr) == \
        "“slow” — Zendesk, 2024-01-02"


def test_segment_chart_of_one_source_steps_aside_and_the_summary_says_why(github_ws, write_file):
    pages = briefing_pages.build(_data(github_ws))
    assert "Themes by segment" not in [p.title for p in pages]
    assert any("is in one segment (GitHub)" in f for f in pages[0].facts)
    charts = _drive(dashboard.dashboard_charts(github_ws.conn, 90, 10, "en"))
    assert any(c.draw is None and "is in one segment" in c.title for c in charts)
    # a second source: the chart is back, its columns named as people call the sources
    run_import(github_ws, write_file("tickets.csv", "id,created,comment\n"
                                     + "".join(f"{n},2021-03-{n:02d} 11:00,Sync lost my notes again {n}\n"
                                               for n in range(1, 6))), ImportOptions(source_name="Support desk"))
    _themed(github_ws, "Sync drops notes (2)")
    pages = briefing_pages.build(_data(github_ws))
    heatmap = next(p for p in pages if p.title == "Themes by segment")
    text = _texts(heatmap.charts[0].draw(Figure(figsize=(10, 6))))
    assert "GitHub" in text and "Support desk" in text and "github_cli" not in text


def test_briefing_of_undated_feedback_covers_every_item_without_time_pages(workspace, write_file, tmp_path):
    """A workspace whose items have no dates (Chinese reviews without a date column) used to brief
    "0 items received" with ten empty trend charts and a period ending today."""
    rows = "".join(f"配送太慢了，饭菜都凉了，第{n}次\n" if n % 2 else f"味道不错，包装很好，第{n}次\n" for n in range(40))
    run_import(workspace, write_file("reviews.csv", "review\n" + rows))
    _themed(workspace, "配送太慢")
    for lang in ("en", "zh"):
        data = _data(workspace, lang)
        assert data["undated"] and data["items_now"] == 40 and data["themes"][0]["items_now"] == 40
        assert sum(data["themes"][0]["sentiment"]) == 40  # every item, not those of a window
        pages = briefing_pages.build(data)
        titles = [p.title for p in pages]
        tr = briefing_pages.Tr(lang)
        assert tr("Theme volume over time") not in titles and tr("Satisfaction") not in titles
        summary = pages[0]
        assert summary.tables[0].rows[0][1] == "40"
        assert any(tr(briefing_pages.UNDATED_NOTE, n="40") == f for f in summary.facts)
        theme = next(p for p in pages if p.kind == "theme")
        assert [c.name for c in theme.charts] == ["factors"]  # no empty trend
        assert data["window"].label == tr("every item (no dates)")
        assert not data["translator"].missing
    # the file: every page has something drawn or written (pdf_pages counts drawing operations)
    from triage_app.services.briefing import generate
    from tests.unit.pdf_pages import page_contents

    out = tmp_path / "undated.pdf"
    result = _drive(generate(workspace.conn, BriefingRequest(period="30", top=5, lang="zh", workspace_name="w"), out))
    assert len(page_contents(out)) == result.pages
    for slides in (tmp_path / "undated.pptx",):
        _drive(generate(workspace.conn, BriefingRequest(period="30", top=5, lang="en", workspace_name="w"), slides))
        assert slides.stat().st_size > 0


def test_pdf_draws_no_empty_boxes_for_control_characters_or_emoji(workspace, write_file, tmp_path):
    """Reviews exported through a wrong code page carry "ð\\x9f\\x98¡" (an emoji's UTF-8 read as
    Latin-1); the PDF drew the control characters as empty boxes."""
    import warnings

    from triage_app.services.briefing import generate
    from triage_app.services.briefing_render import wrap

    assert wrap("fix this ð\x9f\x98¡ please 🙏", 80) == ["fix this ð¡ please"]
    assert wrap("配送太慢了 😡", 80) == ["配送太慢了 😡"]  # an emoji a chart font has stays
    rows = "".join(f"{n},2024-03-{1 + n % 9:02d},The login fails again ð\x9f\x98¡ fix this please 🙏 ({n})\n"
                   for n in range(12))
    run_import(workspace, write_file("reviews.csv", "id,date,review\n" + rows))
    _themed(workspace, "Login fails 🙏")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _drive(generate(workspace.conn, BriefingRequest(period="30", top=3, workspace_name="w"), tmp_path / "b.pdf"))
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing

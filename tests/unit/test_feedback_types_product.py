"""Feedback type in the product: the type mix in the briefing and on the dashboard (English and
Chinese), mapped values from files and trackers (a mapped value outranks the model), and the ranking
that puts the themes to fix before the mostly-praise ones."""
from __future__ import annotations

import csv
import io
import json

import pytest

from analysis.label_values import normalise_sentiment, normalise_type, type_from_issue_type, type_from_labels
from analysis.priority import mostly_praise, rank_key
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import briefing_pages
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.store import Workspace
from triage_app.store import themes as tq
from triage_app.store.queries import transaction

# (created, text, type as the file spells it, sentiment as the file spells it, theme)
ROWS = [
    ("2024-03-01 10:00", "Export to Excel crashes on large sheets", "bug", "neg", "export"),
    ("2024-03-02 10:00", "The CSV export drops the last column", "Bug Report", "1", "export"),
    ("2024-03-03 10:00", "导出报表时程序崩溃", "缺陷", "差评", "export"),
    ("2024-03-04 10:00", "Export is broken since the update", "defect", "negative", "export"),
    ("2024-03-05 10:00", "Please add export to PDF", "enhancement", "neutral", "export"),
    ("2024-03-06 10:00", "Export is fast now, thanks!", "praise", "5", "export"),
    ("2024-03-07 10:00", "Dark mode please", "feature", "3", "dark"),
    ("2024-03-08 10:00", "希望增加深色模式", "建议", "中评", "dark"),
    ("2024-03-09 10:00", "A dark theme for the editor would be nice", "Feature Request", "neutral", "dark"),
    ("2024-03-10 10:00", "Love the new dark colours", "kudos", "好评", "dark"),
    ("2024-03-11 10:00", "How do I change the language?", "question", "neutral", None),
    ("2024-03-12 10:00", "Where is the settings page?", "how-to", "neu", None),
]
PERIOD = "2024-03-01..2024-03-31"


def _csv(rows, dated=True) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "created", "comment", "kind", "mood"])
    for i, (created, text, kind, mood, _) in enumerate(rows, 1):
        w.writerow([i, created if dated else "", text, kind, mood])
    return buf.getvalue()


def _workspace(tmp_path, dated=True):
    data = tmp_path / "f.csv"
    data.write_text(_csv(ROWS, dated), encoding="utf-8")
    path = tmp_path / "w.triage"
    mapping = {"id": "id", "text": "comment", "type": "kind", "sentiment": "mood"}
    if dated:
        mapping["created_at"] = "created"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping=mapping))
        drive(score_items(ws.conn))  # every item has a mapped sentiment and type: no model is needed
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "test", 1, {})
            ids = {key: tq.insert_theme(ws.conn, label=label, keywords=[key], created_run_id=run, updated_run_id=run)
                   for key, label in (("export", "Export"), ("dark", "Dark mode"))}
            items = [r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY id")]
            tq.set_assignments(ws.conn, [(i, ids[row[4]], 0.9, "model", run)
                                         for i, row in zip(items, ROWS) if row[4]])
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
    return path, ids


def test_mapped_values_outrank_the_model_and_are_normalised(tmp_path):
    path, _ = _workspace(tmp_path)
    with Workspace(path) as ws:
        rows = ws.conn.execute("SELECT label, method, feedback_type, type_method FROM item_sentiment"
                               " ORDER BY item_id").fetchall()
    assert [r[2] for r in rows] == ["problem"] * 4 + ["request", "praise", "request", "request", "request", "praise",
                                                      "question", "question"]
    assert [r[0] for r in rows] == ["negative"] * 4 + ["neutral", "positive", "neutral", "neutral", "neutral",
                                                       "positive", "neutral", "neutral"]
    assert {r[1] for r in rows} == {"mapped"} and {r[3] for r in rows} == {"mapped"}


@pytest.mark.parametrize("value, expected", [
    ("positive", "positive"), ("Pos", "positive"), ("neg", "negative"), ("1", "negative"), ("2", "negative"),
    ("3", "neutral"), ("4", "positive"), ("5 stars", "positive"), ("好评", "positive"), ("差评", "negative"),
    ("中评", "neutral"), ("Very negative", "negative"), ("", None), ("banana", None)])
def test_sentiment_spellings(value, expected):
    assert normalise_sentiment(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("bug", "problem"), ("Bug Report", "problem"), ("incident", "problem"), ("feature", "request"),
    ("enhancement", "request"), ("feature-request", "request"), ("Improvement", "request"), ("question", "question"),
    ("How-to", "question"), ("praise", "praise"), ("建议", "request"), ("投诉", "problem"), ("咨询", "question"),
    ("misc", "other"), ("banana", None)])
def test_type_spellings(value, expected):
    assert normalise_type(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("Bug", "problem"), ("Story", "request"), ("Improvement", "request"), ("New Feature", "request"),
    ("[System] Incident", "problem"), ("incident", "problem"), ("problem", "problem"), ("question", "question"),
    ("Task", None), ("Epic", None), ("Sub-task", None), ("task", None), ("[System] Service request", None), (None, None)])
def test_issue_and_ticket_types(value, expected):
    assert type_from_issue_type(value) == expected


@pytest.mark.parametrize("labels, expected", [
    (["bug", "ui"], "problem"), (["enhancement"], "request"), (["question"], "question"), (["type::bug"], "problem"),
    (["kind/feature"], "request"), (["🐛 bug"], "problem"), (["Type: Question"], "question"),
    (["help wanted", "good first issue"], None),  # asks for contributors: not a question
    (["feature: export"], None),  # an area
    (["question", "bug"], "problem"), ([], None)])
def test_labels(labels, expected):
    assert type_from_labels(labels) == expected


# -- the briefing and the dashboard ---------------------------------------------------------------
def _gather(path, lang="en"):
    with Workspace(path) as ws:
        return drive(gather(ws.conn, BriefingRequest(period=PERIOD, lang=lang, as_of="2024-03-31T00:00:00+00:00")))


def test_briefing_type_mix(tmp_path):
    path, ids = _workspace(tmp_path)
    data = _gather(path)
    assert data["type_totals"] == (4, 4, 2, 2, 0, 0)  # every item of the period, themed or not
    by_label = {t["label"]: t for t in data["themes"]}
    assert by_label["Export"]["types"] == (4, 1, 0, 1, 0, 0) and by_label["Dark mode"]["types"] == (0, 3, 0, 1, 0, 0)
    pages = briefing_pages.build(data)
    summary = pages[0]
    assert any("Feedback this period by type: Problems 33% · Requests 33% · Questions 17% · Praise 17% (n = 12)." == f
               for f in summary.facts), summary.facts
    export = next(p for p in pages if p.title == "Theme 1: Export")
    assert "Feedback types (all its items): Problems 67% · Requests 17% · Praise 17%" in export.facts
    page = next(p for p in pages if p.title == "Feedback type by theme")
    assert page.facts[0] == "All feedback: Problems 33% · Requests 33% · Questions 17% · Praise 17%."
    fig = page.charts[0].draw(None)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["All feedback", "Export", "Dark mode"]
    widths = [round(p.get_width()) for p in fig.axes[0].patches if p.get_width() > 0]
    assert sorted(widths) == sorted([33, 33, 17, 17, 67, 17, 17, 75, 25])


def test_briefing_type_mix_in_chinese(tmp_path):
    path, _ = _workspace(tmp_path)
    data = _gather(path, "zh")
    pages = briefing_pages.build(data)
    assert any(f.startswith("本期反馈按类型：问题 33% · 需求 33% · 提问 17% · 表扬 17%") for f in pages[0].facts)
    page = next(p for p in pages if p.title == "各主题的反馈类型")
    fig = page.charts[0].draw(None)
    assert fig.axes[0].get_yticklabels()[0].get_text() == "全部反馈"
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["问题", "需求", "提问", "表扬", "其他"]
    assert sorted(data["translator"].missing) == []


def test_dashboard_shows_the_type_mix_dated_and_undated(tmp_path):
    from triage_app.services.dashboard import dashboard_charts

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder, dated in (("a", True), ("b", False)):
        path, _ = _workspace(tmp_path / folder, dated)
        with Workspace(path) as ws:
            charts = drive(dashboard_charts(ws.conn, days=None))
        types = [c for c in charts if c.name == "types"]
        assert len(types) == 1, [c.name for c in charts]
        fig = types[0].draw(__import__("analysis.chart_style", fromlist=["new_figure"]).new_figure())
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()][0] == "All feedback"
        assert sum(p.get_width() for p in fig.axes[0].patches) == pytest.approx(300)  # three 100% bars


# -- ranking ---------------------------------------------------------------------------------------
def test_rank_key_puts_problems_before_mostly_praise():
    themes = [(1, 40.0, 0.64, 267), (2, 20.0, 0.39, 28), (3, 5.0, 0.0, 10), (4, 60.0, 0.5, 50), (5, 2.0, 0.97, 90)]
    order = [t[0] for t in sorted(themes, key=lambda t: rank_key(t[1], t[2], t[3], t[0]))]
    assert order == [4, 2, 3, 1, 5]  # half praise is not "mostly"
    assert not mostly_praise(0.5) and mostly_praise(0.51) and not mostly_praise(None)


def test_board_and_cli_rank_a_small_problem_theme_above_a_big_praise_theme(tmp_path):
    """A big theme that is 60% praise outscores a small neutral problem theme on priority (its
    non-praise part is larger) but ranks after it on the board, in ``themes`` and in ``metrics priority``."""
    from click.testing import CliRunner

    from triage_app.cli import cli
    from triage_app.services.theme_summaries import theme_summaries

    rows = ([("2024-03-01 10:00", f"Love the echo {i}", "praise", "positive", "echo") for i in range(6)]
            + [("2024-03-02 10:00", f"I use the echo in room {i}", "other", "neutral", "echo") for i in range(4)]
            + [("2024-03-03 10:00", "The app crashes", "bug", "neutral", "crash")])
    data = tmp_path / "f.csv"
    data.write_text(_csv(rows), encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping={
            "id": "id", "created_at": "created", "text": "comment", "type": "kind", "sentiment": "mood"}))
        drive(score_items(ws.conn))
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "test", 1, {})
            ids = {k: tq.insert_theme(ws.conn, label=k, keywords=[k], created_run_id=run, updated_run_id=run)
                   for k in ("echo", "crash")}
            items = [r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY id")]
            tq.set_assignments(ws.conn, [(i, ids[r[4]], 0.9, "model", run) for i, r in zip(items, rows)])
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
        board = theme_summaries(ws.conn)
    by = {t.label: t for t in board}
    assert by["echo"].praise_share == pytest.approx(0.6) and by["echo"].priority > by["crash"].priority
    assert [t.label for t in board] == ["crash", "echo"]
    out = CliRunner().invoke(cli, ["themes", "-w", str(path), "--json"])
    assert out.exit_code == 0, out.output
    assert [t["label"] for t in json.loads(out.output)] == ["crash", "echo"]
    out = CliRunner().invoke(cli, ["priority", "-w", str(path), "--json"])
    assert out.exit_code == 0, out.output
    assert [t["label"] for t in json.loads(out.output)["themes"]] == ["crash", "echo"]


# -- types the trackers state ---------------------------------------------------------------------
def _import(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    ws_path = tmp_path / f"{name}.triage"
    with Workspace(ws_path) as ws:
        summary = run_import(ws, path, ImportOptions())
        drive(score_items(ws.conn))
        rows = ws.conn.execute("SELECT i.external_id, i.source_format, s.feedback_type, s.type_method FROM items i"
                               " JOIN item_sentiment s ON s.item_id = i.id ORDER BY i.id").fetchall()
    return summary, {r[0]: (r[1], r[2], r[3]) for r in rows}


def test_zendesk_ticket_type_outranks_the_model(tmp_path):
    def ticket(tid, kind, text):
        return {"url": f"https://acme.zendesk.com/api/v2/tickets/{tid}.json", "id": tid, "via": {"channel": "web"},
                "created_at": "2024-02-01T09:00:00Z", "updated_at": "2024-02-02T09:00:00Z", "type": kind,
                "subject": f"Ticket {tid}", "description": text, "status": "open", "requester_id": 9,
                "priority": "normal", "tags": []}
    tickets = [ticket(1, "problem", "Thank you so much, you are great"), ticket(2, "incident", "Lovely service"),
               ticket(3, "question", "The printer is on fire"), ticket(4, "task", "How do I reset my password?"),
               ticket(5, None, "How do I reset my password?")]
    _, got = _import(tmp_path, "tickets.json", json.dumps({"tickets": tickets}))
    assert {k: v[0] for k, v in got.items()} == dict.fromkeys("12345", "zendesk")
    assert got["1"][1:] == ("problem", "mapped") and got["2"][1:] == ("problem", "mapped")  # not praise: the type says
    assert got["3"][1:] == ("question", "mapped")
    assert got["4"][2] == "model" and got["5"][2] == "model"  # a task or no type: the text decides


def test_github_labels_and_issue_type(tmp_path):
    def issue(n, labels, kind=None, body="Something about the product"):
        obj = {"url": f"https://api.github.com/repos/acme/w/issues/{n}", "repository_url": "https://api.github.com/repos/acme/w",
               "html_url": f"https://github.com/acme/w/issues/{n}", "id": n, "number": n, "title": f"Issue {n}",
               "user": {"login": "al", "type": "User"}, "labels": [{"name": x} for x in labels], "state": "open",
               "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z", "closed_at": None,
               "body": body, "comments": 0}
        if kind:
            obj["type"] = {"name": kind}
        return json.dumps(obj)
    lines = [issue(1, ["bug", "ui"], body="I love this library, thanks!"), issue(2, ["enhancement"]),
             issue(3, ["question"]), issue(4, ["help wanted"], body="Crash on start: segfault in parser"),
             issue(5, ["enhancement"], kind="Bug"), issue(6, [], kind="Feature")]
    _, got = _import(tmp_path, "issues.jsonl", "\n".join(lines))
    types = {k.split("#")[1]: v[1:] for k, v in got.items()}
    assert types["1"] == ("problem", "mapped") and types["2"] == ("request", "mapped")
    assert types["3"] == ("question", "mapped") and types["4"][1] == "model"
    assert types["5"] == ("problem", "mapped") and types["6"] == ("request", "mapped")  # the issue type first


def test_jira_issue_type_and_gitlab_labels(tmp_path):
    jira = ("Summary,Issue key,Issue id,Issue Type,Status,Created,Labels,Description\n"
            "Great tool,WEB-1,1,Bug,Open,16/Feb/17 3:29 PM,,Thanks for the great tool\n"
            "Dark mode,WEB-2,2,Story,Open,16/Feb/17 3:29 PM,,Add a dark mode\n"
            "Upgrade deps,WEB-3,3,Task,Open,16/Feb/17 3:29 PM,bug,Library upgrade\n"
            "Clean up,WEB-4,4,Task,Open,16/Feb/17 3:29 PM,,Refactor the module\n")
    _, got = _import(tmp_path, "jira.csv", jira)
    assert {k: v[1:] for k, v in got.items() if k != "WEB-4"} == {
        "WEB-1": ("problem", "mapped"), "WEB-2": ("request", "mapped"), "WEB-3": ("problem", "mapped")}
    assert got["WEB-4"][2] == "model"
    gitlab = ("Title,Description,Issue ID,URL,State,Author,Author Username,Created At (UTC),Labels,Type\n"
              "Pipeline hangs,It is fine,41,https://gitlab.com/acme/api/-/issues/41,Open,D,d,2024-01-10 09:30:00,"
              "\"type::bug,ci\",issue\n"
              "Outage,Thanks team,42,https://gitlab.com/acme/api/-/issues/42,Open,D,d,2024-01-10 09:30:00,,incident\n"
              "SSO,Please,43,https://gitlab.com/acme/api/-/issues/43,Open,D,d,2024-01-10 09:30:00,feature,issue\n")
    summary, got = _import(tmp_path, "gitlab.csv", gitlab)
    assert {v[0] for v in got.values()} == {"gitlab"}, summary
    assert [v[1:] for v in got.values()] == [("problem", "mapped"), ("problem", "mapped"), ("request", "mapped")]


def test_what_people_love_quotes_a_theme_whose_items_are_in_its_sub_themes(tmp_path):
    """A top-level theme's items sit in its sub-themes: the board's and the briefing's love list still quote one."""
    from triage_app.services.theme_board import load_board

    rows = [("2024-03-01 10:00", f"Love the echo, it plays music in room {i}", "praise", "positive", "c")
            for i in range(4)] + [("2024-03-02 10:00", "The app crashes on start", "bug", "negative", "x")]
    data = tmp_path / "f.csv"
    data.write_text(_csv(rows), encoding="utf-8")
    path = tmp_path / "w.triage"
    with Workspace(path) as ws:
        run_import(ws, data, ImportOptions(format="generic", mapping={
            "id": "id", "created_at": "created", "text": "comment", "type": "kind", "sentiment": "mood"}))
        drive(score_items(ws.conn))
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "test", 1, {})
            parent = tq.insert_theme(ws.conn, label="Echo", keywords=["echo"], created_run_id=run, updated_run_id=run)
            child = tq.insert_theme(ws.conn, label="Echo music", keywords=["music"], parent_id=parent,
                                    created_run_id=run, updated_run_id=run)
            crash = tq.insert_theme(ws.conn, label="Crash", keywords=["crash"], created_run_id=run, updated_run_id=run)
            items = [r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY id")]
            tq.set_assignments(ws.conn, [(i, child if r[4] == "c" else crash, 0.9, "model", run)
                                         for i, r in zip(items, rows)])
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
        board = load_board(ws.conn)
        brief = drive(gather(ws.conn, BriefingRequest(period=PERIOD, as_of="2024-03-31T00:00:00+00:00")))
    assert [t["label"] for t in board["loved"]] == ["Echo"]
    assert board["loved"][0]["praise_quote"]["text"].startswith("Love the echo")
    assert [t["label"] for t in brief["loved"]] == ["Echo"] and brief["loved"][0]["quote"].startswith("Love the echo")
    page = next(p for p in briefing_pages.build(brief) if p.title == "What people love")
    assert page.sections[0][1][0].startswith("Echo: 4 items, 100% praise — “Love the echo")
    assert [t["label"] for t in brief["themes"]] == ["Crash"]  # the loved theme gets no problem page

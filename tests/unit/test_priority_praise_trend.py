"""Priority as "what to fix next": praise does not rank as a problem, growth needs a long enough span,
votes count when they exist; trends choose day, week or month from the data's span. Workspaces are
built from hand-written CSVs through the real importer; themes are assigned by keyword, standing in
for the analysis."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from analysis import periods
from analysis import priority as pr
from triage_app.cli import cli
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import metrics
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.data_span import data_span
from triage_app.services.dashboard import undated
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.services.theme_board import load_board
from triage_app.store import metrics_queries as mq
from triage_app.store import themes as tq
from triage_app.store.queries import transaction

DAY = 86400.0
START = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)

# (keyword, text, rating, count): the praise theme is the largest by far
THEMES = (
    ("love", "I love this app, it is great and works perfectly every day", 5, 30),
    ("crash", "The app crashes when I open a photo, I lost my work again", 1, 10),
    ("slow", "Search is slow and sometimes shows nothing at all", 2, 8),
    ("price", "The price went up and the plan lost features", 2, 6),
)


def _csv(days: float | None, votes: dict[str, int] | None = None) -> str:
    """One row per item, spread evenly over ``days`` (None: no date column)."""
    votes = votes or {}
    rows = ["id,text,rating,votes" + (",created_at" if days is not None else "")]
    n = 0
    for key, text, rating, count in THEMES:
        for i in range(count):
            n += 1
            row = f"{key}{i},\"{text} ({i})\",{rating},{votes.get(key, '')}"
            if days is not None:
                when = START + timedelta(seconds=(n * 7919 % 1000) / 1000 * days * DAY)
                row += f",{when.isoformat()}"
            rows.append(row)
    return "\n".join(rows) + "\n"


def _build(workspace, write_file, days: float | None, votes=None) -> dict[str, int]:
    run_import(workspace, write_file("items.csv", _csv(days, votes)), ImportOptions())
    conn = workspace.conn
    with transaction(conn):
        run_id = tq.create_run(conn, "test-keywords", 1, {})
        ids = {key: tq.insert_theme(conn, label=key, keywords=[key], created_run_id=run_id, updated_run_id=run_id)
               for key, *_ in THEMES}
        rows = [(item_id, ids[next(k for k, t, *_ in THEMES if text.startswith(t[:20]))], 0.9, "model", run_id)
                for item_id, _, _, _, text in tq.items_for_analysis(conn)]
        tq.set_assignments(conn, rows)
        tq.refresh_sizes(conn)
        tq.finish_run(conn, run_id, {})
    drive(score_items(conn))  # ratings outrank the text: 5 stars = positive
    return ids


def _ranked(scores: dict) -> list[int]:
    return sorted(scores, key=lambda t: -scores[t]["priority"])


# -- time unit from the span ------------------------------------------------------------------
def test_granularity_from_the_span():
    assert periods.granularity(9 * DAY) == "day"
    assert periods.granularity(70 * DAY) == "week"  # ten weeks
    assert periods.granularity(730 * DAY) == "month"  # two years
    assert periods.granularity(0.0) == "day"
    assert periods.granularity(None) is None and periods.granularity(float("nan")) is None


# -- praise -------------------------------------------------------------------------------------
def test_praise_theme_is_not_ranked_as_a_problem(workspace, write_file):
    ids = _build(workspace, write_file, days=120)
    conn = workspace.conn
    praise = mq.praise_share_by_theme(conn)
    assert praise[ids["love"]] == 1.0 and praise[ids["crash"]] == 0.0
    assert mq.theme_data(conn, "2025-04-01", "2025-03-01").praise == praise  # the priority's pass agrees
    inputs = metrics.theme_inputs(conn)
    scores = pr.weighted(inputs)
    order = _ranked(scores)
    assert order[-1] == ids["love"]  # largest theme, all praise: ranked last
    assert order[0] == ids["crash"]
    # the same inputs without the praise share put the praise theme first: the definition is what changed
    import dataclasses
    before = pr.weighted([dataclasses.replace(t, praise_share=0.0) for t in inputs])
    assert _ranked(before)[0] == ids["love"]
    love = scores[ids["love"]]
    assert love["factors"]["volume"] == 0.0 and love["praise_share"] == 1.0
    board = load_board(conn)
    assert [t["id"] for t in board["loved"]] == [ids["love"]]
    assert board["loved"][0]["praise_quote"]["text"].startswith("I love this app")
    assert board["themes"][-1].id == ids["love"]


def test_half_praise_theme_keeps_its_negativity():
    themes = [pr.ThemeInputs(theme_id=1, items=10, people=10, negative_share=0.5, praise_share=0.5, unresolved_share=1.0)]
    out = pr.weighted(themes)[1]
    assert out["scaled"]["negativity"] == 0.5  # harm is not scaled
    assert out["scaled"]["volume"] == 0.5 and out["scaled"]["unresolved"] == 0.5


# -- growth ---------------------------------------------------------------------------------------
def test_growth_is_neutral_on_a_short_span_and_says_why(workspace, write_file):
    ids = _build(workspace, write_file, days=9)
    fields = metrics.theme_triage_fields(workspace.conn)
    crash = fields[ids["crash"]]
    assert crash["factors"]["growth"] == 0.0
    note = crash["growth_note"]
    # calendar days, as the board's "Last N days" and the dashboard's "All time (N days)" say (data_span)
    assert note["needs_days"] == 14 and note["span_days"] == data_span(workspace.conn).days() in (9, 10)
    assert pr.growth_window_days(20) == 7 and pr.growth_window_days(60) == 30 and pr.growth_window_days(13.9) is None


def test_growth_is_measured_on_a_long_span(workspace, write_file):
    ids = _build(workspace, write_file, days=120)
    scores = metrics.theme_priorities(workspace.conn)
    crash = scores[ids["crash"]]
    assert crash["growth_note"] is None and crash["inputs"]["growth_days"] == 30
    assert crash["inputs"]["recent"] + crash["inputs"]["previous"] > 0


# -- votes ----------------------------------------------------------------------------------------
def test_votes_factor_and_cli_weight(workspace, write_file):
    ids = _build(workspace, write_file, days=120, votes={"slow": 3, "price": 1})
    conn = workspace.conn
    scores = metrics.theme_priorities(conn)
    # slow: 8 items x 3 votes = 24, the most; price: 6 x 1 = 6 -> 0.25 of it
    assert scores[ids["slow"]]["scaled"]["votes"] == 1.0
    assert scores[ids["price"]]["scaled"]["votes"] == pytest.approx(0.25)
    assert scores[ids["crash"]]["factors"]["votes"] == 0.0
    assert scores[ids["slow"]]["factors"]["votes"] > 0
    metrics.save_priority_settings(conn, source_weights={"generic": 2.0})
    assert metrics.theme_priorities(conn)[ids["slow"]]["inputs"]["votes"] == 48.0  # source-weighted
    conn.commit()
    out = CliRunner().invoke(cli, ["priority", "-w", str(workspace.path), "--weight", "votes=0.4", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["weights"]["votes"] == 0.4
    assert data["themes"][0]["theme"] == ids["slow"]  # votes now lift the most-voted problem to the top


def test_votes_weight_left_out_when_no_item_has_votes():
    themes = [pr.ThemeInputs(theme_id=1, items=10, people=10), pr.ThemeInputs(theme_id=2, items=5, people=5)]
    assert pr.weighted(themes)[1]["priority"] == pytest.approx(100 * (0.25 + 0.15) / 1.0)
    themes[1].votes = 3
    assert pr.weighted(themes)[1]["priority"] == pytest.approx(100 * (0.25 + 0.15) / 1.1, abs=0.01)  # rounded


# -- undated and short data: board and briefing ---------------------------------------------------
def test_undated_data_has_no_trend_and_neutral_growth(workspace, write_file):
    ids = _build(workspace, write_file, days=None)
    conn = workspace.conn
    board = load_board(conn)
    assert board["trend_unit"] is None and board["trend_starts"] == []
    assert all(board["trend"][t.id] == [] for t in board["themes"])
    assert board["themes"][0].growth_note == {"span_days": None, "needs_days": 14}
    assert undated(conn)
    assert board["themes"][-1].id == ids["love"]


def test_nine_days_are_drawn_by_day(workspace, write_file):
    _build(workspace, write_file, days=9)
    conn = workspace.conn
    board = load_board(conn)
    assert board["trend_unit"] == "day" and 9 <= len(board["trend_starts"]) <= 10
    latest = periods.to_epoch(mq.created_span(conn)[1]) + 1  # the window is half-open: end after the newest
    as_of = datetime.fromtimestamp(latest, timezone.utc).isoformat()
    data = drive(gather(conn, BriefingRequest(period="90", as_of=as_of)))
    assert data["by"] == "day"
    assert 9 <= len(data["grid"]) <= 11  # the data's days, not two bars of a half-year axis
    # every item of the themes to fix; the praise theme is under What people love, not reported as a problem
    assert sum(sum(t["series"]) for t in data["themes"]) == sum(c for k, *_, c in THEMES if k != "love")
    assert [t["label"] for t in data["themes"]] == ["crash", "slow", "price"] and data["loved_total"] == 1
    from triage_app.services import briefing_pages

    pages = {p.title: p for p in briefing_pages.build(data)}
    first = next(p for title, p in pages.items() if title.startswith("Theme 1: "))
    assert any(f.startswith("Growth is neutral: the data spans") for f in first.facts)
    assert "love" in " ".join(pages["What people love"].sections[0][1])


def test_unresolved_weight_left_out_until_some_item_has_a_status(workspace, write_file):
    """Reviews carry no status: "unresolved" would add the same share of every theme's problem part, so it is
    left out (like votes without votes) until the team sets a status on something."""
    from triage_app.services.status import set_status
    ids = _build(workspace, write_file, days=120)
    conn = workspace.conn
    scores = pr.weighted(metrics.theme_inputs(conn))
    assert all(s["factors"]["unresolved"] == 0.0 for s in scores.values())
    assert all(s["inputs"]["unresolved_share"] is None for s in scores.values())
    price_items = [row[0] for row in conn.execute("SELECT item_id FROM item_themes WHERE theme_id = ?", (ids["price"],))]
    for item_id in price_items:
        set_status(conn, f"item:{item_id}", "resolved")
    scores = pr.weighted(metrics.theme_inputs(conn))
    assert scores[ids["price"]]["factors"]["unresolved"] == 0.0  # all resolved now
    assert scores[ids["crash"]]["factors"]["unresolved"] > 0.0  # the others are open: the factor says so

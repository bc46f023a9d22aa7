"""What counts as praise (store.metrics_queries.PRAISE_SQL, analysis.priority "What counts as praise"):
a satisfied score outranks the type the text model guessed, a type the file states outranks a score,
and without scores the text models must agree. Workspaces come from hand-written CSVs through the
real importer and sentiment stage; where a test needs the type model to have guessed a given type,
it sets that guess in the sentiment cache (the model's output is what is being stood in for, not
the rule under test). Themes are assigned by keyword, standing in for the analysis."""
from __future__ import annotations

import json

from click.testing import CliRunner

from analysis import priority as pr
from triage_app.cli import cli
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import metrics
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.services.theme_board import load_board
from triage_app.store import metrics_queries as mq
from triage_app.store import themes as tq
from triage_app.store.queries import transaction


def _build(workspace, write_file, header: str, rows: list[tuple], mapping: dict | None = None) -> dict[str, int]:
    """Import ``rows`` (first field: theme key, then the CSV columns of ``header`` after ``id,key``),
    score them, and put each item in the theme of its key."""
    lines = ["id,key," + header] + [",".join([f"r{n}", *map(str, row)]) for n, row in enumerate(rows)]
    path = write_file("items.csv", "\n".join(lines) + "\n")
    run_import(workspace, str(path), ImportOptions(format="generic", mapping={"id": "id", "text": "text", **(mapping or {})}))
    conn = workspace.conn
    drive(score_items(conn))
    keys = sorted({r[0] for r in rows})
    with transaction(conn):
        run_id = tq.create_run(conn, "test-keywords", 1, {})
        ids = {k: tq.insert_theme(conn, label=k.title(), keywords=[k], created_run_id=run_id, updated_run_id=run_id)
               for k in keys}
        key_of = {f"r{n}": row[0] for n, row in enumerate(rows)}
        assign = [(item_id, ids[key_of[ext]], 0.9, "model", run_id)
                  for item_id, ext in conn.execute("SELECT id, external_id FROM items")]
        tq.set_assignments(conn, assign)
        tq.refresh_sizes(conn)
        tq.finish_run(conn, run_id, {})
    return ids


def _model_guessed(conn, key_type: dict[str, tuple[str | None, str | None]]) -> None:
    """Stand in for the text models' guesses: ``{item external id: (type, sentiment label)}`` (None: keep)."""
    with transaction(conn):
        for ext, (kind, label) in key_type.items():
            (item_id,) = conn.execute("SELECT id FROM items WHERE external_id = ?", (ext,)).fetchone()
            if kind is not None:
                conn.execute("UPDATE item_sentiment SET feedback_type = ?, type_method = 'model' WHERE item_id = ?",
                             (kind, item_id))
            if label is not None:
                conn.execute("UPDATE item_sentiment SET label = ? WHERE item_id = ?", (label, item_id))


# Eight reviews people are happy with, and four unhappy ones whose texts the type model read as praise
REVIEWS = ([("echo", f"Works as expected in room {i}, nothing I dislike", 5 if i % 2 else 4) for i in range(8)]
           + [("crash", f"Great, it stopped working after day {i}", 1) for i in range(4)])


def test_a_satisfied_rating_outranks_the_type_the_model_guessed(workspace, write_file):
    """The defect seen on star-rated reviews: 4-5 star reviews typed other/request/problem made a
    loved theme look like a problem, and 1-star reviews typed praise made a problem look loved."""
    ids = _build(workspace, write_file, "text,rating", [(k, f'"{t}"', r) for k, t, r in REVIEWS],
                 {"rating": "rating"})
    conn = workspace.conn
    guesses = {f"r{n}": (("other", "request", "problem", "other")[n % 4], None) for n in range(8)}
    guesses.update({f"r{n}": ("praise", None) for n in range(8, 12)})
    _model_guessed(conn, guesses)
    assert {m for (m,) in conn.execute("SELECT DISTINCT method FROM item_sentiment")} == {"rating"}

    praise = mq.praise_share_by_theme(conn)
    assert praise[ids["echo"]] == 1.0 and praise[ids["crash"]] == 0.0
    assert mq.theme_data(conn, "2025-04-01", "2025-03-01").praise == praise  # the priority's own pass agrees

    scores = metrics.theme_priorities(conn)
    order = sorted(scores, key=lambda t: pr.rank_key(scores[t]["priority"], scores[t]["praise_share"], 0, t))
    assert order == [ids["crash"], ids["echo"]]  # the larger theme people are happy with ranks after
    board = load_board(conn)
    assert [t["id"] for t in board["loved"]] == [ids["echo"]]
    assert board["loved"][0]["praise_quote"]["text"].startswith("Works as expected")
    brief = drive(gather(conn, BriefingRequest(period="30", as_of="2025-03-31T00:00:00+00:00")))
    assert [t["label"] for t in brief["loved"]] == ["Echo"]

    conn.commit()
    out = CliRunner().invoke(cli, ["themes", "-w", str(workspace.path), "--json"])
    assert out.exit_code == 0, out.output
    shares = {t["label"]: t["praise_share"] for t in json.loads(out.output)}
    assert shares == {"Echo": 1.0, "Crash": 0.0}


def test_a_stated_type_outranks_a_good_csat(workspace, write_file):
    """A ticket the file calls a problem stays a problem when its support got a good CSAT; a stated
    "other" says nothing, so the CSAT decides."""
    rows = ([("login", f'"Cannot log in, error {i}"', 5, "problem") for i in range(3)]
            + [("thanks", f'"Thank you for the quick help {i}"', 5, "other") for i in range(3)]
            + [("thanks", '"Thanks, solved"', 2, "praise")])
    ids = _build(workspace, write_file, "text,csat,kind", rows, {"csat": "csat", "type": "kind"})
    conn = workspace.conn
    assert {r for r in conn.execute("SELECT DISTINCT type_method FROM item_sentiment")} == {("mapped",)}
    praise = mq.praise_share_by_theme(conn)
    assert praise[ids["login"]] == 0.0
    assert praise[ids["thanks"]] == 1.0  # three CSAT 5 stated "other", one stated praise (its CSAT 2 is outranked)


def test_without_scores_the_text_models_must_agree(workspace, write_file):
    """No rating: typed praise counts only when the sentiment is not negative (sarcasm, "great, it broke
    again"), and a positive item typed other (news, a mention) is not praise."""
    rows = [("a", f'"Item {i} text"') for i in range(4)] + [("b", f'"Other item {i} text"') for i in range(4)]
    ids = _build(workspace, write_file, "text", rows)
    conn = workspace.conn
    _model_guessed(conn, {"r0": ("praise", "positive"), "r1": ("praise", "neutral"), "r2": ("praise", "negative"),
                          "r3": ("other", "positive"),
                          "r4": ("praise", "negative"), "r5": ("praise", "negative"), "r6": ("praise", "positive"),
                          "r7": ("request", "positive")})
    praise = mq.praise_share_by_theme(conn)
    assert praise[ids["a"]] == 0.5 and praise[ids["b"]] == 0.25
    assert not pr.mostly_praise(praise[ids["a"]])


def test_a_mapped_sentiment_counts_like_a_score(workspace, write_file):
    rows = [("ui", f'"Please add a dark theme {i}"', "positive") for i in range(3)] + [("ui", '"Dark mode please"', "negative")]
    ids = _build(workspace, write_file, "text,mood", rows, {"sentiment": "mood"})
    conn = workspace.conn
    _model_guessed(conn, {f"r{n}": ("request", None) for n in range(4)})
    assert mq.praise_share_by_theme(conn)[ids["ui"]] == 0.75


def test_the_briefing_reports_only_themes_to_fix(workspace, write_file):
    """A theme people are happy with gets no problem page; when every theme is mostly praise the
    briefing says so, and What people love still lists them."""
    from triage_app.services import briefing_pages

    ids = _build(workspace, write_file, "text,rating", [(k, f'"{t}"', r) for k, t, r in REVIEWS],
                 {"rating": "rating"})
    conn = workspace.conn
    brief = drive(gather(conn, BriefingRequest(period="30", as_of="2025-03-31T00:00:00+00:00")))
    assert [t["label"] for t in brief["themes"]] == ["Crash"] and brief["loved_total"] == 1
    pages = briefing_pages.build(brief)
    assert [p.title for p in pages if p.title.startswith("Theme ")] == ["Theme 1: Crash"]
    summary = pages[0]
    assert "Themes that are mostly praise (1) are not reported as problems to fix (see What people love)." in summary.facts
    zh = {p.title: p for p in briefing_pages.build({**brief, "lang": "zh"})}
    assert "以好评为主的主题（1 个）不作为待解决的问题列出（见“用户喜爱的”）。" in next(iter(zh.values())).facts

    from analysis.chart_style import new_figure
    from triage_app.services.dashboard import dashboard_charts

    ranking = next(c for c in drive(dashboard_charts(conn)) if c.name == "priority")
    fig = ranking.draw(new_figure())
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Crash"]

    with transaction(conn):  # the unhappy reviews leave: every theme is mostly praise
        conn.execute("DELETE FROM item_themes WHERE theme_id = ?", (ids["crash"],))
        conn.execute("DELETE FROM themes WHERE id = ?", (ids["crash"],))
    brief = drive(gather(conn, BriefingRequest(period="30", as_of="2025-03-31T00:00:00+00:00")))
    assert brief["themes"] == [] and brief["themes_total"] == 1
    pages = {p.title: p for p in briefing_pages.build(brief)}
    assert not any(t.startswith("Theme") for t in pages)
    assert "Every theme is mostly praise: none is reported as a problem to fix (see What people love)." \
        in pages["Summary"].facts
    assert pages["What people love"].sections[0][1][0].startswith("Echo: 8 items, 100% praise")
    # the dashboard (here undated) says the same rather than "no themes yet"
    charts = drive(dashboard_charts(conn))
    assert [c.name for c in charts if c.draw is None] == ["undated", "all-praise"]
    assert not any(c.name == "priority" for c in charts)

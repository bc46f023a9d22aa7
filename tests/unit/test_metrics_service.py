"""Metrics, status and priority services on workspaces built by the real import service from
hand-written exports; expected figures are computed by hand in the comments."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import shared_file

from triage_app.cli import cli
from triage_app.importers.source import ImportOptions
from triage_app.services import metrics as svc
from triage_app.services import status as st
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.store import feedback_class_queries as fq
from triage_app.store import metrics_queries as mq
from triage_app.store import statuses as sq

D = 86400.0
H = 3600.0
AS_OF = "2024-04-01T00:00:00+00:00"


def _issue(number, author, created, state="OPEN", closed=None, reason=None, comments=()):
    return {
        "number": number, "title": f"Issue {number}", "body": f"Body of issue {number} about sync",
        "state": state, "stateReason": reason, "createdAt": created, "closedAt": closed,
        "author": {"login": author, "is_bot": False}, "url": f"https://github.com/acme/app/issues/{number}",
        "labels": [], "comments": [
            {"author": {"login": who, "is_bot": bot}, "createdAt": when, "body": "..."} for who, when, bot in comments
        ],
    }


ISSUES = [
    # 1: own comment, two bots and a triager before bob; closed after 10 days
    _issue(1, "alice", "2024-01-01T00:00:00Z", "CLOSED", "2024-01-11T00:00:00Z", "COMPLETED", [
        ("alice", "2024-01-01T01:00:00Z", False), ("renovate[bot]", "2024-01-01T02:00:00Z", False),
        ("ci-helper", "2024-01-01T03:00:00Z", True), ("triager", "2024-01-01T04:00:00Z", False),
        ("bob", "2024-01-01T06:00:00Z", False)]),
    # 2: still open, never answered (waits 77 days until AS_OF)
    _issue(2, "carol", "2024-01-15T00:00:00Z"),
    # 3: reopened and closed again: closedAt is the last close, 20 days after creation
    _issue(3, "dave", "2024-02-01T00:00:00Z", "CLOSED", "2024-02-21T00:00:00Z", "COMPLETED", [
        ("bob", "2024-02-03T00:00:00Z", False)]),
    # 4: created 23:00 at UTC-5 on Feb 29 = March 1 04:00 UTC; closed a day later, unanswered
    _issue(4, "erin", "2024-02-29T23:00:00-05:00", "CLOSED", "2024-03-02T04:00:00Z", "NOT_PLANNED"),
]

FORMS = """Timestamp,How likely are you to recommend us to a friend?,How satisfied are you overall?,What could we improve?,Plan
2024/01/05 10:00:00 AM GMT+1,10,5,"Nothing really, the app is great and I use it every day with my team",team
2024/01/20 11:00:00 AM GMT+1,9,4,"Please add export to excel, we need it for the monthly reports we send",free
2024/02/03 09:00:00 AM GMT+1,6,2,"Sync fails every time I open the laptop after a night, very annoying",team
2024/02/10 09:00:00 AM GMT+1,3,1,"Login is slow and the session expires far too often during the day",free
2024/02/29 09:00:00 PM GMT-5,8,3,"A dark mode would be nice for working late, the white screen hurts",team
"""


@pytest.fixture
def ws(workspace, write_file):
    run_import(workspace, write_file("issues.json", json.dumps(ISSUES)), ImportOptions(format="github_cli"))
    run_import(workspace, write_file("forms.csv", FORMS))
    return workspace


def _metrics(ws, **kw):
    return svc.compute(ws.conn, svc.MetricsRequest(as_of=AS_OF, **kw))


def test_times_over_all_items(ws):
    m = _metrics(ws)
    ttc = m["time_to_close"][0]
    # closed: 10, 20, 1 days; waiting: #2. p90 of [1, 10, 20] = 10 + 0.8 * 10 = 18.
    assert (ttc["n"], ttc["waiting"]) == (3, 1)
    assert ttc["mean_s"] == pytest.approx(31 / 3 * D, abs=0.1)
    assert ttc["median_s"] == 10 * D and ttc["p90_s"] == pytest.approx(18 * D)
    # KM: S(1 d) = 3/4, S(10 d) = 3/4 * 2/3 = 1/2 -> median 10 days; #2 censored at 77 days
    assert ttc["km_median_s"] == 10 * D
    frt = m["response_time"][0]
    # answered: #1 after 4 h (triager), #3 after 2 days; waiting: #2 (77 d, open), #4 (closed after 1 d)
    assert (frt["n"], frt["waiting"], frt["median_s"]) == (2, 2, 26 * H)
    # KM: 4 h event (S = 3/4), 24 h censored, 48 h event (S = 3/4 * 1/2) -> 48 h
    assert frt["km_median_s"] == 48 * H
    age = m["open_age"][0]
    assert (age["n"], age["median_s"]) == (1, 77 * D)
    assert m["mass_closures"] == []


def test_ignore_list_moves_the_first_response(ws):
    frt = _metrics(ws, ignore_users=("Triager",))["response_time"][0]
    assert frt["mean_s"] == pytest.approx((6 * H + 48 * H) / 2)


def test_periods_by_month_follow_utc_creation_time(ws):
    m = _metrics(ws, by="month")
    assert [r["period"] for r in m["time_to_close"]] == ["2024-01", "2024-02", "2024-03"]
    assert [(r["n"], r["waiting"]) for r in m["time_to_close"]] == [(1, 1), (1, 0), (1, 0)]
    # survey: Jan 10 & 9 (NPS 100), Feb 6 & 3 (-100), the GMT-5 answer of Feb 29 evening is March 1 UTC
    assert [(r["period"], r["n"], r["value"]) for r in m["nps"]] == [
        ("2024-01", 2, 100.0), ("2024-02", 2, -100.0), ("2024-03", 1, 0.0)]
    # all promoters / all detractors: SE 0, intervals [100, 100] and [-100, -100] do not overlap;
    # a single answer has no interval, so no verdict
    assert [r["significant"] for r in m["nps"]] == [None, True, None]
    assert [r["value"] for r in m["csat"]] == [100.0, 0.0, 0.0]


def test_scores_overall_with_segment_and_source_filters(ws):
    m = _metrics(ws)
    nps = m["nps"][0]
    # 10, 9, 6, 3, 8: 2 promoters, 2 detractors -> 0; SE = 100 sqrt(0.8 / 5)
    assert (nps["n"], nps["value"], nps["se"]) == (5, 0.0, pytest.approx(40.0))
    assert m["csat"][0]["value"] == 40.0  # 5, 4 of 5, 4, 2, 1, 3
    assert m["ces"][0]["n"] == 0 and m["rating"][0]["value"] is None
    team = _metrics(ws, segment=("Plan", "team"))["nps"][0]
    assert (team["n"], team["value"]) == (3, 0.0)  # 10, 6, 8
    only_issues = _metrics(ws, source="github_cli")
    assert only_issues["nps"][0]["n"] == 0 and only_issues["time_to_close"][0]["n"] == 3
    assert _metrics(ws, source="acme/app")["time_to_close"][0]["n"] == 3


def test_mass_closure_is_reported(workspace, write_file):
    sweep = [_issue(100 + i, "u", "2024-01-01T00:00:00Z", "CLOSED", f"2024-03-01T09:{i:02d}:30Z") for i in range(12)]
    run_import(workspace, write_file("sweep.json", json.dumps(ISSUES + sweep)), ImportOptions(format="github_cli"))
    m = _metrics(workspace)
    assert m["mass_closures"] == [{"start": "2024-03-01T09:00:30+00:00", "end": "2024-03-01T09:11:30+00:00", "count": 12}]
    assert m["time_to_close"][0]["mass_closed"] == 12


def test_no_data_at_all(workspace):
    m = _metrics(workspace, by="all")
    assert m["nps"] == [{"period": "all", "n": 0, "value": None, "low": None, "high": None, "se": None,
                         "change": None, "significant": None}]
    assert m["time_to_close"][0]["n"] == 0 and m["time_to_close"][0]["km_median_s"] is None
    assert _metrics(workspace, by="month")["nps"] == []


def _add_theme(conn, label, item_ids):
    cur = conn.execute("INSERT INTO themes (label, created_at, updated_at) VALUES (?, ?, ?)", (label, AS_OF, AS_OF))
    conn.executemany("INSERT INTO item_themes (item_id, theme_id) VALUES (?, ?)", [(i, cur.lastrowid) for i in item_ids])
    return cur.lastrowid


def _ids(conn, where):
    return [r[0] for r in conn.execute(f"SELECT id FROM items WHERE {where} ORDER BY id")]


def test_status_changes_history_and_theme_rollup(ws):
    conn = ws.conn
    issues = _ids(conn, "source_format = 'github_cli'")
    theme = _add_theme(conn, "sync", issues)
    open_issue = _ids(conn, "external_id = 'acme/app#2'")[0]
    row = st.set_status(conn, f"item:{open_issue}", "in-progress", note="picked up")
    assert (row["old_status"], row["new_status"]) == ("new", "in progress")
    trow = st.set_status(conn, f"t{theme}", "planned")
    assert (trow["items_resolved"], trow["items_total"]) == (3, 4)
    assert st.theme_progress(conn)[theme]["progress"] == "3 of 4 linked items closed"
    hist = st.history(conn, str(open_issue))
    assert [(h["new_status"], h["origin"], h["note"]) for h in hist] == [("in progress", "user", "picked up")]
    assert st.history(conn, f"theme:{theme}")[0]["new_status"] == "planned"
    with pytest.raises(st.StatusError):
        st.set_status(conn, "item:99999", "resolved")
    with pytest.raises(st.StatusError):
        st.set_status(conn, str(open_issue), "done-ish")
    # the open issue now "in progress" is still open for time to close
    assert _metrics(ws)["time_to_close"][0]["waiting"] == 1


def test_editable_status_mapping_remaps_imported_items_but_not_user_changes(ws):
    conn = ws.conn
    table = {(r["source_state"], r["maps_to"]) for r in st.mapping_table(conn)}
    assert ("closed/not_planned", "won't fix") in table
    st.set_mapping(conn, "github", "closed/completed", "duplicate")
    user_set = _ids(conn, "external_id = 'acme/app#3'")[0]
    st.set_status(conn, str(user_set), "planned")
    assert st.apply_mapping(conn) == 1  # only #1: #3 was set by a user
    assert sq.item_status(conn, _ids(conn, "external_id = 'acme/app#1'")[0]) == "duplicate"
    assert sq.item_status(conn, user_set) == "planned"
    st.set_mapping(conn, "github", "closed/completed", None)
    assert st.overrides(conn) == {}
    with pytest.raises(st.StatusError):
        st.set_mapping(conn, "github", "closed", "finished")


def test_priority_fields_and_theme_impact(ws):
    conn = ws.conn
    survey = _ids(conn, "source_format = 'google_forms'")  # respondents 10, 9, 6, 3, 8
    complaints = _add_theme(conn, "complaints", survey[2:4])  # the two detractors
    praise = _add_theme(conn, "praise", survey[:2] + _ids(conn, "source_format = 'github_cli'"))
    impacts = svc.theme_impacts(conn, draws=500)
    # overall 0; without the detractors: 10, 9, 8 -> 2/3 promoters -> 66.7; impact -66.7
    assert impacts[complaints]["nps"]["value"] == pytest.approx(-200 / 3, abs=1e-3)
    # without the 10 and the 9: 6, 3, 8 -> -66.7; impact +66.7 (the theme lifts the score)
    assert impacts[praise]["nps"]["value"] == pytest.approx(200 / 3, abs=1e-3)
    svc._drive(score_items(conn))  # stored sentiment (CSAT 2 and 1 here) decides negativity
    data = mq.theme_data(conn, "2024-03-01", "2024-02-01")
    assert data.score_counts == mq.score_counts_by_theme(conn) == {complaints: (2, 0, 2, 2, 0), praise: (2, 2, 0, 2, 2)}
    assert {t: (r["items_resolved"], r["items_total"], r["items_with_status"]) for t, r in data.rollup.items()} == {
        t: (r["items_resolved"], r["items_total"], r["items_with_status"]) for t, r in mq.theme_rollup(conn).items()}
    fields = svc.theme_triage_fields(conn, as_of=AS_OF)
    assert set(fields[complaints]) == {"priority", "factors", "status", "items_resolved", "items_total",
                                       "items_with_status", "praise_share", "growth_note"}
    assert fields[praise]["items_total"] == 6 and fields[praise]["items_resolved"] == 3
    c = fields[complaints]["factors"]
    assert c["negativity"] == 15.0  # both items negative: weight 0.15 x 1.0
    assert c["nps_impact"] == 10.0  # costs 66.7 points: capped at 1.0 x 0.10
    assert fields[complaints]["priority"] == pytest.approx(sum(c.values()), abs=0.05)
    svc.save_priority_settings(conn, weights={"volume": 0, "people": 0, "growth": 0, "negativity": 0,
                                              "unresolved": 0, "response_lag": 0, "csat_impact": 0, "nps_impact": 1})
    again = svc.theme_triage_fields(conn, as_of=AS_OF)
    assert again[complaints]["priority"] == 100.0 and again[praise]["priority"] == 0.0
    svc.save_priority_settings(conn, scheme="rice", rice_inputs={complaints: {"effort": 2}})
    rice = svc.theme_priorities(conn, as_of=AS_OF)
    assert rice[complaints]["factors"]["effort"] == 2.0 and rice[complaints]["scheme"] == "rice"


def test_sentiment_service_scores_once_and_ratings_win(ws):
    gen = score_items(ws.conn)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        result = stop.value
    assert result["scored"] == 9
    # survey answers carry CSAT 5, 4, 2, 1, 3 (which outrank their text); issues go by their text
    assert {k: v for k, v in result["counts"].items() if k.startswith("csat")} == {
        "csat:negative": 2, "csat:neutral": 1, "csat:positive": 2}
    assert sum(v for k, v in result["counts"].items() if k.startswith("model:")) == 4  # the text classifier
    assert sum(result["types"].values()) == 9  # every item also has a feedback type
    assert fq.count_to_score(ws.conn) == 0


def test_cli_metrics_and_status_contract(ws):
    path = str(ws.path)
    runner = CliRunner()
    out = runner.invoke(cli, ["metrics", "-w", path, "--json", "--by", "month", "--as-of", AS_OF,
                              "--ignore-user", "triager"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    for key in ("nps", "csat", "ces", "rating", "response_time", "time_to_close", "open_age"):
        assert isinstance(data[key], list)
    assert set(data["nps"][0]) >= {"period", "n", "value", "low", "high"}
    assert set(data["time_to_close"][0]) >= {"period", "n", "waiting", "mean_s", "median_s", "p90_s", "km_median_s"}
    item = _ids(ws.conn, "external_id = 'acme/app#2'")[0]
    out = runner.invoke(cli, ["status", "-w", path, str(item), "resolved", "--note", "fixed in 2.1"])
    assert out.exit_code == 0 and "new -> resolved" in out.output
    bad = runner.invoke(cli, ["status", "-w", path, str(item), "finished"])
    assert bad.exit_code == 2 and "error: unknown status" in bad.output
    assert runner.invoke(cli, ["metrics", "-w", path, "--by", "year"]).exit_code == 2
    assert runner.invoke(cli, ["metrics", "-w", path, "--as-of", "soon"]).exit_code == 2
    assert runner.invoke(cli, ["metrics", "-w", path + ".missing"]).exit_code == 2
    assert runner.invoke(cli, ["metrics", "-w", path, "--theme", "999"]).exit_code == 2
    assert runner.invoke(cli, ["metrics", "-w", path, "--segment", "plan"]).exit_code == 2
    out = runner.invoke(cli, ["status-map", "-w", path, "--set", "github:closed/not_planned=duplicate", "--json"])
    assert out.exit_code == 0 and json.loads(out.output)["items_changed"] == 1
    out = runner.invoke(cli, ["priority", "-w", path, "--weight", "loudness=2"])
    assert out.exit_code == 2


def _km_median_by_hand(events: list[float], censored: list[float]) -> float | None:
    """Product-limit estimate, written out: S drops by (1 - d/n) at each event time."""
    from bisect import bisect_left
    from collections import Counter

    everyone = sorted(events + censored)
    s = 1.0
    for t, deaths in sorted(Counter(events).items()):
        at_risk = len(everyone) - bisect_left(everyone, t)  # still waiting just before t
        s *= 1 - deaths / at_risk
        if s <= 0.5:
            return t
    return None


def test_github_export_time_to_close_matches_the_reference(tmp_path):
    """../shared/data/github-issues-hf-datasets: 2265 closed issues, median 5.9 d, mean 79.7 d,
    p90 295.2 d (SOURCE.txt), 754 still open; KM median checked against a hand-written estimate."""
    import zipfile
    from datetime import datetime

    path = shared_file("github-issues-hf-datasets", "datasets-issues.zip")
    as_of = "2025-03-01T00:00:00+00:00"
    ws_path = str(tmp_path / "hf.triage")
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(path), "-w", ws_path]).exit_code == 0
    out = runner.invoke(cli, ["metrics", "-w", ws_path, "--json", "--as-of", as_of])
    assert out.exit_code == 0, out.output
    ttc = json.loads(out.output)["time_to_close"][0]
    assert (ttc["n"], ttc["waiting"]) == (2265, 754)
    assert round(ttc["median_s"] / D, 1) == 5.9
    assert round(ttc["mean_s"] / D, 1) == 79.7
    assert round(ttc["p90_s"] / D, 1) == 295.2
    parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp()  # noqa: E731
    end = parse(as_of)
    closed, still_open = [], []
    with zipfile.ZipFile(path) as zf:
        for line in zf.read(zf.namelist()[0]).decode("utf-8").splitlines():
            obj = json.loads(line) if line.strip() else {}
            if not obj or obj.get("pull_request"):
                continue
            if obj["state"] == "closed":
                closed.append(parse(obj["closed_at"]) - parse(obj["created_at"]))
            else:
                still_open.append(end - parse(obj["created_at"]))
    assert ttc["km_median_s"] == pytest.approx(_km_median_by_hand(closed, still_open))
    assert ttc["km_median_s"] > ttc["median_s"]  # the open backlog shows


def test_item_level_scores_count_per_item_for_themes_and_periods(workspace, write_file):
    """Reviews / tickets carry their own scores (no survey respondent): each item counts once."""
    csv_text = ("id,date,nps,stars,comment\n"
                "a,2024-01-02T10:00:00Z,10,5,Love the new dashboard and the speed\n"
                "b,2024-01-03T10:00:00Z,2,1,The export is broken again and again\n"
                "c,2024-02-04T10:00:00Z,9,4,Great support team answered quickly\n"
                "d,2024-02-05T10:00:00Z,5,2,Export fails with big files every time\n")
    run_import(workspace, write_file("reviews.csv", csv_text), ImportOptions(format="generic"))
    conn = workspace.conn
    export = _add_theme(conn, "export", _ids(conn, "text LIKE '%xport%'"))
    m = _metrics(workspace, by="month")
    assert [(r["period"], r["n"], r["value"]) for r in m["nps"]] == [("2024-01", 2, 0.0), ("2024-02", 2, 0.0)]
    assert [r["value"] for r in m["rating"]] == [3.0, 3.0]
    assert m["rating"][0]["distribution"] == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 1}
    data = mq.theme_data(conn, "2024-02-01", "2024-01-01")
    assert data.score_counts == mq.score_counts_by_theme(conn) == {export: (2, 0, 2, 0, 0)}
    # overall NPS 0; without the two export complaints: 10 and 9 -> 100; impact -100
    impact = _metrics(workspace, theme_id=export)["theme_impact"]["nps"]
    assert impact["value"] == -100.0 and impact["n_theme"] == 2
    assert _metrics(workspace, theme_id=export)["nps"][0]["n"] == 2  # the theme's own answers


def test_themes_json_carries_priority_factors_status_and_rollup(ws):
    issues = _ids(ws.conn, "source_format = 'github_cli'")
    theme = _add_theme(ws.conn, "sync", issues)
    ws.conn.execute("UPDATE themes SET size = ? WHERE id = ?", (len(issues), theme))
    out = CliRunner().invoke(cli, ["themes", "-w", str(ws.path), "--json"])
    assert out.exit_code == 0, out.output
    row = json.loads(out.output)[0]
    assert (row["status"], row["items_resolved"], row["items_total"]) == ("new", 3, 4)
    assert row["priority"] == pytest.approx(sum(row["factors"].values()), abs=0.05)
    assert set(row["factors"]) == {"volume", "people", "growth", "negativity", "nps_impact", "csat_impact",
                                   "unresolved", "response_lag", "votes"}

"""Hiding a theme means one thing everywhere (store.theme_scope): its items leave every count of a
theme's items (the parent's size, priority inputs, roll-up, sentiment, sub-theme breakdown, board
trend, briefing, exports, tell-people) and come back exactly on unhide or undo.

The workspace is built by hand (import, then themes and assignments written through the store), so
the test does not depend on what clustering finds.
"""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from triage_app.cli import cli
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import theme_edits as edits
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.importing import run_import
from triage_app.services.theme_board import load_board
from triage_app.services.theme_summaries import theme_summaries
from triage_app.store import export_queries as eq
from triage_app.store import feedback_class_queries as fq
from triage_app.store import metrics_queries as mq
from triage_app.store import themes as tq

# sub-theme -> (texts, rating): "noise" is what the PM hides (all negative, so it would raise the priority)
GROUPS = {
    "slow": (["checkout is slow on mobile", "checkout page takes ages", "slow payment step", "checkout hangs"], 3),
    "card": (["card declined at checkout", "my card is refused", "card payment fails"], 1),
    "noise": (["asdf", "test test", "lol", "hello?", "spam spam"], 1),
    "login": (["cannot log in", "login fails", "password reset broken"], 2),
}
LABEL = {1: "negative", 2: "negative", 3: "neutral"}
PERIOD = "2024-03-01..2024-03-31"


@pytest.fixture
def tree(workspace, tmp_path):
    path = tmp_path / "f.csv"
    rows = [(f"{name}-{i}", text, f"2024-03-{1 + i * 3:02d}", rating)
            for name, (texts, rating) in GROUPS.items() for i, text in enumerate(texts)]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "Comment", "Date", "Rating"])
        writer.writerows(rows)
    run_import(workspace, path, ImportOptions(mapping={"id": "id", "text": "Comment", "created_at": "Date",
                                                        "rating": "Rating"}))
    conn = workspace.conn
    ids = dict(conn.execute("SELECT external_id, id FROM items"))
    checkout = tq.insert_theme(conn, label="Checkout problems", keywords=["checkout"], quotes=[])
    login = tq.insert_theme(conn, label="Login", keywords=["login"], quotes=[])
    subs = {name: tq.insert_theme(conn, label=name, keywords=[name], quotes=[], parent_id=checkout)
            for name in ("slow", "card", "noise")}
    subs["login-sub"] = tq.insert_theme(conn, label="login fails", keywords=["login"], quotes=[], parent_id=login)
    target = {"slow": subs["slow"], "card": subs["card"], "noise": subs["noise"], "login": subs["login-sub"]}
    tq.set_assignments(conn, [(ids[f"{name}-{i}"], target[name], 0.9, "model", None)
                              for name, (texts, _) in GROUPS.items() for i in range(len(texts))])
    # every item scored by its rating, as the sentiment pass would
    fq.write_scores(conn, [(ids[f"{name}-{i}"], 0.0, LABEL[rating], "rating", None,
                            "problem", 1.0, "model")
                           for name, (texts, rating) in GROUPS.items() for i in range(len(texts))])
    tq.refresh_sizes(conn)
    conn.commit()
    return workspace, checkout, login, subs


def _figures(ws, checkout: int, login: int, subs: dict) -> dict:
    """What every view says about the checkout theme: these must agree with each other."""
    conn = ws.conn
    summaries = {t.id: t for t in theme_summaries(conn)}
    parent = summaries[checkout]
    data = mq.theme_data(conn, "2024-03-15T00:00:00+00:00", "2024-03-01T00:00:00+00:00")
    stats_items = sum(r["items"] for r in data.item_stats if r["theme_id"] == checkout)
    negative = sum(r["negative"] for r in data.item_stats if r["theme_id"] == checkout)
    brief = drive(gather(conn, BriefingRequest(period=PERIOD, top=10)))
    b = next(t for t in brief["themes"] if t["id"] == checkout)
    board = load_board(conn)
    exported = {r[0]: r for r in eq.themes_for_export(conn)}
    return {
        "size": tq.get_theme(conn, checkout)["size"], "summary_size": parent.size,
        "items_total": parent.items_total, "rollup": mq.theme_rollup(conn)[checkout]["items_total"],
        "priority_items": stats_items, "priority_negative": int(negative),
        "negative_share": round(parent.sentiment_shares.get("negative", 0.0), 4),
        "children": sorted(parent.children), "breakdown": sum(by["size"] for by in b["sub_themes"]),
        "brief_items": b["items_now"] + b["items_before"], "brief_sentiment": sum(b["sentiment"]),
        "board_trend": sum(board["trend"][checkout]), "export_total": exported[checkout][6],
        "deep_items": len(tq.theme_member_ids_deep(conn, checkout)),
        "hidden_in_brief": brief["exclusions"]["hidden_theme"],
    }


def test_hiding_a_sub_theme_leaves_its_items_out_everywhere_and_undo_brings_them_back(tree):
    ws, checkout, login, subs = tree
    before = _figures(ws, checkout, login, subs)
    n_slow, n_card, n_noise = (len(GROUPS[k][0]) for k in ("slow", "card", "noise"))
    everything = n_slow + n_card + n_noise
    assert before == {**before, "size": everything, "summary_size": everything, "items_total": everything,
                      "rollup": everything, "priority_items": everything, "priority_negative": n_card + n_noise,
                      "breakdown": everything, "brief_items": everything, "brief_sentiment": everything,
                      "board_trend": everything, "export_total": everything, "deep_items": everything,
                      "hidden_in_brief": 0}
    assert before["children"] == sorted([subs["slow"], subs["card"], subs["noise"]])

    edits.hide(ws, subs["noise"])
    after = _figures(ws, checkout, login, subs)
    kept = n_slow + n_card
    for key in ("size", "summary_size", "items_total", "rollup", "priority_items", "breakdown", "brief_items",
                "brief_sentiment", "board_trend", "export_total", "deep_items"):
        assert after[key] == kept, key  # every view agrees: the noise is gone
    assert after["priority_negative"] == n_card and after["negative_share"] == round(n_card / kept, 4)
    assert after["children"] == sorted([subs["slow"], subs["card"]])
    assert after["hidden_in_brief"] == n_noise  # the briefing's methods say how many it left out
    from triage_app.store import briefing_queries as bq

    assert bq.exclusions(ws.conn, None, None)["hidden_theme"] == n_noise  # an undated workspace: every item
    # the hidden sub-theme keeps its own figures (listed with --all / "show hidden")
    hidden = {t.id: t for t in theme_summaries(ws.conn, include_hidden=True)}[subs["noise"]]
    assert hidden.hidden and hidden.size == n_noise == hidden.items_total

    edits.undo(ws)
    assert _figures(ws, checkout, login, subs) == before
    edits.redo(ws)
    assert _figures(ws, checkout, login, subs) == after
    edits.hide(ws, subs["noise"], hidden=False)
    assert _figures(ws, checkout, login, subs) == before


def test_hiding_a_top_level_theme_hides_its_sub_themes_with_it(tree):
    ws, checkout, login, subs = tree
    n_login = len(GROUPS["login"][0])
    edits.hide(ws, login)
    listed = {t.id for t in theme_summaries(ws.conn)}
    assert login not in listed and subs["login-sub"] not in listed
    brief = drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=10)))
    assert [t["id"] for t in brief["themes"]] == [checkout]
    assert brief["exclusions"]["hidden_theme"] == n_login  # its items sit in the (not hidden) sub-theme
    from triage_app.store.item_queries import filter_choices

    offered = {t for t, _ in filter_choices(ws.conn)["themes"]}  # the Feedback screen's theme filter
    assert login not in offered and subs["login-sub"] not in offered and checkout in offered
    exported = {r[0] for r in eq.themes_for_export(ws.conn)}
    assert login not in exported and subs["login-sub"] not in exported
    edits.undo(ws)
    assert {login, subs["login-sub"]} <= {t.id for t in theme_summaries(ws.conn)}


def test_cli_figures_of_a_parent_leave_a_hidden_sub_theme_out(tree):
    ws, checkout, _, subs = tree
    edits.hide(ws, subs["noise"])
    ws.conn.commit()
    run = CliRunner().invoke
    themes = {t["id"]: t for t in json.loads(run(cli, ["themes", "-w", str(ws.path), "--json"]).output)}
    kept = len(GROUPS["slow"][0]) + len(GROUPS["card"][0])
    assert themes[checkout]["size"] == themes[checkout]["items_total"] == kept
    assert subs["noise"] not in themes and subs["noise"] not in themes[checkout]["children"]
    items = [json.loads(line) for line in
             run(cli, ["items", "-w", str(ws.path), "--jsonl", "--theme", str(checkout)]).output.splitlines()]
    assert len(items) == kept and subs["noise"] not in {i["theme_id"] for i in items}
    # every item is still listed with its own theme: hiding changes no assignment
    every = [json.loads(line) for line in run(cli, ["items", "-w", str(ws.path), "--jsonl"]).output.splitlines()]
    assert sum(i["theme_id"] == subs["noise"] for i in every) == len(GROUPS["noise"][0])


def test_the_upgrade_step_recounts_a_parent_hidden_in_before(tree):
    from triage_app.store import migrations

    ws, checkout, _, subs = tree
    ws.conn.execute("UPDATE themes SET hidden = 1 WHERE id = ?", (subs["noise"],))  # as an older version hid it
    assert tq.get_theme(ws.conn, checkout)["size"] == sum(len(texts) for name, (texts, _) in GROUPS.items() if name != "login")
    assert any(step is migrations._hidden_sub_theme_sizes for _, step in migrations.MIGRATIONS)
    migrations._hidden_sub_theme_sizes(ws.conn)
    sizes = {t["id"]: t["size"] for t in tq.list_themes(ws.conn)}
    tq.refresh_sizes(ws.conn)
    assert sizes == {t["id"]: t["size"] for t in tq.list_themes(ws.conn)}  # what refresh_sizes says now
    assert sizes[checkout] == len(GROUPS["slow"][0]) + len(GROUPS["card"][0])

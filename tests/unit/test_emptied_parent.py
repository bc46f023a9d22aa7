"""A top-level theme whose sub-themes are all hidden has nothing to show: it is left out everywhere (the board,
the dashboard and briefing, ``triage-app themes``, the Feedback screen's filter, the export, tell-people) as a
hidden theme is, and comes back when one sub-theme is unhidden, by undo as by unhide (store.theme_scope)."""
from __future__ import annotations

import json

from click.testing import CliRunner
from test_hidden_theme_counts import GROUPS, PERIOD, tree  # noqa: F401  (the fixture)

from triage_app.cli import cli
from triage_app.domain import drive
from triage_app.services import theme_edits as edits
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.theme_board import load_board
from triage_app.services.theme_summaries import theme_summaries
from triage_app.store import export_queries as eq
from triage_app.store import themes as tq
from triage_app.store.item_queries import filter_choices


def _where(ws, theme_id: int) -> dict:
    """Where the theme is listed (True) or left out (False)."""
    conn = ws.conn
    conn.commit()
    run = CliRunner().invoke
    listed = json.loads(run(cli, ["themes", "-w", str(ws.path), "--json"]).output)
    brief = drive(gather(conn, BriefingRequest(period=PERIOD, top=10)))
    return {
        "summaries": theme_id in {t.id for t in theme_summaries(conn)},
        "board": theme_id in {t.id for t in load_board(conn)["themes"]},
        "brief": theme_id in {t["id"] for t in brief["themes"]},  # the dashboard draws the briefing's pages
        "cli": theme_id in {t["id"] for t in listed},
        "filter": theme_id in {t for t, _ in filter_choices(conn)["themes"]},
        "export": theme_id in {r[0] for r in eq.themes_for_export(conn)},
    }


def test_a_parent_with_every_sub_theme_hidden_leaves_every_list_and_comes_back(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    everywhere = {k: True for k in _where(ws, checkout)}
    nowhere = {k: False for k in everywhere}
    assert _where(ws, checkout) == everywhere
    edits.hide(ws, subs["slow"])
    edits.hide(ws, subs["card"])
    assert _where(ws, checkout) == everywhere  # one sub-theme (noise) still shows
    edits.hide(ws, subs["noise"])
    assert tq.get_theme(ws.conn, checkout)["size"] == 0 and not tq.get_theme(ws.conn, checkout)["hidden"]
    assert _where(ws, checkout) == nowhere
    from triage_app.store.theme_scope import hidden_ids

    assert checkout in hidden_ids(ws.conn) and login not in hidden_ids(ws.conn)
    # listed with hidden themes: the parent keeps its own flag (it was never hidden itself), its sub-themes theirs
    shown_all = {t["id"]: t for t in json.loads(CliRunner().invoke(
        cli, ["themes", "-w", str(ws.path), "--json", "--all"]).output)}
    assert shown_all[checkout]["hidden"] is False and all(shown_all[s]["hidden"] for s in (subs["slow"], subs["card"]))

    edits.undo(ws)  # the noise sub-theme shows again, and its parent with it
    assert _where(ws, checkout) == everywhere
    parent = {t.id: t for t in theme_summaries(ws.conn)}[checkout]
    assert parent.size == len(GROUPS["noise"][0]) and parent.children == [subs["noise"]]
    edits.redo(ws)
    assert _where(ws, checkout) == nowhere
    edits.hide(ws, subs["card"], hidden=False)
    assert _where(ws, checkout) == everywhere
    assert {t.id: t for t in theme_summaries(ws.conn)}[checkout].children == [subs["card"]]


def test_a_parent_that_holds_items_of_its_own_stays_when_its_sub_themes_are_hidden(tree):  # noqa: F811
    ws, checkout, login, subs = tree
    moved = [i for (i,) in ws.conn.execute("SELECT item_id FROM item_themes WHERE theme_id = ? LIMIT 1",
                                           (subs["slow"],))]
    edits.move_items(ws, moved, checkout)
    for name in ("slow", "card", "noise"):
        edits.hide(ws, subs[name])
    assert _where(ws, checkout) == {k: True for k in _where(ws, checkout)}
    assert {t.id: t for t in theme_summaries(ws.conn)}[checkout].size == 1


def test_a_parent_of_only_merged_away_sub_themes_is_not_left_out(tree):  # noqa: F811
    """Not 'emptied by hiding': a parent whose children were merged into it holds their items itself."""
    from triage_app.store.theme_scope import hidden_ids

    ws, checkout, login, subs = tree
    assert login not in hidden_ids(ws.conn)
    edits.merge(ws, [subs["login-sub"]], login)
    assert login not in hidden_ids(ws.conn)
    assert login in {t.id for t in theme_summaries(ws.conn)}


def test_items_a_hidden_sub_theme_received_do_not_make_its_parent_described_again(tree):  # noqa: F811
    """The re-describe check counts what the parent's size counts: not a hidden sub-theme's items."""
    from triage_app.services.theme_describe import themes_to_redescribe

    ws, checkout, login, subs = tree
    conn = ws.conn
    first, second = (tq.create_run(conn, "m", 42, {}) for _ in range(2))
    tq.update_theme(conn, checkout, updated_run_id=first)  # described by the first run; the second added the noise
    conn.execute("UPDATE item_themes SET run_id = ?", (first,))
    conn.execute("UPDATE item_themes SET run_id = ? WHERE theme_id = ?", (second, subs["noise"]))
    growth = tq.group_growth_since_described(conn)
    assert growth[checkout] == (len(GROUPS["noise"][0]), sum(len(GROUPS[k][0]) for k in ("slow", "card", "noise")))
    assert themes_to_redescribe(conn, {subs["noise"]}, top_level=True) == [checkout]
    edits.hide(ws, subs["noise"])
    kept = len(GROUPS["slow"][0]) + len(GROUPS["card"][0])
    assert tq.group_growth_since_described(conn)[checkout] == (0, kept) == (0, tq.get_theme(conn, checkout)["size"])
    assert themes_to_redescribe(conn, {subs["noise"]}, top_level=True) == []
    edits.undo(ws)
    assert themes_to_redescribe(conn, {subs["noise"]}, top_level=True) == [checkout]


def test_growth_is_measured_on_the_calendar_days_the_note_says(workspace, tmp_path):
    """Data of the 1st to the 14th (13.75 days elapsed) spans 14 calendar days, which is what growth needs:
    growth is measured, rather than a note that says 'spans 14 days, needs 14'. A day less is not."""
    import csv as csv_mod

    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.services.metrics import growth_setup

    path = tmp_path / "span.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv_mod.writer(fh)
        w.writerow(["id", "Comment", "Date"])
        w.writerows([("a", "export fails", "2024-03-01T12:00:00Z"), ("b", "export fails again", "2024-03-05T08:00:00Z"),
                     ("c", "export broken", "2024-03-14T06:00:00Z")])
    run_import(workspace, path, ImportOptions(mapping={"id": "id", "text": "Comment", "created_at": "Date"}))
    conn = workspace.conn
    theme = tq.insert_theme(conn, label="Export", keywords=["export"], quotes=[])
    tq.set_assignments(conn, [(i, theme, 0.9, "model", None) for (i,) in conn.execute("SELECT id FROM items")])
    tq.refresh_sizes(conn)
    _, window, days = growth_setup(conn)
    assert (window, days) == (7, 14)
    assert {t.id: t for t in theme_summaries(conn)}[theme].growth_note is None
    _, window, days = growth_setup(conn, as_of="2024-03-13T23:00:00+00:00")
    assert (window, days) == (None, 13)
    note = {t.id: t for t in theme_summaries(conn, as_of="2024-03-13T23:00:00+00:00")}[theme].growth_note
    assert note == {"span_days": 13, "needs_days": 14}


def test_a_theme_emptied_by_moving_its_items_out_is_listed_by_the_cli_as_by_the_board(tree):  # noqa: F811
    """Emptied is not hidden: a sub-theme whose items were all moved out (and its top-level theme, left
    with no item either) stays on the board, so ``triage-app themes`` lists it too, with size 0."""
    ws, checkout, login, subs = tree
    moved = [i for (i,) in ws.conn.execute("SELECT item_id FROM item_themes WHERE theme_id = ?", (subs["login-sub"],))]
    edits.move_items(ws, moved, subs["slow"])
    for theme_id in (subs["login-sub"], login):
        assert tq.get_theme(ws.conn, theme_id)["size"] == 0
        where = _where(ws, theme_id)  # (the briefing has pages for top-level themes only)
        assert all(where[k] for k in ("summaries", "board", "cli", "filter", "export")), where
    run = CliRunner().invoke
    listed = json.loads(run(cli, ["themes", "-w", str(ws.path), "--json"]).output)
    assert [t["id"] for t in listed] == [t.id for t in load_board(ws.conn)["themes"]]
    emptied = {t["id"]: t for t in listed}[login]
    assert (emptied["size"], emptied["share"], emptied["children"]) == (0, 0.0, [subs["login-sub"]])
    text = run(cli, ["themes", "-w", str(ws.path)]).output
    assert "Login" in text and "login fails" in text
    edits.hide(ws, subs["login-sub"])  # hidden: then the emptied parent leaves every list, the CLI's too
    assert _where(ws, login) == {k: False for k in _where(ws, login)}

"""End to end: a full analysis frames a parent as praise on the items' stored facts, the ones the priority's
praise share counts. The workspace's items were scored before (by an earlier run, e.g. with heads since
retrained): their stored sentiment and type are what the board, the priority and the briefing read, whatever
the heads would say of the text today."""
from __future__ import annotations

import csv

from test_theme_groups import SUBS

from analysis import parent_labels as pl
from analysis.priority import mostly_praise
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.services.theme_summaries import theme_summaries
from triage_app.store import feedback_class_queries as fq


def test_a_parent_near_the_line_is_framed_as_the_priority_ranks_it(workspace, tmp_path):
    from triage_app.workflows import analyse_then_score

    path = tmp_path / "f.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "Comment"])
        w.writerows((f"{name}-{i}-{r}", text) for name, texts in SUBS.items() for i, text in enumerate(texts)
                    for r in range(3))
    run_import(workspace, path, ImportOptions(mapping={"id": "id", "text": "Comment"}))
    conn = workspace.conn
    rows = conn.execute("SELECT id, external_id, row_hash FROM items ORDER BY id").fetchall()
    glowing = [r[0] for r in rows if r[1].split("_")[0] in ("fast", "good")]  # the heads read these as praise
    # by the stored facts 9 in 24 of all items are praise, spread evenly within every sub-theme's texts: whatever
    # the grouping (it moves with the vectors' last bits, which differ between CPUs), every parent is just under the
    # line, and one of mostly glowing texts (which the heads read as praise) is there to be framed wrongly
    praise = {item for k, (item, _, _) in enumerate(rows) if (9 * k) % 24 < 9}
    fq.write_scores(conn, [(i, 0.0, *(("positive", "model", h, "praise") if i in praise else
                                      ("negative", "model", h, "problem")), 1.0, "model") for i, _, h in rows])
    conn.commit()
    drive(analyse_then_score(workspace, seed=42, mode="full"))
    summaries = theme_summaries(conn)
    parents = [t for t in summaries if t.parent_id is None and t.children]
    members = dict(conn.execute("SELECT it.item_id, coalesce(t.parent_id, t.id) FROM item_themes it"
                                " JOIN themes t ON t.id = it.theme_id"))
    near = [t for t in parents if sum(members.get(i) == t.id for i in glowing) > 0.5 * t.size]
    assert near and all(0.3 < t.praise_share <= 0.5 for t in near)  # a parent of glowing texts, under the line
    for t in parents:
        framed = t.label.startswith("Praise for") or t.label.endswith("好评") or pl.own_mood(t.label) > 0
        if framed:  # "Praise for X" / "X好评" never over a theme the priority lists to fix
            assert mostly_praise(t.praise_share), (t.label, t.praise_share)
        if pl.own_mood(t.label) < 0:  # "... problems" never over what people love
            assert not mostly_praise(t.praise_share), (t.label, t.praise_share)

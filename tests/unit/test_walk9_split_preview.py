"""Splitting a top-level theme: the preview names the part that stays as the theme is named after
the split (session 9: the preview said "cv2", the board then showed "OpenCV version")."""
from __future__ import annotations

from test_theme_tree import _groups, tree  # noqa: F401  (the two-level workspace fixture)

from triage_app.services import theme_edits as edits
from triage_app.store import themes as tq


def test_top_level_split_preview_names_the_kept_part_as_applied(tree):  # noqa: F811
    ws, _ = tree
    parent, children = max(_groups(ws).items(), key=lambda kv: len(kv[1]))
    assert len(children) >= 2
    edits.rename(ws, parent, "Waiting on the phone")
    preview = edits.split_preview(ws, parent, 2)
    assert preview[0].label == "Waiting on the phone"
    edits.split(ws, parent, 2)
    assert tq.get_theme(ws.conn, parent)["label"] == preview[0].label


def test_a_top_level_split_survives_a_full_rerun(tree):  # noqa: F811
    """The walk: splitting "OpenCV version" made "Ffmpeg backend" a top-level theme; a full re-run
    put it back under "OpenCV version"."""
    from test_theme_tree import FAST

    from triage_app.services.analysis import run_analysis

    ws, _ = tree
    parent, children = max(_groups(ws).items(), key=lambda kv: len(kv[1]))
    result = edits.split(ws, parent, 2)
    moved = {c: tq.get_theme(ws.conn, c)["parent_id"] for c in children if tq.get_theme(ws.conn, c)["parent_id"] != parent}
    assert moved and result["new_themes"]
    run_analysis(ws, mode="full", **FAST)
    assert {c: tq.get_theme(ws.conn, c)["parent_id"] for c in moved} == moved
    edits.undo(ws)  # the split undone: back under the theme, chosen by the analysis again
    assert all(tq.get_theme(ws.conn, c)["parent_id"] == parent for c in children)

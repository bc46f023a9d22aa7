"""Which themes' items count: the one definition of "hidden" that every query shares.

A hidden theme is noise. Its items count nowhere a theme's items are counted: not in its top-level
theme's size, priority inputs, roll-up, sentiment and type mixes, trend or sub-theme breakdown, not
in the dashboard, the briefing or the tell-people drafts. Hiding a top-level theme hides its
sub-themes with it. A top-level theme with nothing left to show (every sub-theme hidden, no item of
its own) is hidden with them: it leaves the board, the dashboard, the briefing, ``triage-app themes``,
the Feedback screen's filter, the tell-people drafts and the export, and comes back when one of its
sub-themes is unhidden. The theme itself keeps its own figures (shown when hidden themes are listed),
and unhiding (or undo) brings every count back, because nothing but the ``hidden`` flag changes (the
emptied parent is derived, never stored).
"""
from __future__ import annotations

import sqlite3


def rolled_child(alias: str = "") -> str:
    """SQL condition on a ``themes`` row: a sub-theme whose items count in its top-level theme
    (not merged away, not hidden)."""
    a = f"{alias}." if alias else ""
    return f"{a}parent_id IS NOT NULL AND {a}merged_into IS NULL AND {a}hidden = 0"


#: a top-level theme (alias ``h``) whose sub-themes are all hidden and that holds no item of its own
_EMPTIED_PARENT = ("(h.parent_id IS NULL AND h.merged_into IS NULL"
                   " AND EXISTS (SELECT 1 FROM themes c WHERE c.parent_id = h.id AND c.merged_into IS NULL)"
                   " AND NOT EXISTS (SELECT 1 FROM themes c WHERE c.parent_id = h.id AND c.merged_into IS NULL"
                   " AND c.hidden = 0)"
                   " AND NOT EXISTS (SELECT 1 FROM item_themes it WHERE it.theme_id = h.id))")

#: ids of the themes left out of every count and list: hidden ones, the sub-themes of hidden ones and
#: the top-level themes with nothing left to show
HIDDEN_IDS_SQL = ("SELECT h.id FROM themes h WHERE h.hidden = 1"
                  " OR h.parent_id IN (SELECT id FROM themes WHERE hidden = 1) OR " + _EMPTIED_PARENT)


def shown(alias: str = "") -> str:
    """SQL condition on a ``themes`` row: neither it nor its top-level theme is hidden."""
    a = f"{alias}." if alias else ""
    return f"{a}id NOT IN ({HIDDEN_IDS_SQL})"


def hidden_ids(conn: sqlite3.Connection) -> set[int]:
    """Ids of the themes ``HIDDEN_IDS_SQL`` leaves out (for lists built in Python)."""
    return {r[0] for r in conn.execute(HIDDEN_IDS_SQL)}


def sub_themes_of(marks: str) -> str:
    """SQL sub-query: ids of the counted sub-themes of the themes ``marks`` (host parameters) names."""
    return f"SELECT id FROM themes WHERE parent_id IN ({marks}) AND {rolled_child()}"

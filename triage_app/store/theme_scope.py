"""Which themes' items count: the one definition of "hidden" that every query shares.

A hidden theme is noise. Its items count nowhere a theme's items are counted: not in its top-level
theme's size, priority inputs, roll-up, sentiment and type mixes, trend or sub-theme breakdown, not
in the dashboard, the briefing or the tell-people drafts. Hiding a top-level theme hides its
sub-themes with it. The theme itself keeps its own figures (shown when hidden themes are listed),
and unhiding (or undo) brings every count back, because nothing but the ``hidden`` flag changes.
"""
from __future__ import annotations


def rolled_child(alias: str = "") -> str:
    """SQL condition on a ``themes`` row: a sub-theme whose items count in its top-level theme
    (not merged away, not hidden)."""
    a = f"{alias}." if alias else ""
    return f"{a}parent_id IS NOT NULL AND {a}merged_into IS NULL AND {a}hidden = 0"


#: ids of the themes left out of every count: hidden ones and the sub-themes of hidden ones
HIDDEN_IDS_SQL = ("SELECT id FROM themes WHERE hidden = 1"
                  " OR parent_id IN (SELECT id FROM themes WHERE hidden = 1)")


def shown(alias: str = "") -> str:
    """SQL condition on a ``themes`` row: neither it nor its top-level theme is hidden."""
    a = f"{alias}." if alias else ""
    return f"{a}id NOT IN ({HIDDEN_IDS_SQL})"


def sub_themes_of(marks: str) -> str:
    """SQL sub-query: ids of the counted sub-themes of the themes ``marks`` (host parameters) names."""
    return f"SELECT id FROM themes WHERE parent_id IN ({marks}) AND {rolled_child()}"

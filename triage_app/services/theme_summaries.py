"""The one list of themes that the theme board, ``triage-app themes`` and the briefing read.

``theme_summaries`` builds ``ThemeSummary`` records from one store query plus the triage metrics
(priority, status roll-up) and orders them one way (``records.sort_key``). A top-level theme's
size, roll-up, priority and sentiment include its sub-themes'.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from ..records import SENTIMENTS, ThemeSummary, sort_key
from ..store import theme_board_queries as q
from ..store.feedback_class_queries import sentiment_shares_by_theme, type_shares_by_theme
from ..store.theme_scope import hidden_ids
from . import metrics
from .data_span import DataSpan


def theme_summaries(conn: sqlite3.Connection, *, include_hidden: bool = False, include_merged: bool = False,
                    as_of: str | None = None, span: DataSpan | None = None) -> list[ThemeSummary]:
    """Themes (both levels) ranked by priority, then size, then id; each top-level theme's
    ``children`` are its sub-themes in the same order."""
    rows = q.theme_summary_rows(conn)
    if not rows:
        return []
    triage = metrics.theme_triage_fields(conn, as_of=as_of, span=span)
    # mixes of the scored items; a top-level theme's include its sub-themes'
    sentiments, types = sentiment_shares_by_theme(conn), type_shares_by_theme(conn)
    # hiding a theme hides its sub-themes; a parent whose sub-themes are all hidden has nothing to show
    hidden = set() if include_hidden else hidden_ids(conn)
    out: list[ThemeSummary] = []
    for r in rows:
        if r["id"] in hidden:
            continue
        if r["merged_into"] is not None and not include_merged:
            continue
        extra = triage.get(r["id"], {})
        out.append(ThemeSummary(
            id=r["id"], label=r["label"], keywords=r["keywords"], quotes=r["quotes"], size=r["size"],
            status=r["status"], hidden=bool(r["hidden"]), label_edited=bool(r["label_edited"]),
            parent_id=r["parent_id"], merged_into=r["merged_into"], priority=extra.get("priority", 0.0),
            factors=extra.get("factors", {}), items_resolved=extra.get("items_resolved", 0),
            items_total=extra.get("items_total", 0), items_with_status=extra.get("items_with_status", 0),
            sentiment_shares=({s: sentiments[r["id"]].get(s, 0.0) for s in SENTIMENTS} if r["id"] in sentiments else {}),
            type_shares=types.get(r["id"], {}), praise_share=extra.get("praise_share", 0.0),
            growth_note=extra.get("growth_note")))
    out.sort(key=sort_key)
    listed = {t.id for t in out}
    by_parent: dict[int, list[int]] = {}
    for t in out:
        if t.parent_id is not None and t.merged_into is None:
            by_parent.setdefault(t.parent_id, []).append(t.id)
    for t in out:
        t.children = [c for c in by_parent.get(t.id, []) if c in listed]
    return out


def as_tree(themes: list[ThemeSummary]) -> list[tuple[ThemeSummary, list[ThemeSummary]]]:
    """(top-level theme, its sub-themes) pairs in order; a sub-theme whose parent is not listed
    (hidden, merged) is shown at the top level."""
    by_id = {t.id: t for t in themes}
    return [(t, [by_id[c] for c in t.children]) for t in top_level(themes)]


def top_level(themes: list[ThemeSummary]) -> list[ThemeSummary]:
    """The themes ``as_tree`` puts at the top level, in order."""
    listed = {t.id for t in themes}
    return [t for t in themes if t.parent_id is None or t.parent_id not in listed]


def reported(themes: list[ThemeSummary]) -> list[ThemeSummary]:
    """The top-level themes the briefing and the dashboard report (``top_level`` order): not an empty one (size
    0: its sub-themes were merged or moved away), which has no row, page or bar there (``triage-app themes``
    and the board still list it, so that it can be renamed, reused or hidden)."""
    return [t for t in top_level(themes) if t.size > 0]


def to_fix(ranked: list[ThemeSummary]) -> list[ThemeSummary]:
    """The themes reported as problems to fix, in order: the mostly-praise ones are under What people love."""
    from analysis.priority import mostly_praise

    return [t for t in ranked if not mostly_praise(t.praise_share)]


def fold_counts(counts: dict[int, Any], fold: dict[int, int]) -> dict[int, Any]:
    """``counts`` by theme id (a number or a tuple of numbers each), with every sub-theme's added into
    its top-level theme (``fold``: sub-theme id -> top-level id; other ids stay as they are)."""
    out: dict[int, Any] = {}
    for theme_id, value in counts.items():
        mine = fold.get(theme_id, theme_id)
        if mine not in out:
            out[mine] = value
        elif isinstance(value, tuple):
            out[mine] = tuple(a + b for a, b in zip(out[mine], value))
        else:
            out[mine] += value
    return out

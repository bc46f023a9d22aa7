"""The theme board's data: the theme tree (``ThemeSummary`` records ranked by priority at each
level) with each theme's weekly trend and quote texts."""
from __future__ import annotations

from ..store import theme_board_queries as tq
from .privacy import load_settings, redact_for_display
from .theme_summaries import theme_summaries


def load_board(conn, weeks: int = 12, include_hidden: bool = False) -> dict:
    """``{"themes": [ThemeSummary...] (both levels, ranked), "trend": {id: counts per week},
    "quote_items": {id: [quote dicts]}, "week_starts": [...], "unassigned": n}``."""
    themes = theme_summaries(conn, include_hidden=include_hidden)
    week_starts, counts = tq.weekly_counts(conn, weeks)
    parent = {t.id: t.parent_id for t in themes if t.parent_id is not None}
    trend = {t.id: list(counts.get(t.id, [0] * len(week_starts))) for t in themes}
    for child, top in parent.items():  # a top-level theme's trend adds its sub-themes'
        if top in trend and child in counts:
            trend[top] = [a + b for a, b in zip(trend[top], counts[child])]
    settings = load_settings(conn)
    quotes = tq.quote_texts(conn, [q for t in themes for q in t.quotes[:5] if isinstance(q, int)])
    quote_items = {t.id: [{**quotes[q], "text": redact_for_display(quotes[q]["text"], settings)}
                          for q in t.quotes[:5] if q in quotes] for t in themes}
    return {"themes": themes, "trend": trend, "quote_items": quote_items, "week_starts": week_starts,
            "unassigned": tq.unassigned_count(conn)}

"""The theme board's data: the theme tree (``ThemeSummary`` records ranked by priority at each
level, with praise share and growth note) with each theme's trend (by day, week or month, from the
data's span) and quote texts, and the short list of what people love."""
from __future__ import annotations

import math
import sqlite3
from typing import Any

from analysis import periods, priority
from ..store import metrics_queries as mq
from ..store import theme_board_queries as tq
from ..store.theme_scope import hidden_ids
from .data_span import data_span
from .privacy import Redactor, load_settings, output_redactor, readable_quote
from .quote_display import with_shown
from .theme_summaries import theme_summaries, to_fix

#: sparkline windows at most, per unit (day: the whole span, which is at most a month)
TREND_BINS = {"day": periods.DAY_SPAN_MAX_DAYS + 2, "week": 12, "month": 12}
LOVED = 5


def trend_setup(conn: sqlite3.Connection) -> tuple[str | None, int]:
    """(unit, windows) of the sparklines: the unit from the data's span; (None, 0) without dates."""
    span = data_span(conn)
    first, last = span.first, span.last
    if first is None or last is None:
        return None, 0
    unit = periods.granularity(last - first)
    if unit is None:
        return None, 0
    if unit == "day":  # "Last 10 days": the calendar days the dashboard and the growth note say too
        windows = span.days() or 1
    else:
        windows = math.ceil((last - first) / 86400 / periods.UNIT_DAYS[unit] + 1e-9)
    return unit, max(2, min(TREND_BINS[unit], windows))


def loved_themes(themes: list[dict[str, Any]], limit: int = LOVED) -> list[dict[str, Any]]:
    """Mostly-praise themes (see analysis.priority), the most praise items first."""
    loved = [t for t in themes if priority.mostly_praise(t.get("praise_share"))]
    return sorted(loved, key=lambda t: (-t["praise_share"] * t["size"], t["id"]))[:limit]


def load_board(conn: sqlite3.Connection, weeks: int = 12, include_hidden: bool = False) -> dict[str, Any]:
    """``{"themes": [ThemeSummary...] (both levels, ranked), "trend": {id: counts per window},
    "quote_items": {id: [quote dicts, each with "shown": the line displayed]}, "trend_starts": [...], "trend_unit": day|week|month|None,
    "loved": [dicts] (the first LOVED), "loved_total": n, "unassigned": n, "left_out": {ids}}``;
    ``include_hidden``: the hidden themes are listed too, and ``left_out`` names them (the ones every count
    leaves out, ``theme_scope``: hidden, under a hidden theme, or a parent with every sub-theme hidden)."""
    themes = theme_summaries(conn, include_hidden=include_hidden)
    left_out = hidden_ids(conn) if include_hidden else set()
    unit, bins = trend_setup(conn)
    starts, counts = tq.trend_counts(conn, periods.UNIT_DAYS[unit], bins) if unit else ([], {})
    # a hidden sub-theme (listed when hidden themes are shown) keeps its own trend, not its parent's
    parent = {t.id: t.parent_id for t in themes if t.parent_id is not None and not t.hidden}
    trend = {t.id: list(counts.get(t.id, [0] * len(starts))) for t in themes}
    for child, top in parent.items():  # a top-level theme's trend adds its sub-themes'
        if top in trend and child in counts:
            trend[top] = [a + b for a, b in zip(trend[top], counts[child])]
    redactor = output_redactor(load_settings(conn), display=True)  # the app's views: "redact_display"
    quotes = tq.quote_texts(conn, [q for t in themes for q in t.quotes[:5] if isinstance(q, int)])
    # the title too (an issue's quote leads with it): redacted as the text, as the Feedback screen shows it
    # "shown": the line the board displays (an issue's title and cleaned body), made here, not on the UI thread
    quote_items = {t.id: [with_shown({**quotes[q], "text": _quote(redactor, quotes[q]["text"]),
                                      "title": _quote(redactor, quotes[q]["title"]) if quotes[q]["title"]
                                      else quotes[q]["title"]})
                          for q in t.quotes[:5] if q in quotes]
                   for t in themes}
    if redactor.on:  # labels and keywords come from feedback words too
        for t in themes:
            t.label = redactor.text(t.label) or ""
            t.keywords = redactor.value(list(t.keywords))
    roots = [t for t in themes if t.parent_id is None and t.id not in left_out]
    loved = loved_themes([{"id": t.id, "label": t.label, "size": t.size, "praise_share": t.praise_share,
                           "keywords": t.keywords} for t in roots])
    praise_quotes = mq.praise_quotes(conn, [t["id"] for t in loved])
    for theme in loved:
        q = praise_quotes.get(theme["id"])
        theme["praise_quote"] = with_shown({**q, "text": _quote(redactor, q["text"])}) if q else None
    return {"themes": themes, "trend": trend, "quote_items": quote_items,
            "week_starts": starts if unit == "week" else [], "trend_starts": starts, "trend_unit": unit,
            "loved": loved, "unassigned": tq.unassigned_count(conn),
            "loved_total": len(roots) - len(to_fix(roots)), "left_out": left_out}


def _quote(redactor: Redactor, text: str) -> str | None:
    """A quote as the views show it: redacted when the workspace says so, then readable (no "[HANDLE] [HANDLE]")."""
    return readable_quote(redactor.text(text)) if redactor.on else text

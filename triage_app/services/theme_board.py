"""The theme board's data: every visible theme with its priority and factor breakdown, praise
share, status and roll-up, keywords, quotes and trend (by day, week or month, from the data's span)
- ranked by priority - and the short list of what people love."""
from __future__ import annotations

import math

from analysis import periods, priority
from ..store import metrics_queries as mq
from ..store import theme_board_queries as tq
from ..store.feedback_class_queries import sentiment_shares_by_theme, type_shares_by_theme
from . import metrics
from .privacy import load_settings, output_redactor

#: sparkline windows at most, per unit (day: the whole span, which is at most a month)
TREND_BINS = {"day": periods.DAY_SPAN_MAX_DAYS + 1, "week": 12, "month": 12}
LOVED = 5


def trend_setup(conn) -> tuple[str | None, int]:
    """(unit, windows) of the sparklines: the unit from the data's span; (None, 0) without dates."""
    oldest, newest = mq.created_span(conn)
    span = periods.to_epoch(newest) - periods.to_epoch(oldest) if oldest else None
    unit = periods.granularity(span)
    if unit is None:
        return None, 0
    windows = math.ceil(span / 86400 / periods.UNIT_DAYS[unit] + 1e-9)
    return unit, max(2, min(TREND_BINS[unit], windows))


def loved_themes(themes: list[dict], limit: int = LOVED) -> list[dict]:
    """Mostly-praise themes (see analysis.priority), the most praise items first."""
    loved = [t for t in themes if t.get("praise_share", 0.0) >= priority.PRAISE_THEME_SHARE]
    return sorted(loved, key=lambda t: (-t["praise_share"] * t["size"], t["id"]))[:limit]


def load_board(conn, weeks: int = 12, include_hidden: bool = False) -> dict:
    themes = tq.board_themes(conn, include_hidden)
    triage = metrics.theme_triage_fields(conn) if themes else {}
    unit, bins = trend_setup(conn)
    starts, counts = tq.trend_counts(conn, periods.UNIT_DAYS[unit], bins) if unit else ([], {})
    redactor = output_redactor(load_settings(conn), display=True)  # the app's views: "redact_display"
    mix = (sentiment_shares_by_theme(conn), type_shares_by_theme(conn)) if themes else ({}, {})
    quote_ids = [q for t in themes for q in t["quotes"][:5] if isinstance(q, int)]
    quotes = tq.quote_texts(conn, quote_ids)
    for theme in themes:
        extra = triage.get(theme["id"], {})
        theme["priority"] = extra.get("priority", 0.0)
        theme["factors"] = extra.get("factors", {})
        theme["praise_share"] = extra.get("praise_share", 0.0)
        theme["growth_note"] = extra.get("growth_note")
        theme["items_resolved"] = extra.get("items_resolved", 0)
        theme["items_total"] = extra.get("items_total", theme["size"])
        theme["sentiment_shares"], theme["type_shares"] = mix[0].get(theme["id"], {}), mix[1].get(theme["id"], {})
        theme["trend"] = counts.get(theme["id"], [0] * len(starts))
        theme["quote_items"] = [{**quotes[q], "text": redactor.text(quotes[q]["text"])}
                                for q in theme["quotes"][:5] if q in quotes]
        if redactor.on:  # labels and keywords come from feedback words too
            theme["label"] = redactor.text(theme["label"])
            theme["keywords"] = redactor.value(list(theme["keywords"]))
    themes.sort(key=lambda t: (-t["priority"], -t["size"]))
    loved = loved_themes(themes)
    praise_quotes = mq.praise_quotes(conn, [t["id"] for t in loved])
    for theme in loved:
        q = praise_quotes.get(theme["id"])
        theme["praise_quote"] = {**q, "text": redactor.text(q["text"])} if q else None
    return {"themes": themes, "week_starts": starts if unit == "week" else [], "trend_starts": starts,
            "trend_unit": unit, "loved": loved, "unassigned": tq.unassigned_count(conn)}

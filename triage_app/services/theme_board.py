"""The theme board's data: every visible theme with its priority and factor breakdown, status and
roll-up, keywords, quotes and weekly trend — ranked by priority."""
from __future__ import annotations

from ..store import theme_board_queries as tq
from ..store.feedback_class_queries import sentiment_shares_by_theme, type_shares_by_theme
from . import metrics
from .privacy import load_settings, redact_for_display


def load_board(conn, weeks: int = 12, include_hidden: bool = False) -> dict:
    themes = tq.board_themes(conn, include_hidden)
    triage = metrics.theme_triage_fields(conn) if themes else {}
    mix = (sentiment_shares_by_theme(conn), type_shares_by_theme(conn)) if themes else ({}, {})
    week_starts, counts = tq.weekly_counts(conn, weeks)
    settings = load_settings(conn)
    quote_ids = [q for t in themes for q in t["quotes"][:5] if isinstance(q, int)]
    quotes = tq.quote_texts(conn, quote_ids)
    for theme in themes:
        extra = triage.get(theme["id"], {})
        theme["priority"] = extra.get("priority", 0.0)
        theme["factors"] = extra.get("factors", {})
        theme["items_resolved"] = extra.get("items_resolved", 0)
        theme["items_total"] = extra.get("items_total", theme["size"])
        theme["sentiment_shares"], theme["type_shares"] = mix[0].get(theme["id"], {}), mix[1].get(theme["id"], {})
        theme["trend"] = counts.get(theme["id"], [0] * len(week_starts))
        theme["quote_items"] = [
            {**quotes[q], "text": redact_for_display(quotes[q]["text"], settings)}
            for q in theme["quotes"][:5] if q in quotes
        ]
    themes.sort(key=lambda t: (-t["priority"], -t["size"]))
    return {"themes": themes, "week_starts": week_starts, "unassigned": tq.unassigned_count(conn)}

"""The theme board's data: every visible theme with its priority and factor breakdown, status and
roll-up, keywords, quotes and weekly trend — ranked by priority."""
from __future__ import annotations

from ..store import theme_board_queries as tq
from . import metrics
from .privacy import load_settings, output_redactor


def load_board(conn, weeks: int = 12, include_hidden: bool = False) -> dict:
    themes = tq.board_themes(conn, include_hidden)
    triage = metrics.theme_triage_fields(conn) if themes else {}
    week_starts, counts = tq.weekly_counts(conn, weeks)
    redactor = output_redactor(load_settings(conn), display=True)  # the app's views: "redact_display"
    quote_ids = [q for t in themes for q in t["quotes"][:5] if isinstance(q, int)]
    quotes = tq.quote_texts(conn, quote_ids)
    for theme in themes:
        extra = triage.get(theme["id"], {})
        theme["priority"] = extra.get("priority", 0.0)
        theme["factors"] = extra.get("factors", {})
        theme["items_resolved"] = extra.get("items_resolved", 0)
        theme["items_total"] = extra.get("items_total", theme["size"])
        theme["trend"] = counts.get(theme["id"], [0] * len(week_starts))
        theme["quote_items"] = [{**quotes[q], "text": redactor.text(quotes[q]["text"])}
                                for q in theme["quotes"][:5] if q in quotes]
        if redactor.on:  # labels and keywords come from feedback words too
            theme["label"] = redactor.text(theme["label"])
            theme["keywords"] = redactor.value(list(theme["keywords"]))
    themes.sort(key=lambda t: (-t["priority"], -t["size"]))
    return {"themes": themes, "week_starts": week_starts, "unassigned": tq.unassigned_count(conn)}

"""The dashboard: the briefing's charts for a period, as drawing functions the window puts on live
matplotlib canvases (the same figures the PDF and PPTX carry)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generator

from ..domain import CancelToken, Progress
from ..store import queries
from . import briefing, briefing_pages


@dataclass
class DashboardChart:
    title: str
    name: str
    draw: Callable  # draw(fig) fills a matplotlib Figure


def undated(conn) -> bool:
    """True when the workspace has items but none with a date: the dashboard's charts are over time."""
    from ..store.metrics_queries import latest_created

    return latest_created(conn) is None and bool(queries.stats(conn)["items"])


def undated_charts(conn, top: int = 10, lang: str = "en") -> list[DashboardChart]:
    """For items without dates nothing can be drawn over time: the theme charts over all items
    (ranked by priority, sentiment by theme) - the ones that need no dates."""
    from analysis import charts
    from analysis.chart_style import ChartMeta

    from ..store import briefing_queries as bq
    from . import metrics

    themes = bq.themes_for_briefing(conn)
    if not themes:
        return []
    fields = metrics.theme_triage_fields(conn)
    for t in themes:
        t.update(fields.get(t["id"], {"priority": 0.0, "factors": {}, "items_total": 0}))
    ranked = sorted(themes, key=lambda t: (-t["priority"], -t["items_total"], t["id"]))[:top]
    tr = briefing_pages.Tr(lang)
    sources = [name for name, _, _ in bq.source_counts(conn, "", "")]  # names people know, not "generic"
    meta = ChartMeta(period=tr("no dates"), source=", ".join(sources), tr=tr)
    counts = bq.theme_sentiment_counts(conn, [t["id"] for t in ranked], None, None)
    labels = [t["label"] for t in ranked]
    sentiment = [counts.get(t["id"], (0, 0, 0, 0))[:3] for t in ranked]
    n = sum(t["items_total"] for t in ranked)
    return [
        DashboardChart(tr("Themes ranked by priority"), "priority", lambda fig: charts.priority_ranking(
            [{"label": t["label"], "priority": t["priority"], "factors": t["factors"]} for t in ranked], meta,
            fig=fig, n=n)),
        DashboardChart(tr("Sentiment by theme"), "sentiment",
                       lambda fig: charts.sentiment_by_theme(labels, sentiment, meta, fig=fig)),
    ]


def dashboard_charts(conn, days: int | None = 90, top: int = 10, lang: str = "en",
                     cancel: CancelToken | None = None, scope=None) -> Generator[Progress, None, list[DashboardChart]]:
    """Charts for the last ``days`` days of the data (None: everything), ending at the newest item,
    so an old export still shows its own period. ``scope`` (metrics Filters: source, theme,
    segment) narrows the satisfaction, response-time and status charts."""
    stats = queries.stats(conn)
    latest, first = stats["last_created"], stats["first_created"]
    if not latest:
        return undated_charts(conn, top, lang) if stats["items"] else []
    if days is None:
        period = f"{first[:10]}..{latest[:10]}"
    else:
        period = str(days)
    request = briefing.BriefingRequest(period=period, top=top, lang=lang, as_of=latest, scope=scope)
    data = yield from briefing.gather(conn, request, cancel)
    pages = briefing_pages.build(data)
    return [DashboardChart(page.title, chart.name, chart.draw)
            for page in pages if page.kind != "theme" for chart in page.charts]

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


def dashboard_charts(conn, days: int | None = 90, top: int = 10, lang: str = "en",
                     cancel: CancelToken | None = None, scope=None) -> Generator[Progress, None, list[DashboardChart]]:
    """Charts for the last ``days`` days of the data (None: everything), ending at the newest item,
    so an old export still shows its own period. ``scope`` (metrics Filters: source, theme,
    segment) narrows the satisfaction, response-time and status charts."""
    stats = queries.stats(conn)
    latest, first = stats["last_created"], stats["first_created"]
    if not latest:
        return []
    if days is None:
        period = f"{first[:10]}..{latest[:10]}"
    else:
        period = str(days)
    request = briefing.BriefingRequest(period=period, top=top, lang=lang, as_of=briefing.newest_end(conn), scope=scope)
    data = yield from briefing.gather(conn, request, cancel)
    pages = briefing_pages.build(data)
    return [DashboardChart(page.title, chart.name, chart.draw)
            for page in pages if page.kind != "theme" for chart in page.charts]

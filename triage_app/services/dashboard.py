"""The dashboard: the briefing's charts for a period, as drawing functions the window puts on live
matplotlib canvases (the same figures the PDF and PPTX carry).

Panels that cannot apply to the data step aside; a ``DashboardChart`` without ``draw`` is a notice
saying in one line what would fill them (or, for an empty workspace, what to do first)."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Generator

from ..domain import CancelToken, Progress
from ..store import queries
from . import briefing, briefing_pages

#: Briefing pages that need dated feedback (left out, with a notice, when no item has a date).
TIME_PAGES = ("Theme volume over time", "Themes by segment", "Response and resolution times", "Status", "Satisfaction")


@dataclass
class DashboardChart:
    title: str
    name: str
    draw: Callable[[Any], object] | None  # draw(fig) fills a matplotlib Figure; None: a notice (``title`` says it)


def _notice(text: str, name: str = "notice") -> DashboardChart:
    return DashboardChart(text, name, None)


def undated(conn: sqlite3.Connection) -> bool:
    """True when the workspace has items but none with a date: the dashboard's charts are over time."""
    from ..store.metrics_queries import latest_created

    return latest_created(conn) is None and bool(queries.stats(conn)["items"])


def undated_charts(conn: sqlite3.Connection, top: int = 10, lang: str = "en") -> list[DashboardChart]:
    """For items without dates nothing can be drawn over time: the theme charts over all items
    (ranked by priority, sentiment by theme) - the ones that need no dates."""
    from analysis import charts
    from analysis.chart_style import ChartMeta
    from analysis.priority import mostly_praise

    from ..store import briefing_queries as bq

    from .source_labels import sources_line
    from .theme_summaries import fold_counts, reported, theme_summaries, to_fix

    summaries = theme_summaries(conn)  # ranked as on the board; top-level themes hold their sub-themes'
    tops = reported(summaries)  # not an emptied theme (size 0): no bar of nothing
    ranked = to_fix(tops)[:top]  # as the briefing reports them
    if tops and not ranked:
        return [_notice(briefing_pages.Tr(lang)(briefing_pages.ALL_PRAISE), "all-praise")]
    if not ranked:
        return []
    fold = {c: t.id for t in ranked for c in t.children}
    tr = briefing_pages.Tr(lang)
    # names people know ("Google Forms", a file's or an import's name), not "google_forms" or "generic"
    sources = sources_line((name for name, _, _ in bq.source_counts(conn, "", "")), tr)
    meta = ChartMeta(period=tr("no dates"), source=sources, tr=tr, show_title=False)  # the window heads each chart
    counts = fold_counts(bq.theme_sentiment_counts(conn, [t.id for t in ranked] + list(fold), None, None), fold)
    labels = [t.label for t in ranked]
    sentiment = [counts.get(t.id, (0, 0, 0, 0))[:3] for t in ranked]
    n = sum(t.items_total for t in ranked)
    kinds = len(bq.TYPE_ORDER)
    types = fold_counts(bq.theme_type_counts(conn, [t.id for t in ranked] + list(fold), None, None), fold)
    type_counts = [types.get(t.id, (0,) * (kinds + 1))[:kinds] for t in ranked]
    overall = bq.type_totals(conn, None, None)[:kinds]
    charts_out = [
        DashboardChart(tr("Themes ranked by priority"), "priority", lambda fig: charts.priority_ranking(
            [{"label": t.label, "priority": t.priority, "factors": t.factors,
              "mostly_praise": mostly_praise(t.praise_share)} for t in ranked], meta,
            fig=fig, n=n)),
        DashboardChart(tr("Sentiment by theme"), "sentiment",
                       lambda fig: charts.sentiment_by_theme(labels, sentiment, meta, fig=fig)),
    ]
    if any(t.children for t in ranked):  # what each theme is made of (the board's tree, as a chart)
        page = briefing_pages.sub_theme_page([{"label": t.label, "items_total": t.items_total, "sub_themes": [
            {"label": c.label, "size": c.size} for c in summaries if c.id in t.children and c.size > 0]}
            for t in ranked], tr, meta)
        charts_out[1:1] = [DashboardChart(page.title, chart.name, chart.draw) for chart in page.charts]
    if sum(overall):
        charts_out.append(DashboardChart(tr("Feedback type by theme"), "types", lambda fig: charts.type_mix_by_theme(
            labels, type_counts, meta, fig=fig, overall=overall)))
    return charts_out


def dashboard_charts(conn: sqlite3.Connection, days: int | None = 90, top: int = 10, lang: str = "en",
                     cancel: CancelToken | None = None, scope: Any = None) -> Generator[Progress, None, list[DashboardChart]]:
    """Charts for the last ``days`` days of the data (None: everything), ending at the newest item,
    so an old export still shows its own period. ``scope`` (metrics Filters: source, theme,
    segment) narrows the satisfaction, response-time and status charts."""
    tr = briefing_pages.Tr(lang)
    stats = queries.stats(conn)
    latest, first = stats["last_created"], stats["first_created"]
    if not stats["items"]:
        return [_notice(tr("This workspace is empty. Import feedback (File › Import Files…, Ctrl+I) — a survey, "
                           "issues, tickets or reviews — or open the demo workspace to see the charts here."), "empty")]
    if not latest:  # undated: only the charts that need no dates, under a one-line note
        return [_notice(tr("None of the {n} items has a date, so there are no trends, response times or status "
                           "flow. Map a date column when importing to see them.", n=f"{stats['items']:,}"), "undated")
                ] + undated_charts(conn, top, lang)
    if days is None:
        period = f"{first[:10]}..{latest[:10]}"
    else:
        period = str(days or 36500)
    request = briefing.BriefingRequest(period=period, top=top, lang=lang, as_of=briefing.newest_end(conn), scope=scope)
    data = yield from briefing.gather(conn, request, cancel)
    pages = briefing_pages.build(data)
    undated = not latest
    out = []
    if undated:
        out.append(_notice(tr("None of the {n} items has a date, so there are no trends, response times or status "
                              "flow. Map a date column when importing to see them.", n=f"{stats['items']:,}"), "undated"))
    if not undated:
        out += [_notice(text) for text in data["missing_pages"]]
    if not data["themes"] and data.get("themes_total"):
        out.append(_notice(tr(briefing_pages.ALL_PRAISE), "all-praise"))
    elif not data["themes"]:
        out.append(_notice(tr("No themes yet: run the analysis (Analysis › Run Analysis) to rank the themes here."),
                           "no-themes"))
    for page in pages:
        if page.kind == "theme" or (undated and page.title in {tr(t) for t in TIME_PAGES}):
            continue
        out += [DashboardChart(page.title, chart.name, chart.draw) for chart in page.charts]
    return out

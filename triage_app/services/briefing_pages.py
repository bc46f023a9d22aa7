"""The briefing's pages as plain content (titles, tables, bullet facts, quotes, charts to draw),
in the report language; briefing_render lays the same pages out as PDF pages or PPTX slides.

English text is written here; the Chinese of every string is in resources/briefing/zh.json
(keyed by the English text, ``{name}`` placeholders kept).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from analysis import charts
from analysis.priority import mostly_praise
from analysis.chart_style import ChartMeta

from ..domain import STATUSES
from .source_labels import source_label, sources_line

SECONDS_PER_HOUR = 3600.0
#: said instead of theme pages and charts when every theme is mostly praise (briefing summary, dashboard)
ALL_PRAISE = "Every theme is mostly praise: none is reported as a problem to fix (see What people love)."


@lru_cache(maxsize=None)
def _table(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    return json.loads((resources.files("resources") / "briefing" / f"{lang}.json").read_text(encoding="utf-8"))


class Tr:
    """Translate English text into the report language; ``missing`` collects untranslated keys."""

    def __init__(self, lang: str):
        self.lang = lang
        self.table = _table(lang)
        self.missing: set[str] = set()

    def __call__(self, text: str, **values) -> str:
        out = self.table.get(text)
        if out is None:
            if self.lang != "en":
                self.missing.add(text)
            out = text
        return out.format(**values) if values else out

    def get(self, text: str, default: str | None = None) -> str:
        """Mapping-style lookup, for ChartMeta.tr."""
        return self(text)


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths


@dataclass
class Chart:
    name: str
    draw: Callable  # draw(fig) -> fig: fills a Figure or SubFigure


@dataclass
class Page:
    title: str
    kind: str  # summary | theme | chart | text
    subtitle: str = ""
    tables: list[Table] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    sections: list[Any] = field(default_factory=list)  # (heading, paragraphs); once paginated, columns of lines


# -- formatting -------------------------------------------------------------------------------
def duration(tr: Tr, seconds: float | None, missing: str = "–") -> str:
    if seconds is None:
        return missing
    hours = seconds / SECONDS_PER_HOUR
    if hours < 1:
        return tr("{n} min", n=f"{hours * 60:.0f}")
    if hours < 48:
        return tr("{n} h", n=f"{hours:.1f}")
    return tr("{n} d", n=f"{hours / 24:.1f}")


def _km(tr: Tr, row: dict) -> str:
    """The Kaplan-Meier median, or why there is none."""
    if row.get("km_median_s") is None and row.get("waiting"):
        return tr("not reached (over half waiting)")
    return duration(tr, row.get("km_median_s"))


def _num(v, digits=1, suffix="") -> str:
    return "–" if v is None else f"{v:,.{digits}f}{suffix}"


def _signed(v, digits=1, suffix="") -> str:
    return "–" if v is None else f"{v:+,.{digits}f}{suffix}"


def _pct_change(now: int, before: int) -> str:
    if not before:
        return "–"
    return f"{100.0 * (now - before) / before:+.0f}%"


def _sig(tr: Tr, row: dict, prev: dict) -> str:
    from analysis.satisfaction import significant_change

    s = significant_change(prev, row)
    return tr("significant change") if s else tr("within the margin of error") if s is False else ""


def quote_text(text: str, limit: int = 260) -> str:
    """A quote as shown: in quotation marks (so it never starts like a spreadsheet formula), shortened."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
    return f"“{text}”"


SCORES = (("nps", "NPS", 1, ""), ("csat", "CSAT (top-2-box)", 1, "%"), ("rating", "Star rating (mean)", 2, ""),
          ("ces", "CES (1-7 mean)", 2, ""))


def _meta(data: dict, tr: Tr, source: str | None = None, show_title: bool = True) -> ChartMeta:
    return ChartMeta(period=period_text(data, tr), source=source or _source(data, tr), tr=tr, show_title=show_title)


def period_text(data: dict, tr: Tr) -> str:
    """The period a chart covers as its footer says it: the dates the data fills, how many days that
    is and the trend unit ("2014-12-01 – 2014-12-09 (9 days, by day)"), never the 90 days asked for."""
    win = data["window"]
    if data.get("undated") or not win.covered_days:
        return win.label
    return tr("{p} ({n} days, by {unit})", p=win.label, n=f"{win.covered_days:,}", unit=tr(data["by"]))


def _source(data: dict, tr: Tr) -> str:
    formats = sources_line((s["format"] for s in data["sources"] if s["in_period"]), tr)
    if not data["workspace"]:  # the dashboard: "Source: workspace: reviews.csv" said nothing more than the file
        return formats or tr("no items")
    return f"{data['workspace']}: {formats or tr('no items')}"


def quote_line(q: dict, tr: Tr, limit: int = 260) -> str:
    """A quote with where and when it was said ("— Google Forms, 2026-10-01"; no date: no dangling comma)."""
    where = ", ".join(x for x in (source_label(q["source"], tr), q.get("date") or "") if x)
    return quote_text(q["text"], limit) + (f" — {where}" if where else "")


def _scoped_source(data: dict, tr: Tr) -> str:
    """The data source line of the charts a scope narrows (satisfaction, times, status)."""
    scope = data.get("scope")
    parts = []
    if scope is not None and scope.source:
        parts.append(tr("source {s}", s=scope.source))
    if scope is not None and scope.theme_id is not None:
        labels = {t["id"]: t["label"] for t in data.get("themes", [])}
        parts.append(tr("theme {t}", t=labels.get(scope.theme_id, f"#{scope.theme_id}")))
    if scope is not None and scope.segment:
        parts.append(f"{scope.segment[0]} = {scope.segment[1]}")
    return _source(data, tr) + (" · " + " · ".join(parts) if parts else "")


# -- headline ------------------------------------------------------------------------------------
def headline_json(data: dict) -> dict:
    """The summary page's numbers (for ``brief --json``)."""
    out = {"items": {"now": data["items_now"], "before": data["items_before"]}}
    for key, *_ in SCORES:
        now, before = data["scores"]["now"][key][0], data["scores"]["before"][key][0]
        out[key] = {"now": now.get("value"), "before": before.get("value"), "n": now.get("n"),
                    "low": now.get("low"), "high": now.get("high")}
    for key in ("response_time", "time_to_close"):
        now, before = data["times"]["now"][key][0], data["times"]["before"][key][0]
        out[key] = {"km_median_s": now.get("km_median_s"), "median_s": now.get("median_s"), "n": now.get("n"),
                    "waiting": now.get("waiting"), "before_km_median_s": before.get("km_median_s")}
    ft = data["flow_totals"]
    out["backlog"] = {"now": ft["backlog"][1], "before": ft["backlog"][0]}
    out["resolved"] = {"now": ft["resolved"][1], "before": ft["resolved"][0]}
    return out


UNDATED_NOTE = ("None of the {n} items has a date, so there are no trends, response times or status flow. "
                "Map a date column when importing to see them.")


def _earlier(data: dict) -> bool:
    """There is a previous period to compare with (feedback older than this period): else no "previous: 0"."""
    return bool(data.get("earlier_data", True))


def _before(data: dict, n: int) -> str:
    """A previous period's count, or "–" when there is no previous period."""
    return f"{n:,}" if _earlier(data) else "–"


def _headline_table(data: dict, tr: Tr) -> Table:
    rows = [[tr("Feedback items received"), f"{data['items_now']:,}", _before(data, data["items_before"]),
             _pct_change(data["items_now"], data["items_before"]), ""]]
    if data.get("undated"):  # every item, no periods to compare, nothing over time
        rows[0][2:] = ["–", "–", tr("every item (no dates)")]
        return Table([tr("Metric"), tr("This period"), tr("Previous period"), tr("Change"), tr("Note")], rows,
                     [2.3, 1.9, 1.2, 0.9, 2.6])
    for key, name, digits, suffix in SCORES:
        now, before = data["scores"]["now"][key][0], data["scores"]["before"][key][0]
        if not now.get("n") and not before.get("n"):
            continue
        value = _num(now.get("value"), digits, suffix)
        if now.get("low") is not None:
            value += f" [{_num(now['low'], digits)}, {_num(now['high'], digits)}]"
        change = None if now.get("value") is None or before.get("value") is None else now["value"] - before["value"]
        rows.append([tr(name), value, _num(before.get("value"), digits, suffix), _signed(change, digits),
                     "; ".join(x for x in (f"n = {now.get('n', 0):,}", _sig(tr, now, before)) if x)])
    ft = data["flow_totals"]
    times = [data["times"][w][k][0] for w in ("now", "before") for k in ("response_time", "time_to_close")]
    if not any(ft["opened"] + ft["backlog"] + ft["resolved"]) and not any(
            t.get("n") or t.get("waiting") or t.get("km_median_s") is not None for t in times):
        # no tracked items (tweets, reviews, a survey): four rows of dashes said nothing (a note says why)
        return Table([tr("Metric"), tr("This period"), tr("Previous period"), tr("Change"), tr("Note")], rows,
                     [2.3, 1.9, 1.2, 0.9, 2.6])
    for key, name in (("response_time", "Time to first response (KM median)"),
                      ("time_to_close", "Time to close (KM median)")):
        now, before = data["times"]["now"][key][0], data["times"]["before"][key][0]
        rows.append([tr(name), _km(tr, now), _km(tr, before), "",
                     tr("{n} still waiting; plain median {m}", n=f"{now.get('waiting', 0):,}",
                        m=duration(tr, now.get("median_s")))])
    later = data.get("closed_after_end", 0)
    rows.append([tr("Open backlog (end of period)"), f"{ft['backlog'][1]:,}", _before(data, ft["backlog"][0]),
                 f"{ft['backlog'][1] - ft['backlog'][0]:+,}" if _earlier(data) else "–",
                 tr("tracked items; {n} of them closed after the period ended", n=f"{later:,}") if later
                 else tr("tracked items: issues, tickets, reviews")])
    rows.append([tr("Resolved in period"), f"{ft['resolved'][1]:,}", _before(data, ft["resolved"][0]),
                 f"{ft['resolved'][1] - ft['resolved'][0]:+,}" if _earlier(data) else "–",
                 tr("opened: {n}", n=f"{ft['opened'][1]:,}")])
    return Table([tr("Metric"), tr("This period"), tr("Previous period"), tr("Change"), tr("Note")], rows,
                 [2.3, 1.9, 1.2, 0.9, 2.6])


def _status_name(tr: Tr, status: str) -> str:
    return tr(status)


SUMMARY_THEMES = 12  # rows of the summary's theme table (each reported theme has its own page)


def _theme_rows(data: dict, tr: Tr, limit: int = SUMMARY_THEMES) -> Table:
    rows = []
    for t in data["themes"][:limit]:
        items = f"{t['items_now']:,}"
        if _earlier(data) and not data.get("undated"):  # nothing to compare with: the count alone
            items += f" ({_pct_change(t['items_now'], t['items_before'])})"
        rows.append([str(t["rank"]), charts.short(t["label"], 34), f"{t['priority']:.1f}", items,
                     _status_name(tr, t["status"])])
    items = tr("Items (change)") if _earlier(data) and not data.get("undated") else tr("Items")
    return Table(["#", tr("Theme"), tr("Priority"), items, tr("Status")], rows, [0.4, 3.2, 1.0, 1.5, 1.2])


def summary_page(data: dict, tr: Tr) -> Page:
    win, prev = data["window"], data["previous"]
    page = Page(tr("Summary"), "summary",
                tr("{ws} · period {p} · compared with {q} · as of {a}", ws=data["workspace"], p=win.label,
                   q=prev.label if data.get("earlier_data", True) else tr("nothing (no earlier feedback)"),
                   a=data["as_of"][:16].replace("T", " ") + " UTC"))
    if data.get("undated"):
        page.subtitle = f"{data['workspace']} · {win.label}"
    page.tables.append(_headline_table(data, tr))
    if data["themes"]:
        page.tables.append(_theme_rows(data, tr))
        page.facts.append(tr("{n} themes in the workspace; the top {k} by priority are reported.",
                             n=data["themes_total"], k=len(data["themes"])))
        if len(data["themes"]) > SUMMARY_THEMES:
            page.facts.append(tr("The table lists the first {m}; every reported theme has its own page.",
                                 m=SUMMARY_THEMES))
        if data.get("loved_total"):
            page.facts.append(tr("Themes that are mostly praise ({m}) are not reported as problems to fix "
                                 "(see What people love).", m=data["loved_total"]))
    elif data.get("themes_total"):
        page.facts.append(tr(ALL_PRAISE))
    else:
        page.facts.append(tr("No themes yet: run the theme analysis to add theme pages. "
                             "Satisfaction, response times and status are reported below."))
    mix = type_mix(tr, data.get("type_totals") or ())
    if mix:
        page.facts.append(tr("Feedback by type: {mix} (n = {n})." if data.get("undated") else
                             "Feedback this period by type: {mix} (n = {n}).", mix=mix,
                             n=f"{sum(data['type_totals'][:len(charts.TYPE_ORDER)]):,}"))
    mass = data["times"]["now"].get("items_in_mass_closures", 0)
    if mass:
        page.facts.append(tr("{n} items were closed in mass closures (many closed within minutes); "
                             "they are included and shown on the status page.", n=f"{mass:,}"))
    if not data.get("undated"):  # without dates nothing is compared
        page.facts.append(tr("Intervals are 95%. A change is called significant only when the two periods' "
                             "intervals do not overlap."))
    return page


# -- theme pages ----------------------------------------------------------------------------------
def theme_page(data: dict, tr: Tr, t: dict) -> Page:
    page = Page(tr("Theme {r}: {label}", r=t["rank"], label=charts.short(t["label"], 60)), "theme",
                tr("{n} themes ranked by priority", n=data["themes_total"]))
    page.facts.append(tr("Priority {p} (rank {r} of {n})", p=f"{t['priority']:.1f}", r=t["rank"], n=data["themes_total"]))
    if data.get("undated"):
        page.facts.append(tr("Items: {n} (no dates)", n=f"{t['items_now']:,}"))
    elif not _earlier(data):  # no previous period: not "previous: 0"
        page.facts.append(tr("Items this period: {n}", n=f"{t['items_now']:,}"))
    else:
        page.facts.append(tr("Items this period: {n} (previous: {m}, {c})", n=f"{t['items_now']:,}",
                             m=f"{t['items_before']:,}", c=_pct_change(t["items_now"], t["items_before"])))
    if t.get("items_with_status", 1):
        page.facts.append(tr("Status: {s} · {a} of {b} linked items closed", s=_status_name(tr, t["status"]),
                             a=f"{t['items_resolved']:,}", b=f"{t['items_total']:,}"))
    else:  # reviews, survey answers: their items carry no status, so "0 of N closed" would say nothing
        page.facts.append(tr("Status: {s}", s=_status_name(tr, t["status"])))
    imp = (t.get("impact") or {}).get("nps") or {}
    if imp.get("value") is not None and imp.get("low") is not None:
        page.facts.append(tr("Impact on NPS: {v} points [{lo}, {hi}]", v=_signed(imp["value"]),
                             lo=_signed(imp["low"]), hi=_signed(imp["high"])))
    if t["keywords"]:
        page.facts.append(tr("Keywords: {k}", k=", ".join(str(k) for k in t["keywords"][:8])))
    feeling = sentiment_mix(tr, t.get("sentiment_shares") or {})
    if feeling:  # as the board's theme detail shows it
        page.facts.append(tr("Sentiment (all its items): {mix}", mix=feeling))
    mix = type_mix(tr, t.get("type_shares") or {})
    if mix:
        page.facts.append(tr("Feedback types (all its items): {mix}", mix=mix))
    page.facts += priority_notes(tr, t)
    if t.get("sub_themes"):
        page.facts.append(tr("Sub-themes: {s}", s="; ".join(f"{charts.short(c['label'], 40)} ({c['size']:,})"
                                                             for c in t["sub_themes"][:6])))
    page.quotes = [quote_line(q, tr) for q in t["quotes_shown"]]
    meta = _meta(data, tr)
    label = t["label"]
    if data.get("undated"):
        pass  # nothing over time (the summary says why)
    elif any(t["series"]):
        page.charts.append(Chart("trend", lambda fig, t=t, meta=meta: charts.theme_volume(
            data["grid"], {label: t["series"]}, meta, fig=fig, highlight=data["highlight"], unit=data["by"],
            title=tr("Items per {unit}", unit=tr(data["by"])))))
    else:  # an empty axis says nothing: say why there is no trend
        page.charts.append(Chart("trend", lambda fig, t=t: _message(fig, tr("Items per {unit}", unit=tr(data["by"])), tr(
            "No item of this theme was created in this period or the one before; {n} of its items have no date.",
            n=f"{t.get('undated', 0):,}") if t.get("undated") else tr(
            "No item of this theme was created in this period or the one before."))))
    page.charts.append(Chart("factors", lambda fig, t=t, meta=meta: charts.priority_factors(
        t["factors"], meta, fig=fig, priority=t["priority"],
        n=tr("n = {n} items in the theme (all time)", n=f"{t['items_total']:,}"))))
    return page


def priority_notes(tr: Tr, t: dict) -> list[str]:
    """How praise and a short span shaped a theme's priority, in one line each."""
    notes = []
    praise = t.get("praise_share") or 0.0
    if mostly_praise(praise):
        notes.append(tr("Mostly praise: ranked after the themes to fix, and listed under What people love."))
    if praise >= 0.05:
        notes.append(tr("{p} of its items are praise: its size-driven factors count only the other {q}.",
                        p=f"{100 * praise:.0f}%", q=f"{100 * (1 - praise):.0f}%"))
    note = t.get("growth_note")
    if note:
        notes.append(tr("Growth is neutral: the items have no dates.") if note.get("span_days") is None else
                     tr("Growth is neutral: the data spans {d} days; growth needs at least {n}.",
                        d=f"{note['span_days']:g}", n=note["needs_days"]))
    return notes


def type_mix(tr: Tr, shares) -> str:
    """"Problems 60% · Requests 30% · Praise 10%": the feedback types present, largest first.
    ``shares``: {type: share} or the counts in charts.TYPE_ORDER; empty when nothing is typed."""
    if not isinstance(shares, dict):
        shares = dict(zip(charts.TYPE_ORDER, shares))
    total = sum(v for k, v in shares.items() if k in charts.TYPE_STYLE) or 0
    if not total:
        return ""
    present = sorted((k for k in charts.TYPE_ORDER if shares.get(k, 0) / total >= 0.005), key=lambda k: (-shares[k], charts.TYPE_ORDER.index(k)))
    return " · ".join(f"{tr(charts.TYPE_STYLE[k][0])} {100 * shares[k] / total:.0f}%" for k in present)


def sentiment_mix(tr: Tr, shares: dict) -> str:
    """"Negative 70% · Positive 25% · Neutral 5%": the sentiments present, largest first."""
    names = {"negative": "Negative", "neutral": "Neutral", "positive": "Positive"}
    present = sorted((k for k in names if shares.get(k, 0) >= 0.005), key=lambda k: -shares[k])
    return " · ".join(f"{tr(names[k])} {100 * shares[k]:.0f}%" for k in present)


def _message(fig, title: str, text: str):
    """A chart panel that has nothing to draw: its title and one line saying why."""
    from .briefing_render import wrap

    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    width_em = fig.bbox.width / fig.figure.dpi * 72 / 11
    fig.text(0.5, 0.5, "\n".join(wrap(text, width_em * 0.85)), ha="center", va="center", fontsize=11,
             color="#555555", parse_math=False)
    return fig


def theme_overview_pages(data: dict, tr: Tr) -> list[Page]:
    themes = data["themes"]
    meta = _meta(data, tr, show_title=False)
    n_items = sum(t["items_total"] for t in themes)
    pages = [Page(tr("Themes ranked by priority"), "chart", tr("Top {k} of {n} themes", k=len(themes), n=data["themes_total"]),
                  charts=[Chart("priority", lambda fig: charts.priority_ranking(
                      [{"label": t["label"], "priority": t["priority"], "factors": t["factors"],
                        "mostly_praise": mostly_praise(t.get("praise_share"))} for t in themes],
                      meta, fig=fig, n=tr("n = {n} items in these {k} themes (all time)", n=f"{n_items:,}",
                                          k=len(themes))))],
                  facts=[tr("Each bar is the sum of its factors' contributions (weights in the methods appendix)."),
                         tr("Priority counts every item of a theme, not only those of the period.")])]
    if any(t.get("sub_themes") for t in themes):
        pages.append(sub_theme_page(themes, tr, meta))
    if data.get("undated"):
        return pages  # no volume over time
    pages.append(Page(tr("Theme volume over time"), "chart", tr("Items per {unit}", unit=tr(data["by"])),
                      charts=[Chart("volume", lambda fig: charts.theme_volume(
                          data["grid"], {t["label"]: t["series"] for t in themes}, meta, fig=fig,
                          highlight=data["highlight"], unit=data["by"]))]))
    return pages


def sub_theme_page(themes: list[dict], tr: Tr, meta: ChartMeta) -> Page:
    """The top themes' breakdown into their sub-themes (items of all time, as on the board)."""
    rows = [(t["label"], t["items_total"], [(c["label"], c["size"]) for c in t.get("sub_themes") or []])
            for t in themes]
    return Page(tr("Sub-themes of the top themes"), "chart", tr("Items per sub-theme (all time)"),
                charts=[Chart("subthemes", lambda fig: charts.sub_theme_breakdown(rows, meta, fig=fig, n=tr(
                    "n = {n} items in these {k} themes (all time)", n=f"{sum(r[1] for r in rows):,}", k=len(rows))))],
                facts=[tr("Each panel is one top-level theme; its bars are its sub-themes, largest first.")])


def _items_of_period(data: dict, tr: Tr) -> str:
    return tr("every item (no dates)") if data.get("undated") else tr("Items created in the period")


def theme_detail_pages(data: dict, tr: Tr) -> list[Page]:
    themes = data["themes"]
    meta = _meta(data, tr, show_title=False)
    seg = data["segments"]
    seg_name = seg["key"] or tr("Channel (source format)")
    sentiment = [t["sentiment"][:3] for t in themes]
    unscored = sum(t["sentiment"][3] for t in themes)
    scored = any(sum(x) for x in sentiment)
    # segments by source are named as people call the sources ("google_forms" -> "Google Forms")
    names = [source_label(n, tr) for n in seg["names"]] if not seg["key"] else seg["names"]
    pages = [
        Page(tr("Themes by segment"), "chart", tr("Segment: {s}", s=seg_name),
             charts=[Chart("segments", lambda fig: charts.theme_segment_heatmap(
                 [t["label"] for t in themes], names, seg["counts"], meta, fig=fig, segment_name=seg_name))]),
        Page(tr("Sentiment by theme"), "chart", _items_of_period(data, tr),
             charts=[Chart("sentiment", lambda fig: charts.sentiment_by_theme(
                 [t["label"] for t in themes], sentiment, meta, fig=fig))],
             facts=[tr("A rating, CSAT or NPS answer outranks the text; {n} items without a sentiment score "
                       "are left out.", n=f"{unscored:,}")]),
    ]
    pages = pages if scored else pages[:1]
    if len(names) < 2:  # one column says nothing: step aside and say what would fill the chart
        pages = pages[1:]
        data.setdefault("missing_pages", []).append(tr(
            "All feedback of the period is in one segment ({s}), so there is no themes-by-segment chart: import "
            "a second source, or segment by an attribute such as plan.", s=names[0] if names else "–"))
    types = type_page(data, tr, [t["label"] for t in themes], [t["types"] for t in themes], data.get("type_totals"),
                      meta)
    return pages + ([types] if types else [])


def type_page(data: dict, tr: Tr, labels: list[str], counts: list, overall, meta: ChartMeta) -> Page | None:
    """Feedback type by theme (items of the period), all feedback as the first bar; None when nothing is typed."""
    kinds = len(charts.TYPE_ORDER)
    if not any(sum(c[:kinds]) for c in counts) and not (overall and sum(overall[:kinds])):
        return None
    untyped = sum(c[kinds] for c in counts if len(c) > kinds)
    facts = []
    mix = type_mix(tr, overall or ())
    if mix:
        facts.append(tr("All feedback: {mix}.", mix=mix))
    facts.append(tr("Type: problem (bug, complaint), request (feature, improvement), question (help needed), praise or "
                    "other; a type column of the file (issue type, labels, ticket type) outranks the text."))
    if untyped:
        facts.append(tr("{n} items without a type are left out.", n=f"{untyped:,}"))
    return Page(tr("Feedback type by theme"), "chart", _items_of_period(data, tr),
                charts=[Chart("types", lambda fig: charts.type_mix_by_theme(
                    labels, [c[:kinds] for c in counts], meta, fig=fig,
                    overall=overall[:kinds] if overall and sum(overall[:kinds]) else None))],
                facts=facts)


def loved_page(data: dict, tr: Tr) -> Page | None:
    """What people love: themes whose items are mostly praise, kept apart from the ranked problems."""
    loved = data.get("loved") or []
    if not loved:
        return None
    lines = []
    for t in loved:
        line = tr("{label}: {n} items, {p} praise", label=charts.short(t["label"], 60), n=f"{t['items']:,}",
                  p=f"{100 * t['praise_share']:.0f}%")
        if t.get("quote"):
            line += " — " + quote_text(t["quote"], 200)
        lines.append(line)
    note = [tr("Priority ranks what to fix next: in these themes most items are praise, so their size does not "
               "raise their priority (only the non-praise share counts).")]
    subtitle = tr("Themes whose items are mostly praise")
    if data.get("loved_total", 0) > len(loved):  # the list is the first few: say so
        subtitle += " · " + tr("the {k} with the most praise of {n}", k=len(loved), n=data["loved_total"])
    return Page(tr("What people love"), "text", subtitle,
                sections=[(tr("Themes"), lines), (tr("How praise counts"), note)])


# -- satisfaction, times, status -------------------------------------------------------------
def satisfaction_page(data: dict, tr: Tr) -> Page:
    meta = _meta(data, tr, _scoped_source(data, tr), show_title=False)
    page = Page(tr("Satisfaction"), "chart", tr("NPS, CSAT, star ratings and CES with 95% intervals"),
                charts=[Chart("satisfaction", lambda fig: charts.score_trend(
                    data["scores"]["trend"], meta, fig=fig, highlight=data["highlight"]))])
    rows = []
    for key, name, digits, suffix in SCORES:
        now, before = data["scores"]["now"][key][0], data["scores"]["before"][key][0]
        if not now.get("n") and not before.get("n"):
            continue
        interval = "–" if now.get("low") is None else f"[{_num(now['low'], digits)}, {_num(now['high'], digits)}]"
        rows.append([tr(name), _num(now.get("value"), digits, suffix), interval, f"{now.get('n', 0):,}",
                     _num(before.get("value"), digits, suffix), _sig(tr, now, before) or "–"])
    page.tables.append(Table([tr("Score"), tr("This period"), tr("95% interval"), "n", tr("Previous period"),
                              tr("Change")], rows, [2.2, 1.2, 1.6, 0.8, 1.4, 2.2]))
    if not rows:
        page.facts.append(tr("No scores in this period."))
    return page


def times_page(data: dict, tr: Tr) -> Page:
    meta = _meta(data, tr, _scoped_source(data, tr), show_title=False)
    samples = data["times"]["samples"]
    panels = [{"name": "Time to first response", "done": "answered", **samples["response"]},
              {"name": "Time to close", "done": "closed", **samples["close"]}]
    page = Page(tr("Response and resolution times"), "chart",
                tr("Items created in the period, as of {a}", a=data["as_of"][:10]),
                charts=[Chart("times", lambda fig: charts.time_distribution(panels, meta, fig=fig))])
    rows = []
    for key, name in (("response_time", "Time to first response"), ("time_to_close", "Time to close")):
        now, before = data["times"]["now"][key][0], data["times"]["before"][key][0]
        rows.append([tr(name), f"{now.get('n', 0):,}", f"{now.get('waiting', 0):,}", duration(tr, now.get("median_s")),
                     _km(tr, now), duration(tr, now.get("p90_s")), _km(tr, before)])
    page.tables.append(Table([tr("Metric"), tr("Done"), tr("Waiting"), tr("Median"), tr("KM median"), tr("90th pct"),
                              tr("Previous KM median")], rows, [2.2, 0.8, 0.9, 1.0, 1.1, 1.0, 1.6]))
    unknown = data["times"]["now"]["response_time"][0].get("unknown", 0)
    if unknown:
        page.facts.append(tr("{n} items whose comments the export does not hold are left out of response times.",
                             n=f"{unknown:,}"))
    return page


def status_page(data: dict, tr: Tr) -> Page:
    meta = _meta(data, tr, _scoped_source(data, tr), show_title=False)
    f = data["flow"]
    page = Page(tr("Status"), "chart", tr("Tracked items (issues, tickets, reviews); backlog at each period's end"),
                charts=[Chart("status", lambda fig: charts.status_flow(
                    f["periods"], f["opened"], f["resolved"], f["backlog"], meta, fig=fig, highlight=data["highlight"],
                    unit=data["by"]))])
    counts = data["status_counts"]
    total = sum(counts.values()) or 1
    shown = [s for s in STATUSES if counts.get(s)]
    page.tables.append(Table(
        [tr("Status now of items created in the period")] + [tr(s) for s in shown],
        [[tr("Items")] + [f"{counts[s]:,}" for s in shown],
         [tr("Share")] + [f"{100 * counts[s] / total:.0f}%" for s in shown]],
        [3.2] + [1.0] * len(shown)))
    for m in data["times"]["now"].get("mass_closures", [])[:3]:
        page.facts.append(tr("Mass closure: {n} items closed between {a} and {b}.", n=m["count"],
                             a=m["start"][:16].replace("T", " "), b=m["end"][11:16]))
    return page


def you_said_page(data: dict, tr: Tr) -> Page | None:
    """"You said, we did": themes marked done in the period, what people said, what was done."""
    themes = data.get("you_said") or []
    if not themes:
        return None
    sections = []
    for t in themes:
        heading = tr("{label} — {status} on {d} · {n} items", label=charts.short(t["label"], 60),
                     status=tr(t["status"]), d=t["changed_at"][:10], n=f"{t['size']:,}")
        paragraphs = [quote_line(q, tr, 200) for q in t["quotes_shown"]]
        paragraphs.append(tr("What we did: {note}", note=t["note"]) if t.get("note")
                          else tr("What we did: (no note recorded with the status change)"))
        sections.append((heading, paragraphs))
    return Page(tr("You said, we did"), "text",
                tr("Themes marked done in the period, with what people said and what was done"), sections=sections)


def _has_scores(data: dict) -> bool:
    return any(data["scores"][when][key][0].get("n") for when in ("now", "before") for key, *_ in SCORES)


def _has_tracked(data: dict) -> bool:
    times = data["times"]
    return any(times[when][key][0].get("n") or times[when][key][0].get("waiting")
               for when in ("now", "before") for key in ("response_time", "time_to_close")) \
        or any(data["flow"]["opened"]) or any(data["flow"]["backlog"])


def build(data: dict) -> list[Page]:
    """Every page of the briefing, in order."""
    from .briefing_methods import methods_pages

    tr = Tr(data["lang"])
    missing = data["missing_pages"] = []  # what would fill the pages that step aside (the dashboard shows it)
    if data.get("undated"):  # every item, named so on every page's footer
        from dataclasses import replace

        data["window"] = replace(data["window"], label=tr("every item (no dates)"))
    summary = summary_page(data, tr)
    pages = [summary]
    said = you_said_page(data, tr)
    if said is not None:
        pages.append(said)
    if data["themes"]:
        pages += theme_overview_pages(data, tr)
        pages += [theme_page(data, tr, t) for t in data["themes"]]
        # pages with nothing in the period step aside (the summary says why)
        if data["items_now"]:
            pages += theme_detail_pages(data, tr)
    loved = loved_page(data, tr)
    if loved is not None:
        pages.append(loved)
    if data.get("undated"):
        missing.append(tr(UNDATED_NOTE, n=f"{data['items_now']:,}"))
    elif _has_scores(data):
        pages.append(satisfaction_page(data, tr))
    else:
        missing.append(tr("No satisfaction scores (NPS, CSAT, CES or star ratings): import a survey or "
                          "reviews with a score column to see satisfaction."))
    if data.get("undated"):
        pass
    elif _has_tracked(data):
        pages += [times_page(data, tr), status_page(data, tr)]
    else:
        missing.append(tr("No tracked items (issues, tickets, reviews with a status): import them to "
                          "see response times and status."))
    summary.facts += missing
    pages += methods_pages(data, tr)
    data["translator"] = tr  # its ``missing`` also collects chart text looked up while drawing
    return pages


__all__ = ["Page", "Table", "Chart", "Tr", "build", "headline_json"]

"""The one-click briefing: a multi-page PDF or a PPTX deck for a period.

``generate(conn, request, path)`` is a generator service (yields Progress, honours a CancelToken
between pages, returns a BriefingResult). It gathers the figures here (metrics and status services,
the metrics and briefing queries), lays them out as pages (briefing_pages) and renders the pages
with matplotlib (PDF) or python-pptx (PPTX) (briefing_render). The file is written aside and moved
into place when complete, so a cancelled or failed briefing leaves nothing behind.

Periods: ``LAST_N_DAYS`` ends at the as-of time (default now); ``FROM..TO`` covers whole UTC days,
TO included. The previous period is the same length just before; trends show both, by day,
week or month from the span of the data they cover (analysis.periods.granularity). Response times and backlog are taken as of the end
of the period: what happened later is not known to the report, so it reads the same when re-made.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Generator

import numpy as np

from analysis import periods as P
from ..domain import CancelToken, Progress
from ..store import briefing_queries as bq
from ..store import feedback_class_queries as fq
from ..store import metrics_queries as mq
from ..store import settings
from ..store import themes as tq
from . import metrics
from .data_span import DataSpan, data_span
from .privacy import load_settings, output_redactor, readable_quote, redact_for_export

LANGUAGES = ("en", "zh")
FORMATS = (".pdf", ".pptx")
DEFAULT_DAYS = 30
DEFAULT_TOP = 10
_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")
_DAYS = re.compile(r"^\s*(\d+)\s*d?\s*$", re.IGNORECASE)


class BriefingError(ValueError):
    """Bad input: period, language, output file type (the message says which)."""


@dataclass(frozen=True)
class Window:
    start: float  # epoch seconds, inclusive
    end: float  # exclusive
    label: str  # e.g. "2025-04-01 – 2025-06-30"
    covered_days: int | None = None  # whole days the data covers inside the window (data_window), when known

    @property
    def days(self) -> float:
        return (self.end - self.start) / 86400

    def previous(self) -> "Window":
        span = self.end - self.start
        return Window(self.start - span, self.start, _label(self.start - span, self.start))

    def iso(self) -> tuple[str, str]:
        return _iso(self.start), _iso(self.end)


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="seconds")


def _label(start: float, end: float) -> str:
    a = datetime.fromtimestamp(start, timezone.utc)
    b = datetime.fromtimestamp(end - 1, timezone.utc)
    return f"{a:%Y-%m-%d} – {b:%Y-%m-%d}"


def parse_period(text: str | None, as_of: str | None = None) -> Window:
    """``LAST_N_DAYS`` (e.g. ``30``) ending at ``as_of`` (default now), or ``FROM..TO`` (whole UTC days)."""
    text = (text or str(DEFAULT_DAYS)).strip()
    m = _RANGE.match(text)
    if m:
        try:
            a, b = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError as exc:
            raise BriefingError(f"--period {text!r}: {exc}") from None
        if b < a:
            raise BriefingError(f"--period {text!r}: FROM is after TO")
        start = datetime(a.year, a.month, a.day, tzinfo=timezone.utc).timestamp()
        end = (datetime(b.year, b.month, b.day, tzinfo=timezone.utc) + timedelta(days=1)).timestamp()
        return Window(start, end, _label(start, end))
    m = _DAYS.match(text)
    if not m or int(m.group(1)) < 1:
        raise BriefingError(f"--period takes LAST_N_DAYS (e.g. 30) or FROM..TO (e.g. 2025-04-01..2025-06-30), "
                            f"not {text!r}")
    try:
        end = P.to_epoch(as_of) if as_of else datetime.now(timezone.utc).timestamp()
    except ValueError:
        raise BriefingError(f"--as-of {as_of!r} is not an ISO 8601 time") from None
    start = end - int(m.group(1)) * 86400
    return Window(start, end, _label(start, end))


def newest_end(conn) -> str | None:
    """The end of a period that ends at the newest item (as the dashboard's periods do): one second
    after it, so that item is inside the half-open window. None for an empty workspace."""
    latest = mq.latest_created(conn)
    return _iso(P.to_epoch(latest) + 1) if latest else None


def granularity(window: Window) -> str:
    """The trend unit of a window without data to narrow it (analysis.periods.granularity)."""
    return P.granularity(window.end - window.start)


def trend_start(span: DataSpan, prev: Window, win: Window) -> float:
    """Where the trend axis starts: the previous period's start, or the day of the oldest item when
    the data begins later (nine days of data are drawn as nine days, not two bars of half a year)."""
    first = span.first
    if first is None or not prev.start < first < win.end:
        return prev.start
    return max(prev.start, float(np.floor(first / 86400) * 86400))


def data_window(span: DataSpan, win: Window) -> Window:
    """The window as the data fills it: "Last 90 days" over nine days of data is labelled with the
    nine days it covers (first to newest item inside it), not the 90 asked for. Start and end (what
    the figures are computed over) are unchanged."""
    first, last = span.first, span.last
    if first is None or last is None or last < win.start or first >= win.end:
        return win
    start = max(win.start, float(np.floor(first / 86400) * 86400))
    end = min(win.end, float(np.floor(last / 86400) * 86400) + 86400)
    return Window(win.start, win.end, _label(start, end), int(np.ceil((end - start) / 86400 - 1e-9)))


def period_grid(start: float, end: float, by: str) -> list[tuple[str, float, float]]:
    """Every period (label, start, end) overlapping [start, end), without gaps."""
    day0 = int(np.floor(start / 86400))
    day1 = int(np.ceil(end / 86400))
    days = np.arange(day0, day1, dtype=np.float64) * 86400
    codes, labels = P.bucket(days, by)
    out = []
    for code, label in enumerate(labels):
        idx = np.nonzero(codes == code)[0]
        out.append((label, max(start, float(days[idx[0]])), min(end, float(days[idx[-1]]) + 86400)))
    return out


@dataclass
class BriefingRequest:
    period: str | None = None  # LAST_N_DAYS or FROM..TO
    top: int = DEFAULT_TOP
    lang: str = "en"
    as_of: str | None = None  # end of LAST_N_DAYS (ISO); default now
    segment: str | None = None  # attribute for the theme x segment heatmap; default the source
    workspace_name: str = ""
    #: narrows satisfaction, response times and status to one source / theme / segment (the
    #: dashboard follows the Feedback screen's filters); theme rankings always cover everything
    scope: mq.Filters | None = None
    #: personal data in quotes, labels and keywords: None follows the workspace setting, False is --no-redact
    redact: bool | None = None

    def check(self) -> None:
        if self.lang not in LANGUAGES:
            raise BriefingError(f"--lang must be one of {', '.join(LANGUAGES)}, not {self.lang!r}")
        if not 1 <= self.top <= 50:
            raise BriefingError(f"--top must be between 1 and 50, not {self.top}")


@dataclass
class BriefingResult:
    path: str
    format: str
    pages: int
    themes: int
    period: str
    lang: str
    seconds: float
    page_titles: list[str] = field(default_factory=list)
    headline: dict = field(default_factory=dict)
    chart_pages: list[str] = field(default_factory=list)  # titles of the pages that carry a chart

    def as_json(self) -> dict:
        return {"file": self.path, "format": self.format, "pages": self.pages, "themes": self.themes,
                "period": self.period, "lang": self.lang, "seconds": self.seconds,
                "page_titles": self.page_titles, "chart_pages": self.chart_pages, "headline": self.headline}


# -- gathering -----------------------------------------------------------------------------
def _select_days(days: list, sums: np.ndarray, start: float, end: float) -> tuple[list, np.ndarray]:
    a, b = _iso(start)[:10], _iso(end - 1)[:10]
    keep = [i for i, d in enumerate(days) if d and a <= d <= b]
    return [days[i] for i in keep], sums[keep] if len(sums) else sums


def _scores(days, sums, start, end, by="all") -> dict:
    d, s = _select_days(days, sums, start, end)
    return metrics.score_periods(d, s, by)


def _snapshot(cols: mq.TimeColumns, as_of: float) -> mq.TimeColumns:
    """The time columns as they stood at ``as_of``: later closes and responses are not known yet."""
    keep = ~np.isnan(cols.created) & (cols.created < as_of)
    closed = cols.closed[keep].copy()
    is_open = cols.is_open[keep].copy()
    late = ~is_open & (closed > as_of)
    is_open[late] = True
    closed[late] = np.nan
    created = cols.created[keep]
    fr = cols.first_response[keep].copy()
    fr[created + fr > as_of] = np.nan
    return mq.TimeColumns(item_id=cols.item_id[keep], created=created, closed=closed, is_open=is_open,
                          first_response=fr, response_unknown=cols.response_unknown[keep],
                          theme_id=cols.theme_id[keep] if len(cols.theme_id) else cols.theme_id)


def _cohort(cols: mq.TimeColumns, start: float, end: float) -> mq.TimeColumns:
    m = (cols.created >= start) & (cols.created < end)
    return mq.TimeColumns(item_id=cols.item_id[m], created=cols.created[m], closed=cols.closed[m],
                          is_open=cols.is_open[m], first_response=cols.first_response[m],
                          response_unknown=cols.response_unknown[m])


def time_samples(cols: mq.TimeColumns, as_of: float) -> dict:
    """Observed durations and censoring times (seconds) for the distribution charts, with the
    same populations as metrics.time_periods."""
    closed_known = ~cols.is_open & ~np.isnan(cols.closed)
    close_pop = cols.is_open | closed_known
    answered = ~np.isnan(cols.first_response)
    resp_pop = answered | ~cols.response_unknown
    wait_end = np.where(closed_known, cols.closed, as_of)
    return {
        "response": {"observed": cols.first_response[answered],
                     "waiting": (wait_end - cols.created)[resp_pop & ~answered]},
        "close": {"observed": (cols.closed - cols.created)[closed_known],
                  "waiting": (as_of - cols.created)[close_pop & cols.is_open]},
    }


def status_flow(cols: mq.TimeColumns, grid: list[tuple[str, float, float]]) -> dict:
    """Opened and resolved per period and the open backlog at each period's end (tracked items;
    closed items without a close time are left out)."""
    closed_known = ~cols.is_open & ~np.isnan(cols.closed)
    usable = cols.is_open | closed_known
    created, closed = cols.created[usable], np.where(closed_known, cols.closed, np.inf)[usable]
    created.sort()
    closed_sorted = np.sort(closed)
    out = {"periods": [], "opened": [], "resolved": [], "backlog": []}
    for label, a, b in grid:
        out["periods"].append(label)
        out["opened"].append(int(np.searchsorted(created, b) - np.searchsorted(created, a)))
        out["resolved"].append(int(np.searchsorted(closed_sorted, b) - np.searchsorted(closed_sorted, a)))
        out["backlog"].append(int(np.searchsorted(created, b) - np.searchsorted(closed_sorted, b)))
    return out


def _closed_after(cols: mq.TimeColumns, as_of: float) -> int:
    """Tracked items created before the period's end, open at its end and closed since (up to
    now): what the "open backlog at the end of the period" still counts, said next to it."""
    later = ~cols.is_open & (cols.closed >= as_of) & (cols.created < as_of)
    return int(later.sum())


def _reindex(rows: list[dict], labels: list[str]) -> list[dict]:
    by = {r["period"]: r for r in rows}
    return [by.get(p, {"period": p, "n": 0, "value": None, "low": None, "high": None}) for p in labels]


def _tokens(text: str) -> set[str]:
    """Lower-case words and single CJK characters of a text."""
    return set(re.findall(r"[a-z0-9']+|[\u3400-\u9fff]", text.lower()))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _quotes(conn, theme: dict, start: str, end: str, settings, limit: int = 3) -> list[dict]:
    """Three quotes (representative first), redacted for export, one per distinct text."""
    from .tell import quote_of
    found = bq.item_texts(conn, theme["quotes"])
    candidates = [found[i] for i in theme["quotes"] if i in found]
    candidates += bq.theme_quote_candidates(conn, theme["id"], start, end)
    chosen, repeats, seen, texts = [], [], [], set()
    for c in candidates:
        text = quote_of(c)  # an issue's title, entities decoded ("&amp;" in exports is "&"), no Markdown marks
        tokens = _tokens(text)
        if not tokens or text in texts:
            continue
        texts.add(text)
        # near-repeats of a chosen quote say little new: used only when there are not enough others
        (repeats if any(_overlap(tokens, other) > 0.6 for other in seen) else chosen).append(c | {"text": text})
        seen.append(tokens)
    return [{"id": c["id"], "text": readable_quote(redact_for_export(c["text"], settings)), "source": c["source_format"],
             "date": (c["created_at"] or "")[:10]} for c in (chosen + repeats)[:limit]]


def gather(conn, request: BriefingRequest, cancel: CancelToken | None = None) -> Generator[Progress, None, dict]:
    """Every figure the briefing shows, as plain data."""
    cancel = cancel or CancelToken()
    request.check()
    win = parse_period(request.period, request.as_of)
    prev = win.previous()
    span = data_span(conn)  # read once for the trend axis, the covered days and "earlier data"
    start = trend_start(span, prev, win)
    by = P.granularity(win.end - start)
    grid = period_grid(start, win.end, by)
    labels = [g[0] for g in grid]
    in_win = [g[0] for g in grid if g[2] > win.start]
    s, e = win.iso()
    ps, _ = prev.iso()
    as_of = min(win.end, datetime.now(timezone.utc).timestamp())
    data: dict = {"window": data_window(span, win), "previous": prev, "by": by, "grid": labels,
                  "highlight": (in_win[0], in_win[-1]),
                  "as_of": _iso(as_of), "workspace": request.workspace_name, "lang": request.lang}
    # nothing is older than this period: "compared with" an empty period would compare with nothing
    data["earlier_data"] = span.first is not None and span.first < win.start
    yield Progress("gathering", 0, 5, "satisfaction")
    scope = request.scope or mq.Filters()
    data["scope"] = scope
    # no item has a date: the briefing covers every item, without trends, times or status flow
    data["undated"] = mq.latest_created(conn) is None and any(t for *_, t in bq.source_counts(conn, s, e))
    days, sums = mq.score_sums_by_day(conn, scope)
    data["scores"] = {"now": _scores(days, sums, win.start, win.end), "before": _scores(days, sums, prev.start, prev.end),
                      "trend": {k: _reindex(v, labels) for k, v in
                                _scores(days, sums, prev.start, win.end, by).items()}}
    cancel.raise_if_cancelled()
    yield Progress("gathering", 1, 5, "response times")
    full = mq.time_columns(conn, scope)
    cols = _snapshot(full, as_of)
    now_c, before_c = _cohort(cols, win.start, win.end), _cohort(cols, prev.start, prev.end)
    data["times"] = {"now": metrics.time_periods(now_c, "all", as_of), "before": metrics.time_periods(before_c, "all", as_of),
                     "samples": time_samples(now_c, as_of)}
    data["flow"] = status_flow(cols, grid)
    data["flow_totals"] = status_flow(cols, [("before", prev.start, prev.end), ("now", win.start, win.end)])
    data["closed_after_end"] = _closed_after(full, as_of)
    data["status_counts"] = bq.status_counts(conn, s, e, scope)
    cancel.raise_if_cancelled()
    yield Progress("gathering", 2, 5, "themes")
    data.update(_themes(conn, request, win, prev, grid, as_of, by, all_time=data["undated"], span=span))
    cancel.raise_if_cancelled()
    yield Progress("gathering", 3, 5, "sources")
    data["sources"] = [{"format": f, "in_period": int(n), "total": int(t)} for f, n, t in bq.source_counts(conn, s, e)]
    data["items_now"] = sum(x["in_period"] for x in data["sources"])
    data["items_before"] = sum(int(n) for _, n, _ in bq.source_counts(conn, ps, s))
    data["respondents"] = bq.respondent_count(conn, s, e)
    data["type_totals"] = bq.type_totals(conn, s, e)  # every item of the period, in a theme or not
    if data["undated"]:  # "the period" is every item
        data["sources"] = [dict(x, in_period=x["total"]) for x in data["sources"]]
        data["items_now"], data["items_before"] = sum(x["total"] for x in data["sources"]), 0
        data["type_totals"] = bq.type_totals(conn, None, None)
    data["exclusions"] = bq.exclusions(conn, *((None, None) if data["undated"] else (s, e)))  # undated: every item
    data["analysis_run"] = tq.last_run(conn)
    data["sentiment_methods"] = fq.sentiment_counts(conn)
    data["privacy"] = _privacy(conn, request)
    data["weights"] = metrics.weights(conn)
    data["scheme"] = settings.get_value(conn, metrics.SCHEME_KEY, "weighted") or "weighted"
    data["imports"] = _imports(conn)
    # the latest period (ending at the newest item) takes status changes made since: they are today's work
    newest = newest_end(conn)
    latest = newest is not None and win.end >= P.to_epoch(newest)
    data["you_said"] = _you_said(conn, s, _iso(max(win.end, datetime.now(timezone.utc).timestamp() + 1)) if latest else e)
    yield Progress("gathering", 5, 5, "")
    return data


def _privacy(conn, request: BriefingRequest):
    """The workspace's privacy settings with the one redaction decision for this briefing applied."""
    from dataclasses import replace

    settings = load_settings(conn)
    return replace(settings, redact_exports=output_redactor(settings, request.redact).on)


def _imports(conn) -> list[dict]:
    from ..store import queries

    return [{"file": r.get("file_name"), "format": r.get("format"), "added": r.get("added")}
            for r in queries.list_imports(conn)]


def _loved(conn, themes: list[dict], settings) -> list[dict]:
    """What people love: mostly-praise themes (analysis.priority) with their size and a praise quote."""
    from .theme_board import loved_themes

    loved = loved_themes([{**t, "size": t["items_total"]} for t in themes])
    quotes = mq.praise_quotes(conn, [t["id"] for t in loved])
    return [{"id": t["id"], "label": redact_for_export(t["label"], settings), "items": t["items_total"],
             "praise_share": t["praise_share"],
             "quote": readable_quote(redact_for_export(" ".join(quotes[t["id"]]["text"].split()), settings))
             if t["id"] in quotes else None}
            for t in loved]


def _themes(conn, request: BriefingRequest, win: Window, prev: Window, grid, as_of: float, by: str,
            all_time: bool = False, span: DataSpan | None = None) -> dict:
    """The top-level themes (``ThemeSummary``, ranked as on the board), each with its sub-themes as
    the breakdown; a top-level theme's figures include its sub-themes' items (``all_time``: every
    item's, for a workspace whose items have no dates)."""
    from .theme_summaries import fold_counts, reported, theme_summaries, to_fix

    summaries = theme_summaries(conn, as_of=_iso(as_of), span=span)
    by_id = {t.id: t for t in summaries}
    ranked = reported(summaries)  # an empty theme (its sub-themes merged or moved away) has no page
    if not ranked:
        return {"themes": [], "themes_total": 0, "loved": [], "loved_total": 0}
    # a mostly-praise theme gets no problem page of its own, even when fewer than ``request.top`` are left
    fixing = to_fix(ranked)
    top = [{"id": t.id, "label": t.label, "keywords": t.keywords, "quotes": t.quotes, "status": t.status,
            "size": t.size, "parent_id": t.parent_id, "priority": t.priority, "factors": t.factors,
            "items_resolved": t.items_resolved, "items_total": t.items_total, "items_with_status": t.items_with_status,
            "sentiment_shares": t.sentiment_shares, "type_shares": t.type_shares,
            "praise_share": t.praise_share, "growth_note": t.growth_note,
            "sub_themes": [{"id": c, "label": by_id[c].label, "size": by_id[c].size} for c in t.children
                           if by_id[c].size > 0]}
           for t in fixing[: request.top]]
    loved_input = [{"id": t.id, "label": t.label, "items_total": t.items_total, "praise_share": t.praise_share}
                   for t in ranked]
    ids = [t["id"] for t in top]
    fold = {c["id"]: t["id"] for t in top for c in t["sub_themes"]}  # sub-theme -> its top-level theme
    deep = ids + list(fold)
    s, e = win.iso()
    ps, _ = prev.iso()
    labels = [g[0] for g in grid]
    series = {i: np.zeros(len(grid), dtype=int) for i in ids}
    now_n, before_n = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    day_to_period = {}
    for theme_id, day, n in bq.theme_days(conn, deep, ps, e):
        theme_id = fold.get(theme_id, theme_id)
        if day not in day_to_period:
            day_to_period[day] = labels.index(P.label_of(day + "T00:00:00+00:00", by))
        series[theme_id][day_to_period[day]] += n
        if day >= s[:10]:
            now_n[theme_id] += n
        else:
            before_n[theme_id] += n
    impacts = metrics.theme_impacts(conn, draws=1000) if ids else {}
    settings = _privacy(conn, request)
    for t in top:  # labels and keywords come from feedback words too
        t["label"] = redact_for_export(t["label"], settings)
        t["keywords"] = [redact_for_export(str(k), settings) for k in t["keywords"]]
    qs, qe = (None, None) if all_time else (s, e)
    sentiment = fold_counts(bq.theme_sentiment_counts(conn, deep, qs, qe), fold)
    types = fold_counts(bq.theme_type_counts(conn, deep, qs, qe), fold)
    undated = fold_counts(bq.undated_counts(conn, deep), fold)
    seg_rows = [(fold.get(theme_id, theme_id), seg, n)
                for theme_id, seg, n in bq.theme_segment_counts(conn, deep, qs, qe, request.segment)]
    for rank, t in enumerate(top, 1):
        t["rank"] = rank
        t["series"] = series[t["id"]].tolist()
        t["items_now"], t["items_before"] = now_n[t["id"]], before_n[t["id"]]
        t["undated"] = undated.get(t["id"], 0)
        if all_time:
            t["items_now"] = t["undated"]
        t["impact"] = impacts.get(t["id"])
        t["sentiment"] = sentiment.get(t["id"], (0, 0, 0, 0))
        t["types"] = types.get(t["id"], (0,) * (len(bq.TYPE_ORDER) + 1))  # + untyped
        t["quotes_shown"] = _quotes(conn, t, s, e, settings)
        for sub in t["sub_themes"]:
            sub["label"] = redact_for_export(sub["label"], settings)
    segs: dict[str, int] = {}
    for _, seg, n in seg_rows:
        segs[seg or "—"] = segs.get(seg or "—", 0) + n
    seg_names = sorted(segs, key=lambda k: -segs[k])[:8]
    matrix = np.zeros((len(top), len(seg_names)), dtype=int)
    for theme_id, seg, n in seg_rows:
        if (seg or "—") in seg_names:
            matrix[ids.index(theme_id), seg_names.index(seg or "—")] += n
    return {"themes": top, "themes_total": len(ranked), "loved": _loved(conn, loved_input, settings),
            "loved_total": len(ranked) - len(fixing),
            "segments": {"names": seg_names, "counts": matrix.tolist(), "key": request.segment}}


def _you_said(conn, start: str, end: str) -> list[dict]:
    """Themes set to a done status (planned, in progress, resolved, won't fix) in the period, with
    quotes and the note of that change: the "You said, we did" page."""
    from ..store import tell_queries
    from .tell import TELLABLE

    settings = load_settings(conn)
    out = []
    changed = tell_queries.themes_changed_to(conn, [s for s in TELLABLE if s != "duplicate"], start, end)
    for t in [t for t in changed if t["size"] > 0][:8]:  # an emptied theme has nothing left to say it of
        theme = tell_queries.theme(conn, t["id"]) or {"quotes": []}
        t["label"] = redact_for_export(t["label"], settings)
        t["note"] = redact_for_export(t["note"], settings) if t["note"] else None
        t["quotes_shown"] = _quotes(conn, {"id": t["id"], "quotes": theme["quotes"]}, start, end, settings, limit=2)
        out.append(t)
    return out


# -- the service ---------------------------------------------------------------------------
def generate(conn, request: BriefingRequest, path: str | Path,
             cancel: CancelToken | None = None) -> Generator[Progress, None, BriefingResult]:
    """Write the briefing to ``path`` (.pdf or .pptx)."""
    from . import briefing_pages, briefing_render

    started = time.perf_counter()
    cancel = cancel or CancelToken()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise BriefingError(f"{path.name}: the briefing is written as .pdf or .pptx")
    if not path.parent.exists():
        raise BriefingError(f"{path.parent}: no such folder")
    request.check()
    data = yield from gather(conn, request, cancel)
    pages = briefing_pages.build(data)
    fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        render = briefing_render.render_pdf if suffix == ".pdf" else briefing_render.render_pptx
        count = yield from render(pages, tmp, data, cancel)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return BriefingResult(str(path), suffix[1:], count, len(data["themes"]), data["window"].label, request.lang,
                          round(time.perf_counter() - started, 2), data.get("rendered_titles", []),
                          briefing_pages.headline_json(data), [p.title for p in pages if p.charts])

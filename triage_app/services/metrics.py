"""Triage metrics of a workspace: satisfaction per period, response and resolution times, theme
priority. Definitions: ../shared/docs/metrics.md (via analysis.satisfaction / response_times /
priority); this module only reads the store and puts the pieces together.

Periods: scores by the time of the answer (respondent's submission, else the item's creation);
times by the period the item was created in (a cohort), so a period's figures only change as its
own items get answered or closed, and still-open items are censored in the Kaplan-Meier median.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Generator

import numpy as np

from analysis import periods, priority, response_times, satisfaction
from ..domain import CancelToken, Progress, drive
from ..store import metrics_queries as mq
from .data_span import DataSpan, data_span
from ..store import settings

WEIGHTS_KEY = "setting:priority_weights"
SOURCE_WEIGHTS_KEY = "setting:source_weights"
SCHEME_KEY = "setting:priority_scheme"
RICE_KEY = "setting:rice_inputs"
GROWTH_WINDOW_DAYS = priority.GROWTH_WINDOW_DAYS
METRIC_KEYS = ("nps", "csat", "ces", "rating", "response_time", "time_to_close", "open_age")


@dataclass
class MetricsRequest:
    by: str = "all"
    source: str | None = None
    theme_id: int | None = None
    segment: tuple[str, str] | None = None
    ignore_users: tuple[str, ...] = ()
    as_of: str | None = None  # ISO time; default now
    mass_gap_s: float = response_times.MASS_GAP_S
    mass_min_items: int = response_times.MASS_MIN_ITEMS

    def filters(self) -> mq.Filters:
        return mq.Filters(source=self.source, theme_id=self.theme_id, segment=self.segment)


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="seconds")


def _as_of_epoch(as_of: str | None) -> float:
    return periods.to_epoch(as_of) if as_of else datetime.now(timezone.utc).timestamp()


# -- satisfaction -----------------------------------------------------------------------------
def score_periods(days: list[str | None], sums: np.ndarray, by: str) -> dict[str, list[dict]]:
    """Roll daily sums up to periods and compute NPS, CSAT, CES and ratings per period."""
    known = [i for i, d in enumerate(days) if d]
    if by == "all":
        labels, rolled = ["all"], sums.sum(axis=0, keepdims=True)
    else:
        epochs = np.array([periods.day_label_to_epoch(days[i]) for i in known], dtype=np.float64)
        codes, labels = periods.bucket(epochs, by)
        rolled = np.zeros((len(labels), sums.shape[1]))
        np.add.at(rolled, codes, sums[known])
    c = {name: i for i, name in enumerate(mq.SCORE_COLUMNS)}
    out = {k: [] for k in ("nps", "csat", "ces", "rating")}
    for label, row in zip(labels, rolled):
        n = lambda key: int(round(row[c[key]]))  # noqa: E731
        out["nps"].append(satisfaction.nps(n("nps_n"), n("nps_p"), n("nps_d")).as_json(label))
        out["csat"].append(satisfaction.csat(n("csat_n"), n("csat_top2")).as_json(label))
        out["ces"].append(satisfaction.ces(n("ces_n"), row[c["ces_sum"]], row[c["ces_sq"]]).as_json(label))
        dist = {k: n(f"r{k}") for k in range(1, 6)}
        out["rating"].append(satisfaction.rating(n("rating_n"), row[c["rating_sum"]], row[c["rating_sq"]], dist).as_json(label))
    for key in out:
        satisfaction.add_changes(out[key])
    return out


# -- times ------------------------------------------------------------------------------------
def time_periods(cols: mq.TimeColumns, by: str, as_of: float, mass_gap_s: float = response_times.MASS_GAP_S,
                 mass_min_items: int = response_times.MASS_MIN_ITEMS) -> dict:
    """response_time, time_to_close, open_age per period of creation, and the mass closures."""
    has_created = ~np.isnan(cols.created)
    created = cols.created
    codes, labels = periods.bucket(np.where(has_created, created, np.nan), by)
    if by == "all":
        codes = np.where(has_created, 0, -1)
    # time to close: closed items with a known close; open items wait until as_of
    closed_known = ~cols.is_open & ~np.isnan(cols.closed)
    close_pop = has_created & (cols.is_open | closed_known)
    close_dur = np.where(closed_known, cols.closed - created, as_of - created)
    ttc = response_times.summarize_by_period(codes[close_pop], labels, close_dur[close_pop], closed_known[close_pop])
    # time to first response: items whose response is unknown (comment count without comments) are left out
    answered = ~np.isnan(cols.first_response)
    resp_pop = has_created & (answered | ~cols.response_unknown)
    wait_end = np.where(closed_known, cols.closed, as_of)
    resp_dur = np.where(answered, cols.first_response, wait_end - created)
    frt = response_times.summarize_by_period(codes[resp_pop], labels, resp_dur[resp_pop], answered[resp_pop])
    # open age
    open_pop = has_created & cols.is_open
    age = response_times.summarize_by_period(codes[open_pop], labels, as_of - created[open_pop],
                                              np.ones(int(open_pop.sum()), dtype=bool), survival=False)
    # mass closures over the close times of these items
    closed_idx = np.nonzero(closed_known)[0]
    mask, found = response_times.mass_closure_mask(cols.closed[closed_idx], mass_gap_s, mass_min_items)
    mass_codes = codes[closed_idx[mask]]
    per_period = np.bincount(mass_codes[mass_codes >= 0], minlength=len(labels)) if len(labels) else []
    for row, count in zip(ttc, per_period):
        row["mass_closed"] = int(count)
    unknown = has_created & ~answered & cols.response_unknown
    unknown_per = np.bincount(codes[unknown][codes[unknown] >= 0], minlength=len(labels)) if len(labels) else []
    for row, count in zip(frt, unknown_per):
        row["unknown"] = int(count)  # the source counts comments the export does not hold
    mass = [{"start": _iso(m["start_epoch"]), "end": _iso(m["end_epoch"]), "count": m["count"]} for m in found]
    empty = {"period": "all", "n": 0, "waiting": 0, "mean_s": None, "median_s": None, "p90_s": None, "km_median_s": None}
    if by == "all":
        ttc, frt, age = (x or [dict(empty)] for x in (ttc, frt, age))
    return {"response_time": frt, "time_to_close": ttc, "open_age": age, "mass_closures": mass,
            "items_in_mass_closures": int(mask.sum())}


def compute(conn: sqlite3.Connection, request: MetricsRequest) -> dict:
    """Every metric of ``request`` as one JSON-ready object (the ``metrics --json`` contract)."""
    return _drive(metrics_job(conn, request))


def metrics_job(conn: sqlite3.Connection, request: MetricsRequest,
                cancel: CancelToken | None = None) -> Generator[Progress, None, dict]:
    """Generator service: yields Progress per stage, returns the metrics object."""
    cancel = cancel or CancelToken()
    periods.check(request.by)
    as_of = _as_of_epoch(request.as_of)
    yield Progress("reading", 0, 2, "scores and times")
    days, sums, cols = mq.metric_inputs(conn, request.filters(), request.ignore_users)
    cancel.raise_if_cancelled()
    yield Progress("computing", 1, 2, "scores, response and resolution times")
    result = {"by": request.by, "as_of": _iso(as_of), **score_periods(days, sums, request.by)}
    result.update(time_periods(cols, request.by, as_of, request.mass_gap_s, request.mass_min_items))
    result["filters"] = {"source": request.source, "theme": request.theme_id,
                         "segment": "=".join(request.segment) if request.segment else None,
                         "ignore_users": list(request.ignore_users)}
    if request.theme_id is not None:
        impact = theme_impacts(conn, request.source).get(request.theme_id)
        result["theme_impact"] = impact or {"nps": None, "csat": None}
    yield Progress("done", 2, 2, "")
    return result


def _drive(gen):
    return drive(gen)


# -- priority ---------------------------------------------------------------------------------
def weights(conn: sqlite3.Connection) -> dict[str, float]:
    return priority.check_weights(settings.get_value(conn, WEIGHTS_KEY, {}) or {})


def priority_scheme(conn: sqlite3.Connection) -> str:
    """The workspace's priority scheme: ``weighted`` (the factors, default) or ``rice``."""
    return settings.get_value(conn, SCHEME_KEY, "weighted") or "weighted"


def source_weights(conn: sqlite3.Connection) -> dict[str, float]:
    return {k: float(v) for k, v in (settings.get_value(conn, SOURCE_WEIGHTS_KEY, {}) or {}).items()}


def save_priority_settings(conn: sqlite3.Connection, *, weights: dict[str, float] | None = None,
                           source_weights: dict[str, float] | None = None, scheme: str | None = None,
                           rice_inputs: dict[int, dict] | None = None) -> None:
    """Save edited weights (merged with the saved ones), source weights, scheme or RICE inputs."""
    from ..store.queries import transaction

    with transaction(conn):
        if weights is not None:
            merged = {**(settings.get_value(conn, WEIGHTS_KEY, {}) or {}), **weights}
            priority.check_weights(merged)
            settings.put_value(conn, WEIGHTS_KEY, merged)
        if source_weights is not None:
            settings.put_value(conn, SOURCE_WEIGHTS_KEY, {**(settings.get_value(conn, SOURCE_WEIGHTS_KEY, {}) or {}),
                                                      **source_weights})
        if scheme is not None:
            if scheme not in priority.SCHEMES:
                raise ValueError(f"priority scheme must be one of {', '.join(priority.SCHEMES)}")
            settings.put_value(conn, SCHEME_KEY, scheme)
        if rice_inputs is not None:
            saved = settings.get_value(conn, RICE_KEY, {}) or {}
            for theme_id, values in rice_inputs.items():
                saved.setdefault(str(theme_id), {}).update(values)
            settings.put_value(conn, RICE_KEY, saved)


def rice_inputs(conn: sqlite3.Connection, theme_id: int) -> dict[str, float]:
    """The RICE inputs a person set for a theme (impact, confidence, effort); missing ones are automatic."""
    return dict((settings.get_value(conn, RICE_KEY, {}) or {}).get(str(theme_id), {}))


def set_rice_inputs(conn: sqlite3.Connection, theme_id: int, values: dict[str, float | None]) -> None:
    """Set (or with None, return to automatic) a theme's RICE impact, confidence and effort."""
    from ..store.queries import transaction

    unknown = set(values) - {"impact", "confidence", "effort"}
    if unknown:
        raise ValueError(f"unknown RICE input(s): {', '.join(sorted(unknown))}")
    if values.get("effort") is not None and values["effort"] <= 0:
        raise ValueError("RICE effort must be positive (person-months)")
    with transaction(conn):
        saved = settings.get_value(conn, RICE_KEY, {}) or {}
        mine = saved.setdefault(str(theme_id), {})
        for key, value in values.items():
            if value is None:
                mine.pop(key, None)
            else:
                mine[key] = float(value)
        if not mine:
            saved.pop(str(theme_id))
        settings.put_value(conn, RICE_KEY, saved)


def growth_setup(conn: sqlite3.Connection, as_of: str | None = None,
                 span: DataSpan | None = None) -> tuple[float, int | None, float | None]:
    """(end epoch, growth window in days or None, calendar days the data spans up to the end, as the
    board and the dashboard count them: services.data_span): the end is ``as_of``, default the newest
    item; see analysis.priority (Growth needs time). Whether growth is measured is decided on those
    calendar days, the count the growth note, the board and the dashboard say ("the data spans 14 days"
    never comes with "growth needs 14 days"). ``span``: the caller's, read once (the briefing)."""
    span = span or data_span(conn)
    latest = as_of or span.newest
    end = periods.to_epoch(latest) if latest else datetime.now(timezone.utc).timestamp()
    days = span.days(end)
    return end, priority.growth_window_days(days), days


def _theme_data(conn: sqlite3.Connection, as_of: str | None, source: str | None = None,
                span: DataSpan | None = None):
    end, window, span = growth_setup(conn, as_of, span)
    days = window or GROWTH_WINDOW_DAYS
    return mq.theme_data(conn, _iso(end - days * 86400), _iso(end - 2 * days * 86400), source), window, span


def theme_inputs(conn: sqlite3.Connection, as_of: str | None = None, source: str | None = None,
                 data: mq.ThemeData | None = None,
                 growth: tuple[int | None, float | None] | None = None) -> list[priority.ThemeInputs]:
    """The priority inputs of every theme with items (see analysis.priority). Growth compares the
    last window before ``as_of`` (default: the newest item) with the window before that. ``growth``:
    (window, span) of growth_setup when the caller has them with ``data``."""
    if data is None:
        fetched, window, span = _theme_data(conn, as_of, source)
    else:
        fetched, (window, span) = None, growth or growth_setup(conn, as_of)[1:]
    data = data or fetched
    sw = source_weights(conn)
    acc: dict[int, dict] = {}
    for row in data.item_stats:
        theme_id, items, people = row["theme_id"], row["items"], row["people"]
        unresolved, negative, recent, previous = row["unresolved"], row["negative"], row["recent"], row["previous"]
        w = sw.get(row["source_format"], 1.0)
        a = acc.setdefault(theme_id, {"items": 0.0, "people": 0.0, "recent": 0.0, "previous": 0.0, "n": 0,
                                      "unresolved": 0.0, "negative": 0.0, "votes": 0.0, "with_status": 0})
        a["with_status"] += row.get("with_status") or 0
        a["votes"] += w * (row.get("votes") or 0.0)
        a["items"] += w * items
        a["people"] += w * people
        a["recent"] += w * recent
        a["previous"] += w * previous
        a["n"] += items
        a["unresolved"] += unresolved
        a["negative"] += negative
    totals = _score_totals(data.score_days[1])
    lags = _response_lags(data.times)
    # no item anywhere carries a status (reviews, survey answers): "unresolved" says nothing, as votes without votes
    statuses = any(a["with_status"] for a in acc.values())
    out = []
    for theme_id, a in sorted(acc.items()):
        counts = data.score_counts.get(theme_id)
        nps_imp = csat_imp = None
        if counts and counts[0] and totals[0]:
            nps_imp = satisfaction.nps_impact(totals[:3], counts[:3], draws=0).value
        if counts and counts[3] and totals[3]:
            csat_imp = satisfaction.csat_impact(totals[3:], counts[3:], draws=0).value
        out.append(priority.ThemeInputs(
            theme_id=theme_id, items=a["items"], people=a["people"], recent=a["recent"], previous=a["previous"],
            negative_share=a["negative"] / a["n"] if a["n"] else None, nps_impact=nps_imp, csat_impact=csat_imp,
            unresolved_share=a["unresolved"] / a["n"] if a["n"] and statuses else None, statuses=statuses,
            response_lag_s=lags.get(theme_id),
            item_count=a["n"], praise_share=data.praise.get(theme_id, 0.0), votes=a["votes"],
            growth_days=window, span_days=span))
    return out


def _score_totals(sums: np.ndarray) -> tuple[int, int, int, int, int]:
    t = sums.sum(axis=0) if len(sums) else np.zeros(len(mq.SCORE_COLUMNS))
    c = {name: i for i, name in enumerate(mq.SCORE_COLUMNS)}
    return tuple(int(round(t[c[k]])) for k in ("nps_n", "nps_p", "nps_d", "csat_n", "csat_top2"))


def _response_lags(cols: mq.TimeColumns) -> dict[int, float]:
    """Median time to first response per theme, over the theme's answered items."""
    answered = ~np.isnan(cols.first_response) & (cols.theme_id >= 0)
    themes, values = cols.theme_id[answered], np.maximum(cols.first_response[answered], 0)
    order = np.argsort(themes, kind="stable")
    themes, values = themes[order], values[order]
    uniq, starts = np.unique(themes, return_index=True)
    bounds = list(starts) + [len(themes)]
    return {int(t): float(np.median(values[bounds[i]:bounds[i + 1]])) for i, t in enumerate(uniq)}


def theme_priorities(conn: sqlite3.Connection, scheme: str | None = None, as_of: str | None = None,
                     data: mq.ThemeData | None = None,
                     growth: tuple[int | None, float | None] | None = None) -> dict[int, dict]:
    """{theme id: {priority, factors, scaled, inputs, scheme}} with the workspace's saved settings."""
    scheme = scheme or settings.get_value(conn, SCHEME_KEY, "weighted") or "weighted"
    rice_saved = {int(k): v for k, v in (settings.get_value(conn, RICE_KEY, {}) or {}).items()}
    return priority.score(theme_inputs(conn, as_of, data=data, growth=growth), scheme, weights(conn), rice_saved)


def theme_triage_fields(conn: sqlite3.Connection, as_of: str | None = None,
                        span: DataSpan | None = None) -> dict[int, dict]:
    """What ``themes --json`` adds per theme: priority, factors (name -> contribution), status,
    items_resolved, items_total (and items_with_status, the items that carry a status at all). Themes without
    items get priority 0."""
    data, window, days = _theme_data(conn, as_of, span=span)
    scores = theme_priorities(conn, as_of=as_of, data=data, growth=(window, days))
    out = {}
    for theme_id, row in data.rollup.items():
        s = scores.get(theme_id)
        out[theme_id] = {
            "priority": s["priority"] if s else 0.0,
            "factors": s["factors"] if s else {f: 0.0 for f in priority.FACTORS},
            "praise_share": data.praise.get(theme_id, 0.0),
            "growth_note": s.get("growth_note") if s else None,
            "status": row["status"],
            "items_resolved": row["items_resolved"],
            "items_total": row["items_total"],
            "items_with_status": row["items_with_status"],
        }
    return out


def theme_impacts(conn: sqlite3.Connection, source: str | None = None, draws: int = 2000) -> dict[int, dict]:
    """{theme id: {"nps": impact, "csat": impact}} with bootstrap 95% intervals."""
    totals = _score_totals(mq.score_sums_by_day(conn, mq.Filters(source=source))[1])
    out = {}
    by_theme = mq.score_counts_by_theme(conn, source)
    # a top-level theme counts its sub-themes' respondents, each once
    by_theme.update(mq.top_respondent_counts(conn, source))
    for theme_id, counts in by_theme.items():
        out[theme_id] = {
            "nps": satisfaction.nps_impact(totals[:3], counts[:3], draws=draws, seed=theme_id).as_json(),
            "csat": satisfaction.csat_impact(totals[3:], counts[3:], draws=draws, seed=theme_id).as_json(),
        }
    return out

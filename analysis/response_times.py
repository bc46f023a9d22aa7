"""Response and resolution times (../shared/docs/metrics.md, after issue-metrics and CHAOSS).

- Time to first response = first response - creation. A response is the earliest comment or
  reply by someone other than the item's author, not by a bot (flagged, or a login ending in
  ``[bot]``) and not by a user on the ignore list (case-insensitive). A time the source reports
  itself wins.
- Time to close = last close - creation. Issue age = as-of - creation, over items still open.
- ``summarize``: mean, median and 90th percentile (numpy's default linear method) over the items
  with a value, the count still ``waiting``, and the Kaplan-Meier median (scipy.stats.ecdf on
  right-censored data) in which the waiting items are censored at the time they have waited so
  far: a backlog of unanswered items cannot make the figures look better.
- ``mass_closures``: runs of closes each within ``gap_s`` of the previous one, at least
  ``min_items`` long (a bot or a clean-up closing many items within minutes).

All times are epoch seconds (UTC); ``periods.to_epoch`` converts ISO text with any offset.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from scipy import stats as _stats

MASS_GAP_S = 120.0
MASS_MIN_ITEMS = 10


def is_bot(login: str | None, flagged: bool = False) -> bool:
    return bool(flagged) or (bool(login) and login.lower().endswith("[bot]"))


def first_response_at(author: str | None, events: Iterable[tuple], ignore: Sequence[str] = ()) -> float | None:
    """Earliest qualifying response time among ``events`` = (epoch, login, is_bot) tuples."""
    ignored = {u.lower() for u in ignore}
    me = (author or "").lower()
    times = [
        t for t, login, bot in events
        if t is not None and not is_bot(login, bot)
        and not (login and (login.lower() == me or login.lower() in ignored))
    ]
    return min(times) if times else None


def km_median(observed: np.ndarray, censored: np.ndarray) -> float | None:
    """Kaplan-Meier median: the smallest time at which the estimated survival S(t) <= 0.5;
    None when S never falls that far (more than half still waiting at their censoring times)."""
    observed = np.asarray(observed, dtype=np.float64)
    censored = np.asarray(censored, dtype=np.float64)
    if len(observed) == 0:
        return None
    if len(censored) == 0:
        sample = observed
    else:
        sample = _stats.CensoredData(uncensored=observed, right=censored)
    sf = _stats.ecdf(sample).sf
    below = np.nonzero(sf.probabilities <= 0.5 + 1e-12)[0]
    return float(sf.quantiles[below[0]]) if len(below) else None


@dataclass(slots=True)
class TimeSummary:
    n: int
    waiting: int
    mean_s: float | None
    median_s: float | None
    p90_s: float | None
    km_median_s: float | None

    def as_json(self, period: str | None = None) -> dict:
        out = {"period": period} if period is not None else {}
        for k in ("n", "waiting", "mean_s", "median_s", "p90_s", "km_median_s"):
            v = getattr(self, k)
            out[k] = None if v is None else (round(float(v), 1) if isinstance(v, float) else v)
        return out


def summarize(values: np.ndarray, waited: np.ndarray | None = None, survival: bool = True) -> TimeSummary:
    """``values``: durations of items that have one; ``waited``: how long the others have waited
    (censoring times). Negative durations (clock skew) count as 0."""
    values = np.maximum(np.asarray(values, dtype=np.float64), 0.0)
    waited = np.zeros(0) if waited is None else np.maximum(np.asarray(waited, dtype=np.float64), 0.0)
    n = len(values)
    if n == 0:
        return TimeSummary(0, len(waited), None, None, None, None)
    km = km_median(values, waited) if survival else None
    return TimeSummary(n, len(waited), float(values.mean()), float(np.median(values)),
                       float(np.percentile(values, 90)), km)


def summarize_by_period(codes: np.ndarray, labels: list[str], durations: np.ndarray, has_value: np.ndarray,
                        survival: bool = True) -> list[dict]:
    """One summary per period label. ``durations[i]`` is item i's value where ``has_value[i]``,
    else how long it has waited; ``codes`` from ``periods.bucket`` (-1: no period, left out)."""
    codes = np.asarray(codes)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    bounds = np.searchsorted(sorted_codes, np.arange(len(labels) + 1))
    out = []
    for i, label in enumerate(labels):
        idx = order[bounds[i]:bounds[i + 1]]
        d, v = durations[idx], has_value[idx]
        out.append(summarize(d[v], d[~v], survival).as_json(label))
    return out


def mass_closures(closed_at: np.ndarray, gap_s: float = MASS_GAP_S, min_items: int = MASS_MIN_ITEMS) -> list[tuple[int, int]]:
    """Mass closures as (start, end) positions in the sorted close times (end exclusive);
    ``mass_closure_mask`` gives a flag per item."""
    t = np.sort(np.asarray(closed_at, dtype=np.float64))
    if len(t) < min_items:
        return []
    breaks = np.nonzero(np.diff(t) > gap_s)[0] + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(t)]))
    keep = (ends - starts) >= min_items
    return [(int(s), int(e)) for s, e in zip(starts[keep], ends[keep])]


def mass_closure_mask(closed_at: np.ndarray, gap_s: float = MASS_GAP_S,
                      min_items: int = MASS_MIN_ITEMS) -> tuple[np.ndarray, list[dict]]:
    """(flag per item: closed in a mass closure, list of {start, end, count}) for close times."""
    closed_at = np.asarray(closed_at, dtype=np.float64)
    order = np.argsort(closed_at, kind="stable")
    t = closed_at[order]
    mask = np.zeros(len(closed_at), dtype=bool)
    found = []
    for s, e in mass_closures(closed_at, gap_s, min_items):
        mask[order[s:e]] = True
        found.append({"start_epoch": float(t[s]), "end_epoch": float(t[e - 1]), "count": e - s})
    return mask, found

"""Satisfaction scores with 95% intervals, as defined in ../shared/docs/metrics.md (Satisfaction).

Every function works from counts/sums (the sufficient statistics), so the store can aggregate a
million answers in SQL and periods can be rolled up by adding:

- NPS: n, promoters (9-10), detractors (0-6). NPS = 100 (p - d); standard error
  100 sqrt(((p + d) - (p - d)^2) / n); 95% interval NPS +- 1.96 SE, clipped to -100..100
  (none from a single answer).
- CSAT: n, top-2-box count (answers 4 or 5 of 1-5; binary sources store good as 5 and bad as 1,
  so the same count gives good / (good + bad)). CSAT = 100 top2 / n; interval: Wilson score.
- CES 2.0 (1-7) and star ratings (1-5): n, sum, sum of squares. Value = mean; interval: Student t
  on the sample standard deviation (none for n < 2). Ratings also keep their 1..5 distribution.
- A period-over-period change is significant only when the two 95% intervals do not overlap.
- Theme impact: overall score minus the score without the theme's respondents, with a bootstrap
  interval (resampling respondents = multinomial draws over the in/out x category cells).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy import stats as _stats

Z95 = 1.959963984540054
CES_SCALE = (1, 7)
CSAT_SCALE = (1, 5)
RATING_SCALE = (1, 5)


@dataclass(slots=True)
class Score:
    n: int
    value: float | None
    low: float | None = None
    high: float | None = None
    se: float | None = None
    extra: dict = field(default_factory=dict)

    def as_json(self, period: str | None = None) -> dict:
        out = {"period": period} if period is not None else {}
        out.update({k: (None if v is None else _round(v)) for k, v in asdict(self).items() if k != "extra"})
        out.update(self.extra)
        return out


def _round(v):
    return round(float(v), 4) if isinstance(v, (float, np.floating)) else v


# -- NPS ---------------------------------------------------------------------------------------
def nps_counts(answers) -> tuple[int, int, int]:
    """(n, promoters, detractors) of 0-10 answers; values outside 0..10 and NaN are ignored."""
    a = np.asarray([x for x in answers if x is not None], dtype=np.float64)
    a = a[(a >= 0) & (a <= 10)]
    return len(a), int((a >= 9).sum()), int((a <= 6).sum())


def nps_group_counts(groups) -> tuple[int, int, int]:
    """Qualtrics ``_NPS_GROUP`` (1 detractor, 2 passive, 3 promoter) -> (n, promoters, detractors)."""
    g = [int(x) for x in groups if x in (1, 2, 3, "1", "2", "3", 1.0, 2.0, 3.0)]
    return len(g), g.count(3), g.count(1)


def nps(n: int, promoters: int, detractors: int) -> Score:
    if n <= 0:
        return Score(0, None)
    p, d = promoters / n, detractors / n
    value = 100.0 * (p - d)
    se = 100.0 * math.sqrt(max(0.0, (p + d) - (p - d) ** 2) / n)
    extra = {"promoters": promoters, "passives": n - promoters - detractors, "detractors": detractors}
    if n < 2:  # one answer has no spread to estimate: no interval
        return Score(n, value, None, None, None, extra)
    low, high = max(-100.0, value - Z95 * se), min(100.0, value + Z95 * se)
    return Score(n, value, low, high, se, extra)


# -- CSAT --------------------------------------------------------------------------------------
def csat_counts(answers) -> tuple[int, int]:
    """(n, top-2-box) of 1-5 answers; unrated (None) and out-of-scale values are not counted."""
    a = np.asarray([x for x in answers if x is not None], dtype=np.float64)
    a = a[(a >= 1) & (a <= 5)]
    return len(a), int((a >= 4).sum())


def csat(n: int, top2: int) -> Score:
    if n <= 0:
        return Score(0, None)
    low, high = wilson(top2, n)
    return Score(n, 100.0 * top2 / n, 100.0 * low, 100.0 * high, 100.0 * math.sqrt(top2 / n * (1 - top2 / n) / n),
                 {"satisfied": top2})


def csat_binary(good: int, bad: int) -> Score:
    """Zendesk-style good/bad: CSAT = good / (good + bad); unrated tickets are not passed in."""
    return csat(good + bad, good)


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


# -- means: CES and star ratings ----------------------------------------------------------------
def mean_score(n: int, total: float, total_sq: float) -> Score:
    if n <= 0:
        return Score(0, None)
    mean = total / n
    if n < 2:
        return Score(n, mean)
    var = max(0.0, (total_sq - n * mean * mean) / (n - 1))
    se = math.sqrt(var / n)
    t = float(_stats.t.ppf(0.975, n - 1))
    return Score(n, mean, mean - t * se, mean + t * se, se)


def mean_counts(answers, scale: tuple[int, int]) -> tuple[int, float, float]:
    a = np.asarray([x for x in answers if x is not None], dtype=np.float64)
    a = a[(a >= scale[0]) & (a <= scale[1])]
    return len(a), float(a.sum()), float((a * a).sum())


def ces(n: int, total: float, total_sq: float) -> Score:
    score = mean_score(n, total, total_sq)
    score.extra["scale"] = "1-7"
    return score


def rating(n: int, total: float, total_sq: float, distribution: dict[int, int] | None = None) -> Score:
    score = mean_score(n, total, total_sq)
    score.extra["distribution"] = {str(k): int((distribution or {}).get(k, 0)) for k in range(1, 6)}
    return score


# -- change between periods ----------------------------------------------------------------------
def significant_change(previous: dict | Score | None, current: dict | Score | None) -> bool | None:
    """True when the two 95% intervals do not overlap, False when they do, None when either has
    no interval."""
    if previous is None or current is None:
        return None
    prev = previous.as_json() if isinstance(previous, Score) else previous
    cur = current.as_json() if isinstance(current, Score) else current
    if None in (prev.get("low"), prev.get("high"), cur.get("low"), cur.get("high")):
        return None
    return cur["low"] > prev["high"] or cur["high"] < prev["low"]


def add_changes(periods: list[dict]) -> list[dict]:
    """Adds ``change`` (value minus the previous period's) and ``significant`` to each period."""
    prev = None
    for row in periods:
        if prev is not None and prev.get("value") is not None and row.get("value") is not None:
            row["change"] = round(row["value"] - prev["value"], 4)
        else:
            row["change"] = None
        row["significant"] = significant_change(prev, row) if prev is not None else None
        prev = row
    return periods


# -- theme impact ----------------------------------------------------------------------------
@dataclass(slots=True)
class Impact:
    value: float | None  # overall - without the theme; negative: the theme drags the score down
    low: float | None
    high: float | None
    n_theme: int
    n_total: int

    def as_json(self) -> dict:
        return {k: _round(v) for k, v in asdict(self).items()}


def _impact(cells: np.ndarray, score_of, n_cats: int, draws: int, seed: int) -> Impact:
    """cells: counts [in-theme categories..., out-of-theme categories...]; score_of(cat counts)."""
    cells = np.asarray(cells, dtype=np.int64)
    n_in, n_out = int(cells[:n_cats].sum()), int(cells[n_cats:].sum())
    n = n_in + n_out
    if n_in == 0 or n_out == 0:
        return Impact(None if n_out == 0 else 0.0, None, None, n_in, n)

    def impact_of(c: np.ndarray) -> np.ndarray:
        total = c[..., :n_cats] + c[..., n_cats:]
        return score_of(total) - score_of(c[..., n_cats:])

    value = float(impact_of(cells[None, :])[0])
    if draws <= 0:
        return Impact(value, None, None, n_in, n)
    rng = np.random.default_rng(seed)
    boot = rng.multinomial(n, cells / n, size=draws)
    boot = boot[boot[:, n_cats:].sum(axis=1) > 0]
    vals = impact_of(boot)
    low, high = np.percentile(vals, [2.5, 97.5])
    return Impact(value, float(low), float(high), n_in, n)


def _nps_of(c: np.ndarray) -> np.ndarray:  # categories: promoters, passives, detractors
    n = c.sum(axis=-1)
    return np.where(n > 0, 100.0 * (c[..., 0] - c[..., 2]) / np.maximum(n, 1), np.nan)


def _csat_of(c: np.ndarray) -> np.ndarray:  # categories: top-2-box, other
    n = c.sum(axis=-1)
    return np.where(n > 0, 100.0 * c[..., 0] / np.maximum(n, 1), np.nan)


def nps_impact(total: tuple[int, int, int], theme: tuple[int, int, int], draws: int = 2000, seed: int = 0) -> Impact:
    """``total`` and ``theme`` are (n, promoters, detractors) of everyone and of the respondents
    who mention the theme."""
    n, p, d = total
    tn, tp, td = theme
    cells = [tp, tn - tp - td, td, p - tp, (n - p - d) - (tn - tp - td), d - td]
    return _impact(np.array(cells), _nps_of, 3, draws, seed)


def csat_impact(total: tuple[int, int], theme: tuple[int, int], draws: int = 2000, seed: int = 0) -> Impact:
    """``total`` and ``theme`` are (n, top-2-box)."""
    n, k = total
    tn, tk = theme
    return _impact(np.array([tk, tn - tk, k - tk, (n - k) - (tn - tk)]), _csat_of, 2, draws, seed)

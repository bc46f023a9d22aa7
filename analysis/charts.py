"""Chart figures for the app and the briefing: pure matplotlib ``Figure`` objects (no pyplot state,
no Qt backend), built from plain data (lists, dicts, numpy arrays) that the services return.

Every builder takes ``meta`` (period, data source, translation of the chart text) and draws into
``fig`` when given (a Figure or SubFigure: the briefing composes pages from them), else into a new
figure of ``size`` ("slide" 16:9 or "a4"). Each chart has a title, axis labels with units, the
period, the source and n in its footer. ``chart_style.export`` writes PNG (2x), SVG and PDF.

Text that comes from feedback (theme labels, segment names) never goes through mathtext: a ``$`` in
a label is shown as written.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure, SubFigure
from matplotlib.ticker import FuncFormatter, NullLocator, PercentFormatter

from .fonts import drawable
from .chart_style import (
    BLUE, GREEN, GREY, ORANGE, SEQUENTIAL, SERIES, VERMILLION, ChartMeta, empty_note, header_footer,
    style, target,
)

FACTOR_ORDER = ("volume", "people", "growth", "negativity", "nps_impact", "csat_impact", "unresolved", "response_lag",
                "votes")
FACTOR_COLOURS = (*SERIES, "#994F00")  # one colour per factor (the ninth, votes: brown)
FACTOR_NAMES = {"volume": "Volume", "people": "People", "growth": "Growth", "negativity": "Negativity",
                "nps_impact": "NPS impact", "csat_impact": "CSAT impact", "unresolved": "Unresolved",
                "response_lag": "Response lag", "votes": "Votes"}
SCORE_AXES = {"nps": ("NPS", "NPS (-100 to 100)"), "csat": ("CSAT", "CSAT (% top-2-box)"),
              "rating": ("Star rating", "Stars (mean, 1-5)"), "ces": ("CES", "CES (mean, 1-7)")}
HOUR = 3600.0
#: Ticks of time axes, in hours: 1 min, 10 min, 1 h, 6 h, 1 d, 1 week, 30 d, 90 d, 1 year.
TIME_TICKS_H = (1 / 60, 1 / 6, 1.0, 6.0, 24.0, 168.0, 720.0, 2160.0, 8760.0)


def safe(text: str) -> str:
    """Text from the data as drawn: mathtext escaped (a ``$`` shows as ``$``), characters no chart
    font has (control characters, most emoji) left out instead of drawn as empty boxes."""
    return drawable(str(text)).replace("$", r"\$")


def duration_label(meta: ChartMeta, hours: float) -> str:
    """``12 min``, ``5.5 h``, ``3 d`` (whole numbers without decimals), in the chart's language."""
    def num(v: float) -> str:
        return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"

    if hours < 1:
        return meta.t("{n} min").replace("{n}", f"{hours * 60:.0f}")
    if hours < 48:
        return meta.t("{n} h").replace("{n}", num(hours))
    return meta.t("{n} d").replace("{n}", num(hours / 24))


def short(text: str, limit: int = 38) -> str:
    text = " ".join(str(text).split())
    width = 0
    for i, ch in enumerate(text):
        width += 2 if ord(ch) > 0x2E80 else 1  # CJK characters are about twice as wide
        if width > limit:
            return text[:i].rstrip() + "…"
    return text


def _width(ch: str) -> int:
    return 2 if ord(ch) > 0x2E80 else 1


def wrapped(text: str, limit: int, lines: int = 2) -> str:
    """``text`` on at most ``lines`` lines of ``limit`` width (CJK counts double), broken between
    words (anywhere in Chinese); only what still does not fit is shortened with "…". A theme label of
    five words is shown whole over two lines rather than cut after two ("Phone and music pr…")."""
    words = " ".join(str(text).split()).split(" ")
    out: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if sum(map(_width, candidate)) <= limit:
            line = candidate
            continue
        if line:
            out.append(line)
            line = ""
        while word and sum(map(_width, word)) > limit:  # a long word or a run of Chinese: broken where it fills a line
            cut, width = 0, 0
            for i, ch in enumerate(word):
                width += _width(ch)
                if width > limit:
                    break
                cut = i + 1
            if sum(map(_width, word[cut:])) <= 2:  # one character left over stays (no "时" alone on a line)
                cut = len(word)
            out.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines - 1] + [short(" ".join(out[lines - 1:]), limit)]
    return "\n".join(out)


def panel_title(label: str, n, limit: int) -> str:
    """A small-multiple panel's title: the whole label over at most two lines, then "(n = 1,234)"
    (on the last line when it fits, else below)."""
    count = f"(n = {int(n):,})"
    title = wrapped(label, limit)
    fits = sum(map(_width, title.split("\n")[-1] + count)) < limit
    return safe(title + (" " if fits else "\n") + count)


def _period_ticks(ax, periods: Sequence[str], max_ticks: int = 10) -> None:
    x = np.arange(len(periods))
    step = max(1, int(np.ceil(len(periods) / max_ticks)))
    ax.set_xticks(x[::step], [safe(p) for p in periods[::step]], rotation=30, ha="right")


def _shade(ax, periods: Sequence[str], highlight: tuple[str, str] | None, meta: ChartMeta, label: bool = True) -> None:
    """Shade the report window (first and last period label inside it)."""
    if not highlight or not periods:
        return
    inside = [i for i, p in enumerate(periods) if highlight[0] <= p <= highlight[1]]
    if inside and len(inside) < len(periods):
        ax.axvspan(inside[0] - 0.5, inside[-1] + 0.5, color="#f1f1f1", zorder=0, lw=0)
        if label:
            ax.text(inside[0] - 0.4, 1.0, meta.t("report period"), transform=ax.get_xaxis_transform(), va="top",
                    fontsize="small", color="#666666", parse_math=False)


# -- themes ranked by priority ---------------------------------------------------------------
def priority_ranking(themes: Sequence[Mapping], meta: ChartMeta, *, fig: Figure | SubFigure | None = None,
                     size="slide", n: int | str | None = None) -> Figure | SubFigure:
    """Horizontal bars, highest priority on top, split into each factor's contribution.

    ``themes``: [{"label", "priority", "factors": {factor: contribution}, "mostly_praise" (optional)}],
    in rank order. Mostly-praise themes (ranked after the themes to fix) are labelled so, in grey,
    below a dashed line.
    """
    with style():
        fig = target(fig, size)
        ax = fig.subplots()
        header_footer(fig, meta, meta.t("Themes ranked by priority"), n)
        if not themes:
            empty_note(ax, meta, "No themes yet")
            return fig
        y = np.arange(len(themes))[::-1]
        pos_left, neg_left = np.zeros(len(themes)), np.zeros(len(themes))
        factors = [f for f in FACTOR_ORDER if any(abs(t["factors"].get(f, 0.0)) > 0 for t in themes)]
        for f in factors:
            colour = FACTOR_COLOURS[FACTOR_ORDER.index(f) % len(FACTOR_COLOURS)]
            values = np.array([float(t["factors"].get(f, 0.0)) for t in themes])
            left = np.where(values >= 0, pos_left, neg_left)
            ax.barh(y, values, left=left, color=colour, label=meta.t(FACTOR_NAMES.get(f, f)), height=0.7)
            pos_left += np.where(values >= 0, values, 0)
            neg_left += np.where(values < 0, values, 0)
        for yi, t, right in zip(y, themes, pos_left):
            ax.text(right + 0.5, yi, f"{t['priority']:.1f}", va="center", fontsize="small", parse_math=False)
        loved = [bool(t.get("mostly_praise")) for t in themes]
        ax.set_yticks(y, [safe(short(t["label"], 30 if p else 38)) + (" · " + meta.t("mostly praise") if p else "")
                          for t, p in zip(themes, loved)])
        for tick, p in zip(ax.get_yticklabels(), loved):
            if p:
                tick.set_color("#666666")
        if any(loved) and not all(loved):
            ax.axhline(y[loved.index(True)] + 0.5, color="#888888", lw=0.8, ls="--")
        ax.set_xlabel(meta.t("Priority score (0-100, sum of factor contributions)"))
        ax.axvline(0, color="#444444", lw=0.8)
        ax.set_xlim(min(0.0, neg_left.min() * 1.1), max(pos_left.max() * 1.12, 1.0))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncols=min(len(factors), 8), frameon=False)
    return fig


def priority_factors(factors: Mapping[str, float], meta: ChartMeta, *, fig: Figure | SubFigure | None = None,
                     size="half", priority: float | None = None, n: int | str | None = None) -> Figure | SubFigure:
    """One theme's priority as each factor's contribution (points of the 0-100 score)."""
    with style():
        fig = target(fig, size)
        total = sum(factors.values()) if priority is None else priority
        names = [f for f in FACTOR_ORDER if f in factors] + [f for f in factors if f not in FACTOR_ORDER]
        # factors that add nothing (no NPS, no votes... in the data): named in the footer, not rows of "0.0"
        zero = [f for f in names if round(float(factors[f]), 1) == 0]
        if len(zero) < len(names):
            names = [f for f in names if f not in zero]
        else:
            zero = []
        note = meta.t("Add nothing here (0.0): {names}").replace(
            "{names}", meta.t(", ").join(meta.t(FACTOR_NAMES.get(f, f)) for f in zero)) if zero else ""
        header_footer(fig, meta, f"{meta.t('Priority factors')}: {total:.1f}", n, note=note)
        ax = fig.subplots()
        if not names:
            empty_note(ax, meta)
            return fig
        values = np.array([float(factors[f]) for f in names])
        y = np.arange(len(names))[::-1]
        colours = [FACTOR_COLOURS[FACTOR_ORDER.index(f) % len(FACTOR_COLOURS)] if f in FACTOR_ORDER else GREY
                   for f in names]
        ax.barh(y, values, color=colours, height=0.65)
        span = max(values.max(initial=0), 1.0) - min(values.min(initial=0), 0.0)
        for yi, v in zip(y, values):
            ax.text(v + (0.01 * span if v >= 0 else -0.01 * span), yi, f"{v:.1f}", va="center",
                    ha="left" if v >= 0 else "right", fontsize="small", parse_math=False)
        ax.set_yticks(y, [meta.t(FACTOR_NAMES.get(f, f)) for f in names])
        ax.axvline(0, color="#444444", lw=0.8)
        ax.set_xlim(min(values.min(initial=0), 0) - 0.08 * span, max(values.max(initial=0), 0) + 0.15 * span)
        ax.set_xlabel(meta.t("Contribution (points of the 0-100 score)"))
        ax.grid(axis="y", visible=False)
    return fig


# -- theme volume over time ----------------------------------------------------------------
def theme_volume(periods: Sequence[str], series: Mapping[str, Sequence[int]], meta: ChartMeta, *,
                 fig: Figure | SubFigure | None = None, size="slide", highlight: tuple[str, str] | None = None,
                 unit: str = "week", title: str | None = None) -> Figure | SubFigure:
    """Items per period for each theme: small multiples on one shared y scale (one panel for one theme)."""
    with style():
        fig = target(fig, size)
        names = list(series)
        total = int(sum(sum(v) for v in series.values()))
        header_footer(fig, meta, title or meta.t("Theme volume over time"), total)
        if not names or not periods:
            empty_note(fig.subplots(), meta)
            return fig
        cols = 1 if len(names) == 1 else min(4, len(names))
        rows = int(np.ceil(len(names) / cols))
        axes = np.atleast_1d(fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)).ravel()
        x = np.arange(len(periods))
        for i, (ax, name) in enumerate(zip(axes, names)):
            values = np.asarray(series[name], dtype=float)
            _shade(ax, periods, highlight, meta, label=i == 0)
            ax.bar(x, values, color=BLUE, width=0.8)
            if len(names) > 1:
                ax.set_title(panel_title(name, values.sum(), 48 // cols + 12), fontsize="medium")
            _period_ticks(ax, periods, 6 if len(names) > 1 else 12)
        for ax in axes[len(names):]:
            ax.set_axis_off()
        label = meta.t("Items per {unit}").replace("{unit}", meta.t(unit))
        for ax in axes[::cols]:
            ax.set_ylabel(label)
    return fig


# -- satisfaction trend ------------------------------------------------------------------------
def score_trend(series: Mapping[str, Sequence[Mapping]], meta: ChartMeta, *, fig: Figure | SubFigure | None = None,
                size="slide", highlight: tuple[str, str] | None = None) -> Figure | SubFigure:
    """One panel per score (nps, csat, rating, ces) with data: value per period and its 95% interval
    as a band. ``series[key]`` rows: {period, value, low, high, n}."""
    with style():
        fig = target(fig, size)
        keys = [k for k in ("nps", "csat", "rating", "ces") if any((r.get("n") or 0) > 0 for r in series.get(k, []))]
        total = sum(int(r.get("n") or 0) for k in keys for r in series[k])
        header_footer(fig, meta, meta.t("Satisfaction trend with 95% intervals"), total,
                      meta.t("band: 95% interval"))
        if not keys:
            empty_note(fig.subplots(), meta, "No scores in this period")
            return fig
        axes = np.atleast_1d(fig.subplots(1, len(keys), squeeze=False)).ravel()
        for ax, key, colour in zip(axes, keys, (BLUE, ORANGE, "#009E73", VERMILLION)):
            rows = list(series[key])
            periods = [r["period"] for r in rows]
            x = np.arange(len(rows))
            v = np.array([np.nan if r.get("value") is None else r["value"] for r in rows], dtype=float)
            lo = np.array([np.nan if r.get("low") is None else r["low"] for r in rows], dtype=float)
            hi = np.array([np.nan if r.get("high") is None else r["high"] for r in rows], dtype=float)
            _shade(ax, periods, highlight, meta)
            ax.fill_between(x, lo, hi, color=colour, alpha=0.22, lw=0)
            ax.plot(x, v, marker="o", color=colour, lw=2, ms=4)
            n = sum(int(r.get("n") or 0) for r in rows)
            name, ylabel = SCORE_AXES[key]
            ax.set_title(f"{meta.t(name)} (n = {n:,})", fontsize="medium")
            ax.set_ylabel(meta.t(ylabel))
            if key == "nps":
                ax.axhline(0, color="#444444", lw=0.8)
            if len(rows) <= 14:
                for xi, r in zip(x, rows):
                    if r.get("n"):
                        ax.annotate(f"{r['n']}", (xi, 0), xycoords=("data", "axes fraction"), xytext=(0, 2),
                                    textcoords="offset points", ha="center", fontsize="x-small", color="#666666")
            _period_ticks(ax, periods, 8)
    return fig


# -- response and close times ------------------------------------------------------------------
def km_curve(observed: np.ndarray, censored: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Kaplan-Meier survival (share still waiting) as step points (times, survival), from the
    durations of answered items and the censoring times of those still waiting."""
    from scipy import stats

    observed = np.maximum(np.asarray(observed, dtype=float), 0.0)
    censored = np.maximum(np.asarray(censored, dtype=float), 0.0)
    if len(observed) == 0:
        return np.zeros(0), np.zeros(0)
    sample = stats.CensoredData(uncensored=observed, right=censored) if len(censored) else observed
    sf = stats.ecdf(sample).sf
    return np.concatenate(([0.0], sf.quantiles)), np.concatenate(([1.0], sf.probabilities))


def _thin_steps(t: np.ndarray, s: np.ndarray, points: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    """At most ``points`` steps of a step curve, sampled evenly on a log time axis (a 100,000-item
    curve draws as fast as a small one and looks the same)."""
    if len(t) <= points or t[-1] <= 0:
        return t, s
    first = t[t > 0][0]
    grid = np.unique(np.concatenate(([0.0], np.geomspace(first, t[-1], points))))
    return grid, s[np.maximum(np.searchsorted(t, grid, side="right") - 1, 0)]


def time_distribution(panels: Sequence[Mapping], meta: ChartMeta, *, fig: Figure | SubFigure | None = None,
                      size="slide") -> Figure | SubFigure:
    """Per panel (e.g. time to first response, time to close) a histogram of the observed times and
    the Kaplan-Meier curve in which items still waiting are censored; medians marked.

    ``panels``: [{"name", "observed": seconds, "waiting": seconds waited so far, "done": "answered"}].
    """
    with style():
        fig = target(fig, size)
        total = sum(len(p["observed"]) + len(p["waiting"]) for p in panels)
        header_footer(fig, meta, meta.t("Response and resolution times"), total,
                      meta.t("Kaplan-Meier: items still waiting are censored"))
        if not panels or total == 0:
            empty_note(fig.subplots(), meta)
            return fig
        axes = fig.subplots(len(panels), 2, squeeze=False)
        hours_fmt = FuncFormatter(lambda v, _: duration_label(meta, v))

        def time_axis(ax, lo, hi):
            ax.set_xscale("log")
            ax.set_xticks([t for t in TIME_TICKS_H if lo <= t <= hi * 1.05] or [lo, hi])
            ax.xaxis.set_major_formatter(hours_fmt)
            ax.xaxis.set_minor_locator(NullLocator())
        for (ax_h, ax_k), p in zip(axes, panels):
            obs = np.maximum(np.asarray(p["observed"], dtype=float), 0) / HOUR
            wait = np.maximum(np.asarray(p["waiting"], dtype=float), 0) / HOUR
            name = meta.t(p["name"])
            if len(obs) == 0:
                empty_note(ax_h, meta)
                empty_note(ax_k, meta)
                continue
            lo = max(np.min(obs[obs > 0]) if (obs > 0).any() else 0.1, 1 / 60)
            hi = max(obs.max(), wait.max() if len(wait) else 0, lo * 10)
            bins = np.geomspace(lo, hi, 30)
            ax_h.hist(np.clip(obs, lo, hi), bins=bins, color=BLUE)
            time_axis(ax_h, lo, hi)
            ax_h.set_title(f"{name}: {meta.t(p.get('done', 'answered'))} n = {len(obs):,}, {meta.t('waiting')} {len(wait):,}",
                           fontsize="medium")
            ax_h.set_xlabel(meta.t("Time (log scale)"))
            ax_h.set_ylabel(meta.t("Items"))
            med = float(np.median(obs))
            ax_h.axvline(med, color=ORANGE, lw=2, label=f"{meta.t('median of answered')} {duration_label(meta, med)}")
            ax_h.legend(loc="upper right")
            t, s = km_curve(obs, wait)
            below = np.nonzero(s <= 0.5 + 1e-12)[0]
            km_med = float(t[below[0]]) if len(below) else None
            t, s = _thin_steps(t, s)
            ax_k.step(np.maximum(t, lo), 100 * s, where="post", color=VERMILLION, lw=2, label=meta.t("Kaplan-Meier"))
            tn, sn = _thin_steps(*km_curve(obs, np.zeros(0)))
            ax_k.step(np.maximum(tn, lo), 100 * sn, where="post", color=GREY, lw=1.5, ls="--",
                      label=meta.t("answered items only"))
            if km_med is not None:
                ax_k.axvline(km_med, color=VERMILLION, lw=1, ls=":")
                ax_k.text(km_med, 52, f" {meta.t('KM median')} {duration_label(meta, km_med)}", fontsize="small",
                          color=VERMILLION, parse_math=False)
            else:
                ax_k.text(0.02, 0.05, meta.t("KM median not reached: over half still waiting"), fontsize="small",
                          transform=ax_k.transAxes, color=VERMILLION, parse_math=False)
            ax_k.axhline(50, color="#888888", lw=0.6)
            time_axis(ax_k, lo, hi)
            ax_k.set_ylim(0, 102)
            ax_k.yaxis.set_major_formatter(PercentFormatter(100))
            ax_k.set_xlabel(meta.t("Time since creation (log scale)"))
            ax_k.set_ylabel(meta.t("Still waiting (%)"))
            ax_k.legend(loc="upper right")
    return fig


# -- status flow -------------------------------------------------------------------------------
def status_flow(periods: Sequence[str], opened: Sequence[int], resolved: Sequence[int], backlog: Sequence[int],
                meta: ChartMeta, *, fig: Figure | SubFigure | None = None, size="slide",
                highlight: tuple[str, str] | None = None, unit: str = "week") -> Figure | SubFigure:
    """Opened vs resolved per period (bars) and the open backlog at each period's end (line)."""
    with style():
        fig = target(fig, size)
        header_footer(fig, meta, meta.t("Status flow: opened vs resolved, and backlog"), int(sum(opened)))
        ax = fig.subplots()
        if not periods:
            empty_note(ax, meta)
            return fig
        x = np.arange(len(periods))
        _shade(ax, periods, highlight, meta)
        ax.bar(x - 0.2, opened, width=0.4, color=ORANGE, label=meta.t("Opened"))
        ax.bar(x + 0.2, resolved, width=0.4, color=BLUE, label=meta.t("Resolved"))
        ax.set_ylabel(meta.t("Items per {unit}").replace("{unit}", meta.t(unit)))
        _period_ticks(ax, periods, 12)
        ax2 = ax.twinx()
        ax2.plot(x, backlog, color="#000000", marker="o", ms=3, lw=2, label=meta.t("Open backlog (end of period)"))
        ax2.set_ylabel(meta.t("Open items (backlog)"))
        ax2.grid(False)
        ax2.set_ylim(0, max(max(backlog, default=0) * 1.15, 1))
        ax2.spines["right"].set_visible(True)
        handles = ax.get_legend_handles_labels()
        h2 = ax2.get_legend_handles_labels()
        ax.legend(handles[0] + h2[0], handles[1] + h2[1], loc="upper left")
    return fig


# -- theme x segment ---------------------------------------------------------------------------
def theme_segment_heatmap(themes: Sequence[str], segments: Sequence[str], counts, meta: ChartMeta, *,
                          fig: Figure | SubFigure | None = None, size="slide",
                          segment_name: str | None = None) -> Figure | SubFigure:
    """Share of each segment's feedback that falls in each theme (columns: segments), counts shown."""
    with style():
        fig = target(fig, size)
        counts = np.asarray(counts, dtype=float).reshape(len(themes), len(segments))
        header_footer(fig, meta, meta.t("Themes by segment"), int(counts.sum()),
                      meta.t("cell: % of the segment's items in the theme (count)"))
        ax = fig.subplots()
        if counts.size == 0 or counts.sum() == 0:
            empty_note(ax, meta)
            return fig
        col_tot = counts.sum(axis=0, keepdims=True)
        share = np.divide(100 * counts, col_tot, out=np.zeros_like(counts), where=col_tot > 0)
        im = ax.imshow(share, cmap=SEQUENTIAL, aspect="auto", vmin=0, vmax=max(share.max(), 1))
        small = len(themes) * len(segments) > 80
        for i in range(len(themes)):
            for j in range(len(segments)):
                r, g, b, _ = im.cmap(im.norm(share[i, j]))
                colour = "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"
                label = f"{share[i, j]:.0f}%" if small else f"{share[i, j]:.0f}%\n({int(counts[i, j])})"
                ax.text(j, i, label, ha="center", va="center", color=colour, fontsize="small", parse_math=False)
        ax.set_xticks(np.arange(len(segments)),
                      [f"{safe(short(s, 18))}\nn = {int(c):,}" for s, c in zip(segments, col_tot[0])])
        ax.set_yticks(np.arange(len(themes)), [safe(short(t)) for t in themes])
        ax.set_xlabel(safe(segment_name) if segment_name else meta.t("Segment"))
        ax.set_ylabel(meta.t("Theme"))
        ax.grid(False)
        cbar = fig.colorbar(im, ax=ax, shrink=0.8)
        cbar.set_label(meta.t("% of the segment's items"))
    return fig


# -- sentiment by theme ------------------------------------------------------------------------
def sentiment_by_theme(themes: Sequence[str], counts: Sequence[Sequence[int]], meta: ChartMeta, *,
                       fig: Figure | SubFigure | None = None, size="slide") -> Figure | SubFigure:
    """100% bars of negative / neutral / positive items per theme; n per theme at the right.

    ``counts[i]`` = (negative, neutral, positive) of theme i."""
    with style():
        fig = target(fig, size)
        c = np.asarray(counts, dtype=float).reshape(len(themes), 3)
        header_footer(fig, meta, meta.t("Sentiment by theme"), int(c.sum()))
        ax = fig.subplots()
        if c.sum() == 0:
            empty_note(ax, meta, "No sentiment scores yet")
            return fig
        styles = [(meta.t(name), colour, "white")
                  for name, colour in (("Negative", VERMILLION), ("Neutral", GREY), ("Positive", BLUE))]
        _share_bars(ax, [safe(short(t)) for t in themes], c, styles, meta.t("Share of the theme's items (%)"))
    return fig


def _share_bars(ax, rows: list[str], counts: np.ndarray, styles: Sequence[tuple[str, str, str]], xlabel: str) -> np.ndarray:
    """100% stacked bars, one per row (top to bottom), each part's share written on it from 7%, n at
    the right; ``styles`` = (legend name, bar colour, ink) per column of ``counts``. Returns the y positions."""
    tot = counts.sum(axis=1, keepdims=True)
    share = np.divide(100 * counts, tot, out=np.zeros_like(counts), where=tot > 0)
    y = np.arange(len(rows))[::-1]
    left = np.zeros(len(rows))
    for k, (name, colour, ink) in enumerate(styles):
        ax.barh(y, share[:, k], left=left, color=colour, label=name, height=0.7)
        for yi, lo, s in zip(y, left, share[:, k]):
            if s >= 7:
                ax.text(lo + s / 2, yi, f"{s:.0f}%", ha="center", va="center", color=ink, fontsize="small",
                        parse_math=False)
        left += share[:, k]
    for yi, n in zip(y, tot[:, 0]):
        ax.text(101, yi, f"n = {int(n):,}", va="center", fontsize="small", parse_math=False)
    ax.set_yticks(y, rows)
    ax.set_xlim(0, 114)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.xaxis.set_major_formatter(PercentFormatter(100))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.12), ncols=len(styles), frameon=False)
    return y


# -- feedback type by theme --------------------------------------------------------------------
TYPE_ORDER = ("problem", "request", "question", "praise", "other")
#: (legend name, bar colour, colour of the share written on it): the theme detail's colours (Okabe-Ito)
TYPE_STYLE = {"problem": ("Problems", VERMILLION, "white"), "request": ("Requests", BLUE, "white"),
              "question": ("Questions", ORANGE, "black"), "praise": ("Praise", GREEN, "white"),
              "other": ("Other", GREY, "black")}


def type_mix_by_theme(themes: Sequence[str], counts: Sequence[Sequence[int]], meta: ChartMeta, *,
                      fig: Figure | SubFigure | None = None, size="slide",
                      overall: Sequence[int] | None = None) -> Figure | SubFigure:
    """100% bars of problems / requests / questions / praise / other per theme; n per bar at the right.

    ``counts[i]`` = the five counts of theme i (TYPE_ORDER); ``overall`` (the same five over all
    feedback) is drawn as a first bar above a line."""
    with style():
        fig = target(fig, size)
        rows = [meta.t("All feedback")] if overall is not None else []
        c = np.asarray(([list(overall)] if overall is not None else []) + [list(x)[:5] for x in counts],
                       dtype=float).reshape(len(rows) + len(themes), 5)
        rows += [safe(short(t)) for t in themes]
        header_footer(fig, meta, meta.t("Feedback type by theme"), int(c[len(rows) - len(themes):].sum()))
        ax = fig.subplots()
        if c.sum() == 0:
            empty_note(ax, meta, "No feedback types yet")
            return fig
        styles = [(meta.t(TYPE_STYLE[kind][0]),) + TYPE_STYLE[kind][1:] for kind in TYPE_ORDER]
        y = _share_bars(ax, rows, c, styles, meta.t("Share of the items (%)"))
        if overall is not None:
            ax.get_yticklabels()[0].set_fontweight("bold")
            if len(rows) > 1:
                ax.axhline(y[0] - 0.5, color="#444444", lw=0.8)
    return fig


# -- sub-themes of the top themes ---------------------------------------------------------------
SUB_BARS = 5  # sub-themes drawn per theme; the rest become one "N more" bar


def sub_theme_breakdown(themes: Sequence[tuple[str, int, Sequence[tuple[str, int]]]], meta: ChartMeta, *,
                        fig: Figure | SubFigure | None = None, size="slide", n: int | str | None = None) -> Figure | SubFigure:
    """What each top-level theme is made of: small multiples (one panel per theme, in the order given)
    of its sub-themes' item counts, largest first, on one shared x scale. ``themes[i]`` = (label,
    items in the theme, [(sub-theme label, items)...]); items of the theme outside every sub-theme
    are drawn as a grey bar of their own."""
    with style():
        fig = target(fig, size)
        total = int(sum(n for _, n, _ in themes))
        header_footer(fig, meta, meta.t("Sub-themes of the top themes"), total if n is None else n)
        if not themes:
            empty_note(fig.subplots(), meta)
            return fig
        cols = 1 if len(themes) == 1 else min(4, len(themes))
        rows = int(np.ceil(len(themes) / cols))
        axes = np.atleast_1d(fig.subplots(rows, cols, sharex=True, squeeze=False)).ravel()
        # label length (CJK counts double) that fits beside a panel's bars ("not in a sub-theme"); on one line (rows
        # of panels) a few more: "Bitcoin Core versi…", "TensorFlow Lite mo…" were cut beside half-empty panels
        width = 48 // cols + (6 if rows == 1 else 10)
        for ax, (label, n, subs) in zip(axes, themes):
            # whole labels over two lines (a cut title or bar label hid what the theme is)
            ax.set_title(panel_title(label, n, 48 // cols + 10), fontsize="medium", loc="left")
            ranked = sorted(subs, key=lambda s: -s[1])
            # two lines where the panels are tall (one row of them); one where rows of panels stack the bars tightly
            bars = [(safe(wrapped(name, width, 2 if rows == 1 else 1)), int(k), BLUE) for name, k in ranked[:SUB_BARS]]
            rest = ranked[SUB_BARS:]
            if rest:
                bars.append((meta.t("{n} more").replace("{n}", str(len(rest))), int(sum(k for _, k in rest)), GREY))
            outside = int(n) - int(sum(k for _, k in subs))
            if subs and outside > 0:
                bars.append((meta.t("not in a sub-theme"), outside, GREY))
            if not subs:
                ax.text(0.02, 0.5, meta.t("no sub-themes"), transform=ax.transAxes, va="center", color="#666666",
                        fontsize="small", parse_math=False)
                ax.set_axis_off()  # no empty frame with a scale of nothing: the title and the note only
                continue
            y = np.arange(len(bars))[::-1]
            ax.barh(y, [b[1] for b in bars], color=[b[2] for b in bars], height=0.7)
            for yi, (_, k, _) in zip(y, bars):
                ax.annotate(f"{k:,}", (k, yi), xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize="x-small", color="#444444")
            ax.set_yticks(y, [b[0] for b in bars], fontsize="small")
            ax.set_ylim(len(bars) - SUB_BARS - 2.4, len(bars) - 0.4)  # bars as thick in every panel, from the top
            ax.tick_params(axis="x", labelbottom=True)
        for ax in axes[len(themes):]:
            ax.set_axis_off()
        drawn = [k for k, (_, _, subs) in enumerate(themes) if subs]
        for col in range(cols):  # under the lowest panel with bars of each column (an empty one has no axis)
            lowest = [k for k in drawn if k % cols == col]
            if lowest:
                axes[lowest[-1]].set_xlabel(meta.t("Items"))
    return fig

"""The look every chart shares: colour-blind-safe colours, sizes for slides and A4, the footer with
period / source / n, translation of chart text, and export to PNG (2x), SVG and PDF.

Colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight colours that
stay distinct under the common colour-vision deficiencies; sequential scales use cividis.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Protocol

from cycler import cycler
from matplotlib.figure import Figure, SubFigure

from .fonts import cjk_rc, quiet_findfont

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, BLACK = OKABE_ITO
GREY = "#999999"
SEQUENTIAL = "cividis"
#: A palette for series, most distinct first (yellow last: weak on white).
SERIES = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, BLACK, YELLOW)

#: Figure sizes in inches: a 16:9 slide (13.33 x 7.5 in, PowerPoint's default) and A4 landscape.
SIZES = {"slide": (13.33, 7.5), "a4": (11.69, 8.27), "half": (6.4, 4.6)}
BASE_DPI = 100
PNG_SCALE = 2  # PNG exports at 2x (200 dpi): sharp on high-density screens and projectors


# PDF fonts as Type 3 (glyph outlines, subset, with a Unicode map so text stays searchable): the
# CJK font is an OpenType/CFF font, which matplotlib's Type 42 embedding mislabels (viewers warn)
# and subsets ten times slower.
def _rc(scale: float) -> dict:
    return {
        "font.size": 11 * scale, "axes.titlesize": 13 * scale, "axes.labelsize": 11 * scale,
        "xtick.labelsize": 10 * scale, "ytick.labelsize": 10 * scale, "legend.fontsize": 10 * scale,
        "figure.titlesize": 16 * scale, "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.6, "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=SERIES), "svg.fonttype": "path",
        "pdf.fonttype": 3, "axes.titlelocation": "left", "axes.titleweight": "bold",
    }


@contextmanager
def style(scale: float = 1.0) -> Iterator[None]:
    """The shared rc settings (with the CJK font) while a chart is being built and saved; matplotlib's
    own settings come back afterwards."""
    import matplotlib

    with matplotlib.rc_context({**cjk_rc(), **_rc(scale)}), quiet_findfont():
        yield


class Translations(Protocol):
    """English chart text -> the report language: a dict, or the briefing's ``Tr``."""

    def get(self, text: str, default: str, /) -> str: ...


@dataclass
class ChartMeta:
    """What every chart states: the period and data source it covers (n is added per chart)."""

    period: str = ""
    source: str = ""
    title: str | None = None  # overrides the chart's own title
    tr: Translations | None = None  # English chart text -> the report language
    show_title: bool = True  # False where the page or slide around the chart carries the title

    def t(self, text: str) -> str:
        return self.tr.get(text, text) if self.tr is not None else text


def new_figure(size: str | tuple[float, float] = "slide") -> Figure:
    w, h = SIZES[size] if isinstance(size, str) else size
    return Figure(figsize=(w, h), dpi=BASE_DPI, layout="constrained")


def target(fig: Figure | SubFigure | None, size) -> Figure | SubFigure:
    return new_figure(size) if fig is None else fig


def header_footer(fig: Figure | SubFigure, meta: ChartMeta, title: str, n: int | str | None, note: str = "") -> None:
    """Title on top; period, data source, n (and a note) in a footer line."""
    if meta.show_title:
        fig.suptitle(meta.title or title, x=0.01, ha="left", fontweight="bold")
    parts = []
    if n is not None:  # a count, or a sentence that says what it counts
        parts.append(n if isinstance(n, str) else f"n = {n:,}")
    if meta.period:
        parts.append(f"{meta.t('Period')}: {meta.period}")
    if meta.source:
        parts.append(f"{meta.t('Source')}: {meta.source}")
    if note:
        parts.append(note)
    fig.supxlabel(_fit_lines(parts, fig), x=0.01, ha="left", fontsize="small", color="#444444")


def _em(text: str) -> float:
    return sum(1.0 if ord(c) > 0x2E80 else 0.56 for c in text)


def _fit_lines(parts: list[str], fig) -> str:
    """Join the footer parts with " · ", breaking lines so they fit the figure's width."""
    import matplotlib

    width_in = fig.bbox.width / fig.figure.dpi
    size = matplotlib.rcParams["font.size"] * 0.833  # "small"
    limit = max(20.0, width_in * 72 / size - 2)
    lines, line = [], ""
    for part in parts:
        candidate = f"{line}  ·  {part}" if line else part
        if line and _em(candidate) > limit:
            lines.append(line)
            line = part
        else:
            line = candidate
    lines.append(line)
    return "\n".join(lines)


def empty_note(ax, meta: ChartMeta, message: str = "No data in this period") -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, meta.t(message), ha="center", va="center", transform=ax.transAxes, color="#666666",
            fontsize="large", parse_math=False)


def titled(fig: Figure, title: str) -> Figure:
    """``fig`` with ``title`` on top when the window around it carried the title (a dashboard chart
    exported on its own is pasted into slides: it must say what it shows)."""
    if title and not fig.get_suptitle():
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    return fig


def export(fig: Figure, path: str | Path, formats: tuple[str, ...] = ("png", "svg", "pdf")) -> list[Path]:
    """Save ``fig`` as ``path`` with each suffix; PNG at 2x. Returns the files written."""
    import matplotlib

    path = Path(path)
    written = []
    with matplotlib.rc_context(cjk_rc()), quiet_findfont():  # fonts are looked up as the file is drawn
        for fmt in formats:
            out = path.with_suffix("." + fmt)
            fig.savefig(out, format=fmt, dpi=BASE_DPI * PNG_SCALE if fmt == "png" else BASE_DPI,
                        facecolor="white", metadata=_metadata(fmt))
            written.append(out)
    return written


def _metadata(fmt: str) -> dict | None:
    # No creation dates: the same data gives byte-identical files.
    if fmt == "pdf":
        return {"CreationDate": None, "Creator": "Feedback Triage"}
    if fmt == "svg":
        return {"Date": None, "Creator": "Feedback Triage"}
    if fmt == "png":
        return {"Software": "Feedback Triage"}
    return None

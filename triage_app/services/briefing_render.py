"""Lay the briefing's pages out as a PDF (matplotlib, vector, A4 landscape) or a PPTX deck
(python-pptx, 16:9: native titles, tables and text boxes; charts as 2x PNG pictures).

Both renderers are generators: one Progress per page, the cancel token checked between pages.
Text from feedback is drawn literally (no mathtext), and the Noto Sans CJK font is used for
every language, so Chinese never renders as boxes.
"""
from __future__ import annotations

import io
import unicodedata
from typing import Any, Generator

from analysis.chart_style import BASE_DPI, PNG_SCALE, style
from analysis.fonts import drawable
from ..domain import CancelToken, Progress
from .briefing_pages import Page, Table

A4 = (11.69, 8.27)
MARGIN_IN = 0.45
CONTENT_W = A4[0] - 2 * MARGIN_IN
BODY_H = 6.65
SLIDE = (13.333, 7.5)
INK, MUTED, RULE, ACCENT = "#1a1a1a", "#555555", "#cccccc", "#0072B2"


# -- text measuring (em units; CJK characters are one em, Latin about half) --------------------
def _char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in "il.,;:'|!ftj ()[]":
        return 0.3
    if ch.isupper() or ch in "mwMW%@":
        return 0.68
    return 0.53


def text_em(text: str) -> float:
    return sum(_char_em(c) for c in text)


_NO_LINE_START = set(")）」』】》〉，。、；：？！…")  # closing marks stay at the end of the line
_NO_LINE_END = set("(（「『【《〈“‘")  # opening marks stay with what follows


def wrap(text: str, width_em: float) -> list[str]:
    """Break ``text`` into lines at most ``width_em`` wide: at spaces for Latin text, anywhere
    between CJK characters."""
    lines: list[str] = []
    for para in drawable(str(text)).split("\n"):
        line, line_w = "", 0.0
        tokens, word = [], ""
        for ch in para:  # words of Latin text, single CJK characters
            if ch == " " or unicodedata.east_asian_width(ch) in "WF":
                if word:
                    tokens.append(word)
                    word = ""
                tokens.append(ch)
            else:
                word += ch
        if word:
            tokens.append(word)
        for tok in tokens:
            w = text_em(tok)
            if line_w + w > width_em and line.strip() and tok not in _NO_LINE_START:
                carry = ""
                while line and line[-1] in _NO_LINE_END and line.rstrip() != line[-1:]:
                    carry, line = line[-1] + carry, line[:-1]  # an opening mark goes with what it opens
                lines.append(line.rstrip())
                line, line_w = ("", 0.0) if tok == " " and not carry else (carry + tok.strip(), text_em(carry + tok.strip()))
                while line_w > width_em:  # one very long word: cut it
                    cut = max(1, int(len(line) * width_em / line_w))
                    lines.append(line[:cut])
                    line = line[cut:]
                    line_w = text_em(line)
                continue
            line += tok
            line_w += w
        lines.append(line.rstrip())
    return lines


def _longest_word_em(text: str) -> float:
    """The widest piece a cell should not be broken inside: a Latin word, or up to four CJK
    characters (a short Chinese word or status such as 进行中)."""
    best = 0.0
    for word in str(text).split():
        run, run_w = 0, 0.0
        for ch in word:
            if unicodedata.east_asian_width(ch) in "WF":
                run += 1
                if run <= 4:
                    run_w += 1.0
            best = max(best, run_w)
        best = max(best, text_em("".join(c for c in word if unicodedata.east_asian_width(c) not in "WF")))
    return best


def fit_widths(table: Table, total_em: float, pad_em: float = 1.0) -> list[float]:
    """Column widths (em) in the table's proportions, widened where a column's longest word would
    not fit (taken from the columns with room to spare), so words are wrapped whole."""
    weights = table.widths or [1.0] * len(table.header)
    scale = sum(weights)
    widths = [w / scale * total_em for w in weights]
    need = [max([_longest_word_em(c) for c in col] + [0.0]) + pad_em
            for col in zip(table.header, *table.rows)]
    short = sum(max(0.0, n - w) for n, w in zip(need, widths))
    spare = sum(max(0.0, w - n) for n, w in zip(need, widths))
    if short <= 0 or spare <= 0:
        return widths
    take = min(1.0, short / spare)
    return [n if n > w else w - (w - n) * take for n, w in zip(need, widths)]


def split_sections(sections, capacity_lines: float, width_em: float, columns: int = 2) -> list[list]:
    """Split (heading, paragraphs) sections into pages of ``columns`` columns of ``capacity_lines``.

    A column holds ``("h", heading)``, ``("p", line, paragraph)`` for a paragraph's first line and
    ``("c", line)`` for the lines that follow; a paragraph is never split between columns."""
    pages: list[list[list[Any]]] = []
    page: list[list[Any]] = [[] for _ in range(columns)]
    col, used = 0, 0.0

    def place(block: list, cost: float) -> None:
        nonlocal page, col, used
        if used + cost > capacity_lines and used > 0:
            col, used = col + 1, 0.0
            if col == columns:
                pages.append(page)
                page, col = [[] for _ in range(columns)], 0
        page[col].extend(block)
        used += cost

    for heading, paragraphs in sections:
        blocks = []
        for p in paragraphs:
            lines = wrap("• " + p, width_em)
            blocks.append(([("p", lines[0], "• " + p)] + [("c", line) for line in lines[1:]] + [("p", "", "")],
                           len(lines) + 0.5))
        first, cost = blocks[0] if blocks else ([], 0.0)
        place([("h", heading)] + first, 1.4 + cost)  # a heading never stands alone at a column's foot
        for block, cost in blocks[1:]:
            place(block, cost)
    if any(page):
        pages.append(page)
    return pages


# -- PDF -------------------------------------------------------------------------------------
def _pdf_page(title: str, subtitle: str, footer: str, number: int):
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4, dpi=BASE_DPI, layout="constrained")
    engine: Any = fig.get_layout_engine()  # the constrained layout engine asked for above
    engine.set(w_pad=0.04, h_pad=0.04, wspace=0, hspace=0)
    columns: Any = fig.subfigures(1, 3, width_ratios=[MARGIN_IN, A4[0] - 2 * MARGIN_IN, MARGIN_IN], wspace=0)
    _, page, _ = columns
    _, header, body, foot = page.subfigures(4, 1, height_ratios=[0.3, 0.85, 6.65, 0.47], hspace=0)
    header.text(0.0, 0.78, drawable(title), fontsize=20, fontweight="bold", color=INK, va="top", parse_math=False)
    header.text(0.0, 0.2, subtitle, fontsize=10, color=MUTED, va="bottom", parse_math=False)
    foot.text(0.0, 0.35, footer, fontsize=8, color=MUTED, parse_math=False)
    foot.text(1.0, 0.35, str(number), fontsize=9, color=MUTED, ha="right", parse_math=False)
    return fig, body


def _pdf_lines(sub, lines: list[tuple[str, str]], top: float, height_in: float, size: float = 10,
               x: float = 0.0) -> float:
    """Draw (kind, text) lines from ``top`` (subfigure fraction) down; returns the new top."""
    step = size * 1.45 / 72 / height_in
    y = top
    for kind, text, *_ in lines:
        if kind == "h":
            y -= step * 0.4
            sub.text(x, y, text, fontsize=size + 2, fontweight="bold", color=ACCENT, va="top", parse_math=False)
            y -= step * 1.3
        elif kind == "q":
            sub.text(x + 0.01, y, text, fontsize=size, style="italic", color=INK, va="top", parse_math=False)
            y -= step
        else:
            sub.text(x, y, text, fontsize=size, color=INK, va="top", parse_math=False)
            y -= step if text else step * 0.5
    return y


def _pdf_table(sub, table: Table, top: float, width_in: float, height_in: float, size: float = 9.5) -> float:
    em_per_in = 72 / size
    widths = fit_widths(table, width_in * em_per_in)
    scale = sum(widths)
    xs, x = [], 0.0
    for w in widths:
        xs.append(x)
        x += w / scale
    step = size * 1.4 / 72 / height_in
    y = top

    def row(cells, bold=False):
        nonlocal y
        wrapped = [wrap(c, max(2.0, w - 1.0)) for c, w in zip(cells, widths)]
        for x0, lines in zip(xs, wrapped):
            for k, line in enumerate(lines):
                sub.text(x0, y - k * step, line, fontsize=size, fontweight="bold" if bold else "normal",
                         color=INK, va="top", parse_math=False)
        y -= step * max(len(w) for w in wrapped) + step * 0.35
        sub.add_artist(_rule(y + step * 0.18))

    row(table.header, bold=True)
    for cells in table.rows:
        row(cells)
    return y - step * 0.5


def _rule(y: float):
    from matplotlib.lines import Line2D

    return Line2D([0, 1], [y, y], color=RULE, lw=0.6)


def _pdf_facts(page: Page, width_in: float, size: float = 10) -> list[tuple[str, str]]:
    em = width_in * 72 / size
    lines = []
    for fact in page.facts:
        lines += [("p", l) for l in wrap("• " + fact, em)]
    return lines


def _draw_pdf_page(page: Page, fig, body, data: dict) -> None:
    body_h = BODY_H
    if page.kind == "summary":
        if len(page.tables) > 1:
            left, right = body.subfigures(1, 2, width_ratios=[1.45, 1], wspace=0.03)
            w_left = CONTENT_W * 1.45 / 2.45 - 0.25
            _pdf_lines(right, [("h", _theme_heading(data))], 0.99, body_h, size=11)
            _pdf_table(right, page.tables[1], 0.93, CONTENT_W / 2.45 - 0.1, body_h, size=10.5)
        else:
            left, w_left = body, CONTENT_W
        y = _pdf_table(left, page.tables[0], 0.99, w_left, body_h, size=10.5)
        _pdf_lines(left, _pdf_facts(page, w_left, 11), y - 0.03, body_h, size=11)
    elif page.kind == "theme":
        left, right = body.subfigures(1, 2, width_ratios=[1, 1.3], wspace=0.02)
        w_left = CONTENT_W / 2.3 - 0.2
        lines = _pdf_facts(page, w_left, 11)
        if page.quotes:
            lines += [("p", "")]
            for q in page.quotes:
                lines += [("q", l) for l in wrap(q, w_left * 72 / 11 - 1.5)] + [("p", "")]
        _pdf_lines(left, lines, 0.99, body_h, size=11)
        # the trend above the priority factors; without dates the factors alone, in the upper half
        for chart, part in zip(page.charts, right.subfigures(2, 1)):
            chart.draw(part)
    elif page.kind == "chart":
        extra = bool(page.tables or page.facts)
        if extra:
            chart_sub, info = body.subfigures(2, 1, height_ratios=[3.0, 1.0 if page.tables else 0.35])
        else:
            chart_sub, info = body, None
        page.charts[0].draw(chart_sub)
        if info is not None:
            info_h = body_h * (0.25 if page.tables else 0.1)
            y = 0.98
            if page.tables:
                y = _pdf_table(info, page.tables[0], y, CONTENT_W, info_h, size=9.5)
            _pdf_lines(info, _pdf_facts(page, CONTENT_W, 9.5), y, info_h, size=9.5)
    elif page.kind == "text":
        cols = body.subfigures(1, 2, wspace=0.04)
        for col, section in zip(cols, page.sections):
            _pdf_lines(col, section, 0.99, body_h, size=10)


def _theme_heading(data: dict) -> str:
    from .briefing_pages import Tr

    return Tr(data["lang"])("Top themes")


def _paginate_text(pages: list[Page], capacity: float, width_em: float) -> list[Page]:
    out = []
    for p in pages:
        if p.kind != "text":
            out.append(p)
            continue
        chunks = split_sections(p.sections, capacity, width_em)
        for i, chunk in enumerate(chunks):
            title = p.title if i == 0 else f"{p.title} ({i + 1})"
            out.append(Page(title, "text", p.subtitle, sections=chunk))
    return out


def render_pdf(pages: list[Page], path: str, data: dict, cancel: CancelToken) -> Generator[Progress, None, int]:
    from matplotlib.backends.backend_pdf import PdfPages

    pages = _paginate_text(pages, capacity=31, width_em=(CONTENT_W / 2 - 0.35) * 72 / 10)
    footer = f"Feedback Triage · {data['workspace']} · {data['window'].label}"
    with style(), PdfPages(path, metadata={"Title": f"Feedback Triage briefing {data['window'].label}",
                                          "Creator": "Feedback Triage", "CreationDate": None}) as pdf:
        for number, page in enumerate(pages, 1):
            cancel.raise_if_cancelled()
            fig, body = _pdf_page(page.title, page.subtitle, footer, number)
            _draw_pdf_page(page, fig, body, data)
            pdf.savefig(fig)
            yield Progress("pages", number, len(pages), page.title)
    data["rendered_titles"] = [p.title for p in pages]
    return len(pages)


# -- PPTX -------------------------------------------------------------------------------------
def _png(draw, size: tuple[float, float]) -> bytes:
    """A chart drawn at its placed size, as a PNG at 2x, reduced to a 256-colour palette (charts
    have few colours; the file gets several times smaller)."""
    from matplotlib.figure import Figure
    from PIL import Image

    fig = Figure(figsize=size, dpi=BASE_DPI, layout="constrained")
    draw(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=BASE_DPI * PNG_SCALE, facecolor="white")
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_pptx(pages: list[Page], path: str, data: dict, cancel: CancelToken) -> Generator[Progress, None, int]:
    from pptx import Presentation
    from pptx.util import Emu

    from .briefing_slides import SlideWriter

    pages = _paginate_text(pages, capacity=25, width_em=5.4 * 72 / 11)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)  # PowerPoint's 16:9, 13.333 x 7.5 in
    writer = SlideWriter(prs, data, _png)
    with style():
        for number, page in enumerate(pages, 1):
            cancel.raise_if_cancelled()
            writer.add(page, number)
            yield Progress("pages", number, len(pages), page.title)
    prs.core_properties.title = f"Feedback Triage briefing {data['window'].label}"
    prs.save(path)
    data["rendered_titles"] = [p.title for p in pages]
    return len(pages)

"""Slides of the PPTX briefing (python-pptx): a title placeholder on every slide (so the deck's
outline and accessibility tools see the titles), native tables and text boxes that stay editable,
and charts as pictures with their alt text."""
from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from .briefing_pages import Page, Table, Tr

TITLE_ONLY = 5  # layout of python-pptx's default template
FONT = "Noto Sans CJK SC"
INK, MUTED, ACCENT = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x55, 0x55, 0x55), RGBColor(0x00, 0x72, 0xB2)
W, H = 13.333, 7.5
MARGIN = 0.45
TOP = 1.35  # content starts below the title and subtitle


class SlideWriter:
    def __init__(self, prs, data: dict, png):
        self.prs, self.data, self.png = prs, data, png
        self.tr = Tr(data["lang"])
        self.footer = f"Feedback Triage · {data['workspace']} · {data['window'].label}"

    # -- pieces ----------------------------------------------------------------------------
    def _text(self, slide, left, top, width, height, lines, size=14, colour=INK, bold=False, italic=False):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            kind, text = line if isinstance(line, tuple) else ("p", line)
            run = para.add_run()
            run.text = text
            font = run.font
            font.name = FONT
            font.size = Pt(size + (2 if kind == "h" else 0) if text else size * 0.5)
            font.bold = bold or kind == "h"
            font.italic = italic or kind == "q"
            font.color.rgb = ACCENT if kind == "h" else colour
            para.line_spacing = 1.0
            para.space_after = Pt(0)
            para.space_before = Pt(6 if kind == "h" and i else 0)
        return box

    def _table(self, slide, table: Table, left, top, width, size=12) -> float:
        """A native table with row heights from the wrapped text; returns its height (inches)."""
        from .briefing_render import fit_widths, wrap

        rows, cols = len(table.rows) + 1, len(table.header)
        widths = fit_widths(table, width * 72 / size, pad_em=0.2 * 72 / size + 0.3)
        total = sum(widths)
        col_em = [max(2.0, (width * w / total - 0.2) * 72 / size) for w in widths]
        heights = [max(len(wrap(str(c), em)) for c, em in zip(cells, col_em)) * size * 1.25 / 72 + 0.1
                   for cells in [table.header] + table.rows]
        shape = slide.shapes.add_table(rows, cols, Inches(left), Inches(top), Inches(width), Inches(sum(heights)))
        for j, w in enumerate(widths):
            shape.table.columns[j].width = Emu(int(Inches(width) * w / total))
        for i, h in enumerate(heights):
            shape.table.rows[i].height = Inches(h)
        for i, cells in enumerate([table.header] + table.rows):
            for j, value in enumerate(cells):
                cell = shape.table.cell(i, j)
                cell.text = ""
                run = cell.text_frame.paragraphs[0].add_run()
                run.text = str(value)
                run.font.name, run.font.size, run.font.bold = FONT, Pt(size), i == 0
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                cell.margin_left = cell.margin_right = Inches(0.08)
        return sum(heights)

    def _picture(self, slide, chart, left, top, width, height):
        pic = slide.shapes.add_picture(io_bytes(self.png(chart.draw, (width, height))), Inches(left), Inches(top),
                                       Inches(width), Inches(height))
        pic._element.nvPicPr.cNvPr.set("descr", f"{chart.name} chart")  # alt text
        return pic

    def _base(self, page: Page, number: int):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_ONLY])
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Inches(MARGIN), Inches(0.25), Inches(W - 2 * MARGIN), Inches(0.75)
        title.text = page.title
        para = title.text_frame.paragraphs[0]
        para.alignment = 1  # left
        for run in para.runs:
            run.font.name, run.font.size, run.font.bold, run.font.color.rgb = FONT, Pt(28), True, INK
        self._text(slide, MARGIN, 0.92, W - 2 * MARGIN, 0.4, [page.subtitle], size=12, colour=MUTED)
        self._text(slide, MARGIN, H - 0.42, W - 2 * MARGIN - 0.6, 0.3, [self.footer], size=9, colour=MUTED)
        self._text(slide, W - MARGIN - 0.6, H - 0.42, 0.6, 0.3, [str(number)], size=9, colour=MUTED)
        return slide

    # -- one slide per page ------------------------------------------------------------------
    def add(self, page: Page, number: int) -> None:
        slide = self._base(page, number)
        inner = W - 2 * MARGIN
        bottom = H - 0.5
        if page.kind == "summary":
            wide = inner * (0.62 if len(page.tables) > 1 else 1.0)
            h = self._table(slide, page.tables[0], MARGIN, TOP, wide, size=11)
            self._text(slide, MARGIN, TOP + h + 0.15, wide, bottom - TOP - h - 0.15,
                       [l for f in page.facts for l in ("• " + f, "")][:-1], size=12)
            if len(page.tables) > 1:
                x = MARGIN + inner * 0.645
                self._text(slide, x, TOP - 0.05, inner * 0.355, 0.4, [("h", self.tr("Top themes"))], size=14)
                self._table(slide, page.tables[1], x, TOP + 0.4, inner * 0.355, size=11)
        elif page.kind == "theme":
            lines = ["• " + f for f in page.facts] + [l for q in page.quotes for l in ("", ("q", q))]
            self._text(slide, MARGIN, TOP, inner * 0.42, bottom - TOP, lines, size=13)
            x, w = MARGIN + inner * 0.44, inner * 0.56
            half = (bottom - TOP) / len(page.charts)  # two charts; one (the factors) without dates
            for k, chart in enumerate(page.charts):
                self._picture(slide, chart, x, TOP + k * (half + 0.05), w, half - 0.05)
        elif page.kind == "chart":
            rows = len(page.tables[0].rows) + 1 if page.tables else 0
            extra = (rows * 0.3 + 0.1 if rows else 0.0) + (0.3 * len(page.facts) + 0.05 if page.facts else 0.0)
            self._picture(slide, page.charts[0], MARGIN, TOP, inner, bottom - TOP - extra)
            y = bottom - extra + 0.05
            if page.tables:
                y += self._table(slide, page.tables[0], MARGIN, y, inner, size=10) + 0.05
            if page.facts:
                self._text(slide, MARGIN, y, inner, bottom - y, ["• " + f for f in page.facts], size=11)
        elif page.kind == "text":  # whole paragraphs: PowerPoint wraps them itself
            for k, column in enumerate(page.sections):
                paragraphs: list[Any] = [(e[0], e[2]) if e[0] == "p" else e[:2] for e in column if e[0] != "c"]
                self._text(slide, MARGIN + k * (inner / 2 + 0.1), TOP, inner / 2 - 0.1, bottom - TOP, paragraphs, size=11)


def io_bytes(data: bytes):
    import io

    return io.BytesIO(data)

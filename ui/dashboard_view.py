"""The dashboard: the briefing's charts live on matplotlib canvases, for a chosen period; export any
chart (PNG, SVG, PDF) or the whole briefing (PDF, PPTX) from here."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea, QApplication, QCheckBox, QSizePolicy, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QSpinBox, QVBoxLayout,
    QWidget,
)

from .workers import run_in_thread

PERIODS = ((30, "Last 30 days"), (90, "Last 90 days"), (180, "Last 180 days"), (365, "Last 365 days"), (None, "All time"))
CHART_HEIGHT = 540


class DashboardView(QWidget):
    briefing_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = None
        self.ws = None  # the window's workspace (its readers)
        self.lang = "en"
        self._generation = 0
        self.period = QComboBox(toolTip=self.tr("The period ends at the newest feedback in the workspace"))
        for days, label in PERIODS:
            self.period.addItem(self.tr(label), days)
        self.period.setCurrentIndex(1)
        self.top = QSpinBox(minimum=3, maximum=30, value=10, prefix=self.tr("Top "), suffix=self.tr(" themes"))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        brief = QPushButton(self.tr("Export Briefing…"))
        brief.setToolTip(self.tr("A PDF or PowerPoint briefing with these charts, top themes and a methods appendix"))
        brief.clicked.connect(self.briefing_requested)
        self.follow = QCheckBox(self.tr("Follow Feedback filters"), checked=True)
        self.follow.setToolTip(self.tr(
            "Narrow the satisfaction, response-time and status charts to the source, theme and segment "
            "chosen on the Feedback screen (theme rankings always cover all feedback)"))
        self.follow.toggled.connect(self.refresh)
        self.scope = None  # metrics Filters from the Feedback screen, or None
        self.state = QLabel()
        controls = QHBoxLayout()
        for widget in (self.period, self.top, self.follow, refresh, brief):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.state)
        self.charts_box = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_box)
        self.charts_layout.setAlignment(Qt.AlignmentFlag.AlignTop)  # notices at the top, not spread out
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.charts_box)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(scroll, 1)
        self.period.currentIndexChanged.connect(self.refresh)
        self._auto_period = True  # the period was chosen to fit the data, not by the user: refitted after imports
        self.period.activated.connect(lambda _i: setattr(self, "_auto_period", False))
        self.top.editingFinished.connect(self.refresh)
        self._canvases = []
        self._last_notices = []
        self._resize_timer = QTimer(self, singleShot=True, interval=400)
        self._resize_timer.timeout.connect(self._redraw)
        self.notices: list[QLabel] = []  # one-line notices: what would fill a missing panel, or the first step
        self.headings: list[QLabel] = []  # each chart's title, above it

    def set_workspace(self, ws, lang: str = "en") -> None:
        first_look = self.path != ws.path
        if first_look:
            self._auto_period = True
        self.ws, self.path, self.lang = ws, ws.path, lang
        self._clear()
        self._stale = True
        self._fit_periods(first_look)

    def _fit_periods(self, first_look: bool) -> None:
        """Offer the periods the data fills: over nine days of data "Last 90 days" would show the same
        nine days under a 90-day name, so the longer periods are greyed out, "All time" says how many
        days the data spans and is chosen when the workspace is first shown."""
        from triage_app.services.data_span import data_span

        span = data_span(self.ws.reader()).days()  # calendar days, as the board's trend and the growth note say
        model = self.period.model()
        self.period.blockSignals(True)
        try:
            for row, (days, label) in enumerate(PERIODS):
                item = model.item(row)
                if days is None:
                    item.setText(self.tr("All time ({0} days)").format(f"{span:,}") if span else self.tr(label))
                    continue
                covered = span is not None and days > span  # the shorter period that holds it all is "All time"
                item.setEnabled(not covered)
                item.setToolTip(self.tr("The data spans only {0} days: choose All time").format(span) if covered else "")
            current = self.period.currentData()
            if first_look or self._auto_period or (span is not None and current is not None and current > span):
                fits = span is not None and span > 90  # undated: "All time" (the greyed combo said "Last 90 days")
                self.period.setCurrentIndex(1 if fits else len(PERIODS) - 1)
        finally:
            self.period.blockSignals(False)

    def set_scope(self, scope) -> None:
        """The Feedback screen's filters changed: redraw now if visible, else when next shown."""
        if scope == self.scope:
            return
        self.scope = scope
        if not self.follow.isChecked():
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):  # charts are drawn when the tab is first looked at
            self.refresh()

    def _clear(self) -> None:
        for canvas in self._canvases + self.notices + self.headings:
            canvas.setParent(None)
            canvas.deleteLater()
        self._canvases, self.notices, self.headings = [], [], []

    def refresh(self) -> None:
        if not self.path:
            return
        self._stale = False
        self._generation += 1
        generation, ws, days, top, lang = self._generation, self.ws, self.period.currentData(), self.top.value(), self.lang
        scope = self.scope if self.follow.isChecked() else None
        self.state.setText(self.tr("Gathering figures…"))
        size = self._chart_size()

        def work():
            from triage_app.services.dashboard import dashboard_charts

            with ws.reading() as view:
                charts = yield from dashboard_charts(view.conn, days, top, lang,
                                                     scope=scope.filters() if scope is not None else None)
            return render_charts(charts, size)

        def done(charts):
            if generation == self._generation:
                self._show(charts)

        def failed(exc):
            self.state.setText(self.tr("Charts could not be drawn: {0}").format(exc))

        run_in_thread(self, work, done, failed, lambda p: None)

    def _chart_size(self) -> tuple[int, int, float]:
        """Width and height (pixels) a chart gets in the scroll area, and the screen's pixel ratio."""
        area = self.findChild(QScrollArea)
        width = (max(600, area.viewport().width() - 24 - area.verticalScrollBar().sizeHint().width())
                 if area is not None else 1200)
        self._rendered_width = width
        return width, CHART_HEIGHT, self.devicePixelRatioF() or 1.0

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        width = getattr(self, "_rendered_width", None)
        if width and self._canvases and abs(self._chart_size()[0] - width) > 0.1 * width:
            self._rendered_width = self._chart_size()[0]
            self._resize_timer.start()  # redraw at the new width once the resizing stops

    def _redraw(self) -> None:
        if not self._canvases:
            return
        charts = self._last_notices + [c.chart for c in self._canvases]
        generation, size = self._generation, self._chart_size()

        def done(rendered):
            if generation == self._generation:
                self._show(rendered)

        run_in_thread(self, lambda: render_charts(charts, size), done)

    def _show(self, rendered) -> None:
        """Charts drawn by ``render_charts`` in the worker: here only pictures are put on screen
        (drawing seven charts took seconds on the UI thread)."""
        charts = [r[0] for r in rendered]
        self._last_notices = [c for c in charts if c.draw is None]
        self._clear()
        notices = [c for c in charts if c.draw is None]
        images = [r for r in rendered if r[0].draw is not None]
        charts = [r[0] for r in images]
        for notice in notices:  # what would fill the panels that stepped aside, or the first step
            label = QLabel(notice.title, wordWrap=True, objectName=f"notice-{notice.name}")
            label.setStyleSheet("padding: 10px; font-size: 13px;" if notice.name != "empty"
                                else "padding: 40px; font-size: 16px;")
            self.charts_layout.addWidget(label)
            self.notices.append(label)
        for chart, fig, png, ratio in images:
            # the chart's title above it: the figures leave it to the page around them (as in the briefing)
            heading = QLabel(chart.title, objectName=f"heading-{chart.name}", wordWrap=True)
            heading.setStyleSheet("font-weight: bold; font-size: 15px; padding: 12px 2px 2px 2px;")
            self.charts_layout.addWidget(heading)
            self.headings.append(heading)
            canvas = ChartImage(chart, fig, png, ratio)
            canvas.setToolTip(chart.title)
            canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            export = QAction(self.tr("Export Chart…"), canvas)
            export.triggered.connect(lambda _=False, f=fig, name=chart.name, title=chart.title:
                                     self.export_chart(f, name, title))
            canvas.addAction(export)
            self.charts_layout.addWidget(canvas)
            self._canvases.append(canvas)
        undated = any(n.name == "undated" for n in notices)  # no dates: a period cannot narrow anything
        self.period.setEnabled(not undated)
        self.period.setToolTip(self.tr("The items have no dates: every chart covers all of them") if undated
                               else self.tr("The period ends at the newest feedback in the workspace"))
        text = (self.tr("{0} charts · right-click a chart to export it").format(len(charts)) if charts
                else "" if notices else self.tr("No feedback in this period"))
        if charts and self.follow.isChecked() and self.scope is not None:
            text = self.tr("Filtered like the Feedback screen") + " · " + text
        self.state.setText(text)

    def export_chart(self, fig, name: str, title: str = "") -> None:
        """Save one chart as a file, with its title on it (on screen the heading above it says it)."""
        from analysis.chart_style import export, titled

        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export Chart"), str(Path.home() / f"{name}.png"),
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
        if not path:
            return
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix not in ("png", "svg", "pdf"):
            suffix = "svg" if "SVG" in chosen else "pdf" if "PDF" in chosen else "png"
            path = f"{path}.{suffix}"
        try:
            export(titled(fig, title), Path(path), (suffix,))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))


def render_charts(charts, size: tuple[int, int, float]) -> list[tuple]:
    """In a worker: each chart drawn on its own Agg figure at the size it is shown, as PNG bytes;
    ``(chart, figure, png, pixel ratio)`` (notices: ``(notice, None, None, 1)``)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.chart_style import BASE_DPI, new_figure, style
    from analysis.fonts import configure_matplotlib

    configure_matplotlib()
    width, height, ratio = size
    out = []
    with style():
        for chart in charts:
            if chart.draw is None:
                out.append((chart, None, None, 1.0))
                continue
            fig = new_figure((width / BASE_DPI, height / BASE_DPI))
            chart.draw(fig)
            FigureCanvasAgg(fig)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=BASE_DPI * ratio, facecolor="white")
            out.append((chart, fig, buf.getvalue(), ratio))
    return out


class ChartImage(QLabel):
    """A chart as a picture (drawn in a worker). ``figure`` is kept for Export Chart…; the mouse
    wheel goes to the dashboard's scroll area."""

    def __init__(self, chart, figure, png: bytes, ratio: float):
        super().__init__()
        self.chart, self.figure = chart, figure
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
        self.setMinimumHeight(int(pixmap.height() / ratio))
        # a picture a little wider than the view is cut at its white margin, never a sideways scroll bar
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def wheelEvent(self, event) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is None:
            event.ignore()
            return
        QApplication.sendEvent(parent.verticalScrollBar(), event)

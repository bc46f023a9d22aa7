"""The dashboard: the briefing's charts live on matplotlib canvases, for a chosen period; export any
chart (PNG, SVG, PDF) or the whole briefing (PDF, PPTX) from here."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QSpinBox, QVBoxLayout,
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
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.charts_box)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(scroll, 1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.top.editingFinished.connect(self.refresh)
        self._canvases = []

    def set_workspace(self, path, lang: str = "en") -> None:
        self.path, self.lang = path, lang
        self._clear()
        self._stale = True

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
        for canvas in self._canvases:
            canvas.setParent(None)
            canvas.deleteLater()
        self._canvases = []

    def refresh(self) -> None:
        if not self.path:
            return
        self._stale = False
        self._generation += 1
        generation, path, days, top, lang = self._generation, self.path, self.period.currentData(), self.top.value(), self.lang
        scope = self.scope if self.follow.isChecked() else None
        self.state.setText(self.tr("Gathering figures…"))

        def work():
            from triage_app.services.dashboard import dashboard_charts, undated
            from triage_app.store import connect_reader

            conn = connect_reader(path)
            try:
                charts = yield from dashboard_charts(conn, days, top, lang, scope=scope)
                return charts, undated(conn)
            finally:
                conn.close()

        def done(result):
            if generation == self._generation:
                self._show(*result)

        def failed(exc):
            self.state.setText(self.tr("Charts could not be drawn: {0}").format(exc))

        run_in_thread(self, work, done, failed, lambda p: None)

    def _show(self, charts, no_dates: bool = False) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from analysis.chart_style import new_figure
        from analysis.fonts import configure_matplotlib

        configure_matplotlib()
        self._clear()
        for chart in charts:
            fig = new_figure("slide")
            chart.draw(fig)
            canvas = FigureCanvasQTAgg(fig)
            canvas.setMinimumHeight(CHART_HEIGHT)
            canvas.setToolTip(chart.title)
            canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            export = QAction(self.tr("Export Chart…"), canvas)
            export.triggered.connect(lambda _=False, f=fig, name=chart.name: self.export_chart(f, name))
            canvas.addAction(export)
            self.charts_layout.addWidget(canvas)
            self._canvases.append(canvas)
        text = (self.tr("{0} charts · right-click a chart to export it").format(len(charts)) if charts
                else self.tr("No feedback in this period"))
        if no_dates:
            text = self.tr("The items have no dates")
            note = QLabel(self.tr("These items have no dates, so only the charts that need none are shown: themes "
                                  "by priority and sentiment. Import a file with a date column to see trends, "
                                  "satisfaction over time and response times here."))
            note.setWordWrap(True)
            self.charts_layout.insertWidget(0, note)
            self._canvases.append(note)
        if charts and self.follow.isChecked() and self.scope is not None:
            text = self.tr("Filtered like the Feedback screen") + " · " + text
        self.state.setText(text)

    def export_chart(self, fig, name: str) -> None:
        from analysis.chart_style import export

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
            export(fig, Path(path), (suffix,))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))

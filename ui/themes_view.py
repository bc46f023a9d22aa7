"""The theme board: a tree of top-level themes and their sub-themes, ranked by priority at each
level, with the factor breakdown, size, trend sparkline, keywords, quotes, status and roll-up; the
edits (rename, merge, split, move, hide, status, RICE) act on the selection at either level."""
from __future__ import annotations

import html

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QStyle, QStyledItemDelegate,
    QTextBrowser, QTreeView, QVBoxLayout, QWidget,
)

from analysis.priority import PRAISE_SCALED, mostly_praise
from triage_app.records import ThemeSummary

from .appearance import ACCENT_ON_LIGHT, accent
from .class_mix import render_mix
from .format_names import source_name

COLUMNS = ("label", "priority", "size", "trend", "status", "resolved", "keywords")
HEADERS = {"priority": "Priority", "label": "Theme", "size": "Items", "trend": "Trend", "status": "Status",
           "resolved": "Resolved", "keywords": "Keywords"}
#: the trend column's header and tooltip per time unit (the unit comes from the data's span)
TREND_HEADERS = {"day": "Last {0} days", "week": "Last {0} weeks", "month": "Last {0} months"}
TREND_TIPS = {"day": "Items per day: {0}", "week": "Items per week: {0}", "month": "Items per 30 days: {0}"}
FACTOR_NAMES = {
    "volume": "Volume (items)", "people": "Distinct people", "growth": "Growth (recent vs before)",
    "negativity": "Negativity", "nps_impact": "NPS impact", "csat_impact": "CSAT impact",
    "unresolved": "Unresolved share", "response_lag": "Response lag", "votes": "Votes and reactions",
    # the RICE scheme's inputs
    "reach": "Reach (distinct people)", "impact": "Impact", "confidence": "Confidence", "effort": "Effort (person-months)",
}
LABEL_MIN, KEYWORDS_MIN = 300, 180  # pixels: the Theme column at least, the Keywords column kept when it widens
_TOP = 0  # internalId of a top-level row; a sub-theme's row carries its parent's row + 1


class ThemeBoardModel(QAbstractItemModel):
    """The theme tree: top-level themes ranked by priority, each with its sub-themes (same order)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tops: list[ThemeSummary] = []
        self.subs: list[list[ThemeSummary]] = []
        self.trend: dict[int, list[int]] = {}
        self.quote_items: dict[int, list[dict]] = {}
        self.trend_unit: str | None = "week"
        self.trend_bins = 12
        self.left_out: set[int] = set()  # listed with "Show hidden": hidden, counted nowhere (greyed)

    def set_board(self, board: dict) -> None:
        from triage_app.services.theme_summaries import as_tree

        self.beginResetModel()
        pairs = as_tree(board["themes"])
        self.tops = [top for top, _ in pairs]
        self.subs = [subs for _, subs in pairs]
        self.trend, self.quote_items = board.get("trend", {}), board.get("quote_items", {})
        self.left_out = set(board.get("left_out", ()))
        self.trend_unit = board.get("trend_unit", "week")
        self.trend_bins = len(board.get("trend_starts", board.get("week_starts", [])))
        self.endResetModel()

    @property
    def themes(self) -> list[ThemeSummary]:
        """Every theme in tree order (each top-level theme followed by its sub-themes)."""
        return [t for top, subs in zip(self.tops, self.subs) for t in (top, *subs)]

    def theme(self, index: QModelIndex) -> ThemeSummary | None:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self.tops[index.row()] if index.row() < len(self.tops) else None
        subs = self.subs[index.internalId() - 1]
        return subs[index.row()] if index.row() < len(subs) else None

    def index_of(self, theme_id: int, column: int = 0) -> QModelIndex:
        for r, (top, subs) in enumerate(zip(self.tops, self.subs)):
            if top.id == theme_id:
                return self.index(r, column)
            for c, sub in enumerate(subs):
                if sub.id == theme_id:
                    return self.index(c, column, self.index(r, 0))
        return QModelIndex()

    def index(self, row, column, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, _TOP if not parent.isValid() else parent.row() + 1)

    def parent(self, index=QModelIndex()) -> QModelIndex:
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.tops)
        if parent.internalId() == _TOP and parent.column() == 0 and parent.row() < len(self.subs):
            return len(self.subs[parent.row()])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        theme = self.theme(index)
        if theme is None:
            return None
        key = COLUMNS[index.column()]
        trend = self.trend.get(theme.id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "priority":
                return f"{theme.priority:.2f}"
            if key == "size":
                return f"{theme.size:,}"
            if key == "status":
                return QCoreApplication.translate("FeedbackView", theme.status)
            if key == "resolved":  # items without any status (reviews, answers): nothing to count as closed
                return f"{theme.items_resolved:,} / {theme.items_total:,}" if theme.items_with_status else "—"
            if key == "keywords":
                return ", ".join(theme.keywords[:6])
            if key == "label":
                return theme.label + (self.tr(" (hidden)") if theme.id in self.left_out else "")
            if key == "trend" and self.trend_unit is None:
                return self.tr("no dates")
            return None
        if role == Qt.ItemDataRole.UserRole:
            return trend if key == "trend" else theme.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "label":
                tip = theme.label + (self.tr(" ({0} sub-themes)").format(len(theme.children)) if theme.children else "")
                if mostly_praise(theme.praise_share):
                    tip += "\n" + self.tr("Mostly praise ({0:.0%}): listed under What people love").format(
                        theme.praise_share)
                return tip
            if key == "priority":
                tip = self.tr("Priority score: the sum of the weighted factors (see the breakdown on the right)")
                if mostly_praise(theme.praise_share):
                    tip += "\n" + self.tr("Mostly praise ({0:.0%}): ranked after the themes to fix, whatever its "
                                           "score, and listed under What people love").format(theme.praise_share)
                return tip
            if key == "resolved":
                if not theme.items_with_status:
                    return self.tr("Its items carry no status (reviews, survey answers): nothing is open or closed")
                return self.tr("{0} of {1} linked items closed").format(theme.items_resolved, theme.items_total)
            if key == "trend":
                if self.trend_unit is None:
                    return self.tr("The items have no dates, so there is no trend")
                return self.tr(TREND_TIPS[self.trend_unit]).format(", ".join(map(str, trend)))
        if role == Qt.ItemDataRole.ForegroundRole and theme.id in self.left_out:
            return QColor("#9a9a9a")  # hidden: listed so that it can be shown again
        if role == Qt.ItemDataRole.ForegroundRole and key == "trend" and self.trend_unit is None:
            return QColor("#888888")
        if role == Qt.ItemDataRole.ForegroundRole and key in ("label", "priority") and mostly_praise(theme.praise_share):
            return QColor("#888888")  # ranked after the themes to fix: greyed like the chart's "mostly praise" rows
        if role == Qt.ItemDataRole.FontRole and key == "label" and theme.children:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("priority", "size", "resolved"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            key = COLUMNS[section]
            if key == "trend" and self.trend_unit:
                return self.tr(TREND_HEADERS[self.trend_unit]).format(self.trend_bins)
            return self.tr(HEADERS[key])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SparklineDelegate(QStyledItemDelegate):
    """Draws a theme's weekly item counts as a small line."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        values = index.data(Qt.ItemDataRole.UserRole) or []
        if len(values) < 2:
            return
        rect = option.rect.adjusted(6, 5, -6, -5)
        top = max(values) or 1
        step = rect.width() / (len(values) - 1)
        points = QPolygonF([QPointF(rect.left() + i * step, rect.bottom() - rect.height() * v / top)
                            for i, v in enumerate(values)])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.color(QPalette.ColorRole.HighlightedText) if selected else QColor(accent(option.widget))
        painter.setPen(QPen(colour, 1.6))
        painter.drawPolyline(points)
        painter.restore()


class ThemesView(QWidget):
    run_analysis_requested = Signal()
    edit_requested = Signal(str)  # rename | merge | split | parent | hide | unhide | status | rice | tell
    show_hidden_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ThemeBoardModel(self)
        self.table = QTreeView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(COLUMNS.index("trend"), SparklineDelegate(self.table))
        header = self.table.header()
        header.setStretchLastSection(False)
        for key, width in (("label", 300), ("priority", 64), ("size", 64), ("trend", 110), ("status", 84),
                           ("resolved", 76)):
            header.resizeSection(COLUMNS.index(key), width)
        header.setSectionResizeMode(COLUMNS.index("keywords"), QHeaderView.ResizeMode.Stretch)
        # labels are cut only when the table has no room for them (the whole label is in the tooltip)
        self.table.expanded.connect(lambda _index: self.fit_labels())
        self.table.collapsed.connect(lambda _index: self.fit_labels())
        self.table.viewport().installEventFilter(self)
        self.detail = QTextBrowser()
        self.summary = QLabel()
        buttons = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run Analysis"))
        self.run_button.setToolTip(self.tr("Find themes in all feedback (keeps your edits)"))
        self.run_button.clicked.connect(self.run_analysis_requested)
        buttons.addWidget(self.run_button)
        self.edit_buttons = {}
        for action, text, tip in (
            ("rename", self.tr("Rename…"), self.tr("Give the selected theme a name (F2)")),
            ("merge", self.tr("Merge"), self.tr("Merge the selected themes into the first one")),
            ("split", self.tr("Split…"), self.tr("Re-cluster the selected theme into sub-themes, with a preview")),
            ("parent", self.tr("Move…"), self.tr("Put the selected sub-theme under another theme, or at the top level")),
            ("hide", self.tr("Hide"), self.tr("Hide the selected themes from the board and the briefing")),
            ("status", self.tr("Set Status…"), self.tr("Change the workflow status of the selected theme")),
            ("rice", self.tr("RICE…"), self.tr("Impact, confidence and effort of the selected theme, for the RICE "
                                             "priority scheme")),
            ("tell", self.tr("Tell People…"), self.tr("Draft an update for the people behind the selected theme")),
        ):
            button = QPushButton(text, toolTip=tip)
            button.clicked.connect(lambda _=False, a=action: self.edit_requested.emit(self._acted(a)))
            buttons.addWidget(button)
            self.edit_buttons[action] = button
        self.show_hidden = QCheckBox(self.tr("Show hidden"))
        self.show_hidden.setToolTip(self.tr("List the hidden themes too (greyed), so that they can be shown again"))
        self.show_hidden.toggled.connect(self.show_hidden_changed)
        buttons.addWidget(self.show_hidden)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        self.loved = QTextBrowser()
        self.loved.setToolTip(self.tr("Themes whose items are mostly praise: not problems to fix, so they rank low "
                                      "by priority and are listed here"))
        self.loved.setMaximumHeight(150)
        self.loved.setVisible(False)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(self.loved)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setSizes([900, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_board(self, board: dict) -> None:
        expanded = {t.id for r, t in enumerate(self.model.tops) if self.table.isExpanded(self.model.index(r, 0))}
        current = self.model.theme(self.table.currentIndex())
        self.model.set_board(board)
        for r, top in enumerate(self.model.tops):
            if top.id in expanded:
                self.table.expand(self.model.index(r, 0))
        tops = self.model.tops
        out = self.model.left_out  # listed with "Show hidden", counted nowhere
        total = sum(t.size for t in tops if t.id not in out) + board["unassigned"]
        share = board["unassigned"] / total if total else 0
        subs = sum(c.id not in out for s in self.model.subs for c in s)
        self.summary.setText(self.tr("{0} themes, {1} sub-themes · {2} unassigned ({3:.0%})").format(
            sum(t.id not in out for t in tops), subs, f"{board['unassigned']:,}", share))
        no_dates = self.model.trend_unit is None and bool(tops)
        self.table.setColumnHidden(COLUMNS.index("trend"), no_dates)  # no dates: no trend column
        # no item carries a status (reviews, survey answers): a column of dashes only takes the labels' room
        self.table.setColumnHidden(COLUMNS.index("resolved"), bool(tops) and not any(
            t.items_with_status for t in self.model.themes))
        if no_dates:
            self.summary.setText(self.summary.text() + " · " + self.tr("no dates, so no trend"))
        self.fit_labels()
        self.loved.setHtml(render_loved(board.get("loved", []), board.get("loved_total", 0)))
        self.loved.setVisible(bool(board.get("loved")))
        if tops:
            index = self.model.index_of(current.id) if current is not None else QModelIndex()
            self.select_index(index if index.isValid() else self.model.index(0, 0))
        elif not total:  # Run Analysis is disabled on an empty workspace: say what comes first
            self.detail.setHtml("<p>" + self.tr("This workspace is empty. Import feedback first (File › Import Files…, "
                                                "Ctrl+I); then <b>Run Analysis</b> finds its themes.") + "</p>")
        else:
            self.detail.setHtml("<p>" + self.tr("No themes yet. Click <b>Run Analysis</b> to find the themes in your "
                                                "feedback.") + "</p>")
        self._update_buttons()

    def fit_labels(self) -> None:
        """Widen the Theme column to its longest shown label (sub-themes indented) while the keywords keep
        KEYWORDS_MIN pixels; never narrower than LABEL_MIN. Qt cuts a label ("…") only past that."""
        column = COLUMNS.index("label")
        others = sum(self.table.columnWidth(c) for c in range(len(COLUMNS))
                     if c not in (column, COLUMNS.index("keywords")) and not self.table.isColumnHidden(c))
        room = self.table.viewport().width() - others - KEYWORDS_MIN
        wanted = self.table.sizeHintForColumn(column) + 8
        self.table.setColumnWidth(column, max(LABEL_MIN, min(wanted, room)))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_labels()  # the window or the splitter changed the table's width
        return super().eventFilter(watched, event)

    def select_index(self, index: QModelIndex) -> None:
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_row(self, row: int) -> None:
        """Select the ``row``-th visible row (top-level themes and expanded sub-themes, top to bottom)."""
        index = self.model.index(0, 0)
        for _ in range(row):
            index = self.table.indexBelow(index)
        self.select_index(index)

    def selected_themes(self) -> list[ThemeSummary]:
        """The selected themes, the current one first (merge targets it), then top to bottom."""
        indexes = self.table.selectionModel().selectedRows()
        order = {t.id: i for i, t in enumerate(self.model.themes)}
        themes = sorted({t.id: t for t in map(self.model.theme, indexes) if t is not None}.values(),
                        key=lambda t: order.get(t.id, 0))
        current = self.model.theme(self.table.currentIndex())
        if current is not None and any(t.id == current.id for t in themes):
            themes = [current] + [t for t in themes if t.id != current.id]
        return themes

    def selected_theme_ids(self) -> list[int]:
        return [t.id for t in self.selected_themes()]

    def _acted(self, action: str) -> str:
        """``hide`` on a selection of hidden themes (listed with "Show hidden") shows them again."""
        if action == "hide" and self._all_hidden():
            return "unhide"
        return action

    def _all_hidden(self) -> bool:
        ids = self.selected_theme_ids()
        return bool(ids) and all(i in self.model.left_out for i in ids)

    def _update_buttons(self) -> None:
        has = bool(self.model.tops)
        for button in self.edit_buttons.values():
            button.setEnabled(has)
        hide = self.edit_buttons.get("hide")
        if hide is not None:
            unhide = self._all_hidden()
            hide.setText(self.tr("Unhide") if unhide else self.tr("Hide"))
            hide.setToolTip(self.tr("Show the selected hidden themes again, on the board and in the briefing")
                            if unhide else self.tr("Hide the selected themes from the board and the briefing"))

    def _show_current(self, current, _previous) -> None:
        theme = self.model.theme(current)
        if theme is not None:
            children = [t for t in self.model.themes if t.id in theme.children]
            self.detail.setHtml(render_theme(theme, self.model.quote_items.get(theme.id, []), children))


def _t(text: str) -> str:
    return QCoreApplication.translate("ThemesView", text)


def render_theme(theme: ThemeSummary, quote_items: list[dict] | None = None,
                 children: list[ThemeSummary] | None = None) -> str:
    e = html.escape
    parts = [f"<h3>{e(theme.label)}</h3>",
             f"<p><b>{_t('Keywords')}:</b> {e(', '.join(theme.keywords))}</p>",
             f"<p><b>{_t('Status')}:</b> {e(QCoreApplication.translate('FeedbackView', theme.status))}"
             # reviews, survey answers: no item status, so no "0 of N closed"
             + (" · " + _t("{0} of {1} linked items closed").format(theme.items_resolved, theme.items_total)
                if theme.items_with_status else "") + "</p>"]
    parts.append(render_mix(theme.sentiment_shares, theme.type_shares))  # issue 13
    if children:
        # in the board's order (by priority), so the priority is shown beside the size
        head = (f"<tr><td></td><td align='right'><small>{e(_t('Items'))}</small></td>"
                f"<td align='right'><small>{e(_t('Priority'))}</small></td></tr>")
        rows = "".join(f"<tr><td>{e(c.label)}</td><td align='right'>{c.size:,}</td>"
                       f"<td align='right'>{c.priority:.2f}</td></tr>" for c in children)
        parts.append(f"<h4>{_t('Sub-themes')}</h4><table cellspacing='3'>{head}{rows}</table>")
    factors = theme.factors or {}
    if factors:
        top = max(abs(v) for v in factors.values()) or 1
        rows = []
        # factors that add nothing (no NPS, no votes... in this data) as one line, not rows of empty bars
        zero = [name for name, value in factors.items() if round(value, 2) == 0]
        for name, value in sorted(factors.items(), key=lambda kv: -abs(kv[1])):
            if name in zero:
                continue
            width = int(160 * abs(value) / top)
            colour = ACCENT_ON_LIGHT if value >= 0 else "#d55e00"  # reads on light and dark
            rows.append(f"<tr><td>{e(_t(FACTOR_NAMES.get(name, name)))}</td><td align='right'>{value:+.2f}</td>"
                        f"<td><table cellspacing='0' cellpadding='0'><tr><td width='{max(width, 1)}' "
                        f"bgcolor='{colour}'>&nbsp;</td></tr></table></td></tr>")
        parts.append(f"<h4>{_t('Priority')} {theme.priority:.2f} — {_t('what it is made of')}</h4>"
                     f"<table cellspacing='3'>{''.join(rows)}</table>")
        if zero:
            parts.append("<p><small>" + e(_t("Add nothing here (0.00): {0}").format(
                _t(", ").join(_t(FACTOR_NAMES.get(name, name)) for name in zero))) + "</small></p>")
        parts += [f"<p><small>{e(note)}</small></p>" for note in breakdown_notes(theme)]
    if quote_items:
        parts.append(f"<h4>{_t('What people say')}</h4>")
        for quote in quote_items[:5]:
            parts.append(f"<blockquote>“{e(shown(quote))}”"
                         f"<br><small>{e(' · '.join(x for x in (source_name(quote.get('source') or quote['source_format']), (quote['created_at'] or '')[:10]) if x))}"
                         "</small></blockquote>")
    return "".join(parts)


def shown(quote: dict, limit: int = 400) -> str:
    """The line a quote is displayed as: ``"shown"``, made by the core (theme_board.load_board); the text as
    written when a quote has none."""
    line = quote.get("shown")
    return (line if line is not None else " ".join((quote.get("text") or "").split()))[:limit]


def breakdown_notes(theme: ThemeSummary) -> list[str]:
    """Plain-language notes under the factor breakdown: how praise counts, why growth is neutral."""
    notes = []
    praise = theme.praise_share or 0.0
    if praise > 0 and theme.factors and set(theme.factors) & set(PRAISE_SCALED):
        notes.append(_t("{0:.0%} of this theme's items are praise. Priority ranks what to fix, so volume, people, "
                        "votes, growth, unresolved share and response lag count only the other {1:.0%}.")
                     .format(praise, 1 - praise))
    note = theme.growth_note
    if note:
        if note.get("span_days") is None:
            notes.append(_t("Growth is neutral: the items have no dates."))
        else:
            notes.append(_t("Growth is neutral: the data spans {0} days, and growth needs at least {1} to compare "
                            "two equal windows.").format(f"{note['span_days']:g}", note["needs_days"]))
    return notes


def render_loved(loved: list[dict], total: int = 0) -> str:
    """The short list of what people love: mostly-praise themes with size and a quote; ``total``: how
    many themes are mostly praise (the list holds the first few; the board greys them all)."""
    e = html.escape
    if not loved:
        return ""
    more = (" · " + _t("the {0} with the most praise of {1}").format(len(loved), total)) if total > len(loved) else ""
    parts = [f"<b>{_t('What people love')}</b> <small>({_t('themes whose items are mostly praise')}{more})</small><ul>"]
    for theme in loved:
        quote = theme.get("praise_quote")
        text = f" — “{e(shown(quote, 160))}”" if quote else ""
        parts.append(f"<li><b>{e(theme['label'])}</b> · " + _t("{0} items, {1:.0%} praise").format(
            f"{theme['size']:,}", theme["praise_share"]) + f"{text}</li>")
    return "".join(parts) + "</ul>"

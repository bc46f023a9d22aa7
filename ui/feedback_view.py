"""The Feedback screen: filters and full-text search over all items, the virtual table, and a detail
pane with the whole text, attributes, responses and status history."""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter, QStyle,
    QStyleOptionComboBox, QTableView, QTextBrowser,
    QVBoxLayout, QWidget,
)

from triage_app.services.markdown_text import MARKDOWN_FORMATS, for_display, is_markdown
from triage_app.store import queries
from triage_app.store.item_queries import SCORE_BANDS, SENTIMENTS, ItemFilter, filter_choices, first_page_and_count

from . import formatting as fmt
from .class_mix import TYPE_NAMES, type_name
from .format_names import source_name
from .items_model import COLUMN_KEYS, PAGE, ItemsTableModel, MiddleElideDelegate
from .workers import run_in_thread

COLUMN_WIDTHS = {"id": 52, "created_at": 118, "source_format": 120, "status": 80, "theme": 140, "score": 46,
                 "author": 90}
#: columns sized to what the rows show, between these widths (a short source name gives its room to the feedback,
#: a theme label is cut only when there is no room, with the whole label in its tooltip); first served first
FITTED_WIDTHS = {"theme": (90, 260), "status": (60, 120), "author": (60, 160), "source_format": (70, 200)}
FEEDBACK_MIN = 0.45  # of the table's width: the Feedback column keeps at least this much
PERIODS = (("all", None), ("7 days", 7), ("30 days", 30), ("90 days", 90), ("365 days", 365))
BAND_LABELS = {"detractor": "NPS detractors (0-6)", "passive": "NPS passives (7-8)", "promoter": "NPS promoters (9-10)",
               "low": "Low (1-2 stars / CSAT)", "neutral": "Neutral (3)", "high": "High (4-5)"}


class FeedbackView(QWidget):
    item_selected = Signal(int)
    scope_changed = Signal(object)  # metrics Filters (source, theme, segment) or None: the dashboard follows it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = None
        self.ws = None  # the window's workspace: its reader here, its pooled readers in workers
        self.redact = None  # set from the workspace's privacy settings
        self.conn = None
        self.model = ItemsTableModel(parent=self)
        self._generation = 0
        self._sort, self._descending = "created_at", True
        self._user_sorted = False

        self.search = QLineEdit(placeholderText=self.tr("Search feedback (English or 中文)…"), clearButtonEnabled=True)
        self.search.setToolTip(self.tr("All words must occur; English words match as prefixes, Chinese words as phrases"))
        self.source = QComboBox(toolTip=self.tr("Source format"))
        self.status = QComboBox(toolTip=self.tr("Workflow status"))
        self.theme = QComboBox(toolTip=self.tr("Theme"))
        self.period = QComboBox(toolTip=self.tr("Created in the last …"))
        self.band = QComboBox(toolTip=self.tr("Score band: NPS groups for survey answers, stars/CSAT for reviews and tickets"))
        self.segment = QComboBox(toolTip=self.tr("Segment (a survey attribute such as plan or region)"))
        self.sentiment = QComboBox(toolTip=self.tr(
            "Sentiment: from the item's rating or score where it has one, else from its text "
            "(a classifier over the sentence vectors, English and Chinese); scored when themes are analysed"))
        self.feedback_type = QComboBox(toolTip=self.tr(
            "Feedback type: problem, request, question, praise or other; from a mapped column where the file has "
            "one, else from the text; scored when themes are analysed"))
        self._combos = (self.source, self.status, self.theme, self.period, self.band, self.segment, self.sentiment,
                        self.feedback_type)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        self.search.setMinimumWidth(200)
        self.short_filters = (self.status, self.period, self.band, self.sentiment, self.feedback_type)
        filters.addWidget(self.search, 3)
        for combo in self._combos:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(combo)
        for combo in (self.source, self.theme, self.segment):  # long labels: the list shows them whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14 if combo is self.theme else 10)
            combo.view().setMinimumWidth(360)
        for combo in self.short_filters:
            # a short filter never cuts its current choice ("All sentiment" was cut to "All sentimer"), and
            # gives way down to it (sized to its longest choice, the window could not fit a laptop screen)
            combo.currentIndexChanged.connect(lambda _=0, c=combo: fit_current(c))
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._sort_by)
        header.setStretchLastSection(False)
        for key, width in COLUMN_WIDTHS.items():
            header.resizeSection(COLUMN_KEYS.index(key), width)
        header.setSectionResizeMode(COLUMN_KEYS.index("text"), QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(COLUMN_KEYS.index("title"), True)  # shown within the Feedback column
        self._source_cells = MiddleElideDelegate(self.table)  # long file names: start and end kept, path in a tooltip
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("source_format"), self._source_cells)
        self.table.viewport().installEventFilter(self)
        self.detail = QTextBrowser(openLinks=False)  # a click opens a web page only (feedback writes the links)
        self.detail.anchorClicked.connect(open_web_link)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        for combo in self._combos:
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

    # -- workspace ---------------------------------------------------------------------------
    def set_workspace(self, ws) -> None:
        """Show ``ws`` (the window's open workspace; the view never opens a connection itself)."""
        self.ws, self.path = ws, ws.path
        self.conn = ws.reader()  # the UI thread's read-only connection, closed with the workspace
        self.model.set_connection(self.conn)
        self.reload_choices()
        self.apply_filter()

    def release_workspace(self) -> None:
        """The window closes its workspace (and with it this view's reader): stop reading from it."""
        self._generation += 1  # a filter on its way is not shown
        self.conn = None
        self.model.set_connection(None)

    def reload_choices(self, in_worker: bool = False) -> None:
        """Refill the filter controls from the workspace, keeping what the user has chosen.
        ``in_worker``: read the choices (a scan of every item, 0.1-0.4 s on 100k) off the UI thread,
        as after a theme edit or an import; the table refilters if a chosen value is gone."""
        self._load_privacy()
        if not in_worker:
            self._fill_choices(filter_choices(self.conn))
            return
        ws = self.ws

        def work():
            with ws.reading() as view:
                return filter_choices(view.conn)

        def done(choices):
            if self.ws is ws and self._fill_choices(choices):
                self.apply_filter()  # e.g. the theme it filtered on was merged away

        run_in_thread(self, work, done)

    def _fill_choices(self, choices: dict) -> bool:
        """Fill the controls; True when a value the user had chosen is no longer offered."""
        chosen = [combo.currentData() for combo in self._combos]
        for combo in self._combos:
            combo.blockSignals(True)
            combo.clear()
        self.model.source_paths = choices.get("source_paths", {})
        self.model.analysed = bool(choices["themes"])
        self.source.addItem(self.tr("All sources"), None)
        for f in choices["sources"]:  # source names ("generic" items by their file or given name)
            self.source.addItem(source_name(f), f)
        self.status.addItem(self.tr("All statuses"), None)
        for s in choices["statuses"]:
            self.status.addItem(self.tr(s), s)
        self.theme.addItem(self.tr("All themes"), None)
        self.theme.addItem(self.tr("Unassigned"), 0)
        for theme_id, label in choices["themes"]:
            self.theme.addItem(label, theme_id)
        for label, days in PERIODS:
            self.period.addItem(self.tr("All time") if days is None else self.tr("Last {0}").format(self.tr(label)), days)
        self.band.addItem(self.tr("All scores"), None)
        for band in SCORE_BANDS:
            self.band.addItem(self.tr(BAND_LABELS[band]), band)
        self.segment.addItem(self.tr("All segments"), None)
        for key, values in choices["segments"].items():
            for value in values:
                self.segment.addItem(f"{key}: {value}", (key, value))
        self.sentiment.addItem(self.tr("All sentiment"), None)
        names = {"negative": self.tr("Negative"), "neutral": self.tr("Neutral"), "positive": self.tr("Positive")}
        for label in SENTIMENTS:
            self.sentiment.addItem(names[label], label)
        self.feedback_type.addItem(self.tr("All types"), None)
        for kind in TYPE_NAMES:
            self.feedback_type.addItem(type_name(kind), kind)
        gone = False
        for combo, data in zip(self._combos, chosen):
            if data is not None:
                gone = gone or combo.findData(data) < 0
                combo.setCurrentIndex(max(0, combo.findData(data)))
            combo.blockSignals(False)
        for combo in self.short_filters:
            fit_current(combo)
        # no item has a date: an empty Created column only took the feedback's room (and the period filter did nothing)
        self.table.setColumnHidden(COLUMN_KEYS.index("created_at"), bool(choices.get("undated")))
        self.period.setEnabled(not choices.get("undated"))
        # nothing to show (no item has a score / an author): the empty column only narrowed the feedback
        self.table.setColumnHidden(COLUMN_KEYS.index("score"), bool(choices.get("unscored")))
        self.table.setColumnHidden(COLUMN_KEYS.index("author"), bool(choices.get("anonymous")))
        self.band.setEnabled(not choices.get("unscored"))
        self.table.viewport().update()  # the Theme cells of items in no theme: "(unassigned)" once there are themes
        return gone

    def current_filter(self) -> ItemFilter:
        f = ItemFilter(search=self.search.text())
        if self.source.currentData() is not None:
            f.sources = [self.source.currentData()]
        if self.status.currentData() is not None:
            f.statuses = [self.status.currentData()]
        if self.theme.currentData() is not None:
            f.theme_ids = [self.theme.currentData()]
        days = self.period.currentData()
        if days:
            f.created_from = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        f.score_band = self.band.currentData()
        f.segment = self.segment.currentData()
        f.sentiment = self.sentiment.currentData()
        f.feedback_type = self.feedback_type.currentData()
        return f

    def _load_privacy(self) -> None:
        """With "redact in this app's views" on, texts show placeholders instead of personal data."""
        from triage_app.services.privacy import load_settings, redact_for_display

        settings = load_settings(self.conn)
        self.redact = (lambda text: redact_for_display(text, settings)) if settings.redact_display else None
        self.model.redact = self.redact

    # -- filtering (in a worker, newest request wins) ------------------------------------------
    def apply_filter(self) -> None:
        if not self.path:
            return
        self._generation += 1
        generation, item_filter, ws = self._generation, self.current_filter(), self.ws
        self.scope_changed.emit(metrics_scope(item_filter))
        sort, descending = self._sort, self._descending
        if item_filter.search.strip() and not self._user_sorted:
            sort, descending = "id", True  # search results stream newest-first from the index
        self.count_label.setText(self.tr("searching…"))

        def work():
            with ws.reading() as view:
                return (yield from first_page_and_count(view.conn, item_filter, sort, descending, PAGE))

        def first_page(result):
            if generation != self._generation:
                return  # a newer filter is on its way
            rows, total = result
            self.model.reset_rows(rows, total, item_filter, sort, descending)
            self.fit_columns()
            self.table.horizontalHeader().setSortIndicator(
                COLUMN_KEYS.index(sort), Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
            if rows:
                self.table.selectRow(0)
            elif item_filter == ItemFilter():  # nothing filtered out: there is nothing yet
                self.detail.setHtml("<p>" + self.tr("This workspace is empty. Import feedback with File › Import "
                                                    "Files… (Ctrl+I): a survey, issues, tickets or reviews.") + "</p>")
            else:
                self.detail.setHtml(f"<p>{self.tr('No feedback matches these filters.')}</p>")

        def counted(total):
            if generation == self._generation:
                self.model.set_total(total)
                self.count_label.setText(self.tr("{0} items").format(f"{total:,}"))

        run_in_thread(self, work, counted, self._failed, first_page)

    def _failed(self, exc: Exception) -> None:
        self.count_label.setText(self.tr("error"))
        self.detail.setHtml(f"<p><b>{self.tr('The filter could not be applied')}</b></p><p>{html.escape(str(exc))}</p>")

    def _sort_by(self, column: int) -> None:
        key = self.model.sort_key_for_column(column)
        if key is None:
            return
        if key == self._sort:
            self._descending = not self._descending
        else:
            self._sort, self._descending = key, key in ("created_at", "id", "score")
        self._user_sorted = True
        self.apply_filter()

    def fit_columns(self) -> None:
        """Size the short columns to the rows shown (FITTED_WIDTHS) as far as the Feedback column keeps
        FEEDBACK_MIN of the width; the Feedback column takes the rest. Cut only where there is no room."""
        header = self.table.horizontalHeader()
        shown = [k for k in FITTED_WIDTHS if not self.table.isColumnHidden(COLUMN_KEYS.index(k))]
        if not self.model.rowCount() or not shown:
            return
        fixed = sum(header.sectionSize(c) for c, key in enumerate(COLUMN_KEYS)
                    if key not in FITTED_WIDTHS and key != "text" and not self.table.isColumnHidden(c))
        spare = (self.table.viewport().width() * (1 - FEEDBACK_MIN) - fixed
                 - sum(FITTED_WIDTHS[k][0] for k in shown))
        for key in shown:
            least, most = FITTED_WIDTHS[key]
            column = COLUMN_KEYS.index(key)
            wanted = min(most, max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column)))
            width = max(least, min(wanted, least + max(0, int(spare))))
            spare -= width - least
            header.resizeSection(column, width)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()  # the window or the splitter changed the table's width
        return super().eventFilter(watched, event)

    # -- detail ------------------------------------------------------------------------------
    def selected_item_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.item_id(r) for r in rows if self.model.item_id(r) is not None]

    def _show_current(self, current, _previous) -> None:
        item_id = self.model.item_id(current.row())
        if item_id is None or self.conn is None:
            return
        item = queries.get_item(self.conn, item_id)
        if item:
            if self.redact is not None:
                item = redacted_item(item, self.redact)
            self.detail.setHtml(render_item(item))
            self.item_selected.emit(item_id)


def open_web_link(url) -> None:
    """Open a link of the detail pane in the browser: http(s) only, never a file or a script."""
    from PySide6.QtGui import QDesktopServices

    if url.scheme().lower() in ("http", "https"):
        QDesktopServices.openUrl(url)


def fit_current(combo: QComboBox) -> None:
    """Let ``combo`` shrink no narrower than its current text needs (arrow and frame included)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    text = QSize(combo.fontMetrics().horizontalAdvance(combo.currentText()) + 4, combo.fontMetrics().height())
    size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo)
    combo.setMinimumWidth(size.width())


@dataclass(frozen=True)
class Scope:
    """What the dashboard follows of the Feedback filters; the dashboard's worker makes the
    metrics ``Filters`` of it (that module loads numpy: not on the UI thread while a workspace opens)."""

    source: str | None = None
    theme_id: int | None = None
    segment: tuple | None = None

    def filters(self):
        from triage_app.store.metrics_queries import Filters

        return Filters(source=self.source, theme_id=self.theme_id, segment=self.segment)


def metrics_scope(f: ItemFilter) -> Scope | None:
    """The part of a Feedback filter the metrics can follow (source, theme, segment), or None."""
    theme = f.theme_ids[0] if f.theme_ids and f.theme_ids[0] else None
    scope = Scope(source=(f.sources or f.source_formats or [None])[0], theme_id=theme, segment=f.segment)
    return None if scope == Scope() else scope


def redacted_item(item: dict, redact) -> dict:
    """A copy of an item for display with personal data replaced in its texts and responses."""
    item = dict(item)
    for key in ("title", "text", "author", "link"):
        if item.get(key):
            item[key] = redact(item[key])
    item["attributes"] = {k: redact(v) if isinstance(v, str) else v for k, v in (item.get("attributes") or {}).items()}
    item["events"] = [{**ev, "body": redact(ev["body"]) if ev.get("body") else ev.get("body"),
                       "author": redact(ev["author"]) if ev.get("author") else ev.get("author")}
                      for ev in item.get("events") or []]
    return item


def tr(text: str) -> str:
    return QCoreApplication.translate("FeedbackView", text)


ITEM_SENTIMENT = {"negative": QT_TRANSLATE_NOOP("FeedbackView", "negative"),
                  "neutral": QT_TRANSLATE_NOOP("FeedbackView", "neutral"),
                  "positive": QT_TRANSLATE_NOOP("FeedbackView", "positive")}
ITEM_TYPE = {"problem": QT_TRANSLATE_NOOP("FeedbackView", "problem"),
             "request": QT_TRANSLATE_NOOP("FeedbackView", "request"),
             "question": QT_TRANSLATE_NOOP("FeedbackView", "question"),
             "praise": QT_TRANSLATE_NOOP("FeedbackView", "praise"),
             "other": QT_TRANSLATE_NOOP("FeedbackView", "other")}
#: where a sentiment or type came from (item_sentiment.method / type_method)
CLASS_ORIGIN = {"mapped": QT_TRANSLATE_NOOP("FeedbackView", "from the file's column"),
                "rating": QT_TRANSLATE_NOOP("FeedbackView", "from its star rating"),
                "csat": QT_TRANSLATE_NOOP("FeedbackView", "from its CSAT answer"),
                "nps": QT_TRANSLATE_NOOP("FeedbackView", "from its NPS answer"),
                "ces": QT_TRANSLATE_NOOP("FeedbackView", "from its CES answer"),
                "model": QT_TRANSLATE_NOOP("FeedbackView", "read from the text"),
                "none": QT_TRANSLATE_NOOP("FeedbackView", "no text to read")}

# (module-level tr() calls are collected without a context: these are marked for the FeedbackView one)
_SENTIMENT_ROW = QT_TRANSLATE_NOOP("FeedbackView", "Sentiment")
_TYPE_ROW = QT_TRANSLATE_NOOP("FeedbackView", "Type")
_WITH_ORIGIN = QT_TRANSLATE_NOOP("FeedbackView", "{0} ({1})")


def class_lines(classes: dict | None) -> list[tuple[str, str]]:
    """The item's sentiment and feedback type with where each came from, as detail rows: the filters
    and the theme mix count these, so the item says what it was counted as."""
    if not classes:
        return []
    rows = []
    for key, method, names, name in (("sentiment", "sentiment_method", ITEM_SENTIMENT, tr(_SENTIMENT_ROW)),
                                     ("feedback_type", "type_method", ITEM_TYPE, tr(_TYPE_ROW))):
        value = classes.get(key)
        if value:
            origin = CLASS_ORIGIN.get(classes.get(method) or "")
            shown = tr(names.get(value, value))
            rows.append((name, tr(_WITH_ORIGIN).format(shown, tr(origin)) if origin else shown))
    return rows


def _body_html(text: str, source_format: str | None) -> str:
    """An item's text: Markdown rendered (an issue's headings, code, lists, links; raw HTML stays text), anything
    else as written."""
    if is_markdown(text, source_format):
        return fmt.markdown_html(for_display(text)) + "<p></p>"  # a line before the details below
    return "<p style='white-space: pre-wrap'>" + html.escape(text) + "</p>"


def render_item(item: dict) -> str:
    """The detail pane's HTML for one item (everything escaped: feedback text is never markup; Markdown is
    rendered by Qt's reader with raw HTML as text, see triage_app.services.markdown_text)."""
    e = html.escape
    parts = []
    fmt_name = item.get("source_format")
    markdown = is_markdown(item["text"], fmt_name) or fmt_name in MARKDOWN_FORMATS
    if item["title"]:
        parts.append(f"<h3>{fmt.markdown_title(item['title']) if markdown else e(item['title'])}</h3>")
    parts.append(_body_html(item["text"], fmt_name))
    meta = [(tr("Source"), " · ".join(x for x in (source_name(item["source_format"]), item["source"]) if x)),
            (tr("Created"), fmt.when(item["created_at"])),
            (tr("Author"), item["author"]), (tr("Status"), tr(item["status"])), (tr("Source state"), item["source_state"]),
            (tr("Question"), item["question"]), (tr("Labels"), ", ".join(item["labels"]))]
    meta += class_lines(item.get("classes"))
    for key in ("nps", "csat", "ces", "rating"):
        if item[key] is not None:
            meta.append((key.upper(), fmt.number(item[key])))
    link = item["link"] or ""
    safe_link = link.lower().startswith(("https://", "http://"))  # never a javascript: or file: link
    if link:
        meta.append((tr("Link"), f"<a href='{e(link)}'>{e(link)}</a>" if safe_link else e(link)))
    rows = "".join(f"<tr><td><b>{e(k)}</b></td><td>{v if k == tr('Link') else e(str(v))}</td></tr>"
                   for k, v in meta if v)
    parts.append(f"<table cellspacing='4'>{rows}</table>")
    shown = {k: v for k, v in (item["attributes"] or {}).items() if not str(k).startswith("_")}  # "_type": internal
    if shown:
        attrs = "".join(f"<tr><td>{e(str(k))}</td><td>{e(fmt.value(v))[:300]}</td></tr>"
                        for k, v in shown.items())
        parts.append(f"<h4>{tr('Attributes')}</h4><table cellspacing='4'>{attrs}</table>")
    if item["events"]:
        parts.append(f"<h4>{tr('Responses')} ({len(item['events'])})</h4>")
        for ev in item["events"]:
            who = e(ev["author"] or "?") + (" 🤖" if ev["author_is_bot"] else "")
            body = (ev["body"] or "")[:2000]
            if is_markdown(body, fmt_name):  # an issue's comments are Markdown as its body is
                parts.append(f"<p><b>{who}</b> · {e(fmt.when(ev['created_at']))} · {e(ev['kind'])}</p>"
                             + fmt.markdown_html(for_display(body)))
            else:
                parts.append(f"<p><b>{who}</b> · {e(fmt.when(ev['created_at']))} · {e(ev['kind'])}<br>"
                             f"<span style='white-space: pre-wrap'>{e(body)}</span></p>")
    if item["status_history"]:
        hist = "".join(f"<li>{e(fmt.history_line(h))}</li>" for h in item["status_history"])
        parts.append(f"<h4>{tr('Status history')}</h4><ul>{hist}</ul>")
    return "".join(parts)

"""The feedback table model: a virtual table over the store's item queries.

Rows arrive a page at a time (``canFetchMore``/``fetchMore`` with keyset paging), so a million
items scroll without loading them all; filtering and sorting happen in SQL.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyledItemDelegate

from triage_app.store.item_queries import SORTABLE, TABLE_COLUMNS, ItemFilter, page_items

from .format_names import source_name

PAGE = 200
TIP_CHARS = 600  # of a feedback text in its cell's tooltip
COLUMN_KEYS = [key for key, _ in TABLE_COLUMNS]


class ItemsTableModel(QAbstractTableModel):
    HEADERS = {
        "id": "#", "created_at": "Created (UTC)", "source_format": "Source", "title": "Title", "text": "Feedback",
        "status": "Status", "theme": "Theme", "score": "Score", "author": "Author",
    }

    def __init__(self, conn=None, parent=None):
        super().__init__(parent)
        self._conn = conn
        self._rows: list[tuple] = []
        self._filter = ItemFilter()
        self._sort, self._descending = "created_at", True
        self._total = 0
        self._matches: int | None = 0
        self._done = True
        self.redact = None  # text -> text with personal data replaced, when the workspace asks for it
        self.source_paths: dict[str, str] = {}  # file name -> full path (the Source column's tooltip)
        self.analysed = False  # the workspace has themes: an item in none reads "(unassigned)", not a blank cell

    # -- loading -----------------------------------------------------------------------------
    def set_connection(self, conn) -> None:
        self._conn = conn
        self.reset_rows([], 0)

    def reset_rows(self, rows: list[tuple], total: int, item_filter: ItemFilter | None = None,
                   sort: str | None = None, descending: bool | None = None) -> None:
        """Show a first page fetched elsewhere (a worker) for ``item_filter``."""
        self.beginResetModel()
        if item_filter is not None:
            self._filter = item_filter
        if sort is not None:
            self._sort, self._descending = sort, bool(descending)
        self._rows = list(rows)
        self._total = total if total is not None else len(rows)
        self._matches = total  # None until counted
        self._done = len(rows) < PAGE
        self.endResetModel()

    def set_total(self, total: int) -> None:
        self._total = self._matches = total

    def first_page(self, item_filter: ItemFilter, sort: str, descending: bool, matches: int | None) -> list[tuple]:
        return page_items(self._conn, item_filter, sort, descending, PAGE, None, matches)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._done and self._conn is not None

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._done or not self._rows:
            return
        last = self._rows[-1]
        more = page_items(self._conn, self._filter, self._sort, self._descending, PAGE, (last[-1], last[0]),
                          self._matches)
        if len(more) < PAGE:
            self._done = True
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        key = COLUMN_KEYS[index.column()]
        if self.redact is not None and key in ("text", "title", "author") and value:
            value = self.redact(str(value))
        unassigned = key == "theme" and value is None and self.analysed
        if role == Qt.ItemDataRole.DisplayRole:
            if unassigned:
                return self.tr("(unassigned)")
            if value is None:
                return ""
            if key == "created_at":
                return str(value)[:16].replace("T", " ")
            if key == "text":
                title = self._rows[index.row()][COLUMN_KEYS.index("title")]
                if title and self.redact is not None:
                    title = self.redact(title)
                text = " ".join(str(value).split())[:240]
                return f"{' '.join(title.split())} — {text}" if title and not text.startswith(title[:20]) else text
            if key == "title":
                return " ".join(str(value).split())[:200]
            if key == "score":
                return f"{value:g}"
            if key == "status":
                return QCoreApplication.translate("FeedbackView", value)
            if key == "source_format":
                return source_name(str(value))
            return str(value)
        if role == Qt.ItemDataRole.ToolTipRole and key == "text" and value:
            return self._text_tip(index.row(), str(value))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("title", "theme", "author") and value:
            return str(value)  # the whole of a cut title, theme label or name
        if role == Qt.ItemDataRole.ToolTipRole and key == "source_format" and value:
            # the column shows a long file name shortened in the middle: the whole name and its folder here
            return self.source_paths.get(str(value)) or source_name(str(value))
        if role == Qt.ItemDataRole.ForegroundRole and unassigned:
            return QColor("#888888")
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("id", "score"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()][0]
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMN_KEYS):
            return self.tr(self.HEADERS[COLUMN_KEYS[section]])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(COLUMN_KEYS):
            if COLUMN_KEYS[section] == "score":
                return self.tr("The item's own score (stars, CSAT, NPS) or its survey respondent's")
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- helpers -----------------------------------------------------------------------------
    def _text_tip(self, row: int, text: str, limit: int = TIP_CHARS) -> str:
        """The Feedback cell's tooltip: the whole title (the cell may cut it) and the start of the text, wrapped."""
        title = self._rows[row][COLUMN_KEYS.index("title")]
        if title and self.redact is not None:
            title = self.redact(title)
        body = "\n".join(line.strip() for line in text.splitlines() if line.strip())  # no runs of blank lines
        body = body if len(body) <= limit else body[:limit].rstrip() + "…"
        head = f"<b>{html.escape(' '.join(str(title).split()))}</b><br>" if title else ""
        return f"<p style='white-space: pre-wrap'>{head}{html.escape(body.strip())}</p>"

    @staticmethod
    def sort_key_for_column(column: int) -> str | None:
        key = COLUMN_KEYS[column] if 0 <= column < len(COLUMN_KEYS) else None
        return key if key in SORTABLE else None

    def item_id(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    @property
    def total(self) -> int:
        return self._total


class MiddleElideDelegate(QStyledItemDelegate):
    """Shortens a cell in the middle ("Apple-Twit…DFE.csv"): a file name keeps its start and its end,
    which tell files apart, where the right end was cut before."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle

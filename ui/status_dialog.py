"""Asking for a new workflow status and a note (for one or many items, or a theme)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from triage_app.domain import STATUSES


class StatusDialog(QDialog):
    def __init__(self, what: str, current: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set Status"))
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(QCoreApplication.translate("FeedbackView", status), status)
        if current in STATUSES:
            self.status.setCurrentIndex(STATUSES.index(current))
        self.note = QLineEdit(placeholderText=self.tr("Why (optional): kept in the status history"))
        self.note.setMinimumWidth(self.note.fontMetrics().horizontalAdvance(self.note.placeholderText()) + 24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(what))
        form.addRow(self.tr("New status"), self.status)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(buttons)
        self.status.setToolTip(self.tr("new → triaged → planned → in progress → resolved, or won't fix / duplicate"))

    def values(self) -> tuple[str, str | None]:
        return self.status.currentData(), (self.note.text().strip() or None)

""""Tell people…": the update for the people behind a theme or a selection of items (editable
Markdown), whom to tell and where, exports, and recording that they were told (services/tell.py)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from .format_names import source_name
from .jobs import Changes, JobRunner


class TellDialog(QDialog):
    """Drafts in a worker; ``told`` is emitted after the told record is written (through ``jobs``,
    the window's job runner, which announces the change)."""

    told = Signal()

    def __init__(self, ws, theme_id: int | None = None, item_ids: list[int] | None = None, parent=None,
                 jobs: JobRunner | None = None):
        super().__init__(parent)
        self.ws, self.theme_id, self.item_ids = ws, theme_id, list(item_ids or [])
        self.jobs = jobs if jobs is not None else JobRunner(self, lambda: ws)
        self.draft = None
        self.setWindowTitle(self.tr("Tell People"))
        self.resize(980, 640)
        self.heading = QLabel(wordWrap=True)
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("color: #b35900;")
        self.warning.hide()
        self.language = QComboBox()
        for code, name in ((None, self.tr("Language of the feedback")), ("en", "English"), ("zh", "简体中文")):
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self.refresh)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Writing the update…"))
        self.people = QTableWidget(0, 4)
        self.people.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Address"), self.tr("Source"),
                                               self.tr("Where to reply")])
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.verticalHeader().setVisible(False)
        self.people.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.people_label = QLabel()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.people_label)
        rl.addWidget(self.people, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Update (Markdown, editable):")))
        ll.addWidget(self.text, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([500, 480])  # the people table shows where to reply
        self.copy_button = QPushButton(self.tr("Copy Update"))
        self.export_button = QPushButton(self.tr("Export Files…"))
        self.export_button.setToolTip(self.tr("update.md, recipients.csv for mail-merge, and one Markdown file per source"))
        self.told_button = QPushButton(self.tr("Record as Told"))
        self.told_button.setToolTip(self.tr("Add a note to the status history, so this is not announced twice"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for b in (self.copy_button, self.export_button, self.told_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
            b.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.export_button.clicked.connect(self.export)
        self.told_button.clicked.connect(self.record_told)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(self.tr("Language:")))
        top.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh()

    # -- drafting --------------------------------------------------------------------------
    def refresh(self) -> None:
        from triage_app.services.tell import draft

        ws, theme_id, item_ids, lang = self.ws, self.theme_id, self.item_ids, self.language.currentData()
        self.text.setPlainText("")
        for b in (self.copy_button, self.export_button, self.told_button):
            b.setEnabled(False)

        def work():
            with ws.reading() as view:
                return draft(view.conn, theme_id=theme_id, item_ids=item_ids or None, lang=lang)

        self.jobs.run(work, self.show_draft, self._failed, name="tell draft")

    def _failed(self, exc: Exception) -> None:
        self.heading.setText(str(exc))

    def show_draft(self, d) -> None:
        from triage_app.services.tell import is_tellable

        self.draft = d
        status = QCoreApplication.translate("FeedbackView", d.status) if d.status else ""
        self.heading.setText(self.tr("<b>{0}</b> · {1} · {2} items, {3} people to tell").format(
            d.title.replace("<", "&lt;"), status, f"{d.items:,}", f"{len(d.recipients):,}"))
        warnings = []
        if d.already_told:
            last = d.already_told[0]
            warnings.append(self.tr("Already told on {0} ({1}). Recording again announces it twice.").format(
                last["changed_at"][:10], last["note"]))
        if not is_tellable(d.status):
            warnings.append(self.tr("The status is “{0}”: nothing is decided yet. Set the status first "
                                    "(planned, in progress, resolved…).").format(status))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.text.setPlainText(d.markdown)
        self.people.setRowCount(len(d.recipients))
        for row, r in enumerate(d.recipients):
            # the source as people call it ("Google Forms"; a table by its file or given name), its detail on hover
            source = r.source if r.source_format == "generic" and r.source else source_name(r.source_format)
            # where to reply: the link, else the address; an id the app made up from the content ("h:…") says nothing
            reply = r.link or r.contact or ("" if r.external_id.startswith("h:") else r.external_id)
            for col, value in enumerate((r.name or "—", r.contact, source, reply)):
                cell = QTableWidgetItem(value)
                cell.setToolTip(r.source if col == 2 and r.source else value)
                self.people.setItem(row, col, cell)
        # no address other than the name (survey e-mails are both): no column saying it twice
        self.people.setColumnHidden(1, not any(r.contact and r.contact != r.name for r in d.recipients))
        self.people.resizeColumnsToContents()
        for col in range(3):  # long names and addresses are cut (full on hover): where to reply stays in view
            self.people.setColumnWidth(col, min(self.people.columnWidth(col), 200))
        self.people_label.setText(self.tr("People to tell ({0}); {1} items have no name, address or link").format(
            f"{len(d.recipients):,}", f"{d.unreachable:,}"))
        for b in (self.copy_button, self.export_button, self.told_button):
            b.setEnabled(True)

    # -- actions -----------------------------------------------------------------------------
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def export(self) -> str | None:
        from triage_app.services.tell import export

        folder = QFileDialog.getExistingDirectory(self, self.tr("Export Update To"), str(Path.home()))
        if not folder:
            return None
        try:
            files = export(self.draft, folder, self.text.toPlainText())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not exported"), f"{folder}: {exc.strerror or exc}")
            return None
        QMessageBox.information(self, self.tr("Exported"), self.tr("Written to {0}:\n{1}").format(
            folder, "\n".join(p.name for p in files)))
        return folder

    def record_told(self) -> None:
        from triage_app.services.tell import mark_told

        if self.draft.already_told and QMessageBox.question(
                self, self.tr("Record as Told"), self.tr("These people were already told on {0}. Record it again?").format(
                    self.draft.already_told[0]["changed_at"][:10])) != QMessageBox.StandardButton.Yes:
            return
        told_draft = self.draft
        self.told_button.setEnabled(False)

        def done(_count):
            self.told_button.setText(self.tr("Recorded"))
            self.told.emit()

        def failed(exc):
            self.told_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("Record as Told"), str(exc))

        self.jobs.write(lambda ws: mark_told(ws.conn, told_draft, "app"), done, failed, changes=Changes.STATUSES,
                        name="told")

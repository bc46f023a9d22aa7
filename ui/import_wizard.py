"""The import wizard: choose files (drag and drop or dialog) -> check format, encoding, mapping and a
preview of the rows as they will be imported -> import with progress and cancel -> summary."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QProgressBar, QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget, QWizard,
    QWizardPage,
)

from triage_app.domain import CancelToken, Cancelled, ImportFailure
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import import_file
from triage_app.services.preview import COMMON_ENCODINGS, FilePreview, format_choices, preview_file
from triage_app.store import Workspace
from triage_app.store.presets import load_preset, save_preset

from .workers import run_in_thread

EXPORT_FILTER = "Exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.json *.jsonl *.ndjson *.zip);;All files (*)"
MAPPED_FIELDS = ("text", "title", "created_at", "id", "author", "score", "status", "labels", "source", "sentiment",
                 "type")


class _DropList(QListWidget):
    """A file list that accepts files dropped from the desktop or a file manager."""

    def __init__(self, on_files, parent=None):
        super().__init__(parent)
        self._on_files = on_files
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event):
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self._on_files([f for f in files if Path(f).is_file()])
        event.acceptProposedAction()


class FilesPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the exports to import"))
        self.setSubTitle(self.tr("Drop survey, issue-tracker, ticket or review exports here, or add them with the button. "
                                 "CSV, TSV, Excel, JSON, JSON Lines and zip files are read."))
        self.list = _DropList(self.add_files)
        add = QPushButton(self.tr("Add Files…"))
        add.clicked.connect(self._choose)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def add_files(self, files) -> None:
        for f in files:
            if f not in self.wiz.files:
                self.wiz.files.append(f)
                self.list.addItem(QListWidgetItem(Path(f).name))
        self.completeChanged.emit()

    def _choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import feedback exports"), str(Path.home()), self.tr(EXPORT_FILTER))
        self.add_files(files)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            del self.wiz.files[self.list.row(item)]
            self.list.takeItem(self.list.row(item))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.wiz.files)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check how each file will be imported"))
        self.setSubTitle(self.tr("The format and encoding are detected from each file; change them if the preview looks wrong."))
        self.file_list = QListWidget()
        self.file_list.currentRowChanged.connect(self._show_file)
        self.format = QComboBox()
        self.encoding = QComboBox(editable=True)
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow("", self.detected)
        self.mapping_box = QGroupBox(self.tr("Columns (generic table)"))
        self.mapping_form = QFormLayout(self.mapping_box)
        self.mapping_combos: dict[str, QComboBox] = {}
        for field in MAPPED_FIELDS:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._option_changed)
            self.mapping_combos[field] = combo
            self.mapping_form.addRow(self.tr(field.replace("_", " ")), combo)
        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.problems = QTextBrowser()
        self.problems.setMaximumHeight(80)
        self.preview.setMinimumHeight(260)
        right = QWidget()
        rlayout = QVBoxLayout(right)
        rlayout.addLayout(form)
        rlayout.addWidget(self.mapping_box)
        rlayout.addWidget(QLabel(self.tr("First rows as they will be imported:")))
        rlayout.addWidget(self.preview, 1)
        rlayout.addWidget(self.problems)
        splitter = QSplitter()
        splitter.addWidget(self.file_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 4)
        QVBoxLayout(self).addWidget(splitter)
        self.format.currentIndexChanged.connect(self._option_changed)
        self.encoding.currentTextChanged.connect(self._option_changed)
        self._updating = False

    def initializePage(self) -> None:
        self.file_list.clear()
        for f in self.wiz.files:
            self.wiz.options.setdefault(f, ImportOptions())
            self.file_list.addItem(Path(f).name)
        self.file_list.setCurrentRow(0)

    def _current_file(self) -> str | None:
        row = self.file_list.currentRow()
        return self.wiz.files[row] if 0 <= row < len(self.wiz.files) else None

    def _show_file(self, _row: int) -> None:
        path = self._current_file()
        if path:
            self._refresh(path)

    def _refresh(self, path: str) -> None:
        options = self.wiz.options[path]
        preview = preview_file(path, options)
        if preview.headers and preview.format == "generic" and not options.mapping:
            preset = load_preset(self.wiz.workspace.conn, preview.headers)
            if preset:
                options.mapping = dict(preset)
                preview = preview_file(path, options)
        self.wiz.previews[path] = preview
        self._updating = True
        try:
            self._fill_controls(preview, options)
        finally:
            self._updating = False
        self._fill_preview(preview)
        self.completeChanged.emit()

    def _fill_controls(self, preview: FilePreview, options: ImportOptions) -> None:
        self.format.clear()
        ranked = {name for name, _, _ in preview.candidates}
        for name, label, score in preview.candidates:
            self.format.addItem(f"{label} ({name}, {score:.0%})", name)
        for name, label in format_choices():
            if name not in ranked:
                self.format.addItem(f"{label} ({name})", name)
        index = self.format.findData(options.format or preview.format)
        self.format.setCurrentIndex(max(0, index))
        self.encoding.clear()
        self.encoding.addItems([preview.encoding or ""] + [e for e in COMMON_ENCODINGS if e != preview.encoding])
        self.encoding.setEnabled(preview.kind in ("csv", "jsonl"))
        self.detected.setText(self.tr("{0} file, {1:,} bytes; encoding: {2}").format(
            preview.kind.upper() or "?", preview.size, preview.encoding_reason or self.tr("not applicable")))
        generic = preview.format == "generic" and bool(preview.headers)
        self.mapping_box.setVisible(generic)
        if generic:
            for field, combo in self.mapping_combos.items():
                combo.clear()
                combo.addItem(self.tr("(none)"), None)
                for header in preview.headers:
                    combo.addItem(header, header)
                combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(field))))

    def _fill_preview(self, preview: FilePreview) -> None:
        self.preview_model.clear()
        headers = [self.tr("Created (UTC)"), self.tr("Author"), self.tr("Title"), self.tr("Feedback"), self.tr("Score"), self.tr("Status")]
        self.preview_model.setHorizontalHeaderLabels(headers)
        for item in preview.items:
            cells = [item["created_at"] or "", item["author"] or "", item["title"] or "", " ".join(item["text"].split())[:300],
                     "" if item["score"] is None else f"{item['score']:g}", item["status"]]
            row = [QStandardItem(str(c)) for c in cells]
            row[3].setToolTip(item["text"][:2000])
            self.preview_model.appendRow(row)
        header = self.preview.horizontalHeader()
        for column, width in enumerate((128, 80, 140, 0, 46, 72)):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        notes = []
        if preview.error:
            notes.append(f"<b style='color:#b00020'>{preview.error}</b>")
        if preview.respondents:
            notes.append(self.tr("{0} survey responses in the first rows").format(preview.respondents))
        for r in preview.rejected[:8]:
            where = self.tr("row {0}").format(r["row"]) + (f", {r['column']}" if r["column"] else "")
            notes.append(self.tr("Will be skipped: {0}: {1}").format(where, r["reason"]))
        if not preview.items and not preview.error:
            notes.append(self.tr("No feedback text found in the first rows: check the format or the text column."))
        self.problems.setHtml("<br>".join(notes) or self.tr("No problems in the first rows."))

    def _option_changed(self, *_args) -> None:
        path = self._current_file()
        if self._updating or not path:
            return
        options = self.wiz.options[path]
        preview = self.wiz.previews.get(path)
        detected = preview.encoding if preview else None
        chosen = self.encoding.currentText().strip() or None
        mapping = {}
        if self.mapping_box.isVisible():
            mapping = {f: c.currentData() for f, c in self.mapping_combos.items() if c.currentData()}
        self.wiz.options[path] = replace(
            options, format=self.format.currentData(), mapping=mapping,
            encoding=chosen if chosen and (chosen != detected or options.encoding) else None,
        )
        self._refresh(path)

    def isComplete(self) -> bool:
        return all(p.error is None for p in self.wiz.previews.values()) and len(self.wiz.previews) > 0


class ProgressPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Importing"))
        self.label = QLabel()
        self.bar = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel Import"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.finished = False
        self.token = CancelToken()

    def initializePage(self) -> None:
        self.finished = False
        self.token = CancelToken()
        self.wiz.results = []
        files = list(self.wiz.files)
        options = {f: self.wiz.options.get(f, ImportOptions()) for f in files}
        path, token = self.wiz.workspace.path, self.token

        def work():
            with Workspace(path) as ws:
                for number, file in enumerate(files, start=1):
                    name = Path(file).name
                    try:
                        gen = import_file(ws, file, options[file], token)
                        while True:
                            try:
                                progress = next(gen)
                            except StopIteration as stop:
                                result = stop.value
                                break
                            yield (number, len(files), name, progress)
                        self.wiz.results.append((file, result, None))
                        if options[file].format == "generic" and options[file].mapping and self.wiz.previews.get(file):
                            save_preset(ws.conn, self.wiz.previews[file].headers, options[file].mapping)
                    except Cancelled:
                        self.wiz.results.append((file, None, self.tr("cancelled: nothing was imported from this file")))
                        return
                    except ImportFailure as exc:
                        self.wiz.results.append((file, None, str(exc)))

        def progress(update):
            number, count, name, p = update
            self.label.setText(self.tr("File {0} of {1}: {2} — {3}").format(number, count, name, self.tr(p.stage)))
            self.bar.setMaximum(p.total or 0)
            if p.total:
                self.bar.setValue(min(p.done, p.total))

        def done(_result=None):
            self.finished = True
            self.cancel_button.setEnabled(False)
            self.completeChanged.emit()
            self.wiz.next()

        def failed(exc):
            self.wiz.results.append(("", None, f"{type(exc).__name__}: {exc}"))
            done()

        self.cancel_button.setEnabled(True)
        run_in_thread(self, work, done, failed, progress)

    def _cancel(self) -> None:
        self.token.cancel()
        self.label.setText(self.tr("Cancelling…"))

    def isComplete(self) -> bool:
        return self.finished


class SummaryPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Import finished"))
        self.text = QTextBrowser()
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:
        rows = []
        for file, result, error in self.wiz.results:
            name = Path(file).name if file else ""
            if error:
                rows.append(f"<tr><td>{name}</td><td colspan='5' style='color:#b00020'>{error}</td></tr>")
                continue
            rows.append(f"<tr><td>{name}</td><td>{result.format}</td><td align='right'>{result.added:,}</td>"
                        f"<td align='right'>{result.updated:,}</td><td align='right'>{result.unchanged:,}</td>"
                        f"<td align='right'>{result.rejected:,}</td></tr>")
            for r in result.rejected_rows[:10]:
                where = self.tr("row {0}").format(r["row"]) + (f", {r['column']}" if r["column"] else "")
                rows.append(f"<tr><td></td><td colspan='5'><small>{where}: {r['reason']}</small></td></tr>")
        head = "".join(f"<th>{self.tr(h)}</th>" for h in ("File", "Format", "Added", "Updated", "Unchanged", "Rejected"))
        self.text.setHtml(f"<table cellspacing='6'><tr>{head}</tr>{''.join(rows)}</table>")


class ImportWizard(QWizard):
    def __init__(self, workspace: Workspace, files: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.files: list[str] = []
        self.options: dict[str, ImportOptions] = {}
        self.previews: dict[str, FilePreview] = {}
        self.results: list = []
        self.setWindowTitle(self.tr("Import Feedback"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.files_page, self.preview_page = FilesPage(self), PreviewPage(self)
        self.progress_page, self.summary_page = ProgressPage(self), SummaryPage(self)
        for page in (self.files_page, self.preview_page, self.progress_page, self.summary_page):
            self.addPage(page)
        self.preview_page.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(1000, 680)
        if files:
            self.files_page.add_files(files)

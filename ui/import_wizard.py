"""The import wizard: choose files (drag and drop or dialog) -> check format, encoding, mapping and a
preview of the rows as they will be imported -> import with progress and cancel -> summary."""
from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QSplitter,
    QTableView, QTextBrowser, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from triage_app.domain import CancelToken
from triage_app.importers.source import ImportOptions
from triage_app.services.preview import COMMON_ENCODINGS, FilePreview, files_in_folder, format_choices, preview_with_preset
from triage_app.store import Workspace
from triage_app.workflows import FileProgress, import_files

from .class_mix import sentiment_name, type_name
from .file_dialogs import open_file_names
from .format_names import format_label, importer_text
from .jobs import Changes, JobRunner
from .workers import run_in_thread

EXPORT_FILTER = "Exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.json *.jsonl *.ndjson *.zip *.xml);;All files (*)"
MAPPED_FIELDS = ("text", "title", "created_at", "id", "author", "score", "status", "labels", "source",
                 "closed_at", "first_response_at", "updated_at", "votes", "sentiment", "type")
SEGMENT = "segment:"
#: what each column role is called next to its drop-down: plain words, not field names ("created at")
FIELD_LABELS = {
    "text": QT_TRANSLATE_NOOP("PreviewPage", "Feedback text"), "title": QT_TRANSLATE_NOOP("PreviewPage", "Title"),
    "created_at": QT_TRANSLATE_NOOP("PreviewPage", "Date"), "id": QT_TRANSLATE_NOOP("PreviewPage", "Row ID"),
    "author": QT_TRANSLATE_NOOP("PreviewPage", "Author"), "score": QT_TRANSLATE_NOOP("PreviewPage", "Score or rating"),
    "status": QT_TRANSLATE_NOOP("PreviewPage", "Status"), "labels": QT_TRANSLATE_NOOP("PreviewPage", "Labels or tags"),
    "source": QT_TRANSLATE_NOOP("PreviewPage", "Source"), "closed_at": QT_TRANSLATE_NOOP("PreviewPage", "Date closed"),
    "first_response_at": QT_TRANSLATE_NOOP("PreviewPage", "Date of first reply"),
    "updated_at": QT_TRANSLATE_NOOP("PreviewPage", "Date updated"), "votes": QT_TRANSLATE_NOOP("PreviewPage", "Votes"),
    "sentiment": QT_TRANSLATE_NOOP("PreviewPage", "Sentiment"),
    "type": QT_TRANSLATE_NOOP("PreviewPage", "Feedback type"),
}


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
        self._on_files([f for f in files if Path(f).is_file() or Path(f).is_dir()])
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
        folder = QPushButton(self.tr("Add Folder…"))
        folder.clicked.connect(self._choose_folder)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(folder)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        self.skipped_label.setVisible(False)
        self.skipped: list[tuple[str, str]] = []  # (file, why) left out of a folder
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.skipped_label)
        layout.addLayout(buttons)

    def add_files(self, files) -> None:
        """Add files; a folder adds the data files inside it and lists the others as skipped."""
        for f in files:
            if Path(f).is_dir():
                found, skipped = files_in_folder(f)
                self.add_files([str(p) for p in found])
                self.skipped += [(str(p), why) for p, why in skipped if str(p) not in {s for s, _ in self.skipped}]
                continue
            if f not in self.wiz.files:
                self.wiz.files.append(f)
                self.list.addItem(QListWidgetItem(Path(f).name))
        self._show_skipped()
        self.completeChanged.emit()

    def _show_skipped(self) -> None:
        lines = [f"{html.escape(Path(f).name)} — {html.escape(importer_text(why))}" for f, why in self.skipped]
        self.skipped_label.setText(self.tr("Skipped in the folder:") + "<br>" + "<br>".join(lines[:20]))
        self.skipped_label.setVisible(bool(lines))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of exports"), str(Path.home()))
        if folder:
            self.add_files([folder])

    def _choose(self) -> None:
        files = open_file_names(self, self.tr("Import feedback exports"), str(Path.home()), self.tr(EXPORT_FILTER))
        self.add_files(files)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            removed = self.wiz.files.pop(self.list.row(item))
            self.wiz.previews.pop(removed, None)  # a removed file's problems no longer hold up the import
            self.wiz.options.pop(removed, None)
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
        self.format = QComboBox(toolTip=self.tr("The kind of export this file is, detected from its columns; "
                                                "choose another if the rows below look wrong"))
        self.encoding = QComboBox(editable=True)
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.source_name = QLineEdit()
        self.source_name.setPlaceholderText(self.tr("e.g. Twitter, Support desk (optional)"))
        self.source_name.editingFinished.connect(self._option_changed)
        self.encoding_choices = QListWidget()
        self.encoding_choices.setMaximumHeight(90)
        self.encoding_choices.itemClicked.connect(self._pick_encoding)
        self.encoding_label = QLabel(self.tr("The encoding is uncertain. Pick the one in which the text reads right:"))
        self.encoding_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow("", self.detected)
        form.addRow(self.encoding_label)
        form.addRow(self.encoding_choices)
        form.addRow(self.tr("Source name"), self.source_name)
        self.mapping_box = QGroupBox(self.tr("Which column holds what"))
        self.mapping_box.setToolTip(self.tr("Guessed from the column names and the first rows; change any that "
                                            "are wrong, or choose (none) for a column the file does not have"))
        grid = QGridLayout(self.mapping_box)
        self.mapping_combos: dict[str, QComboBox] = {}
        per_row = 3  # three pairs a row: the drop-downs keep their height however many files and languages
        for n, field in enumerate(MAPPED_FIELDS):
            combo = QComboBox()
            combo.setMinimumWidth(110)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._option_changed)
            self.mapping_combos[field] = combo
            grid.addWidget(QLabel(self.tr(FIELD_LABELS[field])), n // per_row, (n % per_row) * 2)
            grid.addWidget(combo, n // per_row, (n % per_row) * 2 + 1)
        self.segments = QListWidget()
        self.segments.setFlow(QListWidget.Flow.LeftToRight)  # the headers side by side, checkable
        self.segments.setWrapping(True)
        self.segments.setMaximumHeight(64)
        self.segments.itemChanged.connect(self._option_changed)
        rows = (len(MAPPED_FIELDS) + per_row - 1) // per_row
        self.segments_label = QLabel(self.tr("Segment columns"))
        grid.addWidget(self.segments_label, rows, 0)
        grid.addWidget(self.segments, rows, 1, 1, per_row * 2 - 1)
        # a 1/0 column ("label", "polarity") read as sentiment: said plainly, so it can be unticked
        self.codes_box = QCheckBox(objectName="sentiment-codes")
        self.codes_box.setVisible(False)
        self.codes_box.toggled.connect(self._codes_toggled)
        grid.addWidget(self.codes_box, rows + 1, 0, 1, per_row * 2)
        self._code_columns: dict[str, tuple[str, dict, int]] = {}  # file -> (column, codes, values checked) seen in its preview
        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.problems = QTextBrowser()
        self.problems.setMaximumHeight(80)
        self.reading = QLabel()  # "Reading file.xlsx…" with a busy bar while a worker reads the file
        self.reading_bar = QProgressBar(maximum=0, maximumHeight=10, textVisible=False)
        reading = QHBoxLayout()
        reading.addWidget(self.reading)
        reading.addWidget(self.reading_bar, 1)
        self.preview.setMinimumHeight(220)
        right = QWidget()
        rlayout = QVBoxLayout(right)
        rlayout.addLayout(reading)
        rlayout.addLayout(form)
        rlayout.addWidget(self.mapping_box)
        rlayout.addWidget(self.problems)  # above the rows: rejected rows and errors seen without scrolling
        rlayout.addWidget(QLabel(self.tr("First rows as they will be imported:")))
        rlayout.addWidget(self.preview, 1)
        scroll = QScrollArea()  # with many fields (and longer Chinese labels) scroll rather than squeeze
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        self.file_list.setMinimumWidth(120)
        splitter = QSplitter()
        splitter.addWidget(self.file_list)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([180, 820])
        QVBoxLayout(self).addWidget(splitter)
        # QWizard gives spare height to a spacer below pages that do not expand: this page uses it
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.format.currentIndexChanged.connect(self._option_changed)
        self.encoding.currentTextChanged.connect(self._option_changed)
        self._updating = False
        self._generation = 0  # only the newest read is shown
        self.loading = False
        self._shown: str | None = None  # the file whose preview the controls show
        self._show_reading(None)

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

    def _show_reading(self, path: str | None) -> None:
        self.loading = path is not None
        self.reading.setText(self.tr("Reading {0}…").format(Path(path).name) if path else "")
        self.reading.setVisible(self.loading)
        self.reading_bar.setVisible(self.loading)

    def _refresh(self, path: str) -> None:
        """Read the file's first rows in a worker (a large XLSX or JSON file takes seconds); the
        controls and rows follow when it is read, and Import waits for it."""
        options = self.wiz.options[path]
        self._generation += 1
        generation, ws_path = self._generation, self.wiz.workspace.path
        self._show_reading(path)
        if self._shown != path:  # another file's rows must not pass for this one's
            self.preview_model.clear()
            self.problems.clear()
        self.completeChanged.emit()

        def done(result):
            preview, used = result
            if self.wiz.options.get(path) is options:  # still the options it was read with
                self.wiz.options[path] = used  # with the mapping saved for files of these columns
                self.wiz.previews[path] = preview
            if generation != self._generation:
                return  # a newer read (another file or option) is on its way
            self._show_reading(None)
            if path == self._current_file():
                self._shown = path
                self._updating = True
                try:
                    self._fill_controls(preview, self.wiz.options[path])
                finally:
                    self._updating = False
                self._fill_preview(preview)
            self.completeChanged.emit()

        def failed(exc):
            done((FilePreview(Path(path), error=f"{Path(path).name}: {exc}"), options))

        run_in_thread(self.wiz, lambda: preview_with_preset(path, options, ws_path), done, failed)

    def _fill_controls(self, preview: FilePreview, options: ImportOptions) -> None:
        self.format.clear()
        ranked = {name for name, _, _ in preview.candidates}
        # the detector's scores ("generic, 5%") meant nothing to a reader: say which one was detected
        for rank, (name, label, _score) in enumerate(preview.candidates):
            note = self.tr("detected") if rank == 0 else self.tr("also possible")
            self.format.addItem(f"{format_label(label)} — {note}", name)
        for name, label in format_choices():
            if name not in ranked:
                self.format.addItem(format_label(label), name)
        index = self.format.findData(options.format or preview.format)
        self.format.setCurrentIndex(max(0, index))
        self.encoding.clear()
        self.encoding.addItems([preview.encoding or ""] + [e for e in COMMON_ENCODINGS if e != preview.encoding])
        self.encoding.setEnabled(preview.kind in ("csv", "jsonl"))
        self.encoding_choices.clear()
        for name, score, sample in preview.encoding_candidates:
            item = QListWidgetItem(f"{name} — {sample}")
            item.setToolTip(self.tr("{0:.0%} of the characters read as ordinary text in this encoding").format(score))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.encoding_choices.addItem(item)
        self.encoding_choices.setVisible(bool(preview.encoding_candidates))
        self.encoding_label.setVisible(bool(preview.encoding_candidates))
        self.source_name.setText(options.source_name or "")
        self.detected.setText(self.tr("{0} file, {1:,} bytes; encoding: {2}").format(
            preview.kind.upper() or format_label("unknown type"), preview.size,
            importer_text(preview.encoding_reason) or self.tr("not applicable")))
        generic = preview.format == "generic" and bool(preview.headers)
        self.mapping_box.setVisible(generic)
        if not generic:
            self.codes_box.setVisible(False)
        if generic:
            for field, combo in self.mapping_combos.items():
                combo.clear()
                combo.addItem(self.tr("(none)"), None)
                for header in preview.headers:
                    combo.addItem(header, header)
                combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(field))))
            self._fill_codes(preview)
            self.segments.clear()
            chosen = {c for f, c in options.mapping.items() if f.startswith(SEGMENT)}
            # a column already holding a field (text, date, labels...) is not offered as a segment too
            mapped = {c for f, c in preview.mapping.items() if c and not f.startswith(SEGMENT)}
            for header in preview.headers:
                if header in mapped:
                    continue
                item = QListWidgetItem(header)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if header in chosen else Qt.CheckState.Unchecked)
                self.segments.addItem(item)
            for widget in (self.segments, self.segments_label):  # every column used above: no empty box
                widget.setVisible(self.segments.count() > 0)

    def _fill_codes(self, preview: FilePreview) -> None:
        """The tick box that says how a 1/0 (or -1/0/1) sentiment column is read; it stays after
        being unticked so the choice can be undone."""
        path = str(self._current_file() or "")
        if preview.sentiment_codes and preview.mapping.get("sentiment"):
            self._code_columns[path] = (preview.mapping["sentiment"], preview.sentiment_codes, preview.sentiment_rows)
        known = self._code_columns.get(path)
        self.codes_box.setVisible(known is not None)
        if known is None:
            return
        column, codes, rows = known
        meaning = (self.tr("1 = positive, 0 = negative") if "-1" not in codes
                   else self.tr("-1 = negative, 0 = neutral, 1 = positive"))
        # judged on the whole column, not the rows shown: said, so a later "3" is not a surprise
        self.codes_box.setText(self.tr("Use column “{0}” as each row's sentiment: {1} (all {2} values checked). "
                                       "Untick if it means something else.").format(column, meaning, f"{rows:,}"))
        self.codes_box.setChecked(self.mapping_combos["sentiment"].currentData() == column)

    def _codes_toggled(self, checked: bool) -> None:
        if self._updating:
            return
        known = self._code_columns.get(str(self._current_file() or ""))
        if known is None:
            return
        combo = self.mapping_combos["sentiment"]
        combo.setCurrentIndex(max(0, combo.findData(known[0])) if checked else 0)

    def _fill_preview(self, preview: FilePreview) -> None:
        self.preview_model.clear()
        headers = [self.tr("Created (UTC)"), self.tr("Author"), self.tr("Title"), self.tr("Feedback"), self.tr("Score"), self.tr("Status")]
        # a mapped sentiment / type column: each row's value as it will count ("1" -> positive), so a wrong reading shows
        classes = [k for k in ("sentiment", "type") if any(item.get(k) for item in preview.items)]
        names = {"sentiment": self.tr("Sentiment"), "type": self.tr("Feedback type")}
        self.preview_model.setHorizontalHeaderLabels(headers + [names[k] for k in classes])
        for item in preview.items:
            cells = [(item["created_at"] or "")[:16].replace("T", " "), item["author"] or "", item["title"] or "", " ".join(item["text"].split())[:300],
                     "" if item["score"] is None else f"{item['score']:g}",
                     QCoreApplication.translate("FeedbackView", item["status"] or "")]
            cells += [("" if not item.get(k) else sentiment_name(item[k]) if k == "sentiment" else type_name(item[k]))
                      for k in classes]
            row = [QStandardItem(str(c)) for c in cells]
            row[3].setToolTip(item["text"][:2000])
            self.preview_model.appendRow(row)
        header = self.preview.horizontalHeader()
        for column, width in enumerate((128, 80, 140, 0, 46, 72) + (80,) * len(classes)):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        notes = []
        if preview.error:
            notes.append(f"<b style='color:#b00020'>{html.escape(importer_text(preview.error))}</b>")
        if preview.respondents:
            notes.append(self.tr("{0} survey responses in the first rows").format(preview.respondents))
        for r in preview.rejected[:8]:
            where = self.tr("row {0}").format(r["row"]) + (f", {r['column']}" if r["column"] else "")
            notes.append(self.tr("Will be skipped: {0}: {1}").format(html.escape(where), html.escape(importer_text(r["reason"]))))
        for reason, count in preview.skipped.items():
            notes.append(self.tr("Left out (not feedback): {0} × {1}").format(count, html.escape(importer_text(reason))))
        if preview.sentiment_other and preview.mapping.get("sentiment"):
            row, value = preview.sentiment_other
            notes.append(self.tr("Column “{0}” is not 1/0 sentiment codes: row {1} holds “{2}”, so its numbers are "
                                 "read as star ratings (1-2 negative, 3 neutral, 4-5 positive).").format(
                html.escape(preview.mapping["sentiment"]), f"{row:,}", html.escape(value[:20])))
        for warning in preview.warnings:
            notes.append(f"<b>{html.escape(importer_text(warning))}</b>")
        if preview.no_feedback and preview.respondents:
            notes.append("<b>" + self.tr("This file holds no free-text feedback: its survey answers will be kept as "
                                         "segments only.") + "</b>")
        elif preview.no_feedback:
            notes.append("<b>" + self.tr("This file holds no feedback in its first rows: check the format or "
                                         "choose the text column.") + "</b>")
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
            shown = preview.mapping if preview else {}
            for f, c in self.mapping_combos.items():  # a guessed column set to "(none)" stays unused
                if not c.currentData() and (shown.get(f) or options.mapping.get(f) == ""):
                    mapping[f] = ""
            for i in range(self.segments.count()):
                item = self.segments.item(i)
                if item.checkState() == Qt.CheckState.Checked:
                    mapping[SEGMENT + item.text()] = item.text()
        self.wiz.options[path] = replace(
            options, format=self.format.currentData(), mapping=mapping,
            encoding=chosen if chosen and (chosen != detected or options.encoding) else None,
            source_name=self.source_name.text().strip() or None,
        )
        self._refresh(path)

    def _pick_encoding(self, item: QListWidgetItem) -> None:
        path = self._current_file()
        if not path:
            return
        self.wiz.options[path] = replace(self.wiz.options[path], encoding=item.data(Qt.ItemDataRole.UserRole))
        self._refresh(path)

    def isComplete(self) -> bool:
        # only the files still chosen count (a file removed after Back no longer holds up the import)
        previews = [self.wiz.previews[f] for f in self.wiz.files if f in self.wiz.previews]
        return not self.loading and bool(previews) and all(p.error is None for p in previews)


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
        token = self.token
        cancelled_text = self.tr("cancelled: nothing was imported from this file")

        headers = {f: preview.headers for f, preview in self.wiz.previews.items() if preview and preview.headers}

        def work(ws):  # the one multi-file import (triage_app.workflows), as `triage-app import` runs it
            for step in import_files(ws, files, options.__getitem__, token, headers):
                if isinstance(step, FileProgress):
                    yield (step.number, step.count, Path(step.file).name, step.progress)
                elif step.cancelled:
                    self.wiz.results.append((step.file, None, cancelled_text))
                else:
                    self.wiz.results.append((step.file, step.result, None if step.failure is None else str(step.failure)))

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
        # on the workspace's writer, queued after the window's other writes; the window's views
        # refresh from the change it announces; the runner is busy meanwhile (no Run Analysis)
        self.wiz.jobs.write(work, done, failed, changes=Changes.ITEMS, name="import", on_progress=progress, busy=True)

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
        cancelled = self.wiz.progress_page.token.cancelled
        self.setTitle(self.tr("Import cancelled") if cancelled else self.tr("Import finished"))
        labels = dict(format_choices())
        for file, result, error in self.wiz.results:
            name = html.escape(Path(file).name if file else "")
            if error:
                rows.append(f"<tr><td>{name}</td><td colspan='5' style='color:#b00020'>"
                            f"{html.escape(importer_text(error))}</td></tr>")
                continue
            shown = format_label(labels.get(result.format, result.format))
            rows.append(f"<tr><td>{name}</td><td>{html.escape(shown)}</td><td align='right'>{result.added:,}</td>"
                        f"<td align='right'>{result.updated:,}</td><td align='right'>{result.unchanged:,}</td>"
                        f"<td align='right'>{result.rejected:,}</td></tr>")
            notes = []
            if result.replaced:
                notes.append(self.tr("replaced what an earlier import of this file stored ({0} items removed)")
                             .format(f"{result.replaced:,}"))
            for reason, count in result.skipped.items():
                notes.append(self.tr("left out (not feedback): {0} × {1}").format(f"{count:,}", importer_text(reason)))
            notes += [importer_text(w) for w in result.warnings]
            if result.source_name:
                notes.append(self.tr("source name: {0}").format(result.source_name))
            for note in notes:
                rows.append(f"<tr><td></td><td colspan='5'><small>{html.escape(note)}</small></td></tr>")
            for r in result.rejected_rows[:10]:
                where = self.tr("row {0}").format(r["row"]) + (f", {r['column']}" if r["column"] else "")
                rows.append(f"<tr><td></td><td colspan='5'><small>{html.escape(where)}: "
                            f"{html.escape(importer_text(r['reason']))}</small></td></tr>")
        head = "".join(f"<th>{self.tr(h)}</th>" for h in ("File", "Format", "Added", "Updated", "Unchanged", "Rejected"))
        self.text.setHtml(f"<table cellspacing='6'><tr>{head}</tr>{''.join(rows)}</table>")


class ImportWizard(QWizard):
    def __init__(self, workspace: Workspace, files: list[str] | None = None, parent=None,
                 jobs: JobRunner | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.jobs = jobs if jobs is not None else JobRunner(self, lambda: workspace)  # the window's, when opened from one
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
        self.resize(1120, 780)
        if files:
            self.files_page.add_files(files)

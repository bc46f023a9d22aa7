"""The desktop window (a first version: workspace summary and import with progress and cancel).

Only ui/ imports Qt. Long work runs in superqt thread workers driving the core's generator
services, so the window stays responsive and every progress step reaches the dialog.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressDialog, QVBoxLayout, QWidget,
)
from superqt.utils import thread_worker

from triage_app.domain import CancelToken, Cancelled, ImportFailure
from triage_app.services.importing import import_file
from triage_app.store import Workspace, WorkspaceError

ORG, APP = "FeedbackTriage", "Feedback Triage"


def default_workspace_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".feedback-triage") / "workspace.triage"


class MainWindow(QMainWindow):
    def __init__(self, workspace_path: Path):
        super().__init__()
        self.settings = QSettings(ORG, APP)
        self.ws: Workspace | None = None
        self.summary = QLabel(alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        self.setCentralWidget(body)
        self._build_menus()
        self.resize(900, 600)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.open_workspace(workspace_path)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, shortcut, slot in (
            (self.tr("&Open Workspace…"), QKeySequence.StandardKey.Open, self.choose_workspace),
            (self.tr("&Import Files…"), QKeySequence("Ctrl+I"), self.choose_imports),
            (self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            file_menu.addAction(action)

    # -- workspace ---------------------------------------------------------------------------
    def open_workspace(self, path: Path) -> None:
        try:
            ws = Workspace(path)
        except WorkspaceError as exc:
            QMessageBox.warning(self, self.tr("Cannot open workspace"), str(exc))
            return
        if self.ws:
            self.ws.close()
        self.ws = ws
        self.settings.setValue("workspace/last", str(path))
        self.setWindowTitle(f"{APP} — {path.name}")
        self.refresh()

    def refresh(self) -> None:
        stats = self.ws.stats()
        rows = "".join(f"<tr><td>{k}</td><td align='right'>{v:,}</td></tr>" for k, v in stats["by_source_format"].items())
        statuses = "".join(f"<tr><td>{k}</td><td align='right'>{v:,}</td></tr>" for k, v in stats["by_status"].items())
        span = f"{(stats['first_created'] or '-')[:10]} – {(stats['last_created'] or '-')[:10]}"
        hint = "" if stats["items"] else self.tr("<p>No feedback yet: use <b>File › Import Files…</b> (Ctrl+I).</p>")
        self.summary.setText(
            f"<h2>{stats['items']:,} {self.tr('feedback items')}</h2>"
            f"<p>{stats['respondents']:,} {self.tr('survey respondents')} · {stats['imports']} {self.tr('imports')} · {span}</p>"
            f"{hint}<h3>{self.tr('By format')}</h3><table>{rows}</table>"
            f"<h3>{self.tr('By status')}</h3><table>{statuses}</table>"
        )

    def choose_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Open or create a workspace"), str(default_workspace_path().parent),
            self.tr("Feedback Triage workspace (*.triage);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_workspace(Path(path))

    # -- import ------------------------------------------------------------------------------
    def choose_imports(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import feedback exports"), str(Path.home()),
            self.tr("Exports (*.csv *.tsv *.txt *.xlsx *.json *.jsonl *.ndjson *.zip);;All files (*)"),
        )
        if files:
            self.run_imports(files)

    def run_imports(self, files: list[str]) -> None:
        cancel = CancelToken()
        dialog = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(cancel.cancel)
        messages: list[str] = []
        # The worker opens its own connection: SQLite connections belong to one thread.
        path = self.ws.path

        @thread_worker
        def work():
            with Workspace(path) as ws:
                for file in files:
                    try:
                        result = yield from import_file(ws, file, cancel=cancel)
                        messages.append(f"{Path(file).name}: {result.added:,} added, {result.updated:,} updated, "
                                        f"{result.unchanged:,} unchanged, {result.rejected:,} rejected")
                    except ImportFailure as exc:
                        messages.append(str(exc))
                    except Cancelled:
                        messages.append(self.tr("{0}: cancelled, nothing imported").format(Path(file).name))
                        return

        def on_progress(p):
            dialog.setLabelText(f"{p.message}\n{p.stage} {p.done:,}" + (f" / {p.total:,}" if p.total else ""))
            dialog.setMaximum(p.total or 0)
            if p.total:
                dialog.setValue(min(p.done, p.total))

        def on_finished():
            dialog.reset()
            self.refresh()
            QMessageBox.information(self, self.tr("Import finished"), "\n".join(messages) or self.tr("Nothing imported"))

        def on_error(exc):
            dialog.reset()
            QMessageBox.warning(self, self.tr("Import failed"), f"{type(exc).__name__}: {exc}")

        worker = work()
        worker.yielded.connect(on_progress)
        worker.finished.connect(on_finished)
        worker.errored.connect(on_error)
        worker.start()
        self._worker = worker

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.ws:
            self.ws.close()
        super().closeEvent(event)


def main(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1] + list(argv or []))
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    settings = QSettings(ORG, APP)
    path = Path(os.environ.get("TRIAGE_WORKSPACE") or settings.value("workspace/last") or default_workspace_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    window = MainWindow(path)
    window.show()
    if os.environ.get("TRIAGE_EXIT_AFTER_SHOW"):  # smoke tests: start, show, quit
        return 0
    return app.exec()

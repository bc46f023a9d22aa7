"""The main window: workspace handling (new, open, recent, demo), menus and shortcuts, and the
screens (Feedback, Themes, Dashboard)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from triage_app.store import Workspace, WorkspaceError

from .feedback_view import FeedbackView
from .import_wizard import ImportWizard

ORG, APP = "FeedbackTriage", "Feedback Triage"
WORKSPACE_FILTER = "Feedback Triage workspace (*.triage);;All files (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, workspace_path: Path | None = None):
        super().__init__()
        self.settings = QSettings(ORG, APP)
        self.ws: Workspace | None = None
        self.feedback = FeedbackView()
        self.themes_placeholder = QLabel(self.tr("Themes appear here after Analysis › Run Analysis."),
                                         alignment=Qt.AlignmentFlag.AlignCenter)
        self.dashboard_placeholder = QLabel(self.tr("Satisfaction, response-time and status charts appear here."),
                                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.feedback, self.tr("Feedback"))
        self.tabs.addTab(self.themes_placeholder, self.tr("Themes"))
        self.tabs.addTab(self.dashboard_placeholder, self.tr("Dashboard"))
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.statusBar()
        self.resize(1280, 800)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if workspace_path is not None:
            self.open_workspace(Path(workspace_path))

    # -- menus -------------------------------------------------------------------------------
    def _action(self, menu, text, slot, shortcut=None, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New Workspace…"), self.new_workspace, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open Workspace…"), self.choose_workspace, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self._action(file_menu, self.tr("Open &Demo Workspace"), self.open_demo,
                     tip=self.tr("A generated workspace with six months of English and Chinese feedback"))
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, self.tr("&Import Files…"), self.show_import_wizard,
                                          QKeySequence("Ctrl+I"), self.tr("Import survey, issue, ticket and review exports"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        view_menu = bar.addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("&Find"), self._focus_search, QKeySequence.StandardKey.Find)
        for number, name in enumerate((self.tr("Feedback"), self.tr("Themes"), self.tr("Dashboard")), start=1):
            self._action(view_menu, name, lambda _=False, i=number - 1: self.tabs.setCurrentIndex(i),
                         QKeySequence(f"Ctrl+{number}"))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        for code, name in (("en_US", "English"), ("zh_CN", "简体中文")):
            self._action(language_menu, name, lambda _=False, c=code: self._set_language(c))
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Feedback Triage"), self._about)
        self._refresh_recent_menu()

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.feedback)
        self.feedback.search.setFocus()
        self.feedback.search.selectAll()

    def _set_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        QMessageBox.information(self, self.tr("Language"), self.tr("The new language is used from the next start."))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Feedback Triage"),
                          self.tr("Feedback Triage brings survey answers, issues, tickets and reviews together, offline. "
                                  "Your data stays on this computer."))

    # -- workspaces --------------------------------------------------------------------------
    def open_workspace(self, path: Path) -> bool:
        try:
            ws = Workspace(path)
        except WorkspaceError as exc:
            QMessageBox.warning(self, self.tr("Cannot open workspace"), str(exc))
            return False
        if self.ws:
            self.ws.close()
        self.ws = ws
        self.settings.setValue("workspace/last", str(path))
        self._remember_recent(str(path))
        self.setWindowTitle(f"{APP} — {path.name}")
        self.feedback.set_workspace(path)
        self._show_summary()
        return True

    def _show_summary(self) -> None:
        stats = self.ws.stats()
        self.statusBar().showMessage(self.tr("{0} items from {1} imports · {2} survey respondents").format(
            f"{stats['items']:,}", stats["imports"], f"{stats['respondents']:,}"))

    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New workspace"), str(Path.home() / "feedback.triage"),
                                              self.tr(WORKSPACE_FILTER))
        if path:
            if not path.endswith(".triage"):
                path += ".triage"
            self.open_workspace(Path(path))

    def choose_workspace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), str(Path.home()), self.tr(WORKSPACE_FILTER))
        if path:
            self.open_workspace(Path(path))

    def open_demo(self) -> None:
        from .app import ensure_demo_workspace

        self.open_workspace(ensure_demo_workspace(self))

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in (self.settings.value("workspace/recent") or []) if p != path]
        self.settings.setValue("workspace/recent", [path] + recent[: MAX_RECENT - 1])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("workspace/recent") or []:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_workspace(Path(p)))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    # -- import ------------------------------------------------------------------------------
    def show_import_wizard(self, files: list[str] | None = None) -> ImportWizard | None:
        if self.ws is None:
            return None
        wizard = ImportWizard(self.ws, files or None, self)
        wizard.finished.connect(lambda _code: self._after_import())
        wizard.open()
        return wizard

    def _after_import(self) -> None:
        self.feedback.reload_choices()
        self.feedback.apply_filter()
        self._show_summary()

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.ws:
            self.ws.close()
        super().closeEvent(event)

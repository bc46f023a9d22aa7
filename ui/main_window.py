"""The main window: workspace handling (new, open, recent, demo), menus and shortcuts, and the
screens (Feedback, Themes, Dashboard)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from triage_app.store import Workspace, WorkspaceError

from . import appearance, theme_actions, workspace_guard
from .dashboard_view import DashboardView
from .feedback_view import FeedbackView
from .file_dialogs import open_file_name
from .jobs import Changes, JobRunner
from .theme_writes import write_in_worker
from .themes_view import ThemesView
from .workspace_guard import WorkspaceGuard

ORG, APP = "FeedbackTriage", "Feedback Triage"
WORKSPACE_FILTER = "Feedback Triage workspace (*.triage);;All files (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    #: the app (not tests or benchmarks) sets this: at first start on a machine, compile the theme
    #: engine's code cache in a background process
    warm_up_engine = False

    def __init__(self, workspace_path: Path | None = None):
        super().__init__()
        self._warm_up_scheduled = False
        self.settings = QSettings(ORG, APP)
        self.ws: Workspace | None = None
        #: every task the window runs off the UI thread: progress, cancel, busy state, and the one
        #: "workspace changed" signal the views refresh from
        self.jobs = JobRunner(self, lambda: self.ws, self.statusBar())
        self.jobs.busy_changed.connect(self._update_run_analysis)
        self.jobs.workspace_changed.connect(self.refresh_views)
        self.analysis_possible = True  # False on an empty workspace (Run Analysis says why)
        self.select_theme_after_refresh: int | None = None  # the theme the board selects when it next loads
        self._board_generation = 0
        self.split_dialog = None  # Split Theme's preview, while open
        self.feedback = FeedbackView()
        self.themes = ThemesView()
        self.themes.edit_requested.connect(self.edit_themes)
        self.themes.show_hidden_changed.connect(lambda _on: self.ws is not None and self.refresh_themes())
        self.themes.run_analysis_requested.connect(self.run_analysis)
        self.dashboard = DashboardView()
        self.dashboard.briefing_requested.connect(self.export_briefing)
        self.feedback.scope_changed.connect(self.dashboard.set_scope)
        self.guard = WorkspaceGuard(self, self._changed_elsewhere, self.jobs)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.feedback, self.tr("Feedback"))
        self.tabs.addTab(self.themes, self.tr("Themes"))
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.setCentralWidget(self.tabs)
        self._build_menus()
        appearance.prefer_simplified_chinese_glyphs()
        self._follow_system_scheme()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_system_scheme)
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
        self._action(file_menu, self.tr("&Export Feedback…"), self.export_items, QKeySequence("Ctrl+E"),
                     self.tr("Save the feedback that passes the current filters as Excel or CSV"))
        self._action(file_menu, self.tr("Export &Themes…"), self.export_themes)
        self._action(file_menu, self.tr("Export &Briefing…"), self.export_briefing, QKeySequence("Ctrl+B"),
                     self.tr("A PDF or PowerPoint briefing: headline numbers, top themes, satisfaction, response times"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(edit_menu, self.tr("&Undo Theme Edit"), self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit_menu, self.tr("&Redo Theme Edit"), self.redo, QKeySequence("Ctrl+Shift+Z"))
        edit_menu.aboutToShow.connect(self.update_undo_texts)
        edit_menu.addSeparator()
        self.status_action = self._action(edit_menu, self.tr("Set &Status…"), self.set_status_of_selection,
                                          QKeySequence("Ctrl+Shift+S"),
                                          self.tr("Change the workflow status of the selected feedback"))
        self.feedback.table.addAction(self.status_action)
        self.move_action = self._action(edit_menu, self.tr("&Move to Theme…"), self.move_selection_to_theme,
                                        QKeySequence("Ctrl+M"), self.tr("Put the selected feedback in another theme"))
        self.feedback.table.addAction(self.move_action)
        self.tell_action = self._action(edit_menu, self.tr("&Tell People…"), self.tell_people_of_selection,
                                        tip=self.tr("Draft an update for the people behind the selected feedback"))
        self.feedback.table.addAction(self.tell_action)
        analysis_menu = bar.addMenu(self.tr("&Analysis"))
        self.run_action = self._action(analysis_menu, self.tr("&Run Analysis"), self.run_analysis, QKeySequence("Ctrl+R"),
                                       self.tr("Find themes in all feedback; your edits are kept"))
        self._action(analysis_menu, self.tr("Workspace &Settings…"), self.open_settings, QKeySequence("Ctrl+,"),
                     self.tr("Priority weights, status mapping and privacy, saved in the workspace"))
        self.feedback.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view_menu = bar.addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("&Find"), self._focus_search, QKeySequence.StandardKey.Find)
        for number, name in enumerate((self.tr("Feedback"), self.tr("Themes"), self.tr("Dashboard")), start=1):
            self._action(view_menu, name, lambda _=False, i=number - 1: self.tabs.setCurrentIndex(i),
                         QKeySequence(f"Ctrl+{number}"))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        for code, name in (("en_US", "English"), ("zh_CN", "简体中文")):
            self._action(language_menu, name, lambda _=False, c=code: self._set_language(c))
        appearance_menu = view_menu.addMenu(self.tr("&Appearance"))
        group = QActionGroup(self)
        chosen = str(self.settings.value("ui/appearance") or "system")
        for mode, name in (("system", self.tr("Follow the System")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))):
            action = self._action(appearance_menu, name, lambda _=False, m=mode: self.set_appearance(m))
            action.setCheckable(True)
            action.setChecked(mode == chosen)
            group.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Feedback Triage"), self._about)
        self._refresh_recent_menu()

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.feedback)
        self.feedback.search.setFocus()
        self.feedback.search.selectAll()

    def _follow_system_scheme(self, *_scheme) -> None:
        appearance.apply(str(self.settings.value("ui/appearance") or "system"))

    def set_appearance(self, mode: str) -> None:
        """Light, dark or the system's scheme, at once and from then on."""
        self.settings.setValue("ui/appearance", mode)
        appearance.apply(mode)

    def _set_language(self, code: str):
        """Switch the UI language now: the window is rebuilt in the new language (an analysis in
        progress would be lost, so then the change waits for the next start)."""
        from . import language

        self.settings.setValue("ui/language", code)
        if self.jobs.running("analysis"):
            QMessageBox.information(self, self.tr("Language"),
                                    self.tr("The new language is used from the next start (an analysis is running)."))
            return None
        self.settings.sync()
        language.install(self.settings)
        return language.reopen_window(self)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Feedback Triage"),
                          self.tr("Feedback Triage brings survey answers, issues, tickets and reviews together, offline. "
                                  "Your data stays on this computer."))

    # -- workspaces --------------------------------------------------------------------------
    def open_workspace(self, path: Path, offer_backup: bool = True) -> bool:
        try:
            ws = Workspace(path)
        except WorkspaceError as exc:
            if offer_backup and workspace_guard.offer_backup(self, Path(path), str(exc)):
                return self.open_workspace(path, offer_backup=False)
            if not offer_backup:
                QMessageBox.warning(self, self.tr("Cannot open workspace"), str(exc))
            return False
        if self.ws:
            self.jobs.wait_for_writes()
            self.ws.close()
        self.ws = ws
        self.settings.setValue("workspace/last", str(path))
        self._remember_recent(str(path))
        self.setWindowTitle(f"{APP} — {path.name}")
        self.feedback.set_workspace(ws)
        language = str(self.settings.value("ui/language") or QLocale.system().name())
        self.dashboard.set_workspace(ws, "zh" if language.startswith("zh") else "en")
        self._show_summary()
        self.refresh_themes()
        self.guard.attach(ws)
        if self.warm_up_engine and not self._warm_up_scheduled:
            from PySide6.QtCore import QTimer

            self._warm_up_scheduled = True
            QTimer.singleShot(5_000, self._warm_up_engine)
        return True

    def _warm_up_engine(self) -> None:
        """Compile the theme engine's cache in the background, unless an analysis (which fills it
        itself, on the same cores) is already running."""
        from .engine_warmup import start_if_cold

        if not self.jobs.running("analysis"):
            start_if_cold()

    def _changed_elsewhere(self) -> None:
        """Another window or process changed the workspace: show what it holds now."""
        self.refresh_views(Changes.ALL, self.tr("The workspace was changed by another window or program; "
                                                "the views now show its current content.") + " · ")

    def refresh_views(self, changes: Changes, note: str = "") -> None:
        """The one place views are refreshed after the workspace changed (``JobRunner.workspace_changed``
        for this window's writes, the guard for other windows' and processes'). Every kind of change
        reaches the board (themes, statuses and their items' closed share, priority settings, sizes),
        the feedback table and filters (theme names, statuses, privacy display) and the dashboard
        (redrawn when next shown); the counts in the status bar follow new or removed items."""
        if self.ws is None or self.ws.closed or not changes:
            return
        self.guard.absorb()  # this window's own writes are not "changed elsewhere"
        self.refresh_themes()
        self.feedback.reload_choices(in_worker=True)
        self.feedback.apply_filter()
        self.dashboard.set_workspace(self.ws, self.dashboard.lang)
        if self.dashboard.isVisible():
            self.dashboard.refresh()
        if changes & Changes.ITEMS or note:
            self._show_summary(note)

    def refresh_themes(self) -> None:
        """Reload the theme board in a worker (priorities take a moment on a large workspace); when
        edits follow each other, only the newest reload is shown (an older one may finish last).
        The undo texts are read with it."""
        ws = self.ws
        self._board_generation = generation = self._board_generation + 1
        with_hidden = self.themes.show_hidden.isChecked()

        def work():
            from triage_app.services.theme_board import load_board  # imports scipy: seconds, off the UI thread
            from triage_app.services.theme_edits import peek

            with ws.reading() as view:
                return load_board(view.conn, include_hidden=with_hidden), peek(view)

        def done(result):
            if self.ws is ws and generation == self._board_generation:
                board, undo_state = result
                self.themes.set_board(board)
                keep, self.select_theme_after_refresh = self.select_theme_after_refresh, None
                index = self.themes.model.index_of(keep) if keep is not None else None
                if index is not None and index.isValid():
                    self.themes.select_index(index)
                self._show_undo_texts(undo_state)

        self.jobs.run(work, done, lambda exc: self.statusBar().showMessage(str(exc), 10_000), name="board")

    def set_analysis_possible(self, possible: bool) -> None:
        """Run Analysis needs feedback: disabled (with a reason) on an empty workspace."""
        self.analysis_possible = possible
        self._update_run_analysis()

    def _update_run_analysis(self, *_busy) -> None:
        """Run Analysis only on a workspace with feedback, and not while a long task (an analysis, an
        import, an export...) runs."""
        tip = (self.tr("Find themes in all feedback; your edits are kept") if self.analysis_possible
               else self.tr("Import feedback first: the workspace is empty"))
        for widget in (self.run_action, self.themes.run_button):
            widget.setEnabled(self.analysis_possible and not self.jobs.busy)
            widget.setToolTip(tip)

    def update_undo_texts(self) -> None:
        """Edit › Undo/Redo say what they will undo ("Undo: merged “A” into “B”"), read on the
        window's read-only connection."""
        from triage_app.services.theme_edits import peek

        if self.ws is not None and not self.ws.closed:
            with self.ws.reading() as view:
                self._show_undo_texts(peek(view))

    def _show_undo_texts(self, state: dict | None) -> None:
        from .theme_messages import undo_text

        self.undo_action.setText(undo_text(state))
        self.redo_action.setText(undo_text(state, redo=True))
        self.undo_action.setEnabled(bool(state and state["undo"]))
        self.redo_action.setEnabled(bool(state and state["redo"]))

    def _show_summary(self, note: str = "") -> None:
        """Counts for the status bar (after ``note``), computed in a worker (they take a moment on a
        large workspace)."""
        ws = self.ws

        def work():
            with ws.reading() as view:
                return view.stats()

        def done(stats):
            if self.ws is ws:
                self.set_analysis_possible(stats["items"] > 0)
                text = (self.tr("{0} items from one import") if stats["imports"] == 1
                        else self.tr("{0} items from {1} imports")).format(f"{stats['items']:,}", stats["imports"])
                if stats["respondents"]:  # "0 survey respondents" said nothing
                    text += " · " + self.tr("{0} survey respondents").format(f"{stats['respondents']:,}")
                self.statusBar().showMessage(note + text)

        self.jobs.run(work, done, name="summary")

    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New workspace"), str(Path.home() / "feedback.triage"),
                                              self.tr(WORKSPACE_FILTER))
        if path:
            if not path.endswith(".triage"):
                path += ".triage"
            self.open_workspace(Path(path))

    def choose_workspace(self) -> None:
        path = open_file_name(self, self.tr("Open workspace"), str(Path.home()), self.tr(WORKSPACE_FILTER))
        if path:
            self.open_workspace(Path(path))

    def open_demo(self) -> None:
        """The demo workspace; on first use it is generated, and its themes are found in the background."""
        from .app import ensure_demo_workspace

        from triage_app.store.theme_board_queries import has_themes

        path = ensure_demo_workspace(self)
        if self.open_workspace(path) and not has_themes(self.ws.reader()):
            self.run_analysis()

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

    # -- export ------------------------------------------------------------------------------
    def _ask_export_path(self, name: str) -> Path | None:
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export"), str(Path.home() / name),
                                                   self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if not path:
            return None
        if not path.lower().endswith((".xlsx", ".csv")):
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
        return Path(path)

    def export_items(self) -> None:
        from triage_app.services.analysis_process import export_items_in_process

        path = self._ask_export_path("feedback.xlsx")
        if self.ws is None or path is None:
            return
        item_filter, ws_path = self.feedback.current_filter(), self.ws.path

        def work(cancel):  # in a child process: writing each row holds the GIL, which froze the window
            return (yield from export_items_in_process(ws_path, path, item_filter, None, cancel))

        def done(result):
            self.statusBar().showMessage(self.tr("{0} items exported to {1}").format(f"{result.rows:,}", result.path), 10_000)
            if result.cells_cut:
                QMessageBox.information(self, self.tr("Long texts cut"), self.tr(
                    "{0} texts were longer than Excel's limit of 32,767 characters per cell; they are cut and "
                    "marked in the file. Export to CSV to keep them whole.").format(f"{result.cells_cut:,}"))

        def failed(exc):
            if type(exc).__name__ != "Cancelled":
                QMessageBox.warning(self, self.tr("Export failed"), str(exc))

        self.jobs.run(work, done, failed, name="export", progress_label=self.tr("Exporting…"), cancellable=True)

    def export_briefing(self) -> None:
        from triage_app.services.briefing import BriefingRequest
        from triage_app.workflows import briefing_end, whole_span

        if self.ws is None:
            return
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export Briefing"), str(Path.home() / "briefing.pdf"),
                                                   self.tr("PDF document (*.pdf);;PowerPoint deck (*.pptx)"))
        if not path:
            return
        if not path.lower().endswith((".pdf", ".pptx")):
            path += ".pptx" if "pptx" in chosen.lower() else ".pdf"
        days, top, lang = self.dashboard.period.currentData(), self.dashboard.top.value(), self.dashboard.lang
        ws, ws_path, label = self.ws, self.ws.path, self.tr("Writing the briefing…")

        def work(cancel):  # in a child process: rendering holds the GIL, which froze the window
            from triage_app.services.analysis_process import briefing_in_process

            with ws.reading() as view:  # the period and its end, as `triage-app brief` derives them
                request = BriefingRequest(period=str(days) if days else whole_span(view), top=top, lang=lang,
                                          as_of=briefing_end(view, None), workspace_name=ws_path.stem)
            return (yield from briefing_in_process(ws_path, request, path, cancel))

        def done(result):
            self.statusBar().showMessage(self.tr("Briefing written: {0} ({1} pages)").format(result.path, result.pages), 15_000)

        def failed(exc):
            if type(exc).__name__ != "Cancelled":
                QMessageBox.warning(self, self.tr("Briefing not written"), str(exc))

        self.jobs.run(work, done, failed, name="briefing", progress_label=label, cancellable=True,
                      progress_text=lambda p: f"{label} {p.message}")

    def export_themes(self) -> None:
        """The theme list as Excel or CSV, written in a worker (a read: the workspace's reader)."""
        path = self._ask_export_path("themes.xlsx")
        if self.ws is None or path is None:
            return
        ws = self.ws

        def work():
            from triage_app.services.exporting import export_themes

            with ws.reading() as view:
                return export_themes(view.conn, path)

        def done(result):
            self.statusBar().showMessage(self.tr("{0} themes exported to {1}").format(result.rows, result.path), 10_000)

        def failed(exc):
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))

        self.jobs.run(work, done, failed, name="export", progress_label=self.tr("Exporting…"))

    # -- themes ------------------------------------------------------------------------------
    def edit_themes(self, action: str) -> None:
        ids = self.themes.selected_theme_ids()
        if self.ws is None or not ids:
            return
        if action == "tell":
            return self.tell_people(theme_id=ids[0])
        if action == "status":
            from .status_dialog import StatusDialog

            theme = next(t for t in self.themes.model.themes if t.id == ids[0])
            dialog = StatusDialog(self.tr("Theme: {0}").format(theme.label), theme.status, self)
            if dialog.exec() != StatusDialog.DialogCode.Accepted:
                return
            status, note = dialog.values()
            return theme_actions.set_theme_status(self, ids[0], status, note)
        theme_actions.edit_themes(self, action, ids)

    def open_settings(self):
        from .settings_actions import open_settings

        return open_settings(self)

    def run_analysis(self) -> None:
        theme_actions.run_analysis(self)

    def move_selection_to_theme(self) -> None:
        theme_actions.move_items(self, self.feedback.selected_item_ids())

    def undo(self) -> None:
        theme_actions.undo_redo(self, redo=False)

    def redo(self) -> None:
        theme_actions.undo_redo(self, redo=True)

    def tell_people(self, theme_id: int | None = None, item_ids: list[int] | None = None):
        from .tell_dialog import TellDialog

        dialog = TellDialog(self.ws, theme_id, item_ids, self, jobs=self.jobs)
        dialog.open()
        self._tell_dialog = dialog
        return dialog

    def tell_people_of_selection(self):
        ids = self.feedback.selected_item_ids()
        if self.ws is None or not ids:
            return None
        return self.tell_people(item_ids=ids)

    # -- status ------------------------------------------------------------------------------
    def set_status_of_selection(self) -> None:
        from triage_app.services.status import set_statuses

        from .status_dialog import StatusDialog

        ids = self.feedback.selected_item_ids()
        if self.ws is None or not ids:
            return
        what = self.tr("{0} selected item(s)").format(len(ids))
        dialog = StatusDialog(what, parent=self)
        if dialog.exec() != StatusDialog.DialogCode.Accepted:
            return
        status, note = dialog.values()

        def work(ws):  # in a worker: thousands of selected items take a while; one transaction
            return set_statuses(ws.conn, [f"item:{item_id}" for item_id in ids], status, note)

        def done(count):
            self.statusBar().showMessage(self.tr("Status of {0} item(s) set to “{1}”").format(
                f"{count:,}", QCoreApplication.translate("FeedbackView", status)), 10_000)

        write_in_worker(self, work, done, self.tr("Status not changed"), changes=Changes.STATUSES)

    # -- import ------------------------------------------------------------------------------
    def show_import_wizard(self, files: list[str] | None = None):
        from .import_wizard import ImportWizard  # loads the importers: only when needed

        if self.ws is None:
            return None
        wizard = ImportWizard(self.ws, files or None, self, jobs=self.jobs)
        wizard.finished.connect(lambda _code: self._after_import(wizard))
        wizard.open()
        return wizard

    def _after_import(self, wizard=None) -> None:
        """The import announced its changes (the views refresh from that); here: offer the analysis."""
        added = sum(r.added for _f, r, err in (getattr(wizard, "results", None) or []) if r is not None and not err)
        if added and not self.jobs.busy:
            self.offer_analysis(added)

    def confirm_close_during_analysis(self) -> bool:
        """Closing while the analysis runs: keep it running (False) or cancel it and close (True)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Analysis Running"),
                          self.tr("The theme analysis is still running. Closing now cancels it and keeps the "
                                  "themes as they were."), parent=self)
        wait = box.addButton(self.tr("Keep Running"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(self.tr("Cancel Analysis and Close"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(wait)
        box.exec()
        return box.clickedButton() is not wait

    def offer_analysis(self, added: int):
        """After an import: ask to find the themes of the new feedback now (not modal: the window stays usable)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Find Themes"),
                          self.tr("{0} new items were imported. Run the analysis now to find their themes?").format(
                              f"{added:,}"), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Run Analysis"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Later"))
        box.buttonClicked.connect(lambda button: self.run_analysis() if button is yes else None)
        box.open()
        self._offer_box = box
        return box

    def closeEvent(self, event) -> None:
        if self.jobs.running("analysis"):
            if not self.confirm_close_during_analysis():
                event.ignore()
                return
        self.jobs.cancel()  # the analysis (an export...) stops at its next step; the themes stay as they were
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.guard.timer.stop()
        if self.ws:
            self.jobs.wait_for_writes()  # the edits asked for are saved; the writer is not closed under one
            self.feedback.release_workspace()
            self.ws.close()
        super().closeEvent(event)

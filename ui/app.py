"""Starting the desktop app: Qt application, CJK-capable fonts, the translation, and the
workspace to open (the last one, or a generated demo workspace on first run)."""
from __future__ import annotations

import os
import sys
import time
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QStandardPaths, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QProgressDialog

from .main_window import APP, ORG, MainWindow


def data_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".feedback-triage")


def demo_workspace_path() -> Path:
    return data_dir() / "demo.triage"


def ensure_demo_workspace(parent=None) -> Path:
    """The demo workspace, generated on first use (a few seconds, with a progress dialog)."""
    path = demo_workspace_path()
    if path.exists():
        return path
    from triage_app.demo import build_demo_workspace

    dialog = QProgressDialog(parent.tr("Preparing the demo workspace…") if parent else "Preparing the demo workspace…",
                             None, 0, 0, parent)
    dialog.setMinimumDuration(0)
    dialog.show()
    QApplication.processEvents()
    try:
        build_demo_workspace(path, on_progress=lambda _p: QApplication.processEvents())
    finally:
        dialog.close()
    return path


def app_icon() -> QIcon:
    """The application icon at every size the desktop may ask for (high-DPI included)."""
    icon = QIcon()
    folder = resources.files("resources") / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        pixmap = QPixmap()
        pixmap.loadFromData((folder / f"feedback-triage-{size}.png").read_bytes())
        icon.addPixmap(pixmap)
    return icon


def ensure_cjk_font() -> None:
    """Make sure Chinese renders: use the system's CJK font, or else the one shipped with the app
    (loading it costs ~0.4 s, so only where the system has none)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return
    from analysis.fonts import cjk_font_path

    path = cjk_font_path()
    if path is not None:
        QFontDatabase.addApplicationFont(str(path))


def _install_translation(app: QApplication, settings: QSettings) -> None:
    """Chinese UI when the setting (View › Language) or else the system locale says so."""
    language = str(settings.value("ui/language") or QLocale.system().name())
    # Qt's file dialogs name file types (MIME comments) and dates in the default locale, not the
    # translator's language: without this they stayed English in the Chinese UI
    QLocale.setDefault(QLocale.system() if language == QLocale.system().name() else QLocale(language))
    if not language.startswith("zh"):
        return
    data = (resources.files("resources") / "translations" / "triage_zh_CN.qm").read_bytes()
    translator = QTranslator(app)
    if translator.load(data):
        app._translation = (translator, data)  # QTranslator reads from ``data`` without copying it
        app.installTranslator(translator)
    qt_own = QTranslator(app)  # Qt's own dialogs and buttons (OK, Cancel, Back, file dialogs)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # qtbase_zh_CN holds them; the qt_zh_CN meta-catalogue does not load from PySide6's wheels
    if qt_own.load("qtbase_zh_CN", folder) or qt_own.load("qt_zh_CN", folder):
        app._qt_translation = qt_own
        app.installTranslator(qt_own)


def _preload_in_background() -> None:
    """Import what opening a workspace needs (workers, numpy) in a thread while the window appears,
    so the UI thread does not stall on first use (seconds on a busy machine)."""
    import importlib
    import threading

    def load():
        for name in ("superqt.utils", "numpy", "triage_app.store.metrics_queries", "triage_app.services.privacy",
                     # the import wizard's modules (1-2 s on a busy machine when the wizard first opened)
                     "triage_app.services.importing", "triage_app.services.preview"):
            try:
                importlib.import_module(name)
            except ImportError:  # the UI thread will say so when it needs the module
                pass

    threading.Thread(target=load, name="preload", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1] + list(argv or []))
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setWindowIcon(app_icon())
    ensure_cjk_font()
    settings = QSettings(ORG, APP)
    _install_translation(app, settings)
    MainWindow.warm_up_engine = True  # the app (not tests) prepares the theme engine at first start
    _preload_in_background()
    window = MainWindow()
    window.show()
    last = os.environ.get("TRIAGE_WORKSPACE") or settings.value("workspace/last")

    smoke = bool(os.environ.get("TRIAGE_EXIT_AFTER_SHOW"))

    def open_first() -> None:  # after the first paint: the window appears at once
        if smoke:
            print(f"smoke: window shown={window.isVisible()} at {time.time():.3f}", flush=True)
        opened = False
        try:
            if last and Path(last).exists():
                window.open_workspace(Path(last))
            else:
                window.open_demo()
            opened = window.ws is not None
        finally:  # an error above still ends a smoke test (with exit code 1)
            if smoke:
                _quit_when_idle(app, window, time.monotonic() + SMOKE_TIMEOUT_S, opened)

    QTimer.singleShot(0, open_first)
    code = app.exec()
    # let background tasks (a cancelled analysis stops at its next step) end before Python does
    QThreadPool.globalInstance().waitForDone(15_000)
    return code


SMOKE_TIMEOUT_S = float(os.environ.get("TRIAGE_SMOKE_TIMEOUT") or 300)  # a first start analyses the demo


def _quit_when_idle(app: QApplication, window: MainWindow, deadline: float, opened: bool) -> None:
    """Smoke tests (``TRIAGE_EXIT_AFTER_SHOW=1``): once the workspace is open and every background
    task has finished, report the window on stdout and quit (exit code 0; 1 if the workspace did
    not open or work was still running at the deadline)."""
    if window.jobs.active and time.monotonic() < deadline:
        QTimer.singleShot(100, lambda: _quit_when_idle(app, window, deadline, opened))
        return
    idle = not window.jobs.active
    print(f"smoke: title={window.windowTitle()!r} status={window.statusBar().currentMessage()!r} "
          f"opened={opened} idle={idle}", flush=True)
    window.close()
    app.exit(0 if idle and opened else 1)

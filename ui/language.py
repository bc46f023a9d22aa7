"""Changing the UI language without a restart: swap the translators and rebuild the window (every
string of every screen is set when its widgets are made, so a new window is the full retranslation)."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication


def install(settings) -> None:
    """Remove the translators in use and install the ones ``settings`` asks for."""
    from .app import _install_translation

    app = QApplication.instance()
    for attr in ("_translation", "_qt_translation"):
        translator = getattr(app, attr, None)
        if translator is not None:
            app.removeTranslator(translator[0] if isinstance(translator, tuple) else translator)
            delattr(app, attr)
    _install_translation(app, settings)


def reopen_window(window):
    """A new main window on the same workspace, size and screen, in the language now installed;
    the old window closes. Returns the new window."""
    from .main_window import MainWindow

    path = window.ws.path if window.ws is not None else None
    new = MainWindow(path)
    new.restoreGeometry(window.saveGeometry())
    new.tabs.setCurrentIndex(window.tabs.currentIndex())
    new.show()  # before the old one closes, so the application does not quit
    QApplication.instance()._main_window = new
    window.close()
    return new

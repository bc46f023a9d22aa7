"""Analysis › Workspace Settings: show the dialog, save, re-map statuses, and redact the stored
feedback (with progress and cancel) when the user turns that on."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from triage_app.domain import Cancelled, CancelToken
from triage_app.store import Workspace

from .settings_dialog import SettingsDialog
from .workers import run_in_thread


def _t(text: str) -> str:
    return QCoreApplication.translate("SettingsActions", text)


def open_settings(window) -> SettingsDialog | None:
    if window.ws is None:
        return None
    dialog = SettingsDialog(window.ws.conn, window)
    dialog.accepted.connect(lambda: _save(window, dialog))
    dialog.open()
    return dialog


def _save(window, dialog: SettingsDialog) -> None:
    try:
        remap = dialog.save(window.ws.conn)
    except ValueError as exc:  # e.g. every weight zero
        QMessageBox.warning(window, _t("Settings not saved"), str(exc))
        return
    window.statusBar().showMessage(_t("Settings saved."), 10_000)
    window.after_theme_change()
    window.dashboard.set_workspace(window.ws.path, window.dashboard.lang)
    if remap:
        remap_statuses(window)
    if dialog.needs_redaction_run():
        redact_stored_feedback(window)


def remap_statuses(window) -> None:
    """Update the items imported with a re-mapped source state, in a worker (a large workspace has
    many); each change goes into the item's history."""
    from triage_app.services.status import apply_mapping

    path = window.ws.path

    def work():
        with Workspace(path) as ws:
            return apply_mapping(ws.conn)

    def done(remapped: int):
        window.statusBar().showMessage(
            _t("Settings saved; {0} items changed status under the new mapping.").format(remapped), 10_000)
        window.after_theme_change()

    def failed(exc):
        QMessageBox.warning(window, _t("Statuses not updated"), str(exc))

    window.statusBar().showMessage(_t("Updating statuses under the new mapping…"))
    run_in_thread(window, work, done, failed)


def redact_stored_feedback(window) -> None:
    """Rewrite every stored text with placeholders, in one transaction (all or nothing)."""
    from triage_app.services.privacy import redact_workspace

    path, cancel = window.ws.path, CancelToken()
    progress = QProgressDialog(_t("Removing personal data from the stored feedback…"), _t("Cancel"), 0, 0, window)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.canceled.connect(cancel.cancel)

    def work():
        with Workspace(path) as ws:
            return (yield from redact_workspace(ws, cancel))

    def update(p):
        progress.setMaximum(p.total or 0)
        progress.setValue(min(p.done, p.total or 0))

    def done(result):
        progress.reset()
        window.after_theme_change()
        window.statusBar().showMessage(_t("Personal data removed from the stored feedback."), 10_000)

    def failed(exc):
        progress.reset()
        if isinstance(exc, Cancelled):
            window.statusBar().showMessage(_t("Cancelled: the stored feedback is unchanged."), 10_000)
        else:
            QMessageBox.warning(window, _t("Personal data not removed"), str(exc))

    window._redaction_worker = run_in_thread(window, work, done, failed, update)

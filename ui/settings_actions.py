"""Analysis › Workspace Settings: show the dialog, save, re-map statuses, and redact the stored
feedback (with progress and cancel) when the user turns that on."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from triage_app.domain import Cancelled

from .jobs import Changes
from .settings_dialog import SettingsDialog


def _t(text: str) -> str:
    return QCoreApplication.translate("SettingsActions", text)


def open_settings(window) -> SettingsDialog | None:
    if window.ws is None:
        return None
    dialog = SettingsDialog(window.ws.reader(), window)
    dialog.accepted.connect(lambda: _save(window, dialog))
    dialog.open()
    return dialog


def _save(window, dialog: SettingsDialog) -> None:
    """Write the settings in a worker (one unit of work), then re-map and redact if asked."""
    redact = dialog.needs_redaction_run()

    def done(remap: bool):
        window.statusBar().showMessage(_t("Settings saved."), 10_000)
        if remap:
            remap_statuses(window)
        if redact:
            redact_stored_feedback(window)

    def failed(exc):  # e.g. every weight zero
        QMessageBox.warning(window, _t("Settings not saved"), str(exc))

    write = dialog.writer()  # the values, read on the UI thread
    window.jobs.write(lambda ws: write(ws.conn), done, failed, changes=Changes.SETTINGS, name="settings")


def remap_statuses(window) -> None:
    """Update the items imported with a re-mapped source state, in a worker (a large workspace has
    many); each change goes into the item's history."""
    from triage_app.services.status import apply_mapping

    def done(remapped: int):
        window.statusBar().showMessage(
            _t("Settings saved; {0} items changed status under the new mapping.").format(remapped), 10_000)

    def failed(exc):
        QMessageBox.warning(window, _t("Statuses not updated"), str(exc))

    window.jobs.write(lambda ws: apply_mapping(ws.conn), done, failed, changes=Changes.STATUSES, name="mapping",
                      progress_label=_t("Updating statuses under the new mapping…"))


def redact_stored_feedback(window) -> None:
    """Rewrite every stored text with placeholders, in one transaction (all or nothing)."""
    from triage_app.services.privacy import redact_workspace

    def work(ws, cancel):
        return (yield from redact_workspace(ws, cancel))

    def done(result):
        window.statusBar().showMessage(_t("Personal data removed from the stored feedback."), 10_000)

    def failed(exc):
        if isinstance(exc, Cancelled):
            window.statusBar().showMessage(_t("Cancelled: the stored feedback is unchanged."), 10_000)
        else:
            QMessageBox.warning(window, _t("Personal data not removed"), str(exc))

    window.jobs.write(work, done, failed, changes=Changes.ITEMS | Changes.THEMES, name="redaction",
                      progress_label=_t("Removing personal data from the stored feedback…"), cancellable=True)

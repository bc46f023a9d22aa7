"""Keeping the open workspace safe and current: a daily safety backup, the offer to restore the
last backup when a file cannot be opened, and a refresh when another window or process changes it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from triage_app.services.health import ChangeWatch, safety_backup
from triage_app.store.backups import last_backup, restore_backup


CHECK_EVERY_MS = 2_000


def _t(text: str) -> str:
    return QCoreApplication.translate("WorkspaceGuard", text)


def offer_backup(parent, path: Path, error: str) -> bool:
    """The workspace could not be opened: say why, and offer its last backup. True when the backup
    was put in its place (the damaged file is kept beside it)."""
    backup = last_backup(path)
    if backup is None:
        QMessageBox.warning(parent, _t("Cannot open workspace"), error)
        return False
    answer = QMessageBox.question(
        parent, _t("Cannot open workspace"),
        _t("{0}\n\nRestore the last backup, taken {1} UTC?\nThe damaged file is kept beside it, renamed.").format(
            error, f"{backup.taken_at:%Y-%m-%d %H:%M}"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restore_backup(backup.path, path)
    except OSError as exc:
        QMessageBox.warning(parent, _t("Backup not restored"), str(exc))
        return False
    return True


class WorkspaceGuard(QObject):
    """Watches the window's workspace. ``absorb()`` after the window's own writes, so that only
    other windows' and processes' changes trigger ``on_changed``."""

    def __init__(self, window, on_changed, jobs) -> None:
        super().__init__(window)
        self.window, self.on_changed, self.jobs = window, on_changed, jobs
        self.watch: ChangeWatch | None = None
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def attach(self, ws) -> None:
        self.watch = ChangeWatch(ws.reader())  # sees every other connection's commits, the window's writer's too
        self.timer.start()
        path = ws.path
        self.jobs.run(lambda: safety_backup(path), name="safety backup")

    def absorb(self) -> None:
        if self.watch is not None:
            self.watch.changed()

    def check(self) -> None:
        if self.watch is None or self.jobs.running("analysis"):
            return  # the analysis refreshes the views when it ends
        try:
            changed = self.watch.changed()
        except Exception:  # noqa: BLE001 - a closed or vanished file: the next open says why
            return
        if changed:
            self.on_changed()

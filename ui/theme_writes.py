"""Theme edits (rename, merge, split, move, hide, status, undo/redo) written off the UI thread.

Each edit is a write queued on the window's job runner (ui/jobs.py): it runs in a worker on the
workspace's writer (a merge or a move of 10,000 items on 100k rows took up to 0.3 s on the UI
thread), after the writes before it, in the order asked, so an Undo pressed while a merge is being
saved undoes that merge. The runner then announces what changed and the views refresh."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from .jobs import Changes


def _t(text: str) -> str:
    return QCoreApplication.translate("ThemeActions", text)


def write_in_worker(window, work: Callable, on_done: Callable, failed_title: str,
                    on_error: Callable | None = None, changes: Changes = Changes.THEMES) -> None:
    """Queue ``work(ws)`` (ws: the window's workspace, on its writer) to run after the writes before
    it; ``on_done(result)`` runs on the UI thread, then the views refresh from ``changes``. An
    expected refusal (``EditError``, ``StatusError``: worded for the user) is shown under
    ``failed_title``; ``on_error(exc)``, when given, decides instead."""
    if window.ws is None:
        return

    def failed(exc):
        from triage_app.services.status import StatusError
        from triage_app.services.theme_edits import EditError

        window.statusBar().clearMessage()
        if on_error is not None:
            on_error(exc)
        elif isinstance(exc, (EditError, StatusError)):  # refusals worded for the user
            QMessageBox.warning(window, failed_title, str(exc))
        else:
            QMessageBox.warning(window, failed_title, f"{type(exc).__name__}: {exc}")

    window.statusBar().showMessage(_t("Saving the theme edit…"))
    window.jobs.write(work, on_done, failed, changes=changes, name="edit")

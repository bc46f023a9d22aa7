"""Theme edits (rename, merge, split, move, hide, status, undo/redo) written off the UI thread.

Each edit runs in a worker on its own connection to the workspace (a merge or a move of 10,000
items on 100k rows took up to 0.3 s on the UI thread). Edits are queued and run one after another
in the order asked, so an Undo pressed while a merge is being saved undoes that merge."""
from __future__ import annotations

from collections import deque
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from .workers import run_in_thread


def _t(text: str) -> str:
    return QCoreApplication.translate("ThemeActions", text)


def write_in_worker(window, work: Callable, on_done: Callable, failed_title: str,
                    on_error: Callable | None = None) -> None:
    """Queue ``work(ws)`` (ws: a Workspace opened in the worker) to run after the edits before it;
    ``on_done(result)`` runs on the UI thread, then the views refresh. An expected refusal
    (``EditError``, ``StatusError``: worded for the user) is shown under
    ``failed_title``; ``on_error(exc)``, when given, decides instead."""
    if window.ws is None:
        return
    queue = window.__dict__.setdefault("_theme_writes", deque())
    queue.append((window.ws.path, work, on_done, failed_title, on_error))
    if len(queue) == 1:
        _start_next(window)


def writing(window) -> bool:
    """Whether a theme edit is queued or being written."""
    return bool(window.__dict__.get("_theme_writes"))


def _start_next(window) -> None:
    queue = window.__dict__.get("_theme_writes")
    if not queue:
        return
    path, work, on_done, failed_title, on_error = queue[0]

    def job():
        from triage_app.store import Workspace

        with Workspace(path) as ws:
            return work(ws)

    def done(result):
        queue.popleft()
        if window.ws is not None and window.ws.path == path:
            on_done(result)
            window.after_theme_change()
        _start_next(window)

    def failed(exc):
        from triage_app.services.status import StatusError
        from triage_app.services.theme_edits import EditError

        queue.popleft()
        if window.ws is not None and window.ws.path == path:
            window.statusBar().clearMessage()
            if on_error is not None:
                on_error(exc)
            elif isinstance(exc, (EditError, StatusError)):  # refusals worded for the user
                QMessageBox.warning(window, failed_title, str(exc))
            else:
                QMessageBox.warning(window, failed_title, f"{type(exc).__name__}: {exc}")
            window.after_theme_change()
        _start_next(window)

    window.statusBar().showMessage(_t("Saving the theme edit…"))
    run_in_thread(window, job, done, failed)

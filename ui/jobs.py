"""The window's one job runner: every task that runs off the UI thread on the window's behalf
(analysis, import, exports, briefing, theme edits, settings, status changes) goes through it.

It owns the progress shown for long tasks (a row in the status bar: what runs, a bar, Cancel), their
cancel tokens and the busy state (``busy``, ``busy_changed``: Run Analysis is disabled while one
runs). Writes are queued and run one after another on the workspace's one writer connection, in
the order asked; when a write (or a task that writes, like the analysis) ends, ``workspace_changed``
says what changed, and the window refreshes its views from that one signal."""
from __future__ import annotations

import enum
import inspect
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from triage_app.domain import CancelToken

from .workers import run_in_thread


class Changes(enum.Flag):
    """What a write changed, so that each view refreshes only when its data changed."""

    NONE = 0
    ITEMS = enum.auto()      # items added, removed or rewritten (import, redaction)
    THEMES = enum.auto()     # theme edits: rename, merge, split, move, hide, RICE inputs
    STATUSES = enum.auto()   # the status (or its history) of items or themes
    SETTINGS = enum.auto()   # workspace settings: priority, status mapping, privacy
    ANALYSIS = enum.auto()   # an analysis run: themes, assignments, sentiment
    ALL = ITEMS | THEMES | STATUSES | SETTINGS | ANALYSIS


def _t(text: str) -> str:
    return QCoreApplication.translate("JobRunner", text)


@dataclass
class Job:
    """One task given to the runner. ``cancel`` is set when it was started as cancellable."""

    name: str
    busy: bool
    changes: Changes = Changes.NONE
    cancel: CancelToken | None = None
    progress: "_ProgressRow | None" = None
    done: bool = False
    worker: object = field(default=None, repr=False)

    def request_cancel(self) -> None:
        if self.cancel is not None:
            self.cancel.cancel()
            if self.progress is not None:
                self.progress.label.setText(_t("Cancelling…"))


class _ProgressRow:
    """What a long task shows in the status bar while it runs: its label, n of N, a bar and Cancel."""

    def __init__(self, bar: QStatusBar, label: str, job: Job):
        self.bar, self.text = bar, label
        self.label = QLabel(label)
        self.progress = QProgressBar(maximumWidth=220, maximum=0)
        self.widgets: list = [self.label, self.progress]
        if job.cancel is not None:
            self.button = QPushButton(_t("Cancel"))
            self.button.clicked.connect(job.request_cancel)
            self.widgets.append(self.button)
        for widget in self.widgets:
            bar.addPermanentWidget(widget)

    def update(self, p, text: str | None) -> None:
        total, done = getattr(p, "total", None), getattr(p, "done", None)
        counts = f" {done:,} / {total:,}" if total and done is not None else ""
        self.label.setText((text or self.text) + counts)
        self.progress.setMaximum(total or 0)
        if total:
            self.progress.setValue(min(done or 0, total))

    def close(self) -> None:
        for widget in self.widgets:
            self.bar.removeWidget(widget)
            widget.deleteLater()


class JobRunner(QObject):
    """Runs the window's tasks in workers; see the module's docstring. ``workspace`` is a callable
    giving the window's open ``Workspace`` (or None); ``status_bar`` shows the progress of long tasks."""

    busy_changed = Signal(bool)
    workspace_changed = Signal(object)  # Changes

    def __init__(self, parent: QObject, workspace: Callable, status_bar: QStatusBar | None = None):
        super().__init__(parent)
        self._workspace, self._status_bar = workspace, status_bar
        self._jobs: list[Job] = []
        self._writes: deque = deque()

    # -- state --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether a long task (analysis, import, export, briefing, redaction...) runs."""
        return any(job.busy for job in self._jobs)

    @property
    def active(self) -> int:
        """How many tasks are queued or running (long or not)."""
        return len(self._jobs) + max(0, len(self._writes) - 1)

    def running(self, name: str) -> Job | None:
        """The running task called ``name`` (e.g. "analysis"), if any."""
        return next((job for job in self._jobs if job.name == name), None)

    def writing(self) -> bool:
        """Whether a write is queued or being written."""
        return bool(self._writes)

    def wait_for_writes(self, timeout_s: float = 60.0) -> bool:
        """Let the queued writes finish (the window calls this before it closes the workspace: the
        writer must not be closed under a write). True when none is left."""
        import time

        end = time.monotonic() + timeout_s
        while self._writes and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        return not self._writes

    def cancel(self, name: str | None = None) -> None:
        """Ask the task ``name`` (all tasks when None) to stop at its next step."""
        for job in list(self._jobs):
            if name is None or job.name == name:
                job.request_cancel()

    # -- running ------------------------------------------------------------------------------
    def run(self, work: Callable, on_done: Callable | None = None, on_error: Callable | None = None, *,
            name: str = "task", progress_label: str | None = None, progress_text: Callable | None = None,
            on_progress: Callable | None = None, cancellable: bool = False, busy: bool | None = None,
            changes: Changes = Changes.NONE, args: tuple = ()) -> Job:
        """Run ``work()`` (``work(cancel)`` when ``cancellable``) in a worker; it may be a generator
        yielding progress. ``on_done(result)`` / ``on_error(exc)`` run on the UI thread.
        ``progress_label``: show it in the status bar with a bar (and Cancel), the text from
        ``progress_text(p)`` when given; such a task makes the runner ``busy`` (or say ``busy``).
        ``changes``: what the task wrote, announced by ``workspace_changed`` when it ends."""
        job = Job(name, progress_label is not None if busy is None else busy, changes,
                  CancelToken() if cancellable else None)
        if progress_label is not None and self._status_bar is not None:
            job.progress = _ProgressRow(self._status_bar, progress_label, job)
        was_busy = self.busy
        self._jobs.append(job)
        if job.busy and not was_busy:
            self.busy_changed.emit(True)

        def progress(p):
            if job.progress is not None:
                job.progress.update(p, progress_text(p) if progress_text else None)
            if on_progress is not None:
                on_progress(p)

        def finish():
            if job.done:
                return False
            job.done = True
            if job.progress is not None:
                job.progress.close()
            self._jobs.remove(job)
            if job.busy and not self.busy:
                self.busy_changed.emit(False)
            return True

        def done(result):
            if finish():
                if on_done is not None:
                    on_done(result)
                self._announce(job.changes)

        def failed(exc):
            if finish():
                (on_error or _report)(exc)
                self._announce(job.changes)  # a partial write (a cancelled import keeps earlier files)

        call = _bind(work, *args, *((job.cancel,) if cancellable else ()))
        job.worker = run_in_thread(self.parent(), call, done, failed, progress)
        return job

    def write(self, work: Callable, on_done: Callable | None = None, on_error: Callable | None = None, *,
              changes: Changes, name: str = "write", progress_label: str | None = None,
              on_progress: Callable | None = None, cancellable: bool = False, busy: bool | None = None) -> None:
        """Queue ``work(ws)`` (``work(ws, cancel)`` when ``cancellable``) to run on the workspace's
        writer after the writes before it; the rest as ``run``. A write asked for one workspace is
        dropped when the window has opened another meanwhile."""
        ws = self._workspace()
        if ws is None:
            return
        self._writes.append((ws, work, on_done, on_error, changes, name, progress_label, on_progress,
                             cancellable, busy))
        if len(self._writes) == 1:
            self._start_next_write()

    def _start_next_write(self) -> None:
        while self._writes:
            ws, work, on_done, on_error, changes, name, label, on_progress, cancellable, busy = self._writes[0]
            if ws is self._workspace():
                break
            self._writes.popleft()  # asked for a workspace the window has closed since
        else:
            return

        def next_write():
            self._writes.popleft()
            self._start_next_write()

        def done(result):
            next_write()
            if ws is self._workspace() and on_done is not None:
                on_done(result)

        def failed(exc):
            next_write()
            if ws is self._workspace():
                (on_error or _report)(exc)

        self.run(work, done, failed, name=name, progress_label=label, on_progress=on_progress,
                 cancellable=cancellable, busy=busy, changes=changes, args=(ws,))

    def _announce(self, changes: Changes) -> None:
        if changes:
            self.workspace_changed.emit(changes)


def _bind(work: Callable, *args) -> Callable:
    """``work`` with ``args`` given, still a generator function when ``work`` is one (the worker
    sends what a generator yields to ``on_progress``)."""
    if not args:
        return work
    if inspect.isgeneratorfunction(work):
        def generator():
            return (yield from work(*args))

        return generator
    return lambda: work(*args)


def _report(exc: Exception) -> None:
    """Errors of tasks nobody asked about: one line on stderr, never a traceback dialog."""
    import sys

    print(f"background task failed: {type(exc).__name__}: {exc}", file=sys.stderr)

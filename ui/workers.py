"""Running core services off the UI thread (superqt workers), so the window stays responsive.

The window's own tasks go through its job runner (ui/jobs.py); views use this directly for their
background reads."""
from __future__ import annotations

from typing import Callable


def run_in_thread(owner, work: Callable, on_done: Callable, on_error: Callable | None = None,
                  on_progress: Callable | None = None):
    """Run ``work()`` in a thread; ``on_done(result)`` / ``on_error(exc)`` run on the UI thread
    while ``owner`` (a widget) lives.

    ``work`` may be a generator function: each yielded value goes to ``on_progress`` and its return
    value to ``on_done``. superqt keeps the worker until its thread ends (``WorkerBase._worker_set``),
    so a window closed meanwhile does not take its signals away from a running thread."""
    from superqt.utils import create_worker  # ~0.4 s to import: not before the window is up

    # _ignore_errors: superqt would otherwise re-raise the worker's exception in the event loop.
    worker = create_worker(work, _start_thread=False, _ignore_errors=True)
    worker.returned.connect(_while_alive(owner, on_done))
    worker.errored.connect(_while_alive(owner, on_error or _report))
    if on_progress is not None and hasattr(worker, "yielded"):
        worker.yielded.connect(_while_alive(owner, on_progress))
    worker.start()
    return worker


def _report(exc: Exception) -> None:
    """Errors of workers nobody asked about: one line on stderr, never a traceback dialog."""
    import sys

    print(f"background task failed: {type(exc).__name__}: {exc}", file=sys.stderr)


def _while_alive(owner, callback: Callable) -> Callable:
    """``callback``, skipped once ``owner`` (a widget) is gone: a window closed while its worker
    was still running must not receive the result."""
    from shiboken6 import isValid

    def call(*args):
        if isValid(owner):
            callback(*args)

    return call

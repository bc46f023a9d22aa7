"""The theme analysis (and the sentiment scoring after it) in a separate process.

Clustering and labelling hold the GIL for seconds at a time (numba, hdbscan), which froze the
window even though the analysis ran in a worker thread. In a spawned process (safe beside Qt's
threads) it cannot. ``analyse_in_process`` is a generator like ``analysis.analyse``: it yields the
child's Progress, honours the CancelToken (the child stops at its next step and rolls back) and
returns the AnalysisResult; errors come back as the same exception types.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
from pathlib import Path
from typing import Generator

from ..domain import CancelToken, Cancelled, Progress

POLL_S = 0.1


class _EventToken(CancelToken):
    """A CancelToken the parent process sets through a multiprocessing Event."""

    def __init__(self, event) -> None:
        super().__init__()
        self._event = event

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def _child(path: str, model: str | None, events, cancel_event) -> None:
    from ..store import Workspace
    from .analysis import AnalysisError, analyse
    from .sentiment import score_items

    token = _EventToken(cancel_event)
    try:
        with Workspace(path) as ws:
            gen = analyse(ws, model=model, cancel=token)
            while True:
                try:
                    events.put(("progress", next(gen)))
                except StopIteration as stop:
                    result = stop.value
                    break
            for p in score_items(ws.conn, token):  # only items not scored yet
                events.put(("progress", p))
        events.put(("done", result))
    except Cancelled:
        events.put(("cancelled", None))
    except AnalysisError as exc:
        events.put(("analysis_error", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        events.put(("error", f"{type(exc).__name__}: {exc}"))


def chosen_model(ws) -> str:
    """The model ``analyse`` would use: the last run's, else the workspace's default."""
    from ..store import themes as tq
    from .analysis import workspace_model

    previous = tq.last_run(ws.conn)
    return (previous["model"] if previous else None) or workspace_model(ws)


def analyse_in_process(path: str | Path, model: str | None = None,
                       cancel: CancelToken | None = None) -> Generator[Progress, None, object]:
    """Analyse the workspace at ``path`` (then score sentiment) in a child process."""
    from .analysis import AnalysisError

    cancel = cancel or CancelToken()
    ctx = mp.get_context("spawn")
    events, cancel_event = ctx.Queue(), ctx.Event()
    child = ctx.Process(target=_child, args=(str(path), model, events, cancel_event), name="analysis", daemon=True)
    child.start()
    try:
        while True:
            if cancel.cancelled:
                cancel_event.set()
            try:
                kind, value = events.get(timeout=POLL_S)
            except queue.Empty:
                if not child.is_alive():
                    try:  # the last message may have arrived just as the child ended
                        kind, value = events.get(timeout=1.0)
                    except queue.Empty:
                        raise RuntimeError(f"the analysis process ended unexpectedly (exit code {child.exitcode})")
                else:
                    continue
            if kind == "progress":
                yield value
            elif kind == "done":
                return value
            elif kind == "cancelled":
                raise Cancelled()
            elif kind == "analysis_error":
                raise AnalysisError(value)
            else:
                raise RuntimeError(value)
    finally:
        cancel_event.set()  # the parent was closed or cancelled: the child stops at its next step
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
            child.join(timeout=5)

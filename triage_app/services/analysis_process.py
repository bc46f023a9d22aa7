"""Long services in a separate process: the theme analysis (with the sentiment scoring after it,
``workflows.analyse_in_process``), the briefing and the items export.

Clustering (numba, hdbscan) and chart rendering (Agg) hold the GIL for a long time, which froze
the window even though they ran in a worker thread; in a spawned process (safe beside Qt's
threads) they cannot. ``in_process(target, args, cancel)`` drives a generator service in the child:
it yields the child's Progress, honours the CancelToken (the child stops at its next step, so its
transaction rolls back) and returns the service's result; the service's exception is raised here.

The child is an ordinary (non-daemonic) process, so it may start processes of its own (the local
engine embeds on every core). It never outlives its work: closing the generator stops it, an
``atexit`` hook stops it when this interpreter exits with the generator still open, and the child
takes its parent's death (even a SIGKILL) as a cancel.
"""
from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import pickle
import queue
from functools import partial
from pathlib import Path
from typing import Callable, Generator

from ..domain import CancelToken, Cancelled, Progress

POLL_S = 0.1
CHILD_NICENESS = 5


class _EventToken(CancelToken):
    """A CancelToken the parent process sets through a multiprocessing Event; also set once the
    parent process has ended."""

    def __init__(self, event) -> None:
        super().__init__()
        self._event = event
        self._parent = mp.parent_process()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set() or (self._parent is not None and not self._parent.is_alive())

    def raise_if_cancelled(self) -> None:
        if self.cancelled:
            raise Cancelled()


def _child(target: Callable, args: tuple, events, cancel_event) -> None:
    if hasattr(os, "nice"):  # below the window: on two busy cores its event loop still gets the CPU at once
        os.nice(CHILD_NICENESS)  # the embedding workers this child starts inherit it
    token = _EventToken(cancel_event)
    try:
        gen = target(*args, cancel=token)
        while True:
            try:
                events.put(("progress", next(gen)))
            except StopIteration as stop:
                events.put(("done", stop.value))
                return
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent
        try:
            pickle.dumps(exc)
            events.put(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that cannot travel: its text does
            events.put(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def in_process(target: Callable, args: tuple, cancel: CancelToken | None = None) -> Generator[Progress, None, object]:
    """Run the generator service ``target(*args, cancel=token)`` in a spawned child process."""
    cancel = cancel or CancelToken()
    ctx = mp.get_context("spawn")
    events, cancel_event = ctx.Queue(), ctx.Event()
    child = ctx.Process(target=_child, args=(target, args, events, cancel_event))
    child.start()
    at_exit = partial(_stop, child, cancel_event, 5.0)  # its own object: other runs keep their hooks
    atexit.register(at_exit)  # runs before multiprocessing's own exit hook, which would wait for the child
    try:
        while True:
            if cancel.cancelled:
                cancel_event.set()
            try:
                kind, value = events.get(timeout=POLL_S)
            except queue.Empty:
                if child.is_alive():
                    continue
                try:  # the last message may have arrived just as the child ended
                    kind, value = events.get(timeout=1.0)
                except queue.Empty:
                    raise RuntimeError(f"the background process ended unexpectedly (exit code {child.exitcode})")
            if kind == "progress":
                yield value
            elif kind == "done":
                return value
            else:
                raise value
    finally:
        atexit.unregister(at_exit)
        _stop(child, cancel_event)


def _stop(child, cancel_event, grace: float = 30.0) -> None:
    """Closed early (window closed, error, exit): the child stops at its next step, so its
    transaction rolls back; one that does not answer in ``grace`` seconds is terminated."""
    cancel_event.set()
    child.join(timeout=grace)
    if child.is_alive():
        child.terminate()
        child.join(timeout=5)


# -- the services run this way ---------------------------------------------------------------
def write_briefing(path: str, request, output: str, cancel: CancelToken):
    from ..store import Workspace
    from .briefing import generate

    with Workspace(path) as ws:
        return (yield from generate(ws.conn, request, output, cancel))


def export_items_job(path: str, output: str, item_filter, format: str | None, cancel: CancelToken):
    """The items export on a reader connection (per row Python work: in a thread it kept the GIL
    from the window for most of each event-loop turn, 0.8 s stalls on 100k items)."""
    from ..store import connect_reader
    from .exporting import export_items

    conn = connect_reader(path)
    try:
        return (yield from export_items(conn, output, item_filter, None, cancel, format))
    finally:
        conn.close()


def chosen_model(ws) -> str:
    """The model ``analyse`` would use: the last run's, else the workspace's default (decided here,
    so the child uses the same one)."""
    from ..store import themes as tq
    from .analysis import workspace_model

    previous = tq.last_run(ws.conn)
    return (previous["model"] if previous else None) or workspace_model(ws)


def briefing_in_process(path: str | Path, request, output: str | Path,
                        cancel: CancelToken | None = None) -> Generator[Progress, None, object]:
    return in_process(write_briefing, (str(path), request, str(output)), cancel)


def export_items_in_process(path: str | Path, output: str | Path, item_filter=None, format: str | None = None,
                            cancel: CancelToken | None = None) -> Generator[Progress, None, object]:
    return in_process(export_items_job, (str(path), str(output), item_filter, format), cancel)

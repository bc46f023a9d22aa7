"""The Ray engine (``triage-app analyze --engine ray [--address HOST:PORT]``; the ``[scale]`` extra).

The texts that need vectors are embedded as a Ray Data batch job (``analysis.batch_embed.EmbedBatch``:
the packaged model loaded once per worker), and the items outside the fitted sample find their
nearest theme as Ray tasks; sampling, clustering, labelling and writing stay here. The connection
to the cluster lives in a child process (``_ray_driver``): cancel stops it, and with it the cluster
job; a cluster that goes away ends it, and the analysis stops with ``EngineError`` before anything
but finished vectors was stored. This module never imports ray itself.
"""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
from typing import Any, Iterator

import numpy as np

from analysis.embeddings import get_backend

from ..domain import CancelToken, Cancelled
from . import EngineError

#: texts per Ray Data batch (and block); a multiple of every model's batch size. Large enough that a
#: batch (~1.3 s of work at 786 texts/s) outweighs Ray's per-batch overhead, small enough for steady
#: progress and little lost work on a lost node. Not yet measured on an idle machine:
#: ``bench/scale_bench.py --batches 256,1024,4096`` times the choices (``TRIAGE_RAY_BATCH`` overrides).
BATCH_SIZE = 1024
POLL_S = 0.2
CONNECT_TIMEOUT_S = 120.0
INSTALL_HINT = 'the Ray engine needs the [scale] extra: pip install "feedback-triage[scale]"'


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, batch_size: int | None = None) -> None:
        if importlib.util.find_spec("ray") is None:
            raise EngineError(INSTALL_HINT)
        self.address = address
        self.batch_size = batch_size or int(os.environ.get("TRIAGE_RAY_BATCH", BATCH_SIZE))
        self.info: dict = {}
        self._child: Any = None  # the driver process (multiprocessing), once started
        self._conn: Any = None  # its end of the pipe

    # -- the driver process ------------------------------------------------------------------
    def _where(self) -> str:
        return f"the Ray cluster at {self.address}" if self.address else "the local Ray instance"

    def start(self) -> None:
        if self._child is not None:
            return
        ctx = mp.get_context("spawn")
        parent, child_end = ctx.Pipe()
        from ._ray_driver import main

        self._child = ctx.Process(target=main, args=(child_end, self.address), daemon=True)
        self._child.start()
        child_end.close()
        self._conn = parent
        kind, payload = self._receive(None, "connecting", timeout=CONNECT_TIMEOUT_S)[:2]
        if kind != "ready":
            raise EngineError(f"{self._where()} did not answer")
        self.info = payload

    def _receive(self, cancel: CancelToken | None, stage: str, timeout: float | None = None):
        waited = 0.0
        while True:
            if cancel is not None and cancel.cancelled:
                self.close(now=True)  # the driver goes, and the cluster ends its job
                raise Cancelled()
            try:
                ready = self._conn.poll(POLL_S)
            except (EOFError, OSError):
                ready = False
            if ready:
                try:
                    message = self._conn.recv()
                except (EOFError, OSError):
                    message = None
                if message is not None:
                    if message[0] == "error":
                        self.close(now=True)
                        raise EngineError(f"{self._where()} failed during {stage}: {message[1]} ({self._log()})")
                    return message
            if not self._child.is_alive() or (ready and message is None):
                code = self._child.exitcode
                self.close(now=True)
                raise EngineError(f"{self._where()} went away during {stage} (the Ray driver ended"
                                  f"{f' with exit code {code}' if code is not None else ''}; {self._log()})")
            waited += POLL_S
            if timeout is not None and waited >= timeout:
                self.close(now=True)
                raise EngineError(f"{self._where()} did not answer within {timeout:.0f} s")

    @staticmethod
    def _log() -> str:
        from ._ray_driver import log_path

        return f"Ray's log: {log_path()}"

    # -- the engine --------------------------------------------------------------------------
    def embed(self, model: str, texts: list[str], cancel: CancelToken) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        if not texts:
            return
        step = get_backend(model).batch_size
        size = max(step, self.batch_size // step * step)
        self.start()
        self._conn.send(("embed", model, list(texts), size))
        while True:
            message = self._receive(cancel, "embedding")
            if message[0] == "embedded":
                return
            yield message[1], message[2]

    def nearest(self, embeddings: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        self.start()
        self._conn.send(("nearest", np.ascontiguousarray(embeddings, np.float32),
                         np.ascontiguousarray(centroids, np.float32)))
        message = self._receive(None, "the assignment to themes")
        return message[1], message[2]

    def close(self, now: bool = False) -> None:
        """Stop the driver: the cluster ends its job (actors, tasks) when its driver goes. ``now``:
        at once (cancel, failure), else after it disconnected cleanly."""
        child, self._child = self._child, None
        if child is None:
            return
        try:
            if child.is_alive() and not now:
                try:
                    self._conn.send(("stop",))
                except (OSError, EOFError):
                    pass
                child.join(timeout=15)
            for stop in (child.terminate, child.kill):
                if child.is_alive():
                    stop()
                    child.join(timeout=10)
        finally:
            self._conn.close()

    def __del__(self) -> None:  # a driver is never left behind
        try:
            self.close(now=True)
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

"""The local engine: embedding on every core of this machine.

The default model's tokenizer is pure Python and its matrices are small, so threads do not help
(analysis.embeddings: one BLAS thread was fastest); worker processes do. Each worker loads the
packaged model once; chunks of texts aligned on the model's batch size go out in order and come
back in order, so the vectors are those of one process bit for bit (``analysis.batch_embed``).
Small jobs (under ``POOL_MIN`` texts) and ``TRIAGE_EMBED_WORKERS=1`` embed in the calling process.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

import numpy as np

from analysis.batch_embed import encode_aligned
from analysis.embeddings import encode_batches, get_backend
from analysis.topic_matching import nearest

from ..domain import CancelToken
from . import EngineError

POOL_MIN = 4_000  # below this, starting workers (~1-3 s each to load the model) costs more than it saves
CHUNK_BATCHES = 4  # model batches per task: few enough messages, small enough for steady progress


def worker_count() -> int:
    """``TRIAGE_EMBED_WORKERS`` if set, else the cores this process may use."""
    env = os.environ.get("TRIAGE_EMBED_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _load(model: str) -> None:
    _end_with_parent()
    get_backend(model).encode(["warm up"])


def _end_with_parent() -> None:
    """A worker ends when the process that started the pool ends, however it ended (killed, out
    of memory): an idle worker would otherwise wait for tasks forever."""
    parent = mp.parent_process()
    if parent is not None:
        def watch() -> None:
            parent.join()
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _encode(model: str, start: int, texts: list[str]) -> np.ndarray:
    return encode_aligned(model, np.arange(start, start + len(texts)), texts)


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or worker_count()
        self.last_workers = 1  # processes the last ``embed`` used (for the run's figures)

    def embed(self, model: str, texts: list[str], cancel: CancelToken) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        backend = get_backend(model)
        if self.workers <= 1 or len(texts) < POOL_MIN:
            self.last_workers = 1
            for start, vectors in encode_batches(backend, texts):
                cancel.raise_if_cancelled()
                yield np.arange(start, start + len(vectors)), vectors
            return
        self.last_workers = self.workers
        chunk = backend.batch_size * CHUNK_BATCHES
        starts = list(range(0, len(texts), chunk))
        ctx = mp.get_context("spawn")  # safe beside Qt's and numba's threads
        pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_load, initargs=(model,))
        pending: list[tuple[int, Future]] = []
        try:
            ahead = 2 * self.workers  # tasks in flight: every worker busy, memory bounded
            queued = iter(starts)
            for start in queued:
                pending.append((start, pool.submit(_encode, model, start, texts[start:start + chunk])))
                if len(pending) >= ahead:
                    break
            while pending:
                start, future = pending.pop(0)
                try:
                    vectors = future.result()
                except BrokenProcessPool:
                    raise EngineError("an embedding worker process ended unexpectedly (out of memory?); run "
                                      "again, or embed in one process with TRIAGE_EMBED_WORKERS=1") from None
                cancel.raise_if_cancelled()
                nxt = next(queued, None)
                if nxt is not None:
                    pending.append((nxt, pool.submit(_encode, model, nxt, texts[nxt:nxt + chunk])))
                yield np.arange(start, start + len(vectors)), vectors
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def nearest(self, embeddings: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return nearest(embeddings, centroids)

    def close(self) -> None:
        pass

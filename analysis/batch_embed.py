"""Embedding in independent batches, for engines that run it in other processes or on other machines.

Vectors must not depend on where a text was embedded: every engine encodes the same sub-batches
(``backend.batch_size`` texts, aligned on the text's index in the whole list, as ``encode_batches``
does from index 0), so the local engine in one process, on all cores, and a Ray cluster give the
same vectors bit for bit (the backends use one BLAS thread).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .embeddings import get_backend


def encode_aligned(model: str, indices: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """Vectors of ``texts`` (whose positions in the whole list are ``indices``, ascending and
    contiguous), encoded in the sub-batches ``encode_batches`` would use."""
    backend = get_backend(model)
    size = backend.batch_size
    indices = np.asarray(indices, dtype=np.int64)
    if not len(texts):
        return np.zeros((0, backend.dim), np.float32)
    cuts = [0] + [k for k in range(1, len(indices)) if indices[k] % size == 0] + [len(indices)]
    parts = [backend.encode(list(texts[a:b])) for a, b in zip(cuts, cuts[1:]) if b > a]
    return np.vstack(parts).astype(np.float32, copy=False)


class EmbedBatch:
    """A Ray Data callable class: the packaged model is loaded once per worker (actor); a batch
    ``{"i": indices, "text": texts}`` becomes ``{"i": indices, "vector": (n, dim) float32}``."""

    def __init__(self, model: str):
        self.model = model
        get_backend(model).encode(["warm up"])  # load the weights now, not in the first batch

    def __call__(self, batch: dict) -> dict:
        texts = [str(t) for t in batch["text"]]
        return {"i": np.asarray(batch["i"], dtype=np.int64), "vector": encode_aligned(self.model, batch["i"], texts)}

"""Where the heavy batch work of an analysis runs (issue 18).

An engine embeds the texts that need vectors and finds the nearest theme of the items outside the
fitted sample; sampling, clustering, labelling and writing into the workspace always stay in the
calling process (services.analysis). Every engine gives the same vectors (``analysis.batch_embed``).

- ``local`` (default): this machine; embedding on every core (worker processes, the model loaded
  once in each; ``TRIAGE_EMBED_WORKERS=1`` embeds in the calling process as before).
- ``ray``: a Ray cluster (``--engine ray --address HOST:PORT``; the optional ``[scale]`` extra):
  embedding as a Ray Data batch job, the assignment as Ray tasks. See docs/scale.md.
"""
from __future__ import annotations

from typing import Iterator, Protocol

import numpy as np

from ..domain import CancelToken

ENGINES = ("local", "ray")


class EngineError(Exception):
    """The engine cannot run or stopped (Ray missing, cluster unreachable or gone); a sentence for users."""


class Engine(Protocol):
    name: str

    def embed(self, model: str, texts: list[str], cancel: CancelToken) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(indices into texts, vectors)`` per finished batch, until every text has its vector."""

    def nearest(self, embeddings: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index of and similarity to the nearest centroid, per row (``topic_matching.nearest``)."""

    def close(self) -> None:
        """Stop the engine's workers (and, for Ray, the cluster job)."""


def get_engine(name: str = "local", address: str | None = None) -> Engine:
    if name == "local":
        from .local import LocalEngine

        return LocalEngine()
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(address)
    raise EngineError(f"unknown engine {name!r} ({' or '.join(ENGINES)})")

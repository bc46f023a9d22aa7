"""Seeded ARPACK restarts for UMAP's spectral initialisation (reproducible themes).

scipy's ``eigsh`` draws ARPACK's restart vectors from a generator seeded by the operating system
unless it is given ``rng``; UMAP's spectral layout (and scikit-learn's ``SpectralEmbedding``, which
UMAP uses to place many disconnected parts) call it without one. ARPACK restarts when the Krylov
space breaks down, which a set of exact duplicate texts guarantees: 16 or more copies are each
other's 15 neighbours, a separate complete graph whose Laplacian has one eigenvalue many times over.
The eigenvectors UMAP starts from then changed from call to call, and so did every theme after them
(apple tweets: 48 or 51 clusters from the same vectors and seed). While inside ``seeded_eigsh``,
every call without ``rng`` gets a generator seeded by ``seed`` (a new one per call, so the result
does not depend on what ran before); outside, both names are the library's own function again.
The analysis runs one at a time in its process, as ``topics.compiled_cache`` assumes too.
"""
from __future__ import annotations

import contextlib
import functools
import sys
from typing import Iterator

import numpy as np

from .library_patch import patched

#: modules that hold their own reference to ``eigsh`` (``from scipy.sparse.linalg import eigsh``)
_HOLDERS = ("scipy.sparse.linalg", "sklearn.manifold._spectral_embedding")


@contextlib.contextmanager
def seeded_eigsh(seed: int) -> Iterator[None]:
    import scipy.sparse.linalg as sla

    original = sla.eigsh
    if getattr(original, "__wrapped__", None) is not None:  # already inside: the outer seed stays
        yield
        return

    @functools.wraps(original)
    def eigsh(*args, **kwargs):
        if kwargs.get("rng") is None:
            kwargs["rng"] = np.random.default_rng(seed)
        return original(*args, **kwargs)

    holders = [m for m in (sys.modules.get(name) for name in _HOLDERS) if getattr(m, "eigsh", None) is original]
    with patched([(module, "eigsh", eigsh) for module in holders]):
        yield

"""Centroid arithmetic for themes: assign items, reduce outliers, match new clusters to old themes.

All vectors are unit length, so cosine similarity is a dot product. Pure numpy (+ scipy's
Hungarian algorithm for one-to-one matching); nothing here needs BERTopic.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

_CHUNK = 8192  # rows per matrix product: bounds memory at 100,000+ items


def centroids_of(embeddings: np.ndarray, labels: np.ndarray, n_themes: int) -> np.ndarray:
    """Unit-length mean vector of each theme's members (zeros for an empty theme).

    float32 vectors (what analysis passes) are summed one theme at a time, row after row in document
    order in float64: the same additions, so the same bits, as ``np.add.at`` adding row by row (0.4 s
    at 20,000 items, 1.9 s at 100,000), at a twentieth of the cost (numpy reduces a column-wise cast
    sum sequentially; tests/unit/test_warm_analysis.py checks the bits); other input goes row by row."""
    dim = embeddings.shape[1]
    sums = np.zeros((n_themes, dim), dtype=np.float64)
    members = np.flatnonzero(labels >= 0)
    if embeddings.dtype != np.float32 or dim < 2:
        np.add.at(sums, labels[members], embeddings[members])
    else:
        members = members[np.argsort(labels[members], kind="stable")]  # by theme, document order within
        for part in np.split(members, np.flatnonzero(np.diff(labels[members])) + 1) if len(members) else ():
            sums[labels[part[0]]] = embeddings[part].sum(axis=0, dtype=np.float64)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (sums / norms).astype(np.float32)


def nearest(embeddings: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of and similarity to the nearest centroid, per row."""
    n = len(embeddings)
    best = np.full(n, -1, dtype=np.int64)
    sim = np.zeros(n, dtype=np.float32)
    if n == 0 or len(centroids) == 0:
        return best, sim
    for start in range(0, n, _CHUNK):
        s = embeddings[start:start + _CHUNK] @ centroids.T
        best[start:start + _CHUNK] = s.argmax(axis=1)
        sim[start:start + _CHUNK] = s.max(axis=1)
    return best, sim


def assign_to_centroids(embeddings: np.ndarray, centroids: np.ndarray,
                        threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Nearest theme per item, or -1 when even the nearest is less similar than ``threshold``."""
    best, sim = nearest(embeddings, centroids)
    best[sim < threshold] = -1
    return best, sim


def reduce_outliers(embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray, *,
                    max_share: float, min_similarity: float) -> tuple[np.ndarray, np.ndarray]:
    """Move unassigned items into their nearest theme.

    Every item at least ``min_similarity`` similar joins; then the most similar of the rest join
    until at most ``max_share`` of all items remain unassigned. Returns labels and each item's
    similarity to its theme's centroid.
    """
    labels = labels.copy()
    n = len(labels)
    out = np.flatnonzero(labels < 0)
    if len(out) and len(centroids):
        best, sim = nearest(embeddings[out], centroids)
        join = sim >= min_similarity
        allowed = int(np.floor(max_share * n))
        remaining = int((~join).sum())
        if remaining > allowed:
            rest = np.flatnonzero(~join)
            extra = rest[np.argsort(-sim[rest], kind="stable")[: remaining - allowed]]
            join[extra] = True
        labels[out[join]] = best[join]
    similarity = np.zeros(n, dtype=np.float32)
    assigned = np.flatnonzero(labels >= 0)
    for start in range(0, len(assigned), _CHUNK):
        idx = assigned[start:start + _CHUNK]
        similarity[idx] = np.einsum("ij,ij->i", embeddings[idx], centroids[labels[idx]])
    return labels, similarity


@dataclass
class OldTheme:
    """A theme of an earlier run, as matching sees it."""

    id: int
    centroid: np.ndarray | None  # None when made with another embedding model
    members: frozenset[int]  # item ids the model (not a user) put in it


#: A new cluster keeps an old theme's identity when their member sets overlap this much (Dice)...
MIN_OVERLAP = 0.3
#: ...or, for themes with no shared items, when their centroids are this similar.
MIN_CENTROID_SIMILARITY = 0.9


def match_clusters(new_members: Sequence[frozenset[int]], new_centroids: np.ndarray,
                   old: Sequence[OldTheme]) -> dict[int, int]:
    """One-to-one matching of new clusters (by index) to old themes (by id).

    Score = Dice overlap of the item sets (items seen by both runs), or the centroid similarity
    when that is high enough; Hungarian assignment maximises the total score. Unmatched new
    clusters are genuinely new themes.
    """
    if not len(new_members) or not old:
        return {}
    from scipy.optimize import linear_sum_assignment

    score = np.zeros((len(new_members), len(old)), dtype=np.float64)
    owner = {item: j for j, o in enumerate(old) for item in o.members}
    old_sizes = np.array([len(o.members) for o in old], dtype=np.float64)
    for i, members in enumerate(new_members):
        seen = [owner[m] for m in members if m in owner]
        if not seen:
            continue
        counts = np.bincount(seen, minlength=len(old)).astype(np.float64)
        dice = 2 * counts / (len(seen) + old_sizes)
        good = (counts > 0) & (dice >= MIN_OVERLAP)
        score[i, good] = 1.0 + dice[good]
    for j, o in enumerate(old):
        if o.centroid is not None and len(new_centroids) and o.centroid.shape[-1] == new_centroids.shape[1]:
            # (a centroid of another length was made by another embedding model: only the members match it)
            sims = new_centroids @ o.centroid
            close = (sims >= MIN_CENTROID_SIMILARITY) & (score[:, j] == 0)
            score[close, j] = sims[close]
    rows, cols = linear_sum_assignment(-score)
    return {int(i): old[j].id for i, j in zip(rows, cols) if score[i, j] > 0}

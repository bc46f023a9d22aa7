"""Helpers of the theme-grouping tests (not a test module): distances and member votes written by hand, so that
the grouping rule, not the embedding model, is what a test checks."""
from __future__ import annotations

from typing import Iterable

import numpy as np

from analysis import theme_concepts as cm


def distances(n: int, near: Iterable[tuple[int, int, float]], far: float = 0.9) -> np.ndarray:
    """A square distance matrix of ``n`` sub-themes: ``far`` apart except the (i, j, distance) pairs of ``near``."""
    square = np.full((n, n), far)
    for i, j, d in near:
        square[i, j] = square[j, i] = d
    np.fill_diagonal(square, 0.0)
    return square


def leaning_votes(n: int, moods: np.ndarray, leaner: int, toward: int, seed: int = 1) -> np.ndarray:
    """``member_votes`` on built vectors (30 members per sub-theme): the members of ``leaner`` lie between its
    own direction and ``toward``'s, every other sub-theme's around its own."""
    rng = np.random.default_rng(seed)
    centroids = np.eye(n + 1)[:n]
    docs, labels = [], []
    for k in range(n):
        for _ in range(30):
            v = centroids[k] + (0.8 * centroids[toward] if k == leaner else 0.0) + 0.05 * rng.standard_normal(n + 1)
            docs.append(v / np.linalg.norm(v))
            labels.append(k)
    return cm.member_votes(np.array(docs), np.array(labels), centroids, moods, np.random.default_rng(0))

"""Two levels of themes: sub-themes (the clusters ``find_themes`` finds) grouped into top-level themes.

Top-level themes are groups of sub-themes whose centroids are close: scikit-learn's agglomerative
clustering (average linkage, cosine distance) of the sub-theme centroids, cut where two groups'
centroids are further apart than ``TOP_DISTANCE`` times the typical spread of a sub-theme (the median
over sub-themes of their members' mean cosine distance to their centroid), or than the closest 3%
of sub-theme pairs when that is further (``cut_distance``). Relative, because
corpora differ: GitHub issues' clusters all sit close together, app reviews' far apart; an absolute
cut that groups one sensibly merges the other into one theme (bench/RESULTS.md). The number of
top-level themes follows the data instead of a cap. Near-duplicate clusters ("hung / wait / phone"
and "counting / hold / minutes") are closer than their own members are to their centres and land
in one group.

A group of one sub-theme is a top-level theme by itself (no parent with a single child). Each
group of two or more gets its own centroid (the mean of its members' vectors), keywords
(c-TF-IDF over the groups), a label distinct among the top-level themes and quotes.
Deterministic: agglomerative clustering has no randomness; groups are numbered by size, then by
their smallest sub-theme index.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .topic_keywords import class_keywords

#: Sub-themes share a top-level theme while their (average-linkage) cosine distance is below this
#: many times the typical spread of a sub-theme (tuned on the labelled sets, bench/eval_themes.py).
TOP_DISTANCE = 0.8
#: ...or at least as close as this share of all pairs of sub-themes (the closest 3%).
CLOSEST_PAIRS = 0.03
#: Fewer sub-themes than this are not grouped ("a handful" needs no second level), and grouping
#: never leaves fewer top-level themes than this.
MIN_TOP = 5
#: Documents per group whose words make a top-level theme's keywords (a seeded sample).
KEYWORD_SAMPLE = 200


@dataclass
class TopTheme:
    """A top-level theme: ``children`` are indices into the sub-themes (one child: the sub-theme
    itself is the top-level theme and ``index`` equals that child's index)."""

    children: list[int]
    keywords: list[str]
    label: str
    centroid: np.ndarray
    size: int
    quotes: list[int] = field(default_factory=list)  # indices into the input documents

    @property
    def is_group(self) -> bool:
        return len(self.children) > 1


def typical_spread(labels: np.ndarray, similarity: np.ndarray, n_sub: int) -> float:
    """Median over sub-themes of their members' mean cosine distance to the sub-theme's centroid."""
    assigned = labels >= 0
    counts = np.bincount(labels[assigned], minlength=n_sub)
    sums = np.bincount(labels[assigned], weights=1.0 - similarity[assigned], minlength=n_sub)
    spread = sums[counts > 0] / counts[counts > 0]
    return float(np.median(spread)) if len(spread) else 0.0


def cut_distance(centroids: np.ndarray, labels: np.ndarray, similarity: np.ndarray,
                 distance: float = TOP_DISTANCE) -> float:
    """Where the grouping stops: ``distance`` x the typical spread, or the distance under which the
    closest ``CLOSEST_PAIRS`` of sub-theme pairs lie when that is larger (very tight clusters, such
    as templated texts, have almost no spread yet their closest pairs still belong together)."""
    n = len(centroids)
    relative = distance * typical_spread(labels, similarity, n)
    if n < 3:
        return relative
    from scipy.spatial.distance import pdist

    return max(relative, float(np.quantile(pdist(np.asarray(centroids, dtype=np.float64), "cosine"), CLOSEST_PAIRS)))


def group_subthemes(centroids: np.ndarray, sizes: Sequence[int], distance: float) -> np.ndarray:
    """Top-level group per sub-theme, cut at cosine ``distance`` (0 = the largest group by items,
    ties by first sub-theme)."""
    n = len(centroids)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    from sklearn.cluster import AgglomerativeClustering

    if n <= MIN_TOP:
        return np.arange(n, dtype=np.int64)
    x = np.asarray(centroids, dtype=np.float64)
    raw = AgglomerativeClustering(n_clusters=None, distance_threshold=distance, metric="cosine",
                                  linkage="average").fit_predict(x)
    if raw.max() + 1 < MIN_TOP:
        raw = AgglomerativeClustering(n_clusters=MIN_TOP, metric="cosine", linkage="average").fit_predict(x)
    sizes = np.asarray(sizes, dtype=np.int64)
    groups = sorted(set(raw.tolist()), key=lambda g: (-int(sizes[raw == g].sum()), int(np.flatnonzero(raw == g)[0])))
    order = {g: i for i, g in enumerate(groups)}
    return np.array([order[g] for g in raw], dtype=np.int64)


def label_siblings(groups: Sequence[Sequence[str]], centroids: np.ndarray, keywords: Sequence[Sequence[str]],
                   seed: int = 42, embed=None, words=None) -> list[str]:
    """Labels for themes shown side by side (``groups``: a sample of each one's member texts),
    distinct from each other: phrases from the members' own words (``theme_labels.phrase_labels``;
    ``embed`` maps phrases to vectors for the re-ranking, ``words`` the corpus's Chinese words)."""
    from .theme_labels import phrase_labels

    return phrase_labels([list(g) for g in groups], np.asarray(centroids), embed, [list(k) for k in keywords],
                         seed, words=words)


def sample_texts(docs: Sequence[str], labels: np.ndarray, k: int, rng: np.random.Generator,
                 limit: int = KEYWORD_SAMPLE) -> list[str]:
    """Up to ``limit`` member texts of theme ``k`` (a seeded sample, in document order)."""
    members = np.flatnonzero(labels == k)
    if len(members) > limit:
        members = np.sort(rng.choice(members, limit, replace=False))
    return [docs[i] for i in members]


def _group_centroids(sub_centroids: np.ndarray, labels: np.ndarray, similarity: np.ndarray, top_of: np.ndarray,
                     n_top: int) -> np.ndarray:
    """Unit mean vector of each group's members, from the sub-themes' centroids: the sum of a
    sub-theme's unit member vectors is its centroid times the sum of their similarities to it."""
    n_sub = len(sub_centroids)
    assigned = labels >= 0
    lengths = np.bincount(labels[assigned], weights=similarity[assigned], minlength=n_sub)
    sums = np.zeros((n_top, sub_centroids.shape[1]), dtype=np.float64)
    np.add.at(sums, top_of, sub_centroids.astype(np.float64) * lengths[:, None])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _similarity(embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray, chunk: int = 8192) -> np.ndarray:
    """Cosine similarity of each document to its group's centroid (0 when unassigned), in chunks
    (no copy of the whole embedding matrix at 100,000 items)."""
    out = np.zeros(len(labels), dtype=np.float32)
    for start in range(0, len(labels), chunk):
        part = labels[start:start + chunk]
        rows = np.flatnonzero(part >= 0)
        if len(rows):
            out[start + rows] = np.einsum("ij,ij->i", embeddings[start + rows], centroids[part[rows]])
    return out


def build_tree(docs: Sequence[str], embeddings: np.ndarray, labels: np.ndarray, sub_similarity: np.ndarray,
               sub_centroids: np.ndarray, sub_keywords: list[list[str]], sub_labels: list[str], *,
               distance: float = TOP_DISTANCE, seed: int = 42, n_keywords: int = 10,
               n_quotes: int = 5, embed=None, chinese_words=None) -> tuple[np.ndarray, list[TopTheme]]:
    """Group sub-themes into top-level themes; returns (top index per sub-theme, top-level themes).
    ``sub_labels`` (one per sub-theme) is filled with labels distinct among siblings.

    ``labels`` is the sub-theme per document (-1 unassigned). A group of one keeps its sub-theme's
    keywords; groups of several get c-TF-IDF keywords over a seeded sample of their documents.
    """
    from .topics import representative

    n_sub = len(sub_centroids)
    sizes = np.bincount(labels[labels >= 0], minlength=n_sub) if n_sub else np.zeros(0, np.int64)
    top_of = group_subthemes(sub_centroids, sizes, cut_distance(sub_centroids, labels, sub_similarity, distance))
    n_top = int(top_of.max()) + 1 if n_sub else 0
    top_labels = np.where(labels >= 0, top_of[np.maximum(labels, 0)], -1) if n_sub else labels
    rng = np.random.default_rng(seed)
    docs_by_top = [sample_texts(docs, top_labels, g, rng) for g in range(n_top)]
    group_keywords = class_keywords(docs_by_top, n_keywords) if n_top > 1 else [sub_keywords[0]] * n_top
    centroids = _group_centroids(sub_centroids, labels, sub_similarity, top_of, n_top)
    similarity = _similarity(embeddings, top_labels, centroids)
    tops: list[TopTheme] = []
    for g in range(n_top):
        children = [int(k) for k in np.flatnonzero(top_of == g)]
        words = sub_keywords[children[0]] if len(children) == 1 else (group_keywords[g] or sub_keywords[children[0]])
        quotes = representative(docs, embeddings, top_labels, similarity, g, n_quotes) if len(children) > 1 else []
        tops.append(TopTheme(children, list(words), "", centroids[g], int(sizes[children].sum()), quotes))
    for top, label in zip(tops, label_siblings(docs_by_top, centroids, [t.keywords for t in tops], seed, embed,
                                                     chinese_words)):
        top.label = label
    for top in tops:  # siblings get distinct labels; a sub-theme alone is its top-level theme
        if top.is_group:
            texts = [sample_texts(docs, labels, k, rng) for k in top.children]
            for k, label in zip(top.children, label_siblings(texts, sub_centroids[top.children],
                                                             [sub_keywords[k] for k in top.children], seed,
                                                             embed, chinese_words)):
                sub_labels[k] = label
        else:
            sub_labels[top.children[0]] = top.label
    return top_of, tops

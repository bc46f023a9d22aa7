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

BATCH = 2_000
MAX_CHARS = 2_000
#: the embedding model the heads were trained on
MODEL = "use-multilingual"


@lru_cache(maxsize=1)
def heads() -> Heads:
    return Heads.load(Path(str(resources.files("resources.classifier") / "heads.npz")))


class _Vectors:
    """Sentence vectors of items: those the caller holds, else the cache, else embedded and cached."""

    def __init__(self, conn: sqlite3.Connection, known: tuple[Any, Any] | None, cancel: CancelToken) -> None:
        self.conn, self.cancel = conn, cancel
        self.known: dict[int, int] = {}
        self.matrix: Any = None  # vectors of the ``known`` items, by row
        if known is not None:
            ids, matrix = known
            self.known = {int(i): k for k, i in enumerate(ids)}
            self.matrix = matrix
        self._rows: dict[int, str] | None = None  # item id -> embedded text, made when first needed

    def _docs(self, item_ids: list[int]) -> list[str]:
        """The texts the analysis embeds for these items (cleaned per source, redacted, cut), from one
        cleaning pass over all items the first time a vector is not known."""
        from analysis.text_clean import clean_corpus

        from .analysis import EMBED_CHARS, analysis_rows

        if self._rows is None:
            rows = analysis_rows(self.conn)
            self._rows = dict(zip((r[0] for r in rows), (d[:EMBED_CHARS] for d in clean_corpus([r[1:] for r in rows]))))
        return [self._rows[i] for i in item_ids]

    def get(self, item_ids: list[int]) -> Generator[Progress, None, np.ndarray]:
        dim = get_backend(MODEL).dim
        out = np.zeros((len(item_ids), dim), dtype=np.float32)
        todo = []
        for k, item in enumerate(item_ids):
            j = self.known.get(item)
            if j is None:
                todo.append(k)
            else:
                out[k] = self.matrix[j]
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
                rows = [(h, v.tobytes()) for h, v in zip(missing[start:start + len(vectors)], vectors)]
                with transaction(self.conn):
                    tq.store_vectors(self.conn, MODEL, backend.dim, rows)
                cached.update(rows)
                yield Progress("sentiment", start + len(vectors), len(missing), f"embedding {len(missing):,} texts")
        for k, h in zip(todo, hashes):
            out[k] = np.frombuffer(cached[h], dtype=np.float32)
        return out


def score_items(conn: sqlite3.Connection, cancel: CancelToken | None = None, batch: int = BATCH,
                known: tuple[Any, Any] | None = None) -> Generator[Progress, None, dict[str, Any]]:
    """Score every item that has no sentiment or type yet. ``known``: ``(item ids, vectors)`` of the
    analysis' model when that is MODEL (no vector is looked up twice). Returns
    {"scored": n, "counts": {method:label: n}, "types": {method:type: n}}."""
    cancel = cancel or CancelToken()
    total = fq.count_to_score(conn)
    done, last_id = 0, 0
    vectors = _Vectors(conn, known, cancel)
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
    return {"scored": done, "counts": fq.sentiment_counts(conn), "types": fq.type_counts(conn)}


def _body(title: str | None, text: str | None) -> str:
    return (f"{title}. {text}" if title and title != text else text or title or "")[:MAX_CHARS]


def _score_batch(rows: list[tuple[Any, ...]], vectors: _Vectors) -> Generator[Progress, None, list[tuple[Any, ...]]]:
    decided: list[list[Any]] = []
    need_model: list[int] = []
    for k, (item_id, title, text, rating, nps, csat, ces, row_hash, m_sent, m_type) in enumerate(rows):
        body = _body(title, text)
        label = normalise_sentiment(m_sent)
        if label is not None:
            s: sentiment.Sentiment | None = sentiment.Sentiment({"positive": 1.0, "neutral": 0.0, "negative": -1.0}[label],
                                                                label, "mapped")
        else:
            s = sentiment.from_scores(rating=rating, nps=nps, csat=csat, ces=ces)
        kind = normalise_type(m_type)
        t = (kind, 1.0, "mapped") if kind else None
        if not body.strip():
            s = s or sentiment.Sentiment(0.0, "neutral", "none")
            t = t or ("other", 0.0, "none")
        if s is None or t is None:
            need_model.append(k)
        decided.append([item_id, s, t, row_hash, body])
    if need_model:
        matrix = yield from vectors.get([rows[k][0] for k in need_model])
        for k, p in zip(need_model, heads().predict(matrix, [decided[k][4] for k in need_model])):
            if decided[k][1] is None:
                decided[k][1] = sentiment.Sentiment(p.score, p.sentiment, "model")
            if decided[k][2] is None:
                decided[k][2] = (p.feedback_type, p.type_confidence, "model")
    return [(item_id, s.score, s.label, s.method, row_hash, *t) for item_id, s, t, row_hash, _ in decided]

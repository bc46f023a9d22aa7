"""Sentiment of every item, cached in the workspace (``item_sentiment``); see analysis.sentiment.

A generator service: yields Progress per batch, honours the cancel token between batches and
commits each batch, so a cancelled run keeps what it scored and the next run goes on from there.
Items changed by a later import are scored again (their checksum differs).
"""
from __future__ import annotations

from typing import Generator

from analysis import sentiment
from ..domain import CancelToken, Progress
from ..store import metrics_queries as mq
from ..store.queries import transaction

BATCH = 2_000
MAX_CHARS = 2_000


def score_items(conn, cancel: CancelToken | None = None, batch: int = BATCH) -> Generator[Progress, None, dict]:
    """Score every item that has no sentiment yet; returns {"scored": n, "counts": {method:label: n}}."""
    cancel = cancel or CancelToken()
    total = mq.count_without_sentiment(conn)
    done, last_id = 0, 0
    yield Progress("sentiment", 0, total, "")
    while True:
        rows = mq.items_without_sentiment(conn, last_id, batch)
        if not rows:
            break
        out = []
        for item_id, title, text, rating, nps, csat, ces, row_hash in rows:
            body = (f"{title}. {text}" if title and title != text else text or "")[:MAX_CHARS]
            s = sentiment.item_sentiment(body, rating=rating, nps=nps, csat=csat, ces=ces)
            out.append((item_id, s.score, s.label, s.method, row_hash))
        with transaction(conn):
            mq.write_sentiments(conn, out)
        last_id = rows[-1][0]
        done += len(rows)
        cancel.raise_if_cancelled()
        yield Progress("sentiment", done, total, "")
    return {"scored": done, "counts": mq.sentiment_counts(conn)}

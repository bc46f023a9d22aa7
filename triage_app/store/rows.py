"""The stored form of an item row and its change checksum. Pure (no database, no SQL), so the
reader's process or thread can prepare rows while the importing process writes.

A prepared row is ``(external_id, values, status, row_hash, respondent external id, events, time of
the status, whether the importer mapped a status)``; ``values`` follow ``VALUE_COLUMNS``.
"""
from __future__ import annotations

import zlib
from typing import Any

import orjson

from ..domain import CLOSED_STATUSES, Item

_OPTS = orjson.OPT_NON_STR_KEYS
VALUE_COLUMNS = (
    "source", "created_at", "updated_at", "closed_at", "author", "author_is_bot", "question", "title", "text",
    "source_state", "labels", "link", "nps", "csat", "ces", "rating", "first_response_s", "attributes",
)
_CLOSED = frozenset(CLOSED_STATUSES)


def _default(value: object) -> str:
    return str(value)


def row_hash(values: tuple[Any, ...]) -> int:
    """A 63-bit checksum of a row's stored values: tells an updated row from an unchanged one.
    (CRC-32 and Adler-32 side by side: fast, and plenty for change detection; not for security.)"""
    data = orjson.dumps(values, default=_default, option=_OPTS)
    return (zlib.crc32(data) << 31) ^ zlib.adler32(data)


def row_hash_parts() -> tuple[Any, ...]:
    """``(dumps, default, option, crc32, adler32)``: ``row_hash`` and ``json_text`` are
    ``dumps(v, default, option)`` (``.decode()`` for the text) and ``(crc32(data) << 31) ^ adler32(data)``;
    for fast paths that inline them."""
    return orjson.dumps, _default, _OPTS, zlib.crc32, zlib.adler32


def json_text(value: object) -> str:
    """Labels and attributes as stored (JSON text)."""
    return orjson.dumps(value, default=_default, option=_OPTS).decode()


def prepare_item(item: Item) -> tuple[Any, ...]:
    """An item as the row it becomes, with its change checksum (see the module docstring)."""
    # None where the column default applies: fewer values to bind (see ImportWriter._insert_items).
    values = (
        item.source, item.created_at, item.updated_at, item.closed_at, item.author,
        1 if item.author_is_bot else None, item.question, item.title, item.text, item.source_state,
        json_text(item.labels) if item.labels else None, item.link, item.nps, item.csat, item.ces, item.rating,
        item.first_response_s, json_text(item.attributes) if item.attributes else None,
    )
    status = item.status or "new"
    # The source (often the file name) is left out: the same rows in a newer export under
    # another name are unchanged, and keep the source they first came from.
    hashed = values[1:] + (status, item.respondent)
    events = None
    if item.events:
        events = [(e.kind, e.created_at, e.author, 1 if e.author_is_bot else 0, e.author_association, e.body)
                  for e in item.events]
        hashed += (events,)
    # When the item reached this status, as far as the export tells (for status history).
    when = item.closed_at if status in _CLOSED and item.closed_at else (item.updated_at or item.created_at)
    return (item.external_id, values, status, row_hash(hashed), item.respondent, events, when, item.status is not None)


def unstorable(exc: Exception) -> str:
    """The reason given for a record holding a value the store refuses (e.g. a lone surrogate)."""
    return f"holds a value that cannot be stored ({exc})"

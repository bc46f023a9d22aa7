"""The stored form of an item row (``StoredRow``) and its change checksum: the record that crosses
from the importers (and the reader's process) to the store's writer. Pure (no database, no SQL), so
the reader's process or thread can prepare rows while the importing process writes.
"""
from __future__ import annotations

import zlib
from typing import Any, Iterable, NamedTuple, cast

import orjson

from .domain import CLOSED_STATUSES, Item

_OPTS = orjson.OPT_NON_STR_KEYS
VALUE_COLUMNS = (
    "source", "created_at", "updated_at", "closed_at", "author", "author_is_bot", "question", "title", "text",
    "source_state", "labels", "link", "nps", "csat", "ces", "rating", "first_response_s", "attributes",
)
#: one event as stored: (kind, created_at, author, author_is_bot 0/1, author_association, body)
EventRow = tuple[str, "str | None", "str | None", int, "str | None", "str | None"]


class StoredRow(NamedTuple):
    """An item as the row it becomes: the one definition of the stored row's fields and order.

    Built by name where rows are made one by one (``prepare_item``, the generic fast path's
    row-by-row branch). The generic fast path's column-wise branch zips plain tuples in this same
    field order, and rows cross from the reader's process as plain tuples (marshal cannot carry a
    tuple subclass, and rebuilding a million NamedTuples costs about a tenth of an import): so a
    consumer unpacks a row (``external_id, values, ... = row``), which both kinds allow, rather
    than reading attributes. tests/unit/test_import_fast_path.py compares the two paths' workspaces."""

    external_id: str
    values: tuple[Any, ...]  # in VALUE_COLUMNS order; None where the column default applies
    status: str  # the mapped workflow status ("new" when the importer mapped none)
    row_hash: int  # change checksum of everything but the source (see prepare_item)
    respondent: str | None  # external id of the survey response it belongs to
    events: list[EventRow] | None
    status_at: str | None  # when the item reached ``status``, as far as the file tells
    status_mapped: bool  # the importer mapped a status (a changed source state then changes it)


def as_stored_rows(rows: Iterable[tuple[Any, ...]]) -> list[StoredRow]:
    """Plain tuples in ``StoredRow``'s field order, as stored rows (no copy: see StoredRow)."""
    return cast("list[StoredRow]", rows if isinstance(rows, list) else list(rows))


def to_plain(rows: list[StoredRow]) -> list[tuple[Any, ...]]:
    """The rows as plain tuples, which marshal can carry (``tuple(t)`` of a plain tuple is ``t``)."""
    return list(map(tuple, rows))
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


def prepare_item(item: Item) -> StoredRow:
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
    hashed: tuple[Any, ...] = values[1:] + (status, item.respondent)
    events: list[EventRow] | None = None
    if item.events:
        events = [(e.kind, e.created_at, e.author, 1 if e.author_is_bot else 0, e.author_association, e.body)
                  for e in item.events]
        hashed += (events,)
    # When the item reached this status, as far as the export tells (for status history).
    when = item.closed_at if status in _CLOSED and item.closed_at else (item.updated_at or item.created_at)
    return StoredRow(item.external_id, values, status, row_hash(hashed), item.respondent, events, when,
                     item.status is not None)


def unstorable(exc: Exception) -> str:
    """The reason given for a record holding a value the store refuses (e.g. a lone surrogate)."""
    return f"holds a value that cannot be stored ({exc})"

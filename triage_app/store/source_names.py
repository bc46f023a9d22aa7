"""Sources named for people: what the app calls where an item came from.

Items of the generic importer are labelled by their ``source`` (the file name, a mapped source
column, or a name the user typed: ``--source-name``) instead of the word "generic"; items of any
other importer by their format (``github``, ``zendesk``), unless the user named that import's source.
Names the user typed are kept in ``meta`` (``named_sources``, a JSON list).
"""
from __future__ import annotations

import sqlite3

from . import meta

NAMED_KEY = "named_sources"

_NAMED = "(SELECT value FROM json_each(coalesce((SELECT value FROM meta WHERE key = 'named_sources'), '[]')))"


def label_sql(alias: str = "items") -> str:
    """SQL for an item's source label (``alias``: the items table's name in the query)."""
    return (f"(CASE WHEN {alias}.source_format = 'generic' OR {alias}.source IN {_NAMED}"
            f" THEN coalesce(nullif({alias}.source, ''), {alias}.source_format) ELSE {alias}.source_format END)")


def name_source(conn: sqlite3.Connection, import_id: int, name: str, met_again: set[int]) -> None:
    """Give the items of an import (those it stored and those it met again unchanged) ``name``."""
    names: list[str] = meta.get_json(conn, NAMED_KEY, [])
    if name not in names:
        meta.set_json(conn, NAMED_KEY, [*names, name])
    conn.execute("UPDATE items SET source = ? WHERE last_import_id = ? AND source IS NOT ?", (name, import_id, name))
    conn.executemany("UPDATE items SET source = ? WHERE id = ? AND source IS NOT ?", ((name, i, name) for i in met_again))

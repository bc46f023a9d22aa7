"""Writing one import: respondents, items, events and status changes, deduplicated.

Used only inside the import service's transaction. Items are keyed by (source_format,
external_id): re-importing the same or an overlapping export updates in place, never
duplicates. A change of the source's own state moves the workflow status and is kept in history;
a status set by the user is not undone by an import that does not change the source state.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from ..domain import Rejected, Respondent
from ..rows import VALUE_COLUMNS, StoredRow, json_text, row_hash
from .search import fts_prepare

_CHUNK = 900  # host parameters per IN (...) lookup, well under SQLite's limit


_SAFE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VALUE_COLUMNS = VALUE_COLUMNS
_STATE = _VALUE_COLUMNS.index("source_state")
_DEFAULTS = {"status": "new", "labels": "[]", "attributes": "{}", "author_is_bot": 0}
_INSERT_COLUMNS = ("external_id",) + _VALUE_COLUMNS + ("respondent_id", "status", "row_hash")
_hash, _dumps = row_hash, json_text


@dataclass
class WriteCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates_in_file: int = 0
    respondents: int = 0


def _chunks(seq: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


class ImportWriter:
    """Writes batches of records for one import (the caller owns the transaction)."""

    def __init__(self, conn: sqlite3.Connection, import_id: int, source_format: str):
        self.conn = conn
        self.import_id = import_id
        if not _SAFE_NAME.match(source_format):
            raise ValueError(f"importer name {source_format!r} is not a plain identifier")
        self.format = source_format
        self.counts = WriteCounts()
        self.now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._respondent_ids: dict[str, int] = {}
        self._matched: set[int] = set()  # existing items already met in this import
        self.matched_respondents: set[int] = set()
        self._start_max_id = conn.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
        self._min_updated_id = self._start_max_id + 1
        self._deferred_indexes: list[str] = []
        if self._start_max_id == 0:
            self._defer_secondary_indexes()
        self._fresh = conn.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM items WHERE source_format=?)", (source_format,)
        ).fetchone()[0] == 1

    # -- respondents -------------------------------------------------------------------------
    def _write_respondents(self, respondents: list[Respondent]) -> None:
        if not respondents:
            return
        latest: dict[str, tuple[Any, ...]] = {}
        for r in respondents:
            attrs = _dumps(r.attributes)
            values = (r.submitted_at, r.nps, r.csat, r.ces, r.rating, attrs)
            latest[r.external_id] = values + (_hash(values),)
        existing = self._lookup("respondents", "id, external_id, row_hash", list(latest))
        inserts, updates = [], []
        for ext, values in latest.items():
            row = existing.get(ext)
            if row is None:
                inserts.append((self.format, ext) + values + (self.import_id, self.import_id))
            else:
                self._respondent_ids[ext] = row[0]
                self.matched_respondents.add(row[0])
                if row[2] != values[-1]:
                    updates.append(values + (self.import_id, row[0]))
        self.conn.executemany(
            "INSERT INTO respondents (source_format, external_id, submitted_at, nps, csat, ces, rating,"
            " attributes, row_hash, first_import_id, last_import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            inserts,
        )
        self.conn.executemany(
            "UPDATE respondents SET submitted_at=?, nps=?, csat=?, ces=?, rating=?, attributes=?, row_hash=?,"
            " last_import_id=? WHERE id=?",
            updates,
        )
        if inserts:
            found = self._lookup("respondents", "id, external_id", [i[1] for i in inserts])
            for ext, row in found.items():
                self._respondent_ids[ext] = row[0]
        self.counts.respondents += len(latest)

    def _respondent_id(self, external_id: str | None) -> int | None:
        if external_id is None:
            return None
        rid = self._respondent_ids.get(external_id)
        if rid is None:
            row = self.conn.execute(
                "SELECT id FROM respondents WHERE source_format=? AND external_id=?", (self.format, external_id)
            ).fetchone()
            rid = row[0] if row else None
            if rid is not None:
                self._respondent_ids[external_id] = rid
        return rid

    # -- items -------------------------------------------------------------------------------
    def _lookup(self, table: str, columns: str, external_ids: list[str]) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks(external_ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {columns} FROM {table} WHERE source_format=? AND external_id IN ({marks})",
                [self.format, *chunk],
            ):
                found[row[1]] = row
        return found

    def write_prepared(self, respondents: list[Respondent], items: list[StoredRow]) -> None:
        """Write respondents, then items already turned into rows (``rows.prepare_item``)."""
        self._write_respondents(respondents)
        if len(self._respondent_ids) > 200_000:  # respondents come just before their items
            self._respondent_ids.clear()
        if not items:
            return
        latest: dict[str, StoredRow] = {}
        for prepared in items:
            external_id = prepared[0]  # a plain tuple or a StoredRow: read by position (see rows.StoredRow)
            if external_id in latest:
                self.counts.duplicates_in_file += 1
            latest[external_id] = prepared
        self._write_items(latest)

    def _write_items(self, latest: dict[str, StoredRow]) -> None:
        fresh = self._fresh
        if fresh:  # nothing of this format in the workspace yet: no lookups needed
            existing = {}
        else:
            existing = self._lookup(
                "items", "id, external_id, row_hash, status, source_state, last_import_id", list(latest)
            )
        inserts, updates, new_events, history, reindex = [], [], [], [], []
        for ext, (_, values, status, row_hash, respondent, events, status_at, status_mapped) in latest.items():
            respondent_id = self._respondent_id(respondent) if respondent is not None else None
            row = existing.get(ext)
            if row is None:
                inserts.append((ext,) + values + (respondent_id, None if status == "new" else status, row_hash))
                if status != "new":
                    history.append((ext, None, status, status_at or self.now))
                self.counts.added += 1
                if events:
                    new_events.append((ext, events))
                continue
            item_id, _, old_hash, old_status, old_state, old_last_import = row
            seen_before = old_last_import == self.import_id or item_id in self._matched
            if seen_before:
                self.counts.duplicates_in_file += 1
            else:
                self._matched.add(item_id)
            if old_hash == row_hash:
                if not seen_before:
                    self.counts.unchanged += 1
                continue
            new_status = old_status
            if values[_STATE] != old_state and status_mapped:
                new_status = status
                history.append((ext, old_status, new_status, status_at or self.now))
            updates.append(values + (respondent_id, new_status, row_hash, self.import_id, item_id))
            self._min_updated_id = min(self._min_updated_id, item_id)
            if old_last_import != self.import_id:
                reindex.append(item_id)  # indexed by an earlier import: take its old entry out
            self.conn.execute("DELETE FROM events WHERE item_id=?", (item_id,))
            if events:
                new_events.append((ext, events))
            if not seen_before:
                self.counts.updated += 1
        self._remove_from_search(reindex)
        if fresh:
            max_id = self.conn.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
            before = self.conn.total_changes
        self._insert_items(inserts, on_conflict_ignore=fresh)
        if fresh and self.conn.total_changes - before != len(inserts):
            # Some ids came in an earlier batch of this same file: take those rows the slow way.
            found = self._lookup("items", "id, external_id", list(latest))
            repeats = {ext for ext, row in found.items() if row[0] <= max_id}
            self.counts.added -= len(repeats)
            new_events = [e for e in new_events if e[0] not in repeats]
            history = [h for h in history if h[0] not in repeats]
            self._fresh = False
            self._write_items({ext: latest[ext] for ext in repeats})
        self.conn.executemany(
            "UPDATE items SET source=coalesce(source, ?), created_at=?, updated_at=?, closed_at=?, author=?,"
            " author_is_bot=coalesce(?, 0), question=?, title=?, text=?, source_state=?,"
            " labels=coalesce(?, '[]'), link=?, nps=?, csat=?, ces=?, rating=?, first_response_s=?,"
            " attributes=coalesce(?, '{}'), respondent_id=?, status=?, row_hash=?,"
            " last_import_id=? WHERE id=?",
            updates,
        )
        if new_events or history:
            self._write_events_and_history(new_events, history)

    @property
    def matched_items(self) -> set[int]:
        """Ids of the items already in the workspace that this import met again."""
        return self._matched

    def _insert_items(self, rows: list[tuple[Any, ...]], on_conflict_ignore: bool) -> None:
        """Insert new items, binding only the columns this batch uses (binding is most of the cost)."""
        if not rows:
            return
        columns = list(zip(*rows))  # column-wise, in C: finding unused columns costs little
        used = [i for i, values in enumerate(columns) if values.count(None) != len(values)]
        for i in used:  # a used NOT NULL column: where this batch left it out, write its default
            default = _DEFAULTS.get(_INSERT_COLUMNS[i])
            if default is not None and None in columns[i]:
                columns[i] = tuple(default if v is None else v for v in columns[i])
        names = ", ".join(_INSERT_COLUMNS[i] for i in used)
        marks = ", ".join("?" * len(used))
        # The constant columns are our own identifiers and integers, never user text.
        sql = (f"INSERT INTO items (source_format, first_import_id, last_import_id, {names})"
               f" VALUES ('{self.format}', {int(self.import_id)}, {int(self.import_id)}, {marks})")
        if on_conflict_ignore:
            sql += " ON CONFLICT (source_format, external_id) DO NOTHING"
        self.conn.executemany(sql, zip(*(columns[i] for i in used)))

    def _write_events_and_history(self, new_events: list[Any], history: list[Any]) -> None:
        ids = self._lookup("items", "id, external_id", list({e[0] for e in new_events} | {h[0] for h in history}))
        rows = [(ids[ext][0],) + event for ext, events in new_events for event in events]
        self.conn.executemany(
            "INSERT INTO events (item_id, kind, created_at, author, author_is_bot, author_association, body)"
            " VALUES (?,?,?,?,?,?,?)",
            rows,
        )
        self.conn.executemany(
            "INSERT INTO status_history (item_id, old_status, new_status, changed_at, origin, import_id)"
            " VALUES (?,?,?,?, 'import', ?)",
            [(ids[ext][0], old, new, when, self.import_id) for ext, old, new, when in history],
        )

    def _defer_secondary_indexes(self) -> None:
        """Into an empty workspace, a bulk load is faster without secondary indexes: drop them
        (inside this import's transaction) and build them again in ``finish_indexes``."""
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='items' AND sql IS NOT NULL"
        ).fetchall()
        for name, sql in rows:
            self.conn.execute(f'DROP INDEX "{name}"')
            self._deferred_indexes.append(sql)

    def finish_indexes(self) -> None:
        for sql in self._deferred_indexes:
            self.conn.execute(sql)
        self._deferred_indexes = []

    def _remove_from_search(self, item_ids: list[int]) -> None:
        """Contentless FTS5 deletes need the values as indexed: read them before the update."""
        for chunk in _chunks(item_ids):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id, title, text FROM items WHERE id IN ({marks})", chunk).fetchall()
            self.conn.executemany(
                "INSERT INTO items_fts (items_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                [(r[0], fts_prepare(r[1]), fts_prepare(r[2])) for r in rows],
            )

    def write_rejected(self, rejected: list[Rejected]) -> None:
        self.conn.executemany(
            "INSERT INTO rejected_rows (import_id, row, column_name, reason) VALUES (?,?,?,?)",
            [(self.import_id, r.row, r.column, r.reason) for r in rejected],
        )

    def index_for_search(self, batch_size: int = 20_000) -> Iterator[tuple[int, int]]:
        """Add the items this import added or changed to the full-text index; yields (done, total)."""
        total = self.counts.added + self.counts.updated
        done = 0
        yield 0, total  # the rows have landed: what follows is index building
        self.finish_indexes()
        last_id = min(self._start_max_id, self._min_updated_id - 1)  # nothing below was touched
        while True:
            rows = self.conn.execute(
                "SELECT id, title, text FROM items WHERE id>? AND last_import_id=? ORDER BY id LIMIT ?",
                (last_id, self.import_id, batch_size),
            ).fetchall()
            if not rows:
                break
            last_id, count = rows[-1][0], len(rows)
            prepared = [(r[0], fts_prepare(r[1]), fts_prepare(r[2])) for r in rows]
            del rows  # a huge text would otherwise be held twice (as read and as indexed)
            self.conn.executemany("INSERT INTO items_fts (rowid, title, text) VALUES (?,?,?)", prepared)
            del prepared
            done += count
            yield done, total

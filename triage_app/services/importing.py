"""The import pipeline: file -> importer -> one transaction in the store.

``import_file`` is a generator: every ``yield`` is a ``Progress`` (for a progress bar) and the
cancel token is checked between batches. Its return value (``StopIteration.value``) is the
``ImportResult``; ``run_import`` drives it for callers that do not need progress.
"""
from __future__ import annotations

import gc
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Generator, Iterator

from ..domain import CancelToken, Cancelled, ImportFailure, Progress, Rejected, Respondent, drive
from ..importers import choose_importer
from ..importers.base import Importer
from ..importers.slack import export_entry
from ..importers.source import ImportOptions, SourceFile
from ..rows import StoredRow
from ..store import Workspace, queries, replace_queries, source_names
from ..store.disk import disk_full_message, is_disk_full
from ..store.writer import ImportWriter
from .privacy import redact_import
from .reading import Chunk, read_chunks
from .status import apply_mapping

BATCH = 5_000
MAX_STORED_REJECTS = 100_000


@dataclass
class ImportResult:
    file: str
    format: str
    encoding: str | None
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    respondents: int = 0
    duplicates_in_file: int = 0
    import_id: int | None = None
    seconds: float = 0.0
    rejected_rows: list[dict[str, Any]] = field(default_factory=list)  # the first few, for the summary
    #: rows left out on purpose, counted by reason ("pull requests", "non-answers", "empty texts"...)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: items (and respondents) an earlier import of the same file stored that this one replaced
    replaced: int = 0
    replaced_respondents: int = 0
    replaced_imports: list[int] = field(default_factory=list)
    source_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _estimate_rows(source: SourceFile) -> int | None:
    """Rows in a table, estimated from the size of the first rows (for the progress bar). Uses the
    preview rows when detection already read them; otherwise the line breaks in the file's head,
    rather than parsing rows here while the reader parses the same file (a huge first field would
    then be held twice)."""
    if source.kind != "csv":
        return None
    preview = source.__dict__.get("preview_rows")
    if preview is None:
        head = source.head
        lines = head.count(b"\n")
        return max(1, int(source.size * lines / len(head)) - 1) if lines >= 2 and head else None
    sample_chars = sum(sum(len(c) + 1 for c in row) for row in preview)
    if not preview or sample_chars == 0:
        return None
    bytes_per_char = max(1.0, len(source.head) / max(1, len(source.text_head)))
    return max(len(preview), int(source.size / (sample_chars * bytes_per_char / len(preview))))


_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, int, int] | None = None


@contextmanager
def _rare_collections() -> Iterator[None]:
    """While imports run, the cyclic garbage collector runs rarely: a bulk import allocates
    millions of short-lived row tuples, and every default young-generation pass (each 700
    allocations) would rescan the chunk in hand. The previous thresholds come back afterwards."""
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], 50_000), *_gc_saved[1:])
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)


def import_file(ws: Workspace, path: str | Path, options: ImportOptions | None = None,
                cancel: CancelToken | None = None) -> Generator[Progress, None, ImportResult]:
    """Import one file in one transaction. Raises ImportFailure (nothing written) or Cancelled.
    (A huge field's memory goes back to the OS in processes set up by ``triage_app.process``.)"""
    with _rare_collections():
        return (yield from _import_file(ws, path, options, cancel))


def _import_file(ws: Workspace, path: str | Path, options: ImportOptions | None,
                 cancel: CancelToken | None) -> Generator[Progress, None, ImportResult]:
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    if Path(path).is_dir():  # an unpacked export that is a folder (Slack): import its entry file
        entry = export_entry(path)
        if entry is None:
            raise ImportFailure(str(path), "is a folder, not an export file (a Slack export folder holds channels.json)")
        path = entry
    source = SourceFile(path, options)
    source.check_encoding_certain()
    importer = choose_importer(source)
    yield Progress("reading", 0, None, f"{source.name}: {importer.label}")
    # A large file's reader process starts now: its start-up overlaps hashing the file.
    chunks = read_chunks(source, importer.name, BATCH)
    try:
        return (yield from _import_chunks(ws, source, importer, chunks, cancel, started))
    finally:
        chunks.close()


def _import_chunks(ws: Workspace, source: SourceFile, importer: Importer, chunks: Iterator[Chunk], cancel: CancelToken,
                   started: float) -> Generator[Progress, None, ImportResult]:
    content_hash = source.content_hash()
    estimate = _estimate_rows(source)
    result = ImportResult(file=str(source.path), format=importer.name, encoding=source.encoding if source.kind in ("csv", "jsonl") else None)
    conn = ws.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        import_id = queries.create_import(
            conn, file_name=source.name, file_path=str(source.path.resolve()), format=importer.name,
            encoding=result.encoding, content_hash=content_hash, size_bytes=source.size,
            options={k: v for k, v in asdict(source.options).items() if v},
        )
        writer = ImportWriter(conn, import_id, importer.name)
        respondents: list[Respondent] = []
        items: list[StoredRow] = []
        rejected: list[Rejected] = []
        seen = 0
        rows_read = None
        for chunk in chunks:
            for note in chunk.notes:
                if note.kind == "rows_read":
                    rows_read = note.count
                elif note.key not in result.warnings:
                    result.warnings.append(note.key)
            respondents += chunk.respondents
            items += chunk.items
            for record in chunk.rejected:
                rejected.append(record)
                if len(result.rejected_rows) < 20:
                    result.rejected_rows.append({"row": record.row, "column": record.column, "reason": record.reason})
            for reason, count in chunk.skipped.items():
                result.skipped[reason] = result.skipped.get(reason, 0) + count
            seen += chunk.records
            if len(items) + len(respondents) >= BATCH:
                writer.write_prepared(respondents, items)
                respondents, items = [], []
            if len(rejected) >= BATCH:
                writer.write_rejected(rejected[: max(0, MAX_STORED_REJECTS - result.rejected)])
                result.rejected += len(rejected)
                rejected = []
            cancel.raise_if_cancelled()
            yield Progress("importing", seen, max(estimate, seen) if estimate else None, source.name)
        writer.write_prepared(respondents, items)
        respondents = items = chunk = None  # type: ignore[assignment]  # noqa: F841 - a huge text is not held while indexing
        writer.write_rejected(rejected[: max(0, MAX_STORED_REJECTS - result.rejected)])
        result.rejected += len(rejected)
        if writer.counts.added + writer.counts.updated + writer.counts.unchanged + writer.counts.respondents == 0:
            if result.rejected:
                first = result.rejected_rows[0]
                raise ImportFailure(str(source.path), f"no row could be read; first problem: {first['reason']}", first["row"])
            if result.skipped:
                counts = ", ".join(f"{n:,} {reason}" for reason, n in result.skipped.items())
                raise ImportFailure(str(source.path), f"holds no feedback: every record was skipped ({counts})")
            raise ImportFailure(str(source.path), f"holds no feedback that the {importer.name} format can read")
        if writer.counts.respondents and not (writer.counts.added + writer.counts.updated + writer.counts.unchanged):
            result.warnings.append(f"no free-text question found: {writer.counts.respondents:,} respondents kept "
                                   "as segments only")
        if rows_read is not None:
            replace_queries.record_rows_read(conn, import_id, rows_read)
        earlier = replace_queries.earlier_imports_of(conn, import_id, source.name, content_hash, rows_read)
        if earlier:
            result.replaced, result.replaced_respondents = replace_queries.remove_unmatched(
                conn, earlier, writer.matched_items, writer.matched_respondents)
            result.replaced_imports = earlier
        name = (source.options.source_name or "").strip()
        if name:
            source_names.name_source(conn, import_id, name, writer.matched_items)
            result.source_name = name
        cancel.raise_if_cancelled()
        for done, total in redact_import(conn, import_id):  # only when the user chose to redact stored text
            cancel.raise_if_cancelled()
            yield Progress("redacting", done, total, "personal data")
        for done, total in writer.index_for_search():
            cancel.raise_if_cancelled()
            yield Progress("indexing", done, total, "full-text index")
        written = writer.counts
        result.added, result.updated, result.unchanged = written.added, written.updated, written.unchanged
        result.respondents, result.duplicates_in_file = written.respondents, written.duplicates_in_file
        result.import_id = import_id
        queries.finish_import(conn, import_id, added=written.added, updated=written.updated, unchanged=written.unchanged,
                              rejected=result.rejected, respondents=written.respondents)
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:  # after a full disk SQLite may have rolled back already
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the error that matters is ``exc``
        if isinstance(exc, (ImportFailure, Cancelled, KeyboardInterrupt, GeneratorExit)):
            raise
        if is_disk_full(exc):
            # the rows, their search index and the journal take roughly twice the file's size
            message = disk_full_message(ws.path, 2 * source.size + (1 << 20), "this import")
            raise ImportFailure(str(source.path), f"could not be imported: {message}; nothing was imported and "
                                "the workspace is as it was") from exc
        raise ImportFailure(str(source.path), f"could not be imported ({type(exc).__name__}: {exc})") from exc
    # The import has landed; these tidy up after it in transactions of their own.
    queries.refresh_planner_statistics(conn)
    apply_mapping(conn)  # the workspace's own source-state mapping, where the user edited it
    result.seconds = round(time.perf_counter() - started, 3)
    yield Progress("done", 1, 1, source.name)
    return result


def run_import(ws: Workspace, path: str | Path, options: ImportOptions | None = None,
               cancel: CancelToken | None = None,
               on_progress: Callable[[Progress], None] | None = None) -> ImportResult:
    """Drive ``import_file`` to the end and return its result."""
    return drive(import_file(ws, path, options, cancel), on_progress)

"""Reading a file into write-ready chunks, off the writer's thread.

Parsing is pure Python and holds the GIL, so for large files it runs in a separate process
(spawned, so it is safe beside Qt's threads) while the importing process writes the previous chunk;
small files use a thread (no process start-up cost). Both yield the same ``Chunk``s.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass, field
from typing import Iterator

from ..domain import ImportFailure, Item, Rejected, Respondent
from ..importers import get_importer
from ..importers.source import ImportOptions, SourceFile
from ..store.writer import prepare_item

#: files at least this large are parsed in a separate process
PROCESS_THRESHOLD_BYTES = 32 << 20


@dataclass
class Chunk:
    respondents: list[Respondent] = field(default_factory=list)
    items: list[tuple] = field(default_factory=list)  # rows from store.writer.prepare_item
    rejected: list[Rejected] = field(default_factory=list)
    records: int = 0


def parse_chunks(source: SourceFile, importer_name: str, size: int) -> Iterator[Chunk]:
    """The importer's records, validated and prepared, in chunks of about ``size`` records."""
    importer = get_importer(importer_name)
    chunk = Chunk()
    respondents, items, rejected = chunk.respondents, chunk.items, chunk.rejected
    count = 0
    for record in importer.read(source):
        count += 1
        kind = type(record)
        if kind is Item:
            if record.external_id and (record.text or record.title):
                try:
                    prepared = prepare_item(record)
                    (str(record.external_id) + (record.source or "")).encode("utf-8")  # not in the checksum
                    items.append(prepared)
                except (TypeError, ValueError) as exc:  # e.g. a lone surrogate from a JSON "\ud800" escape
                    rejected.append(Rejected(record.row, f"holds a value that cannot be stored ({exc})"))
            else:
                rejected.append(Rejected(record.row, "no id or no text"))
        elif kind is Respondent:
            respondents.append(record)
        else:
            rejected.append(record)
        if count >= size:
            chunk.records = count
            yield chunk
            chunk = Chunk()
            respondents, items, rejected = chunk.respondents, chunk.items, chunk.rejected
            count = 0
    chunk.records = count
    yield chunk


_END = "end"


def _produce(chunks: Iterator[Chunk], put, stopped) -> None:
    try:
        for chunk in chunks:
            put(("chunk", chunk))
            if stopped():
                return
        put((_END, None))
    except ImportFailure as exc:
        put(("failure", (exc.path, exc.reason, exc.row)))
    except BaseException as exc:  # reported in the importing thread
        put(("error", f"{type(exc).__name__}: {exc}"))


def _child(path: str, options: ImportOptions, importer_name: str, size: int, out) -> None:
    try:
        source = SourceFile(path, options)
    except ImportFailure as exc:
        out.put(("failure", (exc.path, exc.reason, exc.row)))
        return
    _produce(parse_chunks(source, importer_name, size), out.put, lambda: False)


def _receive(get) -> Iterator[Chunk]:
    while True:
        kind, payload = get()
        if kind == "chunk":
            yield payload
        elif kind == _END:
            return
        elif kind == "failure":
            raise ImportFailure(*payload)
        else:
            raise RuntimeError(payload)


def read_chunks(source: SourceFile, importer_name: str, size: int = 5_000, depth: int = 4) -> Iterator[Chunk]:
    """Chunks of the file, parsed ahead in a thread (small files) or a process (large ones)."""
    if source.size >= PROCESS_THRESHOLD_BYTES:
        yield from _in_process(source, importer_name, size, depth)
    else:
        yield from _in_thread(source, importer_name, size, depth)


def _in_thread(source: SourceFile, importer_name: str, size: int, depth: int) -> Iterator[Chunk]:
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    chunks = parse_chunks(source, importer_name, size)
    thread = threading.Thread(target=_produce, args=(chunks, q.put, stop.is_set), name="import-reader", daemon=True)
    thread.start()
    try:
        yield from _receive(q.get)
    finally:
        stop.set()
        while thread.is_alive():  # unblock a reader waiting on a full queue
            try:
                q.get(timeout=0.05)
            except queue.Empty:
                pass
        chunks.close()


def _in_process(source: SourceFile, importer_name: str, size: int, depth: int) -> Iterator[Chunk]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue(maxsize=depth)
    child = ctx.Process(target=_child, args=(str(source.path), source.options, importer_name, size, q),
                        name="import-reader", daemon=True)
    child.start()

    def get():
        while True:
            try:
                return q.get(timeout=1.0)
            except queue.Empty:
                if not child.is_alive():
                    raise ImportFailure(str(source.path), f"the reader process stopped unexpectedly (exit code {child.exitcode})")

    try:
        yield from _receive(get)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        q.close()

"""Reading a file into write-ready chunks, off the writer's thread.

Parsing is pure Python and holds the GIL, so for large files it runs in a separate process
(spawned, so it is safe beside Qt's threads) while the importing process writes the previous chunk;
small files use a thread (no process start-up cost). Both yield the same ``Chunk``s.

The reader process dies with its parent (issue 16): it writes to a pipe, so a write after the
parent is gone fails (pipe EOF) and it exits; on Linux it also asks for SIGKILL when its parent
dies (prctl PR_SET_PDEATHSIG), which covers a reader busy parsing one huge record. A pipe, unlike a
multiprocessing.Queue, needs no semaphore, and the resource tracker that spawning starts is stopped
when the import ends if the import started it.
"""
from __future__ import annotations

import ctypes
import gc
import marshal
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Generator, Iterator, cast

from ..domain import EncodingUncertain, ImportFailure, Item, Note, Rejected, Respondent, Skipped
from ..importers import get_importer
from ..importers.source import ImportOptions, SourceFile
from ..process import return_large_blocks
from ..rows import StoredRow, as_stored_rows, prepare_item, to_plain, unstorable

#: files at least this large are parsed in a separate process
PROCESS_THRESHOLD_BYTES = 32 << 20
#: use importers' ``read_prepared`` fast paths (False: always the general ``read``; for tests)
FAST_PATHS = True


@dataclass
class Chunk:
    respondents: list[Respondent] = field(default_factory=list)
    items: list[StoredRow] = field(default_factory=list)  # plain tuples after crossing from the reader's process
    rejected: list[Rejected] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count (not feedback, not errors)
    records: int = 0
    notes: list[Note] = field(default_factory=list)  # warnings, rows read


def parse_chunks(source: SourceFile, importer_name: str, size: int, fast: bool = True) -> Generator[Chunk, None, None]:
    """The importer's records, validated and prepared, in chunks of about ``size`` records.
    ``fast``: use the importer's ``read_prepared`` path where it has one (same result)."""
    importer = get_importer(importer_name)
    stream = importer.read_prepared(source) if fast else None
    if stream is None:
        stream = _prepared(importer.read(source))
    yield from _chunks(stream, size, source)


def _prepared(records: Iterator[Any]) -> Iterator[Any]:
    """``read``'s records as ``read_prepared`` gives them: each Item as its stored row, or a Rejected."""
    for record in records:
        if type(record) is not Item:
            yield record
        elif not (record.external_id and (record.text or record.title)):
            yield Rejected(record.row, "no id or no text")
        else:
            try:
                prepared = prepare_item(record)
                (str(record.external_id) + (record.source or "")).encode("utf-8")  # not in the checksum
            except (TypeError, ValueError) as exc:  # e.g. a lone surrogate from a JSON "\ud800" escape
                yield Rejected(record.row, unstorable(exc))
                continue
            yield prepared


def _with_problems(chunk: Chunk, source: SourceFile | None) -> Chunk:
    """The chunk with what reading the file found beside its rows so far (rows that did not
    decode, warnings): see ``SourceFile.drain``."""
    if source is not None and (source.row_problems or source.notes):
        for record in source.drain():
            (chunk.notes if type(record) is Note else chunk.rejected).append(record)
    return chunk


def _chunks(records: Iterator[Any], size: int, source: SourceFile | None = None) -> Iterator[Chunk]:
    """Chunks of a ``read_prepared`` stream: stored item rows, respondents, rejects."""
    chunk = Chunk()
    items_append, respondents, rejected = chunk.items.append, chunk.respondents, chunk.rejected
    count = 0
    for record in records:
        count += 1
        kind = type(record)
        if kind is tuple or kind is StoredRow:  # a stored row (plain from the column-wise fast path)
            items_append(record)
        elif kind is Respondent:
            respondents.append(record)
        elif kind is Skipped:
            chunk.skipped[record.reason] = chunk.skipped.get(record.reason, 0) + 1
        elif kind is Note:
            chunk.notes.append(record)
        else:
            rejected.append(record)
        if count >= size:
            chunk.records = count
            yield _with_problems(chunk, source)
            chunk = Chunk()
            items_append, respondents, rejected = chunk.items.append, chunk.respondents, chunk.rejected
            count = 0
    chunk.records = count
    yield _with_problems(chunk, source)


_END = "end"


def _produce(chunks: Iterator[Any], put: Callable[[Any], None], stopped: Callable[[], bool]) -> None:
    try:
        for chunk in chunks:
            put(("chunk", chunk))
            if stopped():
                return
        put((_END, None))
    except EncodingUncertain as exc:
        put(("uncertain", (exc.path, exc.reason, exc.candidates, exc.row)))
    except ImportFailure as exc:
        put(("failure", (exc.path, exc.reason, exc.row)))
    except BaseException as exc:  # reported in the importing thread
        put(("error", f"{type(exc).__name__}: {exc}"))


def _die_with_parent(parent_pid: int) -> None:
    """Linux: SIGKILL this process when its parent dies (elsewhere the pipe's EOF ends it)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _child(path: str, options: ImportOptions, importer_name: str, size: int, fast: bool, out: Any,
           parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    return_large_blocks()
    # This process only parses: rows are short-lived or handed on, so the cyclic collector
    # (which would rescan every chunk held) runs rarely.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        try:
            source = SourceFile(path, options)
        except ImportFailure as exc:
            out.send(("failure", (exc.path, exc.reason, exc.row)))
            return
        _produce(_packed(parse_chunks(source, importer_name, size, fast)), out.send, lambda: False)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        os._exit(1)  # the importing process is gone (or closed the pipe): nothing to read for


def _packed(chunks: Iterator[Chunk]) -> Iterator[Chunk]:
    """Chunks whose item rows travel as one marshal blob: rows hold only str, int, float, None,
    tuples and lists, and marshal handles those for about half what pickle costs to write."""
    for chunk in chunks:
        try:
            chunk.items = marshal.dumps(to_plain(chunk.items))  # type: ignore[assignment]
        except ValueError:  # a value marshal cannot carry: pickle takes the list as it is
            pass
        yield chunk


def _unpacked(chunk: Chunk) -> Chunk:
    if isinstance(chunk.items, bytes):
        chunk.items = as_stored_rows(marshal.loads(chunk.items))
    return chunk


def _receive(get: Callable[[], tuple[str, Any]]) -> Iterator[Chunk]:
    while True:
        kind, payload = get()
        if kind == "chunk":
            yield payload
        elif kind == _END:
            return
        elif kind == "failure":
            raise ImportFailure(*payload)
        elif kind == "uncertain":
            raise _uncertain(*payload)
        else:
            raise RuntimeError(payload)


def _uncertain(path: str, reason: str, candidates: list[Any], row: int | None) -> EncodingUncertain:
    exc = EncodingUncertain(path, "", candidates, row)
    exc.reason = reason  # already with the candidates named
    exc.args = (f"{path}" + (f", row {row}" if row is not None else "") + f": {reason}",)
    return exc


def read_chunks(source: SourceFile, importer_name: str, size: int = 5_000,
                depth: int = 4) -> Generator[Chunk, None, None]:
    """Chunks of the file, parsed ahead in a thread (small files) or a process (large ones).
    A process starts at once, so that its start-up overlaps the caller's own preparations;
    ``close()`` the generator when done with it (it stops the reader)."""
    if source.size >= PROCESS_THRESHOLD_BYTES:
        chunks = _in_process(source, importer_name, size, depth)
        next(chunks)  # runs up to the first yield (None): the process is starting
        return cast(Generator[Chunk, None, None], chunks)  # chunks only from here on
    return _in_thread(source, importer_name, size, depth)


def _in_thread(source: SourceFile, importer_name: str, size: int, depth: int) -> Generator[Chunk, None, None]:
    q: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    chunks = parse_chunks(source, importer_name, size, FAST_PATHS)
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


def _tracker_running() -> bool:
    from multiprocessing import resource_tracker

    return getattr(resource_tracker._resource_tracker, "_fd", None) is not None


def _stop_tracker() -> None:
    """Stop multiprocessing's resource tracker (started by spawning the reader; nothing of ours
    is registered with it, since a pipe needs no semaphore) so no process outlives the import."""
    from multiprocessing import resource_tracker

    if mp.active_children():
        return
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        try:
            stop()
        except (OSError, ChildProcessError):
            pass


def _in_process(source: SourceFile, importer_name: str, size: int, depth: int) -> Generator[Chunk | None, None, None]:
    ctx = mp.get_context("spawn")
    tracker_was_running = _tracker_running()
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(str(source.path), source.options, importer_name, size, FAST_PATHS,
                                             writer, os.getpid()), name="import-reader", daemon=True)
    child.start()
    writer.close()  # the child holds the only writing end: its exit is our EOF
    q: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def pump() -> None:  # pipe -> bounded queue, so the reader parses up to ``depth`` chunks ahead
        try:
            while not stop.is_set():
                message = reader.recv()
                while not stop.is_set():
                    try:
                        q.put(message, timeout=0.1)
                        break
                    except queue.Full:
                        pass
                if message[0] != "chunk":
                    return
        except (EOFError, OSError):
            try:
                q.put(("eof", None), timeout=0 if stop.is_set() else 5)
            except queue.Full:
                pass

    thread = threading.Thread(target=pump, name="import-reader-pipe", daemon=True)
    thread.start()

    def get() -> tuple[str, Any]:
        kind, payload = q.get()
        if kind == "eof":
            child.join(timeout=5)
            raise ImportFailure(str(source.path), f"the reader process stopped unexpectedly (exit code {child.exitcode})")
        return kind, (_unpacked(payload) if kind == "chunk" else payload)

    try:
        yield None  # started (see read_chunks)
        yield from _receive(get)
    finally:
        stop.set()
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        thread.join(timeout=5)
        reader.close()
        if not tracker_was_running:
            _stop_tracker()

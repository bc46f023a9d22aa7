"""A file being imported: what kind it is, its encoding, and streaming access to its rows or objects.

``SourceFile`` is built once per file; importers sniff it (cheap: the first rows or objects are
cached) and then stream it. Nothing here holds a whole file in memory.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import Iterator

from ..domain import EncodingUncertain, ImportFailure, Note, Rejected
from ..parquet_support import PARQUET_MAGIC, iter_parquet_rows
from . import validate
from .json_depth import MAX_DEPTH, MAX_STRING_BYTES, DepthGuard, TooDeep, TooLong, check_depth, too_long_message
from .encoding import SAMPLE_BYTES, EncodingGuess, check_encoding, detect_encoding, rank_encodings

SAMPLE_CHARS = 1 << 16  # detection samples and preview rows keep this much of each text
csv.field_size_limit(MAX_STRING_BYTES)  # issue bodies exceed the 128 KiB default; the limit of one field

MAX_XLSX_UNCOMPRESSED = 2 << 30  # refuse zip bombs
WRAPPED_LOAD_BYTES = 16 << 20  # a JSON object wrapping the records is loaded whole up to this size
MAX_ZIP_RATIO = 200
PREVIEW_ROWS = 50
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL_BYTES = [bytes([c]) for c in range(32) if c not in (9, 10, 13)]


@dataclass
class ImportOptions:
    """What the user can override: format, encoding, delimiter, column mapping, time zone."""

    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # field -> column header
    timezone: str | None = None  # for times without a zone; default UTC
    dayfirst: bool | None = None
    source_name: str | None = None  # what people call this source ("Support desk"); shown instead of "generic"


def _cell_to_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SourceFile:
    """A file on disk with lazy detection of its kind and encoding."""

    def __init__(self, path: str | Path, options: ImportOptions | None = None):
        self.path = Path(path)
        self.options = options or ImportOptions()
        if not self.path.is_file():
            raise ImportFailure(str(self.path), "no such file")
        self.size = self.path.stat().st_size
        if self.size == 0:
            raise ImportFailure(str(self.path), "the file is empty")
        #: what reading found beside the rows (rejected rows by row number, notes by key); drained
        #: into the record stream by the import (services.reading)
        self.row_problems: dict[int, Rejected] = {}
        self.notes: dict[tuple[str, str], Note] = {}
        self._title_noted = False
        #: column -> how its whole sentiment column reads (importers.generic.whole_column_codes), read once
        self.code_readings: dict[str, object] = {}

    def note(self, kind: str, key: str, count: int = 1) -> None:
        found = self.notes.get((kind, key))
        if found is None:
            self.notes[(kind, key)] = Note(kind, key, count)
        else:
            found.count += count

    def drain(self) -> list:
        """The rejected rows and notes gathered since the last call."""
        out = list(self.row_problems.values()) + list(self.notes.values())
        self.row_problems, self.notes = {}, {}
        return out

    @property
    def name(self) -> str:
        return self.path.name

    def fail(self, reason: str, row: int | None = None) -> ImportFailure:
        return ImportFailure(str(self.path), reason, row)

    @cached_property
    def head(self) -> bytes:
        with open(self.path, "rb") as fh:
            return fh.read(SAMPLE_BYTES)

    def content_hash(self) -> str:
        digest = hashlib.sha256()
        with open(self.path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    # -- kind --------------------------------------------------------------------------------
    @cached_property
    def kind(self) -> str:
        """'xlsx', 'xls', 'parquet', 'zip', 'json', 'jsonl', 'xml', 'csv' or 'binary'."""
        head = self.head
        if head.startswith(PARQUET_MAGIC):  # a data team's table (read with pyarrow, optional)
            return "parquet"
        if head.startswith(OLE2_MAGIC):  # Excel 97-2003 (.xls): Wenjuanxing's default download
            return "xls"
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(self.path) as zf:
                    names = zf.namelist()
            except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError):  # e.g. "zip version 21.1"
                raise self.fail("looks like a zip or XLSX file but is damaged or truncated") from None
            self._check_zip_safety()
            return "xlsx" if "xl/workbook.xml" in names else "zip"
        if self.path.suffix.lower() in (".xlsx", ".xlsm"):
            raise self.fail("has an Excel name but is not an Excel workbook (not a zip file)")
        if b"\x00" in head[:4096] and not self.encoding_guess.encoding.startswith("utf-16"):
            sample = head[:4096]  # a stray NUL in a cell is text; many control bytes are not
            controls = sum(sample.count(c) for c in _CONTROL_BYTES)
            if controls > 2 + len(sample) // 100:
                return "binary"
        text = self.text_head.lstrip("\ufeff \t\r\n")
        if text.startswith("<?xml") or (text.startswith("<") and self.path.suffix.lower() == ".xml"):
            return "xml"
        if text.startswith("["):
            return "json"
        if text.startswith("{"):
            first_line = text.split("\n", 1)[0].strip()
            try:
                json.loads(first_line)
                return "jsonl" if "\n" in text.strip() or self.path.suffix.lower() in (".jsonl", ".ndjson") else "json"
            except (ValueError, RecursionError):  # ValueError: also an integer of 5,000 digits
                return "json"
        return "csv"

    # -- text --------------------------------------------------------------------------------
    @cached_property
    def encoding_guess(self) -> EncodingGuess:
        if self.options.encoding:
            try:
                name = check_encoding(self.options.encoding)
            except ValueError as exc:
                raise self.fail(str(exc)) from None
            return EncodingGuess(name, "chosen by you")
        return detect_encoding(self.head, whole=self.size <= len(self.head))

    def check_encoding_certain(self) -> None:
        """Stop (EncodingUncertain) when the detected encoding of a text file is not certain."""
        guess = self.encoding_guess
        if not guess.certain and self.kind in ("csv", "jsonl"):
            raise EncodingUncertain(str(self.path), f"the text encoding is uncertain: {guess.reason}", list(guess.candidates))

    @property
    def encoding(self) -> str:
        return self.encoding_guess.encoding

    @cached_property
    def text_head(self) -> str:
        """The first part of the file as text (lenient, for sniffing only)."""
        return self.head.decode(self.encoding, errors="replace")

    def open_text(self) -> io.TextIOBase:
        return open(self.path, "r", encoding=self.encoding, errors="strict", newline="")

    # -- CSV ---------------------------------------------------------------------------------
    @cached_property
    def delimiter(self) -> str:
        if self.options.delimiter:
            return self.options.delimiter
        if self.path.suffix.lower() in (".tsv", ".tab"):
            return "\t"
        sample = "\n".join(self.text_head.splitlines()[:20])
        return sniff_delimiter(sample)

    def iter_rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number from 1, cells) for every non-blank row of a CSV/TSV or the first XLSX sheet; a
        title line above the column names ("Apple-Twitter-Sentiment-DFE;;;;") is left out, with a note."""
        rows = self._iter_table_rows()
        head: list[tuple[int, list[str]]] = []
        for row in rows:
            head.append(row)
            if len(head) == TITLE_LOOKAHEAD + 1:
                break
        skip = title_rows([cells for _, cells in head])
        if skip and not self._title_noted:  # once, though the preview reads the head again
            self._title_noted = True
            self.note("warning", f"row {head[skip - 1][0]} above the column names looks like a title: not read "
                      "as column names")
        yield from head[skip:]
        yield from rows

    def _iter_table_rows(self) -> Iterator[tuple[int, list[str]]]:
        if self.kind == "xlsx":
            yield from self._iter_xlsx_rows()
        elif self.kind == "xls":
            from ._xls import iter_xls_rows

            yield from iter_xls_rows(self)
        elif self.kind == "csv":
            yield from self._iter_csv_rows()
        elif self.kind == "parquet":
            yield from iter_parquet_rows(self.path, self.fail)
        else:
            raise self.fail(f"is {self.kind.upper()}, not a table (CSV, TSV, XLSX, XLS or Parquet)")

    def _iter_csv_rows(self) -> Iterator[tuple[int, list[str]]]:
        row_number = 0
        bad_bytes = validate.BAD_BYTES
        seen_bad = bad_bytes[0]
        check = None
        pending = None  # the last row is held back until the end tells whether it was cut off
        fh, watch = validate.open_text(self.path, self.encoding, stop=not self.options.encoding)
        try:
            with fh:
                reader = csv.reader(fh, delimiter=self.delimiter)
                for row_number, cells in enumerate(reader, start=1):
                    if row_number == 1 and cells and cells[0].startswith("\ufeff"):
                        cells[0] = cells[0][1:]
                    if bad_bytes[0] != seen_bad:  # some bytes did not decode: check rows from here on
                        check = check or validate.RowCheck(self.encoding)
                        checked, problem = check(cells)
                        if checked is None:
                            self.row_problems[row_number] = Rejected(row_number, problem or "")
                            if check.too_many(row_number, chosen=bool(self.options.encoding)):
                                raise self._uncertain(f"{check.bad_rows} of {row_number} rows are not valid "
                                                      f"{self.encoding}: choose another encoding",
                                                      bytes(check.bad_bytes), row_number)
                            continue
                        cells = checked
                        if problem:
                            self.note("warning", problem)
                    if any(cells) and (cells[0].strip() or "".join(cells).strip()):
                        if pending is not None:
                            yield pending
                        else:
                            width = len(cells)
                        pending = row_number, cells
                if check is not None and check.too_many(row_number, at_end=True):
                    raise self._uncertain(f"{check.bad_rows} of {row_number} rows are not valid "
                                          f"{self.encoding}: choose another encoding", bytes(check.bad_bytes), None)
                if pending is not None:
                    if watch is not None and self._cut_off(watch, pending[1], width):
                        self.row_problems[pending[0]] = Rejected(
                            pending[0], "the file ends inside a quoted field: this last row was cut off "
                            "(an incomplete download or copy?); it was not imported")
                    else:
                        yield pending
                self.notes[("rows_read", "rows")] = Note("rows_read", "rows", row_number)
                if watch is not None and watch.doubt is not None:
                    self.note("warning", f"{watch.doubt.reason} (near byte {watch.doubt.offset:,}), not "
                              f"{self.encoding} as chosen: check the imported text")
        except validate.EncodingDoubt as exc:
            raise self._uncertain(f"{exc.reason} (near byte {exc.offset:,}), not {self.encoding}", exc.block,
                                  row_number + 1) from None
        except UnicodeDecodeError as exc:
            raise self.fail(
                f"is not valid {self.encoding} near byte {exc.start} (after row {row_number}); "
                "choose another encoding", row_number + 1,
            ) from None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise self.fail(too_long_message(csv.field_size_limit()), row_number + 1) from None
            raise self.fail(f"is not a readable CSV file ({exc})", row_number + 1) from None

    @staticmethod
    def _cut_off(watch: validate.Watch, last: list[str], width: int) -> bool:
        """The file ends inside a quoted field: an odd number of quote marks, and a last row that
        is short of cells (``width``: the first row's) or does not end with a line break."""
        if watch.quotes % 2 == 0:
            return False
        return len(last) < width or watch.last_byte not in (b"\n", b"\r")

    def _uncertain(self, reason: str, sample: bytes, row: int | None) -> EncodingUncertain:
        return EncodingUncertain(str(self.path), reason, rank_encodings(sample)[:3], row)

    def _check_zip_safety(self) -> None:
        with zipfile.ZipFile(self.path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            packed = max(1, sum(i.compress_size for i in zf.infolist()))
        if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO and total > 50 << 20:
            raise self.fail("unpacks to an implausible size (a zip bomb?); not imported")

    def _iter_xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        import openpyxl  # imported here: only XLSX imports pay for it

        try:
            workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise self.fail(f"is not a readable Excel workbook ({type(exc).__name__}: {exc})") from None
        try:
            sheet = workbook.worksheets[0]
            row_number = 0
            for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_to_text(v) for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                if any(c.strip() for c in cells):
                    yield row_number, cells
            self.notes[("rows_read", "rows")] = Note("rows_read", "rows", row_number)
        except Exception as exc:
            raise self.fail(f"is a damaged Excel workbook ({type(exc).__name__}: {exc})") from None
        finally:
            workbook.close()

    @cached_property
    def preview_rows(self) -> list[list[str]]:
        """The first rows (for sniffing and the preview); empty for JSON files."""
        if self.kind not in ("csv", "xlsx", "xls", "parquet"):
            return []
        rows = []
        for _, cells in self.iter_rows():  # a huge cell is cut: the rows are read again to import
            rows.append([c[:SAMPLE_CHARS] if len(c) > SAMPLE_CHARS else c for c in cells])
            if len(rows) >= PREVIEW_ROWS:
                break
        return rows

    # -- JSON --------------------------------------------------------------------------------
    def iter_json_objects(self) -> Iterator[tuple[int, object]]:
        """(record number from 1, object) from a JSON array, an object wrapping one
        (``{"tickets": [...]}``), JSON Lines, or a zip of any of these."""
        if self.kind == "zip":
            yield from self._iter_zip_objects()
        elif self.kind == "jsonl":
            with self.open_text() as fh:
                yield from _iter_json_lines(fh, self)
        elif self.kind == "json":
            with open(self.path, "rb") as fh:
                yield from _iter_json_document(fh, self)
        else:
            raise self.fail(f"is {self.kind.upper()}, not JSON")

    def _iter_zip_objects(self) -> Iterator[tuple[int, object]]:
        try:
            yield from self._iter_zip_members()
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
            raise self.fail(f"is a damaged zip file ({type(exc).__name__}: {exc})") from None

    def _iter_zip_members(self) -> Iterator[tuple[int, object]]:
        number = 0
        with zipfile.ZipFile(self.path) as zf:
            members = [i for i in zf.infolist() if not i.is_dir() and i.filename.lower().endswith((".json", ".jsonl", ".ndjson"))]
            if not members:
                raise self.fail("is a zip file with no JSON or JSON Lines file inside")
            for info in members:
                with zf.open(info) as raw:
                    if info.filename.lower().endswith(".json"):
                        inner = _iter_json_document(raw, self)
                    else:
                        inner = _iter_json_lines(io.TextIOWrapper(raw, encoding="utf-8-sig"), self)
                    for _, obj in inner:
                        number += 1
                        yield number, obj

    @cached_property
    def first_json_objects(self) -> list[object]:
        """Up to 20 records for detection; a failure before any record is kept in ``json_failure``."""
        objects = []
        try:
            for _, obj in self.iter_json_objects():
                objects.append(_sample(obj))
                if len(objects) >= 20:
                    break
        except ImportFailure as exc:
            if not objects:
                self.json_failure = exc
            return objects
        return objects

    json_failure: ImportFailure | None = None  # why the file gave no JSON record (too deep, too long...)


#: title lines looked for above the column names
TITLE_LOOKAHEAD = 2


def title_rows(head: list[list[str]]) -> int:
    """How many leading rows are a title rather than column names: a row with at most one filled cell
    above a row with at least three (a one-column file has no title to skip)."""
    filled = [sum(1 for c in cells if c.strip()) for cells in head]
    for n in range(min(TITLE_LOOKAHEAD, len(head) - 1)):
        if filled[n] > 1:
            return 0
        if filled[n + 1] >= 3:
            return n + 1
    return 0


def sniff_delimiter(sample: str, candidates: str = ",;\t|") -> str:
    """The delimiter that splits the sample's rows most consistently into the most columns.

    Not ``csv.Sniffer``: its quote regexes backtrack exponentially on rows full of quote marks
    (minutes for a 400-byte file). The C csv parser is linear, so each candidate is simply tried.
    """
    best, best_score = None, (0.0, 0)
    for d in candidates:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=d) if r]
        except csv.Error:
            continue
        if not widths:
            continue
        mode = max(sorted(set(widths)), key=widths.count)
        if mode < 2:
            continue
        score = (widths.count(mode) / len(widths), mode)
        if score > best_score:
            best, best_score = d, score
    if best is None:
        counts = {d: sample.count(d) for d in candidates}
        best = max(counts, key=lambda d: counts[d])
    return best


def _iter_json_lines(fh, source: SourceFile) -> Iterator[tuple[int, object]]:
    try:
        for number, line in enumerate(fh, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                if len(line) > MAX_STRING_BYTES:
                    yield number, _BadRecord(too_long_message())
                    continue
                if line.count("[") + line.count("{") > MAX_DEPTH:
                    check_depth(line.encode("utf-8", "surrogatepass"))
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, _BadRecord(f"not valid JSON ({exc.msg})")
            except (TooDeep, ValueError, RecursionError) as exc:  # ValueError: a 5,000-digit integer
                yield number, _BadRecord(f"not readable JSON ({exc})")
    except UnicodeDecodeError:
        raise source.fail("is not valid UTF-8 JSON Lines") from None


def _iter_json_document(fh, source: SourceFile) -> Iterator[tuple[int, object]]:
    """Stream the records of a JSON document: a top-level array, or the largest array inside an object."""
    import ijson

    head = fh.read(1 << 16)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        # A wrapper object ({"tickets": [...]}) or a single record. A small one is loaded at once;
        # a large one is streamed (ijson, top-level values one by one), so its raw bytes and their
        # decoded copy are never held beside the records.
        if source.size <= WRAPPED_LOAD_BYTES:
            rest = head + fh.read()
            try:
                check_depth(rest)
                if len(rest) > MAX_STRING_BYTES:
                    DepthGuard(io.BytesIO(rest)).read(len(rest))  # refuses a string over the limit
                data = json.loads(rest.decode("utf-8-sig"))
            except TooLong as exc:
                raise source.fail(str(exc)) from None
            except TooDeep as exc:
                raise source.fail(str(exc)) from None
            except (ValueError, RecursionError) as exc:  # decoding, syntax, a 5,000-digit integer
                raise source.fail(f"is not valid JSON ({exc})") from None
        else:
            try:
                data = dict(ijson.kvitems(DepthGuard(_Prepend(head, fh)), "", use_float=True))
            except (TooDeep, TooLong) as exc:
                raise source.fail(str(exc)) from None
            except (ijson.JSONError, UnicodeDecodeError) as exc:
                raise source.fail(f"is not valid JSON ({exc})") from None
        records = _records_in(data)
        del data
        for number, obj in enumerate(records, start=1):
            yield number, obj
        return
    stream = DepthGuard(_Prepend(head, fh))  # ijson's cost grows with the depth: refuse deep nesting
    number = 0
    try:
        for number, obj in enumerate(ijson.items(stream, "item", use_float=True), start=1):
            yield number, obj
    except (TooDeep, TooLong) as exc:
        raise source.fail(f"{exc} (record {number + 1})", number + 1) from None
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        raise source.fail(f"is not valid JSON after record {number} ({exc})", number + 1) from None
    if number == 0 and not stripped.startswith(b"["):
        raise source.fail("is not a JSON array of records")


def _sample(obj, depth: int = 0):
    """The record as detection sees it: texts longer than SAMPLE_CHARS cut to that length, so the
    cached samples do not hold a huge field for the whole import (the rows are parsed again)."""
    if isinstance(obj, str):
        return obj[:SAMPLE_CHARS] if len(obj) > SAMPLE_CHARS else obj
    if depth > 8:
        return obj
    if isinstance(obj, dict):
        return {k: _sample(v, depth + 1) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_sample(v, depth + 1) for v in obj]
    return obj


def _records_in(data) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        arrays = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:5])]
        if arrays:
            return max(arrays, key=len)
        return [data]
    return []


class _BadRecord:
    """A JSON Lines line that did not parse: becomes a rejected row."""

    def __init__(self, reason: str):
        self.reason = reason


class _Prepend(io.RawIOBase):
    """A binary stream that first returns ``head`` and then the rest of ``fh``."""

    def __init__(self, head: bytes, fh):
        self._head, self._fh = head, fh

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                out, self._head = self._head + self._fh.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._fh.read(size)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


BadRecord = _BadRecord

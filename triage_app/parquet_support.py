"""Parquet for data teams: read a Parquet table as rows of text cells, write an export as Parquet.

pyarrow is optional (``pip install "feedback-triage[parquet]"``; also in ``[scale]``): the desktop
install does not need it, and a Parquet file without it is refused with that sentence, never a
traceback. Rows are streamed a record batch at a time, so memory stays bounded.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Iterator, Sequence

PARQUET_MAGIC = b"PAR1"
READ_BATCH = 10_000
INSTALL_HINT = 'reading and writing Parquet needs pyarrow: pip install "feedback-triage[parquet]"'


class ParquetUnavailable(RuntimeError):
    """pyarrow is not installed."""


def pyarrow_modules():
    """(pyarrow, pyarrow.parquet), or ParquetUnavailable with the install hint."""
    try:
        import pyarrow
        import pyarrow.parquet as pq
    except ImportError:
        raise ParquetUnavailable(INSTALL_HINT) from None
    return pyarrow, pq


def cell_text(value) -> str:
    """A Parquet value as the text a CSV cell would hold (lists joined, structs as JSON)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list, tuple)) for v in value):
            return json.dumps(list(value), ensure_ascii=False, default=str)
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def iter_parquet_rows(path: Path, fail) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of a Parquet table: row 1 is the column names, data rows follow (blank
    rows skipped, as for CSV). ``fail(reason)`` builds the ImportFailure to raise."""
    try:
        pa, pq = pyarrow_modules()
    except ParquetUnavailable as exc:
        raise fail(f"is a Parquet file; {exc}") from None
    try:
        table = pq.ParquetFile(str(path))
    except Exception as exc:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError... for damaged files
        raise fail(f"is not a readable Parquet file ({type(exc).__name__}: {exc})") from None
    names = list(table.schema_arrow.names)
    yield 1, names
    number = 1
    try:
        for batch in table.iter_batches(batch_size=READ_BATCH):
            columns = [[cell_text(v) for v in column.to_pylist()] for column in batch.columns]
            for cells in zip(*columns):
                number += 1
                if any(c.strip() for c in cells):
                    yield number, list(cells)
    except pa.ArrowException as exc:
        raise fail(f"is a damaged Parquet file after row {number} ({exc})", number + 1) from None


class ParquetSheet:
    """Rows written to a Parquet file in row groups, every column a typed, nullable column.

    ``types`` maps a column name to "int", "float" or "text" (default)."""

    GROUP_ROWS = 50_000

    def __init__(self, path: Path, headers: Sequence[str], types: dict[str, str]):
        pa, pq = pyarrow_modules()
        kinds = {"int": pa.int64(), "float": pa.float64(), "text": pa.string()}
        self._pa = pa
        self.schema = pa.schema([(h, kinds[types.get(h, "text")]) for h in headers])
        self._writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self._rows: list[tuple] = []

    def write(self, row: tuple) -> None:
        self._rows.append(row)
        if len(self._rows) >= self.GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = list(zip(*self._rows))
        arrays = [self._pa.array([_typed(v, f.type) for v in col], type=f.type)
                  for col, f in zip(columns, self.schema)]
        self._writer.write_table(self._pa.Table.from_arrays(arrays, schema=self.schema))
        self._rows = []

    def close(self, ok: bool) -> None:
        try:
            if ok:
                self._flush()
        finally:
            self._writer.close()


def _typed(value, arrow_type):
    if value is None or value == "":
        return None
    name = str(arrow_type)
    if name == "int64":
        return int(value)
    if name == "double":
        return float(value)
    return value if isinstance(value, str) else str(value)

"""Data exports: items (with the user's filters) and themes to CSV, XLSX or Parquet.

Feedback is untrusted text: a cell whose first visible character is ``=``, ``+``, ``-``, ``@``, ``|``,
``%``, a tab or a carriage return could run as a formula (or DDE command) when the file is opened in
a spreadsheet — also after leading spaces, no-break or ideographic spaces, zero-width characters, a
BOM, newlines or quotes, and in full-width forms (``＝``) that spreadsheets fold to ASCII. The check
runs on the NFKC form with those stripped (OWASP "CSV injection"); such CSV cells get a leading
apostrophe, and a ``;=`` inside a cell (a formula once a spreadsheet splits the cell at ";") gets
one after the ";". In XLSX every text cell is written as a string (never a formula), so the text
shows exactly as written and cannot run. Parquet (for data teams; needs the optional pyarrow) keeps
typed columns and the text as stored, since no spreadsheet evaluates it. Personal data is redacted
unless the user turns it off, in every format.
"""
from __future__ import annotations

import csv
import json
import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generator

from ..domain import CancelToken, Progress
from ..store.disk import disk_full_message, is_disk_full
from ..store.export_queries import (
    ITEM_EXPORT_COLUMNS, THEME_EXPORT_COLUMNS, iter_items_for_export, themes_for_export,
)
from ..store.item_queries import ItemFilter, count_items
from .privacy import load_settings, output_redactor

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")
# Stripped before looking at the first character: whitespace (space, NBSP, ideographic space,
# newlines...) is handled by str.isspace; these are the invisible ones it does not cover, and quotes.
# Blank-looking letters and symbols (Hangul fillers, Braille blank, combining grapheme joiner,
# Khmer inherent vowels) show nothing either.
_INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u202a\u202b\u202c\u202d\u202e\"'"
              "\u034f\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
_INNER_FORMULA = re.compile(r"([;；])(\s*[=＝])")


class ExportError(ValueError):
    """The export cannot be written (unknown file type, folder missing...)."""


def _visible_start(value: str) -> str:
    """The cell as a spreadsheet would read its start: NFKC, leading blanks and invisibles gone."""
    probe = unicodedata.normalize("NFKC", value[:200])
    i = 0
    while i < len(probe) and (probe[i].isspace() or probe[i] in _INVISIBLE
                              or unicodedata.category(probe[i]) in ("Cf", "Cc", "Zs", "Mn", "Me")):
        if probe[i] in "\t\r":
            break  # a tab or CR among the leading blanks is itself a formula start
        i += 1
    return probe[i:]


def neutralise(value):
    """A CSV cell that cannot run as a spreadsheet formula."""
    if not isinstance(value, str) or not value:
        return value
    if ";" in value or "；" in value:
        value = _INNER_FORMULA.sub(r"\1'\2", value)
    if value.startswith(FORMULA_STARTS) or _visible_start(value).startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Free-text columns of an item export: redacted (identifiers, dates, status and scores are not).
_ITEM_TEXT_COLUMNS = ("source", "author", "title", "text", "theme_label", "labels", "link")
XLSX_CELL_LIMIT = 32_767  # characters Excel keeps in one cell


@dataclass
class ExportResult:
    path: str
    rows: int
    format: str
    cells_cut: int = 0  # XLSX cells longer than Excel's limit, cut and marked (CSV keeps them whole)


EXPORT_FORMATS = ("csv", "xlsx", "parquet")
# Typed columns of a Parquet export (the rest are text).
_PARQUET_TYPES = {
    "items": {"id": "int", "theme_id": "int", "nps": "float", "csat": "float", "ces": "float", "rating": "float"},
    "themes": {"id": "int", "size": "int", "items_resolved": "int", "items_total": "int", "hidden": "int",
               "parent_id": "int"},
}


def _writer_for(path: Path, format: str | None = None):
    """The export format: ``format`` when given, else the file's suffix."""
    kind = (format or path.suffix.lower().lstrip(".")).lower()
    if kind not in EXPORT_FORMATS:
        raise ExportError(f"{path.name}: export to .csv, .xlsx or .parquet")
    if not path.parent.exists():
        raise ExportError(f"{path.parent}: no such folder")
    if kind == "parquet":
        from ..parquet_support import ParquetUnavailable, pyarrow_modules

        try:
            pyarrow_modules()
        except ParquetUnavailable as exc:
            raise ExportError(f"{path.name}: not written: {exc}") from None
    return kind


@contextmanager
def _disk_errors(path: Path, rows_hint: int = 0):
    """A full disk (or another write error) as an ExportError that says so."""
    try:
        yield
    except OSError as exc:
        if is_disk_full(exc):
            needed = rows_hint * 600 or None  # roughly 600 bytes a row
            raise ExportError(f"{path.name}: not written: {disk_full_message(path, needed, 'the export')}; "
                              "no partial file was left") from exc
        raise ExportError(f"{path.name}: cannot be written ({exc.strerror or exc})") from exc


class _Sheet:
    """Writes rows to a CSV or an XLSX file built aside and moved into place when complete."""

    def __init__(self, path: Path, kind: str, headers: tuple[str, ...], types: dict[str, str] | None = None):
        self.path, self.kind, self.headers, self.types = path, kind, headers, types or {}
        self.cells_cut = 0
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        try:
            self._open(path, kind, headers)
        except BaseException:
            self.tmp.unlink(missing_ok=True)  # never a 0-byte temporary file left behind
            raise

    def _open(self, path: Path, kind: str, headers: tuple[str, ...]) -> None:
        if kind == "csv":
            self._fh = open(self.tmp, "w", newline="", encoding="utf-8-sig")  # Excel reads the BOM as UTF-8
            self._csv = csv.writer(self._fh)
            self._csv.writerow(headers)
        elif kind == "parquet":
            from ..parquet_support import ParquetSheet

            self._parquet = ParquetSheet(self.tmp, headers, self.types)
        else:
            from openpyxl import Workbook
            from openpyxl.cell import WriteOnlyCell

            self._cell_type = WriteOnlyCell
            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet(sheet_title(path.stem))
            self._sheet.append(list(headers))

    def write(self, row: tuple) -> None:
        if self.kind == "csv":
            self._csv.writerow([neutralise(v) for v in row])
            return
        if self.kind == "parquet":
            self._parquet.write(row)
            return
        cells = []
        for value in row:
            if isinstance(value, str):
                value = _xlsx_safe(value)
                if len(value) > XLSX_CELL_LIMIT:  # Excel would refuse or silently lose the rest
                    marker = " […cut at Excel's cell limit: export to CSV for the whole text]"
                    value = value[: XLSX_CELL_LIMIT - len(marker)] + marker
                    self.cells_cut += 1
                cell = self._cell_type(self._sheet, value=value)
                cell.data_type = "s"  # a string, never a formula, whatever it starts with
                cells.append(cell)
            else:
                cells.append(value)
        self._sheet.append(cells)

    def _save_xlsx(self) -> None:
        """openpyxl's save, closing its zip file even when the disk fills up (openpyxl leaves it
        open, and its finaliser then fails again at some random later moment)."""
        from zipfile import ZIP_DEFLATED, ZipFile

        from openpyxl.writer.excel import ExcelWriter

        archive = ZipFile(self.tmp, "w", ZIP_DEFLATED, allowZip64=True)
        try:
            ExcelWriter(self._book, archive).save()
        except BaseException:
            _close_quietly(archive)
            raise

    def close(self, ok: bool) -> None:
        try:
            if self.kind == "csv":
                self._fh.close()
            elif self.kind == "parquet":
                self._parquet.close(ok)
            elif ok:
                self._save_xlsx()
            if ok:
                os.replace(self.tmp, self.path)
        finally:
            self.tmp.unlink(missing_ok=True)


def _close_quietly(archive) -> None:
    try:
        archive.close()  # sets archive.fp to None even when it fails: no second failure at exit
    except OSError:
        pass


def sheet_title(name: str) -> str:
    """An Excel sheet title from a file name: no ``[ ] ? : * / \\``, no leading/trailing apostrophe,
    at most 31 characters, never empty."""
    title = re.sub(r"[\[\]?:*/\\]", "_", name).strip("'")[:31].strip()
    return title or "export"


def _xlsx_safe(text: str) -> str:
    # XML 1.0 cannot hold most control characters; drop them rather than write a broken file.
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)


def export_items(conn, path: str | Path, item_filter: ItemFilter | None = None, redact_pii: bool | None = None,
                 cancel: CancelToken | None = None, format: str | None = None) -> Generator[Progress, None, ExportResult]:
    path = Path(path)
    kind = _writer_for(path, format)
    item_filter = item_filter or ItemFilter()
    cancel = cancel or CancelToken()
    redactor = output_redactor(load_settings(conn), redact_pii)
    total = count_items(conn, item_filter)
    with _disk_errors(path, total):
        sheet = _Sheet(path, kind, ITEM_EXPORT_COLUMNS, _PARQUET_TYPES["items"])
    done, ok = 0, False
    text_at = [i for i, c in enumerate(ITEM_EXPORT_COLUMNS) if c in _ITEM_TEXT_COLUMNS]
    with _disk_errors(path, total):
        try:
            for rows in iter_items_for_export(conn, item_filter):
                for row in rows:
                    cells = list(row)
                    cells[12] = ", ".join(json.loads(cells[12] or "[]"))
                    if redactor.on:
                        for i in text_at:
                            cells[i] = redactor.text(cells[i])
                    sheet.write(tuple(cells))
                done += len(rows)
                cancel.raise_if_cancelled()
                yield Progress("exporting", done, total, path.name)
            ok = True
        finally:
            sheet.close(ok)
    return ExportResult(str(path), done, kind, sheet.cells_cut)


def export_themes(conn, path: str | Path, redact_pii: bool | None = None, format: str | None = None) -> ExportResult:
    path = Path(path)
    kind = _writer_for(path, format)
    redactor = output_redactor(load_settings(conn), redact_pii)
    rows = themes_for_export(conn)
    with _disk_errors(path, len(rows)):
        sheet = _Sheet(path, kind, THEME_EXPORT_COLUMNS, _PARQUET_TYPES["themes"])
        ok = False
        try:
            for row in rows:
                cells = list(row)
                cells[2] = ", ".join(redactor.value(json.loads(cells[2] or "[]")))  # keywords come from feedback words
                cells[1] = redactor.text(cells[1])
                sheet.write(tuple(cells))
            ok = True
        finally:
            sheet.close(ok)
    return ExportResult(str(path), len(rows), kind, sheet.cells_cut)

"""Rows of an Excel 97-2003 workbook (.xls), read with xlrd (which reads .xls only).

The first sheet, as the XLSX reader gives it: text cells, whole numbers without ``.0``, dates as
ISO text, trailing empty cells dropped, blank rows skipped. A .xls holds at most 65,536 rows, so
xlrd reading the workbook whole is bounded.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from .source import SourceFile


def _text(cell, datemode: int, xlrd) -> str:
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_NUMBER:
        return str(int(value)) if float(value).is_integer() else repr(value)
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(value)
        return moment.isoformat(sep=" ") if value >= 1 else moment.time().isoformat()
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return ""
    return str(value)


def iter_xls_rows(source: "SourceFile") -> Iterator[tuple[int, list[str]]]:
    """(row number from 1, cells) for every non-blank row of the first sheet."""
    import xlrd  # imported here: only .xls imports pay for it

    try:
        book = xlrd.open_workbook(str(source.path), on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct errors... for damaged files
        raise source.fail(f"is not a readable Excel 97-2003 workbook ({type(exc).__name__}: {exc})") from None
    try:
        if book.nsheets == 0:
            raise source.fail("is an Excel workbook without sheets")
        sheet = book.sheet_by_index(0)
        for r in range(sheet.nrows):
            cells = [_text(c, book.datemode, xlrd) for c in sheet.row(r)]
            while cells and cells[-1] == "":
                cells.pop()
            if any(c.strip() for c in cells):
                yield r + 1, cells
    except xlrd.XLRDError as exc:
        raise source.fail(f"is a damaged Excel workbook ({exc})") from None
    finally:
        book.release_resources()

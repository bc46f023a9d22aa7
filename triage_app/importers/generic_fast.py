"""The generic importer's fast path: table cells straight to stored rows (``rows.StoredRow``), with
no ``Item`` objects in between. It must give exactly what ``GenericImporter._rows_to_items`` +
``prepare_item`` give (tests/unit/test_import_fast_path.py compares whole workspaces).

Tables are taken in blocks: a block whose rows are all regular (right cell count, some text, valid
dates and scores, storable values) is converted column by column, mostly in C (``map``/``zip``);
any other block goes row by row, which also makes the rejects and skips.
"""
from __future__ import annotations

import re
from itertools import islice, repeat
from operator import contains, itemgetter
from typing import Iterator

from ..domain import SCORE_KINDS, Rejected, Skipped
from ..rows import StoredRow, as_stored_rows, row_hash_parts, unstorable
from .base import ContentIds
from .dates import DateParser
from .feedback_only import MAX_NON_ANSWER, SKIP_EMPTY, SKIP_NON_ANSWER, decode_entities, is_non_answer
from .scores import checked_score, score_value

_LABEL_SPLIT = re.compile(r"[,;|]")
_SCORE_SLOTS = {kind: slot for slot, kind in enumerate(SCORE_KINDS)}  # nps, csat, ces, rating
_BLOCK = 512
_NEW_TAIL = ("new", None)  # status and respondent, the end of the checksummed values


class RowPlan:
    """The per-file decisions of the row mapper: column indexes, date parser, score columns."""

    __slots__ = ("index", "headers", "n", "file_name", "extra", "parse_date", "scores")
    index: dict[str, int]  # mapped field -> cell index
    headers: list[str]
    n: int  # cells in a row
    file_name: str | None
    extra: list[tuple[int, str]]  # (cell index, attribute name) of the other columns
    parse_date: DateParser
    scores: list[tuple[int, str, float, float, str]]  # (cell index, kind, low, high, header)


def too_many_cells(cells: int, headers: int) -> str:
    return f"has {cells} cells but the header has {headers} (an unquoted delimiter in a value?)"


def prepared_rows(plan: RowPlan, rows, by_blocks: bool) -> Iterator:
    """Stored rows and ``Rejected`` records for ``(row number, cells)`` rows, in file order.
    ``by_blocks`` only for strictly decoded tables (CSV, XLSX): their cells hold no lone surrogates."""
    content_id = ContentIds()
    if not by_blocks:
        yield from _row_by_row(plan, rows, content_id)
        return
    rows = iter(rows)
    while True:
        block = list(islice(rows, _BLOCK))
        if not block:
            return
        prepared = _by_columns(plan, [cells for _, cells in block], content_id)
        if prepared is None:
            yield from _row_by_row(plan, block, content_id)
        else:
            yield from prepared


def _row_by_row(plan: RowPlan, rows, content_id: ContentIds) -> Iterator:
    index, extra, parse_date, n, headers = plan.index, plan.extra, plan.parse_date, plan.n, plan.headers
    # the score columns as (cell index, slot in nps/csat/ces/rating, low, high, kind, header)
    scores = [(i, _SCORE_SLOTS[kind], low, high, kind, header) for i, kind, low, high, header in plan.scores]
    i_id, i_text, i_title = index.get("id"), index.get("text"), index.get("title")
    i_created, i_author, i_status = index.get("created_at"), index.get("author"), index.get("status")
    i_link, i_labels, i_source = index.get("link"), index.get("labels"), index.get("source")
    file_name = plan.file_name
    dumps, json_default, json_options, crc32, adler32 = row_hash_parts()
    for row_number, cells in rows:
        if len(cells) != n:
            if len(cells) < n:
                cells = cells + [""] * (n - len(cells))
            elif any(c.strip() for c in cells[n:]):
                yield Rejected(row_number, too_many_cells(len(cells), n))
                continue
        raw_text = decode_entities(cells[i_text]) if i_text is not None else ""  # stored verbatim, entities decoded
        raw_title = decode_entities(cells[i_title]) if i_title is not None else ""
        text, title = raw_text.strip(), raw_title.strip() or None  # for emptiness and the content id
        if not text and not title:
            yield Skipped(row_number, SKIP_EMPTY)
            continue
        if not title and is_non_answer(text):
            yield Skipped(row_number, SKIP_NON_ANSWER)
            continue
        created = None
        if i_created is not None:
            try:
                created = parse_date(cells[i_created])
            except ValueError as exc:
                yield Rejected(row_number, str(exc), headers[i_created])
                continue
        author = (cells[i_author].strip() or None) if i_author is not None else None
        src = (cells[i_source].strip() or None) if i_source is not None else file_name
        link = (cells[i_link].strip() or None) if i_link is not None else None
        labels = None
        if i_labels is not None and cells[i_labels].strip():
            labels = [x.strip() for x in _LABEL_SPLIT.split(cells[i_labels]) if x.strip()]
        state = None
        if i_status is not None and cells[i_status].strip():
            state = cells[i_status].strip().lower()
        score: list[float | None] = [None, None, None, None]
        bad = None
        for i, slot, low, high, kind, header in scores:
            value, problem = checked_score(cells[i], low, high, kind)
            if problem:
                bad = Rejected(row_number, problem, header)
                break
            if value is not None:
                score[slot] = value
        if bad:
            yield bad
            continue
        attributes = {h: cells[i] for i, h in extra if cells[i] != ""} if extra else None
        external_id = cells[i_id].strip() if i_id is not None else ""
        if not external_id:
            external_id = content_id(created, author, title, text or title)
        stored_title = raw_title if title else None
        try:  # what rows.prepare_item does, inlined
            values = (src, created, None, None, author, None, None, stored_title,
                      raw_text if text else raw_title, state,
                      dumps(labels, json_default, json_options).decode() if labels else None, link,
                      score[0], score[1], score[2], score[3],
                      None, dumps(attributes, json_default, json_options).decode() if attributes else None)
            data = dumps(values[1:] + _NEW_TAIL, json_default, json_options)
            prepared = StoredRow(external_id, values, "new", (crc32(data) << 31) ^ adler32(data), None, None, created, False)
            del data  # a copy of the whole row: not kept while the row waits to be written
            (external_id + (src or "")).encode("utf-8")
        except (TypeError, ValueError) as exc:  # e.g. a lone surrogate from a JSON "\ud800" escape
            yield Rejected(row_number, unstorable(exc))
            continue
        yield prepared


def _stripped_or_none(cells_list: list, i: int | None):
    if i is None:
        return repeat(None)
    return [v or None for v in map(str.strip, map(itemgetter(i), cells_list))]


def _verbatim_or_none(cells_list: list, i: int | None):
    """The cells as written (HTML entities decoded); None for a blank one."""
    if i is None:
        return repeat(None)
    return [d if (d := decode_entities(v)).strip() else None for v in map(itemgetter(i), cells_list)]


def _labels_json(cell: str, dumps, default, option) -> str | None:
    if not cell.strip():
        return None
    labels = [x.strip() for x in _LABEL_SPLIT.split(cell) if x.strip()]
    return dumps(labels, default, option).decode() if labels else None


def _by_columns(plan: RowPlan, cells_list: list, content_id: ContentIds) -> list | None:
    """The stored rows of a block of regular rows, column by column; None (nothing consumed,
    no content id drawn) when a row is not regular, so that the block goes row by row."""
    index, n = plan.index, plan.n
    i_id, i_text, i_created = index.get("id"), index.get("text"), index.get("created_at")
    if i_text is None or any(len(cells) != n for cells in cells_list):
        return None
    raw_texts = list(map(itemgetter(i_text), cells_list))  # stored verbatim (HTML entities decoded)
    if any(map(contains, raw_texts, repeat("&"))):
        raw_texts = list(map(decode_entities, raw_texts))
    texts = list(map(str.strip, raw_texts))  # for emptiness and the content ids
    if not all(texts):
        return None  # a row without text: skipped (or its title used) row by row
    if min(map(len, texts)) <= MAX_NON_ANSWER and any(map(is_non_answer, texts)):
        return None  # a non-answer: skipped row by row
    dumps, default, option, crc32, adler32 = row_hash_parts()
    try:
        created = plan.parse_date.parse_many(list(map(itemgetter(i_created), cells_list))) if i_created is not None else repeat(None)
    except ValueError:
        return None
    slots: list = [repeat(None)] * 4
    for i, kind, low, high, _header in plan.scores:
        raws = list(map(itemgetter(i), cells_list))
        found = list(map(score_value, raws))
        for raw, value in zip(raws, found):
            if value is None:
                if raw.strip():
                    return None
            elif not low <= value <= high:
                return None
        slot = _SCORE_SLOTS[kind]
        if isinstance(slots[slot], repeat):
            slots[slot] = found
        else:  # a second column of the same kind: its values win where it has one
            slots[slot] = [new if new is not None else old for old, new in zip(slots[slot], found)]
    raw_titles = _verbatim_or_none(cells_list, index.get("title"))
    titles = repeat(None) if index.get("title") is None else [(t.strip() or None) if t else None for t in raw_titles]
    authors = _stripped_or_none(cells_list, index.get("author"))
    links = _stripped_or_none(cells_list, index.get("link"))
    i_status, i_labels, i_source = index.get("status"), index.get("labels"), index.get("source")
    states = repeat(None) if i_status is None else [
        v.lower() or None for v in map(str.strip, map(itemgetter(i_status), cells_list))]
    sources = repeat(plan.file_name) if i_source is None else _stripped_or_none(cells_list, i_source)
    try:
        labels = repeat(None) if i_labels is None else [
            _labels_json(cells[i_labels], dumps, default, option) for cells in cells_list]
        extra = plan.extra
        attributes = repeat(None) if not extra else [
            dumps(a, default, option).decode() if a else None
            for a in ({h: cells[i] for i, h in extra if cells[i] != ""} for cells in cells_list)]
        nothing = repeat(None)
        columns = (created, nothing, nothing, authors, nothing, nothing, raw_titles, raw_texts, states, labels, links, *slots,
                   nothing, attributes)
        values = list(zip(sources, *columns))
        # the checksummed values: all but the source, then status and respondent (see rows.prepare_item)
        data = list(map(dumps, zip(*columns, repeat("new"), nothing), repeat(default), repeat(option)))
    except (TypeError, ValueError):
        return None
    hashes = [(c << 31) ^ a for c, a in zip(map(crc32, data), map(adler32, data))]
    del data  # copies of every row: not kept while the block waits to be written
    if i_id is None:
        ids = list(map(content_id, created, authors, titles, texts))
    else:  # content ids drawn in row order, only now that every row of the block is an item
        ids = [e or content_id(c, a, t, x) for e, c, a, t, x in
               zip(map(str.strip, map(itemgetter(i_id), cells_list)), created, authors, titles, texts)]
    # plain tuples in StoredRow's field order (built in C; see rows.StoredRow)
    return as_stored_rows(zip(ids, values, repeat("new"), hashes, repeat(None), repeat(None), created, repeat(False)))

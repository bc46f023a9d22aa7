"""Generic tables (CSV, TSV, XLSX) and JSON / JSON Lines records with a column mapping.

The mapping names which column is the text, the time, the score, the id, the author, the status...
(``--map text=Comment``); what is not given is guessed from headers and values, and every other
column is kept as an attribute. One row (or record) is one item.
"""
from __future__ import annotations

import json
import re
from typing import Iterator

from analysis.label_values import CodeReading, normalise_sentiment, normalise_type, read_codes, sentiment_codes

from ..domain import Item, Rejected, Record, Skipped
from .base import Columns, ContentIds, Importer, column_name
from .dates import DateParser, infer_dayfirst
from .feedback_only import SKIP_EMPTY, SKIP_NON_ANSWER, decode_entities, is_non_answer, multi_select, nested_json, not_a_table
from .generic_fast import RowPlan, prepared_rows, too_many_cells
from .scores import SCALES, checked_score, classify_score_column, score_value
from .source import BadRecord, SourceFile

FIELDS = ("id", "text", "title", "created_at", "author", "score", "nps", "csat", "ces", "rating",
          "status", "link", "labels", "source", "closed_at", "first_response_at", "updated_at", "state", "votes",
          "sentiment", "type")
#: fields only the general path reads (a mapping with one of them, or a segment, skips the fast path)
_SLOW_FIELDS = {"closed_at", "first_response_at", "updated_at", "votes"}
#: mapped sentiment / type columns are kept verbatim in the attributes under these keys; the sentiment
#: service normalises them (analysis.label_values) and lets them outrank its model
MAPPED_ATTRIBUTES = (("sentiment", "_sentiment"), ("type", "_type"))

_GUESS = {
    "id": re.compile(r"^(id|key|uuid|response ?id|respondent ?id|record ?id|ticket ?id|review ?id|issue ?(id|key|number)|#|编号|序号)$", re.I),
    "created_at": re.compile(r"(created|submitted|timestamp|^date|date$|^time$|datetime|提交时间|创建时间|时间|日期)", re.I),
    "author": re.compile(r"^(author|user(name)?|reporter|respondent|email( address)?|name|用户|作者)$", re.I),
    "title": re.compile(r"^(title|subject|summary|标题|主题)$", re.I),
    "status": re.compile(r"^(status|state|状态)$", re.I),
    "link": re.compile(r"^(url|link|html_url|链接)$", re.I),
    "labels": re.compile(r"^(labels?|tags?|标签)$", re.I),
}
#: a column already saying each row's sentiment / feedback type: guessed from its header when most of
#: its first values are spellings the sentiment service understands (analysis.label_values)
_CLASS_GUESS = (
    ("sentiment", re.compile(r"^(sentiment|polarity|sentiment ?label|情感|情感倾向|情绪|情感极性)$", re.I), normalise_sentiment),
    ("type", re.compile(r"^(type|kind|category|feedback ?type|issue ?type|ticket ?type|request ?type|"
                        r"反馈类型|类型|类别|问题类型)$", re.I), normalise_type),
)
_TEXT_WORDS = re.compile(r"(text|comment|feedback|review|body|description|content|answer|message|意见|评论|内容|反馈)", re.I)
_NUMERIC = re.compile(r"^\s*-?\d+([.,]\d+)?\s*$")
_LABEL_SPLIT = re.compile(r"[,;|]")


def guess_mapping(headers: list[str], samples: list[list[str]]) -> dict[str, str]:
    """Pre-fill a mapping field -> header from header names and the first rows."""
    mapping: dict[str, str] = {}
    columns = list(zip(*[(row + [""] * len(headers))[: len(headers)] for row in samples])) if samples else [()] * len(headers)
    for i, header in enumerate(headers):  # "label" / "polarity" of clean 0/1 codes: sentiment, not issue labels
        if i < len(columns) and sentiment_codes(header, columns[i]):
            mapping["sentiment"] = header
            break
    for field, pattern in _GUESS.items():
        for header in headers:
            if pattern.search(header.strip()) and header not in mapping.values():
                mapping[field] = header
                break
    for field, pattern, normalise in _CLASS_GUESS:
        for i, header in enumerate(headers):
            if field in mapping or header in mapping.values() or not pattern.search(header.strip()):
                continue
            values = [v for v in (columns[i] if i < len(columns) else ()) if v and v.strip()]
            if values and sum(normalise(v) is not None for v in values) >= 0.8 * len(values):
                mapping[field] = header
    for i, header in enumerate(headers):
        if header in mapping.values():
            continue
        kind = classify_score_column(header, list(columns[i]) if i < len(columns) else [])
        if kind and kind not in mapping:
            mapping[kind] = header
    # The text: the column with the longest non-numeric values, preferring text-like names.
    best, best_score = None, 0.0
    for i, header in enumerate(headers):
        if header in mapping.values():
            continue
        values = [v for v in (columns[i] if i < len(columns) else ()) if v and v.strip()]
        if not values or sum(1 for v in values if _NUMERIC.match(v)) > 0.5 * len(values):
            continue
        if _is_choice([v.strip() for v in values if not is_non_answer(v.strip())]):
            continue  # a choice or multi-select column is a segment, not feedback
        score = sum(len(v) for v in values) / max(1, len(samples))
        if _TEXT_WORDS.search(header):
            score *= 3
        if score > best_score:
            best, best_score = header, score
    if best is not None:
        mapping["text"] = best
    return mapping


_ROUNDED = re.compile(r"^\s*-?\d+(\.\d+)?[eE][+-]?\d+\s*$")  # a long id a spreadsheet rounded: 5.40E+17


def column_codes(headers: list[str], mapping: dict[str, str], samples: list[list[str]]) -> dict[str, str] | None:
    """The sentiment codes (analysis.label_values.sentiment_codes) of the mapped sentiment column, if any."""
    column = mapping.get("sentiment")
    if not column or column not in headers:
        return None
    i = headers.index(column)
    return sentiment_codes(column, [row[i] for row in samples if i < len(row)])


def whole_column_codes(source: SourceFile, headers: list[str], mapping: dict[str, str],
                       samples: list[list[str]]) -> CodeReading | None:
    """The mapped sentiment column judged on every row, not its first rows (a "3" in row 5,012 makes
    a 1/0-looking column stars): read only when the first rows look like codes, and stopped at the
    first value that is not one (analysis.label_values.read_codes). None: no such column."""
    if column_codes(headers, mapping, samples) is None:
        return None
    column = mapping["sentiment"]
    known = source.code_readings.get(column)
    if isinstance(known, CodeReading):  # the preview reads the items after judging the column: once
        return known
    i = headers.index(column)
    if source.kind in ("json", "jsonl", "zip"):
        values = ((n, str(_flatten(o).get(column, ""))) for n, o in source.iter_json_objects() if isinstance(o, dict))
    else:
        rows = source.iter_rows()
        next(rows, None)  # the column names
        values = ((n, cells[i] if i < len(cells) else "") for n, cells in rows)
    reading = source.code_readings[column] = read_codes(column, values)
    return reading


def _recoded(rows, i: int, codes: dict[str, str]):
    for number, cells in rows:
        if i < len(cells) and cells[i].strip() in codes:
            cells = list(cells)
            cells[i] = codes[cells[i].strip()]
        yield number, cells


def _ids_usable(samples: list[list[str]], column: int) -> bool:
    """Whether a guessed id column tells the first rows apart (an id the user maps is always used)."""
    values = [row[column].strip() for row in samples if column < len(row) and row[column].strip()]
    if len(values) < 5:
        return True
    # a row repeated with its update keeps its id (the later version wins); half the rows sharing ids does not
    return len(set(values)) > 0.5 * len(values) and sum(bool(_ROUNDED.match(v)) for v in values) <= len(values) // 2


def _is_choice(values: list[str]) -> bool:
    n = len(values)
    if n and multi_select(values):
        return True
    # few distinct short values: answers picked from a list, not feedback
    return (n >= 8 and len({v.lower() for v in values}) <= max(2, 0.2 * n) and sum(map(len, values)) <= 25 * n
            and sum(len(v.split()) for v in values) <= 3 * n)


def _flatten(obj: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            if value and all(isinstance(v, dict) and "name" in v for v in value):
                flat[name] = ", ".join(str(v["name"]) for v in value)  # labels, tags
            elif any(isinstance(v, (dict, list)) for v in value):
                flat[name] = json.dumps(value, ensure_ascii=False)  # JSON, not a Python printout
            else:
                flat[name] = ", ".join("" if v is None else str(v) for v in value)
        else:
            flat[name] = "" if value is None else str(value)
    return flat


class GenericImporter(Importer):
    name = "generic"
    label = "Generic table or JSON"
    description = "Any CSV/TSV/XLSX/Parquet table or JSON/JSON Lines records, with a column mapping (--map FIELD=COLUMN)"
    kinds = ("csv", "xlsx", "json", "jsonl", "parquet")

    def sniff(self, source: SourceFile) -> float:
        return 0.05 if source.kind in self.kinds else 0.0

    # -- tables ------------------------------------------------------------------------------
    def read(self, source: SourceFile) -> Iterator[Record]:
        return self._read(source, self._rows_to_items)

    def read_prepared(self, source: SourceFile) -> Iterator | None:
        """The fast path: what ``read`` yields, with every item already as its stored row."""
        if any(f in _SLOW_FIELDS or f.startswith("segment:") for f in source.options.mapping):
            return None
        return self._read(source, self._rows_to_prepared)

    def _read(self, source: SourceFile, convert) -> Iterator:
        if source.kind in ("json", "jsonl", "zip"):
            yield from self._read_json(source, convert)
            return
        if source.kind == "csv":
            problem = not_a_table(source.name, source.text_head, source.preview_rows)
            if problem:
                raise source.fail(problem)
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        header_row, headers = first
        headers = [h.replace("\ufeff", "").strip() for h in headers]
        mapping = self._mapping(source, headers, source.preview_rows[1:])
        reading = whole_column_codes(source, headers, mapping, source.preview_rows[1:])
        if reading and reading.codes:  # 1/0 (or -1/0/1) sentiment codes stored as the words they stand for: 1 is not "1 star"
            rows = _recoded(rows, headers.index(mapping["sentiment"]), reading.codes)
        yield from convert(source, headers, mapping, rows)

    def _mapping(self, source: SourceFile, headers: list[str], samples: list[list[str]]) -> dict[str, str]:
        mapping = guess_mapping(headers, samples)
        if "id" in mapping and not _ids_usable(samples, headers.index(mapping["id"])):
            source.note("warning", f"column {mapping['id']!r} repeats its values or holds rounded numbers "
                        "(5.40E+17), so it cannot tell rows apart: rows are told apart by their content")
            del mapping["id"]
        cols = Columns(headers)
        for field, column in source.options.mapping.items():
            field = field.strip()
            if column == "" and not field.startswith("segment:"):  # the user said "(none)": no guess either
                mapping.pop("status" if field == "state" else field, None)
                continue
            if field.startswith("segment:"):
                if not field[8:].strip():
                    raise source.fail("a segment needs a name: --map segment:NAME=COLUMN")
                field = "segment:" + field[8:].strip()
            elif field == "state":
                field = "status"  # the source's own state, mapped to a status like any other
            elif field not in FIELDS:
                raise source.fail(f"unknown field {field!r} in the mapping (known: {', '.join(FIELDS)}, segment:NAME)")
            found = cols.find(column)
            if found is None:
                raise source.fail(f"has no column {column!r} (columns: {', '.join(headers[:30])})")
            header = headers[found]
            for other in [f for f, h in mapping.items() if h == header and f != field]:
                del mapping[other]  # a column the user mapped is not also a guessed field
            mapping[field] = header
        if "text" not in mapping and "title" not in mapping:
            raise source.fail("has no column that looks like free text (its columns hold choices, numbers or dates, "
                              "which are segments, not feedback); map one with --map text=COLUMN")
        return mapping

    def _plan(self, source: SourceFile, headers: list[str], mapping: dict[str, str]) -> RowPlan:
        index = {field: headers.index(col) for field, col in mapping.items()}
        used = set(index.values())
        score_fields: list[str] = [f for f in ("nps", "csat", "ces", "rating") if f in index]
        if "score" in index:
            score_fields.append("score")
        samples = [r[index["created_at"]] for r in source.preview_rows[1:] if "created_at" in index and index["created_at"] < len(r)]
        score_kind = self._score_kind(source, headers, index)
        plan = RowPlan()
        plan.index, plan.headers, plan.n, plan.file_name = index, headers, len(headers), source.name
        plan.extra = [(i, h) for i, h in enumerate(headers) if i not in used and h]
        plan.extra += [(index[field], key) for field, key in MAPPED_ATTRIBUTES if field in index]
        plan.parse_date = DateParser(source.options.dayfirst if source.options.dayfirst is not None else infer_dayfirst(samples),
                                     source.options.timezone)
        plan.scores = []  # (cell index, item attribute, low, high, header): decided once
        for field in score_fields:
            kind = score_kind if field == "score" else field
            plan.scores.append((index[field], kind, *SCALES[kind], headers[index[field]]))
        return plan

    def _rows_to_items(self, source: SourceFile, headers: list[str], mapping: dict[str, str], rows) -> Iterator[Record]:
        plan = self._plan(source, headers, mapping)
        index, extra, parse_date, scores, n = plan.index, plan.extra, plan.parse_date, plan.scores, plan.n
        i_id, i_text, i_title = index.get("id"), index.get("text"), index.get("title")
        i_created, i_author, i_status = index.get("created_at"), index.get("author"), index.get("status")
        i_link, i_labels, i_source = index.get("link"), index.get("labels"), index.get("source")
        dates = [(f, index[f]) for f in ("updated_at", "closed_at", "first_response_at") if f in index]
        i_votes = index.get("votes")
        segments = [(f[8:], i) for f, i in index.items() if f.startswith("segment:")]
        content_id = ContentIds()
        file_name = plan.file_name
        for row_number, cells in rows:
            if len(cells) != n:
                if len(cells) < n:
                    cells = cells + [""] * (n - len(cells))
                elif any(c.strip() for c in cells[n:]):
                    yield Rejected(row_number, too_many_cells(len(cells), n))
                    continue
            # text and title are stored verbatim; stripped copies decide emptiness and the content id
            raw_text = decode_entities(cells[i_text]) if i_text is not None else ""  # "&amp;" -> "&"
            raw_title = decode_entities(cells[i_title]) if i_title is not None else ""
            text, title = raw_text.strip(), raw_title.strip() or None
            if not text and not title:
                yield Skipped(row_number, SKIP_EMPTY)
                continue  # no feedback in this row (an empty comment is not an item)
            if not title and is_non_answer(text):
                yield Skipped(row_number, SKIP_NON_ANSWER)
                continue
            try:
                created = parse_date(cells[i_created]) if i_created is not None else None
            except ValueError as exc:
                yield Rejected(row_number, str(exc), column_name(headers, i_created))
                continue
            when, bad = {}, None
            for f, i in dates:
                try:
                    when[f] = parse_date(cells[i])
                except ValueError as exc:
                    bad = Rejected(row_number, str(exc), headers[i])
                    break
            if bad:
                yield bad
                continue
            # positional: external_id, text, title, created_at, updated_at, closed_at, author
            item = Item(
                cells[i_id].strip() if i_id is not None else "", raw_text if text else raw_title,
                raw_title if title else None, created, when.get("updated_at"), when.get("closed_at"),
                (cells[i_author].strip() or None) if i_author is not None else None,
                source=(cells[i_source].strip() or None) if i_source is not None else file_name,
                row=row_number,
            )
            first = when.get("first_response_at")
            if first and created and first >= created:
                item.first_response_s = _seconds_between(created, first)
            if i_link is not None:
                item.link = cells[i_link].strip() or None
            if i_labels is not None and cells[i_labels].strip():
                item.labels = [x.strip() for x in _LABEL_SPLIT.split(cells[i_labels]) if x.strip()]
            if i_status is not None and cells[i_status].strip():
                item.source_state = cells[i_status].strip().lower()
            bad = None
            for i, kind, low, high, header in scores:
                value, problem = checked_score(cells[i], low, high, kind)
                if problem:
                    bad = Rejected(row_number, problem, header)
                    break
                if value is not None:
                    setattr(item, kind, value)
            if bad:
                yield bad
                continue
            if extra:
                item.attributes = {h: cells[i] for i, h in extra if cells[i] != ""}
            for name, i in segments:
                if cells[i].strip():
                    item.attributes[name] = cells[i].strip()
            if i_votes is not None and cells[i_votes].strip():
                votes = score_value(cells[i_votes])
                if votes is None:
                    yield Rejected(row_number, f"votes value {cells[i_votes].strip()[:20]!r} is not a number", headers[i_votes])
                    continue
                item.attributes["votes"] = int(votes)
            if not item.external_id:
                item.external_id = content_id(item.created_at, item.author, title, text or title)  # as before: stripped
            yield item

    def _rows_to_prepared(self, source, headers: list[str], mapping: dict[str, str], rows) -> Iterator:
        """What ``_rows_to_items`` yields, each item already as its stored row (see generic_fast)."""
        plan = self._plan(source, headers, mapping)
        return prepared_rows(plan, rows, by_blocks=isinstance(source, SourceFile) and source.kind in ("csv", "xlsx"))

    def _score_kind(self, source: SourceFile, headers: list[str], index: dict[str, int]) -> str:
        if "score" not in index:
            return "rating"
        i = index["score"]
        samples = [r[i] for r in source.preview_rows[1:] if i < len(r)]
        kind = classify_score_column(headers[i], samples)
        if kind:
            return kind
        values = [v for v in (score_value(s) for s in samples) if v is not None]
        if values and min(values) >= 1 and max(values) <= 5:
            return "rating"
        return "nps"

    # -- JSON --------------------------------------------------------------------------------
    def _read_json(self, source: SourceFile, convert) -> Iterator:
        raw_samples = [o for o in source.first_json_objects if isinstance(o, dict)]
        flat_samples = [_flatten(o) for o in raw_samples]
        if not flat_samples:
            if source.json_failure is not None:  # nested too deep, a text over the limit, broken JSON...
                raise source.json_failure
            raise source.fail("holds no JSON objects")
        headers = list(dict.fromkeys(k for s in flat_samples for k in s))
        nested = nested_json(raw_samples)
        if nested and not source.options.mapping:
            raise source.fail(
                f"holds nested JSON records ({', '.join(nested[:4])} hold lists of objects), not a flat table: say "
                "which field is the text with --map text=FIELD; dotted paths reach nested fields, e.g. "
                f"--map author=user.name (fields: {', '.join(headers[:20])})")
        samples = [[s.get(h, "") for h in headers] for s in flat_samples]
        mapping = self._mapping(source, headers, samples)

        def rows():
            for number, obj in source.iter_json_objects():
                if isinstance(obj, BadRecord):
                    yield number, None, obj.reason
                elif not isinstance(obj, dict):
                    yield number, None, f"a JSON {type(obj).__name__}, not an object"
                else:
                    flat = _flatten(obj)
                    for key in flat:
                        if key not in headers:
                            headers.append(key)
                    yield number, [flat.get(h, "") for h in headers], None

        def only_good():
            for number, cells, reason in rows():
                if cells is None:
                    rejected.append(Rejected(number, reason))
                else:
                    yield number, cells

        rejected: list[Rejected] = []
        good = only_good()
        reading = whole_column_codes(source, headers, mapping, samples)
        if reading and reading.codes:  # as for tables: 1/0 sentiment codes stored as the words they stand for
            good = _recoded(good, headers.index(mapping["sentiment"]), reading.codes)
        for record in convert(_JsonAsTable(source, samples), headers, mapping, good):
            while rejected:
                yield rejected.pop(0)
            yield record
        yield from rejected


def _seconds_between(start: str, end: str) -> float:
    from datetime import datetime

    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


class _JsonAsTable:
    """Lets the row mapper see JSON samples where it expects ``preview_rows`` of a table."""

    def __init__(self, source: SourceFile, samples: list[list[str]]):
        self._source = source
        self.preview_rows: list[list[str]] = [[]] + samples
        self.options = source.options
        self.name = source.name

    def fail(self, reason: str, row: int | None = None):
        return self._source.fail(reason, row)
IMPORTERS = [GenericImporter()]

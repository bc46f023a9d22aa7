"""Shared survey logic: header layouts, column roles and the row loop of every survey importer.

A survey importer says how its header rows look (``parse_header``) and which columns are its
metadata (response id, submitted time, e-mail, ...). From the header and the first data rows this
module decides once per column whether it is the id, the time, a score (NPS/CSAT/CES/rating), free
text (each answer becomes an ``Item``) or an attribute of the respondent, then streams the rows in
a tight loop: per row one ``Respondent``, then its ``Item``s, or one ``Rejected``.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Iterable, Iterator

from ..domain import Item, Record, Rejected, Respondent, Skipped
from .base import Columns, ContentIds, Importer, normalise_header, stable_id
from .feedback_only import CHOICE_HINT, SKIP_NON_ANSWER, is_non_answer, multi_select
from .dates import DateParser, infer_dayfirst, to_utc_iso
from .scores import SCALES, kind_from_header, score_value
from .source import SourceFile

#: Data rows looked at (kept in memory, bounded) before the column roles are decided.
SAMPLE_ROWS = 500

_NUMERIC = re.compile(r"^\s*[-+]?(\d+([.,]\d+)*|[.,]\d+)\s*%?\s*$")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}\s*[/.\-年]\s*\d{1,2}\s*[/.\-月]\s*\d{1,4}")
_NO_LETTERS = re.compile(r"^[\W\d_]*$")  # numbers, punctuation, '-', '...': not feedback
_CODE = re.compile(r"^[A-Za-z_#][\w.\[\]#-]{0,59}$")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NPS_GROUP = re.compile(r"_NPS_GROUP$", re.I)
_DIGIT = re.compile(r"\d")

#: Header words that mark a free-text question (codes, sub-labels and question text).
TEXT_HINT = re.compile(
    r"_TEXT\b|_OTHER$|\[other\]|\[comment\]|open-ended|\bcomments?\b|feedback|suggest|"
    r"please (specify|explain|describe|tell)|anything else|free[- ]?text|in your own words|- text$|"
    r"意见|建议|评论|反馈|请注明|请说明|留言",
    re.I,
)
#: Personal data and identifiers: kept as attributes, never as feedback.
_PERSONAL = re.compile(r"\b(e-?mail|name|phone|phone number|address|user ?id|token)\s*[?:：？]?\s*$|姓名|电话|邮箱|手机", re.I)


@dataclass
class Header:
    """What a survey's header rows say about each column."""

    rows: int  # header rows before the data
    names: list[str]  # the name used to recognise metadata columns ('ResponseId', 'Timestamp')
    questions: list[str]  # question text shown to users (may equal the name)
    codes: list[str] = field(default_factory=list)  # short code for item ids ('Q2'); derived if empty
    hints: list[str] = field(default_factory=list)  # extra header text per column ('Open-Ended Response')
    raw: list[list[str]] = field(default_factory=list)  # the header rows as read

    def __post_init__(self) -> None:
        n = len(self.names)
        self.questions = (self.questions + [""] * n)[:n]
        self.hints = (self.hints + [""] * n)[:n]
        self.codes = _unique_codes((self.codes + [""] * n)[:n], self.questions, self.names, self.hints)


def _unique_codes(codes: list[str], questions: list[str], names: list[str], hints: list[str]) -> list[str]:
    """A code per column for item ids: the export's own, the header when it is code-like, else a hash."""
    out, seen = [], set()
    for code, question, name, hint in zip(codes, questions, names, hints):
        if not code:
            label = name or question
            code = label if _CODE.match(label) else "q" + stable_id(question or name, hint)[2:10]
        base, k = code, 1
        while code in seen:
            k += 1
            code = f"{base}#{k}"
        seen.add(code)
        out.append(code)
    return out


def fingerprint(cells: Iterable[str]) -> str:
    """A short hash of a header row: tells two surveys with the same response ids apart."""
    return stable_id(*[normalise_header(c) for c in cells])[2:10]


def padded(row: list[str], n: int) -> list[str]:
    return (row + [""] * n)[:n] if len(row) != n else row


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def looks_like_question(text: str) -> bool:
    """A question title rather than a data value: words, not a number or a date."""
    text = text.strip()
    if not text or _NUMERIC.match(text) or _DATE_LIKE.match(text):
        return False
    return text.endswith(("?", "？", ":")) or (" " in text and len(text) >= 12) or len(_CJK.findall(text)) >= 4


def _weight(text: str) -> int:
    return len(text) + len(_CJK.findall(text))  # a CJK character says about as much as a word's two letters


def classify_values(values: list[str]) -> str:
    """'empty', 'number', 'date', 'choice' or 'text' from the non-empty sample values of one column."""
    n = len(values)
    if not n:
        return "empty"
    if sum(1 for v in values if _NUMERIC.match(v)) > n / 2:
        return "number"
    if sum(1 for v in values if _DATE_LIKE.match(v)) > n / 2:
        return "date"
    distinct = len({v.lower() for v in values})
    if (n >= 2 and distinct == 1) or (n >= 5 and distinct <= max(2, 0.35 * n)) or multi_select(values):
        return "choice"
    if n >= 3 and sum(1 for v in values if ", " in v) >= n / 2:  # checkbox answers joined with ", "
        parts = [p.strip().lower() for v in values for p in v.split(", ")]
        if len(set(parts)) <= max(3, 0.3 * len(parts)):
            return "choice"
    words = sum(len(v.split()) for v in values) / n
    weight = sum(_weight(v) for v in values) / n
    if words >= 3 or weight >= 20 or (n < 5 and weight >= 10):
        return "text"
    return "choice"


_FAST_TIME = re.compile(
    r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?)?\s*$"
)


class SurveyDates:
    """``DateParser`` with a fast path for the numeric date-times survey tools write.

    ``3/5/2024 10:15:22``, ``03/05/2024 10:15:22 AM``, ``2024/03/05 10:15:22 AM GMT+1`` are built
    directly (dateutil takes ~100x longer per value); anything else goes to the ``DateParser``."""

    def __init__(self, parser: DateParser):
        self.parser = parser

    def __call__(self, value: str) -> str | None:
        m = _FAST_TIME.match(value)
        if m is not None:
            try:
                return self._build(m)
            except ValueError:
                pass  # e.g. month 13: let the DateParser decide and explain
        return self.parser(value)

    def _build(self, m: re.Match) -> str:
        a, b, c, hour, minute, second, ampm, sign, off_h, off_m = m.groups()
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif len(c) in (2, 4):
            year = int(c) + (2000 if len(c) == 2 else 0)
            first, other = int(a), int(b)
            dayfirst = self.parser.dayfirst
            if dayfirst is None:
                dayfirst = first > 12 >= other
            day, month = (first, other) if dayfirst else (other, first)
        else:
            raise ValueError("not a numeric date")
        h = int(hour)
        if ampm:
            if not 1 <= h <= 12:
                raise ValueError("hour out of range")
            h = h % 12 + (12 if ampm in "Pp" else 0)
        dt = datetime(year, month, day, h, int(minute), int(second or 0))
        if sign:
            offset = timedelta(hours=int(off_h), minutes=int(off_m or 0))
            dt = dt.replace(tzinfo=timezone(offset if sign == "+" else -offset))
        return to_utc_iso(dt, self.parser.default_tz)


@dataclass
class Plan:
    """The role of every column, decided once before the row loop."""

    n: int
    id_col: int | None = None
    time_col: int | None = None
    email_col: int | None = None
    scores: list[tuple[int, str]] = field(default_factory=list)  # (column, kind)
    texts: list[tuple[int, str, str]] = field(default_factory=list)  # (column, code, question)
    attributes: list[tuple[int, str]] = field(default_factory=list)  # (column, key)


class SurveyImporter(Importer):
    """Base of the survey importers; subclasses describe their layout and metadata columns."""

    kinds: tuple[str, ...] = ("csv", "xlsx")
    id_names: tuple[str, ...] = ()
    time_names: tuple[str, ...] = ()  # submitted time, best first
    email_names: tuple[str, ...] = ("Email Address", "Email", "E-mail", "EmailAddress", "RecipientEmail")
    metadata_names: frozenset[str] = frozenset()  # normalised names that are never questions
    metadata_pattern: re.Pattern | None = None
    dayfirst_default = False
    times_in_utc = False  # the header states UTC (Typeform): ignore the user's default zone
    blank_rows_are_respondents = False  # a blank row between data rows is a respondent who skipped all

    # -- layout (subclasses) -----------------------------------------------------------------
    def parse_header(self, rows: list[list[str]]) -> Header:
        first = [c.strip() for c in rows[0]] if rows else []
        return Header(rows=1, names=first, questions=list(first), raw=rows[:1])

    def header_rows(self, source: SourceFile) -> int:
        return self.parse_header(source.preview_rows).rows if source.preview_rows else 1

    def respondent_id(self, value: str, header: Header, cells: list[str], plan: Plan, content_ids: ContentIds,
                      position: int) -> str:
        """The respondent's external id: the survey's own response id, else a content hash."""
        if value:
            return value
        return content_ids(fingerprint(header.names), cell_at(cells, plan.time_col), cell_at(cells, plan.email_col),
                           *cells)

    def score_header(self, header: Header, i: int) -> str:
        """The text whose words say whether column ``i`` is a score (see scores.kind_from_header)."""
        return header.questions[i] or header.names[i]

    # -- plan --------------------------------------------------------------------------------
    def _is_metadata(self, name: str) -> bool:
        key = normalise_header(name)
        return key in self.metadata_names or bool(self.metadata_pattern and self.metadata_pattern.search(name))

    def build_plan(self, source: SourceFile, header: Header, samples: list[list[str]]) -> Plan:
        n = len(header.names)
        cols = Columns(header.names)
        plan = Plan(n=n)
        plan.id_col = cols.find(*self.id_names) if self.id_names else None
        plan.time_col = cols.find(*self.time_names) if self.time_names else None
        plan.email_col = cols.find(*self.email_names) if self.email_names else None
        forced_text: set[int] = set()
        for field_name, i in self._mapped(source, header).items():
            if field_name == "id":
                plan.id_col = i
            elif field_name == "created_at":
                plan.time_col = i
            elif field_name == "author":
                plan.email_col = i
            elif field_name == "text":
                forced_text.add(i)
            else:
                plan.scores.append((i, field_name))
        special = {plan.id_col, plan.time_col} - {None}
        taken = {i for i, _ in plan.scores}
        keys: set[str] = set()
        for i in range(n):
            if i in special or i in taken:
                continue
            name, question, hint = header.names[i], header.questions[i], header.hints[i]
            if not name and not question:
                continue  # the empty column after a trailing comma
            values = [c for c in (row[i].strip() for row in samples if i < len(row)) if c]
            if i in forced_text:
                role = "text"
            elif self._is_metadata(name) or _NPS_GROUP.search(name) or _NPS_GROUP.search(header.codes[i]):
                role = "attribute"
            else:
                kind = self._score_kind(self.score_header(header, i), values)
                if kind and kind not in {k for _, k in plan.scores}:
                    plan.scores.append((i, kind))
                    continue
                role = "text" if self._is_text(name, question, hint, header.codes[i], values) else "attribute"
            if role == "text":
                plan.texts.append((i, header.codes[i], question or name))
            else:
                key = name if self._is_metadata(name) or not question else question
                base, k = key, 1
                while key in keys:
                    k += 1
                    key = f"{base} ({k})"
                keys.add(key)
                plan.attributes.append((i, key))
        return plan

    @staticmethod
    def _mapped(source: SourceFile, header: Header) -> dict[str, int]:
        """The user's column mapping (field -> column name or question text) as column indexes."""
        found: dict[str, int] = {}
        for field_name, column in source.options.mapping.items():
            if field_name not in ("id", "created_at", "author", "text") and field_name not in SCALES:
                raise source.fail(f"unknown field {field_name!r} in the mapping for a survey "
                                  "(known: id, created_at, author, text, nps, csat, ces, rating)")
            i = Columns(header.names).find(column)
            if i is None:
                i = Columns(header.questions).find(column)
            if i is None:
                raise source.fail(f"has no column {column!r} (columns: {', '.join(header.names[:30])})")
            found[field_name] = i
        return found

    @staticmethod
    def _score_kind(header_text: str, values: list[str]) -> str | None:
        """A score column: its header names a scale and nearly all its values are numbers on it.

        A stray value off the scale (one, or up to 10 %) does not demote the column; its row is
        rejected instead."""
        kind = kind_from_header(header_text)
        if kind is None or not values:
            return None
        numbers = [x for x in (score_value(v) for v in values) if x is not None]
        if len(numbers) < 0.8 * len(values):
            return None
        low, high = SCALES[kind]
        fitting = sum(1 for x in numbers if low <= x <= high and float(x).is_integer())
        return kind if fitting and len(numbers) - fitting <= max(1, 0.1 * len(numbers)) else None

    @staticmethod
    def _is_text(name: str, question: str, hint: str, code: str, values: list[str]) -> bool:
        hint_text = " ".join(p for p in (code, name, question, hint) if p)
        if _PERSONAL.search(name) or _PERSONAL.search(question):
            return False
        values = [v for v in values if not is_non_answer(v)]  # "N/A" says nothing about the column
        verdict = classify_values(values)
        if verdict in ("number", "date"):
            return False
        if TEXT_HINT.search(hint_text):
            return True  # "Other - please specify" under a check-all question is free text
        if CHOICE_HINT.search(hint_text):
            return False
        return verdict == "text"

    def _date_parser(self, source: SourceFile, plan: Plan, samples: list[list[str]]) -> SurveyDates:
        dayfirst = source.options.dayfirst
        if dayfirst is None and plan.time_col is not None:
            dayfirst = infer_dayfirst([cell_at(r, plan.time_col) for r in samples])
        if dayfirst is None:
            dayfirst = self.dayfirst_default
        return SurveyDates(DateParser(dayfirst, "UTC" if self.times_in_utc else source.options.timezone))

    # -- reading -----------------------------------------------------------------------------
    def read(self, source: SourceFile) -> Iterator[Record]:
        preview = source.preview_rows
        if not preview:
            raise source.fail("has no rows")
        header = self.parse_header(preview)
        rows = source.iter_rows()
        last_header_row = 0
        for _ in range(header.rows):
            got = next(rows, None)
            if got is None:
                return  # only headers: nothing to import
            last_header_row = got[0]
        buffered = list(islice(rows, SAMPLE_ROWS))
        samples = [cells for _, cells in buffered]
        plan = self.build_plan(source, header, samples)
        yield from self._records(source, header, plan, samples, chain(buffered, rows), last_header_row)

    def _records(self, source: SourceFile, header: Header, plan: Plan, samples: list[list[str]],
                 rows: Iterable[tuple[int, list[str]]], last_header_row: int) -> Iterator[Record]:
        n = plan.n
        parse_date = self._date_parser(source, plan, samples)
        header_rows = [padded([c.strip() for c in r], n) for r in header.raw]
        first_names = {r[0] for r in header_rows if r}
        id_col, time_col, email_col = plan.id_col, plan.time_col, plan.email_col
        scores = [(i, kind, SCALES[kind], header.names[i] or header.questions[i]) for i, kind in plan.scores]
        texts, attributes = plan.texts, plan.attributes
        source_name = source.name
        content_ids = ContentIds()
        previous = last_header_row
        for row_number, cells in rows:
            if self.blank_rows_are_respondents:
                for gap in range(previous + 1, row_number):
                    rid = self.respondent_id("", header, [], plan, content_ids, gap - last_header_row)
                    yield Respondent(external_id=rid, row=gap)
            previous = row_number
            if len(cells) != n:
                cells = padded(cells, n)
            if cells[0].strip() in first_names and [c.strip() for c in cells] in header_rows:
                continue  # a repeated header (two exports pasted together) is not a response
            submitted = None
            if time_col is not None:
                try:
                    submitted = parse_date(cells[time_col])
                except ValueError as exc:
                    yield Rejected(row_number, str(exc), header.names[time_col])
                    continue
            respondent = Respondent(external_id="", submitted_at=submitted, row=row_number)
            bad = None
            for i, kind, (low, high), column in scores:
                raw = cells[i].strip()
                if not raw:
                    continue
                value = score_value(raw)
                if value is None and not _DIGIT.search(raw):
                    continue  # 'N/A', "Don't know": no score given
                if value is None or not low <= value <= high:
                    bad = Rejected(row_number, f"{kind.upper()} value {raw[:20]!r} is outside {low}-{high}", column)
                    break
                setattr(respondent, kind, value)
            if bad is not None:
                yield bad
                continue
            rid = self.respondent_id(cells[id_col].strip() if id_col is not None else "", header, cells, plan,
                                     content_ids, row_number - last_header_row)
            respondent.external_id = rid
            respondent.attributes = {key: v for i, key in attributes if (v := cells[i].strip())}
            skip = None
            for i, code, question in texts:  # a non-answer is the respondent's attribute, not feedback
                stripped = cells[i].strip()
                if stripped and is_non_answer(stripped):
                    respondent.attributes[question] = stripped
                    skip = skip or set()
                    skip.add(i)
            yield respondent
            author = cells[email_col].strip() or None if email_col is not None else None
            for i, code, question in texts:
                text = cells[i]  # stored verbatim; the stripped copy decides that the cell is empty
                stripped = text.strip()
                if not stripped or _NO_LETTERS.match(stripped):
                    continue
                if skip and i in skip:
                    yield Skipped(row_number, SKIP_NON_ANSWER)
                    continue
                yield Item(external_id=f"{rid}:{code}", text=text, respondent=rid, question=question,
                           created_at=submitted, author=author, source=source_name, status=None, row=row_number)


def cell_at(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def share(row: list[str], predicate) -> float:
    """Share of the non-empty cells of a row for which ``predicate`` holds."""
    cells = [c.strip() for c in row if c.strip()]
    return sum(1 for c in cells if predicate(c)) / len(cells) if cells else 0.0

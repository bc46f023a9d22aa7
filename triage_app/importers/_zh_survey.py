"""What the Chinese survey services' downloads share (Wenjuanxing 问卷星, Tencent Survey 腾讯问卷).

One header row, one column per question, then per row a respondent. Before the survey logic of
``survey_common`` sees a row it is reshaped once:

- a multi-select split over one column per option ("第6题(运动)", "6(运动)", "Q2:(运动)" holding
  0/1 or the option's text) becomes one column holding the chosen options joined with "┋", the
  way the "answers as text" download writes it; a typed "other" answer stays with its option
  ("其他〖...〗");
- non-answers ("(跳过)" skipped by the survey logic, "(空)" left empty, their codes -3/-2) become
  empty cells; open answers that say nothing ("无", "没有", "N/A") are counted as skipped;
- the respondent's IP address is personal data: only the region the service appends to it
  ("(广东-广州)") is kept, as the attribute ``IP地区``.

Columns whose answers are "┋"-joined choices are attributes (segments), never feedback items.
Times without a zone are China time unless the user names another zone. The services number
respondents per survey (序号, 编号), so a respondent's id is that number prefixed with a hash of
its submit time (of the header when there is none): two surveys do not share ids, and the text and
codes downloads of one survey, or a later download, give the same ids (no duplicates on re-import).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, islice
from typing import Iterator, Sequence

from dateutil import tz as dateutil_tz

from ..domain import Item, Record, Skipped
from .base import ContentIds, normalise_header, stable_id
from .survey_common import SAMPLE_ROWS, Header, Plan, SurveyImporter, cell_at, fingerprint

MULTI_SEPARATOR = "┋"
NON_ANSWERS = frozenset({"(跳过)", "（跳过）", "(空)", "（空）", "-3", "-2", "跳过", "(未填)", "（未填）"})
#: open answers that say nothing: not feedback items (the respondent is still kept)
EMPTY_ANSWERS = frozenset({"无", "没有", "暂无", "没", "无意见", "没有意见", "没有建议", "无建议", "暂时没有", "不知道", "不清楚",
                           "n/a", "na", "none", "no", "nothing", "-", "/", "null", "nil", "。", "无。", "没有。"})
IP_REGION_KEY = "IP地区"
_OPTION_COLUMN = re.compile(r"^(.*?)\s*[(（](.+)[)）]\s*$")
_IP_HEADER = re.compile(r"(^|[^A-Za-z])IP([^A-Za-z]|$)|IP地址|ip address", re.I)
_IP_REGION = re.compile(r"[(（]([^()（）]*)[)）]\s*$")
_SELECTED = {"1", "1.0", "√", "是", "选中"}
_NOT_SELECTED = {"0", "0.0", ""}
CHINA_TIME = "Asia/Shanghai"
GROUP_HINT = "多选(分列)"  # marks a reshaped multi-select column


@dataclass
class _Column:
    """One column of the reshaped row: a source column, a group of option columns, or an IP's region."""

    name: str
    source: int = -1  # -1: a group of option columns (``options``)
    options: tuple[tuple[int, str], ...] = ()
    ip: bool = False


def _option_label(name: str) -> str:
    """The option's own label in a column header "question:option" (the whole header otherwise)."""
    m = _OPTION_COLUMN.match(name)
    return m.group(2).strip() if m else name


def _clean(value: str) -> str:
    stripped = value.strip()
    return "" if stripped in NON_ANSWERS else value


def _ticked(options: tuple[tuple[int, str], ...], samples) -> bool:
    """Whether sample rows hold ticks (0/1 or the option's own label) in these columns, as a
    multi-select's options do, and not values (a matrix question's ratings "4", "5")."""
    for k, label in options:
        if "其他" in label or "other" in label.lower():
            continue  # may hold the typed text
        allowed = _SELECTED | _NOT_SELECTED | NON_ANSWERS | {label}
        if any(k < len(row) and row[k].strip() not in allowed for row in samples):
            return False
    return True


class Reshaper:
    """The reshaping described in the module docstring, decided once from the header row."""

    def __init__(self, header: list[str], metadata: frozenset[str], samples: Sequence[list[str]] = ()):
        names = [c.strip() for c in header]
        self.columns: list[_Column] = []
        self.groups: set[str] = set()
        i = 0
        while i < len(names):
            name = names[i]
            if _IP_HEADER.search(name):
                self.columns.append(_Column(IP_REGION_KEY, i, ip=True))
                i += 1
                continue
            m = _OPTION_COLUMN.match(name) if normalise_header(name) not in metadata else None
            j = i + 1
            if m and m.group(1):
                while j < len(names):
                    other = _OPTION_COLUMN.match(names[j])
                    if not other or other.group(1) != m.group(1):
                        break
                    j += 1
            options = tuple((k, _option_label(names[k])) for k in range(i, j)) if j - i >= 2 else ()
            if m and options and _ticked(options, samples):  # two or more options of one question side by side
                group = m.group(1).rstrip(":：") or m.group(1)
                self.columns.append(_Column(group, options=options))
                self.groups.add(group)
                i = j
            else:
                self.columns.append(_Column(name, i))
                i += 1
        self.header = [c.name for c in self.columns]

    def __call__(self, cells: list[str]) -> list[str]:
        n = len(cells)
        out = []
        for col in self.columns:
            if col.options:
                chosen = []
                for k, label in col.options:
                    value = _clean(cells[k]).strip() if k < n else ""
                    if value in _NOT_SELECTED:
                        continue
                    if value in _SELECTED or value == label:
                        chosen.append(label)
                    else:  # the text typed into an "other, please specify" option
                        chosen.append(f"{label}〖{value}〗")
                out.append(MULTI_SEPARATOR.join(chosen))
            elif col.ip:
                raw = cells[col.source].strip() if col.source < n else ""
                m = _IP_REGION.search(raw)
                out.append(m.group(1).strip() if m else "")
            else:
                out.append(_clean(cells[col.source]) if col.source < n else "")
        return out


class ZhSurveyImporter(SurveyImporter):
    """Base of the Chinese survey services' importers (CSV, XLSX and XLS downloads)."""

    kinds = ("csv", "xlsx", "xls")
    times_in_china = True

    def read(self, source) -> Iterator[Record]:
        preview = source.preview_rows
        if not preview:
            raise source.fail("has no rows")
        reshape = Reshaper(preview[0], self.metadata_names, preview[1:])
        names = reshape.header
        header = Header(rows=1, names=list(names), questions=list(names), raw=[names],
                        hints=[GROUP_HINT if n in reshape.groups else "" for n in names])
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            return
        reshaped = ((number, reshape(cells)) for number, cells in rows)
        buffered = list(islice(reshaped, SAMPLE_ROWS))
        samples = [cells for _, cells in buffered]
        plan = self.build_plan(source, header, samples)
        for record in self._records(source, header, plan, samples, chain(buffered, reshaped), first[0]):
            if type(record) is Item and record.text.strip().lower() in EMPTY_ANSWERS:
                yield Skipped(record.row, "non-answers (无, 没有, N/A...)")
            else:
                yield record

    def _is_metadata(self, name: str) -> bool:
        return name == IP_REGION_KEY or super()._is_metadata(name)

    def _is_text(self, name: str, question: str, hint: str, code: str,  # type: ignore[override]  # a method over the base's staticmethod
                 values: list[str]) -> bool:
        if hint == GROUP_HINT:
            return False
        if values and sum(1 for v in values if MULTI_SEPARATOR in v) >= max(1, len(values) / 4):
            return False  # choices joined with ┋: a segment, not feedback
        return super()._is_text(name, question, hint, code, values)

    def respondent_id(self, value: str, header: Header, cells: list[str], plan: Plan, content_ids: ContentIds,
                      position: int) -> str:
        if value:  # numbered per survey: the submit time (else the header) keeps two surveys apart
            when = cell_at(cells, plan.time_col)
            return f"{stable_id(when)[2:10] if when else fingerprint(header.names)}:{value}"
        return super().respondent_id(value, header, cells, plan, content_ids, position)

    def _date_parser(self, source, plan, samples):
        dates = super()._date_parser(source, plan, samples)
        if self.times_in_china and not source.options.timezone:
            dates.parser.default_tz = dateutil_tz.gettz(CHINA_TIME)
        return dates

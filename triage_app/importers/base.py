"""What every importer is: a name, a one-line description, a sniff score and a record stream.

Importers parse only; they never write. ``read`` yields ``Respondent``/``Item``/``Rejected``
records in file order (a respondent before its items), ``Skipped`` for records left out on
purpose (counted in the summary's ``skipped``) and ``Note``s (warnings), and raises
``ImportFailure`` for a file it cannot read at all.
"""
from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from analysis.label_values import type_from_issue_type, type_from_labels

from ..domain import Record
from .source import SourceFile

if TYPE_CHECKING:
    from ..store.scratch import DiskCounter


#: key in ``Item.attributes`` for the feedback type a file states (a mapped ``type`` column, an issue
#: or ticket type, issue labels); the sentiment service normalises it and lets it outrank its model
TYPE_KEY = "_type"


def with_stated_type(attributes: dict, issue_type=None, labels: Iterable[str] = ()) -> dict:
    """``attributes`` with ``TYPE_KEY`` set to problem / request / question when the issue or ticket
    type says so, else the labels (analysis.label_values); unchanged when neither does."""
    kind = type_from_issue_type(issue_type) or type_from_labels(labels)
    if kind:
        attributes[TYPE_KEY] = kind
    return attributes


class Importer:
    name: str = ""
    label: str = ""
    description: str = ""
    #: file kinds this importer reads ('csv', 'xlsx', 'json', 'jsonl', 'zip')
    kinds: tuple[str, ...] = ()

    def sniff(self, source: SourceFile) -> float:
        """How sure (0..1) that this file is in this importer's format; cheap (cached head only)."""
        return 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        raise NotImplementedError

    def read_prepared(self, source: SourceFile) -> Iterator | None:
        """Optional fast path: the records of ``read`` with every ``Item`` already as its stored row
        (``store.rows.prepare_item``; an item that cannot be stored as a ``Rejected``), or None
        when the importer has none. Must give the same workspace as ``read``."""
        return None

    def header_rows(self, source: SourceFile) -> int:
        """How many header rows precede the data (tabular formats); used by the preview."""
        return 1


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (exports leave fields out, null or odd)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def stable_id(*parts: object) -> str:
    """A content hash used as external id where the source has none (re-import never duplicates)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return "h:" + hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class ContentIds:
    """External ids for rows without one: a content hash, numbered when the same content repeats.

    Two identical reviews in one export stay two items (``h:...`` and ``h:...#2``), and the
    same export imported again gives the same ids, so nothing is lost or counted twice.
    """

    #: ids kept in memory (~105 MB per million); past this a file without ids (bigger than memory,
    #: say) counts in a temporary on-disk table instead, so memory stays bounded
    IN_MEMORY = 2_000_000

    def __init__(self, in_memory: int | None = None) -> None:
        self._seen: dict[str, int] = {}
        self._limit = self.IN_MEMORY if in_memory is None else in_memory
        self._disk: DiskCounter | None = None

    def __call__(self, *parts: object) -> str:
        base = stable_id(*parts)
        if self._disk is not None:
            count = self._disk.add(base)
        else:
            count = self._seen.get(base, 0) + 1
            self._seen[base] = count
            if len(self._seen) > self._limit:
                self._spill()
        return base if count == 1 else f"{base}#{count}"

    def _spill(self) -> None:
        from ..store.scratch import DiskCounter

        self._disk = DiskCounter(self._seen.items())
        self._seen = {}


def normalise_header(header: str) -> str:
    return re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().lower()


class Columns:
    """Case- and space-insensitive lookup of header names, keeping repeated headers (Jira)."""

    def __init__(self, headers: Iterable[str]):
        self.headers = [h.replace("\ufeff", "").strip() for h in headers]
        self._index: dict[str, list[int]] = {}
        for i, h in enumerate(self.headers):
            self._index.setdefault(normalise_header(h), []).append(i)

    def find(self, *names: str) -> int | None:
        """Index of the first header matching one of ``names`` (first name wins)."""
        for name in names:
            hits = self._index.get(normalise_header(name))
            if hits:
                return hits[0]
        return None

    def has(self, *names: str) -> bool:
        return all(self.find(n) is not None for n in names)

    def count_present(self, names: Iterable[str]) -> int:
        return sum(1 for n in names if self.find(n) is not None)


def column_name(headers: list[str], index: int | None) -> str | None:
    """The name of column ``index`` (None when the file has no such column), for a Rejected row."""
    return None if index is None else headers[index]


def cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()

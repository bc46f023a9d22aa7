"""Domain types shared by importers, services and the store.

Importers turn a file into a stream of records (``Respondent``, ``Item``, ``Rejected``);
the import service writes them to the store in one transaction. Times are ISO 8601 strings
in UTC (``2024-03-05T10:15:22+00:00``) or None.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Generator, TypeVar, Union

#: The one resolution workflow shared by items and themes (docs/metrics: Resolution status).
STATUSES = ("new", "triaged", "planned", "in progress", "resolved", "won't fix", "duplicate")
#: The statuses that close an item or a theme (the rest of STATUSES are open).
CLOSED_STATUSES = STATUSES[STATUSES.index("resolved"):]
#: The statuses that say the work is decided or done (planned onwards): worth telling people about.
DECIDED_STATUSES = STATUSES[STATUSES.index("planned"):]
SCORE_KINDS = ("nps", "csat", "ces", "rating")


@dataclass(slots=True)
class Event:
    """A comment, reply or review on an item: gives time to first response."""

    created_at: str | None
    author: str | None = None
    body: str | None = None
    kind: str = "comment"  # comment | reply
    author_is_bot: bool = False
    author_association: str | None = None


@dataclass(slots=True)
class Respondent:
    """One survey response (a person's submission); its scores count once for NPS/CSAT/CES."""

    external_id: str
    submitted_at: str | None = None
    nps: float | None = None
    csat: float | None = None
    ces: float | None = None
    rating: float | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


@dataclass(slots=True)
class Item:
    """One piece of free-text feedback (an answer, an issue, a ticket, a review)."""

    external_id: str
    text: str
    title: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    closed_at: str | None = None
    author: str | None = None
    author_is_bot: bool = False
    respondent: str | None = None  # external id of a Respondent yielded earlier
    question: str | None = None
    source: str | None = None  # e.g. "huggingface/datasets" or the survey's name
    source_state: str | None = None  # raw state, e.g. "closed/completed"
    status: str | None = None  # one of STATUSES
    labels: list[str] = field(default_factory=list)
    link: str | None = None
    nps: float | None = None
    csat: float | None = None
    ces: float | None = None
    rating: float | None = None
    first_response_s: float | None = None  # reported by the source itself
    events: list[Event] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    row: int | None = None  # row or record number in the file, for messages


@dataclass(slots=True)
class Rejected:
    """A row that could not be read; the rest of the file still imports."""

    row: int | None
    reason: str
    column: str | None = None


@dataclass(slots=True)
class Note:
    """Something the summary should say about a file that is not a row: ``kind`` 'warning' (``key``
    is the message) or 'rows_read' (``count``: rows in the file, for re-import replacement)."""

    kind: str
    key: str
    count: int = 1


@dataclass(slots=True)
class Skipped:
    """A record that is deliberately not feedback (a bot message, a pull request, a tag wiki):
    not imported and not an error, but counted by reason in the import summary."""

    row: int | None
    reason: str


Record = Union[Respondent, Item, Rejected, Skipped, Note]


class ImportFailure(Exception):
    """A whole file cannot be imported. The message names the file and says why."""

    def __init__(self, path: str, reason: str, row: int | None = None):
        self.path, self.reason, self.row = path, reason, row
        where = f"{path}" + (f", row {row}" if row is not None else "")
        super().__init__(f"{where}: {reason}")


class EncodingUncertain(ImportFailure):
    """The text encoding cannot be told with confidence: ``candidates`` are (encoding, share of
    plausible characters, a sample of the text as it reads in that encoding), best first."""

    def __init__(self, path: str, reason: str, candidates: list[tuple[str, float, str]], row: int | None = None):
        self.candidates = candidates
        names = ", ".join(c[0] for c in candidates) or "none"
        hint = f"; choose one with --encoding {candidates[0][0]}" if candidates else "; choose one with --encoding"
        super().__init__(path, f"{reason} (candidates: {names}){hint}", row)


class Cancelled(Exception):
    """Raised inside a service when the user cancelled; the transaction is rolled back."""


class CancelToken:
    """Set from any thread; services check it between batches."""

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def raise_if_cancelled(self) -> None:
        if self._cancelled:
            raise Cancelled()


@dataclass(slots=True)
class Progress:
    """One progress report from a service: stage name, done and total (None: unknown)."""

    stage: str
    done: int
    total: int | None = None
    message: str = ""


T = TypeVar("T")


def drive(service: Generator[Progress, Any, T], on_progress: Callable[[Progress], Any] | None = None) -> T:
    """Run a generator service to its end: every yielded Progress goes to ``on_progress`` (when
    given), and the service's return value is returned."""
    while True:
        try:
            progress = next(service)
        except StopIteration as stop:
            result: T = stop.value
            return result
        if on_progress is not None:
            on_progress(progress)

"""Stack Exchange data dump ``Posts.xml`` (Stack Overflow and every other site).

``<posts><row Id=".." PostTypeId=".." .../></posts>``, one attribute-only row per post. Questions
(PostTypeId 1) become items: title, body (HTML to text), tags as labels, Score as
``attributes["votes"]``. Answers (PostTypeId 2) become the question's events, so response times
are the time to the first answer by someone else. An accepted answer resolves the question (its
time is the close time); ``ClosedDate`` marks a closed question. Other post types (tag wikis,
moderator nominations...) are counted as skipped.

Dumps are large, so the file is streamed twice with ``defusedxml``'s iterparse (no DTDs, no
entity expansion): the first pass keeps each answer's time, author and a short body by question,
the second yields the questions (past 400,000 answers they wait in a temporary on-disk table, so
memory stays bounded). External ids are ``<site key>:<Id>``; the site key is a hash of
the dump's first post (the same in every dump of a site, different between sites).
"""
from __future__ import annotations

import marshal
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from dateutil import tz as dateutil_tz
from defusedxml.ElementTree import iterparse
from xml.etree.ElementTree import ParseError

from .. import statuses
from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Importer, stable_id
from ._community import as_int, clean_attributes, html_to_text
from .dates import to_utc_iso

if TYPE_CHECKING:
    from ..store.scratch import DiskGroups
from .source import SourceFile

#: answer bodies kept for the item view, in characters
BODY_CHARS = 1_000
_TAG = re.compile(r"<([^<>]+)>")
_SKIPPED_TYPES = {"3": "orphaned tag wikis", "4": "tag wiki excerpts", "5": "tag wikis",
                  "6": "moderator nominations", "7": "wiki placeholders", "8": "privilege wikis"}


def _iso(value: str | None, default_tz) -> str | None:
    """The dump's times: ISO 8601 without a zone, in UTC. Anything else is an error (ValueError)."""
    if not value:
        return None
    try:
        return to_utc_iso(datetime.fromisoformat(value), default_tz)
    except ValueError:
        raise ValueError(f"not an ISO date-time: {value[:40]!r}") from None


def _tags(raw: str | None) -> list[str]:
    if not raw:
        return []
    if raw.startswith("|"):
        return [t for t in raw.split("|") if t]
    return _TAG.findall(raw)


def _site(source: SourceFile) -> str:
    """The site's name for the source column: the dump folder ("beer.stackexchange.com") or the file name."""
    folder = source.path.parent.name
    if "." in folder:
        return folder
    stem = re.sub(r"[_\-. ]*posts$", "", source.path.stem, flags=re.I)
    return stem or folder or "stackexchange"


class StackExchangeImporter(Importer):
    name = "stackexchange"
    label = "Stack Exchange data dump (Posts.xml)"
    description = "Stack Exchange data dump Posts.xml: questions as items, answers as responses, Score as votes"
    kinds = ("xml",)

    def sniff(self, source: SourceFile) -> float:
        head = source.text_head[:20000]
        if "<posts" in head and "<row " in head and 'PostTypeId="' in head:
            return 0.97
        return 0.0

    def _rows(self, source: SourceFile) -> Iterator[tuple[int, dict]]:
        """(row number, attributes) of every <row>, streamed; memory stays flat."""
        number = 0
        try:
            context = iterparse(str(source.path), events=("start", "end"), forbid_dtd=True)
            root = None
            for event, elem in context:
                if root is None:
                    root = elem
                    if elem.tag != "posts":
                        raise source.fail(f"is XML whose root is <{elem.tag}>, not a Stack Exchange <posts> dump")
                    continue
                if event == "end" and elem.tag == "row":
                    number += 1
                    yield number, dict(elem.attrib)
                    root.clear()  # drop the rows already read
        except ParseError as exc:
            raise source.fail(f"is not well-formed XML after post {number} ({exc}); a cut-off download?",
                              number + 1) from None
        except (LookupError, UnicodeError) as exc:  # an unknown or wrong encoding declaration
            raise source.fail(f"is XML in an encoding that cannot be read ({exc})") from None
        except ValueError as exc:  # defusedxml refuses DTDs and entity declarations
            raise source.fail(f"is XML this importer does not read safely ({type(exc).__name__}: {exc})") from None

    def _answers(self, source: SourceFile, parse_date) -> tuple["_Answers", str]:
        """Answers by question id, and the site key (hash of the first post)."""
        answers = _Answers()
        site_key = ""
        for _, row in self._rows(source):
            if not site_key:
                site_key = stable_id(row.get("Id"), row.get("CreationDate"))[2:10]
            if row.get("PostTypeId") != "2" or not row.get("ParentId"):
                continue
            try:
                created = parse_date(row.get("CreationDate"))
            except ValueError:
                created = None
            body = html_to_text(row.get("Body"))[:BODY_CHARS] or None
            answers.add(row["ParentId"], (row.get("Id"), created, _owner(row), body))
        return answers, site_key

    def read(self, source: SourceFile) -> Iterator[Record]:
        zone = dateutil_tz.gettz(source.options.timezone) if source.options.timezone else timezone.utc

        def parse_date(value):
            return _iso(value, zone)

        answers, site_key = self._answers(source, parse_date)
        try:
            yield from self._questions(source, parse_date, answers, site_key)
        finally:
            answers.close()

    def _questions(self, source: SourceFile, parse_date, answers: "_Answers", site_key: str) -> Iterator[Record]:
        site = _site(source)
        domain_like = "." in site
        for number, row in self._rows(source):
            kind = row.get("PostTypeId")
            if kind == "2":
                continue  # already attached to its question
            if kind != "1":
                yield Skipped(number, _SKIPPED_TYPES.get(kind or "", "posts that are not questions or answers"))
                continue
            post_id = row.get("Id")
            if not post_id:
                yield Rejected(number, "a question without an Id", "Id")
                continue
            try:
                created = parse_date(row.get("CreationDate"))
                active = parse_date(row.get("LastActivityDate"))
                closed = parse_date(row.get("ClosedDate"))
            except ValueError as exc:
                yield Rejected(number, str(exc), "CreationDate")
                continue
            title = (row.get("Title") or "").strip()
            text = html_to_text(row.get("Body"))
            if not title and not text:
                yield Skipped(number, "empty questions")
                continue
            mine = answers.get(post_id)
            accepted_id = row.get("AcceptedAnswerId")
            accepted_at = next((when for aid, when, _, _ in mine if aid == accepted_id), None)
            if closed:
                state = "closed"
            elif accepted_id:
                state = "accepted"
            elif mine or (as_int(row.get("AnswerCount")) or 0) > 0:
                state = "answered"
            else:
                state = "open"
            events = [Event(when, who, body, "answer") for _, when, who, body in sorted(mine, key=lambda a: a[1] or "")]
            attributes = {
                "votes": as_int(row.get("Score")),
                "views": as_int(row.get("ViewCount")),
                "answers": as_int(row.get("AnswerCount")),
                "comment_count": as_int(row.get("CommentCount")),
                "favorites": as_int(row.get("FavoriteCount")),
                "accepted_answer_id": accepted_id,
            }
            yield Item(
                external_id=f"{site_key}:{post_id}",
                title=title or None,
                text=text or title,
                created_at=created,
                updated_at=active,
                closed_at=closed or accepted_at,
                author=_owner(row),
                source=site,
                source_state=state,
                status=statuses.map_state("stackexchange", state),
                labels=_tags(row.get("Tags")),
                link=f"https://{site}/questions/{post_id}" if domain_like else None,
                events=events,
                attributes=clean_attributes(attributes),
                row=number,
            )


class _Answers:
    """Answers grouped by question: in memory, and past ``IN_MEMORY`` answers in a temporary
    on-disk table (a whole site's dump can hold tens of millions), so memory stays bounded."""

    IN_MEMORY = 400_000
    BATCH = 20_000

    def __init__(self, in_memory: int | None = None) -> None:
        self._groups: dict[str, list] = {}
        self._count = 0
        self._limit = self.IN_MEMORY if in_memory is None else in_memory
        self._disk: DiskGroups | None = None
        self._pending: list[tuple[str, bytes]] = []

    def add(self, question: str, answer: tuple) -> None:
        if self._disk is not None:
            self._pending.append((question, marshal.dumps(answer)))
            if len(self._pending) >= self.BATCH:
                self._flush()
            return
        self._groups.setdefault(question, []).append(answer)
        self._count += 1
        if self._count > self._limit:
            from ..store.scratch import DiskGroups

            self._disk = DiskGroups()
            self._pending = [(q, marshal.dumps(a)) for q, group in self._groups.items() for a in group]
            self._groups = {}
            self._flush()

    def _flush(self) -> None:
        assert self._disk is not None
        self._disk.add_many(self._pending)
        self._pending = []

    def get(self, question: str) -> list[tuple]:
        if self._disk is None:
            return self._groups.get(question, [])
        if self._pending:
            self._flush()
        return [marshal.loads(v) for v in self._disk.get(question)]

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()


def _owner(row: dict) -> str | None:
    if row.get("OwnerDisplayName"):
        return row["OwnerDisplayName"]
    return f"user{row['OwnerUserId']}" if row.get("OwnerUserId") else None


IMPORTERS = [StackExchangeImporter()]

"""GitHub Discussions from ``gh api graphql`` (one response, ``--paginate`` pages, ``--slurp`` arrays,
or ``--jq '...nodes[]'`` JSON Lines).

Discussion nodes (``repository.discussions.nodes[]`` or ``edges[].node``) become items: title,
body, author, category, labels. Comments (``comments.nodes[]``) and their ``replies.nodes[]`` are
events, so response times are the time to the first comment by someone else. An answered
discussion is resolved at ``answerChosenAt``; a closed one at ``closedAt`` with its
``stateReason`` (resolved, outdated, duplicate). ``upvoteCount`` (else ``reactions.totalCount``)
is ``attributes["votes"]``. External id: ``owner/repo/discussions/N`` from the URL.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from .. import statuses
from ..domain import Event, Item, Record, Rejected
from .base import Importer, with_stated_type
from ._community import BAD_FIELD_ERRORS, as_int, bad_field, clean_attributes, dig, text_of
from .dates import DateParser
from .github import is_bot_login
from .json_depth import check_depth
from .source import BadRecord, SourceFile

_URL = re.compile(r"^https?://[^/]+/([^/]+)/([^/]+)/discussions/(\d+)")
_MARKS = ("upvoteCount", "isAnswered", "answerChosenAt", "answer")
MAX_WALK_DEPTH = 12


def _is_discussion(obj: dict) -> bool:
    return "title" in obj and ("number" in obj or "url" in obj) and (
        any(k in obj for k in _MARKS) or "/discussions/" in str(obj.get("url") or ""))


def discussions_in(data: Any, depth: int = 0) -> Iterator[dict]:
    """Discussion nodes anywhere in a GraphQL response, a page array, or a bare node."""
    if depth > MAX_WALK_DEPTH:
        return
    if isinstance(data, list):
        for element in data:
            yield from discussions_in(element, depth + 1)
    elif isinstance(data, dict):
        if _is_discussion(data):
            yield data
            return
        for key, value in data.items():
            if key in ("pageInfo", "errors", "extensions"):
                continue
            if isinstance(value, (dict, list)):
                yield from discussions_in(value, depth + 1)


def _login(actor: Any) -> tuple[str | None, bool]:
    login = dig(actor, "login") if isinstance(actor, dict) else None
    bot = isinstance(actor, dict) and actor.get("__typename") == "Bot"
    return login, bot or is_bot_login(login)


def _nodes(connection: Any) -> list[dict]:
    if isinstance(connection, list):
        return [n for n in connection if isinstance(n, dict)]
    nodes = dig(connection, "nodes")
    if isinstance(nodes, list):
        return [n for n in nodes if isinstance(n, dict)]
    edges = dig(connection, "edges")
    if isinstance(edges, list):
        return [e["node"] for e in edges if isinstance(e, dict) and isinstance(e.get("node"), dict)]
    return []


def _concatenated(text: str) -> list:
    """The JSON documents of a file: one, or several written back to back (``gh api --paginate``
    prints each page's response after the previous one)."""
    decoder = json.JSONDecoder()
    documents: list[Any] = []
    position, end = 0, len(text)
    while True:
        while position < end and text[position] in " \t\r\n":
            position += 1
        if position >= end:
            return documents
        document, position = decoder.raw_decode(text, position)
        documents.append(document)


class GitHubDiscussionsImporter(Importer):
    name = "github_discussions"
    label = "GitHub Discussions (gh api graphql JSON)"
    description = "GitHub Discussions from gh api graphql: repository.discussions nodes with comments, answers, upvotes"
    kinds = ("json", "jsonl")

    def sniff(self, source: SourceFile) -> float:
        head = source.head[:1 << 16]
        if b'"discussions"' in head and (b'"nodes"' in head or b'"edges"' in head):
            return 0.97
        objects = [o for o in source.first_json_objects if isinstance(o, dict)]
        hits = sum(1 for o in objects if _is_discussion(o))
        return 0.96 if objects and hits >= 0.5 * len(objects) else 0.0

    def _documents(self, source: SourceFile) -> Iterator[tuple[int, Any]]:
        if source.kind == "json":
            try:
                raw = source.path.read_bytes()
                check_depth(raw)
                documents = _concatenated(raw.decode("utf-8-sig"))
            except (ValueError, RecursionError) as exc:
                raise source.fail(f"is not valid JSON ({exc})") from None
            yield from enumerate(documents, start=1)
        else:
            yield from source.iter_json_objects()

    def read(self, source: SourceFile) -> Iterator[Record]:
        parse_date = DateParser(False, source.options.timezone)
        number = 0
        for line, document in self._documents(source):
            if isinstance(document, BadRecord):
                yield Rejected(line, document.reason)
                continue
            for node in discussions_in(document):
                number += 1
                row = number if source.kind == "json" else line
                try:
                    yield self._item(node, row, parse_date)
                except BAD_FIELD_ERRORS as exc:
                    yield Rejected(row, bad_field(exc))

    def _item(self, d: dict, number: int, parse_date: DateParser) -> Record:
        url = text_of(d.get("url"))
        m = _URL.match(url)
        repo = f"{m.group(1)}/{m.group(2)}" if m else text_of(dig(d, "repository", "nameWithOwner")) or None
        if m:
            external_id = f"{repo}/discussions/{m.group(3)}"
        elif repo and d.get("number") is not None:
            external_id = f"{repo}/discussions/{d['number']}"
        elif d.get("id"):
            external_id = str(d["id"])  # the GraphQL node id is global
        else:
            return Rejected(number, "no url, repository or id to identify the discussion", "url")
        try:
            created, updated, closed, chosen = (parse_date(d.get(k)) for k in
                                                ("createdAt", "updatedAt", "closedAt", "answerChosenAt"))
        except (ValueError, TypeError) as exc:
            return Rejected(number, f"a date is not readable ({exc})", "createdAt")
        author, author_bot = _login(d.get("author"))
        answered = bool(d.get("isAnswered")) or isinstance(d.get("answer"), dict)
        reason = text_of(d.get("stateReason")).lower() or None
        if d.get("closed"):
            state = statuses.source_state("closed", reason)
        elif answered:
            state = "answered"
        else:
            state = statuses.source_state("open", reason if reason == "reopened" else None)
        events = self._events(d, parse_date)
        upvotes, reactions = as_int(d.get("upvoteCount")), as_int(dig(d, "reactions", "totalCount"))
        title = text_of(d.get("title"))
        body = text_of(d.get("body")) or text_of(d.get("bodyText"))
        attributes = {
            "votes": upvotes if upvotes is not None else reactions,
            "upvotes": upvotes,
            "reactions": reactions,
            "comments": as_int(dig(d, "comments", "totalCount")),
            "category": text_of(dig(d, "category", "name")) or None,
            "number": d.get("number"),
            "locked": d.get("locked") or None,
        }
        return Item(
            external_id=external_id,
            title=title or None,
            text=body or title,
            created_at=created, updated_at=updated,
            closed_at=closed if d.get("closed") and closed else (chosen if answered else None),
            author=author, author_is_bot=author_bot,
            source=repo,
            source_state=state,
            status=statuses.map_state("github_discussions", *(state or "").split("/", 1)),
            labels=[str(n.get("name")) for n in _nodes(d.get("labels")) if n.get("name")],
            link=url or None,
            events=events,
            # the category (Q&A, Ideas) or a label says the type
            attributes=with_stated_type(clean_attributes(attributes), None, [
                str(attributes["category"] or ""), *(str(n.get("name")) for n in _nodes(d.get("labels")) if n.get("name"))]),
            row=number,
        )

    @staticmethod
    def _events(d: dict, parse_date: DateParser) -> list[Event]:
        events = []

        def add(node: dict, kind: str) -> None:
            try:
                when = parse_date(node.get("createdAt"))
            except (ValueError, TypeError):
                when = None
            login, bot = _login(node.get("author"))
            events.append(Event(when, login, text_of(node.get("body")) or text_of(node.get("bodyText")) or None,
                                kind, bot, node.get("authorAssociation") or None))

        comments = _nodes(d.get("comments"))
        for c in comments:
            add(c, "answer" if c.get("isAnswer") else "comment")
            for r in _nodes(c.get("replies")):
                add(r, "reply")
        if not comments and isinstance(d.get("answer"), dict):
            add(d["answer"], "answer")
        events.sort(key=lambda e: e.created_at or "")
        return events


IMPORTERS = [GitHubDiscussionsImporter()]

"""GitHub issues: REST v3 issue objects (``github``) and ``gh issue list --json`` output (``github_cli``).

Both give the same external id, ``owner/repo#number``, taken from the issue's URLs. REST objects
with a non-empty ``pull_request`` are pull requests and are skipped (GitHub's issues endpoint
returns both; the summary counts them). REST issue objects carry only a comment *count*; comment objects, where a
file embeds them (``comments`` as a list), and the gh CLI's ``comments[]`` become events.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from .. import statuses
from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Importer, as_dict, as_list, with_stated_type
from .dates import DateParser
from .source import BadRecord, SourceFile

_API_REPO = re.compile(r"^https?://[^/]+/(?:api/v3/)?repos/([^/]+)/([^/#?]+)")
_HTML_REPO = re.compile(r"^https?://[^/]+/([^/]+)/([^/#?]+)/(?:issues|pull)/\d+")


def is_bot_login(login: str | None) -> bool:
    return bool(login) and login.lower().endswith("[bot]")  # type: ignore[union-attr]  # bool(login): not None


def repo_from_urls(*urls: Any) -> str | None:
    """``owner/repo`` from an API URL (``.../repos/o/r[/issues/1]``) or an HTML issue URL."""
    for url in urls:
        if not isinstance(url, str) or not url:
            continue
        m = _API_REPO.match(url) or _HTML_REPO.match(url)
        if m:
            return f"{m.group(1)}/{m.group(2)}"
    return None


def _login(user: Any) -> str | None:
    return user.get("login") or None if isinstance(user, dict) else (user or None if isinstance(user, str) else None)


def _label_names(labels: Any) -> list[str]:
    if not isinstance(labels, list):
        return []
    names = (lab.get("name") if isinstance(lab, dict) else lab for lab in labels)
    return [str(n) for n in names if n]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _JsonIssues(Importer):
    """Shared record loop: rejects non-objects and JSON Lines lines that do not parse."""

    kinds = ("json", "jsonl", "zip")

    def read(self, source: SourceFile) -> Iterator[Record]:
        parse_date = DateParser(default_tz=source.options.timezone)
        for number, obj in source.iter_json_objects():
            if isinstance(obj, BadRecord):
                yield Rejected(number, obj.reason)
            elif not isinstance(obj, dict):
                yield Rejected(number, f"a JSON {type(obj).__name__}, not an issue object")
            else:
                record = self._record(obj, number, parse_date, source)
                if record is not None:
                    yield record

    def _record(self, obj: dict, number: int, parse_date: DateParser, source: SourceFile) -> Record | None:
        raise NotImplementedError

    @staticmethod
    def _dates(obj: dict, keys: tuple[str, str, str], parse_date: DateParser) -> tuple[list[str | None], str | None]:
        """Parsed (created, updated, closed), or an error naming the bad field."""
        out = []
        for key in keys:
            try:
                out.append(parse_date(obj.get(key)))
            except (ValueError, TypeError) as exc:
                return [], f"{key}: {exc}"
        return out, None

    @staticmethod
    def _sniff_share(source: SourceFile, test) -> float:
        objects = [o for o in source.first_json_objects if isinstance(o, dict)]
        if not objects:
            return 0.0
        return sum(1 for o in objects if test(o)) / len(objects)


class GitHubRestImporter(_JsonIssues):
    name = "github"
    label = "GitHub issues (REST API JSON)"
    description = "Issue objects from GET /repos/{owner}/{repo}/issues: JSON array, JSON Lines or a zip of them"

    def sniff(self, source: SourceFile) -> float:
        def looks(o: dict) -> bool:
            return "number" in o and "state" in o and ("html_url" in o or "repository_url" in o) and "title" in o

        share = self._sniff_share(source, looks)
        return 0.95 * share if share >= 0.5 else 0.0

    def _record(self, obj: dict, number: int, parse_date: DateParser, source: SourceFile) -> Record | None:
        if obj.get("pull_request"):
            return Skipped(number, "pull requests")  # not an issue
        issue_number = obj.get("number")
        if issue_number is None or issue_number == "":
            return Rejected(number, "no issue number", "number")
        if isinstance(issue_number, bool) or not isinstance(issue_number, (int, str)):
            return Rejected(number, f"issue number is not a number or text ({type(issue_number).__name__})", "number")
        repo = repo_from_urls(obj.get("repository_url"), obj.get("html_url"), obj.get("url"))
        if repo is None:
            return Rejected(number, "no repository in repository_url, html_url or url", "html_url")
        dates, error = self._dates(obj, ("created_at", "updated_at", "closed_at"), parse_date)
        if error:
            return Rejected(number, error, error.split(":", 1)[0])
        created, updated, closed = dates
        user = as_dict(obj.get("user"))
        login = user.get("login") or None
        title = _text(obj.get("title"))
        state, reason = _text(obj.get("state")) or None, _text(obj.get("state_reason")) or None
        reactions = as_dict(obj.get("reactions"))
        comments = obj.get("comments")
        attributes: dict[str, Any] = {
            "number": issue_number,
            "comments": len(comments) if isinstance(comments, list) else comments,
            "author_association": obj.get("author_association"),
            "state_reason": reason,
            "locked": obj.get("locked"),
            "reactions": reactions.get("total_count"),
            "reactions_plus1": reactions.get("+1"),
            "milestone": (obj.get("milestone") or {}).get("title") if isinstance(obj.get("milestone"), dict) else None,
            "assignees": ", ".join(filter(None, (_login(a) for a in obj.get("assignees") or []))) or _login(obj.get("assignee")),
            "closed_by": _login(obj.get("closed_by")),
            "issue_type": (obj.get("type") or {}).get("name") if isinstance(obj.get("type"), dict) else None,
        }
        return Item(
            external_id=f"{repo}#{issue_number}",
            title=title or None,
            text=_text(obj.get("body")) or title,
            created_at=created, updated_at=updated, closed_at=closed,
            author=login,
            author_is_bot=user.get("type") == "Bot" or is_bot_login(login),
            source=repo,
            source_state=statuses.source_state(state, reason),
            status=statuses.map_state("github", state, reason),
            labels=_label_names(obj.get("labels")),
            link=_text(obj.get("html_url")) or None,
            events=self._events(comments, parse_date),
            attributes=with_stated_type({k: v for k, v in attributes.items() if v not in (None, "")},
                                        attributes["issue_type"], _label_names(obj.get("labels"))),
            row=number,
        )

    @staticmethod
    def _events(comments: Any, parse_date: DateParser) -> list[Event]:
        """Comment objects embedded by some dumps (REST comment objects, or bare bodies)."""
        if not isinstance(comments, list):
            return []
        events = []
        for c in comments:
            if isinstance(c, str):
                events.append(Event(None, body=c))
            elif isinstance(c, dict):
                user = as_dict(c.get("user"))
                try:
                    when = parse_date(c.get("created_at"))
                except (ValueError, TypeError):
                    when = None
                login = user.get("login") or None
                events.append(Event(when, login, c.get("body"), "comment",
                                    user.get("type") == "Bot" or is_bot_login(login), c.get("author_association")))
        return events


class GitHubCliImporter(_JsonIssues):
    name = "github_cli"
    label = "GitHub issues (gh CLI JSON)"
    description = "Output of gh issue list --state all --json number,title,body,state,createdAt,author,comments,..."

    def sniff(self, source: SourceFile) -> float:
        def looks(o: dict) -> bool:
            return "createdAt" in o and ("author" in o or "number" in o) and ("title" in o or "body" in o)

        share = self._sniff_share(source, looks)
        return 0.9 * share if share >= 0.5 else 0.0

    def _record(self, obj: dict, number: int, parse_date: DateParser, source: SourceFile) -> Record | None:
        issue_number = obj.get("number")
        if issue_number is None or issue_number == "":
            return Rejected(number, "no issue number", "number")
        if isinstance(issue_number, bool) or not isinstance(issue_number, (int, str)):
            return Rejected(number, f"issue number is not a number or text ({type(issue_number).__name__})", "number")
        url = _text(obj.get("url"))
        repo = repo_from_urls(url)
        if repo is not None:
            external_id = f"{repo}#{issue_number}"
        elif obj.get("id"):
            external_id = str(obj["id"])  # the GraphQL node id is global too (gh --json without url)
        else:
            return Rejected(number, "no url or id to identify the issue (add url to gh --json)", "url")
        dates, error = self._dates(obj, ("createdAt", "updatedAt", "closedAt"), parse_date)
        if error:
            return Rejected(number, error, error.split(":", 1)[0])
        created, updated, closed = dates
        author = as_dict(obj.get("author"))
        login = author.get("login") or None
        state = _text(obj.get("state")).lower() or None
        reason = _text(obj.get("stateReason")).lower() or None
        title = _text(obj.get("title"))
        comments = as_list(obj.get("comments"))
        events = []
        for c in comments:
            if not isinstance(c, dict):
                continue
            who = as_dict(c.get("author"))
            who_login = who.get("login") or None
            try:
                when = parse_date(c.get("createdAt"))
            except (ValueError, TypeError):
                when = None
            events.append(Event(when, who_login, c.get("body"), "comment",
                                bool(who.get("is_bot")) or is_bot_login(who_login), c.get("authorAssociation") or None))
        groups = as_list(obj.get("reactionGroups"))
        reactions = sum(int(((g.get("users") or {}).get("totalCount")) or 0) for g in groups if isinstance(g, dict))
        milestone = obj.get("milestone")
        attributes: dict[str, Any] = {
            "number": issue_number,
            "comments": len(comments) if "comments" in obj else None,
            "state_reason": reason,
            "reactions": reactions if groups else None,
            "milestone": milestone.get("title") if isinstance(milestone, dict) else None,
            "assignees": ", ".join(filter(None, (_login(a) for a in obj.get("assignees") or []))),
            "locked": obj.get("isLocked"),
        }
        return Item(
            external_id=external_id,
            title=title or None,
            text=_text(obj.get("body")) or title,
            created_at=created, updated_at=updated, closed_at=closed,
            author=login,
            author_is_bot=bool(author.get("is_bot")) or is_bot_login(login),
            source=repo,
            source_state=statuses.source_state(state, reason),
            status=statuses.map_state("github", state, reason),
            labels=_label_names(obj.get("labels")),
            link=url or None,
            events=events,
            attributes=with_stated_type({k: v for k, v in attributes.items() if v not in (None, "")},
                                        attributes.get("issue_type"), _label_names(obj.get("labels"))),
            row=number,
        )


IMPORTERS = [GitHubRestImporter(), GitHubCliImporter()]

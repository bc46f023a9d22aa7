"""Zendesk tickets: API dumps (``{"tickets": [...]}`` pages, arrays, JSON Lines, zips of them).

Satisfaction ``good``/``bad`` becomes CSAT 5/1 (so top-2-box CSAT equals good / (good + bad));
``offered``/``unoffered`` are unrated. ``first_response_s`` is Zendesk's own
``reply_time_in_minutes.calendar`` x 60 from the ticket's metric set: embedded in the ticket
(``metric_set``, as in the full JSON export) or sideloaded beside the tickets in the same wrapper
object (``"metric_sets": [...]``, joined on ``ticket_id``). Embedded ``comments`` become events
(the first comment is the ticket's description and is not repeated).
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from .. import statuses
from ..domain import Event, Item, Rejected, Record
from .base import Importer, as_dict, as_list, with_stated_type
from .dates import DateParser
from .json_depth import TooDeep, check_depth
from .source import BadRecord, SourceFile

_TICKET_KEYS = ("requester_id", "submitter_id", "via", "satisfaction_rating", "ticket_form_id", "brand_id",
                "organization_id", "group_id", "assignee_id", "has_incidents", "raw_subject")
_CSAT = {"good": 5.0, "bad": 1.0}
_METRIC_ARRAYS = ("metric_sets", "ticket_metrics", "ticket_metric_sets")
_SYSTEM_CHANNELS = {"rule", "system", "automation"}


def _host(url: Any) -> str | None:
    """``acme.zendesk.com`` from the ticket's API URL."""
    if not isinstance(url, str) or "//" not in url:
        return None
    return url.split("//", 1)[1].split("/", 1)[0] or None


def _minutes(metrics: dict, key: str) -> float | None:
    value = metrics.get(key)
    if isinstance(value, dict):
        value = value.get("calendar")
    return float(value) * 60 if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class ZendeskImporter(Importer):
    name = "zendesk"
    label = "Zendesk tickets (JSON)"
    description = "Zendesk ticket JSON: API pages ({\"tickets\": [...]}, optional metric_sets), arrays or JSON Lines"
    kinds = ("json", "jsonl", "zip")

    def sniff(self, source: SourceFile) -> float:
        objects = [o for o in source.first_json_objects if isinstance(o, dict)]
        tickets = [o for o in objects if "subject" in o and "status" in o and "id" in o]
        if objects and len(tickets) >= 0.5 * len(objects):
            typed = sum(1 for o in tickets if any(k in o for k in _TICKET_KEYS))
            return 0.9 if typed >= 0.5 * len(tickets) else 0.5
        if source.kind == "json" and b'"tickets"' in source.head and b'"subject"' in source.head:
            return 0.8
        return 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        parse_date = DateParser(default_tz=source.options.timezone)
        for number, obj, metrics in self._records(source):
            if isinstance(obj, BadRecord):
                yield Rejected(number, obj.reason)
            elif not isinstance(obj, dict):
                yield Rejected(number, f"a JSON {type(obj).__name__}, not a ticket object")
            elif "subject" not in obj and "description" not in obj and "ticket_id" in obj:
                continue  # a stray metric set, not a ticket
            else:
                try:
                    record = self._ticket(obj, number, parse_date, metrics)
                except (TypeError, AttributeError, ValueError, KeyError) as exc:  # wrong-typed fields
                    record = Rejected(number, f"a field has an unexpected type or value ({type(exc).__name__}: {exc})")
                yield record

    def _records(self, source: SourceFile) -> Iterator[tuple[int, Any, dict | None]]:
        """Tickets with their sideloaded metric sets; a wrapper object is small and read whole."""
        if source.kind == "json" and source.head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            try:
                with open(source.path, "rb") as fh:
                    raw = fh.read()
                check_depth(raw)
                data = json.loads(raw.decode("utf-8-sig"))
            except (ValueError, RecursionError) as exc:  # decoding, syntax, TooDeep, huge integers
                raise source.fail(f"is not valid JSON ({exc})") from None
            if isinstance(data, dict) and isinstance(data.get("ticket"), dict):
                data = {**data, "tickets": [data["ticket"]]}
            if isinstance(data, dict) and isinstance(data.get("tickets") or data.get("results"), list):
                by_ticket = {}
                for key in _METRIC_ARRAYS:
                    for m in data.get(key) or []:
                        if isinstance(m, dict) and isinstance(m.get("ticket_id"), (int, str)):
                            by_ticket[m["ticket_id"]] = m
                tickets = as_list(data.get("tickets") or data.get("results"))  # a list: checked above
                for number, obj in enumerate(tickets, start=1):
                    ticket_id = obj.get("id") if isinstance(obj, dict) else None
                    yield number, obj, by_ticket.get(ticket_id) if isinstance(ticket_id, (int, str)) else None
                return
        for number, obj in source.iter_json_objects():
            yield number, obj, None

    def _ticket(self, obj: dict, number: int, parse_date: DateParser, metrics: dict | None) -> Record:
        ticket_id = obj.get("id")
        if ticket_id is None or ticket_id == "":
            return Rejected(number, "no ticket id", "id")
        if isinstance(ticket_id, bool) or not isinstance(ticket_id, (int, float, str)):
            return Rejected(number, f"ticket id is not a number or text ({type(ticket_id).__name__})", "id")
        dates = []
        for key in ("created_at", "updated_at"):
            try:
                dates.append(parse_date(obj.get(key)))
            except (ValueError, TypeError) as exc:
                return Rejected(number, f"{key}: {exc}", key)
        if metrics is None:
            embedded = obj.get("metric_set") or obj.get("metrics") or obj.get("ticket_metric")
            metrics = embedded if isinstance(embedded, dict) else {}
        try:
            solved = parse_date(metrics.get("solved_at"))
        except (ValueError, TypeError):
            solved = None
        subject = (obj.get("subject") or obj.get("raw_subject") or "").strip()
        description = (obj.get("description") or "").strip()
        comments = as_list(obj.get("comments"))
        if not description and comments and isinstance(comments[0], dict):
            description = (comments[0].get("plain_body") or comments[0].get("body") or "").strip()
        host = _host(obj.get("url"))
        status = obj.get("status")
        rating = as_dict(obj.get("satisfaction_rating"))
        score = (rating.get("score") or "").lower() or None
        requester = obj.get("requester")
        author = (requester.get("email") or requester.get("name")) if isinstance(requester, dict) else None
        if author is None and obj.get("requester_id") is not None:
            author = str(obj["requester_id"])
        via = as_dict(obj.get("via"))
        attributes: dict[str, Any] = {
            "priority": obj.get("priority"), "type": obj.get("type"), "channel": via.get("channel"),
            "assignee_id": obj.get("assignee_id"), "group_id": obj.get("group_id"),
            "organization_id": obj.get("organization_id"), "brand_id": obj.get("brand_id"),
            "satisfaction": score, "satisfaction_comment": rating.get("comment") or None,
            "full_resolution_time_s": _minutes(metrics, "full_resolution_time_in_minutes"),
            "first_resolution_time_s": _minutes(metrics, "first_resolution_time_in_minutes"),
            "reopens": metrics.get("reopens"), "replies": metrics.get("replies"),
        }
        with_stated_type(attributes, obj.get("type"))  # problem / incident / question; task says nothing
        for field in obj.get("custom_fields") or []:
            if isinstance(field, dict) and isinstance(field.get("value"), (str, int, float)) and field.get("value") != "":
                attributes[f"custom_field_{field.get('id')}"] = field["value"]
        return Item(
            external_id=str(ticket_id),
            title=subject or None,
            text=description or subject or f"Zendesk ticket {ticket_id}",
            created_at=dates[0], updated_at=dates[1], closed_at=solved,
            author=author,
            source=host,
            source_state=statuses.source_state(status),
            status=statuses.map_state("zendesk", status) if status else None,
            labels=[str(t) for t in obj.get("tags") or [] if t],
            link=f"https://{host}/agent/tickets/{ticket_id}" if host else None,
            csat=_CSAT.get(score or ""),
            first_response_s=_minutes(metrics, "reply_time_in_minutes"),
            events=self._events(comments, description, parse_date),
            attributes={k: v for k, v in attributes.items() if v not in (None, "")},
            row=number,
        )

    @staticmethod
    def _events(comments: list, description: str, parse_date: DateParser) -> list[Event]:
        events = []
        for index, c in enumerate(comments):
            if not isinstance(c, dict):
                continue
            body = c.get("plain_body") or c.get("body") or ""
            if index == 0 and body.strip() == description:
                continue  # the description itself
            try:
                when = parse_date(c.get("created_at"))
            except (ValueError, TypeError):
                when = None
            channel = (c.get("via") or {}).get("channel") if isinstance(c.get("via"), dict) else None
            author = c.get("author_id")
            events.append(Event(when, str(author) if author is not None else None, body, "comment",
                                channel in _SYSTEM_CHANNELS))
        return events


IMPORTERS = [ZendeskImporter()]

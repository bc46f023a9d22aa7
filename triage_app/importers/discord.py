"""Discord channel exports made with DiscordChatExporter (JSON, one file per channel or thread).

``{"guild": {...}, "channel": {"id", "type", "name", "category"}, "messages": [...]}``; a message
has ``id`` (a snowflake, unique across Discord: the external id), ``type`` (``Default``,
``Reply``, or a system event), ``timestamp`` (ISO), ``content``, ``author`` (``name``,
``nickname``, ``isBot``), ``reactions[]`` (``count``: votes) and ``reference.messageId`` (the
message a reply answers). Messages that start a conversation are items; replies become events of
the message their reply chain starts from. An exported thread or forum post (channel type
``...Thread``) is one conversation: its first message is the item, the rest are its events. Bot
messages and system events (joins, pins, thread creation notices) are counted as skipped.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Importer, as_dict, as_list
from ._community import BAD_FIELD_ERRORS, as_int, bad_field, clean_attributes, dig, text_of
from .dates import DateParser
from .json_depth import check_depth
from .source import SourceFile

_CONVERSATION_TYPES = {"Default", "Reply", "", None, "ThreadStarterMessage", "ChatInputCommand"}


def _name(author: Any) -> str | None:
    if not isinstance(author, dict):
        return None
    name = author.get("nickname") or author.get("name") or author.get("id")
    return str(name) if name else None


def _votes(message: dict) -> int | None:
    reactions = message.get("reactions")
    if not isinstance(reactions, list):
        return None
    return sum(as_int(r.get("count")) or 0 for r in reactions if isinstance(r, dict))


class DiscordImporter(Importer):
    name = "discord"
    label = "Discord (DiscordChatExporter JSON)"
    description = "Discord channel or thread exported by DiscordChatExporter as JSON (guild, channel, messages[])"
    kinds = ("json",)

    def sniff(self, source: SourceFile) -> float:
        head = source.head[:1 << 16]
        if b'"messages"' not in head or b'"channel"' not in head:
            return 0.0
        messages = [o for o in source.first_json_objects if isinstance(o, dict)]
        looks = sum(1 for o in messages if "timestamp" in o and "author" in o and ("content" in o or "type" in o))
        if messages and looks >= 0.8 * len(messages):
            return 0.96 if b'"guild"' in head else 0.85
        return 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        try:
            raw = source.path.read_bytes()
            check_depth(raw)
            data = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError) as exc:
            raise source.fail(f"is not valid JSON ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise source.fail("is not a DiscordChatExporter JSON export (no messages list)")
        channel = as_dict(data.get("channel"))
        channel_name = text_of(channel.get("name")) or "discord"
        is_thread = "thread" in str(channel.get("type") or "").lower()
        parse_date = DateParser(False, source.options.timezone)
        attributes_base = {"channel": channel_name, "category": text_of(channel.get("category")) or None,
                           "guild": text_of(dig(data, "guild", "name")) or None}
        items: dict[str, Item] = {}
        root_of: dict[str, str] = {}  # message id -> id of the item its conversation belongs to
        order: list[Item] = []
        for number, m in enumerate(data["messages"], start=1):
            try:
                record = self._message(number, m, is_thread, parse_date, attributes_base, channel_name, items,
                                       root_of, order)
            except BAD_FIELD_ERRORS as exc:
                record = Rejected(number, bad_field(exc))
            if record is not None:
                yield record
        yield from order

    @staticmethod
    def _message(number: int, m: Any, is_thread: bool, parse_date: DateParser, attributes_base: dict,
                 channel_name: str, items: dict, root_of: dict, order: list) -> Record | None:
        """One message: a Skipped or Rejected record, or None when it became an item or a reply."""
        if not isinstance(m, dict):
            return Rejected(number, "a message that is not a JSON object")
        author = as_dict(m.get("author"))
        if author.get("isBot"):
            return Skipped(number, "bot messages")
        if m.get("type") not in _CONVERSATION_TYPES:
            return Skipped(number, "channel events (joins, pins...)")
        message_id = str(m.get("id") or "")
        if not message_id:
            return Rejected(number, "a message without an id", "id")
        try:
            when = parse_date(m.get("timestamp"))
            edited = parse_date(m.get("timestampEdited"))
        except (ValueError, TypeError) as exc:
            return Rejected(number, f"timestamp: {exc}", "timestamp")
        text = text_of(m.get("content"))
        if not text:
            attachments = as_list(m.get("attachments"))
            names = [a.get("fileName") for a in attachments if isinstance(a, dict)]
            text = " ".join(str(n) for n in names if n)
        replied_to = str(dig(m, "reference", "messageId") or "")
        root = root_of.get(replied_to) if replied_to else None
        if root is None and is_thread and order:
            root = order[0].external_id
        if root is not None:
            root_of[message_id] = root
            items[root].events.append(Event(when, _name(author), text or None, "reply"))
            return None
        if replied_to:
            return Skipped(number, "replies to messages not in the export")
        if not text:
            return Skipped(number, "messages without text")
        item = Item(
            external_id=message_id,
            text=text,
            created_at=when,
            updated_at=edited,
            author=_name(author),
            source=f"#{channel_name}",
            attributes=clean_attributes({**attributes_base, "votes": _votes(m),
                                         "pinned": True if m.get("isPinned") else None}),
            row=number,
        )
        items[message_id] = item
        root_of[message_id] = message_id
        order.append(item)
        return None


IMPORTERS = [DiscordImporter()]

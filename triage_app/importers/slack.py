"""Slack workspace export: the zip, its unpacked folder (import its ``channels.json``), or one day file.

An export holds ``channels.json`` (also ``groups.json``, ``mpims.json``, ``dms.json``),
``users.json`` and one folder per channel with a ``YYYY-MM-DD.json`` array of messages per day.
Each top-level message is an item and its thread replies (``thread_ts`` pointing at it, maybe in
a later day's file) are its events; ``user`` ids are resolved to names through users.json and
``<@U123>``, ``<#C1|name>``, ``<url|label>`` in the text are made readable. ``ts`` (epoch seconds)
is the time and, with the channel id, the external id. Reactions are votes. Bot messages and
channel events (joins, topic changes...) are not feedback: they are counted as skipped. The
channel is the item's source ("#general").
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Importer, as_dict, as_list
from ._community import BAD_FIELD_ERRORS, as_int, bad_field, clean_attributes, epoch_iso
from .json_depth import check_depth
from .source import SourceFile

CHANNEL_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_BOT_SUBTYPES = {"bot_message", "bot_add", "bot_remove", "bot_enable", "bot_disable"}
_KEPT_SUBTYPES = {None, "", "thread_broadcast", "me_message", "file_share", "file_comment", "reply_broadcast"}
_DELETED_SUBTYPES = {"tombstone", "message_deleted"}
_MARKUP = re.compile(r"<([@#!])?([^<>|]*)(?:\|([^<>]*))?>")
MAX_MEMBER_BYTES = 256 << 20


class _Tree:
    """The export's files, in a zip or a folder: JSON by relative path and the channel folders' days."""

    def __init__(self, source: SourceFile):
        self.source = source
        self.zip: zipfile.ZipFile | None = None
        self.files: set[str] = set()  # the zip's files under ``prefix`` (a folder is read directly)
        if source.kind == "zip":
            self.zip = zipfile.ZipFile(source.path)
            names = [n for n in self.zip.namelist() if not n.endswith("/")]
            lists = [n for n in names if PurePosixPath(n).name in ("users.json",) + CHANNEL_LISTS]
            prefix = str(PurePosixPath(min(lists, key=len)).parent) if lists else ""
            self.prefix = "" if prefix == "." else prefix + "/"
            self.files = {n[len(self.prefix):] for n in names if n.startswith(self.prefix)}
        else:
            self.root = source.path.parent
            self.prefix = ""

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()

    def load(self, relative: str) -> Any:
        """The parsed JSON at ``relative`` (None when absent); ValueError when it does not parse."""
        if self.zip is not None:
            if relative not in self.files:
                return None
            info = self.zip.getinfo(self.prefix + relative)
            if info.file_size > MAX_MEMBER_BYTES:
                raise ValueError(f"{relative} unpacks to {info.file_size:,} bytes")
            raw = self.zip.read(info)
        else:
            path = self.root / relative
            if not path.is_file():
                return None
            raw = path.read_bytes()
        check_depth(raw)
        return json.loads(raw.decode("utf-8-sig"))

    def days(self, folder: str) -> list[str]:
        if self.zip is not None:
            return sorted(f for f in self.files
                          if PurePosixPath(f).parent.as_posix() == folder and _DAY_FILE.match(PurePosixPath(f).name))
        path = self.root / folder
        if not path.is_dir():
            return []
        return sorted(f"{folder}/{p.name}" for p in path.iterdir() if _DAY_FILE.match(p.name))


def _people(users: Any) -> dict[str, tuple[str, bool]]:
    """user id -> (display name, is a bot)."""
    out = {}
    for u in users if isinstance(users, list) else []:
        if not isinstance(u, dict) or not u.get("id"):
            continue
        profile = as_dict(u.get("profile"))
        name = (profile.get("display_name") or u.get("real_name") or profile.get("real_name") or u.get("name")
                or u["id"])
        out[u["id"]] = (str(name), bool(u.get("is_bot") or u.get("is_app_user")) or u["id"] == "USLACKBOT")
    return out


def readable(text: str, people: dict[str, tuple[str, bool]]) -> str:
    """Slack's markup made readable: mentions, channel links, special mentions, links."""
    def replace(m: re.Match) -> str:
        sigil, target, label = m.group(1), m.group(2), m.group(3)
        if sigil == "@":
            return "@" + (label or people.get(target, (target, False))[0])
        if sigil == "#":
            return "#" + (label or target)
        if sigil == "!":
            return "@" + (label.lstrip("@") if label else target.split("^")[0])
        return label or target

    if not isinstance(text, str):
        return ""
    text = _MARKUP.sub(replace, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def _votes(message: dict) -> int | None:
    reactions = message.get("reactions")
    if not isinstance(reactions, list):
        return None
    return sum(as_int(r.get("count")) or len(r.get("users") or []) for r in reactions if isinstance(r, dict))


class SlackImporter(Importer):
    name = "slack"
    label = "Slack workspace export"
    description = "Slack workspace export: the zip, its folder's channels.json, or one channel day file (YYYY-MM-DD.json)"
    kinds = ("zip", "json")

    def sniff(self, source: SourceFile) -> float:
        if source.kind == "zip":
            try:
                with zipfile.ZipFile(source.path) as zf:
                    names = [PurePosixPath(n) for n in zf.namelist()]
            except (zipfile.BadZipFile, OSError):
                return 0.0
            has_lists = any(n.name in ("users.json",) + CHANNEL_LISTS for n in names)
            has_days = any(_DAY_FILE.match(n.name) for n in names)
            return 0.97 if has_lists and has_days else 0.0
        objects = [o for o in source.first_json_objects if isinstance(o, dict)]
        if not objects:
            return 0.0
        if source.name == "users.json" and all("id" in o and ("profile" in o or "real_name" in o) for o in objects):
            return 0.9  # read() says what to import instead
        if source.name in CHANNEL_LISTS and all("id" in o and ("name" in o or "members" in o) for o in objects):
            return 0.95
        messages = sum(1 for o in objects if "ts" in o and o.get("type") == "message")
        if messages >= 0.8 * len(objects):
            return 0.95 if _DAY_FILE.match(source.name) else 0.85
        return 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        if source.name == "users.json":
            raise source.fail("is the user list of a Slack export, not messages: import the export's zip, "
                              "its folder or its channels.json")
        tree = _Tree(source)
        try:
            yield from self._read(source, tree)
        except (zipfile.BadZipFile, OSError) as exc:
            raise source.fail(f"is a damaged Slack export ({type(exc).__name__}: {exc})") from None
        finally:
            tree.close()

    def _read(self, source: SourceFile, tree: _Tree) -> Iterator[Record]:
        single_day = source.kind == "json" and source.name not in CHANNEL_LISTS
        if single_day:
            tree.root = source.path.parent.parent  # <export>/<channel>/<day>.json
        people = _people(self._load(source, tree, "users.json"))
        channels = []
        for listing in CHANNEL_LISTS:
            for c in self._load(source, tree, listing) or []:
                if isinstance(c, dict) and (c.get("name") or c.get("id")):
                    channels.append((str(c.get("id") or c.get("name")), str(c.get("name") or c.get("id"))))
        if single_day:
            folder = source.path.parent.name
            cid = next((cid for cid, name in channels if folder in (name, cid)), folder)
            yield from self._channel(source, tree, cid, folder, [f"{folder}/{source.name}"], people)
            return
        if not channels:
            raise source.fail("is not a Slack export: no channels.json (or groups.json, mpims.json, dms.json) in it")
        for cid, name in channels:
            days = tree.days(name) or tree.days(cid)
            yield from self._channel(source, tree, cid, name, days, people)

    @staticmethod
    def _load(source: SourceFile, tree: _Tree, relative: str) -> Any:
        try:
            return tree.load(relative)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise source.fail(f"{relative} is not readable JSON ({exc})") from None

    def _channel(self, source: SourceFile, tree: _Tree, cid: str, name: str, days: list[str],
                 people: dict[str, tuple[str, bool]]) -> Iterator[Record]:
        """One channel's items: every day's messages first, since replies can come days later."""
        parents: dict[str, Item] = {}
        order: list[Item] = []
        replies: list[tuple[int, str, dict, str]] = []
        number = 0
        for day in days:
            try:
                messages = tree.load(day)
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                yield Rejected(None, f"not readable JSON ({exc})", day)
                continue
            if not isinstance(messages, list):
                yield Rejected(None, "not a JSON array of messages", day)
                continue
            for m in messages:
                number += 1
                if not isinstance(m, dict):
                    yield Rejected(number, "a message that is not a JSON object", day)
                    continue
                try:
                    record = self._message(m, cid, name, number, day, people, parents, order, replies)
                except BAD_FIELD_ERRORS as exc:
                    record = Rejected(number, bad_field(exc), day)
                if record is not None:
                    yield record
        for number, thread, m, day in replies:
            parent = parents.get(thread)
            if parent is None:
                yield Skipped(number, "replies whose thread starter is not in the export")
                continue
            user = str(m.get("user") or "")
            who, bot = people.get(user, (str(m.get("user_name") or user) or None, False))
            parent.events.append(Event(epoch_iso(m.get("ts")), who, readable(m.get("text") or "", people) or None, "reply", bot))
        for item in order:
            item.events.sort(key=lambda e: e.created_at or "")
            yield item

    def _message(self, m: dict, cid: str, name: str, number: int, day: str, people: dict,
                 parents: dict, order: list, replies: list) -> Record | None:
        """One message: a Skipped or Rejected record, or None when it was kept as a thread or reply."""
        skip = self._skip_reason(m, people)
        if skip:
            return Skipped(number, skip)
        ts = str(m.get("ts") or "")
        created = epoch_iso(ts)
        if created is None:
            return Rejected(number, f"ts {ts[:30]!r} is not an epoch time", day)
        thread = str(m.get("thread_ts") or "")
        if thread and thread != ts:
            replies.append((number, thread, m, day))
            return None
        item = self._item(m, cid, name, ts, created, people, number)
        if item is None:
            return Skipped(number, "messages without text")
        parents[ts] = item
        order.append(item)
        return None

    @staticmethod
    def _skip_reason(m: dict, people: dict[str, tuple[str, bool]]) -> str | None:
        subtype = m.get("subtype")
        if subtype in _BOT_SUBTYPES or m.get("bot_id") or people.get(str(m.get("user") or ""), ("", False))[1]:
            return "bot messages"
        if subtype in _DELETED_SUBTYPES:
            return "deleted messages"
        if subtype not in _KEPT_SUBTYPES:
            return "channel events (joins, topics...)"
        return None

    @staticmethod
    def _item(m: dict, cid: str, name: str, ts: str, created: str, people: dict, number: int) -> Item | None:
        text = readable(m.get("text") or "", people)
        if not text:
            files = as_list(m.get("files"))
            files = [f.get("title") or f.get("name") for f in files if isinstance(f, dict)]
            text = " ".join(str(f) for f in files if f)
        if not text:
            return None
        user = str(m.get("user") or "")
        who = people.get(user, (str(m.get("user_name") or m.get("username") or user) or None, False))[0]
        edited = as_dict(m.get("edited"))
        attributes = {
            "votes": _votes(m),
            "comments": as_int(m.get("reply_count")),
            "reply_users": as_int(m.get("reply_users_count")),
            "channel": name,
        }
        return Item(
            external_id=f"{cid}:{ts}",
            text=text,
            created_at=created,
            updated_at=epoch_iso(edited.get("ts")) if edited else None,
            author=who,
            source=f"#{name}",
            attributes=clean_attributes(attributes),
            row=number,
        )


def export_entry(folder: str | Path) -> Path | None:
    """The file that stands for an unpacked Slack export folder (its channels.json), or None."""
    folder = Path(folder)
    for listing in CHANNEL_LISTS:
        if (folder / listing).is_file():
            return folder / listing
    return None


IMPORTERS = [SlackImporter()]

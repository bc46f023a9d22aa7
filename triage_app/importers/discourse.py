"""Discourse forums: API JSON (``/t/{id}.json`` topics with ``post_stream.posts``, ``/posts.json``
``latest_posts``, ``/latest.json`` topic lists; single, arrays, JSON Lines) and CSV exports (the
"download my posts" user archive, or a Data Explorer query with ``topic_id`` and ``post_number``).

A topic is an item: its title, its first post as the text (``raw``, else ``cooked`` HTML as text).
The other posts are its events (replies, hence response times); moderator notices ("closed this
topic") are not. A solved topic (solved plugin: ``accepted_answer``) is resolved at the accepted
post's time; closed and archived topics are closed. Likes are ``attributes["votes"]``: the first
post's likes where the posts are there, else the topic's ``like_count``. Replies whose topic's
first post is not in the file are counted as skipped. External id: ``<host>/topic:<id>``, the
forum's host from the CSV's URLs or the API's ``avatar_template`` (``topic:<id>`` when neither
says it).
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from .. import statuses
from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Columns, Importer, as_dict, cell
from ._community import BAD_FIELD_ERRORS, as_int, bad_field, clean_attributes, dig, html_to_text, text_of
from .dates import DateParser
from .json_depth import check_depth
from .source import BadRecord, SourceFile

_AVATAR_HOST = re.compile(r"^/user_avatar/([^/]+)/")  # avatar_template holds the forum's host name
_POST_URL = re.compile(r"^https?://([^/]+)/t/(?:[^/]+/)?(\d+)(?:/(\d+))?")
_LIKE = 2  # actions_summary id of a like
_NOTICE_TYPES = {2, 3}  # moderator action, small action ("closed this topic")
_BOTS = {"system", "discobot"}
_ARCHIVE_COLUMNS = ("topic_title", "url", "created_at")


def _likes(post: dict) -> int | None:
    if "like_count" in post:
        return as_int(post.get("like_count"))
    for action in post.get("actions_summary") or []:
        if isinstance(action, dict) and action.get("id") == _LIKE:
            return as_int(action.get("count"))
    return None


def _post_text(post: dict) -> str:
    return text_of(post.get("raw")) or html_to_text(post.get("cooked")) or html_to_text(post.get("excerpt"))


def _tags(tags: Any) -> list[str]:
    out = []
    for t in tags if isinstance(tags, list) else []:
        name = t.get("name") if isinstance(t, dict) else t
        if name:
            out.append(str(name))
    return out


class _Forum:
    """Topics and posts gathered from the file, keyed by topic id."""

    def __init__(self) -> None:
        self.topics: dict[str, dict] = {}
        self.posts: dict[str, list[tuple[int, dict]]] = {}
        self.order: list[str] = []
        self.host: str | None = None

    def topic(self, topic_id: str, data: dict | None = None) -> None:
        if topic_id not in self.topics:
            self.topics[topic_id] = {}
            self.order.append(topic_id)
        if data:
            self.topics[topic_id].update(data)

    def post(self, number: int, post: dict) -> None:
        if self.host is None and isinstance(post.get("avatar_template"), str):
            m = _AVATAR_HOST.match(post["avatar_template"])
            self.host = m.group(1) if m else None
        topic_id = str(post.get("topic_id"))
        self.topic(topic_id)
        self.posts.setdefault(topic_id, []).append((number, post))

    def add(self, number: int, obj: Any) -> int:
        """Take in one JSON document or record; returns how many topics or posts it held."""
        if isinstance(obj, list):
            return sum(self.add(number, o) for o in obj)
        if not isinstance(obj, dict):
            return 0
        if isinstance(obj.get("post_stream"), dict):
            topic_id = str(obj.get("id"))
            self.topic(topic_id, {k: v for k, v in obj.items() if k != "post_stream"})
            for post in obj["post_stream"].get("posts") or []:
                if isinstance(post, dict):
                    self.post(number, {**post, "topic_id": post.get("topic_id") or obj.get("id")})
            return 1
        if isinstance(obj.get("latest_posts"), list):
            return sum(self.add(number, p) for p in obj["latest_posts"])
        if isinstance(dig(obj, "topic_list", "topics"), list):
            return sum(self.add(number, {**t, "_topic": True}) for t in obj["topic_list"]["topics"])
        if "post_number" in obj and obj.get("topic_id") is not None:
            self.post(number, obj)
            return 1
        if obj.get("_topic") or ("title" in obj and "posts_count" in obj and obj.get("id") is not None):
            self.topic(str(obj.get("id")), obj)
            return 1
        return 0


class DiscourseImporter(Importer):
    name = "discourse"
    label = "Discourse forum (API JSON or CSV export)"
    description = "Discourse topics and posts: /t/{id}.json, /posts.json, /latest.json, or the user-archive / Data Explorer CSV"
    kinds = ("json", "jsonl", "csv", "xlsx")

    def sniff(self, source: SourceFile) -> float:
        if source.kind in ("csv", "xlsx"):
            rows = source.preview_rows
            cols = Columns(rows[0]) if rows else Columns([])
            if cols.has(*_ARCHIVE_COLUMNS) and (cols.has("post_raw") or cols.has("post") or cols.has("post_cooked")):
                return 0.95
            if cols.has("topic_id", "post_number") and (cols.has("raw") or cols.has("cooked")):
                return 0.9
            return 0.0
        head = source.head[:1 << 16]
        if b'"post_stream"' in head or b'"latest_posts"' in head or (b'"topic_list"' in head and b'"posts_count"' in head):
            return 0.96
        objects = [o for o in source.first_json_objects if isinstance(o, dict)]
        posts = sum(1 for o in objects if "post_number" in o and "topic_id" in o and ("cooked" in o or "raw" in o))
        return 0.93 if objects and posts >= 0.5 * len(objects) else 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        forum = _Forum()
        host = None
        if source.kind in ("csv", "xlsx"):
            host = yield from self._read_table(source, forum)
        elif source.kind == "json":
            try:
                raw = source.path.read_bytes()
                check_depth(raw)
                data = json.loads(raw.decode("utf-8-sig"))
            except (ValueError, RecursionError) as exc:
                raise source.fail(f"is not valid JSON ({exc})") from None
            try:
                forum.add(1, data)
            except BAD_FIELD_ERRORS as exc:
                raise source.fail(f"is not a Discourse export this importer understands ({bad_field(exc)})") from None
        else:
            for number, obj in source.iter_json_objects():
                if isinstance(obj, BadRecord):
                    yield Rejected(number, obj.reason)
                else:
                    try:
                        taken = forum.add(number, obj)
                    except BAD_FIELD_ERRORS as exc:
                        yield Rejected(number, bad_field(exc))
                        continue
                    if not taken:
                        yield Rejected(number, "neither a Discourse topic nor a post")
        host = host or forum.host
        parse_date = DateParser(False, source.options.timezone)
        for topic_id in forum.order:
            posts = forum.posts.get(topic_id, [])
            try:
                records = list(self._topic(topic_id, forum.topics[topic_id], posts, host, parse_date))
            except BAD_FIELD_ERRORS as exc:
                records = [Rejected(posts[0][0] if posts else None, bad_field(exc))]
            yield from records

    def _read_table(self, source: SourceFile, forum: _Forum):
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        cols = Columns(first[1])
        f = cols.find
        i_url, i_title, i_created = f("url"), f("topic_title"), f("created_at")
        i_raw, i_cooked = f("post_raw", "raw", "post"), f("post_cooked", "cooked")
        i_topic, i_number, i_user = f("topic_id"), f("post_number"), f("username", "user")
        i_likes, i_replies, i_category = f("like_count", "likes"), f("reply_count"), f("categories", "category")
        i_pm = f("is_pm")
        host = None
        for row_number, cells in rows:
            if cell(cells, i_pm).lower() in ("true", "yes", "1"):
                yield Skipped(row_number, "private messages")
                continue
            topic_id, post_number = cell(cells, i_topic), cell(cells, i_number)
            m = _POST_URL.match(cell(cells, i_url))
            if m:
                host = host or m.group(1)
                topic_id = topic_id or m.group(2)
                post_number = post_number or m.group(3) or "1"
            if not topic_id:
                yield Rejected(row_number, "no topic id or topic URL", "url")
                continue
            post = {"topic_id": topic_id, "post_number": as_int(post_number) or 1, "username": cell(cells, i_user),
                    "created_at": cell(cells, i_created), "raw": cell(cells, i_raw),
                    "cooked": cell(cells, i_cooked), "like_count": cell(cells, i_likes) or None,
                    "reply_count": cell(cells, i_replies), "_row": row_number}
            forum.post(row_number, post)
            forum.topic(topic_id, {k: v for k, v in (("title", cell(cells, i_title)),
                                                     ("category", cell(cells, i_category))) if v})
        return host

    def _topic(self, topic_id: str, topic: dict, posts: list[tuple[int, dict]], host: str | None,
               parse_date: DateParser) -> Iterator[Record]:
        posts = sorted(posts, key=lambda p: as_int(p[1].get("post_number")) or 0)
        first = next((p for _, p in posts if as_int(p.get("post_number")) == 1), None)
        number = posts[0][0] if posts else None
        if first is None and not topic.get("created_at"):  # only replies (a title from a CSV is not a topic)
            for n, _ in posts:
                yield Skipped(n, "replies whose topic is not in the export")
            return
        try:
            created = parse_date(topic.get("created_at") or (first or {}).get("created_at"))
            updated = parse_date(topic.get("last_posted_at") or topic.get("bumped_at"))
        except (ValueError, TypeError) as exc:
            yield Rejected(number, f"created_at: {exc}", "created_at")
            return
        title = text_of(topic.get("title")) or text_of(topic.get("fancy_title"))
        text = _post_text(first) if first else html_to_text(topic.get("excerpt"))
        accepted = as_dict(topic.get("accepted_answer"))
        accepted_number = as_int(accepted.get("post_number"))
        events, solved_at = [], None
        for _, post in posts:
            post_number = as_int(post.get("post_number"))
            if post is first or post_number == 1 or as_int(post.get("post_type")) in _NOTICE_TYPES:
                continue
            try:
                when = parse_date(post.get("created_at"))
            except (ValueError, TypeError):
                when = None
            if post.get("accepted_answer") or (accepted_number and post_number == accepted_number):
                solved_at = when
            user = text_of(post.get("username")) or None
            events.append(Event(when, user, _post_text(post) or None, "reply", (user or "").lower() in _BOTS))
        solved = bool(accepted) or bool(topic.get("has_accepted_answer")) or solved_at is not None
        state = "solved" if solved else "closed" if topic.get("closed") else "archived" if topic.get("archived") else "open"
        likes = _likes(first) if first else None
        posts_count = as_int(topic.get("posts_count"))
        attributes = {
            "votes": likes if likes is not None else as_int(topic.get("like_count")),
            "views": as_int(topic.get("views")),
            "comments": (posts_count - 1) if posts_count else as_int(topic.get("reply_count")),
            "category_id": topic.get("category_id"),
            "category": text_of(topic.get("category")) or None,
        }
        author = text_of((first or {}).get("username")) or text_of(dig(topic, "details", "created_by", "username")) or None
        slug = text_of(topic.get("slug"))
        yield Item(
            external_id=f"{host}/topic:{topic_id}" if host else f"topic:{topic_id}",
            title=title or None,
            text=text or title,
            created_at=created, updated_at=updated,
            closed_at=solved_at if solved else None,
            author=author,
            source=host,
            source_state=state,
            status=statuses.map_state("discourse", state),
            labels=_tags(topic.get("tags")),
            link=f"https://{host}/t/{slug or 'topic'}/{topic_id}" if host else None,
            events=events,
            attributes=clean_attributes(attributes),
            row=number,
        )


IMPORTERS = [DiscourseImporter()]

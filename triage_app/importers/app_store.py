"""App Store reviews: App Store Connect (``customerReviews`` API JSON, or a review CSV with its
column names) and the common scraper CSV layouts (``userName, rating, title, review, date,
isEdited, developerResponse``; or ``userName, score, title, text, version, updated``).

One item per review with text; the star rating is ``rating`` (1-5). A developer response is an
event (kind ``reply``, author ``developer``) and its delay is the source-reported response time.
External id: the review's id where the export has one, else a content hash of author, date,
title and text (numbered when identical reviews repeat).
"""
from __future__ import annotations

import ast
from typing import Any, Iterator

from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Columns, ContentIds, Importer, as_list, cell
from ._community import BAD_FIELD_ERRORS, as_int, bad_field, clean_attributes, dig, seconds_between, text_of
from .dates import DateParser
from .source import BadRecord, SourceFile

_AUTHOR = ("userName", "reviewerNickname", "Reviewer Nickname", "Nickname", "Reviewer", "author")
_RATING = ("rating", "Rating", "Star Rating", "score", "stars")
_TITLE = ("title", "Review Title", "Title")
_TEXT = ("review", "body", "Review", "Review Body", "Body", "text", "content")
_DATE = ("date", "createdDate", "Date", "Review Date", "Created Date", "updated", "Last Modified")
_ID = ("id", "reviewId", "Review ID", "review_id")
_RESPONSE = ("developerResponse", "Developer Response", "Response", "responseBody", "Developer Reply")
_RESPONSE_DATE = ("Developer Response Date", "Response Date", "responseDate", "Developer Response Last Modified")
_OTHER = {"territory": ("territory", "Territory", "Country", "country", "Store Front"),
          "version": ("version", "App Version", "Version", "appVersion"),
          "edited": ("isEdited", "Edited"),
          "votes": ("voteCount", "voteSum", "helpful", "Helpful Votes")}
_DISTINCT = ("isEdited", "developerResponse", "reviewerNickname", "userName", "Territory", "territory",
             "Reviewer Nickname", "Developer Response")


def _parse_response(raw: str) -> tuple[str, str | None]:
    """(body, time) of a developer response cell: plain text, or the scraper's dict printout."""
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        try:
            value = ast.literal_eval(raw)  # literals only: never runs code
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return raw, None
        if isinstance(value, dict):
            return text_of(value.get("body")), text_of(value.get("modified")) or None
    return raw, None


def _rating(raw: Any) -> tuple[float | None, str | None]:
    if raw in (None, ""):
        return None, None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None, f"rating {str(raw)[:20]!r} is not a number"
    if not 1 <= value <= 5:
        return None, f"rating {str(raw)[:20]!r} is not 1-5"
    return value, None


class AppStoreImporter(Importer):
    name = "app_store"
    label = "App Store reviews"
    description = "App Store reviews: App Store Connect customerReviews JSON or CSV, or the scraper CSV (userName, rating, title, review, date)"
    kinds = ("csv", "xlsx", "json", "jsonl")

    def sniff(self, source: SourceFile) -> float:
        if source.kind in ("json", "jsonl"):
            head = source.head[:1 << 16]
            if b'"customerReviews"' in head or b'"reviewerNickname"' in head:
                return 0.97
            return 0.0
        rows = source.preview_rows
        if not rows:
            return 0.0
        cols = Columns(rows[0])
        has_core = (cols.find(*_RATING) is not None and cols.find(*_TEXT) is not None
                    and cols.find(*_TITLE) is not None and cols.find(*_AUTHOR) is not None)
        if not has_core:
            return 0.0
        distinct = cols.count_present(_DISTINCT)
        return 0.93 if distinct >= 2 else 0.75 if distinct == 1 else 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        parse_date = DateParser(False, source.options.timezone)
        if source.kind in ("json", "jsonl"):
            yield from self._read_json(source, parse_date)
        else:
            yield from self._read_table(source, parse_date)

    def _read_table(self, source: SourceFile, parse_date: DateParser) -> Iterator[Record]:
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        cols = Columns(first[1])
        f = cols.find
        i_author, i_rating, i_title, i_text = f(*_AUTHOR), f(*_RATING), f(*_TITLE), f(*_TEXT)
        i_date, i_id, i_response, i_response_at = f(*_DATE), f(*_ID), f(*_RESPONSE), f(*_RESPONSE_DATE)
        others = {key: f(*names) for key, names in _OTHER.items()}
        used = {i_author, i_rating, i_title, i_text, i_date, i_id, i_response, i_response_at, *others.values()}
        extra = [(i, h) for i, h in enumerate(cols.headers) if i not in used and h]
        content_id = ContentIds()
        for row_number, cells in rows:
            review = {"author": cell(cells, i_author), "rating": cell(cells, i_rating), "title": cell(cells, i_title),
                      "text": cell(cells, i_text), "date": cell(cells, i_date), "id": cell(cells, i_id)}
            body, responded = _parse_response(cell(cells, i_response)) if cell(cells, i_response) else ("", None)
            responded = cell(cells, i_response_at) or responded
            attributes = {key: cell(cells, i) or None for key, i in others.items()}
            attributes.update({h: cells[i].strip() for i, h in extra if i < len(cells) and cells[i].strip()})
            yield self._review(review, body, responded, attributes, row_number, parse_date, content_id,
                               cols.headers[i_date] if i_date is not None else None)

    def _read_json(self, source: SourceFile, parse_date: DateParser) -> Iterator[Record]:
        """customerReviews resources; responses sideloaded in ``included`` are joined on the review id."""
        import json

        from .json_depth import check_depth

        documents = []
        if source.kind == "json":
            try:
                raw = source.path.read_bytes()
                check_depth(raw)
                documents.append((1, json.loads(raw.decode("utf-8-sig"))))
            except (ValueError, RecursionError) as exc:
                raise source.fail(f"is not valid JSON ({exc})") from None
        else:
            documents = list(source.iter_json_objects())
        reviews, responses = [], {}
        for number, doc in documents:
            if isinstance(doc, BadRecord):
                yield Rejected(number, doc.reason)
                continue
            pages = doc if isinstance(doc, list) else [doc]
            for page in pages:
                if not isinstance(page, dict):
                    continue
                data = page.get("data", page)
                for resource in data if isinstance(data, list) else [data]:
                    if isinstance(resource, dict):
                        reviews.append((number, resource))
                included = as_list(page.get("included"))
                for extra in included:
                    if isinstance(extra, dict) and extra.get("type") == "customerReviewResponses":
                        review_id = dig(extra, "relationships", "review", "data", "id")
                        if review_id:
                            attrs = extra.get("attributes")
                            responses[str(review_id)] = attrs if isinstance(attrs, dict) else {}
        content_id = ContentIds()
        for index, (number, resource) in enumerate(reviews, start=1):
            if resource.get("type") not in (None, "customerReviews"):
                yield Skipped(number, f"{resource.get('type')} resources")
                continue
            attributes = resource.get("attributes")
            a: dict[str, Any] = attributes if isinstance(attributes, dict) else resource
            review: dict[str, Any] = {"author": text_of(a.get("reviewerNickname")), "rating": a.get("rating"),
                      "title": text_of(a.get("title")), "text": text_of(a.get("body")),
                      "date": a.get("createdDate"), "id": str(resource.get("id") or "")}
            response = responses.get(review["id"], {})
            yield self._review(review, text_of(response.get("responseBody")), response.get("lastModifiedDate"),
                               {"territory": a.get("territory")}, index, parse_date, content_id, "createdDate")

    @classmethod
    def _review(cls, *args) -> Record:
        try:
            return cls._checked_review(*args)
        except BAD_FIELD_ERRORS as exc:
            return Rejected(args[4], bad_field(exc))

    @staticmethod
    def _checked_review(review: dict, response: str, responded: Any, attributes: dict, row: int, parse_date: DateParser,
                content_id: ContentIds, date_column: str | None) -> Record:
        if not review["title"] and not review["text"]:
            return Skipped(row, "ratings without text")
        rating, problem = _rating(review["rating"])
        if problem:
            return Rejected(row, problem, "rating")
        try:
            created = parse_date(review["date"])
        except (ValueError, TypeError) as exc:
            return Rejected(row, str(exc), date_column)
        try:
            replied = parse_date(responded) if response else None
        except (ValueError, TypeError):
            replied = None
        votes = as_int(attributes.pop("votes", None))
        item = Item(
            external_id=review["id"] or content_id(review["author"], created, review["rating"], review["title"],
                                                   review["text"]),
            title=review["title"] or None,
            text=review["text"] or review["title"],
            created_at=created,
            author=review["author"] or None,
            rating=rating,
            attributes=clean_attributes({**attributes, "votes": votes}),
            row=row,
        )
        if response:
            item.events = [Event(replied, "developer", response, "reply")]
            item.first_response_s = seconds_between(created, replied)
        return item


IMPORTERS = [AppStoreImporter()]

"""Google Play Console review reports (``reviews_<package>_<yyyymm>.csv``, UTF-16 with BOM).

One item per review with text (title or body); star-only reviews carry no free text and are
skipped. The developer reply is an event (kind ``reply``, author ``developer``) and its delay
after the review is the source-reported ``first_response_s``. External id: the review link, else
a content hash of package, submit time, rating and text (numbered when identical reviews repeat).
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterator

from ..domain import Event, Item, Record, Rejected, Skipped
from .base import Columns, ContentIds, Importer, cell, column_name
from .dates import DateParser
from .source import SourceFile

_MARKERS = ("Review Submit Date and Time", "Star Rating", "Package Name", "Review Text",
            "Developer Reply Text", "Review Link", "Reviewer Language")


def _seconds_between(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    delta = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return delta if delta >= 0 else None


class GooglePlayImporter(Importer):
    name = "google_play"
    label = "Google Play reviews (Play Console CSV)"
    description = "Google Play Console monthly review report (UTF-16 CSV)"
    kinds = ("csv", "xlsx")

    def sniff(self, source: SourceFile) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        present = Columns(rows[0]).count_present(_MARKERS)
        return 0.95 if present >= 3 else 0.5 if present == 2 else 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        cols = Columns(first[1])
        headers = cols.headers
        f = cols.find
        i_pkg, i_submit, i_submit_ms = f("Package Name"), f("Review Submit Date and Time"), f("Review Submit Millis Since Epoch")
        i_update, i_rating, i_title, i_text = f("Review Last Update Date and Time"), f("Star Rating"), f("Review Title"), f("Review Text")
        i_reply_at, i_reply_ms, i_reply = f("Developer Reply Date and Time"), f("Developer Reply Millis Since Epoch"), f("Developer Reply Text")
        i_link = f("Review Link")
        if i_text is None and i_title is None:
            raise source.fail("has no Review Text or Review Title column")
        parse_date = DateParser(False, source.options.timezone)
        used = {i for i in (i_pkg, i_submit, i_submit_ms, i_update, i_rating, i_title, i_text, i_reply_at, i_reply_ms,
                            i_reply, i_link) if i is not None}
        extra = [(i, h) for i, h in enumerate(headers) if i not in used and h]
        content_id = ContentIds()

        for row_number, cells in rows:
            title, text = cell(cells, i_title), cell(cells, i_text)
            if not title and not text:
                yield Skipped(row_number, "ratings without text")
                continue  # a star rating without words
            times = []
            for col, fallback in ((i_submit, i_submit_ms), (i_update, None), (i_reply_at, i_reply_ms)):
                try:
                    times.append(parse_date(cell(cells, col) or cell(cells, fallback)))
                except ValueError as exc:
                    yield Rejected(row_number, str(exc), column_name(headers, col if cell(cells, col) else fallback))
                    break
            if len(times) < 3:
                continue
            submitted, updated, replied = times
            raw_rating = cell(cells, i_rating)
            rating = None
            if raw_rating:
                try:
                    rating = float(raw_rating)
                except ValueError:
                    rating = None
                if rating is None or not 1 <= rating <= 5:
                    yield Rejected(row_number, f"Star Rating {raw_rating[:20]!r} is not 1-5", column_name(headers, i_rating))
                    continue
            package, link = cell(cells, i_pkg), cell(cells, i_link)
            item = Item(
                external_id=link or content_id(package, submitted, raw_rating, title, text),
                title=title or None,
                text=text or title,
                created_at=submitted, updated_at=updated,
                source=package or None,
                rating=rating,
                link=link or None,
                attributes={h: cells[i].strip() for i, h in extra if i < len(cells) and cells[i].strip()},
                row=row_number,
            )
            reply = cell(cells, i_reply)
            if reply:
                item.events = [Event(replied, "developer", reply, "reply")]
                item.first_response_s = _seconds_between(submitted, replied)
            yield item


IMPORTERS = [GooglePlayImporter()]

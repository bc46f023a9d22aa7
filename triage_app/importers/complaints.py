"""CFPB-style consumer complaint CSVs (official ``Date received, ..., Complaint ID`` headers or the
underscore variant ``Date_received, ..., Complaint_ID``).

Decision: only complaints WITH a consumer narrative become items. The Product / Issue / Sub-issue
taxonomy is chosen from a list, not written by the consumer; turning it into item text would give
thousands of identical "texts" and leak the official taxonomy (the natural ground truth for themes)
into the clustering input. Rows without a narrative are skipped silently (they are not unreadable);
the taxonomy of narrated complaints is kept as attributes (``product``, ``issue``, ...).
Status comes from ``Company response to consumer``; ``source`` is the company complained about.
"""
from __future__ import annotations

import re
from typing import Iterator

from .. import statuses
from ..domain import Item, Rejected, Record
from .base import Importer, cell, column_name
from .dates import DateParser, infer_dayfirst
from .source import SourceFile

_FIELDS = {
    "id": "complaint id", "narrative": "consumer complaint narrative", "received": "date received",
    "sent": "date sent to company", "response": "company response to consumer", "company": "company",
    "tags": "tags", "product": "product", "sub_product": "sub product", "issue": "issue", "sub_issue": "sub issue",
}
_ATTRIBUTE_FIELDS = ("product", "sub_product", "issue", "sub_issue")


def _key(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.replace("\ufeff", "")).strip().lower()


class CfpbComplaintsImporter(Importer):
    name = "cfpb_complaints"
    label = "Consumer complaints (CFPB CSV)"
    description = "CFPB Consumer Complaint Database CSV; one item per complaint with a narrative"
    kinds = ("csv", "xlsx")

    def sniff(self, source: SourceFile) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        keys = {_key(h) for h in rows[0]}
        strong = sum(1 for k in ("complaint id", "consumer complaint narrative", "company response to consumer") if k in keys)
        return {0: 0.0, 1: 0.4}.get(strong, 0.95)

    def read(self, source: SourceFile) -> Iterator[Record]:
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        headers = [h.replace("\ufeff", "").strip() for h in first[1]]
        keys = [_key(h) for h in headers]
        index = {f: keys.index(k) for f, k in _FIELDS.items() if k in keys}
        if "narrative" not in index or "id" not in index:
            raise source.fail("is not a complaint export: no Complaint ID and Consumer complaint narrative columns")
        i_id, i_text, i_received, i_sent = index["id"], index["narrative"], index.get("received"), index.get("sent")
        i_response, i_company, i_tags = index.get("response"), index.get("company"), index.get("tags")
        date_cols = [c for c in (i_received, i_sent) if c is not None]
        dayfirst = source.options.dayfirst
        if dayfirst is None:
            dayfirst = infer_dayfirst([r[c] for r in source.preview_rows[1:] for c in date_cols if c < len(r)])
        parse_date = DateParser(dayfirst, source.options.timezone)
        named = {i: f for f, i in index.items() if f in _ATTRIBUTE_FIELDS}
        used = {i_id, i_text, i_received, i_response, i_company, i_tags}
        extra = [(i, named.get(i, h)) for i, h in enumerate(headers) if i not in used and h]

        for row_number, cells in rows:
            text = cell(cells, i_text)
            if not text:
                continue  # no narrative: see the module docstring
            complaint_id = cell(cells, i_id)
            if not complaint_id:
                yield Rejected(row_number, "no Complaint ID", headers[i_id])
                continue
            try:
                received = parse_date(cell(cells, i_received))
            except ValueError as exc:
                yield Rejected(row_number, str(exc), column_name(headers, i_received))
                continue
            response = cell(cells, i_response)
            tags = cell(cells, i_tags)
            yield Item(
                external_id=complaint_id,
                text=text,
                created_at=received,
                source=cell(cells, i_company) or None,
                source_state=statuses.source_state(response),
                status=statuses.map_state("complaints", response) if response else None,
                labels=[t.strip() for t in tags.split(",") if t.strip()],
                attributes={name: cells[i].strip() for i, name in extra if i < len(cells) and cells[i].strip()},
                row=row_number,
            )


IMPORTERS = [CfpbComplaintsImporter()]

"""GitLab "Export as CSV" of a project's issues.

External id: ``group/project#iid`` from the issue URL (``https://gitlab.com/group/project/-/issues/12``),
so re-imports and exports of overlapping issue lists never duplicate; without a URL the ``Issue ID``.
"""
from __future__ import annotations

import re
from typing import Iterator

from .. import statuses
from ..domain import Item, Rejected, Record
from .base import Columns, Importer, cell, column_name, normalise_header, with_stated_type
from .dates import DateParser
from .jira import JIRA_ONLY
from .source import SourceFile

_ISSUE_URL = re.compile(r"^https?://[^/]+/(.+?)(?:/-)?/(?:issues|work_items)/(\d+)")
_BOT_USER = re.compile(r"(\[bot\]$|^project_\d+_bot|^group_\d+_bot|^ghost$|^support-bot$|^alert-bot$)", re.I)

#: headers only GitLab's export writes
_GITLAB_ONLY = ("Author Username", "Assignee Username", "Created At (UTC)", "Updated At (UTC)", "Closed At (UTC)",
                "Confidential", "Locked", "Milestone", "Weight", "Time Estimate", "Time Spent", "Due Date")


class GitLabImporter(Importer):
    name = "gitlab"
    label = "GitLab issues (CSV export)"
    description = "GitLab project Issues -> Export as CSV"
    kinds = ("csv", "xlsx")

    def sniff(self, source: SourceFile) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        cols = Columns(rows[0])
        if not cols.has("Issue ID", "Title", "State"):
            return 0.0
        # Title, State, Description, Labels are generic names: decide on what only GitLab writes
        if {normalise_header(h) for h in rows[0]} & JIRA_ONLY - {"issue id"}:
            return 0.0
        i_url = cols.find("URL")
        urls = [r[i_url].strip() for r in rows[1:] if i_url is not None and i_url < len(r) and r[i_url].strip()]
        gitlab_urls = bool(urls) and sum(1 for u in urls if _ISSUE_URL.match(u)) >= 0.8 * len(urls)
        distinctive = cols.count_present(_GITLAB_ONLY)
        if gitlab_urls and distinctive >= 1:
            return 0.95
        return 0.5 if distinctive >= 3 or gitlab_urls else 0.1

    def read(self, source: SourceFile) -> Iterator[Record]:
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        cols = Columns(first[1])
        headers = cols.headers
        f = cols.find
        i_id, i_url, i_title, i_state, i_desc = f("Issue ID"), f("URL"), f("Title"), f("State"), f("Description")
        i_author, i_user = f("Author"), f("Author Username")
        i_created, i_updated, i_closed = f("Created At (UTC)", "Created At"), f("Updated At (UTC)", "Updated At"), f("Closed At (UTC)", "Closed At")
        i_labels, i_type = f("Labels"), f("Type")
        if i_title is None or (i_id is None and i_url is None):
            raise source.fail("is not a GitLab issues export: no Title and Issue ID/URL columns")
        # The headers say "(UTC)": a time-zone option for zone-less local times does not apply.
        parse_date = DateParser(False)
        used = {i for i in (i_url, i_title, i_state, i_desc, i_user, i_created, i_updated, i_closed, i_labels) if i is not None}
        extra = [(i, h) for i, h in enumerate(headers) if i not in used and h]

        for row_number, cells in rows:
            url, issue_id = cell(cells, i_url), cell(cells, i_id)
            m = _ISSUE_URL.match(url)
            project = m.group(1) if m else None
            if m:
                external_id = f"{project}#{m.group(2)}"
            elif issue_id:
                external_id = issue_id
            else:
                yield Rejected(row_number, "no Issue ID or issue URL", headers[i_id] if i_id is not None else None)
                continue
            dates = []
            for col in (i_created, i_updated, i_closed):
                try:
                    dates.append(parse_date(cell(cells, col)) if col is not None else None)
                except ValueError as exc:
                    yield Rejected(row_number, str(exc), column_name(headers, col))
                    break
            if len(dates) < 3:
                continue
            title, description = cell(cells, i_title), cell(cells, i_desc)
            state = cell(cells, i_state)
            username = cell(cells, i_user) or cell(cells, i_author)
            labels = cell(cells, i_labels)
            yield Item(
                external_id=external_id,
                title=title or None,
                text=description or title or external_id,
                created_at=dates[0], updated_at=dates[1], closed_at=dates[2],
                author=username or None,
                author_is_bot=bool(username and _BOT_USER.search(username)),
                source=project or source.name,
                source_state=statuses.source_state(state),
                status=statuses.map_state("gitlab", state) if state else None,
                labels=[x.strip() for x in labels.split(",") if x.strip()],
                link=url or None,
                attributes=with_stated_type(  # GitLab's "Type" column: issue, incident, task, test_case
                    {h: cells[i].strip() for i, h in extra if i < len(cells) and cells[i].strip()},
                    cell(cells, i_type), [x.strip() for x in labels.split(",") if x.strip()]),
                row=row_number,
            )


IMPORTERS = [GitLabImporter()]

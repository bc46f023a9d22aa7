"""Research surveys published as two header rows: column codes, then question text (Kaggle style).

Row 1 holds short codes (``Q12_Part_4_TEXT``), row 2 the full question text, then one row per
respondent. There is no response id and no time; a respondent is its position in the file, and a
blank row between responses is a respondent who answered none of these questions (Kaggle's
free-form file keeps its rows aligned with the multiple-choice file).
"""
from __future__ import annotations

import re

from .base import ContentIds, normalise_header
from .survey_common import Header, Plan, SurveyImporter, fingerprint, is_numeric, looks_like_question, share

_CODE = re.compile(r"^[A-Za-z][\w.\[\]-]{0,59}$")
_Q_CODE = re.compile(r"^Q\d+", re.I)
# Row-1/row-2 names of the tools that have their own importer.
_FOREIGN = frozenset(normalise_header(n) for n in (
    "ResponseId", "ResponseID", "ResponseSet", "Respondent ID", "Collector ID", "Response", "Open-Ended Response",
    "Submit Date (UTC)", "Start Date (UTC)", "submitdate", "Timestamp", "#",
))


class ResearchSurveyImporter(SurveyImporter):
    name = "research_survey"
    label = "Research survey (2 header rows)"
    description = "A survey table with two header rows (column codes, question text), e.g. the Kaggle surveys"
    id_names = ()
    time_names = ()
    email_names = ()
    blank_rows_are_respondents = True

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if len(rows) < 2 or len(rows[0]) < 2:
            return 0.0
        first, second = rows[0], rows[1]
        names = {normalise_header(c) for c in first} | {normalise_header(c) for c in second}
        if names & _FOREIGN or any(c.lstrip().startswith('{"ImportId"') for r in rows[2:3] for c in r):
            return 0.0
        filled = [c for c in first if c.strip()]
        if len(filled) < 2 or share(first, lambda c: bool(_CODE.match(c))) < 0.8:
            return 0.0
        n = len(first)
        second_filled = [c for c in second[:n] if c.strip()]
        if len(second_filled) < 0.8 * n or share(second, looks_like_question) < 0.6:
            return 0.0
        if sum(1 for a, b in zip(first, second) if a.strip() == b.strip()) > 0.2 * n:
            return 0.0  # row 2 repeats row 1: not a question row
        if any(is_numeric(c) for c in second_filled):
            return 0.0  # an id or a count in row 2: that is a data row
        data = rows[2:12]
        below = share([c for r in data for c in r], looks_like_question) if data else 0.0
        if data and below > share(second, looks_like_question) - 0.25:
            return 0.0  # the rows below look just like row 2: one header row over long text
        score = 0.6
        if share(first, lambda c: bool(_Q_CODE.match(c))) >= 0.5:
            score += 0.15
        return score

    def parse_header(self, rows: list[list[str]]) -> Header:
        first = [c.strip() for c in rows[0]]
        n = len(first)
        second = ([c.strip() for c in rows[1]] + [""] * n)[:n] if len(rows) > 1 else list(first)
        return Header(rows=min(2, len(rows)), names=first, questions=[q or c for q, c in zip(second, first)],
                      codes=first, raw=rows[:2])

    def respondent_id(self, value: str, header: Header, cells: list[str], plan: Plan, content_ids: ContentIds,
                      position: int) -> str:
        return f"{fingerprint(header.names)}:{position}"


IMPORTERS = [ResearchSurveyImporter()]

"""LimeSurvey responses export (CSV or XLSX).

One header row whose headings are either question codes (``id``, ``submitdate``, ``G01Q01``,
``Q1[other]``) or full texts (``Response ID``, ``Date submitted``), an export option. Response
ids restart at 1 in every survey, so a respondent's id is the survey's header fingerprint plus
its ``id``.
"""
from __future__ import annotations

import re

from .base import ContentIds, normalise_header
from .survey_common import Header, Plan, SurveyImporter, fingerprint

CODE_NAMES = ("id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
              "token", "interviewtime")
TEXT_NAMES = ("Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started",
              "Date last action", "IP address", "Referrer URL", "Token", "Total time")
_CODES = frozenset(normalise_header(n) for n in CODE_NAMES)
_TEXTS = frozenset(normalise_header(n) for n in TEXT_NAMES)
_FOREIGN = frozenset(normalise_header(n) for n in ("ResponseId", "Respondent ID", "Submit Date (UTC)", "Timestamp"))


class LimeSurveyImporter(SurveyImporter):
    name = "limesurvey"
    label = "LimeSurvey"
    description = "LimeSurvey responses (CSV or XLSX) with question codes or full question texts as headings"
    id_names = ("id", "Response ID")
    time_names = ("submitdate", "Date submitted", "datestamp", "Date last action", "startdate", "Date started")
    email_names = ("email", "Email address", "E-mail")
    metadata_names = _CODES | _TEXTS | {"email", "email address", "firstname", "lastname", "first name", "last name"}
    # Group/question timings of the "timings" export option.
    metadata_pattern = re.compile(r"^(total time|group time\b|question time\b)|^\w+time$", re.I)

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        names = {normalise_header(c) for c in rows[0]}
        if names & _FOREIGN:
            return 0.0
        if "id" in names:
            hits = len(names & _CODES) - 1
        elif "response id" in names:
            hits = len(names & _TEXTS) - 1
        else:
            return 0.0
        if hits < 2:
            return 0.1 * hits
        return min(0.5 + 0.1 * hits, 0.9)

    def respondent_id(self, value: str, header: Header, cells: list[str], plan: Plan, content_ids: ContentIds,
                      position: int) -> str:
        survey = fingerprint(header.names)
        if value:
            return f"{survey}:{value}"
        return super().respondent_id(value, header, cells, plan, content_ids, position)


IMPORTERS = [LimeSurveyImporter()]

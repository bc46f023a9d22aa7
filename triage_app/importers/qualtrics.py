"""Qualtrics response exports, current and legacy (CSV or XLSX).

Current (2018 on): three header rows - column ids (``StartDate``, ``ResponseId``, ``Q1``,
``Q2_TEXT``, ``Q5_NPS_GROUP``), the question text in the survey's language, and JSON such as
``{"ImportId":"QID2_TEXT"}``. Legacy (before 2018): two header rows - ``V1..V10, Q1, ...`` and
``ResponseID, ResponseSet, ..., question text``, UTF-8 BOM and a trailing comma.
"""
from __future__ import annotations

import re

from .base import normalise_header
from .survey_common import Header, SurveyImporter, share

METADATA = (
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
    "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
    "LocationLatitude", "LocationLongitude", "LocationAccuracy", "DistributionChannel", "UserLanguage",
    "Q_RecaptchaScore", "Q_RelevantIDDuplicate", "Q_RelevantIDDuplicateScore", "Q_RelevantIDFraudScore",
    "Q_RelevantIDLastStartDate", "Q_BallotBoxStuffing", "Q_TotalDuration",
    # legacy
    "ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
)
_METADATA = frozenset(normalise_header(n) for n in METADATA)
_IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:', re.I)
_V_COLUMN = re.compile(r"^V\d+$")
# Text iQ columns ("Q2 - Topics", "Q2 - Sentiment Score") and other derived columns.
_DERIVED = re.compile(r" - (Parent Topics|Topics|Sentiment( Polarity| Score)?|Actionability|Effort Numeric|"
                      r"Emotion( Intensity)?)$|^Q_|_DO_|_ADO_", re.I)


def _is_import_id(cell: str) -> bool:
    return bool(_IMPORT_ID.match(cell))


def _layout(rows: list[list[str]]) -> str | None:
    """'current', 'legacy' or None from the first preview rows."""
    if len(rows) < 2:
        first = {normalise_header(c) for c in rows[0]} if rows else set()
        return "current" if {"responseid", "startdate"} <= first else None
    first = {normalise_header(c) for c in rows[0]}
    second = {normalise_header(c) for c in rows[1]}
    if "responseid" in second and "responseset" in second and share(rows[0], _V_COLUMN.match) >= 0.3:
        return "legacy"
    if "responseid" in first and ({"startdate", "enddate", "recordeddate"} & first):
        return "current"
    return None


class QualtricsImporter(SurveyImporter):
    name = "qualtrics"
    label = "Qualtrics"
    description = "Qualtrics responses (CSV or XLSX): current 3-header-row and legacy 2-header-row exports"
    id_names = ("ResponseId", "ResponseID")
    time_names = ("EndDate", "RecordedDate", "StartDate")
    email_names = ("RecipientEmail", "EmailAddress")
    metadata_names = _METADATA
    metadata_pattern = _DERIVED
    dayfirst_default = False  # Qualtrics writes ISO-like "2017-07-18 08:28:09"

    def sniff(self, source) -> float:
        rows = source.preview_rows
        layout = _layout(rows) if rows else None
        if layout == "legacy":
            return 0.95
        if layout == "current":
            if len(rows) > 2 and share(rows[2], _is_import_id) >= 0.5:
                return 0.95
            return 0.8
        return 0.0

    def parse_header(self, rows: list[list[str]]) -> Header:
        layout = _layout(rows)
        first = [c.strip() for c in rows[0]]
        second = [c.strip() for c in rows[1]] if len(rows) > 1 else []
        n = len(first)
        if layout == "legacy":
            second = (second + [""] * n)[:n]
            return Header(rows=2, names=second, questions=list(second), codes=first, raw=rows[:2])
        count = 1
        if len(rows) > 1 and self._is_label_row(first, second):
            count = 2
            if len(rows) > 2 and share(rows[2], _is_import_id) >= 0.5:
                count = 3
        questions = (second + [""] * n)[:n] if count >= 2 else list(first)
        hints = (([c.strip() for c in rows[2]] + [""] * n)[:n]) if count == 3 else []
        codes = [c if c else "" for c in first]
        return Header(rows=count, names=first, questions=[q or c for q, c in zip(questions, first)], codes=codes,
                      hints=hints, raw=rows[:count])

    def score_header(self, header: Header, i: int) -> str:
        # An NPS question has a sibling "<code>_NPS_GROUP" column, whatever language its text is in.
        text = super().score_header(header, i)
        code = header.codes[i]
        if code and any(c.lower() == f"{code.lower()}_nps_group" for c in header.codes):
            return f"NPS {text}"
        return text

    @staticmethod
    def _is_label_row(first: list[str], second: list[str]) -> bool:
        """Row 2 of a current export restates every column (localised labels, not answers)."""
        cols = {normalise_header(c): i for i, c in enumerate(first)}
        i = cols.get("responseid")
        if i is None or i >= len(second):
            return False
        value = second[i].strip()
        return not value.startswith("R_")  # a data row has the response id 'R_...' there


IMPORTERS = [QualtricsImporter()]

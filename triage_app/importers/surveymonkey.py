"""SurveyMonkey "all responses" export, expanded layout (CSV or XLSX).

Two header rows: row 1 holds the metadata names and each question's text (blank over the extra
columns of a multi-column question); row 2 holds ``Response``, ``Open-Ended Response`` or the
label of the choice / matrix row that column stands for.
"""
from __future__ import annotations

import re

from .base import normalise_header
from .survey_common import Header, SurveyImporter

METADATA = (
    "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
    "Last Name", "Custom Data", "Custom Data 1",
)
_METADATA = frozenset(normalise_header(n) for n in METADATA)
_ROW2_WORDS = {"response", "open-ended response", "other (please specify)"}


class SurveyMonkeyImporter(SurveyImporter):
    name = "surveymonkey"
    label = "SurveyMonkey"
    description = "SurveyMonkey all-responses export, expanded (CSV or XLSX; 2 header rows)"
    id_names = ("Respondent ID",)
    time_names = ("End Date", "Start Date")
    email_names = ("Email Address",)
    metadata_names = _METADATA
    metadata_pattern = re.compile(r"^Custom Data \d+$", re.I)
    dayfirst_default = False  # MM/DD/YYYY HH:MM:SS AM

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        names = {normalise_header(c) for c in rows[0]}
        if "respondent id" not in names:
            return 0.0
        score = 0.5
        if "collector id" in names:
            score += 0.2
        if {"start date", "end date"} & names:
            score += 0.1
        if len(rows) > 1 and {normalise_header(c) for c in rows[1]} & _ROW2_WORDS:
            score += 0.15
        return score

    def parse_header(self, rows: list[list[str]]) -> Header:
        first = [c.strip() for c in rows[0]]
        second = [c.strip() for c in rows[1]] if len(rows) > 1 else []
        two_rows = bool(second) and any(normalise_header(c) in _ROW2_WORDS for c in second)
        if not two_rows:  # the "condensed" layout or a hand-trimmed file: one header row
            return Header(rows=1, names=first, questions=list(first), raw=rows[:1])
        n = max(len(first), len(second))
        first, second = (first + [""] * n)[:n], (second + [""] * n)[:n]
        questions, current = [], ""
        for name, label in zip(first, second):
            if name:
                current = name
            question = current
            if label and normalise_header(label) not in _ROW2_WORDS:
                question = f"{current} - {label}" if current else label
            questions.append(question)
        return Header(rows=2, names=first, questions=questions, hints=second, raw=rows[:2])


IMPORTERS = [SurveyMonkeyImporter()]

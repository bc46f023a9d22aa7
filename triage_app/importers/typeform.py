"""Typeform responses (CSV or XLSX download).

One header row: ``#`` (the response token), the question titles, hidden fields, then
``Response Type``, ``Start Date (UTC)``, ``Stage Date (UTC)``, ``Submit Date (UTC)``,
``Network ID`` and ``Tags``. Times are UTC, as the headers say.
"""
from __future__ import annotations

from .base import normalise_header
from .survey_common import SurveyImporter

METADATA = ("#", "Response Type", "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags",
            "Ending", "Score")
_METADATA = frozenset(normalise_header(n) for n in METADATA)


class TypeformImporter(SurveyImporter):
    name = "typeform"
    label = "Typeform"
    description = "Typeform responses (CSV or XLSX): #, one column per question, Start/Submit Date (UTC), Network ID"
    id_names = ("#", "Token", "Response ID")
    time_names = ("Submit Date (UTC)", "Start Date (UTC)")
    email_names = ("Email", "Email Address", "email")
    metadata_names = _METADATA
    times_in_utc = True

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        names = [normalise_header(c) for c in rows[0]]
        present = set(names)
        dates = {"submit date (utc)", "start date (utc)", "stage date (utc)"} & present
        if not dates:
            return 0.1 if names and names[0] == "#" and "network id" in present else 0.0
        score = 0.4 + 0.15 * len(dates)
        if names[0] == "#":
            score += 0.2
        if "network id" in present:
            score += 0.1
        return min(score, 0.95)


IMPORTERS = [TypeformImporter()]

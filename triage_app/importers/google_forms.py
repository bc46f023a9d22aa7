"""Google Forms responses (the responses sheet downloaded as CSV or XLSX).

One header row: ``Timestamp`` (localised), an optional ``Email Address``, then the question
titles verbatim. There is no response id, so a respondent is identified by a hash of its
timestamp and e-mail (numbered when the same pair repeats).
"""
from __future__ import annotations

import re

from .base import ContentIds, normalise_header
from .survey_common import Header, Plan, SurveyImporter, cell_at, looks_like_question, share

#: "Timestamp" as Google Forms writes it in the form owner's language.
TIMESTAMP_NAMES = (
    "Timestamp", "Marca temporal", "Horodateur", "Zeitstempel", "Carimbo de data/hora", "Informazioni cronologiche",
    "Tijdstempel", "Sygnatura czasowa", "Отметка времени", "Zaman damgası", "时间戳记", "時間戳記", "时间戳",
    "タイムスタンプ", "타임스탬프", "Dấu thời gian", "Cap de temps",
)
EMAIL_NAMES = (
    "Email Address", "Email address", "Username", "Dirección de correo electrónico", "Adresse e-mail",
    "E-Mail-Adresse", "Endereço de e-mail", "Indirizzo email", "E-mailadres", "电子邮件地址", "電子郵件地址",
    "メールアドレス", "이메일 주소", "Адрес электронной почты",
)
_TIMESTAMPS = {normalise_header(n) for n in TIMESTAMP_NAMES}
_EMAILS = {normalise_header(n) for n in EMAIL_NAMES}
# Columns that other tools put in row 1: a file that has them is not a Google Forms export.
_FOREIGN = {normalise_header(n) for n in (
    "Respondent ID", "Collector ID", "ResponseId", "ResponseID", "Submit Date (UTC)", "submitdate", "#", "id",
)}
_SHEETS_TIME = re.compile(r"^\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\s+(上午|下午|午前|午後)?\s*\d{1,2}:\d{2}(:\d{2})?")


class GoogleFormsImporter(SurveyImporter):
    name = "google_forms"
    label = "Google Forms responses"
    description = ("Google Forms responses sheet (CSV or XLSX): Timestamp, optional Email Address, "
                   "one column per question")
    id_names = ()
    time_names = TIMESTAMP_NAMES
    email_names = EMAIL_NAMES
    metadata_names = frozenset(_TIMESTAMPS | _EMAILS | {"score", "puntuación", "punkte", "pontuação", "分数"})
    dayfirst_default = False  # "3/5/2024 10:15:22" in the US locale; day-first locales reveal themselves

    def sniff(self, source) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        names = [normalise_header(c) for c in rows[0]]
        if not names or names[0] not in _TIMESTAMPS or _FOREIGN & set(names):
            return 0.0
        score = 0.45
        rest = [c for c in rows[0][1:] if c.strip()]
        if len(names) > 1 and names[1] in _EMAILS:
            score += 0.15
            rest = rest[1:]
        if rest and share(rest, looks_like_question) >= 0.5:
            score += 0.2
        if len(rows) > 1 and _SHEETS_TIME.match(rows[1][0] if rows[1] else ""):
            score += 0.1
        return score

    def respondent_id(self, value: str, header: Header, cells: list[str], plan: Plan, content_ids: ContentIds,
                      position: int) -> str:
        if value:
            return value  # an id column chosen in the mapping
        return content_ids(cell_at(cells, plan.time_col), cell_at(cells, plan.email_col))


IMPORTERS = [GoogleFormsImporter()]

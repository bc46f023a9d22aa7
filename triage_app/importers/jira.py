"""Jira "Export CSV (all fields)" and smaller Jira CSVs (``Key, Summary, Status, ...``), with headers in
English, Spanish, French, German, Portuguese, Chinese or Japanese, or renamed (``title``,
``state``): the issue-key column is then found by its values (``HIVE-28515``).

Multi-valued fields are REPEATED headers: labels come from every ``Labels`` column, comments from
every ``Comment`` column (cells ``16/Feb/17 3:29 PM;<account id>;<body>``), other repeated columns
are joined into one attribute. The external id is the issue key (``HIVE-28515``).

Response time: ``Custom field ([CHART] Date of First Response)`` is a date (Jira's own "first
comment by someone other than the reporter"), so ``first_response_s`` = that date - Created. The
service-desk SLA column ``Custom field (Time to first response)`` is exported as the SLA's
*remaining* time (``-2:30`` = breached by 2.5 h), not the elapsed time, so it is kept as the
attribute ``sla_first_response_remaining_s``; only an SLA cell that carries the elapsed time itself
(API-style ``elapsedTime`` millis) gives ``first_response_s``.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Iterator

from .. import statuses
from ..domain import Event, Item, Rejected, Record
from .base import Importer, column_name, normalise_header, with_stated_type
from .dates import DateParser, infer_dayfirst, to_utc_iso
from .source import SourceFile

# field -> header names (English, Spanish); custom fields are matched without their
# "Custom field (...)" / "Campo personalizado (...)" wrapper.
_FIELDS = {
    "key": ("issue key", "key", "clave de incidencia", "clave", "clé de ticket", "clé du ticket", "clé",
            "vorgangsschlüssel", "schlüssel", "chave do item", "chave da issue", "chave", "问题关键字", "关键字",
            "課題キー", "キー"),
    "summary": ("summary", "resumen", "résumé", "zusammenfassung", "resumo", "概要", "摘要", "要約",
                "title", "titre", "titel", "título", "标题"),
    "description": ("description", "descripción", "descripcion", "beschreibung", "descrição", "描述", "説明"),
    "status": ("status", "estado", "état", "etat", "situação", "状态", "ステータス", "state"),
    "resolution": ("resolution", "resolución", "resolucion", "résolution", "lösung", "resolução", "解决结果",
                   "解决方案", "解決状況"),
    "reporter": ("reporter", "informador", "creator", "creador", "rapporteur", "créateur", "autor", "melder",
                 "relator", "报告人", "创建者", "報告者"),
    "created": ("created", "creada", "creado", "créé", "création", "erstellt", "criado", "创建日期", "已创建", "创建",
                "作成日"),
    "updated": ("updated", "actualizada", "actualizado", "mise à jour", "mis à jour", "aktualisiert", "atualizado",
                "已更新", "更新日期", "更新日"),
    "resolved": ("resolved", "resuelta", "resuelto", "résolu", "résolue", "erledigt", "resolvido", "已解决",
                 "解决日期", "解決日"),
    "project_key": ("project key", "clave del proyecto", "clave de proyecto", "clé de projet", "clé du projet",
                    "projektschlüssel", "chave do projeto", "项目关键字", "プロジェクトキー"),
    "first_response_date": ("[chart] date of first response", "[chart] fecha de primera respuesta"),
    "sla_first_response": ("time to first response", "tiempo hasta la primera respuesta"),
    "satisfaction": ("satisfaction rating", "satisfaction", "calificación de satisfacción", "calificacion de satisfaccion"),
}
_MULTI = {"labels": ("labels", "etiquetas", "étiquettes", "stichwörter", "标签", "ラベル"),
          "comment": ("comment", "comentario", "comentarios", "commentaire", "kommentar", "comentário", "注释",
                      "评论", "コメント")}
#: headers only Jira writes (any language): evidence for Jira, against other trackers
JIRA_ONLY = {"issue type", "issue id", "project key", "project name", "priority", "sprint", "resolution", "reporter",
             "watchers", "tipo de incidencia", "type de ticket", "vorgangstyp", "问题类型", "課題タイプ", "priorité",
             "priorität", "优先级", "優先度", "rapporteur", "报告人", "報告者"}
#: the "Issue Type" header in the languages Jira exports (the column is kept as an attribute)
_ISSUE_TYPE_HEADERS = {"issue type", "tipo de incidencia", "type de ticket", "vorgangstyp", "问题类型", "課題タイプ",
                       "tipo de item", "tipo de pendência"}
_WRAPPER = re.compile(r"^(custom field|campo personalizado)\s*\((.*)\)$")
_ISSUE_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")
_SPANISH_AMPM = re.compile(r"\b([ap])\.\s?m\.", re.I)
_LOOKS_DATED = re.compile(r"\d{1,4}[/.\-]\s*(\d{1,2}|[^\W\d_]{3,})[/.\-]\s*\d{2,4}")
_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_JIRA_DATE = re.compile(r"^(\d{1,2})/([^\W\d_]{3})/(\d{2}) (\d{1,2}):(\d{2}) ?([ap])\.? ?m\.?$", re.I)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})$")
_MONTHS = {m: i for i, names in enumerate(
    ("jan ene", "feb", "mar", "apr abr", "may", "jun", "jul", "aug ago", "sep set", "oct", "nov", "dec dic"), start=1)
    for m in names.split()}
_HHMM = re.compile(r"^([+-])?(\d+):(\d{2})$")
_ELAPSED = re.compile(r"elapsedTime\W+millis\W+(\d+)")
_NOT_RESOLVED = {"unresolved", "sin resolver", "no resuelta"}
# Jira Cloud's "Automation for Jira" account (comments it adds are not responses).
_BOT_ACCOUNTS = {"557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"}


def _bare(header: str) -> str:
    name = normalise_header(header)
    m = _WRAPPER.match(name)
    return m.group(2).strip() if m else name


def _layout(headers: list[str], samples: list[list[str]] | None = None) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Index of each single field (first match wins) and of the repeated labels/comment columns.
    Without a key header, the column whose ``samples`` values are issue keys is the key."""
    bare = [_bare(h) for h in headers]
    single: dict[str, int] = {}
    for field, names in _FIELDS.items():
        for name in names:
            if name in bare and bare.index(name) not in single.values():
                single[field] = bare.index(name)
                break
    if "key" not in single and samples:
        for i in range(len(headers)):
            keys = [r[i].strip() for r in samples if i < len(r) and r[i].strip()]
            if len(keys) >= 2 and sum(1 for k in keys if _ISSUE_KEY.match(k)) >= 0.9 * len(keys):
                single["key"] = i
                break
    multi = {f: [i for i, b in enumerate(bare) if b in names] for f, names in _MULTI.items()}
    return single, multi


def _hhmm_seconds(text: str) -> float | None:
    m = _HHMM.match(text.strip())
    if not m:
        return None
    seconds = int(m.group(2)) * 3600 + int(m.group(3)) * 60
    return -seconds if m.group(1) == "-" else float(seconds)


class JiraImporter(Importer):
    name = "jira"
    label = "Jira issues (CSV export)"
    description = "Jira Export CSV (all fields or current fields), English or Spanish headers; repeated Labels/Comment columns"
    kinds = ("csv", "xlsx")

    def sniff(self, source: SourceFile) -> float:
        rows = source.preview_rows
        if not rows:
            return 0.0
        single, multi = _layout(rows[0], rows[1:])
        bare = {_bare(h) for h in rows[0]}
        if {"issue key", "clave de incidencia", "clé de ticket", "vorgangsschlüssel", "问题关键字", "課題キー"} & bare \
                and "summary" in single:
            return 0.95
        if "key" in single and "summary" in single:
            i = single["key"]
            keys = [r[i].strip() for r in rows[1:] if i < len(r) and r[i].strip()]
            if keys and sum(1 for k in keys if _ISSUE_KEY.match(k)) >= 0.8 * len(keys):
                return 0.85 if "status" in single or JIRA_ONLY & bare else 0.6
            return 0.2
        return 0.0

    def read(self, source: SourceFile) -> Iterator[Record]:
        rows = source.iter_rows()
        first = next(rows, None)
        if first is None:
            raise source.fail("has no rows")
        headers = [h.replace("\ufeff", "").strip() for h in first[1]]
        single, multi = _layout(headers, source.preview_rows[1:])
        if "key" not in single or "summary" not in single:
            raise source.fail("is not a Jira export: no Issue key and Summary columns")
        i_key, i_summary = single["key"], single["summary"]
        get = single.get
        i_desc, i_status, i_res, i_reporter = get("description"), get("status"), get("resolution"), get("reporter")
        i_created, i_updated, i_resolved = get("created"), get("updated"), get("resolved")
        i_pkey, i_first = get("project_key"), get("first_response_date")
        i_sla, i_sat = get("sla_first_response"), get("satisfaction")
        label_cols, comment_cols = multi["labels"], multi["comment"]

        date_cols = [c for c in (i_created, i_updated, i_resolved) if c is not None]
        samples = [r[c] for r in source.preview_rows[1:] for c in date_cols if c < len(r)]
        dayfirst = source.options.dayfirst
        if dayfirst is None:
            found = infer_dayfirst(samples)
            dayfirst = True if found is None else found  # Jira's numeric default is dd/mm/yyyy
        parser = DateParser(dayfirst, source.options.timezone)

        def parse_date(text: str) -> str | None:
            if not text:
                return None
            fast = _JIRA_DATE.match(text)  # Jira's default '16/Feb/17 3:29 PM' (or 'nov'): skip dateutil
            if fast and fast.group(2).lower() in _MONTHS:
                day, month, year, hour, minute, ampm = fast.groups()
                hour = int(hour) % 12 + (12 if ampm.upper() == "P" else 0)
                try:
                    when = datetime(int(year) + (2000 if int(year) < 70 else 1900), _MONTHS[month.lower()], int(day), hour, int(minute))
                except ValueError:
                    raise ValueError(f"not a date: {text[:40]!r}") from None
                return to_utc_iso(when, parser.default_tz)
            fast = _NUMERIC_DATE.match(text)  # '16/02/2017 15:26'
            if fast:
                a, b, year, hour, minute = (int(g) for g in fast.groups())
                day, month = (a, b) if dayfirst else (b, a)
                try:
                    return to_utc_iso(datetime(year, month, day, hour, minute), parser.default_tz)
                except ValueError:
                    raise ValueError(f"not a date: {text[:40]!r}") from None
            return parser(_SPANISH_AMPM.sub(lambda m: m.group(1).upper() + "M", text))

        core = ("key", "summary", "description", "status", "resolution", "reporter", "created", "updated", "resolved")
        used = {single[f] for f in core if f in single} | set(label_cols) | set(comment_cols)
        extra: dict[str, list[int]] = {}
        for i, h in enumerate(headers):
            if i not in used and h:
                extra.setdefault(h, []).append(i)
        extra_cols = list(extra.items())
        n = len(headers)

        for row_number, cells in rows:
            if len(cells) < n:
                cells = cells + [""] * (n - len(cells))
            key = cells[i_key].strip()
            if not key:
                yield Rejected(row_number, "no issue key", headers[i_key])
                continue
            dates = {}
            bad = None
            for field, col in (("created", i_created), ("updated", i_updated), ("resolved", i_resolved)):
                try:
                    dates[field] = parse_date(cells[col].strip()) if col is not None else None
                except ValueError as exc:
                    bad = Rejected(row_number, str(exc), column_name(headers, col))
                    break
            if bad:
                yield bad
                continue
            summary = cells[i_summary].strip()
            description = cells[i_desc].strip() if i_desc is not None else ""
            status = cells[i_status].strip() if i_status is not None else ""
            resolution = cells[i_res].strip() if i_res is not None else ""
            if resolution.lower() in _NOT_RESOLVED:
                resolution = ""
            project = (cells[i_pkey].strip() if i_pkey is not None else "") or key.rsplit("-", 1)[0]
            attributes = {}
            for header, cols in extra_cols:
                values = [cells[c].strip() for c in cols if cells[c].strip()]
                if values:
                    attributes[header] = values[0] if len(values) == 1 else "; ".join(values)
            item = Item(
                external_id=key,
                title=summary or None,
                text=description or summary,
                created_at=dates["created"], updated_at=dates["updated"], closed_at=dates["resolved"],
                author=(cells[i_reporter].strip() or None) if i_reporter is not None else None,
                source=project,
                source_state=statuses.source_state(status, resolution),
                status=statuses.map_state("jira", status, resolution) if status else None,
                labels=[lab for c in label_cols for lab in cells[c].split() if lab],
                events=[self._comment(cells[c].strip(), parse_date) for c in comment_cols if cells[c].strip()],
                attributes=with_stated_type(attributes, next(
                    (v for h, v in attributes.items() if _bare(h) in _ISSUE_TYPE_HEADERS), None),
                    [lab for c in label_cols for lab in cells[c].split() if lab]),
                row=row_number,
            )
            if i_first is not None:
                self._first_response(item, cells[i_first].strip(), parse_date)
            if i_sla is not None and cells[i_sla].strip():
                self._sla(item, cells[i_sla].strip())
            if i_sat is not None:
                m = _FIRST_NUMBER.search(cells[i_sat])  # '4', '4.0' or '{rating=4}'
                value = float(m.group(0)) if m else None
                if value is not None and 1 <= value <= 5:
                    item.csat = value
            if not item.text:
                item.text = key  # neither summary nor description: keep the issue, say which one
            yield item

    @staticmethod
    def _comment(cell_text: str, parse_date) -> Event:
        parts = cell_text.split(";", 2)
        if len(parts) == 3:
            try:
                when = parse_date(parts[0].strip())
            except ValueError:
                when = None
            if when is not None:
                author = parts[1].strip() or None
                is_bot = author in _BOT_ACCOUNTS or bool(author and author.lower().endswith("[bot]"))
                return Event(when, author, parts[2], "comment", is_bot)
        return Event(None, None, cell_text, "comment")

    @staticmethod
    def _first_response(item: Item, text: str, parse_date) -> None:
        if not text or not item.created_at or not _LOOKS_DATED.search(text):
            return  # e.g. the sample's Excel-mangled '29:10.8' stays an attribute
        try:
            when = parse_date(text)
        except ValueError:
            return
        delta = (datetime.fromisoformat(when) - datetime.fromisoformat(item.created_at)).total_seconds()
        if delta >= 0:
            item.first_response_s = delta

    @staticmethod
    def _sla(item: Item, text: str) -> None:
        elapsed = _ELAPSED.search(text)
        if elapsed:
            item.first_response_s = int(elapsed.group(1)) / 1000
            return
        remaining = _hhmm_seconds(text)
        if remaining is not None:
            item.attributes["sla_first_response_remaining_s"] = remaining
            item.attributes["sla_first_response_breached"] = remaining < 0


IMPORTERS = [JiraImporter()]

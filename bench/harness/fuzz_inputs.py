"""Hostile import files for fuzzing, as hypothesis strategies, and the check every input must pass.

Used by tests/reliability/test_fuzz_importers.py (a few hundred inputs per family) and by
bench/fuzz_importers.py (100,000+ per family). Families: ``csv`` (tables for every CSV importer:
ragged, quoted, wrongly encoded, truncated, huge fields), ``json`` (arrays, wrappers, deep nesting,
wrong types), ``jsonl``, ``xlsx`` (workbooks written by hand: broken XML, entity expansion, zip
bombs, not-a-zip) and ``zip`` (zips of JSON/JSON Lines).

``check_input`` imports one file and classifies what happened: ``ok`` (imported), ``failed``
(a typed ImportFailure that names the file) — or a bug: ``crash`` (any other exception, or an
ImportFailure wrapping an unexpected exception), ``unchanged-violation`` (a failed import changed
the workspace).
"""
from __future__ import annotations

import csv
import functools
import io
import json
import zipfile
from dataclasses import dataclass

from hypothesis import strategies as st

FAMILIES = ("csv", "json", "jsonl", "xlsx", "zip")

# -- cell values -------------------------------------------------------------------------------
_DATES = st.sampled_from([
    "2024-03-05T10:15:22Z", "2024-03-05 10:15:22", "3/5/2024 10:15:22", "2024/03/05 10:15:22 AM GMT+1",
    "16/Feb/17 3:29 PM", "10/nov/25", "05.03.2024", "2024-13-45", "0000-00-00", "9999-12-31T23:59:59+14:00",
    "1970-01-01", "yesterday", "2024年3月5日 上午10:15", "NaN", "-1", "1e308", "31/02/2024 25:61",
    "2024-03-05T10:15:22.123456789+05:45", "Tue, 05 Mar 2024 10:15:22 GMT", "1709633722", "99999999999999999999",
])
_NUMBERS = st.one_of(
    st.integers(-10**30, 10**30).map(str), st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["10", "0", "5", "7", "11", "-3", "4.5", "5 stars", "★★★★", "N/A", "", "１０", "1,000", "0x10"]),
)
_NASTY = st.sampled_from([
    "'; DROP TABLE items; --", "\x00", "\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "😀👍🏽🇨🇳", "\ud7ff",
    "=HYPERLINK(\"http://x\")", "\r\n\r\n", '"', '""', "\\", "\t", "\x1b[31m", "\ufeff", "配送 太慢 了！",
    "{\"ImportId\":\"QID1_TEXT\"}", "Response", "Open-Ended Response", "PROJ-123", "owner/repo#1", "#",
    "\u2028\u2029", "a" * 300, "null", "true", "[]", "{}",
])
TEXT = st.one_of(st.text(max_size=60), _NASTY, st.text(alphabet="配送慢好差评价 ,\"\n", max_size=40))
CELL = st.one_of(TEXT, _DATES, _NUMBERS, st.just(""))

# -- CSV family --------------------------------------------------------------------------------
_PROFILES = {
    "generic": [["id", "text", "created_at", "score"], ["Comment", "Date", "NPS"]],
    "google_forms": [["Timestamp", "Email Address", "What could we improve?", "How likely are you to recommend us?"]],
    "surveymonkey": [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "What do you think?"],
                     ["", "", "", "", "", "Open-Ended Response"]],
    "typeform": [["#", "What went wrong?", "Score", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]],
    "qualtrics": [["StartDate", "EndDate", "ResponseId", "Q1", "Q2_TEXT"],
                  ["Start Date", "End Date", "Response ID", "How likely...?", "Why?"],
                  ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"_recordId"}',
                   '{"ImportId":"QID1"}', '{"ImportId":"QID2_TEXT"}']],
    "qualtrics_legacy": [["V1", "V2", "V3", "V8", "V9", "V10", "Q1", "Q2"],
                         ["ResponseID", "ResponseSet", "Name", "StartDate", "EndDate", "Finished", "Rate us", "Why?"]],
    "limesurvey": [["id", "submitdate", "lastpage", "startlanguage", "startdate", "datestamp", "Q1", "Q2"]],
    "research_survey": [["Q1", "Q2", "Q3"], ["What is your age?", "What do you like?", "What should change?"]],
    "jira": [["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Resolution", "Reporter",
              "Created", "Updated", "Resolved", "Description", "Labels", "Labels", "Comment", "Comment",
              "Custom field (Satisfaction rating)", "Custom field (Time to first response)"]],
    "gitlab": [["Issue ID", "URL", "Title", "State", "Description", "Author", "Author Username",
                "Created At (UTC)", "Updated At (UTC)", "Closed At (UTC)", "Labels"]],
    "google_play": [["Package Name", "App Version Code", "Reviewer Language", "Review Submit Date and Time",
                     "Star Rating", "Review Text", "Developer Reply Text", "Developer Reply Date and Time", "Review Link"]],
    "cfpb_complaints": [["Date received", "Product", "Issue", "Consumer complaint narrative",
                    "Company response to consumer", "Timely response?", "Complaint ID"]],
}
_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "cp1252", "latin-1")


@st.composite
def table_rows(draw, max_rows: int = 8):
    profile = draw(st.sampled_from(sorted(_PROFILES)))
    header = [list(r) for r in _PROFILES[profile]]
    width = len(header[0])
    if draw(st.booleans()):  # drop, shuffle or add header cells
        first = draw(st.permutations(header[0]))
        header[0] = first[: draw(st.integers(1, width))] + draw(st.lists(TEXT, max_size=2))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=width + 3), max_size=max_rows))
    if draw(st.integers(0, 9)) == 0:  # one huge cell
        rows.append([draw(st.sampled_from(["x", "配", "é", "\""])) * draw(st.integers(1 << 16, 1 << 18))])
    return profile, header + rows


def _csv_text(rows: list[list[str]], delimiter: str, quoting: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    for row in rows:
        writer.writerow([c.replace("\x00", "") if quoting == csv.QUOTE_NONE else c for c in row])
    return out.getvalue()


@st.composite
def mutate(draw, data: bytes) -> bytes:
    """Byte-level damage: truncation, flipped bytes, inserted NULs or random bytes."""
    kind = draw(st.sampled_from(["none", "none", "truncate", "flip", "insert", "nul"]))
    if not data or kind == "none":
        return data
    at = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    return data[:at] + b"\x00" + data[at:]


@st.composite
def csv_inputs(draw):
    if draw(st.integers(0, 9)) == 0:
        return "random.csv", draw(st.binary(min_size=1, max_size=2000)), None
    profile, rows = draw(table_rows())
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    try:
        text = _csv_text(rows, delimiter, quoting)
    except (csv.Error, ValueError):
        text = "\n".join(delimiter.join(r) for r in rows)
    if draw(st.booleans()):  # ragged, hand-broken quoting
        text = text.replace('""', '"', draw(st.integers(0, 3)))
    encoding = draw(st.sampled_from(_ENCODINGS))
    data = text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")
    data = draw(mutate(data))
    name = draw(st.sampled_from(["export.csv", "export.tsv", "export.txt", "data"]))
    fmt = draw(st.sampled_from([None, None, profile if not profile.startswith("qualtrics") else "qualtrics"]))
    return name, data or b",", fmt


# -- JSON family -------------------------------------------------------------------------------
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False), TEXT, _DATES)
JSON_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
_GITHUB_KEYS = ["number", "state", "html_url", "repository_url", "title", "body", "created_at", "closed_at",
                "updated_at", "user", "labels", "comments", "state_reason", "pull_request", "url", "author",
                "createdAt", "closedAt", "reactions", "timeline"]
_ZENDESK_KEYS = ["id", "subject", "status", "description", "created_at", "updated_at", "tags", "priority",
                 "satisfaction_rating", "via", "requester_id", "metric_sets", "solved_at", "comments"]
_GOOD = {
    "number": st.integers(-5, 10**6), "state": st.sampled_from(["open", "closed", "OPEN", "", "weird"]),
    "html_url": st.sampled_from(["https://github.com/o/r/issues/1", "https://github.com/", "not a url", ""]),
    "repository_url": st.sampled_from(["https://api.github.com/repos/o/r", "https://api.github.com/repos/", ""]),
    "url": st.sampled_from(["https://github.com/o/r/issues/2", "https://api.github.com/repos/o/r/issues/2"]),
    "id": st.one_of(st.integers(-5, 10**12), st.text(max_size=5)),
    "status": st.sampled_from(["new", "open", "pending", "hold", "solved", "closed", "??"]),
    "user": st.one_of(st.none(), st.fixed_dictionaries({"login": TEXT, "type": st.sampled_from(["User", "Bot"])})),
    "author": st.one_of(st.none(), st.fixed_dictionaries({"login": TEXT, "is_bot": st.booleans()})),
    "labels": st.lists(st.one_of(TEXT, st.fixed_dictionaries({"name": TEXT})), max_size=3),
    "satisfaction_rating": st.one_of(st.none(), st.fixed_dictionaries(
        {"score": st.sampled_from(["good", "bad", "offered", 5, None]), "comment": TEXT})),
}


@st.composite
def record(draw, keys: list[str]):
    chosen = draw(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True))
    obj = {}
    for key in chosen:
        good = _GOOD.get(key)
        obj[key] = draw(good) if good is not None and draw(st.integers(0, 3)) else draw(st.one_of(_DATES, JSON_VALUES))
    return obj


@st.composite
def json_document(draw):
    keys = draw(st.sampled_from([_GITHUB_KEYS, _ZENDESK_KEYS, ["text", "comment", "date", "score", "id"]]))
    records = draw(st.lists(st.one_of(record(keys), JSON_VALUES), max_size=6))
    shape = draw(st.sampled_from(["array", "array", "wrapper", "single", "scalar", "deep", "deep_array"]))
    if shape == "wrapper":
        doc = {draw(st.sampled_from(["tickets", "issues", "data", "x"])): records, "count": len(records)}
        if draw(st.booleans()):
            doc["metric_sets"] = draw(st.lists(JSON_VALUES, max_size=3))
    elif shape == "single":
        doc = records[0] if records else {}
    elif shape == "scalar":
        doc = draw(_SCALARS)
    elif shape in ("deep", "deep_array"):  # nesting deep enough to exhaust a recursive parser
        depth = draw(st.sampled_from([50, 1000, 100_000]))
        inner = "[" * depth + "]" * depth
        return ('[{"title": "x", "body": ' + inner + "}]" if shape == "deep_array"
                else '{"tickets": ' + inner + "}").encode()
    else:
        doc = records
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@st.composite
def json_inputs(draw):
    data = draw(mutate(draw(json_document())))
    fmt = draw(st.sampled_from([None, None, "github", "github_cli", "zendesk", "generic"]))
    return draw(st.sampled_from(["issues.json", "tickets.json", "x.json"])), data or b"[", fmt


@st.composite
def jsonl_inputs(draw):
    keys = draw(st.sampled_from([_GITHUB_KEYS, _ZENDESK_KEYS]))
    lines = draw(st.lists(st.one_of(record(keys).map(json.dumps), JSON_VALUES.map(json.dumps), TEXT), min_size=1,
                          max_size=8))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    data = draw(mutate(data))
    fmt = draw(st.sampled_from([None, None, "github", "zendesk", "generic"]))
    return "issues.jsonl", data or b"{", fmt


# -- XLSX family (written by hand, so the XML itself can be hostile) ---------------------------
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                  'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/'
                  'xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                  'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
           '&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
           '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;'
           '&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;'
           '&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
           '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;'
           '&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>')
_XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _xml_escape(text: str) -> str:
    text = "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows: list[list[str]], prolog: str = "", entity: str | None = None) -> str:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(f'<c r="{_col(c)}{r}" t="inlineStr"><is><t>{entity or _xml_escape(v)}</t></is></c>'
                        for c, v in enumerate(row[:40]))
        body.append(f'<row r="{r}">{cells}</row>')
    head = prolog or '<?xml version="1.0" encoding="UTF-8"?>'
    return (head + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(body) + "</sheetData></worksheet>")


def xlsx_bytes(parts: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


def workbook_parts(sheet: str) -> dict[str, str]:
    return {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "xl/workbook.xml": _WORKBOOK,
            "xl/_rels/workbook.xml.rels": _WB_RELS, "xl/worksheets/sheet1.xml": sheet}


@functools.lru_cache(maxsize=None)
def _bomb(kind: str, megabytes: int) -> bytes:
    if kind == "xlsx":
        parts = workbook_parts(sheet_xml([["a"]]))
        parts["xl/sharedStrings.xml"] = b"<" * (megabytes << 20)
    else:
        parts = {"bomb.json": b"[" + b" " * (megabytes << 20) + b"]"}
    return xlsx_bytes(parts)


@st.composite
def xlsx_inputs(draw):
    profile, rows = draw(table_rows(max_rows=6))
    rows = [[c[:2000] for c in r] for r in rows]
    attack = draw(st.sampled_from(["none", "none", "none", "laughs", "xxe", "bomb", "not_zip", "broken_xml",
                                   "missing_part", "garbage_member"]))
    if attack == "not_zip":
        return "book.xlsx", draw(st.binary(min_size=1, max_size=500)), None
    sheet = sheet_xml(rows)
    parts = workbook_parts(sheet)
    if attack == "laughs":
        parts["xl/worksheets/sheet1.xml"] = sheet_xml(rows[:2] or [["x"]], _LAUGHS, "&lol9;")
    elif attack == "xxe":
        parts["xl/worksheets/sheet1.xml"] = sheet_xml(rows[:2] or [["x"]], _XXE, "&xxe;")
    elif attack == "bomb":  # a member that unpacks to far more than it weighs (built once, reused)
        return "book.xlsx", _bomb("xlsx", draw(st.sampled_from([60, 300]))), None
    elif attack == "broken_xml":
        cut = draw(st.integers(0, len(sheet)))
        parts["xl/worksheets/sheet1.xml"] = sheet[:cut] + draw(st.sampled_from(["", "<row", "&bogus;", "</x>"]))
    elif attack == "missing_part":
        parts.pop(draw(st.sampled_from(sorted(parts))))
    elif attack == "garbage_member":
        parts[draw(st.sampled_from(sorted(parts)))] = draw(st.binary(max_size=300))
    data = xlsx_bytes(parts)
    if attack == "none":
        data = draw(st.one_of(st.just(data), mutate(data)))
    fmt = draw(st.sampled_from([None, None, profile if not profile.startswith("qualtrics") else "qualtrics"]))
    return "book.xlsx", data, fmt


# -- ZIP family --------------------------------------------------------------------------------
@st.composite
def zip_inputs(draw):
    members = {}
    for i in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from([f"issues-{i}.json", f"part{i}.jsonl", f"dir/{i}.ndjson", f"readme{i}.txt",
                                     f"../evil{i}.json", f"/abs{i}.json"]))
        members[name] = draw(json_document()) if name.endswith(".json") else draw(
            st.one_of(jsonl_inputs().map(lambda t: t[1]), st.binary(max_size=200)))
    if draw(st.integers(0, 19)) == 0:
        return "export.zip", _bomb("zip", draw(st.sampled_from([60, 300]))), draw(st.sampled_from([None, "github"]))
    data = xlsx_bytes(members) if members else b"PK\x05\x06" + b"\x00" * 18
    data = draw(st.one_of(st.just(data), mutate(data)))
    fmt = draw(st.sampled_from([None, None, "github", "generic"]))
    return "export.zip", data, fmt


STRATEGIES = {"csv": csv_inputs, "json": json_inputs, "jsonl": jsonl_inputs, "xlsx": xlsx_inputs, "zip": zip_inputs}


# -- the check ---------------------------------------------------------------------------------
@dataclass
class Outcome:
    kind: str  # ok | failed | crash | unchanged-violation
    detail: str = ""


def fingerprint(conn) -> tuple:
    return conn.execute(
        "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM items), (SELECT total(row_hash) FROM items),"
        " (SELECT count(*) FROM events), (SELECT count(*) FROM respondents), (SELECT count(*) FROM rejected_rows),"
        " (SELECT count(*) FROM status_history), (SELECT count(*) FROM items_fts_docsize)"
    ).fetchone()


def parse_only(path, fmt: str | None) -> Outcome:
    """Detection + parsing + row preparation, no workspace: what the reader thread does."""
    from triage_app.domain import ImportFailure
    from triage_app.importers import choose_importer
    from triage_app.importers.source import ImportOptions, SourceFile
    from triage_app.services.reading import parse_chunks

    try:
        source = SourceFile(path, ImportOptions(format=fmt))
        importer = choose_importer(source)
        for _ in parse_chunks(source, importer.name, 500):
            pass
    except ImportFailure as exc:
        if str(path) not in str(exc):
            return Outcome("crash", f"ImportFailure without the file name: {exc}")
        return Outcome("failed", exc.reason[:200])
    except Exception as exc:  # noqa: BLE001 - a crash is what we are looking for
        return Outcome("crash", f"{type(exc).__name__}: {str(exc)[:300]}")
    return Outcome("ok")


def import_into(ws, path, fmt: str | None) -> Outcome:
    """The whole import service into a workspace; a failure must leave the workspace unchanged."""
    from triage_app.domain import ImportFailure
    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import

    before = fingerprint(ws.conn)
    try:
        run_import(ws, path, ImportOptions(format=fmt))
    except ImportFailure as exc:
        if fingerprint(ws.conn) != before:
            return Outcome("unchanged-violation", str(exc)[:200])
        if "could not be imported (" in str(exc):  # the service's net for unexpected exceptions
            return Outcome("crash", str(exc)[:300])
        if str(path) not in str(exc):
            return Outcome("crash", f"ImportFailure without the file name: {exc}")
        return Outcome("failed", exc.reason[:200])
    except Exception as exc:  # noqa: BLE001
        return Outcome("crash", f"{type(exc).__name__}: {str(exc)[:300]}")
    if ws.conn.in_transaction:
        return Outcome("crash", "transaction left open")
    return Outcome("ok")

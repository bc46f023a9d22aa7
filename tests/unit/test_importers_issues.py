"""Issue-tracker, ticket and review importers: github, github_cli, jira, gitlab, zendesk, google_play,
cfpb_complaints. Fixtures are written into tmp_path; the shared real exports are optional."""
from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from triage_app.domain import Event, Item, Note, Rejected, Skipped
from triage_app.importers import detect, get_importer
from triage_app.importers.source import ImportOptions, SourceFile

OURS = ("github", "github_cli", "jira", "gitlab", "zendesk", "google_play", "cfpb_complaints")


def read_all(path, fmt=None, **options):
    source = SourceFile(path, ImportOptions(**options))
    importer = get_importer(fmt) if fmt else detect(source)[0][1]
    records = [r for r in importer.read(source) if not isinstance(r, (Note, Skipped))]  # counted skips, warnings
    items = [r for r in records if isinstance(r, Item)]
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert len(items) + len(rejected) == len(records)
    return items, rejected


def write_csv(path: Path, rows, encoding="utf-8", delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def assert_detected(path, expected):
    ranked = detect(SourceFile(path))
    scores = {imp.name: score for score, imp in ranked}
    assert ranked[0][1].name == expected, scores
    assert scores[expected] > scores.get("generic", 0.0)
    for name in OURS:
        if name != expected:
            assert scores.get(name, 0.0) < 0.3, (name, scores)


# -- fixtures -------------------------------------------------------------------------------------

def rest_issue(number, *, repo="acme/widgets", state="open", reason=None, body="Body text", title=None,
               user="alice", user_type="User", pr=None, created="2024-03-01T10:00:00Z", closed=None, **extra):
    obj = {
        "url": f"https://api.github.com/repos/{repo}/issues/{number}",
        "repository_url": f"https://api.github.com/repos/{repo}",
        "html_url": f"https://github.com/{repo}/issues/{number}",
        "id": 1000 + number, "number": number, "title": title or f"Issue {number}",
        "user": {"login": user, "type": user_type},
        "labels": [{"name": "bug"}, {"name": "ui"}], "state": state, "locked": False,
        "assignees": [{"login": "maint"}], "milestone": {"title": "v2", "description": "x" * 500},
        "comments": 3, "created_at": created, "updated_at": "2024-03-02T10:00:00Z", "closed_at": closed,
        "author_association": "NONE", "body": body,
        "reactions": {"url": "...", "total_count": 4, "+1": 3, "-1": 1},
        "state_reason": reason, "pull_request": pr,
    }
    obj.update(extra)
    return obj


@pytest.fixture
def rest_jsonl(tmp_path):
    lines = [
        json.dumps(rest_issue(1, body="", title="Crash on start")),
        json.dumps(rest_issue(2, pr={"url": "https://api.github.com/repos/acme/widgets/pulls/2"})),
        json.dumps(rest_issue(3, state="closed", reason="not_planned", closed="2024-03-05T10:00:00Z")),
        '{"number": 4, "title": "broken',                                     # line 4: not JSON
        json.dumps([1, 2]),                                                   # line 5: not an object
        json.dumps({k: v for k, v in rest_issue(6).items() if k != "number"}),  # line 6: no number
        json.dumps(rest_issue(7, created="yesterday-ish")),                  # line 7: bad date
        json.dumps(rest_issue(8, user="renovate[bot]", user_type="Bot", body=None)),
        "",
        json.dumps(rest_issue(10, state="closed", reason="completed", closed="2024-03-03T12:00:00Z")),
    ]
    path = tmp_path / "issues.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def rest_array_2014(tmp_path):
    """2014 schema: no repository_url, state_reason, reactions; PRs carry pull_request."""
    old = []
    for n, state in ((597, "open"), (561, "open"), (500, "closed")):
        obj = rest_issue(n, repo="hadley/dplyr", state=state, closed="2014-09-01T00:00:00Z" if state == "closed" else None)
        for key in ("repository_url", "state_reason", "reactions", "author_association", "assignees"):
            obj.pop(key)
        obj.pop("pull_request")
        if n == 561:
            obj["pull_request"] = {"html_url": "https://github.com/hadley/dplyr/pull/561"}
        old.append(obj)
    path = tmp_path / "dplyr_issues.json"
    path.write_text(json.dumps(old, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def gh_cli_json(tmp_path):
    issues = [{
        "number": 12, "title": "Export fails", "body": "Steps...", "state": "CLOSED", "stateReason": "NOT_PLANNED",
        "createdAt": "2024-05-01T08:00:00Z", "updatedAt": "2024-05-03T08:00:00Z", "closedAt": "2024-05-03T08:00:00Z",
        "author": {"login": "carol", "is_bot": False, "name": "Carol"},
        "labels": [{"id": "L1", "name": "bug", "color": "ff0000"}],
        "url": "https://github.com/acme/widgets/issues/12",
        "reactionGroups": [{"content": "THUMBS_UP", "users": {"totalCount": 5}}, {"content": "HEART", "users": {"totalCount": 1}}],
        "assignees": [{"login": "maint"}], "milestone": None,
        "comments": [
            {"author": {"login": "carol"}, "authorAssociation": "NONE", "body": "Any news?", "createdAt": "2024-05-01T09:00:00Z"},
            {"author": {"login": "github-actions", "is_bot": True}, "authorAssociation": "NONE", "body": "Stale", "createdAt": "2024-05-01T10:00:00Z"},
            {"author": {"login": "dependabot[bot]"}, "authorAssociation": "NONE", "body": "Bump", "createdAt": "2024-05-01T11:00:00Z"},
            {"author": {"login": "maint"}, "authorAssociation": "MEMBER", "body": "Won't do", "createdAt": "2024-05-02T08:00:00Z"},
        ],
    }, {
        "number": 13, "title": "Dark mode", "body": "", "state": "OPEN", "stateReason": "",
        "createdAt": "2024-05-04T08:00:00Z", "closedAt": None,
        "author": {"login": "app/renovate", "is_bot": True}, "labels": [], "comments": [],
        "url": "https://github.com/acme/widgets/issues/13",
    }]
    path = tmp_path / "gh_issues.json"
    path.write_text(json.dumps(issues), encoding="utf-8")
    return path


JIRA_HEADERS = (["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Priority",
                 "Resolution", "Assignee", "Reporter", "Created", "Updated", "Resolved"]
                + ["Labels"] * 3 + ["Description"] + ["Watchers"] * 2
                + ["Custom field (Time to first response)", "Custom field (Satisfaction rating)",
                   "Custom field ([CHART] Date of First Response)"] + ["Comment"] * 3)


@pytest.fixture
def jira_csv(tmp_path):
    rows = [JIRA_HEADERS,
            ["Login button broken", "WEB-1", "101", "Bug", "Closed", "WEB", "Website", "High", "Won't Fix", "bob", "ann",
             "16/Feb/17 3:29 PM", "17/Feb/17 9:00 AM", "18/Feb/17 10:00 AM", "ui", "login", "", "Clicking does nothing; see log",
             "bob", "cat", "-2:30", "4", "16/Feb/17 5:29 PM",
             "16/Feb/17 4:00 PM;557058:abc;Can you share the browser?", "17/Feb/17 9:00 AM;ann;Chrome; latest", ""],
            ["Slow search", "WEB-2", "102", "Bug", "Open", "WEB", "Website", "Low", "", "", "ann",
             "20/02/2017 15:26", "", "", "", "", "", "", "", "", "1:15", "", "29:10.8", "", "", ""],
            ["No key here", "", "103"] + [""] * (len(JIRA_HEADERS) - 3),
            ["Bad date", "WEB-4", "104", "Bug", "Open", "WEB", "Website", "Low", "", "", "ann", "someday"]
            + [""] * (len(JIRA_HEADERS) - 12),
            ["Automated", "WEB-5", "105", "Task", "Done", "WEB", "Website", "Low", "Done", "", "ann", "21/Feb/17 1:00 PM",
             "", "", "", "", "", "", "", "", "", "9", "", "21/Feb/17 1:05 PM;557058:f58131cb-b67d-43c7-b30d-6b58d40bd077;Auto-triaged",
             "", ""]]
    rows += [[""] * len(JIRA_HEADERS)] * 40  # Jira's trailing all-empty rows
    return write_csv(tmp_path / "jira.csv", rows)


@pytest.fixture
def jira_es_csv(tmp_path):
    headers = (["Resumen", "Clave de incidencia", "ID de la incidencia", "Tipo de Incidencia", "Estado", "Prioridad",
                "Resolución", "Persona asignada", "Informador", "Creada", "Actualizada", "Resuelta"]
               + ["Etiquetas"] * 2 + ["Descripción", "Campo personalizado (Time to first response)",
                                      "Calificación de satisfacción"] + ["Comentario"] * 2)
    rows = [headers,
            ["La app se cierra", "SOP-7", "7", "Incidente", "Cerrada", "Alta", "Listo", "luis", "marta",
             "10/nov/25 4:51 PM", "11/nov/25 9:00 AM", "12/nov/25 10:30 AM", "móvil", "crash", "Al abrir el carrito la app se cierra",
             "0:45", "5", "10/nov/25 5:30 PM;luis;¿Qué versión usas?", "11/nov/25 9:00 a. m.;marta;La 3.2"],
            ["Factura duplicada", "SOP-8", "8", "Consulta", "Esperando por el cliente", "Media", "", "luis", "pedro",
             "1/dic/25 11:02 AM", "", "", "", "", "", "", "", "", ""]]
    return write_csv(tmp_path / "jira_es.csv", rows)


@pytest.fixture
def jira_keys_csv(tmp_path):
    rows = [["Key", "Summary", "Status", "Priority", "Affected Versions"],
            ["HIVE-1", "NPE in planner", "Resolved", "Major", "4.0.0"],
            ["HIVE-2", 'Summary with "quotes" and 中文', "Closed", "Minor", "3.1.0"]]
    return write_csv(tmp_path / "jira_issues.csv", rows)


@pytest.fixture
def gitlab_csv(tmp_path):
    headers = ["Title", "Description", "Issue ID", "URL", "State", "Author", "Author Username", "Assignee",
               "Assignee Username", "Confidential", "Locked", "Due Date", "Created At (UTC)", "Updated At (UTC)",
               "Closed At (UTC)", "Milestone", "Weight", "Labels", "Time Estimate", "Time Spent"]
    rows = [headers,
            ["Pipeline hangs", "The runner never\nstarts", "41", "https://gitlab.com/acme/platform/api/-/issues/41", "Closed",
             "Dana Smith", "dana", "Eve", "eve", "No", "No", "", "2024-01-10 09:30:00", "2024-01-11 10:00:00",
             "2024-01-12 08:00:00", "M1", "3", "bug,ci", "0", "3600"],
            ["Add SSO", "", "42", "https://gitlab.com/acme/platform/api/-/issues/42", "Open", "Bot", "project_7_bot_abc",
             "", "", "No", "No", "", "2024-01-13 09:30:00", "", "", "", "", "", "0", "0"],
            ["No id", "x", "", "", "Open", "Z", "z", "", "", "No", "No", "", "2024-01-13 09:30:00", "", "", "", "", "", "", ""],
            ["Bad date", "x", "44", "https://gitlab.com/acme/platform/api/-/issues/44", "Open", "Z", "z", "", "", "No", "No",
             "", "not a date", "", "", "", "", "", "", ""]]
    return write_csv(tmp_path / "gitlab_issues.csv", rows)


def zendesk_ticket(tid, **extra):
    ticket = {
        "url": f"https://acme.zendesk.com/api/v2/tickets/{tid}.json", "id": tid, "via": {"channel": "email"},
        "created_at": "2024-02-01T09:00:00Z", "updated_at": "2024-02-02T09:00:00Z", "type": "problem",
        "subject": f"Ticket {tid}", "raw_subject": f"Ticket {tid}", "description": "I cannot log in",
        "priority": "high", "status": "solved", "requester_id": 900 + tid, "submitter_id": 900 + tid,
        "assignee_id": 5, "organization_id": None, "group_id": 7, "tags": ["login", "vip"],
        "custom_fields": [{"id": 360001, "value": "web"}, {"id": 360002, "value": None}],
        "satisfaction_rating": {"score": "good", "comment": "Quick!"}, "brand_id": 1, "ticket_form_id": 2,
    }
    ticket.update(extra)
    return ticket


@pytest.fixture
def zendesk_json(tmp_path):
    data = {
        "tickets": [
            zendesk_ticket(1),
            zendesk_ticket(2, satisfaction_rating={"score": "bad", "comment": "Still broken"}, status="open"),
            zendesk_ticket(3, satisfaction_rating={"score": "offered"}, description="", subject="Refund please"),
            zendesk_ticket(4, satisfaction_rating=None, status="hold"),
            {k: v for k, v in zendesk_ticket(5).items() if k != "id"},
        ],
        "metric_sets": [
            {"ticket_id": 1, "reply_time_in_minutes": {"calendar": 30, "business": 20},
             "full_resolution_time_in_minutes": {"calendar": 600, "business": 300}, "solved_at": "2024-02-01T19:00:00Z",
             "reopens": 0, "replies": 1},
            {"ticket_id": 2, "reply_time_in_minutes": {"calendar": None, "business": None}},
        ],
        "next_page": None, "count": 5,
    }
    path = tmp_path / "tickets.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def zendesk_jsonl(tmp_path):
    ticket = zendesk_ticket(
        11, metric_set={"reply_time_in_minutes": {"calendar": 90}, "solved_at": None},
        comments=[
            {"author_id": 911, "body": "I cannot log in", "created_at": "2024-02-01T09:00:00Z", "public": True},
            {"author_id": 5, "body": "Try resetting", "created_at": "2024-02-01T10:30:00Z", "public": True},
            {"author_id": 0, "body": "Auto close", "created_at": "2024-02-05T10:30:00Z", "via": {"channel": "rule"}},
        ])
    lines = [json.dumps(ticket), "{oops", json.dumps(zendesk_ticket(12, created_at="31/31/2024"))]
    path = tmp_path / "tickets.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


PLAY_HEADERS = ["Package Name", "App Version Code", "App Version Name", "Reviewer Language", "Device",
                "Review Submit Date and Time", "Review Submit Millis Since Epoch", "Review Last Update Date and Time",
                "Review Last Update Millis Since Epoch", "Star Rating", "Review Title", "Review Text",
                "Developer Reply Date and Time", "Developer Reply Millis Since Epoch", "Developer Reply Text", "Review Link"]


@pytest.fixture
def play_csv(tmp_path):
    rows = [PLAY_HEADERS,
            ["com.acme.app", "120", "1.2.0", "en", "a52", "2024-03-01T10:00:00Z", "1709287200000", "2024-03-01T10:00:00Z",
             "1709287200000", "2", "", "Crashes when I open the camera", "2024-03-01T16:00:00Z", "1709308800000",
             "Thanks, fixed in 1.2.1", "http://play.google.com/console/developers/1/app/2/user-feedback/review-details?reviewId=gp:AOq1"],
            ["com.acme.app", "120", "1.2.0", "de", "pixel7", "2024-03-02T10:00:00Z", "", "", "", "5", "Super", "", "", "", "", ""],
            ["com.acme.app", "120", "1.2.0", "en", "a52", "2024-03-03T10:00:00Z", "", "", "", "4", "", "", "", "", "", ""],
            ["com.acme.app", "120", "1.2.0", "en", "a52", "2024-03-04T10:00:00Z", "", "", "", "9", "", "Too many ads", "", "", "", ""],
            ["com.acme.app", "121", "1.2.1", "en", "a52", "2024-03-05T10:00:00Z", "", "", "", "1", "", "Bad", "", "", "", ""],
            ["com.acme.app", "121", "1.2.1", "en", "a52", "2024-03-05T10:00:00Z", "", "", "", "1", "", "Bad", "", "", "", ""]]
    return write_csv(tmp_path / "reviews_com.acme.app_202403.csv", rows, encoding="utf-16")


CFPB_OFFICIAL = ["Date received", "Product", "Sub-product", "Issue", "Sub-issue", "Consumer complaint narrative",
                 "Company public response", "Company", "State", "ZIP code", "Tags", "Consumer consent provided?",
                 "Submitted via", "Date sent to company", "Company response to consumer", "Timely response?",
                 "Consumer disputed?", "Complaint ID"]


@pytest.fixture
def cfpb_csv(tmp_path):
    rows = [CFPB_OFFICIAL,
            ["2023-04-01", "Mortgage", "FHA", "Trouble during payment", "", "They lost my payment twice.", "", "Bank A", "CA",
             "90001", "Older American, Servicemember", "Consent provided", "Web", "2023-04-02", "Closed with explanation", "Yes",
             "N/A", "100"],
            ["2023-04-01", "Mortgage", "FHA", "Trouble during payment", "", "", "", "Bank A", "CA", "90001", "", "", "Web",
             "2023-04-02", "In progress", "Yes", "N/A", "101"],
            ["2023-04-03", "Credit card", "", "Fees", "", "Charged a fee I never agreed to.", "", "Bank B", "NY", "10001", "",
             "Consent provided", "Web", "2023-04-03", "In progress", "Yes", "N/A", "102"],
            ["2023-04-03", "Credit card", "", "Fees", "", "Narrative but no id", "", "Bank B", "NY", "10001", "", "", "Web",
             "2023-04-03", "In progress", "Yes", "N/A", ""]]
    return write_csv(tmp_path / "complaints.csv", rows)


@pytest.fixture
def cfpb_underscore_csv(tmp_path):
    headers = [h.replace(" ", "_") for h in CFPB_OFFICIAL]
    rows = [headers,
            ["27-04-2023", "Debt collection", "", "Attempts to collect debt not owed", "", "Not my debt.", "", "Collector",
             "PA", "19145", "", "Consent provided", "Web", "27-04-2023", "Untimely response", "No", "N/A", "6896026"],
            ["05-04-2023", "Debt collection", "", "Written notification", "", "", "", "Collector", "PA", "19145", "", "",
             "Web", "05-04-2023", "In progress", "Yes", "N/A", "6896027"]]
    return write_csv(tmp_path / "Consumer_Complaints.csv", rows)


# -- GitHub REST ----------------------------------------------------------------------------------

def test_github_rest_jsonl_imports_issues_skips_prs_and_rejects_bad_lines(rest_jsonl):
    assert_detected(rest_jsonl, "github")
    items, rejected = read_all(rest_jsonl)
    by_id = {i.external_id: i for i in items}
    assert set(by_id) == {"acme/widgets#1", "acme/widgets#3", "acme/widgets#8", "acme/widgets#10"}
    assert {r.row for r in rejected} == {4, 5, 6, 7}
    assert "not valid JSON" in next(r for r in rejected if r.row == 4).reason
    assert next(r for r in rejected if r.row == 7).column == "created_at"

    one = by_id["acme/widgets#1"]
    assert one.title == "Crash on start" and one.text == "Crash on start"  # empty body: title kept as text
    assert one.created_at == "2024-03-01T10:00:00+00:00" and one.closed_at is None
    assert one.source == "acme/widgets" and one.link == "https://github.com/acme/widgets/issues/1"
    assert (one.source_state, one.status) == ("open", "new")
    assert one.labels == ["bug", "ui"] and one.author == "alice" and not one.author_is_bot
    assert one.attributes["reactions"] == 4 and one.attributes["comments"] == 3
    assert one.attributes["assignees"] == "maint" and one.attributes["milestone"] == "v2"
    assert all(not isinstance(v, (dict, list)) for v in one.attributes.values())

    assert (by_id["acme/widgets#3"].source_state, by_id["acme/widgets#3"].status) == ("closed/not_planned", "won't fix")
    assert by_id["acme/widgets#10"].status == "resolved"
    assert by_id["acme/widgets#10"].closed_at == "2024-03-03T12:00:00+00:00"
    assert by_id["acme/widgets#8"].author_is_bot and by_id["acme/widgets#8"].text == "Issue 8"


def test_github_rest_old_schema_array_and_zip(rest_array_2014, rest_jsonl, tmp_path):
    assert_detected(rest_array_2014, "github")
    items, rejected = read_all(rest_array_2014)
    assert not rejected
    assert [i.external_id for i in items] == ["hadley/dplyr#597", "hadley/dplyr#500"]
    assert items[1].status == "resolved" and items[1].source_state == "closed"

    archive = tmp_path / "issues.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(rest_jsonl, "issues.jsonl")
    assert_detected(archive, "github")
    zipped, zipped_rejects = read_all(archive)
    plain, _ = read_all(rest_jsonl)
    assert [i.external_id for i in zipped] == [i.external_id for i in plain]
    assert len(zipped_rejects) == 4


def test_github_rest_embedded_comment_objects(tmp_path):
    issue = rest_issue(5, comments=[
        {"user": {"login": "maint", "type": "User"}, "created_at": "2024-03-01T11:00:00Z", "body": "Looking",
         "author_association": "MEMBER"},
        {"user": {"login": "ci", "type": "Bot"}, "created_at": "2024-03-01T12:00:00Z", "body": "CI"},
        "a bare comment body"])
    path = tmp_path / "one.json"
    path.write_text(json.dumps([issue]), encoding="utf-8")
    [item], _ = read_all(path, "github")
    assert item.attributes["comments"] == 3
    assert item.events[0] == Event("2024-03-01T11:00:00+00:00", "maint", "Looking", "comment", False, "MEMBER")
    assert item.events[1].author_is_bot and item.events[2].body == "a bare comment body"


# -- gh CLI ---------------------------------------------------------------------------------------

def test_github_cli_comments_keep_author_bot_and_maintainer_flags(gh_cli_json):
    assert_detected(gh_cli_json, "github_cli")
    items, rejected = read_all(gh_cli_json)
    assert not rejected
    first, second = items
    assert first.external_id == "acme/widgets#12" and first.source == "acme/widgets"
    assert (first.source_state, first.status) == ("closed/not_planned", "won't fix")
    assert first.closed_at == "2024-05-03T08:00:00+00:00" and first.labels == ["bug"]
    assert first.attributes["reactions"] == 6 and first.attributes["comments"] == 4
    flags = [(e.author, e.author_is_bot, e.author_association) for e in first.events]
    assert flags == [("carol", False, "NONE"), ("github-actions", True, "NONE"),
                     ("dependabot[bot]", True, "NONE"), ("maint", False, "MEMBER")]
    assert first.events[3].created_at == "2024-05-02T08:00:00+00:00" and first.events[3].kind == "comment"
    assert second.author_is_bot and second.text == "Dark mode" and second.status == "new"


def test_github_cli_without_url_falls_back_to_node_id(tmp_path):
    path = tmp_path / "gh.json"
    path.write_text(json.dumps([{"number": 1, "id": "I_kwDOAbc", "title": "T", "body": "B", "state": "OPEN",
                                 "createdAt": "2024-05-01T08:00:00Z", "author": {"login": "x"}},
                                {"number": 2, "title": "T", "state": "OPEN", "createdAt": "2024-05-01T08:00:00Z",
                                 "author": {"login": "x"}}]), encoding="utf-8")
    assert_detected(path, "github_cli")
    items, rejected = read_all(path)
    assert [i.external_id for i in items] == ["I_kwDOAbc"] and [r.row for r in rejected] == [2]


# -- Jira -----------------------------------------------------------------------------------------

def test_jira_repeated_columns_comments_and_blank_rows(jira_csv):
    assert_detected(jira_csv, "jira")
    items, rejected = read_all(jira_csv)
    assert [i.external_id for i in items] == ["WEB-1", "WEB-2", "WEB-5"]
    assert [(r.row, r.column) for r in rejected] == [(4, "Issue key"), (5, "Created")]  # no rejects for blank rows

    web1 = items[0]
    assert web1.title == "Login button broken" and web1.text == "Clicking does nothing; see log"
    assert web1.labels == ["ui", "login"]
    assert (web1.source_state, web1.status) == ("closed/won't fix", "won't fix")
    assert web1.created_at == "2017-02-16T15:29:00+00:00" and web1.closed_at == "2017-02-18T10:00:00+00:00"
    assert web1.author == "ann" and web1.source == "WEB" and web1.csat == 4
    assert web1.first_response_s == 2 * 3600  # [CHART] Date of First Response - Created
    assert web1.attributes["sla_first_response_remaining_s"] == -9000
    assert web1.attributes["sla_first_response_breached"] is True
    assert web1.attributes["Watchers"] == "bob; cat" and web1.attributes["Priority"] == "High"
    assert web1.events == [
        Event("2017-02-16T16:00:00+00:00", "557058:abc", "Can you share the browser?", "comment", False),
        Event("2017-02-17T09:00:00+00:00", "ann", "Chrome; latest", "comment", False),
    ]

    web2 = items[1]
    assert web2.text == "Slow search" and web2.created_at == "2017-02-20T15:26:00+00:00"  # dd/mm/yyyy HH:MM
    assert web2.first_response_s is None and web2.attributes["Custom field ([CHART] Date of First Response)"] == "29:10.8"
    assert web2.status == "new" and web2.events == []
    assert items[2].events[0].author_is_bot and items[2].status == "resolved" and items[2].csat is None  # 9 is not 1-5


def test_jira_spanish_headers_and_month_names(jira_es_csv):
    assert_detected(jira_es_csv, "jira")
    items, rejected = read_all(jira_es_csv)
    assert not rejected
    sop7, sop8 = items
    assert sop7.external_id == "SOP-7" and sop7.title == "La app se cierra"
    assert sop7.text == "Al abrir el carrito la app se cierra"
    assert sop7.created_at == "2025-11-10T16:51:00+00:00" and sop7.closed_at == "2025-11-12T10:30:00+00:00"
    assert sop7.labels == ["móvil", "crash"] and sop7.author == "marta" and sop7.csat == 5
    assert (sop7.source_state, sop7.status) == ("cerrada/listo", "resolved")
    assert [(e.created_at, e.author, e.body) for e in sop7.events] == [
        ("2025-11-10T17:30:00+00:00", "luis", "¿Qué versión usas?"), ("2025-11-11T09:00:00+00:00", "marta", "La 3.2")]
    assert sop7.attributes["sla_first_response_remaining_s"] == 2700
    assert sop8.created_at == "2025-12-01T11:02:00+00:00" and sop8.status == "in progress"
    assert sop8.text == "Factura duplicada" and sop8.source == "SOP"


def test_jira_twelve_oclock_and_time_zone_option(tmp_path):
    path = write_csv(tmp_path / "j.csv", [["Issue key", "Summary", "Created", "Updated"],
                                          ["X-1", "a", "01/Jan/24 12:05 AM", "01/Jan/24 12:30 PM"]])
    [item], _ = read_all(path)
    assert (item.created_at, item.updated_at) == ("2024-01-01T00:05:00+00:00", "2024-01-01T12:30:00+00:00")
    [item], _ = read_all(path, timezone="Europe/Madrid")
    assert item.created_at == "2023-12-31T23:05:00+00:00"


def test_jira_key_summary_only_export(jira_keys_csv):
    assert_detected(jira_keys_csv, "jira")
    items, rejected = read_all(jira_keys_csv)
    assert not rejected and [i.status for i in items] == ["resolved", "resolved"]
    assert items[1].text == 'Summary with "quotes" and 中文' and items[1].attributes == {"Priority": "Minor", "Affected Versions": "3.1.0"}


# -- GitLab ---------------------------------------------------------------------------------------

def test_gitlab_csv(gitlab_csv):
    assert_detected(gitlab_csv, "gitlab")
    items, rejected = read_all(gitlab_csv)
    assert [(r.row, r.column) for r in rejected] == [(4, "Issue ID"), (5, "Created At (UTC)")]
    first, second = items
    assert first.external_id == "acme/platform/api#41" and first.source == "acme/platform/api"
    assert first.text == "The runner never\nstarts" and first.title == "Pipeline hangs"
    assert first.created_at == "2024-01-10T09:30:00+00:00" and first.closed_at == "2024-01-12T08:00:00+00:00"
    assert (first.source_state, first.status) == ("closed", "resolved")
    assert first.labels == ["bug", "ci"] and first.author == "dana" and not first.author_is_bot
    assert first.attributes["Issue ID"] == "41" and first.attributes["Author"] == "Dana Smith"
    assert second.text == "Add SSO" and second.status == "new" and second.author_is_bot


# -- Zendesk --------------------------------------------------------------------------------------

def test_zendesk_wrapper_with_satisfaction_and_metric_sets(zendesk_json):
    assert_detected(zendesk_json, "zendesk")
    items, rejected = read_all(zendesk_json)
    assert [(r.row, r.column) for r in rejected] == [(5, "id")]
    by_id = {i.external_id: i for i in items}
    assert set(by_id) == {"1", "2", "3", "4"}
    one = by_id["1"]
    assert one.title == "Ticket 1" and one.text == "I cannot log in" and one.csat == 5
    assert one.first_response_s == 30 * 60 and one.closed_at == "2024-02-01T19:00:00+00:00"
    assert one.attributes["full_resolution_time_s"] == 600 * 60 and one.attributes["satisfaction_comment"] == "Quick!"
    assert one.attributes["custom_field_360001"] == "web" and "custom_field_360002" not in one.attributes
    assert (one.source_state, one.status) == ("solved", "resolved") and one.labels == ["login", "vip"]
    assert one.author == "901" and one.source == "acme.zendesk.com"
    assert one.link == "https://acme.zendesk.com/agent/tickets/1"
    assert by_id["2"].csat == 1 and by_id["2"].first_response_s is None and by_id["2"].status == "triaged"
    assert by_id["3"].csat is None and by_id["3"].text == "Refund please"
    assert by_id["4"].csat is None and by_id["4"].status == "in progress"
    csat = [i.csat for i in items if i.csat is not None]
    assert sum(1 for c in csat if c >= 4) / len(csat) == 0.5  # good / (good + bad)


def test_zendesk_jsonl_embedded_metrics_comments_and_broken_line(zendesk_jsonl):
    assert_detected(zendesk_jsonl, "zendesk")
    items, rejected = read_all(zendesk_jsonl)
    assert [r.row for r in rejected] == [2, 3]
    [ticket] = items
    assert ticket.first_response_s == 90 * 60
    assert [(e.author, e.body, e.author_is_bot) for e in ticket.events] == [("5", "Try resetting", False), ("0", "Auto close", True)]


# -- Google Play ----------------------------------------------------------------------------------

def test_google_play_utf16_with_developer_reply(play_csv):
    assert SourceFile(play_csv).encoding.startswith("utf-16")
    assert_detected(play_csv, "google_play")
    items, rejected = read_all(play_csv)
    assert [(r.row, r.column) for r in rejected] == [(5, "Star Rating")]
    assert len(items) == 4  # the star-only review (row 4) has no text
    first = items[0]
    assert first.external_id.startswith("http://play.google.com/") and first.link == first.external_id
    assert first.text == "Crashes when I open the camera" and first.title is None and first.rating == 2
    assert first.source == "com.acme.app" and first.created_at == "2024-03-01T10:00:00+00:00"
    assert first.events == [Event("2024-03-01T16:00:00+00:00", "developer", "Thanks, fixed in 1.2.1", "reply")]
    assert first.first_response_s == 6 * 3600
    assert first.attributes["App Version Name"] == "1.2.0" and first.attributes["Device"] == "a52"
    assert items[1].text == "Super" and items[1].title == "Super" and items[1].events == []
    # Identical reviews stay two items, and a re-import gives the same ids.
    assert items[2].external_id != items[3].external_id and items[3].external_id.endswith("#2")
    again, _ = read_all(play_csv)
    assert [i.external_id for i in again] == [i.external_id for i in items]


# -- CFPB -----------------------------------------------------------------------------------------

def test_cfpb_complaints_official_headers(cfpb_csv):
    assert_detected(cfpb_csv, "cfpb_complaints")
    items, rejected = read_all(cfpb_csv)
    assert [i.external_id for i in items] == ["100", "102"]  # 101 has no narrative
    assert [(r.row, r.column) for r in rejected] == [(5, "Complaint ID")]
    first = items[0]
    assert first.text == "They lost my payment twice." and first.created_at == "2023-04-01T00:00:00+00:00"
    assert (first.source_state, first.status) == ("closed with explanation", "resolved")
    assert first.source == "Bank A" and first.labels == ["Older American", "Servicemember"]
    assert first.attributes["product"] == "Mortgage" and first.attributes["issue"] == "Trouble during payment"
    assert items[1].status == "in progress"


def test_cfpb_complaints_underscore_headers_day_first(cfpb_underscore_csv):
    assert_detected(cfpb_underscore_csv, "cfpb_complaints")
    [item], rejected = read_all(cfpb_underscore_csv)
    assert not rejected and item.external_id == "6896026"
    assert item.created_at == "2023-04-27T00:00:00+00:00" and item.status == "triaged"
    assert item.attributes["Timely_response?"] == "No"


# -- detection on files that are none of these ----------------------------------------------------

def test_other_files_are_not_claimed(tmp_path):
    survey = write_csv(tmp_path / "survey.csv", [["Timestamp", "How likely are you to recommend us?", "Why?"],
                                                  ["3/5/2024 10:15:22", "9", "Great support"]])
    issues = write_csv(tmp_path / "issues.csv", [["repo", "created_at", "label", "title", "body"],
                                                  ["facebook/react", "2023-08-26 06:33:37", "bug", "Crash", "Steps"]])
    records = tmp_path / "records.json"
    records.write_text(json.dumps([{"id": 1, "text": "hello", "created": "2024-01-01"}]), encoding="utf-8")
    for path in (survey, issues, records):
        scores = {imp.name: score for score, imp in detect(SourceFile(path))}
        assert all(scores.get(name, 0.0) < 0.3 for name in OURS), (path.name, scores)


# -- shared real exports (optional) ---------------------------------------------------------------

SHARED = Path(os.environ.get("TRIAGE_SHARED_DATA") or Path(__file__).resolve().parents[3] / "shared" / "data")


def shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"shared data not present: {relative}")
    return path


@pytest.mark.shared_data
def test_shared_hf_datasets_zip():
    path = shared("github-issues-hf-datasets/datasets-issues.zip")
    assert detect(SourceFile(path))[0][1].name == "github"
    items, rejected = read_all(path)
    assert len(items) == 3019 and not rejected
    closed = [i for i in items if i.closed_at]
    assert len(closed) == 2265
    assert all(i.status in ("resolved", "won't fix", "duplicate") for i in closed)
    assert all(i.source_state.startswith("closed") for i in closed)
    assert len({i.external_id for i in items}) == 3019
    assert Counter(i.status for i in items)["won't fix"] == 36


@pytest.mark.shared_data
def test_shared_hf_datasets_jsonl():
    path = shared("github-issues-hf-datasets/datasets-issues-1000.jsonl")
    assert detect(SourceFile(path))[0][1].name == "github"
    items, rejected = read_all(path)
    assert len(items) == 570 and not rejected


@pytest.mark.shared_data
def test_shared_dplyr_2014():
    path = shared("github-issues-dplyr-rest/dplyr_issues_2014.json")
    assert detect(SourceFile(path))[0][1].name == "github"
    items, rejected = read_all(path)
    assert len(items) == 27 and not rejected and items[0].external_id == "hadley/dplyr#597"


@pytest.mark.shared_data
def test_shared_jira_export_sample():
    path = shared("jira-export-format-sample/JIRA.csv")
    assert detect(SourceFile(path))[0][1].name == "jira"
    [item], rejected = read_all(path)
    assert not rejected
    assert item.external_id == "A-3367" and item.status == "new" and item.created_at == "2017-02-16T15:26:00+00:00"
    assert item.labels == []  # the four Labels columns are empty in this sample
    assert [(e.created_at, e.author) for e in item.events] == [("2017-02-16T15:29:00+00:00", None)]
    assert item.events[0].body.startswith("Provide more details")
    assert item.attributes["Watchers"] == "xyz; zzz"


@pytest.mark.shared_data
def test_shared_jira_hive():
    path = shared("jira-hive-summaries/jira_issues.csv")
    assert detect(SourceFile(path))[0][1].name == "jira"
    items, rejected = read_all(path)
    assert len(items) == 2164 and not rejected
    assert {i.status for i in items} == {"resolved"}


@pytest.mark.shared_data
def test_shared_cfpb():
    path = shared("cfpb-complaints-sample/Consumer_Complaints.csv")
    assert detect(SourceFile(path))[0][1].name == "cfpb_complaints"
    items, rejected = read_all(path)
    assert len(items) == 141 and not rejected  # only complaints with a narrative
    assert all(i.status == "resolved" and i.source_state.startswith("closed") for i in items)


@pytest.mark.parametrize("bad_id", [[], [7], {}, {"a": 1}, True])
def test_zendesk_ticket_id_that_is_not_a_number_or_text_rejects_its_row(tmp_path, bad_id):
    """Found by the fuzz test: an id that is a list or object crashed the whole import (unhashable)."""
    data = {"tickets": [zendesk_ticket(1, id=bad_id), zendesk_ticket(2)],
            "metric_sets": [{"ticket_id": [1], "replies": 1}, {"ticket_id": 2, "replies": 2}]}
    path = tmp_path / "tickets.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    items, rejected = read_all(path, "zendesk")
    assert [i.external_id for i in items] == ["2"]
    assert [(r.row, r.column) for r in rejected] == [(1, "id")]
    assert "not a number or text" in rejected[0].reason


@pytest.mark.parametrize("field, value", [("state", [None]), ("state", {"a": 1}), ("state_reason", [1]),
                                          ("html_url", ["x"]), ("number", [2]), ("number", {"n": 2})])
def test_github_field_of_the_wrong_json_type_never_fails_the_import(tmp_path, field, value):
    """Found by the fuzz test: "state": [null] crashed the whole import ('list' has no attribute 'strip')."""
    path = tmp_path / "issues.jsonl"
    bad = rest_issue(1)
    bad[field] = value
    path.write_text("\n".join(json.dumps(o) for o in [bad, rest_issue(2)]), encoding="utf-8")
    items, rejected = read_all(path, "github")
    assert "acme/widgets#2" in [i.external_id for i in items]
    if field == "number":
        assert [(r.row, r.column) for r in rejected] == [(1, "number")]
    else:
        assert len(items) == 2 and not rejected

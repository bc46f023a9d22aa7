"""Only feedback becomes items; formats are chosen on evidence (issue 14). Fixtures written here."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import shared_file
from triage_app.cli import cli
from triage_app.domain import ImportFailure
from triage_app.importers import detect
from triage_app.importers.source import ImportOptions, SourceFile
from triage_app.services.importing import run_import
from triage_app.store import queries


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _items(ws) -> list[dict]:
    return [queries.get_item(ws.conn, r["id"]) for r in queries.list_items(ws.conn, limit=10_000)]


# -- files that are not tables ---------------------------------------------------------------
def test_xml_is_refused_with_what_to_do(workspace, write_file):
    path = write_file("Posts.xml", '<?xml version="1.0" encoding="utf-8"?>\n<posts>\n'
                      + "".join(f'  <row Id="{i}" PostTypeId="1" Body="&lt;p&gt;How do I brew {i}?&lt;/p&gt;" />\n'
                                for i in range(30)) + "</posts>\n")
    with pytest.raises(ImportFailure, match="XML") as caught:
        run_import(workspace, path, ImportOptions(format="generic"))
    assert "CSV" in str(caught.value)
    assert workspace.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0


def test_prose_text_file_is_refused(workspace, write_file):
    path = write_file("README.txt", "About this export\n\nThese files were downloaded from the survey tool on "
                      "Monday. The answers are in answers.csv; this note explains the columns.\n\n"
                      "Ask the research team before sharing them outside the company.\n")
    with pytest.raises(ImportFailure, match="text document, not a table"):
        run_import(workspace, path)


def test_single_column_csv_is_still_a_table(workspace, write_file):
    path = write_file("one.csv", "comment\nThe search is slow\nExport keeps failing\n")
    assert run_import(workspace, path).added == 2


def test_nested_json_without_a_mapping_is_refused_then_mapped_with_dotted_paths(workspace, write_file):
    records = [{"id": i, "ts": f"{1705312800 + i * 60}.000{i}00", "user": {"name": f"user{i}", "plan": "pro"},
                "comment": {"body": f"Feedback number {i}: the sync is slow"},
                "blocks": [{"type": "rich_text", "elements": [{"text": "x"}]}]} for i in range(5)]
    path = write_file("export.json", json.dumps(records))
    with pytest.raises(ImportFailure, match="nested JSON") as caught:
        run_import(workspace, path, ImportOptions(format="generic"))
    assert "--map" in str(caught.value)
    result = run_import(workspace, path, ImportOptions(format="generic", mapping={
        "text": "comment.body", "author": "user.name", "created_at": "ts", "id": "id"}))
    assert result.added == 5
    first = min(_items(workspace), key=lambda i: i["external_id"])
    assert first["author"] == "user0" and first["text"] == "Feedback number 0: the sync is slow"
    assert first["created_at"].startswith("2024-01-15T10:00:00")
    assert "{'" not in json.dumps(first["attributes"])  # nested values kept as JSON, not Python printouts


def test_epoch_milliseconds_dates(workspace, write_file):
    path = write_file("ms.csv", "id,text,when\n1,Great support,1705312800000\n2,Slow replies,1705399200000\n")
    run_import(workspace, path, ImportOptions(mapping={"created_at": "when"}))
    assert sorted(i["created_at"][:10] for i in _items(workspace)) == ["2024-01-15", "2024-01-16"]


# -- ticket tables with response and resolution times ----------------------------------------
def test_freshdesk_like_ticket_table_gets_response_and_resolution_times(workspace, write_file):
    rows = [["Ticket ID", "Subject", "Description", "Status", "Created time", "Resolved time", "First responded time",
             "Last updated time", "Votes", "Plan"]]
    for i in range(6):
        rows.append([str(100 + i), f"Login problem {i}", f"I cannot log in on device {i}", "Closed" if i % 2 else "Open",
                     f"2024-03-0{i + 1} 09:00:00", f"2024-03-0{i + 2} 09:00:00" if i % 2 else "",
                     f"2024-03-0{i + 1} 11:30:00", f"2024-03-0{i + 2} 10:00:00", str(i * 3), "Pro" if i < 3 else "Free"])
    path = write_file("freshdesk.csv", _csv(rows))
    result = run_import(workspace, path, ImportOptions(mapping={
        "id": "Ticket ID", "title": "Subject", "text": "Description", "state": "Status", "created_at": "Created time",
        "closed_at": "Resolved time", "first_response_at": "First responded time", "updated_at": "Last updated time",
        "votes": "Votes", "segment:plan": "Plan"}))
    assert (result.added, result.rejected) == (6, 0)
    items = {i["external_id"]: i for i in _items(workspace)}
    assert items["101"]["first_response_s"] == 2.5 * 3600
    assert items["101"]["closed_at"].startswith("2024-03-03") and items["100"]["closed_at"] is None
    assert items["101"]["source_state"] == "closed" and items["101"]["updated_at"].startswith("2024-03-03")
    assert items["102"]["attributes"]["votes"] == 6 and items["102"]["attributes"]["plan"] == "Pro"
    assert "Plan" not in items["102"]["attributes"]


def test_jira_research_dump_columns(workspace, write_file):
    rows = [["Key", "Title", "Description", "CreationDate", "ResolutionDate", "FirstCommentDate"]]
    for i in range(4):
        rows.append([f"ABC-{i}", f"Crash {i}", f"The app crashes when {i}", f"2024-01-0{i + 1}T08:00:00Z",
                     f"2024-01-1{i}T08:00:00Z", f"2024-01-0{i + 1}T09:00:00Z"])
    path = write_file("research.csv", _csv(rows))
    run_import(workspace, path, ImportOptions(format="generic", mapping={
        "id": "Key", "created_at": "CreationDate", "closed_at": "ResolutionDate", "first_response_at": "FirstCommentDate"}))
    items = _items(workspace)
    assert {i["first_response_s"] for i in items} == {3600.0}
    assert all(i["closed_at"] for i in items)


def test_bad_votes_and_unknown_segment_name(workspace, write_file):
    path = write_file("v.csv", "id,text,votes\n1,Add dark mode,12\n2,Faster sync,many\n")
    result = run_import(workspace, path, ImportOptions(mapping={"votes": "votes"}))
    assert (result.added, result.rejected) == (1, 1) and "votes" in result.rejected_rows[0]["reason"]
    with pytest.raises(ImportFailure, match="segment needs a name"):
        run_import(workspace, path, ImportOptions(mapping={"segment:": "votes"}))


# -- non-answers and choices -----------------------------------------------------------------
def test_generic_non_answers_and_empty_texts_are_skipped_and_counted(workspace, write_file):
    texts = ["The search is slow", "N/A", "n/a", "none", "-", "无", "不知道", "", "Please add an export to PDF", "没有。"]
    path = write_file("answers.csv", _csv([["id", "comment"]] + [[str(i), t] for i, t in enumerate(texts)]))
    result = run_import(workspace, path)
    assert result.added == 2
    assert result.skipped == {"non-answers (无, 没有, N/A...)": 7, "empty texts": 1}


def test_choice_column_is_not_guessed_as_text(workspace, write_file):
    rows = [["id", "channel", "comment"]] + [[str(i), ["Email", "Phone", "Chat"][i % 3], f"c{i}" * (i % 2)]
                                             for i in range(20)]
    path = write_file("choice.csv", _csv(rows))
    run_import(workspace, path)
    assert all(i["text"].startswith("c") for i in _items(workspace))


def test_survey_non_answers_multi_select_and_check_all(workspace, write_file):
    rows = [["Timestamp", "您的爱好（多选）", "Which apps do you use? (check all that apply)", "What could we improve?"]]
    answers = ["Faster loading on the home page please", "N/A", "n/a", "Better search results for old orders",
               "none", "无", "The export button is hard to find", "不知道"]
    for i, answer in enumerate(answers):
        rows.append([f"2024/03/0{i + 1} 10:00:00", ["运动┋影视┋购物", "影视┋购物", "运动"][i % 3],
                     ["Mail, Calendar, Drive", "Mail", "Calendar, Drive"][i % 3], answer])
    path = write_file("survey.csv", _csv(rows))
    result = run_import(workspace, path, ImportOptions(format="google_forms"))
    assert (result.respondents, result.added) == (8, 3)
    assert result.skipped == {"non-answers (无, 没有, N/A...)": 5}
    assert {i["text"] for i in _items(workspace)} == {answers[0], answers[3], answers[6]}
    attrs = [json.loads(r[0]) for r in workspace.conn.execute("SELECT attributes FROM respondents")]
    assert sum(1 for a in attrs if a.get("What could we improve?") in ("N/A", "n/a", "none", "无", "不知道")) == 5
    assert all("您的爱好（多选）" in a for a in attrs)


def test_survey_without_free_text_warns(tmp_path, write_file):
    rows = [["Timestamp", "Which plan are you on?", "How satisfied are you with support?"]]
    rows += [[f"2024/03/0{i + 1} 10:00:00", ["Pro", "Free"][i % 2], str(1 + i % 5)] for i in range(7)]
    path = write_file("forms.csv", _csv(rows))
    out = CliRunner().invoke(cli, ["import", str(path), "-w", str(tmp_path / "w.triage"), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["respondents"] == 7 and data["added"] == 0
    assert data["warnings"] == ["no free-text question found: 7 respondents kept as segments only"]
    assert data["skipped"] == {} and "rejected_rows" in data  # old keys kept


def test_github_pull_requests_are_counted(workspace, write_file):
    base = {"state": "open", "repository_url": "https://api.github.com/repos/acme/app", "created_at": "2024-03-01T10:00:00Z",
            "user": {"login": "ann"}, "body": "details"}
    objs = [dict(base, number=i, title=f"Issue {i}", html_url=f"https://github.com/acme/app/issues/{i}") for i in range(3)]
    objs += [dict(base, number=10 + i, title=f"PR {i}", html_url=f"https://github.com/acme/app/pull/{10 + i}",
                  pull_request={"url": "x"}) for i in range(2)]
    path = write_file("issues.json", json.dumps(objs))
    result = run_import(workspace, path)
    assert (result.format, result.added, result.skipped) == ("github", 3, {"pull requests": 2})


# -- detection on evidence -------------------------------------------------------------------
def _detected(write_file, name: str, rows: list[list[str]]) -> str:
    source = SourceFile(write_file(name, _csv(rows)), ImportOptions())
    return detect(source)[0][1].name


def test_jira_with_renamed_columns_is_not_gitlab(write_file):
    rows = [["Issue ID", "Issue key", "title", "description", "state", "Priority", "Issue Type"]]
    rows += [[str(1000 + i), f"ENV-{i}", f"Environnement : souci {i}", f"Description {i}", "Open", "Major", "Bug"]
             for i in range(5)]
    assert _detected(write_file, "jira.csv", rows) == "jira"


def test_jira_renamed_without_key_header_found_by_values(workspace, write_file):
    rows = [["id", "title", "description", "state"]]
    rows += [[f"ENV-{i}", f"Environnement : souci {i}", f"Le lecteur plante au démarrage {i}", "Open"] for i in range(5)]
    path = write_file("renamed.csv", _csv(rows))
    result = run_import(workspace, path)
    assert result.format == "jira"
    assert {i["title"] for i in _items(workspace)} == {f"Environnement : souci {i}" for i in range(5)}


@pytest.mark.parametrize("headers", [
    ["Clé de ticket", "Résumé", "Description", "État", "Priorité", "Créé"],
    ["Vorgangsschlüssel", "Zusammenfassung", "Beschreibung", "Status", "Priorität", "Erstellt"],
    ["问题关键字", "概要", "描述", "状态", "优先级", "创建日期"],
])
def test_jira_in_other_languages(workspace, write_file, headers):
    rows = [headers] + [[f"APP-{i}", f"Summary {i}", f"Body {i}", "Open", "High", f"2024-03-0{i + 1} 10:00"]
                        for i in range(4)]
    path = write_file("jira_l10n.csv", _csv(rows))
    result = run_import(workspace, path)
    assert (result.format, result.added) == ("jira", 4)


def test_gitlab_export_still_detected(write_file):
    rows = [["Issue ID", "URL", "Title", "State", "Description", "Author", "Author Username", "Created At (UTC)"]]
    rows += [[str(i), f"https://gitlab.com/g/p/-/issues/{i}", f"T{i}", "Open", "D", "Ann", "ann",
              "2024-03-01 10:00:00"] for i in range(4)]
    assert _detected(write_file, "gitlab.csv", rows) == "gitlab"


# -- real files (skipped when ../shared/data is absent) --------------------------------------
def test_real_stack_exchange_posts_xml_is_not_read_as_a_table(workspace):
    path = shared_file("community-and-zh-survey-exports", "stackexchange_beer_Posts.xml")
    with pytest.raises(ImportFailure, match="XML"):
        run_import(workspace, path, ImportOptions(format="generic"))


def test_real_slack_channel_day_maps_with_epoch_ts(workspace):
    folder = shared_file("community-and-zh-survey-exports", "slack_export")
    day = next(p for p in sorted(folder.rglob("*.json")) if p.parent != folder)
    messages = json.loads(day.read_text("utf-8"))
    result = run_import(workspace, day, ImportOptions(format="generic", mapping={"text": "text", "created_at": "ts"}))
    with_text = [m for m in messages if str(m.get("text", "")).strip()]
    assert result.added + sum(result.skipped.values()) >= len(with_text) > 0
    assert all(i["created_at"] and i["created_at"] >= "2000" for i in _items(workspace))


# -- sources named for people ----------------------------------------------------------------
def test_generic_items_are_labelled_by_file_or_given_name(workspace, write_file):
    from triage_app.store import briefing_queries, item_queries

    a = write_file("tweets.csv", "id,text\n1,Love the new dashboard\n2,Sync is broken again\n")
    b = write_file("desk.csv", "id,text\n7,Refund took two weeks\n")
    run_import(workspace, a)
    result = run_import(workspace, b, ImportOptions(source_name="Support desk"))
    assert result.source_name == "Support desk"
    choices = item_queries.filter_choices(workspace.conn)
    assert choices["sources"] == ["Support desk", "tweets.csv"] and choices["formats"] == ["generic"]
    page = item_queries.page_items(workspace.conn, item_queries.ItemFilter(sources=["Support desk"]))
    assert [r[2] for r in page] == ["Support desk"]  # the table's source column
    assert sorted(src for src, _, _ in briefing_queries.source_counts(workspace.conn, "2000", "2100")) == \
        ["Support desk", "tweets.csv"]
    # named again on a re-import of unchanged rows
    run_import(workspace, a, ImportOptions(source_name="Twitter"))
    assert item_queries.filter_choices(workspace.conn)["sources"] == ["Support desk", "Twitter"]


def test_named_source_of_another_format(workspace, write_file):
    from triage_app.store import item_queries

    objs = [{"number": 1, "title": "Crash", "state": "open", "html_url": "https://github.com/acme/app/issues/1",
             "repository_url": "https://api.github.com/repos/acme/app", "created_at": "2024-03-01T10:00:00Z", "body": "x"}]
    run_import(workspace, write_file("gh.json", json.dumps(objs)), ImportOptions(source_name="App issues"))
    assert item_queries.filter_choices(workspace.conn)["sources"] == ["App issues"]


def test_cli_source_name_flag(tmp_path, write_file):
    path = write_file("x.csv", "id,text\n1,Hello there\n")
    out = CliRunner().invoke(cli, ["import", str(path), "-w", str(tmp_path / "w.triage"), "--source-name", "Twitter", "--json"])
    assert out.exit_code == 0 and json.loads(out.output)["source_name"] == "Twitter"


def test_html_entities_are_decoded_on_both_paths(tmp_path, write_file, monkeypatch):
    from triage_app.services import reading
    from triage_app.store import Workspace

    rows = [["id", "title", "text"]] + [[str(i), f"Q&amp;A {i}", f"Tom &amp; Jerry &#39;{i}&#39; &lt;3"] for i in range(600)]
    rows.append(["600", "&nbsp;", "N/A"])
    path = write_file("tweets.csv", _csv(rows))
    stored = []
    for fast in (True, False):
        monkeypatch.setattr(reading, "FAST_PATHS", fast)
        with Workspace(tmp_path / f"{fast}.triage") as ws:
            result = run_import(ws, path)
            stored.append(sorted((i["external_id"], i["title"], i["text"]) for i in _items(ws)))
            assert result.skipped == {"non-answers (无, 没有, N/A...)": 1} or result.added == 601
    assert stored[0] == stored[1]
    assert ("1", "Q&A 1", "Tom & Jerry '1' <3") in stored[0]


def test_reimport_in_the_right_format_replaces_the_wrong_one(workspace, write_file):
    rows = [["Issue ID", "Issue key", "Title", "Description", "State", "Priority"]]
    rows += [[str(1000 + i), f"ENV-{i}", f"Environnement : souci {i}", f"Le lecteur plante {i}", "Open", "Major"]
             for i in range(6)]
    path = write_file("jira_fr.csv", _csv(rows))
    wrong = run_import(workspace, path, ImportOptions(format="gitlab"))  # what the old detection chose
    right = run_import(workspace, path)
    assert (wrong.format, right.format) == ("gitlab", "jira")
    assert (right.added, right.replaced) == (6, wrong.added)
    assert queries.stats(workspace.conn)["by_source_format"] == {"jira": 6}

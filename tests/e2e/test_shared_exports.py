"""The foundation issue's 'must show' list, end to end through the import service on the real
exports in ../shared/data (skipped when that folder is absent)."""
from __future__ import annotations

import csv

from conftest import shared_file
from triage_app.services.importing import run_import
from triage_app.store import queries


def _count(ws, sql="SELECT count(*) FROM items", *args):
    return ws.conn.execute(sql, args).fetchone()[0]


def test_github_zip_twice_gives_3019_issues(workspace):
    path = shared_file("github-issues-hf-datasets", "datasets-issues.zip")
    first = run_import(workspace, path)
    assert (first.format, first.added, first.rejected) == ("github", 3019, 0)
    assert _count(workspace, "SELECT count(*) FROM items WHERE closed_at IS NOT NULL") == 2265
    assert _count(workspace, "SELECT count(*) FROM items WHERE status IN ('resolved', \"won't fix\", 'duplicate')") == 2265
    second = run_import(workspace, path)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 3019)
    assert _count(workspace) == 3019
    assert queries.stats(workspace.conn)["by_source_format"] == {"github": 3019}


def test_qualtrics_samples_give_one_response_each(workspace):
    # Both files hold the same response (ResponseId R_2YPOQ602ER1jkf1) in the two layouts.
    current = run_import(workspace, shared_file("survey-export-format-samples", "qualtrics_sample_3header.csv"))
    assert (current.format, current.respondents, current.added) == ("qualtrics", 1, 1)
    assert [r["text"] for r in queries.list_items(workspace.conn)] == ["Hello World!"]
    legacy = run_import(workspace, shared_file("survey-export-format-samples", "qualtrics_sample_legacy_2header.csv"))
    assert (legacy.format, legacy.respondents, legacy.added) == ("qualtrics", 1, 0)
    assert [r["text"] for r in queries.list_items(workspace.conn)] == ["Hello World!"]


def test_cp1252_reviews_without_mojibake(workspace):
    path = shared_file("app-reviews-3raters", "Dataset3.csv")
    result = run_import(workspace, path)
    assert (result.added, result.encoding) == (376, "cp1252")
    with open(path, encoding="cp1252", newline="") as fh:
        expected = {row["id"]: row["text"].strip() for row in csv.DictReader(fh)}
    stored = {r["external_id"]: r["text"] for r in queries.list_items(workspace.conn, limit=1000)}
    assert stored == expected
    assert not any("Ã" in t or "â€" in t for t in stored.values())


def test_jira_sample_one_item_with_comments(workspace):
    result = run_import(workspace, shared_file("jira-export-format-sample", "JIRA.csv"))
    assert (result.format, result.added, result.rejected) == ("jira", 1, 0)
    item = queries.get_item(workspace.conn, queries.list_items(workspace.conn)[0]["id"])
    assert item["external_id"] == "A-3367"
    assert item["events"], "the comment cells are kept as events"
    assert "Watchers" in str(item["attributes"])


def test_kaggle_freeform_answers_without_header_rows(workspace):
    path = shared_file("kaggle-survey-2018-freeform", "freeFormResponses.csv")
    result = run_import(workspace, path)
    assert result.format == "research_survey"
    assert result.respondents == 23859
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        headers = set(next(reader)) | set(next(reader))
    texts = {r[0] for r in workspace.conn.execute("SELECT text FROM items")}
    assert not texts & headers
    assert _count(workspace, "SELECT count(*) FROM items WHERE question LIKE '%Q34%' OR external_id LIKE '%Q34_OTHER_TEXT'") == 0
    assert result.added > 10_000


def test_chinese_reviews_are_searchable(workspace):
    run_import(workspace, shared_file("zh-waimai-10k", "waimai_10k.csv"))
    hits = queries.search_items(workspace.conn, "送餐 慢", limit=20)
    assert hits and all("送餐" in h["text"] and "慢" in h["text"] for h in hits)

"""Closing the loop ("Tell people"): the draft, the recipients, the exports, the told record, the CLI."""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

from triage_app.cli import cli
from triage_app.importers.source import ImportOptions
from triage_app.services import status as st
from triage_app.services import tell
from triage_app.services.importing import run_import
from triage_app.services.privacy import load_settings, save_settings
from triage_app.store import metrics_queries as mq
from triage_app.store import statuses as sq
from triage_app.store import themes as tq
from triage_app.store.queries import transaction


def _issue(number, author, title, bot=False):
    body = "### Describe the bug\n" + title + "\n### Steps to reproduce\n1. open the app"
    return {"number": number, "title": title, "body": body, "state": "CLOSED",
            "stateReason": "COMPLETED", "createdAt": f"2024-01-0{number}T00:00:00Z",
            "closedAt": f"2024-01-1{number}T00:00:00Z", "author": {"login": author, "is_bot": bot},
            "url": f"https://github.com/acme/app/issues/{number}", "labels": [], "comments": []}


ISSUES = [
    _issue(1, "alice", "Sync fails after the laptop sleeps &amp; the app shows an empty list"),
    _issue(2, "bob", "Sync fails after the laptop sleeps &amp; the app shows an empty list again"),
    _issue(3, "alice", "The sync never finishes on a slow connection, write to bob@example.com"),
    _issue(4, "renovate", "Bump dependency sync-lib", bot=True),
]
SURVEY = ("Comment,Email,Date\n"
          "\"Sync lost my notes twice this week, I had to type them again\",carol@example.org,2024-01-05\n"
          "\"The sync button does nothing when offline, no message at all\",,2024-01-06\n")


@pytest.fixture
def ws(workspace, write_file):
    run_import(workspace, write_file("issues.json", json.dumps(ISSUES)), ImportOptions(format="github_cli"))
    run_import(workspace, write_file("survey.csv", SURVEY),
               ImportOptions(mapping={"text": "Comment", "created_at": "Date"}))
    conn = workspace.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
    with transaction(conn):
        run = tq.create_run(conn, "test", 1, {})
        theme = tq.insert_theme(conn, label="Sync fails", keywords=["sync"], quotes=[ids[0]], created_run_id=run)
        tq.set_assignments(conn, [(i, theme, 0.9, "model", run) for i in ids])
        tq.refresh_sizes(conn)
    workspace.theme_id = theme
    workspace.item_ids = ids
    return workspace


def test_draft_quotes_recipients_and_what_was_done(ws):
    st.set_status(ws.conn, f"theme:{ws.theme_id}", "resolved", note="Sync retries after sleep (version 2.4)")
    d = tell.draft(ws.conn, theme_id=ws.theme_id)
    assert d.lang == "en" and d.status == "resolved" and d.items == 6
    # issue titles quoted (not the template body), entities decoded, the near-repeat (#2 after #1)
    # skipped, an e-mail in a quote redacted for export
    assert "&amp;" not in d.markdown and "sleeps & the app shows an empty list" in d.markdown
    assert "Describe the bug" not in d.markdown and "slow connection" in d.markdown
    assert "bob@example.com" not in d.markdown
    assert d.markdown.count("laptop sleeps") == 1
    assert "Sync retries after sleep (version 2.4)" in d.markdown
    # alice twice -> once; the bot left out; the survey answer with an address reachable; one without nobody
    names = sorted((r.source_format, r.name or r.contact) for r in d.recipients)
    assert names == [("generic", "carol@example.org"), ("github_cli", "alice"), ("github_cli", "bob")]
    assert d.unreachable == 1
    alice = next(r for r in d.recipients if r.name == "alice")
    assert alice.link == "https://github.com/acme/app/issues/1"


def test_draft_in_chinese_and_language_detection(ws):
    d = tell.draft(ws.conn, theme_id=ws.theme_id, lang="zh")
    assert "您反馈的问题" in d.markdown and "我们做了什么" in d.markdown
    assert tell.detect_language(["配送太慢了，饭都凉了", "送餐员态度很好"]) == "zh"
    assert tell.detect_language(["Delivery was slow"]) == "en"


def test_quotes_follow_the_privacy_setting(ws):
    settings = load_settings(ws.conn)
    settings.redact_exports = False
    save_settings(ws.conn, settings)
    d = tell.draft(ws.conn, item_ids=[ws.item_ids[2]])
    assert "bob@example.com" in d.markdown


def test_exports_csv_and_one_markdown_per_source(ws, tmp_path):
    d = tell.draft(ws.conn, theme_id=ws.theme_id)
    files = tell.export(d, tmp_path / "out", markdown=d.markdown + "\nEdited by hand.\n")
    names = sorted(p.name for p in files)
    assert names == ["recipients.csv", "update-generic.md", "update-github_cli.md", "update.md"]
    rows = list(csv.DictReader(open(tmp_path / "out" / "recipients.csv", encoding="utf-8-sig")))
    assert [r["name"] for r in rows if r["source_format"] == "github_cli"] == ["alice", "bob"]
    assert rows[0]["link"].startswith("https://github.com/")
    github = (tmp_path / "out" / "update-github_cli.md").read_text(encoding="utf-8")
    assert "Edited by hand." in github and "https://github.com/acme/app/issues/2" in github
    assert "carol@example.org" not in github


def test_mark_told_is_recorded_once_and_leaves_metrics_alone(ws):
    st.set_status(ws.conn, f"item:{ws.item_ids[4]}", "resolved", changed_at="2024-02-01T00:00:00+00:00")
    closed = mq.time_columns(ws.conn)
    d = tell.draft(ws.conn, item_ids=ws.item_ids[4:6])
    assert d.already_told == []
    assert tell.mark_told(ws.conn, d) == 2
    again = tell.draft(ws.conn, item_ids=[ws.item_ids[4]])
    assert len(again.already_told) == 1 and again.already_told[0]["note"].startswith("[told] ")
    # the told note does not move the close time nor the status
    assert np.array_equal(mq.time_columns(ws.conn).closed, closed.closed, equal_nan=True)
    assert sq.item_status(ws.conn, ws.item_ids[4]) == "resolved"
    d = tell.draft(ws.conn, theme_id=ws.theme_id)
    tell.mark_told(ws.conn, d)
    assert len(tell.draft(ws.conn, theme_id=ws.theme_id).already_told) == 1


def test_cli_tell(ws, tmp_path):
    path = str(ws.path)
    runner = CliRunner()
    out = runner.invoke(cli, ["tell", "-w", path, "--theme", str(ws.theme_id), "--lang", "zh", "-o",
                              str(tmp_path / "o"), "--mark-told", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["lang"] == "zh" and data["marked_told"] and len(data["recipients"]) == 3
    assert (tmp_path / "o" / "recipients.csv").exists()
    again = runner.invoke(cli, ["tell", "-w", path, "--theme", str(ws.theme_id), "--mark-told"])
    assert again.exit_code == 2 and "already told" in again.output
    bad = runner.invoke(cli, ["tell", "-w", path])
    assert bad.exit_code == 2 and "--theme" in bad.output
    missing = runner.invoke(cli, ["tell", "-w", path, "--theme", "999"])
    assert missing.exit_code == 2 and "no theme with id 999" in missing.output

"""Developer-community importers: Slack, Discord, GitHub Discussions, Discourse, Stack Exchange,
App Store. Fixtures are in tests/fixtures/sources (written for these tests); real layouts in
../shared/data are read only when present."""
from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import shared_file
from triage_app.domain import ImportFailure, Item, Rejected, Skipped
from triage_app.importers import SourceFile, all_importers, detect
from triage_app.importers._community import epoch_iso, html_to_text
from triage_app.importers.slack import readable
from triage_app.services.importing import run_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
NEW_FORMATS = ("slack", "discord", "github_discussions", "discourse", "stackexchange", "app_store",
               "wenjuanxing", "tencent_survey")


def _read(path: Path):
    source = SourceFile(path)
    ranked = detect(source)
    return ranked[0][1].name, list(ranked[0][1].read(source))


def _items(records) -> list[Item]:
    return [r for r in records if isinstance(r, Item)]


def _skipped(records) -> Counter:
    return Counter(r.reason for r in records if isinstance(r, Skipped))


def test_every_new_format_is_registered():
    names = {i.name for i in all_importers()}
    assert set(NEW_FORMATS) <= names


def test_helpers():
    assert html_to_text("<p>One &amp; two</p>\n<ul><li>a</li><li>b</li></ul><script>x()</script>") == "One & two\n\n- a\n- b"
    assert epoch_iso("1705312800.5") == "2024-01-15T10:00:00.500000+00:00"
    assert epoch_iso("soon") is None
    people = {"U1": ("Ann", False)}
    assert readable("<@U1> see <#C1|general>, <!here> and <https://x.org|docs> &lt;3", people) == \
        "@Ann see #general, @here and docs <3"


# -- Slack -------------------------------------------------------------------------------------
def _slack_zip(tmp_path: Path) -> Path:
    path = tmp_path / "Acme Slack export Feb 2024.zip"
    root = FIXTURES / "slack_export"
    with zipfile.ZipFile(path, "w") as zf:
        for file in sorted(root.rglob("*.json")):
            zf.write(file, file.relative_to(root).as_posix())
    return path


@pytest.mark.parametrize("entry", ["folder", "zip"])
def test_slack_export_threads_users_bots(tmp_path, entry):
    path = FIXTURES / "slack_export" / "channels.json" if entry == "folder" else _slack_zip(tmp_path)
    name, records = _read(path)
    assert name == "slack"
    items = {i.external_id: i for i in _items(records)}
    assert set(items) == {"C0FEEDBAC:1706778000.000200", "C0FEEDBAC:1706785200.000600",
                          "C0FEEDBAC:1706871600.000300", "C0ANNOUNC:1706774600.000200"}
    thread = items["C0FEEDBAC:1706778000.000200"]
    assert thread.author == "benji" and thread.source == "#feedback"
    assert thread.created_at == "2024-02-01T09:00:00.000200+00:00"
    assert "@Anna Berg" in thread.text and "the ticket" in thread.text and "<" not in thread.text
    assert thread.attributes["votes"] == 3
    # replies, one from the next day's file, in time order
    assert [(e.author, e.kind) for e in thread.events] == [("Anna Berg", "reply"), ("benji", "reply")]
    assert items["C0FEEDBAC:1706785200.000600"].text == "搜索结果里中文标题显示成乱码 & 无法点击"
    assert _skipped(records) == {"bot messages": 2, "channel events (joins, topics...)": 2,
                                 "replies whose thread starter is not in the export": 1}
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert [(r.column, "epoch" in r.reason) for r in rejected] == [("feedback/2024-02-02.json", True)]


def test_slack_day_file_alone_keeps_the_same_ids():
    _, whole = _read(FIXTURES / "slack_export" / "channels.json")
    name, day = _read(FIXTURES / "slack_export" / "feedback" / "2024-02-01.json")
    assert name == "slack"
    day_ids = {i.external_id for i in _items(day)}
    assert day_ids and day_ids <= {i.external_id for i in _items(whole)}


def test_slack_users_json_says_what_to_import():
    source = SourceFile(FIXTURES / "slack_export" / "users.json")
    importer = detect(source)[0][1]
    assert importer.name == "slack"
    with pytest.raises(ImportFailure, match="user list of a Slack export"):
        list(importer.read(source))


def test_slack_import_counts_skipped_and_reimport_is_unchanged(workspace, tmp_path):
    path = _slack_zip(tmp_path)
    first = run_import(workspace, path)
    assert (first.added, first.rejected) == (4, 1)
    assert first.skipped["bot messages"] == 2
    again = run_import(workspace, path)
    assert (again.added, again.unchanged) == (0, 4)


# -- Discord -----------------------------------------------------------------------------------
def test_discord_reply_chains_and_bots():
    name, records = _read(FIXTURES / "discord_channel.json")
    assert name == "discord"
    items = _items(records)
    assert [i.external_id for i in items] == ["910000000000000002", "910000000000000006"]
    crash = items[0]
    assert crash.author == "Kim" and crash.source == "#help" and crash.attributes["votes"] == 5
    assert crash.updated_at == "2024-04-01T09:05:00+00:00"
    # a reply to a reply belongs to the conversation its chain starts from
    assert [e.body for e in crash.events] == ["Which version are you on?", "1.4.2 on Windows"]
    assert _skipped(records) == {"channel events (joins, pins...)": 1, "bot messages": 1,
                                 "replies to messages not in the export": 1}
    assert [(r.row, r.column) for r in records if isinstance(r, Rejected)] == [(8, "timestamp")]


def test_discord_thread_export_is_one_conversation(tmp_path):
    import json

    data = json.loads((FIXTURES / "discord_channel.json").read_text(encoding="utf-8"))
    data["channel"]["type"] = "GuildPublicThread"
    data["messages"] = [m for m in data["messages"] if m["id"] in ("910000000000000006", "910000000000000002")]
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _, records = _read(path)
    items = _items(records)
    assert len(items) == 1 and len(items[0].events) == 1


# -- GitHub Discussions ------------------------------------------------------------------------
def test_github_discussions_answers_votes_states():
    name, records = _read(FIXTURES / "gh_discussions.json")
    assert name == "github_discussions"
    items = {i.external_id: i for i in _items(records)}
    answered = items["acme/widget/discussions/41"]
    assert (answered.status, answered.closed_at) == ("resolved", "2024-01-11T15:00:00+00:00")
    assert answered.attributes["votes"] == 7 and answered.attributes["category"] == "Q&A"
    assert [(e.author, e.kind, e.author_is_bot) for e in answered.events] == [
        ("github-actions", "comment", True), ("maint", "answer", False), ("pat-o", "reply", False)]
    outdated = items["acme/widget/discussions/42"]
    assert (outdated.source_state, outdated.status, outdated.attributes["votes"]) == ("closed/outdated", "won't fix", 31)
    assert outdated.attributes["_type"] == "request"  # category Ideas
    assert items["acme/widget/discussions/43"].text == "Show and tell: my plugin"  # no body: the title
    assert answered.attributes["_type"] == "question"  # the Q&A category states the feedback type
    assert "_type" not in items["acme/widget/discussions/43"].attributes  # "Show and tell" says nothing
    assert [r.row for r in records if isinstance(r, Rejected)] == [4]


def test_github_discussions_jsonl_nodes(tmp_path):
    import json

    nodes = json.loads((FIXTURES / "gh_discussions.json").read_text())["data"]["repository"]["discussions"]["nodes"]
    path = tmp_path / "discussions.jsonl"
    path.write_text("\n".join(json.dumps(n) for n in nodes[:3]) + "\n", encoding="utf-8")
    name, records = _read(path)
    assert name == "github_discussions"
    assert [i.external_id for i in _items(records)] == [f"acme/widget/discussions/{n}" for n in (41, 42, 43)]


# -- Discourse ---------------------------------------------------------------------------------
def test_discourse_topic_json():
    name, records = _read(FIXTURES / "discourse_topic.json")
    assert name == "discourse"
    (topic,) = _items(records)
    assert topic.external_id == "forum.example.org/topic:1201" and topic.author == "li_wei"
    assert (topic.source, topic.link) == ("forum.example.org", "https://forum.example.org/t/sync-stops-after-laptop-sleeps/1201")
    assert topic.text.startswith("After the laptop wakes up, sync never resumes.") and "- Version 3.2" in topic.text
    assert topic.labels == ["sync", "desktop"]
    assert (topic.source_state, topic.status, topic.closed_at) == ("solved", "resolved", "2024-03-01T09:30:00+00:00")
    assert topic.attributes["votes"] == 6  # the first post's likes
    assert [e.author for e in topic.events] == ["mod_eve", "li_wei"]  # the "moved" notice is not a reply


def test_discourse_latest_posts_and_user_archive():
    _, records = _read(FIXTURES / "discourse_posts.json")
    (topic,) = _items(records)
    assert topic.external_id == "topic:88" and topic.attributes["votes"] == 12 and len(topic.events) == 1
    assert _skipped(records) == {"replies whose topic is not in the export": 1}
    name, records = _read(FIXTURES / "discourse_user_archive.csv")
    assert name == "discourse"
    (topic,) = _items(records)
    assert topic.external_id == "forum.example.org/topic:301"
    assert topic.link == "https://forum.example.org/t/topic/301"
    assert topic.created_at == "2024-05-01T10:00:00+00:00" and len(topic.events) == 1
    assert _skipped(records) == {"private messages": 1, "replies whose topic is not in the export": 1}


# -- Stack Exchange ----------------------------------------------------------------------------
def test_stackexchange_posts_xml(tmp_path):
    name, records = _read(FIXTURES / "Posts.xml")
    assert name == "stackexchange"
    items = {i.external_id.split(":")[1]: i for i in _items(records)}
    assert set(items) == {"1", "4", "6"}
    accepted = items["1"]
    assert accepted.title == "Reset the cache but keep settings"
    assert accepted.text == "How do I reset the cache without losing settings?"
    assert accepted.labels == ["cache", "settings"]
    assert (accepted.status, accepted.closed_at) == ("resolved", "2021-06-01T12:00:00+00:00")
    assert [e.author for e in accepted.events] == ["user7", "user8"]
    assert accepted.attributes["votes"] == 12
    closed = items["4"]
    assert (closed.source_state, closed.status, closed.attributes["votes"]) == ("closed", "won't fix", -2)
    assert closed.labels == ["opinion"]
    assert (items["6"].author, items["6"].source_state, len(items["6"].events)) == ("匿名用户", "answered", 1)
    assert _skipped(records) == {"tag wiki excerpts": 1}
    assert [r.row for r in records if isinstance(r, Rejected)] == [7]  # "June 5th" is not a dump time
    # the site key comes from the dump's first post, not the file name
    renamed = shutil.copy(FIXTURES / "Posts.xml", tmp_path / "other name.xml")
    assert {i.external_id for i in _items(_read(Path(renamed))[1])} == {i.external_id for i in _items(records)}


def test_stackexchange_refuses_entities_and_cut_off_files(tmp_path):
    bomb = tmp_path / "Posts.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE posts [<!ENTITY a "aaaa">]>\n<posts>\n'
                    '<row Id="1" PostTypeId="1" Title="&a;" CreationDate="2021-01-01T00:00:00" /></posts>')
    source = SourceFile(bomb)
    with pytest.raises(ImportFailure):
        list(detect(source)[0][1].read(source))
    text = (FIXTURES / "Posts.xml").read_text(encoding="utf-8")
    cut = tmp_path / "cut" / "Posts.xml"
    cut.parent.mkdir()
    cut.write_text(text[: text.index('<row Id="6"') + 40], encoding="utf-8")
    source = SourceFile(cut)
    with pytest.raises(ImportFailure, match="cut-off"):
        list(detect(source)[0][1].read(source))


# -- App Store ---------------------------------------------------------------------------------
def test_app_store_scraper_csv():
    name, records = _read(FIXTURES / "app_store_scraper.csv")
    assert name == "app_store"
    items = _items(records)
    assert [i.rating for i in items] == [2, 5, 5]
    first = items[0]
    assert first.author == "sunny_k" and first.title == "Keeps logging out"
    assert [(e.author, e.body, e.created_at) for e in first.events] == [
        ("developer", "Sorry about that, fixed in 5.2.1", "2024-02-02T10:00:00+00:00")]
    assert first.first_response_s == 86400
    assert len({i.external_id for i in items}) == 3  # two identical reviews stay two
    assert _skipped(records) == {"ratings without text": 1}
    assert [(r.row, r.column) for r in records if isinstance(r, Rejected)] == [(6, "rating")]


def test_app_store_connect_json():
    name, records = _read(FIXTURES / "app_store_connect.json")
    assert name == "app_store"
    items = _items(records)
    assert [i.external_id[-1] for i in items] == ["1", "2"]
    assert items[0].created_at == "2024-03-01T15:00:00+00:00" and items[0].first_response_s == 86400
    assert items[1].attributes["territory"] == "CHN" and not items[1].events


@pytest.mark.parametrize("fixture", ["discord_channel.json", "gh_discussions.json", "discourse_topic.json",
                                     "Posts.xml", "app_store_scraper.csv", "app_store_connect.json",
                                     "discourse_user_archive.csv"])
def test_reimport_never_duplicates(workspace, fixture):
    first = run_import(workspace, FIXTURES / fixture)
    again = run_import(workspace, FIXTURES / fixture)
    assert first.added > 0
    assert (again.added, again.unchanged) == (0, first.added)


# -- real layouts (../shared/data, skipped when absent) -----------------------------------------
@pytest.mark.shared_data
def test_real_slack_export_layout(tmp_path):
    path = shared_file("community-and-zh-survey-exports", "slack_export", "channels.json")
    name, records = _read(path)
    assert name == "slack"
    items = _items(records)
    assert items and all(i.source.startswith("#") and i.created_at.endswith("+00:00") for i in items)
    assert all(not i.text.startswith("<") and "<@" not in i.text for i in items)
    assert sum(len(i.events) for i in items) >= 1  # the export has a thread
    assert _skipped(records)  # joins, leaves, purpose changes
    assert all(i.author and not i.author.startswith("U") for i in items)  # ids resolved to names


@pytest.mark.shared_data
def test_real_stackexchange_dump():
    path = shared_file("community-and-zh-survey-exports", "stackexchange_beer_Posts.xml")
    name, records = _read(path)
    assert name == "stackexchange"
    items = _items(records)
    assert len(items) > 500
    assert not [r for r in records if isinstance(r, Rejected)]
    assert len({i.external_id for i in items}) == len(items)
    assert all("<p>" not in i.text for i in items)
    answered = [i for i in items if i.events]
    assert len(answered) > 0.8 * len(items)
    assert all(isinstance(i.attributes.get("votes"), int) for i in items)
    statuses = Counter(i.status for i in items)
    assert statuses["resolved"] > 0 and statuses["won't fix"] > 0


def test_cli_imports_a_slack_export_folder_and_lists_the_new_formats(tmp_path):
    import json

    from click.testing import CliRunner

    from triage_app.cli import cli

    runner = CliRunner()
    listed = json.loads(runner.invoke(cli, ["formats", "--json"]).output)
    assert set(NEW_FORMATS) <= {f["name"] for f in listed}
    ws = str(tmp_path / "w.triage")
    result = runner.invoke(cli, ["import", str(FIXTURES / "slack_export"), "-w", ws, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["format"], summary["added"]) == ("slack", 4)
    assert summary["skipped"] == {"channel events (joins, topics...)": 2, "bot messages": 2,
                                  "replies whose thread starter is not in the export": 1}
    plain = runner.invoke(cli, ["import", str(FIXTURES / "slack_export"), "-w", ws])
    assert "skipped (not feedback): 2 channel events" in plain.output
    other = tmp_path / "not-an-export"
    other.mkdir()
    failed = runner.invoke(cli, ["import", str(other), "-w", ws])
    assert failed.exit_code == 2 and "is a folder, not an export file" in failed.output


@pytest.mark.parametrize("fixture, tracked, answered_after", [
    ("slack_export", 4, [3600.0]),  # Anna answers Ben's thread after an hour; Ben's own reply does not count
    ("Posts.xml", 3, [1800.0, 3600.0]),  # the closed question has no answer
    ("gh_discussions.json", 3, [10800.0]),  # the bot's welcome comment does not count
])
def test_unanswered_community_items_wait_in_response_times(workspace, fixture, tracked, answered_after):
    import numpy as np

    from triage_app.store import metrics_queries as mq

    run_import(workspace, FIXTURES / fixture)
    cols = mq.time_columns(workspace.conn)
    assert len(cols.item_id) == tracked
    answered = sorted(float(x) for x in cols.first_response if not np.isnan(x))
    assert answered == answered_after


def test_stackexchange_answers_spill_to_disk_with_the_same_result(monkeypatch):
    from triage_app.importers import stackexchange

    _, in_memory = _read(FIXTURES / "Posts.xml")
    monkeypatch.setattr(stackexchange._Answers, "IN_MEMORY", 1)
    monkeypatch.setattr(stackexchange._Answers, "BATCH", 1)
    _, on_disk = _read(FIXTURES / "Posts.xml")
    assert [(i.external_id, i.events, i.closed_at) for i in _items(on_disk)] == \
        [(i.external_id, i.events, i.closed_at) for i in _items(in_memory)]
    assert sum(len(i.events) for i in _items(on_disk)) == 3


@pytest.mark.parametrize("name, fixture", [
    ("discord", "discord_channel.json"), ("github_discussions", "gh_discussions.json"),
    ("discourse", "discourse_topic.json"), ("app_store", "app_store_connect.json"),
    ("slack", "slack_export/feedback/2024-02-01.json"), ("discourse", "discourse_posts.json"),
])
def test_wrongly_typed_fields_are_rejected_or_ignored_never_a_crash(tmp_path, name, fixture):
    """Hand-edited exports: any field replaced by a value of another type."""
    import copy
    import json
    import random

    from triage_app.importers import get_importer
    from triage_app.services.reading import _prepared

    rnd = random.Random(name + fixture)
    values = [None, 1, -1, 1.5, "x", [], {}, [1], {"a": 1}, True, "9" * 30, "<@U1|"]
    original = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))

    def mutate(obj) -> None:
        if isinstance(obj, dict) and obj:
            key = rnd.choice(list(obj))
            if rnd.random() < 0.5:
                obj[key] = copy.deepcopy(rnd.choice(values))
            else:
                mutate(obj[key])
        elif isinstance(obj, list) and obj:
            i = rnd.randrange(len(obj))
            if rnd.random() < 0.3:
                obj[i] = copy.deepcopy(rnd.choice(values))
            else:
                mutate(obj[i])

    for n in range(60):
        data = copy.deepcopy(original)
        for _ in range(rnd.randint(1, 4)):
            mutate(data)
        folder = tmp_path / str(n) / "feedback"
        folder.mkdir(parents=True)
        path = folder / Path(fixture).name
        path.write_text(json.dumps(data), encoding="utf-8")
        source = SourceFile(path)
        if source.kind not in get_importer(name).kinds:
            continue
        try:
            list(_prepared(get_importer(name).read(source)))
        except ImportFailure:
            pass  # a whole-file problem, reported with its reason


def test_github_discussions_paginated_pages_back_to_back(tmp_path):
    import json

    page = json.loads((FIXTURES / "gh_discussions.json").read_text())
    nodes = page["data"]["repository"]["discussions"]["nodes"]
    pages = []
    for chunk in (nodes[:2], nodes[2:3]):
        copy = json.loads(json.dumps(page))
        copy["data"]["repository"]["discussions"]["nodes"] = chunk
        pages.append(json.dumps(copy))
    path = tmp_path / "paginated.json"
    path.write_text("".join(pages), encoding="utf-8")  # gh api --paginate: no separator
    name, records = _read(path)
    assert name == "github_discussions"
    assert [i.external_id[-2:] for i in _items(records)] == ["41", "42", "43"]


def test_app_store_connect_csv_headers(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text(
        "Review ID,Date,Rating,Title,Review,Reviewer Nickname,Territory,App Version,Developer Response,"
        "Developer Response Date\n"
        "r-1,2024-06-01T10:00:00Z,1,Crash,Crashes when I open settings,kim,DEU,5.1,Fixed in 5.2,2024-06-03T10:00:00Z\n"
        "r-2,2024-06-02T10:00:00Z,5,Nice,Works well,lee,USA,5.1,,\n", encoding="utf-8")
    name, records = _read(path)
    assert name == "app_store"
    crash, nice = _items(records)
    assert (crash.external_id, crash.rating, crash.author) == ("r-1", 1, "kim")
    assert crash.attributes == {"territory": "DEU", "version": "5.1"}
    assert crash.first_response_s == 2 * 86400 and not nice.events


def test_an_export_of_only_bot_messages_says_so(workspace, tmp_path):
    import json

    folder = tmp_path / "alerts"
    folder.mkdir()
    path = folder / "2024-03-01.json"
    path.write_text(json.dumps([{"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "deploy ok",
                                 "ts": "1709251200.000100"}] * 2), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"every record was skipped \(2 bot messages\)"):
        run_import(workspace, path)
    assert workspace.stats()["items"] == 0

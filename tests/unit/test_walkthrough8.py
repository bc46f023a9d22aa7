"""Session 8's first-hour defects in the core: the period a chart's footer names follows the data's
real span; a 1/0 (or -1/0/1) "label"/"polarity" column is read as sentiment (1 = positive), never
as stars; a guessed column the user set to "(none)" stays unused; the Source column's full paths.
Files are written here (no shared data)."""
from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

import pytest

from analysis.label_values import sentiment_codes
from triage_app.domain import drive
from triage_app.importers.generic import guess_mapping
from triage_app.importers.source import ImportOptions
from triage_app.services.briefing import BriefingRequest, gather, newest_end
from triage_app.services.briefing_pages import Tr, period_text
from triage_app.services.importing import run_import
from triage_app.services.preview import preview_file
from triage_app.services.sentiment import score_items
from triage_app.store.item_queries import filter_choices

START = datetime(2014, 12, 1, 1, tzinfo=timezone.utc)


def _dated(path, days: int, n: int = 60) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "comment", "date"])
        for i in range(n):
            w.writerow([i, f"comment number {i} about the phone", (START + timedelta(days=days * i / n)).isoformat()])


def test_a_90_day_period_over_nine_days_of_data_is_labelled_with_the_nine_days(workspace, tmp_path):
    path = tmp_path / "nine.csv"
    _dated(path, 9)
    run_import(workspace, path)
    data = drive(gather(workspace.conn, BriefingRequest(period="90", as_of=newest_end(workspace.conn))))
    text = period_text(data, Tr("en"))
    assert text.startswith("2014-12-01 – 2014-12-09") and "(9 days, by day)" in text
    assert "2014-09" not in text  # not the 90 days asked for
    assert data["by"] == "day" and data["earlier_data"] is False
    from triage_app.services.briefing_pages import summary_page
    page = summary_page(data, Tr("en"))
    assert "compared with nothing (no earlier feedback)" in page.subtitle
    # no tracked items: no rows of dashes for response times and backlog
    assert [r[0] for r in page.tables[0].rows] == ["Feedback items received"]
    zh = period_text(data, Tr("zh"))
    assert "2014-12-01 – 2014-12-09" in zh and "共 9 天" in zh and "按天" in zh


def test_a_period_the_data_fills_keeps_its_own_dates(workspace, tmp_path):
    path = tmp_path / "long.csv"
    _dated(path, 400, n=200)
    run_import(workspace, path)
    data = drive(gather(workspace.conn, BriefingRequest(period="30", as_of=newest_end(workspace.conn))))
    text = period_text(data, Tr("en"))
    # the trend shows this period and the one before it (60 days): by week
    assert text == f"{data['window'].label} (30 days, by week)" and data["by"] == "week"
    assert data["earlier_data"] is True


@pytest.mark.parametrize("header, values, expected", [
    ("label", ["1", "1", "0", "1"], {"0": "negative", "1": "positive"}),
    ("polarity", ["1"] * 8, {"0": "negative", "1": "positive"}),  # a file sorted by its label
    ("Sentiment", ["0", "1", "1"], {"0": "negative", "1": "positive"}),
    ("label", ["-1", "0", "1"], {"-1": "negative", "−1": "negative", "0": "neutral", "1": "positive", "+1": "positive"}),
    ("sentiment", ["1", "1", "1"], None),  # 1s only under "sentiment" may be one star: not guessed
    ("label", ["1", "0", "2"], None),  # not a clean 0/1 column
    ("label", ["bug", "enhancement"], None),
    ("stars", ["1", "0"], None),  # a header that does not name a label
    ("class", ["1", "0"], None),  # spam/ham and the like: not guessed as sentiment
    ("label", ["", " "], None),
])
def test_sentiment_codes_only_for_clean_columns(header, values, expected):
    assert sentiment_codes(header, values) == expected


def test_guess_takes_a_label_column_of_codes_as_sentiment_and_leaves_other_labels_alone():
    samples = [["很快，好吃，味道足", "1"], ["送餐太慢了，菜都凉了", "0"], ["方便快捷", "1"]]
    assert guess_mapping(["review", "label"], samples).get("sentiment") == "label"
    issues = [["Crash on start", "bug"], ["Dark mode", "enhancement"], ["Docs", "documentation"]]
    guessed = guess_mapping(["title", "label"], issues)
    assert "sentiment" not in guessed and guessed.get("labels") == "label"
    stars = [["good", "5"], ["bad", "1"], ["meh", "3"]]
    assert guess_mapping(["review", "label"], stars).get("sentiment") is None


def _reviews(path, labels) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["label", "review"])
        for i, lab in enumerate(labels):
            w.writerow([lab, f"review number {i}: the delivery and the food"])


def _sentiments(ws) -> list[tuple]:
    return ws.conn.execute("SELECT s.label, s.method FROM items i JOIN item_sentiment s ON s.item_id = i.id"
                           " ORDER BY i.id").fetchall()


def test_a_zero_one_label_column_imports_as_sentiment_with_one_positive(workspace, tmp_path):
    path = tmp_path / "reviews.csv"
    _reviews(path, ["1", "0", "1", "0", "1", "0"])
    preview = preview_file(path)
    assert preview.mapping.get("sentiment") == "label" and preview.sentiment_codes == {"0": "negative", "1": "positive"}
    run_import(workspace, path)
    drive(score_items(workspace.conn))
    assert _sentiments(workspace) == [("positive", "mapped"), ("negative", "mapped")] * 3


def test_a_guessed_column_set_to_none_is_not_used(workspace, tmp_path):
    path = tmp_path / "reviews.csv"
    _reviews(path, ["1", "0", "1", "0"])
    preview = preview_file(path, ImportOptions(mapping={"sentiment": ""}))
    assert not preview.mapping.get("sentiment") and preview.sentiment_codes is None
    run_import(workspace, path, ImportOptions(mapping={"sentiment": ""}))
    drive(score_items(workspace.conn))
    assert {m for _, m in _sentiments(workspace)} == {"model"}


def test_source_paths_give_the_full_path_of_each_file(workspace, tmp_path):
    folder = tmp_path / "a folder with a long name"
    folder.mkdir()
    path = folder / "Apple-Twitter-Sentiment-DFE-export-2014-12-final.csv"
    _dated(path, 3, n=10)
    run_import(workspace, path)
    choices = filter_choices(workspace.conn)
    assert choices["sources"] == [path.name]
    assert choices["source_paths"] == {path.name: str(path)}


@pytest.mark.parametrize("redacted, readable", [
    ("[HANDLE] [HANDLE] my phone does it by itself. Thanks [HANDLE]", "my phone does it by itself. Thanks"),
    ("RT [HANDLE]: Love that [HANDLE] runs coding workshops! :) http://t.co/abc123", "Love that @… runs coding workshops! :)"),
    ("[HANDLE] fix the charger please", "fix the charger please"),
    ("送餐很快 [HANDLE] 谢谢", "送餐很快 @… 谢谢"),
    ("Nice app via [HANDLE]", "Nice app"),
    ("[HANDLE]", "[HANDLE]"),  # nothing would be left: the text as it is
    ("Export to [EMAIL] failed", "Export to [EMAIL] failed"),  # other placeholders stay: they stand for something
])
def test_quotes_read_naturally_after_redaction(redacted, readable):
    from triage_app.services.privacy import readable_quote

    assert readable_quote(redacted) == readable


def test_briefing_quotes_never_start_with_handles(themed_workspace):
    from triage_app.services.briefing import _quotes
    from triage_app.services.privacy import PrivacySettings
    from triage_app.store import Workspace

    rows = "".join(f"{i},\"@shop @help my order {i} never arrived, thanks @courier\"\n" for i in range(1, 7))
    path = themed_workspace("id,comment\n" + rows, {"Orders": (1, 2, 3, 4, 5, 6)})
    with Workspace(path) as ws:
        theme = ws.conn.execute("SELECT id FROM themes").fetchone()[0]
        quotes = _quotes(ws.conn, {"id": theme, "quotes": [1, 2, 3]}, "2000-01-01", "2100-01-01",
                         PrivacySettings(redact_exports=True))
    assert len(quotes) == 3
    assert all(q["text"].startswith("my order") and q["text"].endswith("thanks") for q in quotes)


def test_cli_map_field_with_nothing_after_the_equals_sign_leaves_the_guess_unused(tmp_path):
    from click.testing import CliRunner

    from triage_app.cli import cli
    from triage_app.store import Workspace

    path = tmp_path / "reviews.csv"
    _reviews(path, ["1", "0", "1", "0"])
    for name, extra in (("guessed", []), ("unused", ["--map", "sentiment="])):
        ws = str(tmp_path / f"{name}.triage")
        result = CliRunner().invoke(cli, ["import", str(path), "-w", ws, *extra])
        assert result.exit_code == 0, result.output
        with Workspace(ws) as w:
            got = [r[0] for r in w.conn.execute("SELECT json_extract(attributes, '$._sentiment') FROM items ORDER BY id")]
        assert got == (["positive", "negative"] * 2 if name == "guessed" else [None] * 4)
    bad = CliRunner().invoke(cli, ["import", str(path), "-w", str(tmp_path / "x.triage"), "--map", "segment:plan="])
    assert bad.exit_code != 0 and "FIELD=COLUMN" in bad.output


def test_json_records_with_a_zero_one_label_read_one_as_positive(workspace, tmp_path):
    import json

    path = tmp_path / "reviews.jsonl"
    path.write_text("".join(json.dumps({"label": lab, "review": f"review {i} of the food"}) + "\n"
                            for i, lab in enumerate([1, 0, 1, 0])), encoding="utf-8")
    run_import(workspace, path)
    drive(score_items(workspace.conn))
    assert _sentiments(workspace) == [("positive", "mapped"), ("negative", "mapped")] * 2

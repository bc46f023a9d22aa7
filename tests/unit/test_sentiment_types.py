"""The sentiment-and-type service: precedence (mapped > score > model), caching, cancel, the vectors the
analysis hands over, the store's shares per theme and the CLI contract (items --jsonl, themes --json)."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from triage_app.cli import cli
from triage_app.domain import CancelToken, Cancelled, drive
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.services.sentiment import MODEL, score_items
from triage_app.store import feedback_class_queries as fq
from triage_app.store import themes as tq
from triage_app.store.item_queries import ItemFilter, count_items, filter_choices
from triage_app.store.queries import transaction

ROWS = [  # id, comment, stars, mood (a sentiment column), kind (a type column)
    ("1", "The app crashes every time I upload a photo", "", "", ""),
    ("2", "Please add a dark mode for night reading", "", "", ""),
    ("3", "How do I change the language of the menus?", "", "", ""),
    ("4", "Thanks so much! The new version is wonderful", "", "", ""),
    ("5", "I love it but the rating says otherwise", "1", "", ""),
    ("6", "Everything is terrible", "", "好评", "表扬"),
    ("7", "送餐太慢了，饭都凉了", "", "", ""),
    ("8", "Sync has been broken for a week", "5", "neg", "Feature Request"),
    ("9", "Random words about nothing", "", "banana", "purple"),
]


@pytest.fixture
def ws(workspace, write_file):
    lines = ["id,comment,stars,mood,kind"] + [",".join(r) for r in ROWS]
    options = ImportOptions(format="generic", mapping={"id": "id", "text": "comment", "rating": "stars",
                                                       "sentiment": "mood", "type": "kind"})
    run_import(workspace, write_file("f.csv", "\n".join(lines) + "\n"), options)
    return workspace


def _by_external(conn) -> dict[str, tuple]:
    return {ext: tuple(row) for ext, *row in conn.execute(
        "SELECT i.external_id, s.label, s.method, s.feedback_type, s.type_method, s.score FROM items i"
        " JOIN item_sentiment s ON s.item_id = i.id")}


def test_precedence_mapped_then_scores_then_model(ws):
    result = drive(score_items(ws.conn))
    assert result["scored"] == len(ROWS)
    got = _by_external(ws.conn)
    assert got["6"][:4] == ("positive", "mapped", "praise", "mapped")  # mapped outranks the text
    assert got["8"][:4] == ("negative", "mapped", "request", "mapped")  # mapped outranks the 5 stars too
    assert got["5"][:2] == ("negative", "rating")  # the rating outranks the text
    assert got["9"][1] == "model" and got["9"][2] is not None and got["9"][3] == "model"  # unknown values: model
    assert got["1"][1:4] == ("model", "problem", "model") and got["1"][0] in ("negative", "neutral")  # a bug report
    assert got["2"][2] == "request" and got["3"][2] == "question"
    assert got["4"][0] == "positive" and got["4"][2] == "praise"
    assert got["7"][0] == "negative"
    assert result["types"]["mapped:praise"] == 1
    # mapped columns are not offered as segments
    assert not {"_sentiment", "_type", "mood", "kind"} & set(filter_choices(ws.conn)["segments"])


def test_scored_once_and_changed_or_untyped_items_again(ws):
    drive(score_items(ws.conn))
    assert fq.count_to_score(ws.conn) == 0
    assert drive(score_items(ws.conn))["scored"] == 0
    with transaction(ws.conn):  # as a workspace scored before types existed
        ws.conn.execute("UPDATE item_sentiment SET feedback_type = NULL WHERE item_id IN (SELECT min(id) FROM items)")
    assert drive(score_items(ws.conn))["scored"] == 1


def test_texts_are_embedded_once_into_the_shared_cache(ws):
    assert tq.cached_vector_count(ws.conn, MODEL) == 0
    drive(score_items(ws.conn))
    embedded = tq.cached_vector_count(ws.conn, MODEL)
    assert 0 < embedded <= len(ROWS)  # the analysis will find them there


def test_vectors_from_the_analysis_are_not_looked_up_again(ws):
    from analysis.embeddings import get_backend
    from triage_app.services.analysis import analysis_rows

    rows = analysis_rows(ws.conn)
    ids = np.array([r[0] for r in rows])
    vectors = get_backend(MODEL).encode([(r[3] or "") + " " + r[4] for r in rows])
    drive(score_items(ws.conn, known=(ids, vectors)))
    assert tq.cached_vector_count(ws.conn, MODEL) == 0  # nothing embedded or cached by the service
    assert fq.count_to_score(ws.conn) == 0


def test_cancel_keeps_the_scored_batches(ws):
    cancel = CancelToken()
    gen = score_items(ws.conn, cancel, batch=4)
    with pytest.raises(Cancelled):
        for p in gen:
            if p.stage == "sentiment" and p.done >= 4:
                cancel.cancel()
    left = fq.count_to_score(ws.conn)
    assert 0 < left < len(ROWS)
    assert drive(score_items(ws.conn))["scored"] == left


def _fake_themes(conn) -> tuple[int, int]:
    ids = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
    with transaction(conn):
        run = tq.create_run(conn, MODEL, 1, {})
        a = tq.insert_theme(conn, label="A", created_run_id=run)
        b = tq.insert_theme(conn, label="B", created_run_id=run)
        tq.write_model_assignments(conn, [(i, a if k < 5 else b, 0.9) for k, i in enumerate(ids)], run)
        tq.refresh_sizes(conn)
    return a, b


def test_shares_by_theme_sum_to_one(ws):
    a, b = _fake_themes(ws.conn)
    assert fq.sentiment_shares_by_theme(ws.conn) == {}
    drive(score_items(ws.conn))
    for shares in (fq.sentiment_shares_by_theme(ws.conn), fq.type_shares_by_theme(ws.conn)):
        assert set(shares) == {a, b}
        for mix in shares.values():
            assert sum(mix.values()) == pytest.approx(1.0)
    # theme B holds items 6-9: item 6 mapped positive, 8 mapped negative, 7 negative
    assert fq.sentiment_shares_by_theme(ws.conn)[b]["negative"] >= 0.5
    assert fq.type_shares_by_theme(ws.conn)[b]["praise"] >= 0.25


def test_feedback_type_filter(ws):
    drive(score_items(ws.conn))
    assert count_items(ws.conn, ItemFilter(feedback_type="praise")) >= 2
    assert count_items(ws.conn, ItemFilter(feedback_type="request", sentiment="negative")) >= 1
    with pytest.raises(ValueError):
        count_items(ws.conn, ItemFilter(feedback_type="rant"))


def test_cli_items_and_themes_contract(ws):
    _fake_themes(ws.conn)
    runner = CliRunner()
    path = str(ws.path)
    out = runner.invoke(cli, ["items", "-w", path, "--jsonl"])
    assert out.exit_code == 0, out.output
    items = [json.loads(line) for line in out.output.splitlines()]
    assert all(i["sentiment"] is None and i["feedback_type"] is None for i in items)  # not scored yet
    out = runner.invoke(cli, ["sentiment", "-w", path, "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["scored"] == len(ROWS)
    items = [json.loads(line) for line in runner.invoke(cli, ["items", "-w", path, "--jsonl"]).output.splitlines()]
    assert {i["sentiment"] for i in items} <= {"positive", "neutral", "negative"}
    assert {i["feedback_type"] for i in items} <= {"problem", "request", "question", "praise", "other"}
    assert {i["external_id"]: i["feedback_type"] for i in items}["6"] == "praise"
    themes = json.loads(runner.invoke(cli, ["themes", "-w", path, "--json"]).output)
    assert len(themes) == 2
    for t in themes:
        assert sum(t["sentiment_shares"].values()) == pytest.approx(1.0)
        assert sum(t["type_shares"].values()) == pytest.approx(1.0)
        assert {"id", "label", "priority", "factors"} <= set(t)  # kept keys
    text = runner.invoke(cli, ["sentiment", "-w", path])
    assert text.exit_code == 0 and "0 items scored" in text.output


def test_mapped_columns_from_json_lines_and_the_cli_map_flag(tmp_path):
    lines = [{"id": "a", "body": "Nothing works", "mood": "正面", "kind": "建议"},
             {"id": "b", "body": "Fine", "mood": "3 stars", "kind": "Question"},
             {"id": "c", "body": "Crash on start", "mood": "", "kind": ""}]
    data = tmp_path / "f.jsonl"
    data.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    path = str(tmp_path / "w.triage")
    runner = CliRunner()
    out = runner.invoke(cli, ["import", str(data), "-w", path, "--format", "generic", "--map", "text=body",
                              "--map", "id=id", "--map", "sentiment=mood", "--map", "type=kind"])
    assert out.exit_code == 0, out.output
    assert runner.invoke(cli, ["sentiment", "-w", path]).exit_code == 0
    items = {i["external_id"]: i for i in map(json.loads, runner.invoke(
        cli, ["items", "-w", path, "--jsonl"]).output.splitlines())}
    assert (items["a"]["sentiment"], items["a"]["feedback_type"]) == ("positive", "request")
    assert (items["b"]["sentiment"], items["b"]["feedback_type"]) == ("neutral", "question")
    assert items["c"]["feedback_type"] == "problem" and items["c"]["sentiment"] in ("negative", "neutral")
    bad = runner.invoke(cli, ["import", str(data), "-w", path, "--format", "generic", "--map", "mood=mood"])
    assert bad.exit_code != 0 and "sentiment" in bad.output and "type" in bad.output  # the known fields

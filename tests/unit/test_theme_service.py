"""The analyse service and theme edits on a real workspace (store + service + CLI).

Most tests use a small bag-of-words backend registered for the test (fast, exact) and the PCA
reducer; one test runs the real default backend and reducer on the bilingual fixture.
"""
from __future__ import annotations

import csv
import json
import zlib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from analysis.embeddings import Backend, get_backend, register_backend
from analysis.topics import ThemeParams
from triage_app.cli import cli
from triage_app.domain import CancelToken, Cancelled
from triage_app.importers.source import ImportOptions
from triage_app.services.analysis import AnalysisError, analyse, run_analysis
from triage_app.services.importing import run_import
from triage_app.store import Workspace
from triage_app.store import meta
from triage_app.store import themes as tq

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TOPICS = {
    "battery": "battery drains fast phone gets hot while charging overnight",
    "login": "login fails password rejected account locked cannot sign",
    "export": "export pdf excel file download broken spreadsheet",
    "dark": "dark mode theme night colours contrast eyes",
    "refund": "refund money charged twice payment returned bank",
}


VOCAB = {w: i for i, w in enumerate(sorted({w for words in TOPICS.values() for w in words.split()}))}


class WordsBackend(Backend):
    """Bag of words: texts that share words are similar. Deterministic, instant."""

    name, dim, batch_size = "test-words", len(VOCAB) + 32, 16

    def _load(self):
        return None

    def _encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, VOCAB.get(word, len(VOCAB) + zlib.crc32(word.encode()) % 32)] += 1.0
        return out


register_backend("test-words", WordsBackend)
FAST = dict(model="test-words", params=ThemeParams(reducer="pca", cluster_selection="eom"))


def _rows(topics, n, start=0, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for name in topics:
        words = TOPICS[name].split()
        for i in range(n):
            rows.append({"id": f"{name}-{start + i}", "Comment": " ".join(rng.choice(words, 6)), "Topic": name})
    return rows


def _import(ws, tmp_path, rows, name="f.csv"):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "Comment", "Topic"])
        writer.writeheader()
        writer.writerows(rows)
    run_import(ws, path, ImportOptions(mapping={"id": "id", "text": "Comment"}))


def _topic_of(ws):
    """item id -> the topic its text was generated from."""
    return {i: json.loads(a)["Topic"] for i, a in ws.conn.execute("SELECT id, attributes FROM items")}


def _by_theme(ws):
    out = {}
    for item, theme, _ in tq.assignments(ws.conn):
        out.setdefault(theme, set()).add(item)
    return out


@pytest.fixture
def analysed(workspace, tmp_path):
    _import(workspace, tmp_path, _rows(["battery", "login", "export", "dark"], 25))
    result = run_analysis(workspace, **FAST)
    return workspace, result


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# -- analysis ---------------------------------------------------------------------------------------------
def test_analysis_writes_themes_assignments_run_and_cache(analysed):
    ws, result = analysed
    assert (result.mode, result.model, result.items) == ("full", "test-words", 100)
    assert result.themes == result.themes_created == 4
    assert result.unassigned_share <= 0.10
    assert result.embedded + result.cached == 100 and result.embedded > 90
    topic = _topic_of(ws)
    for theme, items in _by_theme(ws).items():
        if theme is not None:
            assert len({topic[i] for i in items}) == 1  # every theme is one topic
    themes = tq.list_themes(ws.conn)
    assert sum(t["size"] for t in themes) == 100 - result.unassigned
    for t in themes:
        assert len(t["keywords"]) >= 3 and t["label"] and 3 <= len(t["quotes"]) <= 5
        assert set(t["keywords"][:3]) <= set(TOPICS[topic[t["quotes"][0]]].split())
    run_row = tq.last_run(ws.conn)
    assert run_row["model"] == "test-words" and run_row["summary"]["themes_created"] == 4
    assert meta.get_text(ws.conn, "embedding_model") == "test-words"
    assert tq.cached_vector_count(ws.conn, "test-words") == result.embedded


def test_rerun_with_the_same_seed_keeps_every_theme_and_embeds_nothing(analysed):
    ws, _ = analysed
    before = {t["id"]: (t["label"], t["size"]) for t in tq.list_themes(ws.conn)}
    assignment = sorted(tq.assignments(ws.conn))
    again = run_analysis(ws, mode="full", **FAST)
    assert (again.embedded, again.themes_created, again.themes_kept, again.themes_updated) == (0, 0, 4, 0)
    assert {t["id"]: (t["label"], t["size"]) for t in tq.list_themes(ws.conn)} == before
    assert sorted(tq.assignments(ws.conn)) == assignment


def test_a_rerun_never_undoes_user_edits(analysed):
    from triage_app.services import theme_edits as edits

    ws, _ = analysed
    themes = sorted(tq.list_themes(ws.conn), key=lambda t: t["id"])
    a, b, c, d = (t["id"] for t in themes)
    edits.rename(ws, a, "Battery life")
    moved = tq.theme_member_ids(ws.conn, a)[0]
    edits.move_items(ws, [moved], b)
    edits.hide(ws, c)
    edits.merge(ws, [d], b)
    d_items = set(tq.theme_member_ids(ws.conn, b))
    again = run_analysis(ws, mode="full", **FAST)
    assert again.themes_created == 0
    assert tq.get_theme(ws.conn, a)["label"] == "Battery life"
    assert tq.assignment_rows(ws.conn, [moved])[moved][0] == b
    assert tq.assignment_rows(ws.conn, [moved])[moved][2] == "user"
    assert tq.get_theme(ws.conn, c)["hidden"] == 1
    assert tq.get_theme(ws.conn, d)["merged_into"] == b and tq.get_theme(ws.conn, d)["size"] == 0
    assert d_items <= set(tq.theme_member_ids(ws.conn, b))


def test_new_items_join_existing_themes_without_a_refit(analysed, tmp_path):
    ws, _ = analysed
    ids = {t["id"] for t in tq.list_themes(ws.conn)}
    centroids = {t["id"]: t["centroid"] for t in tq.list_themes(ws.conn, with_centroid=True)}
    _import(ws, tmp_path, _rows(["battery", "dark"], 4, start=100, seed=5), "more.csv")
    result = run_analysis(ws, **FAST)
    assert (result.mode, result.embedded, result.themes_created) == ("incremental", 8, 0)
    assert {t["id"] for t in tq.list_themes(ws.conn)} == ids
    topic = _topic_of(ws)
    for theme, items in _by_theme(ws).items():
        if theme is not None:
            assert len({topic[i] for i in items}) == 1
    assert result.unassigned_share <= 0.10
    # the two themes that received items moved to the mean of their members; the others did not move
    texts = dict(ws.conn.execute("SELECT id, text FROM items"))
    after = {t["id"]: np.frombuffer(t["centroid"], np.float32) for t in tq.list_themes(ws.conn, with_centroid=True)}
    moved = {t for t in ids if after[t].tobytes() != centroids[t]}
    assert {topic[tq.theme_member_ids(ws.conn, t)[0]] for t in moved} == {"battery", "dark"}
    for theme in moved:
        vectors = get_backend("test-words").encode([texts[i] for i in tq.theme_member_ids(ws.conn, theme)])
        mean = vectors.sum(axis=0) / np.linalg.norm(vectors.sum(axis=0))
        assert float(after[theme] @ mean) > 0.999 > float(np.frombuffer(centroids[theme], np.float32) @ mean)
    # 4 new items are too few to describe a theme of 25 again: keywords and quotes stay
    assert result.info["described"] == 0


def test_a_theme_that_grew_enough_is_described_again(analysed, tmp_path):
    ws, first = analysed
    battery = next(t for t in tq.list_themes(ws.conn) if "battery" in t["keywords"][:3] or "drains" in t["keywords"])
    before = tq.get_theme(ws.conn, battery["id"])
    _import(ws, tmp_path, _rows(["battery"], 10, start=100, seed=7), "more.csv")
    result = run_analysis(ws, **FAST)
    assert result.mode == "incremental" and result.info["described"] == 1
    after = tq.get_theme(ws.conn, battery["id"])
    assert after["updated_run_id"] == result.run_id != before["updated_run_id"]
    assert set(after["keywords"][:3]) <= set(TOPICS["battery"].split()) and after["label"]
    assert set(after["label"].lower().split()) - {"and"} <= set(TOPICS["battery"].split())  # its members' words
    assert len({t["label"].lower() for t in tq.list_themes(ws.conn, include_merged=False)}) == \
        len(tq.list_themes(ws.conn, include_merged=False))  # distinct among the themes
    members = set(tq.theme_member_ids(ws.conn, battery["id"]))
    assert 3 <= len(after["quotes"]) <= 5 and set(after["quotes"]) <= members
    texts = [ws.conn.execute("SELECT text FROM items WHERE id=?", (q,)).fetchone()[0] for q in after["quotes"]]
    assert len({" ".join(sorted(t.split())) for t in texts}) == len(texts)  # no two quotes with the same words
    others = [t for t in tq.list_themes(ws.conn) if t["id"] != battery["id"]]
    assert all(t["updated_run_id"] == first.run_id for t in others)


def test_a_genuinely_new_topic_makes_a_new_theme_and_keeps_the_old_ones(analysed, tmp_path):
    ws, _ = analysed
    old = {t["id"]: t["label"] for t in tq.list_themes(ws.conn)}
    _import(ws, tmp_path, _rows(["refund"], 11, seed=9), "refunds.csv")  # few enough to try incremental first
    result = run_analysis(ws, **FAST)
    assert result.mode == "full" and result.info["incremental_unplaced"] == 11
    assert result.themes_created == 1 and result.themes_kept + result.themes_updated == 4
    now = {t["id"]: t["label"] for t in tq.list_themes(ws.conn)}
    assert set(old) < set(now)
    new_theme = (set(now) - set(old)).pop()
    topic = _topic_of(ws)
    assert {topic[i] for i in tq.theme_member_ids(ws.conn, new_theme)} == {"refund"}


def test_cancel_keeps_embedded_batches_and_writes_no_themes(workspace, tmp_path):
    _import(workspace, tmp_path, _rows(["battery", "login"], 20))
    cancel = CancelToken()
    gen = analyse(workspace, cancel=cancel, **FAST)
    for progress in gen:
        if progress.stage == "embedding" and progress.done > 0:
            cancel.cancel()
            break
    with pytest.raises(Cancelled):
        next(gen)
    assert tq.cached_vector_count(workspace.conn, "test-words") == 16  # one batch
    assert tq.list_themes(workspace.conn) == [] and tq.last_run(workspace.conn) is None
    result = run_analysis(workspace, **FAST)
    assert result.cached == 16 and result.embedded == 40 - 16


def test_bad_model_and_empty_workspace_are_analysis_errors(workspace, tmp_path):
    with pytest.raises(AnalysisError, match="no items"):
        run_analysis(workspace, **FAST)
    _import(workspace, tmp_path, _rows(["battery"], 3))
    with pytest.raises(AnalysisError, match="unknown embedding model"):
        run_analysis(workspace, model="nope")
    with pytest.raises(AnalysisError, match="incremental analysis needs"):
        run_analysis(workspace, mode="incremental", **FAST)


# -- edits, undo and redo ---------------------------------------------------------------------------------------
def _state(ws):
    themes = {t["id"]: {k: t[k] for k in ("label", "hidden", "merged_into", "parent_id", "size", "keywords")}
              for t in tq.list_themes(ws.conn)}
    return themes, sorted(ws.conn.execute("SELECT item_id, theme_id, origin FROM item_themes").fetchall())


def test_every_edit_undoes_and_redoes_exactly(analysed):
    from triage_app.services import theme_edits as edits

    ws, _ = analysed
    a, b, c, d = sorted(t["id"] for t in tq.list_themes(ws.conn))
    states = [_state(ws)]
    edits.rename(ws, a, "  Battery   life ")
    assert tq.get_theme(ws.conn, a)["label"] == "Battery life"
    states.append(_state(ws))
    edits.merge(ws, [c, d], b)
    states.append(_state(ws))
    edits.move_items(ws, tq.theme_member_ids(ws.conn, a)[:2], None)
    states.append(_state(ws))
    edits.hide(ws, b)
    states.append(_state(ws))
    for expected in reversed(states[:-1]):
        edits.undo(ws)
        assert _state(ws) == expected
    with pytest.raises(edits.EditError, match="nothing to undo"):
        edits.undo(ws)
    for expected in states[1:]:
        edits.redo(ws)
        assert _state(ws) == expected
    with pytest.raises(edits.EditError, match="nothing to redo"):
        edits.redo(ws)
    edits.undo(ws)
    edits.rename(ws, a, "Power")  # a new edit drops what could be redone
    with pytest.raises(edits.EditError, match="nothing to redo"):
        edits.redo(ws)


def test_split_applies_exactly_the_preview_and_undoes(workspace, tmp_path):
    from triage_app.services import theme_edits as edits

    _import(workspace, tmp_path, _rows(["battery", "login"], 20))
    ws = workspace
    run_analysis(ws, **FAST)
    a, b = sorted(t["id"] for t in tq.list_themes(ws.conn))
    edits.merge(ws, [b], a)  # one theme holding two topics
    before = _state(ws)
    preview = edits.split_preview(ws, a, parts=2)
    assert sorted(len(p.item_ids) for p in preview) == [20, 20]
    result = edits.split(ws, a, parts=2)
    new = result["new_themes"][0]
    assert sorted(tq.theme_member_ids(ws.conn, new)) == sorted(preview[1].item_ids)
    assert sorted(tq.theme_member_ids(ws.conn, a)) == sorted(preview[0].item_ids)
    assert tq.get_theme(ws.conn, new)["parent_id"] == tq.get_theme(ws.conn, a)["parent_id"]  # parts are siblings
    topic = _topic_of(ws)
    assert len({topic[i] for i in tq.theme_member_ids(ws.conn, new)}) == 1
    after = _state(ws)
    edits.undo(ws)
    assert _state(ws) == before
    edits.redo(ws)
    assert _state(ws) == after
    with pytest.raises(edits.EditError, match="merged into"):
        edits.split_preview(ws, b)


# -- command line -----------------------------------------------------------------------------------------------
def test_items_jsonl_works_before_any_analysis(workspace, tmp_path):
    _import(workspace, tmp_path, _rows(["battery"], 3))
    out = run("items", "-w", workspace.path, "--jsonl")
    assert out.exit_code == 0
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 3
    assert {"id", "external_id", "source_format", "created_at", "text", "theme_id", "theme_label", "status"} <= set(
        rows[0])
    assert rows[0]["theme_id"] is None and rows[0]["theme_label"] is None
    assert run("themes", "-w", workspace.path, "--json").output.strip() == "[]"


def test_cli_theme_commands_and_their_json(analysed):
    ws, _ = analysed
    w = str(ws.path)
    themes = json.loads(run("themes", "-w", w, "--json").output)
    assert len(themes) == 4
    assert {"id", "label", "keywords", "size", "quotes", "status"} <= set(themes[0])
    assert themes[0]["status"] == "new" and themes[0]["quotes"][0]["text"]
    a, b = themes[0]["id"], themes[1]["id"]
    members = [json.loads(line) for line in run("items", "-w", w, "--jsonl", "--theme", a).output.splitlines()]
    assert len(members) == themes[0]["size"] and {m["theme_id"] for m in members} == {a}
    assert run("theme", "rename", a, "Battery life", "-w", w).exit_code == 0
    item = members[0]["id"]
    assert f"moved 1 item to '{themes[1]['label']}'" in run("theme", "move", item, "--to", b, "-w", w).output
    preview = json.loads(run("theme", "split", b, "--parts", "2", "-w", w, "--json").output)
    assert preview["preview"] is True and len(preview["parts"]) == 2
    assert len(json.loads(run("themes", "-w", w, "--json").output)) == 4  # a preview changes nothing
    assert run("theme", "hide", b, "-w", w).exit_code == 0
    assert b not in {t["id"] for t in json.loads(run("themes", "-w", w, "--json").output)}
    assert f"undid: hid '{themes[1]['label']}'" in run("undo", "-w", w).output  # labels, not internal ids
    assert f"redid: hid '{themes[1]['label']}'" in run("redo", "-w", w).output
    merged = json.loads(run("theme", "merge", themes[2]["id"], "--into", a, "-w", w, "--json").output)
    assert merged["target"] == a and merged["items_moved"] == themes[2]["size"]
    summary = json.loads(run("analyze", "-w", w, "--model", "test-words", "--json").output)
    assert {"themes_created", "themes_kept", "themes_updated", "unassigned_share", "seconds", "mode"} <= set(summary)
    assert summary["themes_created"] == 0
    assert json.loads(run("items", "-w", w, "--jsonl", "--limit", "1").output)["id"] == 1


def test_cli_errors_exit_2_with_a_message(analysed, tmp_path):
    ws, _ = analysed
    w = str(ws.path)
    for args, message in ((("theme", "rename", 999, "x"), "no theme 999"),
                          (("theme", "move", 99999, "--to", 1), "no item 99999"),
                          (("theme", "move", 1, "--to", "abc"), "--to takes a theme id"),
                          (("items", "--theme", 999), "no theme 999"),
                          (("analyze", "--model", "nope"), "unknown embedding model")):
        out = CliRunner().invoke(cli, [str(a) for a in args] + ["-w", w])
        assert out.exit_code == 2, out.output
        assert f"error: {message}" in out.output
    out = CliRunner().invoke(cli, ["themes", "-w", str(tmp_path / "missing.triage")])
    assert out.exit_code == 2 and "no such workspace" in out.output


# -- the real default backend and reducer --------------------------------------------------------------------
def test_bilingual_complaints_land_in_the_same_themes_with_the_default_model(workspace):
    """The same complaints in Chinese and English: each pair should share a theme."""
    path = FIXTURES / "themes_bilingual.csv"
    run_import(workspace, path, ImportOptions(mapping={"id": "id", "text": "text"}))
    result = run_analysis(workspace)  # default model and parameters (UMAP)
    assert result.model == "use-multilingual"
    theme_of = {ext: theme for ext, theme in workspace.conn.execute(
        "SELECT items.external_id, item_themes.theme_id FROM items JOIN item_themes ON item_id = items.id")}
    pairs = {ext[:-3] for ext in theme_of}
    together = sum(1 for p in pairs if theme_of[f"{p}-en"] is not None and theme_of[f"{p}-en"] == theme_of[f"{p}-zh"])
    assert together / len(pairs) >= 0.8
    keywords = {w for t in tq.list_themes(workspace.conn) for w in t["keywords"]}
    assert any("\u4e00" <= ch <= "\u9fff" for w in keywords for ch in w)  # Chinese keywords survive
    assert all(len(w) <= 12 for w in keywords)  # words, not sentences


def test_a_label_the_user_edited_survives_being_described_again(analysed, tmp_path):
    from triage_app.services.theme_edits import rename

    ws, _ = analysed
    battery = next(t for t in tq.list_themes(ws.conn) if "battery" in t["keywords"][:3] or "drains" in t["keywords"])
    rename(ws, battery["id"], "Power woes")
    _import(ws, tmp_path, _rows(["battery"], 10, start=100, seed=7), "more.csv")
    result = run_analysis(ws, **FAST)
    assert result.info["described"] == 1
    assert tq.get_theme(ws.conn, battery["id"])["label"] == "Power woes"

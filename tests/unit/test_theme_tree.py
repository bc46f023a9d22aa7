"""Two levels of themes: grouping, reproducibility, storage, edits at both levels, re-runs, CLI keys.

A bag-of-words backend over four complaints written two ways each (the two wordings share words),
the PCA reducer and HDBSCAN's "leaf" clusters: the wordings become sub-themes, and near-duplicates
group under one top-level theme. ``top_distance`` is raised because bag-of-words vectors spread
differently from a sentence model's.
"""
from __future__ import annotations

import csv
import json
import zlib

import numpy as np
import pytest
from click.testing import CliRunner

from analysis.embeddings import Backend, register_backend
from analysis.topics import ThemeParams, find_themes
from triage_app.cli import cli
from triage_app.importers.source import ImportOptions
from triage_app.services import theme_edits as edits
from triage_app.services.analysis import run_analysis
from triage_app.services.importing import run_import
from triage_app.services.theme_summaries import theme_summaries
from triage_app.store import themes as tq

WORDINGS = {
    "hold1": "phone hold wait minutes agent music queue", "hold2": "phone hold wait hours hung line callback",
    "bag1": "bag lost luggage claim carousel missing found", "bag2": "bag lost luggage delayed tracking courier home",
    "login1": "login password fails locked account reset", "login2": "login password fails sso token expired",
    "refund1": "refund money charged twice bank card", "refund2": "refund money voucher credit cancelled flight",
}
VOCAB = {w: i for i, w in enumerate(sorted({w for s in WORDINGS.values() for w in s.split()}))}
PARAMS = ThemeParams(reducer="pca", cluster_selection="leaf", top_distance=2.5)
FAST = dict(model="test-tree-words", params=PARAMS)


class TreeWords(Backend):
    name, dim, batch_size = "test-tree-words", len(VOCAB) + 16, 16

    def _load(self):
        return None

    def _encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, VOCAB.get(word, len(VOCAB) + zlib.crc32(word.encode()) % 16)] += 1.0
        return out


register_backend("test-tree-words", TreeWords)


def _docs(n=25, seed=0):
    rng = np.random.default_rng(seed)
    return [(name, " ".join(rng.choice(words.split(), 6))) for name, words in WORDINGS.items() for _ in range(n)]


def _vectors(texts):
    v = TreeWords()._encode(texts)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# -- analysis ---------------------------------------------------------------------------------------------
def test_near_duplicate_wordings_share_a_top_level_theme():
    docs = _docs()
    texts = [t for _, t in docs]
    result = find_themes(texts, _vectors(texts), PARAMS)
    assert len(result.tops) < len(result.themes)  # some sub-themes were grouped
    top = result.top_labels
    truth = [name for name, _ in docs]
    for pair in ("hold", "login", "bag"):
        tops = {top[i] for i, name in enumerate(truth) if name.startswith(pair) and top[i] >= 0}
        assert len(tops) == 1, pair  # both wordings under one top-level theme
    hold = next(t for t in result.tops if any(w in t.keywords[:3] for w in ("hold", "phone", "wait")))
    assert hold.is_group and hold.size == sum(result.themes[k].size for k in hold.children)
    labels = [t.label for t in result.tops]
    assert len(set(labels)) == len(labels)


def test_same_input_and_seed_give_the_same_tree_and_labels():
    texts = [t for _, t in _docs()]
    vectors = _vectors(texts)
    a, b = find_themes(texts, vectors, PARAMS), find_themes(texts, vectors, PARAMS)
    assert a.labels.tolist() == b.labels.tolist() and a.top_of.tolist() == b.top_of.tolist()
    assert [(t.label, t.children, t.keywords, t.quotes) for t in a.tops] == \
        [(t.label, t.children, t.keywords, t.quotes) for t in b.tops]
    assert [t.label for t in a.themes] == [t.label for t in b.themes]


def test_grouping_by_kind_is_reproducible_too():
    docs = _taste_docs()
    texts, truth = [t for _, t in docs], [name for name, _ in docs]
    vectors = _vectors(texts)
    runs = [find_themes(texts, vectors, PARAMS, profile=_kind_profile(truth), embed=_vectors) for _ in range(2)]
    assert runs[0].info["grouped_by_kind"]
    assert runs[0].top_of.tolist() == runs[1].top_of.tolist()
    assert [(t.label, t.children, t.keywords, t.quotes) for t in runs[0].tops] == \
        [(t.label, t.children, t.keywords, t.quotes) for t in runs[1].tops]


# -- the service, store and CLI ---------------------------------------------------------------------------
def _import(ws, tmp_path, docs, name="f.csv"):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "Comment", "Date"])
        writer.writerows([(f"{name}-{i}", text, f"2024-03-{1 + i % 20:02d}") for i, (_, text) in enumerate(docs)])
    run_import(ws, path, ImportOptions(mapping={"id": "id", "text": "Comment", "created_at": "Date"}))


@pytest.fixture
def tree(workspace, tmp_path):
    _import(workspace, tmp_path, _docs())
    result = run_analysis(workspace, **FAST)
    return workspace, result


def _groups(ws):
    return {p: c for p, c in tq.children_of(ws.conn).items()}


def test_analysis_stores_both_levels_with_summed_sizes(tree):
    ws, result = tree
    groups = _groups(ws)
    assert groups and result.top_themes + result.sub_themes == result.themes
    assert result.sub_themes == sum(len(c) for c in groups.values())
    for parent, children in groups.items():
        p = tq.get_theme(ws.conn, parent, with_centroid=True)
        assert p["parent_id"] is None and p["centroid"] and p["keywords"] and p["quotes"]
        assert p["size"] == sum(tq.get_theme(ws.conn, c)["size"] for c in children)
        assert not tq.theme_member_ids(ws.conn, parent)  # items sit in the sub-themes
    summaries = theme_summaries(ws.conn)
    keys = [(-t.priority, -t.size, t.id) for t in summaries]
    assert keys == sorted(keys)
    by_id = {t.id: t for t in summaries}
    for parent, children in groups.items():
        assert sorted(by_id[parent].children) == children
        assert by_id[parent].items_total == sum(by_id[c].items_total for c in children)


def test_cli_json_keys_at_both_levels(tree, tmp_path):
    ws, _ = tree
    path = ws.path
    out = json.loads(run("themes", "-w", path, "--json").output)
    keys = {"id", "label", "keywords", "size", "share", "quotes", "status", "hidden", "label_edited", "parent_id",
            "merged_into", "priority", "factors", "items_resolved", "items_total"}
    assert all(keys <= set(t) for t in out)
    parents = {t["parent_id"] for t in out} - {None}
    assert parents and parents <= {t["id"] for t in out if t["parent_id"] is None}
    items = [json.loads(line) for line in run("items", "-w", path, "--jsonl").output.splitlines()]
    labels = {t["id"]: t for t in out}
    for item in items:
        theme = labels.get(item["theme_id"])
        if theme is None:
            assert item["top_theme_id"] is None and item["top_theme_label"] is None
        elif theme["parent_id"] is None:
            assert (item["top_theme_id"], item["top_theme_label"]) == (item["theme_id"], item["theme_label"])
        else:
            assert item["top_theme_id"] == theme["parent_id"]
            assert item["top_theme_label"] == labels[theme["parent_id"]]["label"]
    parent = next(iter(parents))
    of_parent = [json.loads(line) for line in run("items", "-w", path, "--jsonl", "--theme", parent).output.splitlines()]
    assert of_parent and {i["id"] for i in of_parent} == {i["id"] for i in items if i["top_theme_id"] == parent}
    text = run("themes", "-w", path).output
    assert "\u2514" in text  # sub-themes drawn under their top-level theme
    analysed = json.loads(run("analyze", "-w", path, "--json", "--model", "test-tree-words", "--mode", "full").output)
    assert {"themes", "top_themes", "sub_themes"} <= set(analysed)


def _state(ws):
    themes = {t["id"]: {k: t[k] for k in ("label", "hidden", "merged_into", "parent_id", "size", "status")}
              for t in tq.list_themes(ws.conn)}
    return themes, sorted(ws.conn.execute("SELECT item_id, theme_id, origin FROM item_themes").fetchall())


def test_edits_at_both_levels_undo_exactly(tree):
    from triage_app.services.status import set_status

    ws, _ = tree
    groups = _groups(ws)
    parent, children = next(iter(groups.items()))
    other = next(p for p in groups if p != parent) if len(groups) > 1 else None
    lone = next(t["id"] for t in tq.list_themes(ws.conn) if t["parent_id"] is None and t["id"] not in groups)
    states = [_state(ws)]

    def step(fn, *args):
        fn(ws, *args)
        states.append(_state(ws))

    step(edits.rename, parent, "Phone support")
    step(edits.rename, children[0], "Long hold times")
    step(lambda w, t: set_status(w.conn, f"theme:{t}", "planned"), parent)
    step(lambda w, t: set_status(w.conn, f"theme:{t}", "in progress"), children[1])
    step(edits.hide, children[1])
    step(edits.move_items, tq.theme_member_ids(ws.conn, children[0])[:2], lone)
    step(edits.set_parent, lone, parent)
    # a hidden sub-theme's items are left out of its parent's size (store.theme_scope)
    assert tq.get_theme(ws.conn, parent)["size"] == sum(tq.get_theme(ws.conn, c)["size"]
                                                        for c in tq.children_of(ws.conn)[parent]
                                                        if not tq.get_theme(ws.conn, c)["hidden"])
    step(edits.split, parent, 2)
    if other is not None:
        step(edits.merge, [other], parent)
        assert set(groups[other]) <= set(tq.children_of(ws.conn)[parent])
    for expected in reversed(states[:-1]):
        edits.undo(ws)
        assert _state(ws) == expected
    for expected in states[1:]:
        edits.redo(ws)
        assert _state(ws) == expected


def test_edits_at_both_levels_survive_a_full_rerun(tree):
    from triage_app.services.status import set_status

    ws, _ = tree
    groups = _groups(ws)
    parent, children = next(iter(groups.items()))
    lone = next(t["id"] for t in tq.list_themes(ws.conn) if t["parent_id"] is None and t["id"] not in groups)
    edits.rename(ws, parent, "Phone support")
    edits.rename(ws, children[0], "Long hold times")
    set_status(ws.conn, f"theme:{parent}", "planned")
    edits.hide(ws, children[1])
    edits.set_parent(ws, lone, parent)
    other = next(p for p in groups if p != parent)
    edits.merge(ws, [other], parent)  # two top-level themes made one
    before = {t["id"]: t for t in tq.list_themes(ws.conn)}
    result = run_analysis(ws, mode="full", **FAST)
    assert result.themes_created == 0 and result.top_themes_created == 0
    assert set(groups[other]) <= set(tq.children_of(ws.conn)[parent])  # the merge held
    after = {t["id"]: t for t in tq.list_themes(ws.conn)}
    assert after[parent]["label"] == "Phone support" and after[parent]["status"] == "planned"
    assert after[children[0]]["label"] == "Long hold times" and after[children[0]]["parent_id"] == parent
    assert after[children[1]]["hidden"] == 1
    assert after[lone]["parent_id"] == parent  # a parent a person chose is kept
    assert {k: v["label"] for k, v in after.items()} == {k: v["label"] for k, v in before.items()}
    kids = [after[c] for c in tq.children_of(ws.conn)[parent]]
    # the re-run kept the hide, and the hidden sub-theme's items stay out of the parent's size
    assert after[children[1]]["size"] > 0 and after[parent]["size"] == sum(k["size"] for k in kids if not k["hidden"])


def test_incremental_items_join_sub_themes_and_sizes_roll_up(tree, tmp_path):
    ws, _ = tree
    _import(ws, tmp_path, _docs(n=2, seed=7), name="more.csv")
    result = run_analysis(ws, mode="incremental", **FAST)
    assert result.mode == "incremental"
    groups = _groups(ws)
    rows = tq.assignments(ws.conn)
    assert not {theme for _, theme, _ in rows} & set(groups)  # never straight into a group
    for parent, children in groups.items():
        assert tq.get_theme(ws.conn, parent)["size"] == sum(tq.get_theme(ws.conn, c)["size"] for c in children)
        subs = [tq.get_theme(ws.conn, c, with_centroid=True) for c in children]
        mean = sum(np.frombuffer(t["centroid"], np.float32) * t["size"] for t in subs)
        got = np.frombuffer(tq.get_theme(ws.conn, parent, with_centroid=True)["centroid"], np.float32)
        assert np.allclose(got, mean / np.linalg.norm(mean), atol=1e-5)  # the group's centre moved with its members


def test_briefing_reports_top_level_themes_with_their_sub_themes(tree, tmp_path):
    from triage_app.domain import drive
    from triage_app.services.briefing import BriefingRequest, gather, generate

    ws, _ = tree
    groups = _groups(ws)
    data = drive(gather(ws.conn, BriefingRequest(period="2024-03-01..2024-03-31", top=10)))
    assert data["themes"] and all(t["parent_id"] is None for t in data["themes"])
    by_id = {t["id"]: t for t in data["themes"]}
    for parent, children in groups.items():
        t = by_id[parent]
        assert sorted(c["id"] for c in t["sub_themes"]) == children
        assert t["items_now"] + t["items_before"] == tq.get_theme(ws.conn, parent)["size"]
    out = tmp_path / "brief.pptx"
    drive(generate(ws.conn, BriefingRequest(period="2024-03-01..2024-03-31", top=3), out))
    from pptx import Presentation

    text = " ".join(shape.text_frame.text for slide in Presentation(out).slides for shape in slide.shapes
                    if shape.has_text_frame)
    assert "Sub-themes:" in text


def test_sibling_labels_are_distinct_even_with_the_same_keywords():
    from analysis.theme_tree import label_siblings

    labels = label_siblings([[], [], [], []], np.eye(4, dtype=np.float32),
                            [["excel"], ["excel"], ["excel", "vba"], ["excel"]])
    assert len(set(labels)) == 4 and labels[0] == "excel"


def test_a_person_who_wrote_in_two_sub_themes_counts_once_in_their_top_level_theme(workspace, tmp_path):
    from triage_app.services import metrics
    from triage_app.store import metrics_queries as mq

    docs = _docs()
    path = tmp_path / "people.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:  # three people wrote everything, with NPS answers
        writer = csv.writer(fh)
        writer.writerow(["id", "Comment", "Date", "Author"])
        writer.writerows([(f"p-{i}", text, f"2024-03-{1 + i % 20:02d}", f"person{i % 3}") for i, (_, text)
                          in enumerate(docs)])
    run_import(workspace, path, ImportOptions(mapping={"id": "id", "text": "Comment", "created_at": "Date",
                                                       "author": "Author"}))
    run_analysis(workspace, **FAST)
    groups = _groups(workspace)
    assert groups
    inputs = {t.theme_id: t for t in metrics.theme_inputs(workspace.conn)}
    for parent, children in groups.items():
        assert all(inputs[c].people == 3 for c in children)  # each sub-theme has items of all three
        assert inputs[parent].people == 3  # not 3 x the number of sub-themes
        assert inputs[parent].item_count == sum(inputs[c].item_count for c in children)
    # survey respondents: one respondent's answers in two sub-themes count once for the parent
    parent, children = next(iter(groups.items()))
    conn = workspace.conn
    conn.execute("INSERT INTO respondents (id, source_format, external_id, nps, row_hash) VALUES (9001, 'survey', 'r1', 10, 0)")
    for child in children[:2]:
        item = tq.theme_member_ids(conn, child)[0]
        conn.execute("UPDATE items SET respondent_id = 9001 WHERE id = ?", (item,))
    conn.commit()
    per_theme = mq.score_counts_by_theme(conn)
    assert all(per_theme[c][0] == 1 for c in children[:2])
    assert mq.top_respondent_counts(conn)[parent][:2] == (1, 1)
    assert metrics.theme_impacts(conn, draws=0)[parent]["nps"] is not None


def test_incremental_adds_describe_the_top_level_theme_again_but_keep_an_edited_label(tree, tmp_path):
    ws, _ = tree
    groups = _groups(ws)
    hold = next(p for p, children in groups.items()
                if {"hold", "phone", "wait"} & set(tq.get_theme(ws.conn, p)["keywords"][:4]))
    other = next(p for p in groups if p != hold)
    before = {p: tq.get_theme(ws.conn, p) for p in groups}
    assert "robocall" not in before[hold]["keywords"]
    edits.rename(ws, other, "Named by a person")
    rng = np.random.default_rng(3)
    more = [("hold", " ".join(["robocall", "robocall"] + list(rng.choice(WORDINGS["hold1"].split(), 5))))
            for _ in range(30)]
    more += [(name, " ".join(rng.choice(WORDINGS[name].split(), 6))) for name in WORDINGS for _ in range(3)]
    _import(ws, tmp_path, more, name="more.csv")
    result = run_analysis(ws, mode="incremental", **FAST)
    assert result.mode == "incremental" and result.info["described_top"] >= 1
    after = tq.get_theme(ws.conn, hold)
    assert after["updated_run_id"] == result.run_id
    assert "robocall" in after["keywords"]  # the group's words follow what its sub-themes now hold
    assert after["quotes"] and after["label"]
    labels = [t["label"] for t in tq.list_themes(ws.conn, include_merged=False) if t["parent_id"] is None]
    assert len(set(labels)) == len(labels)  # still distinct among the top-level themes
    assert tq.get_theme(ws.conn, other)["label"] == "Named by a person"


# -- grouping by kind, counts, names ----------------------------------------------------------------------
def test_the_number_of_top_level_themes_follows_the_number_of_items():
    from analysis.theme_tree import MAX_TOP, MIN_TOP, group_subthemes, max_top_themes, subtheme_distances

    assert max_top_themes(300) == MIN_TOP and max_top_themes(3_000) == 14
    assert max_top_themes(10_000) == MAX_TOP == max_top_themes(100_000)
    centroids = np.random.default_rng(0).normal(size=(60, 16))
    distances = subtheme_distances(centroids / np.linalg.norm(centroids, axis=1, keepdims=True))
    for n_items in (300, 3_000, 10_000):
        groups = group_subthemes(distances, [10] * 60, cut=0.0, max_top=max_top_themes(n_items))
        assert groups.max() + 1 == max_top_themes(n_items)  # 60 far-apart sub-themes: at most the ceiling
    assert group_subthemes(distances, [10] * 60, cut=10.0, max_top=25).max() + 1 == MIN_TOP  # one blob: a handful


TASTE = {"good1": "food taste delicious portion rice tasty", "good2": "food taste delicious noodles fresh tasty",
         "bad1": "food taste awful portion rice bland", "bad2": "food taste awful noodles stale bland",
         "late1": "delivery late hour waited courier cold", "late2": "delivery late hour waited driver lost",
         "fast1": "delivery fast minutes courier friendly early", "fast2": "delivery fast minutes driver polite early",
         "pack1": "packaging box leaked spilled soup bag", "pack2": "packaging box leaked broken lid bag",
         "pay1": "payment card charged twice refund app", "pay2": "payment card charged twice coupon app"}


def _kind_profile(truth):
    """Sentiment and type probabilities as the feedback-class heads give them (rows per document)."""
    def profile(indices):
        good = np.array([truth[i][:4] in ("good", "fast") for i in indices])
        sent = np.where(good[:, None], [[0.05, 0.15, 0.8]], [[0.8, 0.15, 0.05]])
        kind = np.where(good[:, None], [[0.1, 0.05, 0.05, 0.75, 0.05]], [[0.75, 0.1, 0.05, 0.05, 0.05]])
        return sent, kind
    return profile


def _taste_docs(n=25):
    rng = np.random.default_rng(1)
    return [(name, " ".join(rng.choice(words.split(), 5))) for name, words in TASTE.items() for _ in range(n)]


def _tree_of(docs, profile=None, embed=None, keywords=None):
    """build_tree over the known sub-themes of ``docs`` (one per wording)."""
    from analysis.theme_tree import build_tree
    from analysis.topic_matching import centroids_of

    names = list(dict.fromkeys(name for name, _ in docs))
    texts = [t for _, t in docs]
    labels = np.array([names.index(name) for name, _ in docs])
    vectors = _vectors(texts)
    centroids = centroids_of(vectors, labels, len(names))
    similarity = np.einsum("ij,ij->i", vectors, centroids[labels])
    info: dict = {}
    top_of, tops = build_tree(texts, vectors, labels, similarity, centroids,
                              keywords or [n.rstrip("0123456789").split() for n in names], [""] * len(names),
                              distance=2.5, profile=profile, embed=embed, info=info)
    return names, top_of, tops, info


def test_a_top_level_theme_does_not_hold_praise_beside_the_complaints_it_reads_like():
    docs = _taste_docs()
    truth = [name for name, _ in docs]
    names, by_content, _, _ = _tree_of(docs)
    top = dict(zip(names, by_content))
    assert top["good1"] == top["bad1"] or top["late1"] == top["fast1"]  # by words alone, praise and complaint meet
    names, by_kind, tops, info = _tree_of(docs, profile=_kind_profile(truth))
    assert info["grouped_by_kind"]
    top = dict(zip(names, by_kind))
    for good, bad in (("good", "bad"), ("fast", "late")):
        assert top[f"{good}1"] == top[f"{good}2"] and top[f"{bad}1"] == top[f"{bad}2"]  # near-duplicates together
        assert top[f"{good}1"] != top[f"{bad}1"]  # praise apart from the complaint
    assert sum(t.size for t in tops) == len(docs)


def test_a_sub_theme_held_together_by_names_joins_the_theme_its_content_belongs_to():
    rng = np.random.default_rng(2)
    docs = [(name, " ".join(rng.choice(words.split(), 6))) for name, words in WORDINGS.items() for _ in range(20)]
    cities = ["we flew from Dallas to Boston and the phone hold wait was endless",
              "again Dallas then Boston, phone hold wait minutes", "the agent in Boston said Dallas, hold wait"]
    docs += [("cities", cities[i % 3]) for i in range(20)]
    keywords = [["phone", "hold"], ["phone", "hold"], ["bag", "lost"], ["bag", "lost"], ["login", "password"],
                ["login", "password"], ["refund", "money"], ["refund", "money"], ["dallas", "boston", "wait"]]
    names, top_of, tops, info = _tree_of(docs, embed=_vectors, keywords=keywords)
    city = names.index("cities")
    assert info["name_only_subthemes"] == [city]
    top = dict(zip(names, top_of))
    assert top["cities"] == top["hold1"]  # what they say without the names: long holds on the phone
    assert tops[top["cities"]].is_group


def test_the_app_groups_by_kind_with_the_model_the_feedback_classes_read():
    from triage_app.services.analysis import kind_profile
    from triage_app.services.sentiment import MODEL

    vectors = np.random.default_rng(0).normal(size=(4, 512)).astype(np.float32)
    docs = ["The app crashes on start", "Please add dark mode", "I love it", "How do I export?"]
    assert kind_profile("test-tree-words", vectors, docs) is None  # other vectors: content alone
    sent, kind = kind_profile(MODEL, vectors, docs)(np.array([0, 2]))
    assert sent.shape == (2, 3) and kind.shape == (2, 5)
    assert np.allclose(sent.sum(axis=1), 1) and np.allclose(kind.sum(axis=1), 1)

"""One rule decides "praise" (analysis.priority.is_praise): the store's PRAISE_SQL gives the same answer on every
combination of stored values, and the theme tree's praise frames follow it (a parent the priority lists as a
theme to fix is never named "Praise for ..." / "...好评"; one it lists as mostly praise never "... problems")."""
from __future__ import annotations

import itertools
import sqlite3

import numpy as np

from analysis import parent_labels as pl
from analysis.priority import SCORE_METHODS, is_praise
from analysis.sentiment import from_scores
from analysis.theme_tree import TopTheme, document_praise, guard_parent_labels
from triage_app.store.metrics_queries import PRAISE_SQL

TYPES = ("problem", "request", "question", "praise", "other")
LABELS = ("positive", "neutral", "negative")


def _sql_praise(rows):
    """PRAISE_SQL on (rating, nps, respondent rating, label, method, type, type method) rows, in SQLite."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, rating REAL, csat REAL, nps REAL, respondent_id INTEGER);"
        "CREATE TABLE respondents (id INTEGER PRIMARY KEY, rating REAL, csat REAL, nps REAL);"
        "CREATE TABLE item_sentiment (item_id INTEGER, label TEXT, method TEXT, feedback_type TEXT, type_method TEXT);")
    for n, (rating, nps, r_rating, label, method, kind, kind_method) in enumerate(rows):
        conn.execute("INSERT INTO respondents VALUES (?, ?, NULL, NULL)", (n, r_rating))
        conn.execute("INSERT INTO items VALUES (?, ?, NULL, ?, ?)", (n, rating, nps, n))
        if label is not None:
            conn.execute("INSERT INTO item_sentiment VALUES (?, ?, ?, ?, ?)", (n, label, method, kind, kind_method))
    return [bool(v) for (v,) in conn.execute(
        "SELECT " + PRAISE_SQL + " FROM items i LEFT JOIN respondents r ON r.id = i.respondent_id"
        " LEFT JOIN item_sentiment s ON s.item_id = i.id ORDER BY i.id")]


def test_the_store_and_the_rule_agree_on_every_combination():
    rows, expected = [], []
    scores = [(None, None, None), (5, None, None), (2, None, None), (None, 9, None), (None, 6, None), (None, None, 4)]
    stored = [(None, None, None, None)] + [
        (label, method, kind, kind_method) for label in LABELS for method in SCORE_METHODS + ("model", "none")
        for kind in TYPES for kind_method in ("mapped", "model")]
    for (rating, nps, r_rating), (label, method, kind, kind_method) in itertools.product(scores, stored):
        rows.append((rating, nps, r_rating, label, method, kind, kind_method))
        if label is None:  # not scored yet: the item's own score, else its respondent's
            s = from_scores(rating=rating if rating is not None else r_rating, nps=nps)
            expected.append(is_praise(None, s.label if s else None, None, None))
        else:
            expected.append(is_praise(kind if kind_method == "mapped" else None,
                                      label if method in SCORE_METHODS else None, kind, label))
    got = _sql_praise(rows)
    assert len(rows) > 500
    assert got == expected
    assert any(got) and not all(got)


def test_a_score_outranks_the_text_and_a_stated_type_outranks_a_score():
    assert is_praise(None, "positive", "problem", "negative")  # 5 stars, whatever the text model typed
    assert not is_praise("problem", "positive", "praise", "positive")  # a ticket with a good CSAT
    assert not is_praise(None, None, "request", "positive")  # a polite request is not praise
    assert not is_praise(None, None, "praise", "negative")  # typed praise read as negative: sarcasm
    assert is_praise(None, None, "praise", "neutral")


# A parent of polite requests: the sentiment heads read them as positive, the type heads as requests.
REQUESTS = {
    "Cheaper plan": ["we would love a cheaper plan", "would love a cheaper plan for small teams",
                     "a cheaper plan would be great", "we would pay for a cheaper plan"],
    "Plan for students": ["would love a student plan", "a plan for students would be great",
                          "please a cheaper plan for students", "love to see a student plan"],
}
# The same words as praise.
LOVED = {
    "Great plan": ["love the team plan, great value", "the plan is great, love it", "great plan for our team",
                   "love this plan"],
    "Plan price": ["the plan price is great", "great price for the plan, love it", "love the plan price",
                   "plan is cheap and great"],
}
REST = [f"the {w} is broken again" for w in "export sync login search editor upload calendar".split()]


def _parent(children: dict, label: str, kind: int, sentiment: int, praise=None):
    docs, child_of, child_texts = [], [], []
    for k, texts in enumerate(children.values()):
        docs.extend(texts * 5)
        child_of.extend([k] * 5 * len(texts))
        child_texts.append(list(texts) * 5)
    rest = len(children)
    docs.extend(REST * 5)
    child_of.extend([rest] * 5 * len(REST))
    labels = np.array(child_of)
    tops = [TopTheme(list(range(rest)), [], label, np.zeros(4, np.float32), int((labels < rest).sum())),
            TopTheme([rest], [], "Broken", np.zeros(4, np.float32), 5 * len(REST))]
    sub_labels = list(children) + ["Broken"]
    said = np.where(labels < rest, sentiment, 0)
    kinds = np.where(labels < rest, kind, 0)
    profiled = np.arange(len(docs))
    praise = document_praise(profiled, said, kinds) if praise is None else praise
    moods = np.array([sentiment - 1] * rest + [-1])
    guard_parent_labels(tops, docs, sub_labels, np.zeros((len(sub_labels), 4)), np.bincount(labels), moods,
                        profiled, said, {0: child_texts}, [[t for c in child_texts for t in c], REST * 5],
                        labels=labels, praise=praise)
    return tops[0].label


def test_polite_requests_read_as_positive_are_not_named_as_praise():
    label = _parent(REQUESTS, "Love", kind=1, sentiment=2)  # typed request, sentiment positive
    assert "praise" not in label.lower() and pl.own_mood(label) <= 0
    assert "plan" in label.lower()


def test_praise_the_rule_calls_praise_is_framed_as_praise_and_the_same_input_gives_the_same_label():
    label = _parent(LOVED, "Plan", kind=3, sentiment=2)  # typed praise, sentiment positive
    assert label.lower().startswith("praise for") and "plan" in label.lower()
    assert _parent(LOVED, "Plan", kind=3, sentiment=2) == label


def test_the_stored_facts_decide_the_frame_over_the_heads():
    """The facts the priority counts (here: the file says these are requests) outrank the heads' guess."""
    n = 5 * (8 + len(REST))
    facts = np.array([is_praise("request", None, "praise", "positive")] * n)
    label = _parent(LOVED, "Plan", kind=3, sentiment=2, praise=facts)
    assert "praise" not in label.lower()


def test_the_praise_the_tree_reads_is_what_the_priority_counts(workspace, write_file):
    """store.metrics_queries.praise_by_item (what the analysis hands the tree): a stated type, else the item's own
    score decides before any model, and the flags are exactly what the priority's praise share counts."""
    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.services.sentiment import score_items
    from triage_app.domain import drive
    from triage_app.store import themes as tq
    from triage_app.store.metrics_queries import praise_by_item, praise_share_by_theme

    rows = ["id,text,rating,kind", 'a,"love it, thanks",5,', 'b,"please add export",5,Feature request',
            'c,"crashes on start",1,', 'd,"no score here, the app is great",,', 'e,"love the new editor",,']
    path = write_file("stated.csv", "\n".join(rows) + "\n")
    run_import(workspace, str(path), ImportOptions(format="generic", mapping={"id": "id", "text": "text",
                                                                                "rating": "rating", "type": "kind"}))
    conn = workspace.conn
    ids = [i for (i,) in conn.execute("SELECT id FROM items ORDER BY external_id")]
    drive(score_items(conn))  # as a full analysis does before it groups the themes
    flags = praise_by_item(conn, ids)
    assert flags[:3] == [True, False, False]  # b: the file says request; c: one star - whatever the models say
    theme = tq.insert_theme(conn, label="All", keywords=[], quotes=[])
    tq.set_assignments(conn, [(i, theme, 0.9, "model", None) for i in ids])
    assert praise_share_by_theme(conn)[theme] == sum(flags) / len(flags)

"""The analysis' sentiment-and-type stage without per-item objects: the classes it writes are the ones
``Heads.predict`` gives, and the vectors the analysis hands over are matched to items by id whatever
their order or subset (a full analysis hands all items, an incremental one only the new ones)."""
from __future__ import annotations

import numpy as np
import pytest

from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.services.sentiment import MODEL, _long_form, _model_classes, heads, score_items
from triage_app.store import themes as tq
from triage_app.store.queries import transaction

TEXTS = [
    "The app crashes every time I upload a photo",
    "Please add a dark mode for night reading",
    "How do I export my notes to PDF?",
    "Wonderful update, thank you all!",
    "It's ok I guess",
    "送餐太慢了，饭都凉了",
    "味道很好，下次还会再来",
    "能不能增加夜间模式？",
    "Login works again after the update, but sync is still broken",
    "🙄 great, another outage",
]


@pytest.fixture(scope="module")
def vectors():
    from analysis.embeddings import get_backend

    return np.asarray(get_backend(MODEL).encode(TEXTS), dtype=np.float32)


def test_model_classes_are_the_heads_predictions(vectors):
    sents, types = _model_classes(vectors, TEXTS)
    expected = heads().predict(vectors, TEXTS)
    assert [s[1] for s in sents] == [p.sentiment for p in expected]
    assert [t[0] for t in types] == [p.feedback_type for p in expected]
    # the same to the 4 places stored (one BLAS thread may round a float32 sum differently)
    assert [s[0] for s in sents] == pytest.approx([p.score for p in expected], abs=1.01e-4)
    assert [t[1] for t in types] == pytest.approx([p.type_confidence for p in expected], abs=1.01e-4)
    assert {s[2] for s in sents} == {t[2] for t in types} == {"model"}
    assert len({s[1] for s in sents}) > 1 and len({t[0] for t in types}) > 1  # not one class for everything


def test_items_with_a_title_and_a_body_use_the_long_form_type_head(vectors):
    assert _long_form("Crash on upload", "Steps: open the app, upload a photo")
    assert not _long_form(None, "The app crashes") and not _long_form("The app crashes", "The app crashes")
    assert not _long_form("Crash on upload", None)
    long_form = [True] * len(TEXTS)
    _, types = _model_classes(vectors, TEXTS, long_form)
    assert [t[0] for t in types] == [p.feedback_type for p in heads().predict(vectors, TEXTS, long_form)]
    _, short = _model_classes(vectors, TEXTS)
    assert [t[1] for t in types] != [t[1] for t in short]  # another head: other confidences


@pytest.fixture
def ws(workspace, write_file):
    lines = ["id,comment"] + [f'{k},"{t}"' for k, t in enumerate(TEXTS)]
    run_import(workspace, write_file("f.csv", "\n".join(lines) + "\n"),
               ImportOptions(format="generic", mapping={"id": "id", "text": "comment"}))
    return workspace


def _scores(conn) -> list[tuple]:
    return conn.execute("SELECT i.external_id, s.label, s.score, s.feedback_type, s.type_score FROM items i"
                        " JOIN item_sentiment s ON s.item_id = i.id ORDER BY i.external_id").fetchall()


def _clear(conn) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM item_sentiment")


def test_known_vectors_are_matched_by_id_in_any_order(ws, vectors):
    ids = np.array([r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY CAST(external_id AS INT)")])
    drive(score_items(ws.conn, known=(ids, vectors), batch=4))
    in_order = _scores(ws.conn)
    assert len(in_order) == len(TEXTS)
    _clear(ws.conn)
    shuffled = np.random.default_rng(3).permutation(len(ids))
    drive(score_items(ws.conn, known=(ids[shuffled], vectors[shuffled]), batch=4))
    assert _scores(ws.conn) == in_order
    assert tq.cached_vector_count(ws.conn, MODEL) == 0  # every vector came from the caller


def test_a_known_subset_leaves_the_rest_to_the_cache(ws, vectors):
    ids = np.array([r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY CAST(external_id AS INT)")])
    drive(score_items(ws.conn, known=(ids[::2], vectors[::2]), batch=3))  # as an incremental run hands over
    assert len(_scores(ws.conn)) == len(TEXTS)
    embedded = tq.cached_vector_count(ws.conn, MODEL)
    assert 0 < embedded <= len(TEXTS) - len(ids[::2])  # only the items not handed over were embedded


def test_every_item_has_a_class_and_a_score_that_agrees_with_it(ws, vectors):
    ids = np.array([r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY CAST(external_id AS INT)")])
    drive(score_items(ws.conn, known=(ids, vectors)))
    rows = ws.conn.execute("SELECT label, score, feedback_type, type_score FROM item_sentiment").fetchall()
    assert len(rows) == len(TEXTS)
    for label, score, kind, type_score in rows:
        assert label in ("negative", "neutral", "positive") and -1.0 <= score <= 1.0
        assert kind in ("problem", "request", "question", "praise", "other") and 0.2 <= type_score <= 1.0
        assert (score >= 0) if label == "positive" else (score <= 0) if label == "negative" else True


def test_nps_csat_and_ces_answers_outrank_the_text(workspace, write_file):
    rows = ["id,comment,nps,csat,ces",
            '1,"I love it, wonderful",3,,',  # a detractor's answer wins over the words
            '2,"Awful, everything is broken",10,,',
            '3,"Best app ever",,1,',
            '4,"Terrible experience",,,7',
            '5,"Great, thanks",8,,']  # a passive: neutral
    run_import(workspace, write_file("s.csv", "\n".join(rows) + "\n"), ImportOptions(
        format="generic", mapping={"id": "id", "text": "comment", "nps": "nps", "csat": "csat", "ces": "ces"}))
    drive(score_items(workspace.conn))
    got = {ext: (label, method) for ext, label, method in workspace.conn.execute(
        "SELECT i.external_id, s.label, s.method FROM items i JOIN item_sentiment s ON s.item_id = i.id")}
    assert got == {"1": ("negative", "nps"), "2": ("positive", "nps"), "3": ("negative", "csat"),
                   "4": ("positive", "ces"), "5": ("neutral", "nps")}


def _count_cleaning(monkeypatch) -> list[int]:
    """Calls of the cleaning pass the scoring falls back to (``text_clean.clean_corpus``), counted."""
    import analysis.text_clean as text_clean

    calls: list[int] = []
    real = text_clean.clean_corpus

    def counted(records, forms=True):
        calls.append(len(records))
        return real(records, forms)
    monkeypatch.setattr(text_clean, "clean_corpus", counted)
    return calls


def test_texts_the_analysis_cleaned_are_not_cleaned_again(ws, monkeypatch):
    """Without vectors of the heads' model (an analysis with another model), the items are embedded from the
    texts the analysis hands over, which are the texts a cleaning pass of its own gives: the same scores."""
    from analysis.text_clean import clean_views
    from triage_app.services.analysis import analysis_rows

    drive(score_items(ws.conn, batch=4))  # cleans every item itself
    own = _scores(ws.conn)
    _clear(ws.conn)
    rows = analysis_rows(ws.conn)
    ids, embedded = np.array([r[0] for r in rows]), clean_views([r[1:] for r in rows])[0]
    calls = _count_cleaning(monkeypatch)
    drive(score_items(ws.conn, batch=4, embedded=(ids, embedded)))
    assert calls == [] and _scores(ws.conn) == own
    _clear(ws.conn)
    drive(score_items(ws.conn, batch=4, embedded=(ids[:3], embedded[:3])))  # some items not among them
    assert calls == [len(rows)] and _scores(ws.conn) == own

"""The tree frames a parent as praise ("Praise for X" / "X好评") on the same per-item facts the priority's praise
share counts (the stored or stated type and sentiment: ``build_tree(praise=...)``, ``metrics_queries.praise_by_item``),
so a parent near the line is framed as praise exactly when the priority lists it as mostly praise."""
from __future__ import annotations

import numpy as np
import pytest
from test_theme_groups import SUBS, centroids_of

from analysis import parent_labels as pl
from analysis.priority import mostly_praise
from analysis.theme_tree import build_tree


@pytest.fixture(scope="module")
def inputs():
    from analysis.embeddings import get_backend
    from triage_app.services.analysis import kind_profile
    from triage_app.services.sentiment import MODEL

    names = list(SUBS)
    docs = [t for n in names for t in SUBS[n] for _ in range(3)]
    labels = np.array([names.index(n) for n in names for _ in SUBS[n] for _ in range(3)])
    encode = get_backend(MODEL).encode
    vectors = np.asarray(encode(docs), dtype=np.float32)
    centroids = centroids_of(vectors, labels, len(names))
    similarity = np.einsum("ij,ij->i", vectors, centroids[labels])
    profile = kind_profile(MODEL, vectors, docs)

    def tree(praise=None):
        top_of, tops = build_tree(docs, vectors, labels, similarity, centroids, [n.split("_")[:1] for n in names],
                                  [""] * len(names), profile=profile, embed=encode, praise=praise)
        return {names[t.children[0]].split("_")[0]: t for t in tops if t.is_group}

    return labels, names, tree


def _near_line(labels, names, concept: str, praised: int) -> tuple[np.ndarray, float]:
    """Per-document facts: every document praise but the ``concept`` parent's, of which ``praised`` are."""
    inside = np.flatnonzero(np.isin(labels, [k for k, n in enumerate(names) if n.startswith(concept + "_")]))
    flags = np.ones(len(labels), bool)
    flags[inside] = False
    flags[inside[:praised]] = True
    return flags, praised / len(inside)


@pytest.mark.parametrize("praised", [11, 12, 13])  # of 24: 46%, 50% (not mostly), 54%
def test_a_praise_parent_near_the_line_is_framed_as_the_priority_ranks_it(inputs, praised):
    labels, names, tree = inputs
    assert tree()["fast"].label.startswith("Praise for")  # the heads read every fast-delivery text as praise
    flags, share = _near_line(labels, names, "fast", praised)
    label = tree(flags)["fast"].label
    loved = mostly_praise(share)  # what the priority and What people love act on
    assert label.startswith("Praise for") == loved and (pl.own_mood(label) > 0) == loved, (share, label)
    assert "delivery" in label.lower()


def test_a_complaint_parent_the_facts_call_mostly_praise_is_never_framed_as_complaints(inputs):
    labels, names, tree = inputs
    assert pl.own_mood(tree()["late"].label) < 0
    flags, share = _near_line(labels, names, "late", 13)
    assert mostly_praise(share)
    assert pl.own_mood(tree(flags)["late"].label) >= 0
    flags, share = _near_line(labels, names, "late", 11)
    assert pl.own_mood(tree(flags)["late"].label) < 0  # not mostly praise: the complaint frame stays

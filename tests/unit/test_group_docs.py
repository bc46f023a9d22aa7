"""The grouping reads the texts the app embeds (issue forms kept); labels read the texts without the forms.

Issue-form text is dropped from what labels and keywords read (``text_clean.clean_views``), but the forms' words
group bug reports with bug reports: without them nlbse24's top level fell below its flat themes (session 10).
"""
from __future__ import annotations

import numpy as np

from analysis import theme_tree
from analysis.topic_matching import centroids_of

SUBS = {
    "crash": ["The app crashes when I open settings", "Crash on start after the update", "It crashes on save"],
    "login": ["Cannot log in with SSO", "Login fails with a timeout", "The login page spins forever"],
    "dark": ["Please add a dark mode", "A dark theme would be great", "Dark mode for the editor please"],
    "export": ["Add export to CSV", "Export to Excel would help", "Please support PDF export"],
}
FORM = "### Describe the bug\n**Expected behavior**\n"


def _tree(monkeypatch, group_docs):
    from analysis.embeddings import get_backend
    from triage_app.services.sentiment import MODEL

    names = list(SUBS)
    docs = [t for n in names for t in SUBS[n] for _ in range(3)]
    labels = np.array([names.index(n) for n in names for _ in SUBS[n] for _ in range(3)])
    encode = get_backend(MODEL).encode
    vectors = np.asarray(encode(docs), dtype=np.float32)
    centroids = centroids_of(vectors, labels, len(names))
    similarity = np.einsum("ij,ij->i", vectors, centroids[labels])
    read: list = []
    real = theme_tree.top_groups

    def spy(texts, *args, **kwargs):  # the real grouping, told which texts it was given
        read.append(list(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(theme_tree, "top_groups", spy)
    sub_labels = [""] * len(names)
    formed = [FORM + d for d in docs] if group_docs else None
    _, tops = theme_tree.build_tree(docs, vectors, labels, similarity, centroids, [[n] for n in names], sub_labels,
                                    embed=encode, group_docs=formed)
    return docs, formed, read, sub_labels, tops


def test_the_grouping_reads_the_embedded_texts_and_labels_do_not(monkeypatch):
    docs, formed, read, sub_labels, tops = _tree(monkeypatch, group_docs=True)
    assert read == [formed]
    for label in sub_labels + [t.label for t in tops]:
        assert "describe" not in label.lower() and "expected" not in label.lower(), label


def test_without_group_docs_the_grouping_reads_the_docs(monkeypatch):
    docs, _, read, _, _ = _tree(monkeypatch, group_docs=False)
    assert read == [docs]

"""A parent whose members are mostly requests by the app's feedback type and whose label is a bare topic is named
as requests ("Editor requests", 编辑器建议, "Other requests"); a label that already says what is wanted, a framed
label and a parent of mixed types keep theirs (``analysis.request_frame``)."""
from __future__ import annotations

import numpy as np
import pytest
from test_theme_groups import SUBS, centroids_of

from analysis.feedback_classes import TYPES
from analysis.request_frame import frame_request_parents, mostly_requests, request_label
from analysis.theme_tree import KIND_MARGIN, TopTheme, build_tree

REQUEST, PROBLEM, QUESTION = TYPES.index("request"), TYPES.index("problem"), TYPES.index("question")
EDITOR = {"dark_en": ["Please add a dark mode to the editor", "I wish the editor had a dark mode",
                      "Could you add a dark theme to the editor", "A dark mode for the editor would be great"],
          "keys_en": ["Please add vim keyboard shortcuts to the editor",
                      "I would like custom keyboard shortcuts in the editor",
                      "Could the editor support custom shortcuts", "Please let us change the editor shortcuts"]}


@pytest.mark.parametrize("label, framed", [
    ("Editor", "Editor requests"), ("Keyboard shortcuts", "Keyboard shortcut requests"),
    ("Integrations", "Integration requests"), ("Notes and files", "Note and file requests"),
    ("Settings", "Settings requests"), ("iOS app", "iOS app requests"),
    ("Other feedback", "Other requests"), ("编辑器", "编辑器建议"), ("快捷键", "快捷键建议"), ("其他反馈", "其他建议")])
def test_a_bare_topic_is_framed_as_requests(label, framed):
    assert request_label(label) == framed


@pytest.mark.parametrize("label", [
    "Add dark mode", "Support Jira", "Need a GitLab integration", "More levels", "How to install", "Can't log in",
    "Login problems", "Praise for review", "Feature request", "Other problems", "Great job", "Version 2",
    "Vim keyboard shortcuts in the editor", "希望支持深色模式", "希望编辑器", "配送问题", "送餐太慢", "其他好评"])
def test_a_request_phrase_a_frame_or_a_claim_keeps_its_words(label):
    assert request_label(label) is None


def test_requests_must_be_a_clear_majority():
    assert mostly_requests([REQUEST] * 7 + [PROBLEM] * 3, REQUEST, KIND_MARGIN)
    assert not mostly_requests([REQUEST] * 5 + [PROBLEM] * 4 + [QUESTION], REQUEST, KIND_MARGIN)  # a lead of 0.1
    assert not mostly_requests([REQUEST] * 4 + [PROBLEM] * 3 + [QUESTION] * 3, REQUEST, KIND_MARGIN)  # no half
    assert not mostly_requests([REQUEST] * 5, REQUEST, KIND_MARGIN)  # too few profiled members


def _top(children, label):
    return TopTheme(list(children), [], label, np.zeros(2), 0)


def test_only_parents_of_mostly_requests_are_framed():
    labels = np.repeat(np.arange(6), 10)  # six sub-themes of ten profiled documents each
    typed = np.array([REQUEST] * 20 + [REQUEST] * 5 + [PROBLEM] * 5 + [PROBLEM] * 10 + [REQUEST] * 20)
    tops = [_top([0, 1], "Editor"), _top([2, 3], "Sync"), _top([4, 5], "Dark mode")]
    changed = frame_request_parents(tops, ["Dark mode", "Shortcuts", "", "", "Theme", "Widgets"], labels,
                                    np.arange(60), typed, KIND_MARGIN)
    assert [t.label for t in tops] == ["Editor requests", "Sync", "Dark mode requests"]
    assert changed == [("Editor", "Editor requests"), ("Dark mode", "Dark mode requests")]


def test_a_lone_theme_and_a_taken_label_are_left():
    labels = np.repeat(np.arange(3), 10)
    typed = np.full(30, REQUEST)
    tops = [_top([0], "Editor"), _top([1, 2], "Sync")]
    assert frame_request_parents(tops, ["Editor", "Sync requests", "Conflicts"], labels, np.arange(30), typed,
                                 KIND_MARGIN) == []
    assert [t.label for t in tops] == ["Editor", "Sync"]
    assert frame_request_parents(tops, ["Editor", "Sync", "Conflicts"], labels, np.arange(30), np.zeros(0, int),
                                 KIND_MARGIN) == []  # no profile: no type


def test_the_tree_names_a_parent_of_editor_requests_as_requests():
    from analysis.embeddings import get_backend
    from triage_app.services.analysis import kind_profile
    from triage_app.services.sentiment import MODEL

    subs = dict(SUBS, **EDITOR)
    names = list(subs)
    docs = [t for n in names for t in subs[n] for _ in range(3)]
    labels = np.array([names.index(n) for n in names for _ in subs[n] for _ in range(3)])
    encode = get_backend(MODEL).encode
    vectors = np.asarray(encode(docs), dtype=np.float32)
    centroids = centroids_of(vectors, labels, len(names))
    similarity = np.einsum("ij,ij->i", vectors, centroids[labels])
    profile = kind_profile(MODEL, vectors, docs)
    _, tops = build_tree(docs, vectors, labels, similarity, centroids, [n.split("_")[:1] for n in names],
                         [""] * len(names), profile=profile, embed=encode)
    by_child = {names[k]: t for t in tops for k in t.children}
    editor = by_child["dark_en"]
    assert editor is by_child["keys_en"] and editor.is_group
    assert editor.label.endswith(" requests") and "editor" in editor.label.lower(), editor.label
    for name in ("late_en", "bad_en", "pay_en", "fast_en"):  # complaints and praise are no requests
        assert "request" not in by_child[name].label.lower()


def test_the_rest_framed_as_requests_is_still_the_rest_of_the_tree():
    from analysis.parent_categories import is_other

    assert is_other(request_label("Other feedback")) and is_other(request_label("其他反馈"))
    assert not is_other(request_label("Editor"))

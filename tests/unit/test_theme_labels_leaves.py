"""Leaf labels (session 6): the theme's mood from the app's per-item sentiment, issue titles' problem frames."""
from __future__ import annotations

import numpy as np

from analysis.en_frames import frames, specific, stem, title_of
from analysis.label_mood import mood
from analysis.theme_labels import app_polarity, moods_of, phrase_labels

# Delivery reviews that praise the taste in passing but complain about everything else: the word lists
# see praise and complaint alike; the app's sentiment calls them complaints.
MIXED = ["味道不错，但是送了两个小时", "味道不错，可惜饭菜都凉了", "味道不错，不过米饭太少", "味道不错，就是送餐员态度差",
         "味道不错，但是漏了一个菜", "味道不错，包装却破了", "味道不错，可是等太久了", "味道不错，但是价格贵了",
         "味道不错，只是筷子没给", "味道不错，分量却少了"]
# Praise of the delivery in which many members say it was slow another time; a sibling praises it too.
SPEED = ["送餐太慢，上次", "送餐太慢，以前", "送餐太慢，偶尔", "送餐太慢，这次还行", "送餐太慢，今天改了",
         "送餐很快，好评", "送餐很快，满意", "送餐很快，谢谢", "送餐太慢了吧"]
ON_TIME = ["送餐准时，好评", "送餐准时，满意", "送餐准时，不错", "送餐准时，推荐", "送餐准时，谢谢", "送餐准时，下次还点"]


def _centroids(n: int) -> np.ndarray:
    return np.eye(n, 8, dtype=np.float32)


def test_app_polarity_needs_a_clear_lead():
    assert app_polarity([-1] * 7 + [1] * 3) == -1
    assert app_polarity([1] * 6 + [0] * 4) == 1
    assert app_polarity([1] * 5 + [-1] * 4) == 0
    assert app_polarity([]) == 0


def test_names_and_politeness_are_no_praise():
    assert mood(("add", "friend"), "Add friends") == 0 and mood(("credit", "report"), "Credit report") == 0
    assert mood(("great", "app"), "Great app") == 1 and mood(("app", "crash"), "App crashes") == -1


def test_moods_of_reads_the_heads_argmax_of_profiled_documents():
    profiled, said = np.array([3, 5, 7, 9]), np.array([0, 2, 1, 0])
    assert moods_of([[3, 5, 7], [9, 11, 12], [5]], profiled, said) == [[-1, 1, 0], None, [1]]


def test_a_praise_label_never_heads_items_the_app_calls_complaints():
    other = ["送餐太慢了，等了一个小时"] * 3 + ["送餐太慢，饭都凉了", "送餐太慢，下次不点", "送餐太慢，饿坏了"]
    without = phrase_labels([MIXED, other], _centroids(2))
    assert without[0] == "味道不错"  # the word lists alone: praise and complaint tie, the common phrase wins
    labels = phrase_labels([MIXED, other], _centroids(2), moods=[[-1] * len(MIXED), [-1] * len(other)])
    assert mood((labels[0],), labels[0]) >= 0 and "不错" not in labels[0], labels
    assert labels[0] == "味道"  # the topic the members share, not the praise they write of it


def test_a_complaint_label_turns_to_what_members_of_a_praise_theme_write():
    praise = [[1] * len(SPEED), [1] * len(ON_TIME)]
    assert phrase_labels([SPEED, ON_TIME], _centroids(2), moods=praise) == ["送餐很快", "送餐准时"]
    complaint = [[-1] * len(SPEED), [1] * len(ON_TIME)]  # the same texts, the app calls the first complaints
    assert phrase_labels([SPEED, ON_TIME], _centroids(2), moods=complaint)[0] == "送餐太慢"


def test_moods_of_another_length_are_ignored():
    assert phrase_labels([MIXED], _centroids(1), moods=[[-1]]) == phrase_labels([MIXED], _centroids(1))


def test_frames_count_one_problem_across_wordings():
    kinds = lambda toks: [1 if t.lower() not in ("to", "the", "on", "when") else 2 for t in toks]  # noqa: E731
    keys = set()
    for title in (["Dataset", "loading", "fails"], ["Fails", "to", "load", "the", "dataset"],
                  ["dataset", "load", "failed", "on", "Windows"]):
        keys |= {k for k, _ in frames(title, kinds(title), lambda w: len(w) > 2)}
    shared = tuple(sorted({stem("dataset"), stem("loading"), stem("fails")}))
    assert shared in keys
    assert stem("failing") == stem("failed") == "fail" and stem("can't") == "not"
    assert not specific(("not", "work")) and not specific(("load", "not")) and specific(("build", "fail"))
    assert title_of("Crash on start\nSteps: open the app") == "Crash on start"
    assert title_of("One line review, no title") is None


ISSUES = [
    "Dataset loading fails on Windows\nTraceback shows a path error. Version 2.1, Python 3.11.",
    "Fails to load the dataset from the hub\nI ran the example and got a timeout. Version 2.3.",
    "dataset load failed with streaming\nSteps: stream a dataset, iterate, error. Version 2.1.",
    "Loading my dataset fails after upgrade\nWorked in 2.0, broken in 2.1. Version 2.1.",
    "Dataset fails to load when offline\nNo network, cached files present. Version 2.2.",
    "Dataset cards show wrong license\nThe card of a dataset lists MIT. Version 2.1.",
    "Question about dataset splits\nHow do I make a validation split of my dataset? Version 2.1.",
    "Docs for dataset features\nThe dataset features page is outdated. Version 2.1.",
]
OTHER = [f"Add dark mode to the viewer {i}\nThe viewer is too bright at night, please add a dark theme." for i in range(6)]


def test_issue_titles_give_the_problem_not_the_component():
    labels = phrase_labels([ISSUES, OTHER], _centroids(2))
    words = {stem(w.lower()) for w in labels[0].split()}
    assert {"dataset", "load", "fail"} <= words, labels
    assert "dark mode" in labels[1].lower()
    reviews = [t.replace("\n", " ") for t in ISSUES]  # no titles: no frames, the shared topic names it
    assert phrase_labels([reviews, OTHER], _centroids(2))[0].lower().startswith("dataset")

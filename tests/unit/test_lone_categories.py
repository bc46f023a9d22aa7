"""Lone top-level themes whose label says less than their members (session 12, ``analysis.lone_labels``): a bare word
or a count gives way to the category the members' words support ("Songs" -> "Music and playlist problems", "Zero star"
-> "Star ratings"); a verdict with no topic ("Not bad", a rare word few members say) is named by what most members
are ("Mixed opinions", "Requests for improvement", 评价一般). And parents of app failures sharing no word are named
by the update and loading categories. Fixtures written here."""
from __future__ import annotations

import numpy as np

from analysis import parent_labels as pl
from analysis.lone_labels import counted, verdict
from analysis.theme_tree import TopTheme
from tests.unit.lone_tree import lone_tree

_SONGS = ["the shuffle keeps playing songs not in my playlist", "songs skip in the middle, fix the player",
          "my playlist plays random songs", "can't find my albums after the new layout", "music stops after two songs",
          "the artist page lost the lyrics", "shuffle button is broken for my playlist", "songs repeat all the time"]
_STARS = ["I would give it zero stars if I could", "5 stars if you add a logout option", "rate it 1 star",
          "three stars because it lags", "giving 4 stars, it is fine", "will rate 5 stars once hair is added",
          "two star rating until the login works", "I rated it 5 stars"]
_CAMERA = [f"the camera flash does not fire on photo {i}" for i in range(8)]
_VERDICTS = ["not bad", "not bad but not good", "good but bad", "bad, good", "not good", "good good", "bad bad",
             "not bad at all"]


def _tree(groups, given, facts=None):
    labels, _, changed = lone_tree(groups, given, facts)
    return labels, changed


def test_a_bare_word_gives_way_to_the_category_its_members_say():
    got, changed = _tree([_SONGS, _CAMERA], ["Songs", "Camera flash"], facts=[(-1, "problem", False)] * 2)
    assert got[0] == "Music and playlist problems", got  # session 11: "Songs" stayed (a topic word, not empty)
    assert got[1] == "Camera flash"  # a phrase that names its topic stays
    assert changed == [("Songs", got[0])]


def test_a_count_gives_way_to_the_category_and_the_mood_frames_it():
    got, _ = _tree([_STARS, _CAMERA], ["Zero star", "Camera flash"], facts=[(0, "other", True)] * 2)
    assert got[0] == "Star ratings", got  # what the members do (give stars), not one member's zero
    praised, _ = _tree([_STARS, _CAMERA], ["Zero star", "Camera flash"], facts=[(1, "praise", False)] * 2)
    assert praised[0] == "High star ratings", praised
    assert counted("Zero star") and counted("5 stars") and counted("五星") and not counted("Star ratings")


def test_a_verdict_without_a_topic_is_named_by_what_its_members_are():
    groups, given = [_VERDICTS, _CAMERA], ["Not bad", "Camera flash"]
    assert _tree(groups, given, facts=[(0, "problem", True), None])[0][0] == "Mixed opinions"
    assert _tree(groups, given, facts=[(1, "praise", False), None])[0][0] == "Praise without detail"
    assert _tree(groups, given, facts=[(-1, "problem", False), None])[0][0] == "Complaints without detail"
    assert _tree(groups, given, facts=[(0, "request", False), None])[0][0] == "Requests for improvement"
    assert _tree(groups, given)[0][0] == "Assorted comments"  # no profile: only that it says no topic


def test_a_rare_word_few_members_say_is_a_verdict_a_word_most_say_is_a_topic():
    wishes = ["need more", "needs more", "need to be better", "should be better", "indigence more designs",
              "more please", "needs to be better", "need more of it"]
    corpus = wishes + _CAMERA + ["indigence of features", "pay indigence"] * 3
    assert verdict("Indigence", wishes, corpus)
    assert not verdict("Camera", _CAMERA, corpus)  # every member says it
    assert not verdict("Fix the bug", wishes, corpus)  # says what to do
    got, _ = _tree([wishes, _CAMERA], ["Indigence", "Camera flash"], facts=[(1, "request", False), None])
    assert got[0] == "Requests for improvement", got


def test_a_chinese_verdict_is_named_in_chinese():
    so_so = ["一般般", "还行吧，一般", "一般，不会再点了", "感觉一般般", "还可以吧", "一般吧", "还行", "一般般吧"]
    tea = ["奶茶很好喝，珍珠也多", "奶茶好喝 珍珠有嚼劲", "奶茶好喝，珍珠很软", "奶茶珍珠好评"] * 2
    got, _ = _tree([so_so, tea], ["一般般", "奶茶好喝"], facts=[(0, "problem", True), None])
    assert got == ["评价一般", "奶茶好喝"], got


OTHERS = ["the export button is missing", "please add a dark theme", "love the new icons", "search finds nothing",
          "billing page shows the wrong plan", "calendar sync works well", "great support team",
          "cannot change my avatar", "the widget is too small", "dark mode please"] * 4
FAILURES = {  # app failures that share no word: after an update, a spinner, a blank start
    "Broke after update": ["broke after the last update", "since the update nothing works", "updated and now broken",
                           "the new update ruined it"],
    "Keeps spinning": ["it keeps loading forever", "stuck loading the feed", "loading never ends",
                       "the feed will not load"],
    "Blank start": ["will not open at all", "opens to a blank screen", "app won't open", "cannot open it anymore"],
}


def test_app_failures_sharing_no_word_are_named_by_update_and_loading():
    texts = [list(t) * 5 for t in FAILURES.values()]
    label = pl.name_parent("Feed and screen", list(FAILURES), [40, 40, 40], texts, OTHERS, -1, set(), pl.Said(),
                           loved=False)
    assert label in ("Loading and update problems", "Update and loading problems"), label


def test_lone_facts_read_the_apps_sentiment_and_type_of_the_sampled_members():
    from analysis.feedback_classes import TYPES
    from analysis.theme_tree import _lone_facts

    cents = np.zeros((2, 4), np.float32)
    tops = [TopTheme([0], [], "Not bad", cents[0], 4), TopTheme([1, 2], [], "Parent", cents[1], 8)]
    alone = [np.array([0, 1, 2, 3]), None]
    profiled = np.array([0, 1, 2, 3, 9])
    said = np.array([2, 0, 2, 0, 1])  # two positive, two negative
    typed = np.array([TYPES.index("request")] * 3 + [TYPES.index("problem"), 0])
    assert _lone_facts(tops, alone, profiled, said, typed) == [(0, "request", True), None]
    assert _lone_facts(tops, alone, profiled, np.array([0, 0, 0, 1, 1]), typed)[0] == (-1, "request", False)

"""Lone top-level themes (one sub-theme) whose label says nothing of their members are named again from what
the members say; a label that names a topic, and one that only boilerplate could replace, stay."""
from __future__ import annotations

from analysis.lone_labels import empty_label
from tests.unit.lone_tree import lone_tree


def _tree(groups: list[list[str]], given: list[str]):
    return lone_tree(groups, given)


_CRASH = [f"the app crashes when I open the camera {i}" for i in range(6)] + \
         [f"crash on launch since update, app version {i}" for i in range(6)]
_MAPS = ["Awesome, the offline maps saved my trip", "awesome app, offline maps work abroad",
         "Awesome offline maps and routes", "the offline maps are awesome in the mountains",
         "awesome! offline maps without data", "awesome app"]
_GOLD = ["gold bars cost too much in the shop", "buying gold bars fails", "gold bars vanished after purchase",
         "no gold bars after paying", "gold bars are too expensive"]


def test_an_evaluative_word_over_a_topic_members_share_is_named_by_that_topic():
    got, subs, changed = _tree([_CRASH, _MAPS, _GOLD], ["App crashes", "Awesome", "Gold bars"])
    assert "offline maps" in got[1].lower(), got
    assert got[0] == "App crashes" and got[2] == "Gold bars", got  # a topic stays
    assert subs == got  # the lone sub-theme carries its top-level theme's label
    assert changed == [("Awesome", got[1])]


def test_a_label_is_empty_only_when_no_word_of_it_names_the_members_topic():
    corpus = _CRASH + _MAPS + _GOLD + [f"the app is fine {i}" for i in range(30)]
    assert empty_label("Awesome", _MAPS, corpus)
    assert empty_label("Not bad", _MAPS, corpus)
    assert empty_label("Great app", _MAPS, corpus)  # "app" is said all over the corpus
    assert not empty_label("Gold bars", _GOLD, corpus)
    assert not empty_label("Offline maps", _MAPS, corpus)


_FORM = "Describe the bug. See details below. Expected behavior. Steps to reproduce."
_ISSUES = [f"{_FORM} {x}" for x in ("button is grey", "tooltip flickers", "scroll jumps", "font too small",
                                     "modal will not close", "icons overlap", "menu lags")]
_OTHER = [f"{_FORM} build fails on {x} with linker error" for x in ("arm64", "windows", "alpine", "musl", "mac")] * 4


def test_form_boilerplate_never_replaces_a_label():
    got, _, changed = _tree([_ISSUES, _OTHER], ["See details", "Linker error"])
    assert got[0] == "See details" and not changed, got  # every member says the form; nothing else is shared
    assert got[1] == "Linker error"


_ZH_TEA = ["很好，奶茶很好喝，珍珠也多", "很好 奶茶好喝 珍珠有嚼劲", "奶茶好喝，珍珠很软", "很好很好，奶茶珍珠都不错",
           "奶茶珍珠好评", "很好"]
_ZH_LATE = ["送餐太慢了，等了两个小时", "两个小时才送到，太慢", "送餐慢，饭都凉了", "送餐太慢，下次不点了"]


def test_chinese_praise_alone_is_named_by_what_members_praise():
    got, _, _ = _tree([_ZH_LATE, _ZH_TEA], ["送餐太慢", "很好"])
    assert got[0] == "送餐太慢", got
    assert got[1] != "很好" and ("奶茶" in got[1] or "珍珠" in got[1]), got
    assert len(got[1]) <= 10
    assert empty_label("很好", _ZH_TEA, _ZH_TEA + _ZH_LATE) and empty_label("好评", _ZH_TEA, _ZH_TEA)
    assert not empty_label("奶茶好喝", _ZH_TEA, _ZH_TEA + _ZH_LATE)


def test_same_input_gives_the_same_labels():
    groups = [_CRASH, _MAPS, _GOLD, _ZH_TEA]
    given = ["App crashes", "Awesome", "Gold bars", "很好"]
    assert _tree(groups, given) == _tree(groups, given)


_PATCHES = [f"Fix {x}" for x in ("overflow in the sigmoid layer", "alignment on 32-bit windows", "the linker flags",
                                 "a leak in the parser")] + \
           [f"Fixed {x}" for x in ("mask handling in the detector", "an out-of-bound read", "the tiff reader")] + \
           ["Add a reader for big images", "Port the grid change to the 4.x branch", "Solved a bug in the reduce op"]


def test_a_bare_verb_left_on_a_lone_theme_is_shown_as_its_noun():
    got, subs, changed = _tree([_PATCHES, _GOLD, _CRASH], ["Fix", "Gold bars", "App crashes"])
    assert got[0] == "Fixes" and subs[0] == "Fixes", got  # session 12: "Fix" reads as an order, not a kind of issue
    assert changed == [("Fix", "Fixes")]
    assert got[1:] == ["Gold bars", "App crashes"]


def test_only_a_verb_that_is_also_a_noun_and_said_by_the_members_takes_the_noun():
    from analysis.lone_labels import noun_form

    assert noun_form("Update", ["update the docs", "updated the readme", "update please"]) == "Updates"
    assert noun_form("Reply", ["reply to my ticket", "no reply yet"]) == "Replies"
    assert noun_form("Need", ["need dark mode", "we need export"]) is None  # "Needs" names no kind of feedback
    assert noun_form("Column", ["the column is cut", "last column missing"]) is None  # a noun already
    assert noun_form("Fix", [f"slow start {i}" for i in range(9)] + ["fix it"]) is None  # few say it

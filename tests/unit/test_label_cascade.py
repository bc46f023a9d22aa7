"""A label one theme takes from another never leaves the other with a worse one (session 9: the cascade)."""
from __future__ import annotations

import numpy as np

from analysis.label_polish import bare_topic, claimed_topics, polish_tree
from analysis.theme_labels import phrase_labels
from analysis.theme_tree import TopTheme


def test_bare_topics_are_one_word_that_says_nothing_of_it():
    assert bare_topic("送餐") and bare_topic("分钟") and bare_topic("Wifi")
    assert not bare_topic("送餐太慢") and not bare_topic("送餐时间太长") and not bare_topic("餐盒问题")
    assert not bare_topic("Wifi keeps dropping") and not bare_topic("iPad")  # a phrase; a name


_DAYS = "monday tuesday wednesday thursday friday saturday sunday today tonight yesterday".split()
_ZH_DAYS = "星期一 星期二 星期三 星期四 星期五 星期六 星期天 今天 明天 昨天".split()


def test_a_sub_theme_whose_best_phrase_its_parent_took_does_not_take_a_siblings():
    a = [f"battery drain {t}" for t in _DAYS[:7]] + [f"screen flicker {t}" for t in _DAYS[7:]]
    b = [f"screen flicker {t}" for t in _DAYS[:9]] + [f"lock button {t}" for t in _DAYS[9:]]
    free = phrase_labels([a, b], np.zeros((2, 4), np.float32))
    assert free == ["Battery drain", "Screen flicker"], free
    got = phrase_labels([a, b], np.zeros((2, 4), np.float32), avoid=["Battery drain"])  # the parent took it
    assert got[1] == "Screen flicker", got  # the sibling that says it most keeps it
    assert got == phrase_labels([a, b], np.zeros((2, 4), np.float32), avoid=["Battery drain"])  # reproducible


def test_chinese_sub_theme_whose_best_phrase_its_parent_took_leaves_its_siblings_phrase():
    a = [f"饭菜都凉了，{t}" for t in _ZH_DAYS[:7]] + [f"餐盒破了，{t}" for t in _ZH_DAYS[7:]]
    b = [f"餐盒破了，{t}" for t in _ZH_DAYS[:9]] + [f"骑手态度，{t}" for t in _ZH_DAYS[9:]]
    free = phrase_labels([a, b], np.zeros((2, 4), np.float32))
    assert free == ["饭菜都凉", "餐盒破"], free
    got = phrase_labels([a, b], np.zeros((2, 4), np.float32), avoid=["饭菜都凉"])
    assert got[1] == "餐盒破" and got[0] != "餐盒破", got  # not a member sentence (骑手态度，昨天) for the sibling


def _scripted(answers):
    """A relabel that gives the first of ``answers`` not reserved (what the sibling labeller does with one
    phrase list), recording what it was asked to avoid."""
    asked = []

    def relabel(g, i, reserved):
        asked.append(list(reserved))
        low = {r.lower() for r in reserved}
        return next((a for a in answers if a.lower() not in low), None)

    return relabel, asked


def _tree(child_label, other_label):
    docs = (["送餐太慢了，等了很久", "送餐时间太长，将近两个小时", "送餐太慢，饭都凉了", "送餐时间太长了"]
            + ["味道很好，下次还点", "味道不错", "包装很好", "包装不错"]
            + ["送餐太慢，差评", "送餐太慢了", "送餐太慢", "送餐太慢，没法吃"])
    labels = np.array([0] * 4 + [1] * 4 + [2] * 4)
    tops = [TopTheme([0, 1], [], "等太久", np.ones(4, np.float32), 8),
            TopTheme([2], [], other_label, np.ones(4, np.float32), 4)]
    subs = [child_label, "味道不错", other_label]
    texts = [docs[:8], docs[8:]]
    child_texts = {0: [docs[:4], docs[4:8]]}
    return tops, subs, docs, labels, texts, child_texts


def test_a_duplicate_claim_gives_way_to_a_claim_not_to_a_bare_word():
    tops, subs, docs, labels, texts, child_texts = _tree("送餐太慢", "送餐太慢")
    relabel, _ = _scripted(["送餐", "送餐时间太长"])
    polish_tree(tops, subs, docs, labels, texts, child_texts, relabel)
    assert subs[0] == "送餐时间太长" and tops[1].label == "送餐太慢", (subs, tops[1].label)


def test_a_duplicate_claim_takes_the_bare_word_only_when_nothing_says_more():
    tops, subs, docs, labels, texts, child_texts = _tree("送餐太慢", "送餐太慢")
    relabel, _ = _scripted(["送餐"])
    polish_tree(tops, subs, docs, labels, texts, child_texts, relabel)
    assert subs[0] == "送餐", subs  # never left a duplicate


def test_a_duplicate_english_claim_gives_way_to_a_phrase():
    docs = ["wifi keeps dropping at night", "wifi keeps dropping", "wifi drops every hour", "wifi drops again",
            "love the sound", "great sound", "sound is great", "the sound is clear",
            "wifi keeps dropping daily", "wifi keeps dropping now", "router wifi keeps dropping", "wifi keeps dropping"]
    labels = np.array([0] * 4 + [1] * 4 + [2] * 4)
    tops = [TopTheme([0, 1], [], "Connection", np.ones(4, np.float32), 8),
            TopTheme([2], [], "Wifi keeps dropping", np.ones(4, np.float32), 4)]
    subs = ["Wifi keeps dropping", "Great sound", "Wifi keeps dropping"]
    relabel, _ = _scripted(["Wifi", "Wifi drops every hour"])
    polish_tree(tops, subs, docs, labels, [docs[:8], docs[8:]], {0: [docs[:4], docs[4:8]]}, relabel)
    assert subs[0] == "Wifi drops every hour", subs


def _rice_tree(box_rice: int):
    box = [f"餐盒破了，汤洒了{i}" for i in range(10 - box_rice)] + [f"米饭只有半盒{i}" for i in range(box_rice)]
    rice = [f"米饭太硬了{i}" for i in range(8)] + [f"米饭不熟{i}" for i in range(2)]
    filler = [f"骑手很准时{i}" for i in range(200)]  # 米饭 is no word of the whole corpus
    tops = [TopTheme([0, 1], [], "洒了问题", np.ones(4, np.float32), 20),
            TopTheme([2, 3], [], "米饭、骑手", np.ones(4, np.float32), 20)]
    subs = ["米饭", "汤洒了", "米饭问题", "骑手准时"]
    top_texts = [box + filler[:100], rice + filler[100:]]
    child_texts = {0: [box, filler[:100]], 1: [rice, filler[100:]]}
    return tops, subs, top_texts, child_texts


def test_a_topic_word_another_theme_names_and_says_more_is_named_again():
    tops, subs, top_texts, child_texts = _rice_tree(box_rice=3)
    relabel, asked = _scripted(["米饭", "餐盒问题"])
    claimed_topics(tops, subs, top_texts, child_texts, relabel)
    assert subs[0] == "餐盒问题" and "米饭" in asked[0], subs


def test_a_topic_word_said_most_here_stays():
    tops, subs, top_texts, child_texts = _rice_tree(box_rice=10)  # every member says 米饭: its own topic
    relabel, asked = _scripted(["米饭", "餐盒问题"])
    claimed_topics(tops, subs, top_texts, child_texts, relabel)
    assert subs[0] == "米饭" and not asked, subs


def test_works_after_a_subject_or_before_how_is_a_verb_not_a_thing():
    from analysis.en_pos import names_thing

    said = [["this", "works", "great"], ["it", "works", "perfectly"], ["the", "echo", "works", "like", "new"],
            ["that", "works", "fine"], ["my", "work", "laptop"]]
    assert not names_thing("work", said)  # "Praise for works" over refurbished units that work
    assert names_thing("work", [["my", "work", "laptop"], ["the", "work", "email"], ["at", "work", "today"]])

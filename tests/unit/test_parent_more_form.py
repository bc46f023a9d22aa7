"""The "X, and N more" / "X等N类问题" last-resort parent label: never led by abuse ("Ur a disgrace")."""

from __future__ import annotations

from analysis import parent_labels as pl
from analysis.parent_fit import _more, fit
from analysis.topic_keywords import is_insult

ZH = ["没有吸管，怎么喝", "咖啡洒了一半", "没有吸管啊", "咖啡洒了"] * 10
EN = ["battery drain is bad", "slow charging again", "battery drain daily"] * 10


def test_abuse_is_an_insult_and_a_topic_is_not():
    assert all(map(is_insult, ["Ur a disgrace", "You suck", "Shame on apple", "垃圾软件", "废物客服"]))
    assert not any(map(is_insult, ["Ruin my life", "Garbage collection", "没有吸管", "滚动卡顿", "Battery drain"]))


def test_a_parent_mostly_of_insults_is_named_for_what_it_is():
    texts = ["ur a disgrace"] * 5 + ["ruin my life"] * 3
    assert _more(["Ur a disgrace", "Ruin my life"], [157, 72], -1, None, pl.Said(), texts) == "Insults and venting"
    assert _more(["垃圾软件", "太卡了"], [60, 40], -1, None, pl.Said(), ["垃圾软件", "太卡了"] * 10) == "谩骂和发泄"
    # taken by a sibling: no second one, and never the insult itself
    assert _more(["Ur a disgrace", "Ruin my life"], [157, 72], -1, None, pl.Said(), texts,
                 taken={"insults and venting"}) is None


def test_an_insult_never_leads_the_count_form():
    out = _more(["Ur a disgrace", "Battery drain", "Slow charging"], [40, 35, 30], -1, None, pl.Said(), EN)
    assert out == "Battery drain, and 2 more"


def test_the_count_form_stays_over_topic_children():
    assert _more(["没有吸管", "咖啡洒", "送错了"], [127, 95, 50], -1, None, pl.Said(), ZH) == "没有吸管等3类问题"
    assert _more(["没有吸管", "咖啡洒"], [127, 95], -1, None, pl.Said(), ZH) == "没有吸管等2类问题"
    assert _more(["Battery drain", "Slow charging"], [100, 20], -1, None, pl.Said(), EN) == "Battery drain, and 1 more"


def test_an_insult_label_is_unfit_for_a_parent():
    texts = [["ur a disgrace"] * 6, ["ruin my life"] * 4]
    others = ["the camera is great", "battery life is short", "maps are wrong"] * 8
    out = fit("Ur a disgrace", ["Ur a disgrace", "Ruin my life"], [6, 4], texts, others, -1,
              {"other complaints", "other feedback"}, pl.Said(), None)
    assert not is_insult(out)

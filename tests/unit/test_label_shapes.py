"""Labels that read like a person wrote them (issue 12, session 8): no placeholder words, nouns for heads,
no claim only a few members make, no sub-theme that repeats its parent. Own fixtures."""
from __future__ import annotations

import numpy as np

from analysis import parent_labels as pl
from analysis.theme_labels import phrase_labels
from analysis.theme_tree import TopTheme, _distinct_from_parents

OTHER_EN = [f"The battery drains fast on day {i}" for i in range(8)] + ["battery drains overnight", "battery is bad"]
OTHER_ZH = [f"味道很好，第{i}次点了" for i in range(8)] + ["味道不错", "味道很好吃"]


def _centroids(n: int) -> np.ndarray:
    return np.eye(n, 8, dtype=np.float32)


def test_a_redaction_placeholder_or_retweet_marker_is_never_a_label():
    things = ["keynote", "launch", "store", "watch", "laptop", "tablet", "event", "stock", "camera", "screen", "music",
              "ipad"]
    tweets = [f"[HANDLE] {w}" for w in things] + [f"RT [HANDLE]: {w} lol" for w in things]
    labels = phrase_labels([tweets, OTHER_EN], _centroids(2))
    for label in labels:
        words = label.lower().replace("[", " ").replace("]", " ").split()
        assert "handle" not in words and "rt" not in words and "[" not in label, label


def test_a_phrase_never_ends_on_an_adverb():
    texts = ([f"Please fix soon, the {w} is broken" for w in ("menu", "sync", "login", "camera", "map", "chat")]
             + ["fix soon please", "pls fix soon", "fix soon!!"])
    label = phrase_labels([texts, OTHER_EN], _centroids(2))[0]
    assert not label.lower().endswith("soon"), label


def test_a_parent_is_not_named_by_an_adjective_the_children_share():
    children = [["Cheaper than the other delivery apps", "delivery is cheaper now", "cheaper delivery, love it"],
                ["so much cheaper than the shop", "cheaper delivery fees", "the delivery was cheaper and fast"]]
    others = ["the app crashes", "login fails again", "crashes after the update", "slow login"]
    label = pl.name_parent("Cheaper", ["Cheaper delivery", "Cheaper than the shop"], [40, 30], children, others, 1,
                           set(), pl.Said())
    assert "cheaper" not in label.lower() and "delivery" in label.lower(), label


def test_a_word_the_members_write_as_a_verb_does_not_head_a_parent():
    children = [["I type the query and it freezes", "when I type fast it lags", "type a letter, hangs",
                 "i type and the view hangs"],
                ["can't type in the view", "it lags when I type", "slow to type in the view", "the view is slow"]]
    others = ["the wallet sync fails", "wallet balance wrong", "node crashes", "node sync slow"]
    label = pl.name_parent("Lag", ["Freezes", "Lags"], [40, 30], children, others, -1, set(), pl.Said())
    assert "type" not in label.lower() and "view" in label.lower(), label  # "to type", "I type": a verb here


def test_a_chinese_time_word_never_heads_a_parent():
    children = [["导出时卡住了", "导出时软件崩溃", "每次导出时都很慢", "导出时闪退"],
                ["保存时闪退", "导出时闪退，保存时也闪退", "保存文件时卡死", "保存时报错"]]
    others = ["界面好看", "功能很多", "价格便宜", "客服回复快"]
    label = pl.name_parent("导出", ["导出时卡住", "保存时闪退"], [40, 30], children, others, -1, set(), pl.Said())
    assert "时" not in label, label


def test_a_claim_only_a_few_members_make_is_not_the_label():
    preds = ["太硬了", "夹生", "太少了", "不够吃", "很干", "凉了", "太软了", "发黄", "有沙子", "太粘", "有怪味", "煮糊了",
             "没熟", "像隔夜的", "有头发", "颜色不对", "太稀", "结块", "太碎", "发酸", "有石子", "太咸", "发霉", "很腥"]
    rice = [f"{p}米饭{w}" for p in ("", "唉，", "哎，") for w in preds] + [
        "没有米饭", "没有米饭啊", "没有米饭，差评", "居然没有米饭", "又没有米饭"]
    other = [f"米饭很香，菜也好吃{i}" for i in range(10)] + OTHER_ZH
    label = phrase_labels([rice, other], _centroids(2), moods=[[-1] * len(rice), [1] * len(other)])[0]
    assert label != "没有米饭" and "米饭" in label, label  # 5 of 77 say there was none; most say how it was


def test_a_sub_theme_never_only_repeats_its_parent():
    phone = ["my phone died", "phone froze again", "the phone restarts", "phone is hot", "phone screen cracked",
             "phone keeps restarting", "phone restarts at night", "phone restarts every hour"]
    charger = ["the charger broke", "charger stopped working", "charger cable frayed", "charger is slow",
               "new charger broke too", "charger got hot"]
    tops = [TopTheme([0, 1], [], "Phone problems", np.zeros(8, np.float32), 14)]
    sub_labels = ["Phone", "Charger broke"]
    _distinct_from_parents(tops, sub_labels, {0: [phone, charger]}, {0: [np.arange(8), np.arange(8, 14)]},
                           _centroids(2), [["phone"], ["charger"]], 42, None, None, np.zeros(0, np.int64),
                           np.zeros(0, np.int64))
    assert not pl.repeats(sub_labels[0], "Phone problems") and "phone" in sub_labels[0].lower(), sub_labels
    assert sub_labels[1] == "Charger broke"  # its sibling keeps its label
    assert not pl.repeats("Login", "Login and account problems") and pl.repeats("送餐太慢", "送餐慢")

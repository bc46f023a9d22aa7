"""Sub-theme labels that say what members say (session 7): unique in the tree, steered by the theme's own
keywords, a topic grown into what is said of it. Small hand-written fixtures."""
from __future__ import annotations

import numpy as np

from analysis.theme_labels import MAX_CHINESE_CHARS, phrase_labels, says_how


def _centroids(n: int) -> np.ndarray:
    return np.eye(n, 8, dtype=np.float32)


SLOW = ["送餐太慢了，等了一个小时", "送餐太慢，饭都凉了", "又是送餐太慢", "送餐太慢，下次不点了", "中午点的，送餐太慢",
        "送餐太慢，饿坏了"]
#: A sub-theme about calls nobody answers, where many also say the food was fine.
CALLS = ["味道不错，就是电话打不通", "味道不错，可是电话一直没人接", "电话占线，没法取消订单", "味道不错",
         "打电话催单，电话关机", "味道不错，但是电话没人接", "味道不错，客服电话打不通", "味道不错，送得也快"]
TASTE = ["分量足，下次还点", "菜很好吃，包装也好", "分量很足，好吃", "好吃，推荐", "米饭也香，好吃", "好吃不贵",
         "菜新鲜，好吃"]
#: A sub-theme about fries where what members complain of is the missing ketchup.
FRIES = ["薯条没有番茄酱", "点了薯条，没有番茄酱", "薯条凉了", "薯条很少", "薯条还行", "薯条软了", "薯条太咸了",
         "汉堡和薯条，没有番茄酱", "薯条太咸", "两份薯条", "薯条放久了", "薯条不脆"]
BURGER = ["汉堡很好吃", "汉堡分量足", "汉堡不错", "汉堡好吃，下次再点", "汉堡肉很厚", "汉堡味道好"]
#: English: a bare topic ("Articles") and what members say of it, in words that vary.
ARTICLES = ["Articles won't load since the update", "articles load forever and then fail",
            "The articles never load on wifi", "articles won't load at all", "Articles stopped loading yesterday",
            "my saved articles disappear", "Articles won't load offline either", "articles take ages, then fail"]
PRINT = ["Printing is easy", "I print my documents every day", "Printing from the phone works well",
         "print preview is nice", "Printing photos looks good", "Easy to print reports"]


def test_a_label_given_elsewhere_in_the_tree_is_not_given_again_in_other_words():
    """送餐很慢 holds the label elsewhere: 送餐太慢 reads the same and is not given again."""
    labels = phrase_labels([SLOW, TASTE], _centroids(2), reserved=["送餐很慢"])
    assert labels[0] not in ("送餐太慢", "送餐很慢")
    assert labels[0] and labels[1] != labels[0]


def test_a_label_elsewhere_in_the_tree_is_avoided_but_repeated_rather_than_numbered():
    labels = phrase_labels([CALLS, TASTE], _centroids(2), keywords=[["电话"], ["好吃"]], avoid=["电话没人接"])
    assert "电话" in labels[0] and labels[0] != "电话没人接", labels
    alone = [["送餐太慢"] * 3 + ["送餐太慢，等了很久", "送餐太慢了"], TASTE]
    assert phrase_labels(alone, _centroids(2), avoid=["送餐太慢"])[0] == "送餐太慢"  # nothing else grounded: no "(2)"


def test_the_themes_own_keywords_steer_the_label_away_from_a_phrase_every_theme_has():
    """味道不错 is in more member texts, but the theme's keywords (its words against all themes) are about calls."""
    labels = phrase_labels([CALLS, TASTE], _centroids(2), keywords=[["电话", "打不通", "客服"], ["好吃", "分量"]])
    assert "电话" in labels[0], labels
    assert "味道" not in labels[0]


def test_a_topic_grows_into_what_members_say_with_a_keyword():
    """薯条 alone says nothing of the problem; 没有番茄酱 is written by several members and is a keyword."""
    moods = [[-1] * len(FRIES), [1] * len(BURGER)]
    labels = phrase_labels([FRIES, BURGER], _centroids(2), keywords=[["薯条", "番茄酱"], ["汉堡"]], moods=moods)
    assert labels[0] == "没有番茄酱", labels
    assert says_how(labels[0]) and len(labels[0]) <= MAX_CHINESE_CHARS


def test_a_bare_english_topic_becomes_what_several_members_say_of_it():
    moods = [[-1] * len(ARTICLES), [1] * len(PRINT)]
    labels = phrase_labels([ARTICLES, PRINT], _centroids(2), keywords=[["articles", "load"], ["print"]], moods=moods)
    assert labels[0].lower().startswith("article") and says_how(labels[0]), labels
    assert sum(all(w in t.lower() for w in ("article", "load")) for t in ARTICLES) >= 3
    assert "load" in labels[0].lower()


def test_a_bare_topic_never_turns_into_praise_over_complaints():
    moods = [[-1] * len(FRIES), [1] * len(BURGER)]
    labels = phrase_labels([FRIES, BURGER], _centroids(2), keywords=[["薯条"], ["汉堡"]], moods=moods)
    assert "好" not in labels[0] and "不错" not in labels[0]

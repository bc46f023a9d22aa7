"""A parent is never named by two things its members never say together, by a one-character Chinese topic, or by
what a sibling parent already says (session 10, ``analysis.parent_fit``): the shared claim, else the word most
children share, else (session 11) the category members' words say or "Other problems" (其他问题), one per mood, and
only then the largest child's phrase and how many more ("Facebook login, and 3 more", "放了辣椒等3类问题").
Fixtures written here."""
from __future__ import annotations

from analysis import parent_labels as pl
from analysis.parent_fit import fit, is_more, related

OTHERS = ["the export button is missing", "please add a dark theme", "love the new icons", "search finds nothing",
          "billing page shows the wrong plan", "calendar sync works well", "great support team",
          "cannot change my avatar", "the widget is too small", "dark mode please"] * 4

SOCIAL = {  # two about Facebook, two about notifications: no member says both
    "Facebook login": ["facebook login is broken", "cannot connect my facebook", "facebook login keeps failing",
                       "the facebook button does nothing"],
    "Notifications late": ["notifications arrive an hour late", "late notifications again", "notification came late",
                           "notifications are delayed"],
    "Notification sound": ["no notification sound", "notification sound is missing", "the notification is silent",
                           "notification sound never plays"],
    "Facebook friends": ["facebook friends do not show", "cannot find facebook friends", "facebook friends list empty",
                         "my facebook friends vanished"],
    "Video call": ["video call drops", "video call has no picture", "the video call freezes", "video call is choppy"],
}
SIZES = [25, 25, 15, 15, 20]


def _texts(children: dict) -> list[list[str]]:
    return [list(t) * 5 for t in children.values()]


def test_two_topics_members_never_say_together_do_not_name_a_parent():
    texts = _texts(SOCIAL)
    assert not related(["Facebook", "notification"], [t for g in texts for t in g], pl.Said())
    label = pl.name_parent("Facebook", list(SOCIAL), SIZES, texts, OTHERS, -1, set(), pl.Said())
    # session 9: "Facebook and notification problems"; session 10: "Facebook login, and 4 more"
    assert label == "Other problems", label  # session 11: the complaints that fit no category, one such parent
    assert pl.name_parent("Facebook", list(SOCIAL), SIZES, texts, OTHERS, -1, set(), pl.Said()) == label
    second = pl.name_parent("Facebook", list(SOCIAL), SIZES, texts, OTHERS, -1, {"other problems"}, pl.Said())
    assert second == "Facebook login, and 4 more", second  # a second such parent: the count form, last resort
    assert not pl.repeats("Facebook login", second)  # the child it names keeps its label
    sibling = pl.name_parent("Facebook", list(SOCIAL), SIZES, texts, OTHERS, -1,
                             {"other problems", "facebook login, and 2 more"}, pl.Said())
    assert sibling == "Notifications late, and 4 more", sibling  # never the phrase a sibling parent leads with


FREEZES = {  # members write "crashes and freezes" in one breath: one category
    "Crashes on start": ["it crashes and freezes on start", "crashes on start, then freezes", "crashes at launch",
                         "freezes and crashes when opening"],
    "Freezes on scroll": ["the list freezes and crashes", "freezes when i scroll", "scrolling freezes then crashes",
                          "freezes and crashes on scroll"],
}


def test_two_words_members_say_together_keep_naming_the_parent():
    texts = _texts(FREEZES)
    assert related(["crashes", "freezes"], [t for g in texts for t in g], pl.Said())
    label = "Crashes and freezes"
    assert fit(label, list(FREEZES), [50, 50], texts, OTHERS, -1, set(), pl.Said(), False) == label


ZH_OTHERS = ["送餐很快，味道不错", "包装很好", "服务态度很好", "配送员很辛苦", "价格实惠", "下次还会点",
             "送得很快", "分量很足", "快递小哥很好", "满意"] * 4
MEAT = {  # what is wrong with every child is that it tastes bad; 肉 is part of two children's words
    "肥肉": ["肥肉太多，难吃", "全是肥肉，难吃死了", "肥肉多，真难吃", "肥肉太油了"],
    "太咸": ["太咸了，难吃", "菜太咸，很难吃", "咸得难吃", "太咸了，齁"],
    "鸡肉": ["鸡肉不新鲜，难吃", "鸡肉很柴，难吃", "鸡肉有味道", "鸡肉难吃"],
}


def test_a_one_character_topic_gives_way_to_the_claim_the_children_share():
    texts = _texts(MEAT)
    label = pl.name_parent("难吃", list(MEAT), [40, 35, 25], texts, ZH_OTHERS, -1, set(), pl.Said(), loved=False)
    assert label == "难吃", label  # session 9: 肥肉、太咸问题
    assert fit("肉问题", list(MEAT), [40, 35, 25], texts, ZH_OTHERS, -1, set(), pl.Said(), False, "难吃") == "难吃"


ORDER = {  # a wrong ingredient, a spill, a missing sauce: two of their words joined would name two of three
    "放了辣椒": ["说了不要辣椒还放了辣椒", "放了辣椒，没法吃", "备注不要辣椒，结果放了辣椒", "又放了辣椒"],
    "洒到袋子": ["汤洒到袋子里了", "洒到袋子里，全是油", "汤都洒到袋子", "洒了一袋子"],
    "没有番茄酱": ["没有番茄酱", "薯条没有番茄酱", "番茄酱没给", "没有番茄酱，差评"],
}


def test_two_chinese_words_over_different_children_give_way_to_the_largest_and_how_many_more():
    texts = _texts(ORDER)
    label = pl.name_parent("薯条", list(ORDER), [40, 35, 25], texts, ZH_OTHERS, -1, set(), pl.Said(), loved=False)
    assert label == "其他问题", label  # session 9: 辣椒、袋子问题; session 10: 放了辣椒等3类问题
    second = pl.name_parent("薯条", list(ORDER), [40, 35, 25], texts, ZH_OTHERS, -1, {"其他问题"}, pl.Said(),
                            loved=False)
    assert second == "放了辣椒等3类问题", second
    assert is_more(second) and len(second) <= 10


PRAISE = {
    "Note taking": ["great app for note taking", "note taking is great in this app", "love this app for notes",
                    "best note taking app"],
    "Trip planning": ["great app for trip planning", "planning trips is easy, great app", "trip planning app i love",
                      "great app to plan a trip"],
}


def test_a_parent_never_says_what_a_larger_sibling_parent_says():
    texts = _texts(PRAISE)
    label = pl.name_parent("Great app", list(PRAISE), [60, 40], texts, OTHERS, 1, {"praise for app"}, pl.Said(),
                           loved=True)
    assert label.lower() not in ("great app", "praise for app"), label
    assert label == "Other praise", label  # session 10: "Note taking, and 1 more"
    second = pl.name_parent("Great app", list(PRAISE), [60, 40], texts, OTHERS, 1, {"praise for app", "other praise"},
                            pl.Said(), loved=True)
    assert second == "Praise for note taking, and 1 more", second  # the count form keeps the praise frame
    alone = fit("Great app", list(PRAISE), [60, 40], texts, OTHERS, 1, set(), pl.Said(), True)
    assert alone == "Great app"  # no sibling says it: kept

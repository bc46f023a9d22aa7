"""A parent whose sub-themes share no word is named by the category its members' words say (session 11,
``analysis.parent_categories``): "Crashes" over a segfault, an overflow and a crash on exit, "Notification problems"
over alerts, push and reminders, 包装、漏送问题 over a broken box, a spill, no chopsticks and a missing dish; never a
category the other parents say as often. Fixtures written here."""
from __future__ import annotations

import re

from analysis import parent_labels as pl
from analysis.parent_categories import CATEGORIES, category, joined

OTHERS = ["the export button is missing", "please add a dark theme", "love the new icons", "search finds nothing",
          "billing page shows the wrong plan", "calendar sync works well", "great support team",
          "cannot change my avatar", "the widget is too small", "dark mode please"] * 4
ZH_OTHERS = ["送餐很快，味道不错", "服务态度很好", "配送员很辛苦", "价格实惠", "下次还会点", "送得很快", "分量很足",
             "快递小哥很好", "满意", "味道很好"] * 4


def _name(current, children: dict, mood: int, others=OTHERS, loved=None, taken=()):
    texts = [list(t) * 5 for t in children.values()]
    sizes = [40] * len(children)
    return pl.name_parent(current, list(children), sizes, texts, others, mood, set(taken), pl.Said(), loved=loved)


CRASHES = {  # no word two children share: a segfault, an overflow, a crash on exit
    "Segmentation fault": ["segmentation fault in the solver", "segfault when the grid is empty",
                           "segmentation fault on start", "core dumped: segmentation fault"],
    "Overflow when multiplying": ["overflow when multiplying big numbers", "integer overflow in matmul",
                                  "overflow in the multiply kernel", "multiplying gives an overflow"],
    "Crash on exit": ["it crashes on exit", "crash when closing the window", "app crashed at shutdown",
                      "crashes every time i quit"],
}


def test_children_sharing_no_word_are_named_by_their_category():
    label = _name("Grid and multiply", CRASHES, 0)
    assert label == "Crashes", label  # session 10: "Segmentation fault, and 2 more"
    assert _name("Grid and multiply", CRASHES, -1, loved=False) == "Crashes"  # the name says it is a problem


NOTIFY = {
    "Alerts arrive late": ["alerts arrive an hour late", "the alert came late", "late alerts on my watch",
                           "alerts are delayed"],
    "Push never comes": ["push notifications never come", "no push notification at all", "push notification missing",
                         "the notification never shows"],
    "No reminder sound": ["reminders make no sound", "the reminder is silent", "reminder without sound",
                          "no sound for reminders"],
}


def test_a_complaint_category_is_framed_as_problems():
    label = _name("Watch and sound", NOTIFY, -1, loved=False)
    assert label == "Notification problems", label
    assert pl.own_mood(label) <= 0


ORDER = {  # a broken box, a spill, no chopsticks, a missing dish: packaging and missing items
    "盒子破了": ["盒子破了", "餐盒盒子都压破了", "盒子裂开了", "盒子漏了一地"],
    "汤洒了": ["汤洒了一半", "汤全洒了", "汤洒在袋子里", "汤洒出来了"],
    "没有筷子": ["没有筷子，怎么吃", "筷子都没给", "没给筷子", "又没有筷子"],
    "少送一份": ["少送一份米饭", "少送了一份菜", "少送一个鸡腿", "又少送了"],
}


def test_two_chinese_categories_join_when_each_covers_half():
    label = _name("盒子、筷子问题", ORDER, -1, others=ZH_OTHERS, loved=False)
    assert label in ("包装、漏送问题", "漏送、包装问题"), label  # session 10: 盒子破了等4类问题
    assert len(label) <= 10


def test_a_category_the_other_parents_say_as_often_is_never_offered():
    everywhere = ["盒子压扁了", "汤洒了不少", "筷子没给", "少送了饮料"] * 10  # the other parents say the same
    label = _name("盒子、筷子问题", ORDER, -1, others=everywhere, loved=False)
    assert "包装" not in label and "漏送" not in label, label


def test_every_category_has_a_name_in_each_mood_it_allows_and_a_cue():
    for cat in CATEGORIES:
        assert cat.cues and cat.bare
        for other in CATEGORIES:
            if other is not cat and joined(cat, other, -1):
                assert joined(cat, other, -1).endswith(("problems", "问题")) or not cat.problem


def test_nothing_said_no_category():
    assert category([[], []], [0, 0], OTHERS, -1, pl.Said()) is None


def test_the_rest_is_named_in_the_language_its_children_are_labelled_in_when_members_write_both_evenly():
    mixed = {"报表能导出": ["报表能导出就好了", "export the report please", "导出报表", "report export to excel"],
             "邮件通知太多": ["邮件通知太多了", "too many email notifications", "邮件太多，关不掉", "stop the emails"]}
    label = _name("导出、邮件", mixed, 0)
    assert label == "其他反馈", label  # half the members write each language: the children's labels decide


def test_a_parent_is_named_in_the_language_most_of_its_members_write():
    # session 12: Chinese labels over members three in four of whom write English (the demo's 报表能导出)
    mostly_english = {"报表能导出": ["报表能导出就好了", "export the report please", "report export to excel",
                                "the exported report is empty"],
                      "邮件通知太多": ["邮件通知太多了", "too many email notifications", "stop the emails",
                                 "email spam every hour"]}
    label = _name("导出、邮件", mostly_english, 0)
    assert not re.search(r"[\u4e00-\u9fff]", label), label


LOGIN = {  # a login parent whose members write English and Chinese (the demo): 登录 is said in every Chinese text
    "Randomly logged out": ["I get logged out every hour", "logged out while typing", "randomly logged out again",
                            "每天都要重新登录"],
    "单点登录失败": ["单点登录失败", "单点登录一直报错", "SSO login fails with an error", "单点登录后跳回登录页"],
    "Get logged out": ["logged out after the laptop sleeps", "always signed out after sleep", "logged out again",
                       "退出登录了"],
    "Session expires": ["the session expires and I lose my work", "session expired while editing",
                        "my session expires too fast", "登录会话过期"],
}


def test_a_chinese_word_never_frames_a_parent_whose_members_mostly_write_english():
    label = _name("单点登录", LOGIN, -1, loved=False)
    assert label.isascii(), label  # session 12: 登录问题
    assert "login" in label.lower(), label  # the login category, said in either language

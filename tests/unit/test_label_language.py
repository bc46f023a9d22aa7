"""Session 12: a label is in the language most of its theme's members write. The demo workspace mixes English and
Chinese members in one theme; a Chinese phrase (报表能导出, 登录问题) named themes two in three of whose members wrote
English. Sub-themes keep candidates of the members' language (by ``LANGUAGE_MARGIN``), parents take head terms and
categories of it, and a category said in the other language counts through its twin (登录 / login). Fixtures written
here."""
from __future__ import annotations

import re

import numpy as np

from analysis import parent_labels as pl
from analysis.parent_categories import LANGUAGE_MARGIN, category, chinese, chinese_share
from analysis.theme_labels import phrase_labels

_CJK = re.compile(r"[\u4e00-\u9fff]")

EXPORT_MOSTLY_EN = (["export to excel breaks the date format", "when I export a project it times out",
                     "pdf export cuts off the last column", "exporting to csv adds empty rows",
                     "the export button does nothing", "excel export shows numbers instead of dates"]
                    + ["希望报表能导出", "报表能导出就好了", "希望报表能导出成表格"])  # the Chinese ones agree word for word
SLOW_ZH = ["送餐太慢了，等了两个小时", "送餐太慢，饭都凉了", "送餐太慢", "送餐太慢，差评", "送餐太慢了",
           "送餐太慢，下次不点了", "delivery too slow"]


def test_a_sub_theme_is_labelled_in_the_language_most_members_write():
    got = phrase_labels([EXPORT_MOSTLY_EN, SLOW_ZH], np.zeros((2, 4), np.float32))
    assert not _CJK.search(got[0]) and "export" in got[0].lower(), got  # not 报表能导出 (3 of 9 members)
    assert _CJK.search(got[1]), got  # a Chinese theme with one English member stays Chinese


def test_near_even_members_leave_the_language_to_the_children_labels():
    even = [["送餐太慢", "too slow"], ["送餐太慢", "so slow"]]
    assert abs(chinese_share(even, [10, 10]) - 0.5) < LANGUAGE_MARGIN
    assert chinese(even, ["送餐慢", "Slow"], [15, 5]) and not chinese(even, ["送餐慢", "Slow"], [5, 15])
    assert chinese([["送餐太慢"] * 7 + ["slow"] * 3], ["Slow"], [10])  # 70% Chinese: Chinese whatever the child says


OTHERS = ["the export button is missing", "please add a dark theme", "love the new icons", "search finds nothing",
          "billing page shows the wrong plan", "great support team", "the widget is too small"] * 4


def test_two_categories_that_each_cover_two_children_name_a_parent_neither_covers_alone():
    children = {  # sync conflicts and slowness: neither half alone, the two together all of it
        "Edits lost after sync conflict": ["sync conflict lost my edits", "the sync overwrote my changes",
                                           "sync conflict dialog again", "edits lost after sync"],
        "Offline changes vanish": ["offline changes vanish after sync", "sync drops my offline edits",
                                   "changes gone after syncing", "sync deleted my notes"],
        "Startup is slow": ["startup is painfully slow", "slow to open", "the app is slow to start", "slow startup"],
        "Scrolling lags": ["scrolling is laggy", "lag when scrolling long files", "laggy editor", "typing lags"],
        "Wrong avatar": ["my avatar shows someone else", "avatar is wrong", "avatar will not change", "old avatar"],
    }
    texts = [v * 5 for v in children.values()]
    label = category(texts, [20, 20, 20, 20, 20], OTHERS, -1, pl.Said())
    assert label is not None and "sync" in label.lower() and "performance" in label.lower(), label

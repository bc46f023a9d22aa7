"""A Chinese leaf label never names a part of the topic's word (肉很多 over complaints of 肥肉: claims9, session 9)."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.theme_labels import _part_of_word, phrase_labels


@pytest.mark.parametrize("other, key, fragment", [
    (("肉", "多"), ("肥肉",), True),  # 肉很多 praises the meat; the topic complains of fat
    (("肥肉", "多"), ("肥肉",), False),
    (("米饭", "少"), ("米饭",), False),
    (("add", "dark"), ("dark", "mode"), False),  # English: word-level (handled by the caller)
])
def test_a_chinese_label_never_names_part_of_the_topic_word(other, key, fragment):
    assert _part_of_word(other, key) is fragment


def test_a_complaint_of_fat_meat_is_not_labelled_lots_of_meat():
    fat = ["全是肥肉", "肥肉太多", "都是肥肉，吃不下", "肥肉好腻", "肉很多，可惜都是肥肉", "肉很多但是肥肉", "肉很多，肥肉也多",
           "肥肉，差评", "牛肉里全是肥肉", "肥肉没法吃", "肉很多，太腻了", "这次肥肉特别多"]
    rice = ["米饭太硬了", "米饭夹生", "米饭不够", "米饭太少", "米饭凉了", "米饭很硬", "米饭难吃", "米饭有沙子"]
    labels = phrase_labels([fat, rice], np.zeros((2, 4), np.float32), None, [["肥肉", "肉"], ["米饭"]], words=(),
                           moods=[[-1] * len(fat), [-1] * len(rice)])
    assert "肥肉" in labels[0] and labels[0] != "肉很多"

"""A size cap never tears a near-duplicate from its twin: sub-theme 3 says what sub-theme 0 says in other words
(its nearest sub-theme by the grouping distance, and where most of its members sit nearest), with no key term in
common. 0's parent is at the ordinary cap, so the linkage pairs 3 with a neighbour of another mood; 3 then joins
its twin's parent as a near-duplicate (``theme_concepts.twins``, ``follow_members``), past the ordinary cap but not
past ``CONCEPT_SHARE``. Not when it is of another kind, nor when its members sit nearest elsewhere.

Texts and vectors are written here; distances are given directly so that the rule, not the embedding model, is
what is tested (real sets: bench/tree_quality.py, bench/label_tree_compare.py)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import squareform

from analysis import theme_concepts as cm
from analysis.theme_tree import group_subthemes
from tests.unit.concept_fixtures import distances, leaning_votes

ZH = [  # 0-2 "太慢" (slow); 3 slow in other words; 4 the delivery man, mixed; 5-11 other themes
    ["送餐太慢了", "太慢了，下次不点", "配送太慢", "真的太慢了", "太慢，差评", "慢死了，太慢"],
    ["速度太慢了", "送得太慢", "太慢了太慢了", "外卖太慢了", "太慢，催了三次", "每次都太慢"],
    ["送餐员太慢了", "太慢，饿死了", "怎么这么慢", "太慢了吧", "慢得要命", "配送速度太慢"],
    ["龟速配送", "蜗牛一样", "慢吞吞的", "磨磨蹭蹭才来", "等到花儿都谢了", "送得好慢"],
    ["送货员来了", "配送员打了电话", "送货的人", "外卖员到楼下", "送货员说路堵", "配送员"],
    ["菜太咸了", "太油太咸", "咸得没法吃", "盐放多了", "咸死了", "很咸"],
    ["盐太多", "齁咸", "口味太重", "咸", "太咸了吧", "咸到发苦"],
    ["餐盒破了", "汤洒了", "包装漏了", "洒了一半", "袋子里全是汤", "盒子压坏了"],
    ["分量太少", "量少得可怜", "吃不饱", "菜少", "分量缩水", "就几块肉"],
    ["很好吃", "味道不错", "真香", "好吃", "味道正宗", "很棒"],
    ["小哥辛苦了", "谢谢师傅", "骑手很热情", "小哥态度很好", "服务周到", "谢谢小哥"],
    ["送得很快", "速度很快", "很快就到了", "配送很快", "半小时就到", "速度快"],
]
EN = [
    ["Delivery too slow", "Too slow, never again", "So slow delivery", "Way too slow", "Slow, bad", "Slow slow slow"],
    ["Delivery is slow", "Slow courier", "Too slow again", "Always slow", "Slow, called three times", "Slow as usual"],
    ["The driver was slow", "Slow, I starved", "Why so slow", "Slow service", "Painfully slow", "Slow speed"],
    ["Took forever", "Like a snail", "Ages to arrive", "Waited and waited", "Crawled here", "Forever to come"],
    ["The driver called", "Courier at the door", "Delivery guy", "Driver said traffic", "The courier", "Driver"],
    ["Too salty", "Salty and oily", "Way too much salt", "Salt everywhere", "Salty", "Very salty"],
    ["Much salt", "Salt overload", "Heavy salt", "Salt", "So salty", "Bitter with salt"],
    ["Box broke", "Soup spilled", "Leaking bag", "Half spilled", "Bag full of soup", "Crushed box"],
    ["Tiny portion", "Small portion", "Still hungry", "Too little food", "Portion shrank", "Few pieces"],
    ["Tasty", "Good taste", "Delicious", "Yummy", "Authentic taste", "Great food"],
    ["Thanks to the driver", "Thank you courier", "Friendly rider", "Kind driver", "Nice service", "Thanks"],
    ["Fast delivery", "Very fast", "Arrived quickly", "Quick courier", "Here in half an hour", "Fast"],
]
MOODS = np.array([-1, -1, -1, -1, 0, -1, -1, -1, -1, 1, 1, 1])
SIZES = np.array([90, 90, 90, 60] + [100] * 8)  # 0-2 fill the cap (282 items); with 3 they hold 330 (< 30%: 339)
MAX_SHARE = 0.25


def _square(n: int) -> np.ndarray:
    """0-2 close together; 3 nearest to 0, close to 1-2; 4 near 3 only; pairs 5-6, 7-8, 9-10; 11 alone."""
    return distances(n, [(0, 1, 0.15), (0, 2, 0.15), (1, 2, 0.15), (3, 0, 0.2), (3, 1, 0.3), (3, 2, 0.3),
                         (3, 4, 0.35), (5, 6, 0.3), (7, 8, 0.3), (9, 10, 0.3)])


def _votes(n: int, toward: int, seed: int = 1) -> np.ndarray:
    """Sub-theme 3's members lie between its own direction and ``toward``'s."""
    return leaning_votes(n, MOODS, 3, toward, seed)


def _group(texts, votes, kinds=None):
    n = len(texts)
    kinds = np.where(MOODS > 0, 3, 0) if kinds is None else kinds
    return group_subthemes(squareform(_square(n), checks=False), SIZES, 0.4, max_top=n, moods=MOODS,
                           max_share=MAX_SHARE, concept=(kinds, cm.term_shares(texts)), votes=votes)


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_near_duplicate_joins_its_twin_past_the_cap(texts):
    n = len(texts)
    votes = _votes(n, 0)
    assert cm.twins(votes, _square(n), MOODS, np.where(MOODS > 0, 3, 0))[3] == 0
    out = _group(texts, votes)
    assert out[3] == out[0] == out[1] == out[2]  # on the old code 3 stayed with 4: the cap tore it from 0
    assert SIZES[out == out[0]].sum() > MAX_SHARE * SIZES.sum()  # past the ordinary cap...
    assert SIZES[out == out[0]].sum() <= cm.CONCEPT_SHARE * SIZES.sum()  # ...never past the concept ceiling
    assert out[4] != out[0] and len(set(out.tolist())) >= 5  # the neighbour of another mood stays out


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_no_twin_of_another_kind_nor_when_its_members_sit_elsewhere(texts):
    n = len(texts)
    kinds = np.where(MOODS > 0, 3, 0)
    kinds[3] = 1  # read as a request: not the same claim as a problem
    assert _group(texts, _votes(n, 0), kinds)[3] != _group(texts, _votes(n, 0), kinds)[0]
    out = _group(texts, _votes(n, 4))  # its members sit nearest the delivery man: no twin of 0, the cap holds
    assert out[3] != out[0] and SIZES[out == out[0]].sum() <= MAX_SHARE * SIZES.sum()

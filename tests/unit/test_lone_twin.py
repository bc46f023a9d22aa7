"""A sub-theme alone in its parent joins its twin's parent (``theme_concepts.follow_members``), and a parent pair that
votes for each other still merges when the near-duplicates that arrived that way take it past the ordinary cap
(``merge_voted_parents`` with ``arrivals``). On zh-waimai-10k "外卖小哥送" (81 items) stood alone beside "师傅好",
where its twin was, and "送到都凉" alone beside "送餐太慢" (bench/RESULTS.md, "Session 11: slow11").

Texts and vectors are written here; distances are given directly so that the rule, not the embedding model, is
what is tested."""
from __future__ import annotations

import numpy as np
import pytest

from analysis import theme_concepts as cm
from tests.unit.concept_fixtures import distances, leaning_votes

ZH = [  # 0-2 slow; 3 slow in other words, alone; 4-5 salty
    ["送餐太慢了", "太慢了，下次不点", "配送太慢", "真的太慢了"],
    ["速度太慢了", "送得太慢", "外卖太慢了", "每次都太慢"],
    ["送餐员太慢了", "怎么这么慢", "太慢了吧", "配送速度太慢"],
    ["龟速配送", "蜗牛一样", "慢吞吞的", "等到花儿都谢了"],
    ["菜太咸了", "太油太咸", "咸得没法吃", "咸死了"],
    ["盐太多", "齁咸", "口味太重", "咸到发苦"],
]
EN = [
    ["Delivery too slow", "Too slow, never again", "So slow delivery", "Way too slow"],
    ["Delivery is slow", "Slow courier", "Too slow again", "Always slow"],
    ["The driver was slow", "Why so slow", "Slow service", "Painfully slow"],
    ["Took forever", "Like a snail", "Ages to arrive", "Waited and waited"],
    ["Too salty", "Salty and oily", "Way too much salt", "Very salty"],
    ["Much salt", "Salt overload", "Heavy salt", "Bitter with salt"],
]
N = 6
MOODS = np.full(N, -1)
KINDS = np.zeros(N, dtype=np.int64)
SIZES = np.array([90.0, 90, 90, 60, 100, 100])
GROUPS = np.array([0, 0, 0, 1, 2, 2])  # 3 alone in parent 1


def _square(near_three: int = 0) -> np.ndarray:
    pairs = [(0, 1, 0.15), (0, 2, 0.15), (1, 2, 0.15), (3, 0, 0.2), (3, 1, 0.3), (3, 2, 0.3), (4, 5, 0.3)]
    return distances(N, pairs + ([(3, near_three, 0.1)] if near_three else []))


def _votes(toward: int = 0) -> np.ndarray:
    """Sub-theme 3's members lie between its own direction and ``toward``'s."""
    return leaning_votes(N, MOODS, 3, toward)


def _follow(texts, square, votes, arrivals=None):
    return cm.follow_members(GROUPS, votes, square, SIZES, MOODS, KINDS, cm.term_shares(texts), 0.6, 300.0, 400.0,
                             arrivals=arrivals)


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_a_lone_sub_theme_joins_its_twin(texts):
    square, votes = _square(), _votes(0)
    assert cm.twins(votes, square, MOODS, KINDS)[3] == 0
    arrivals = np.zeros(N, dtype=bool)
    out = _follow(texts, square, votes, arrivals)
    assert out[3] == out[0] == out[1] == out[2]  # on the old code 3 stayed alone (``STAY``)
    assert SIZES[out == out[0]].sum() > 300.0  # past the ordinary cap: a second wording adds no claim
    assert arrivals.tolist() == [False, False, False, True, False, False]
    assert out[4] == out[5] != out[0]


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_a_lone_sub_theme_without_a_twin_stays_alone(texts):
    # nearest by distance to 4 (salty) while its members sit nearest 0: no twin, and a lone sub-theme stays
    square, votes = _square(near_three=4), _votes(0)
    assert cm.twins(votes, square, MOODS, KINDS)[3] == -1
    out = _follow(texts, square, votes)
    assert len(set(out[[0, 3, 4]].tolist())) == 3


def test_voted_parents_do_not_count_arrived_twins_against_the_cap():
    # two parents of one mood and kind whose members vote for each other; 1 and 3 are near-duplicates that arrived
    votes = np.array([[0.0, 0.4, 0.6, 0.0], [0.5, 0.0, 0.5, 0.0], [0.6, 0.0, 0.0, 0.4], [0.0, 0.5, 0.5, 0.0]])
    square = np.full((4, 4), 0.3)
    np.fill_diagonal(square, 0.0)
    sizes, groups = np.array([100.0, 50, 100, 50]), np.array([0, 0, 1, 1])
    moods, kinds = np.full(4, -1), np.zeros(4, dtype=np.int64)
    args = (groups, votes, square, sizes, moods, kinds, 0.6, 220.0, 1)
    assert len(set(cm.merge_voted_parents(*args).tolist())) == 2  # 300 items > the cap of 220
    arrived = np.array([False, True, False, True])
    assert len(set(cm.merge_voted_parents(*args, arrivals=arrived, ceiling=400.0).tolist())) == 1  # 200 counted
    assert len(set(cm.merge_voted_parents(*args, arrivals=arrived, ceiling=250.0).tolist())) == 2  # the ceiling

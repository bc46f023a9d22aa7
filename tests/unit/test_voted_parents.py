"""Two parents that say one thing in two wordings merge when their members say so: "送餐太慢" (slow) and "两个小时才送到"
(hours late) share no key term and lie beyond the cut, yet each is the other's first choice by its members' votes
(``theme_concepts.merge_voted_parents``). Never across moods or kinds, never past the ordinary cap, never on
one-sided votes.

Texts are written here; distances and votes are given directly so that the rule, not the embedding model, is what
is tested (real sets: bench/tree_quality.py)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import squareform

from analysis import theme_concepts as cm
from analysis.theme_tree import group_subthemes

ZH = [  # 0-1 slow (太慢); 2-3 hours late; 4-5 salty; 6-7 spills; 8-9 praise of taste; 10-11 courier thanks
    ["送餐太慢了", "太慢了，下次不点", "配送太慢", "真的太慢了", "太慢，差评", "慢死了，太慢"],
    ["速度太慢了", "送得太慢", "太慢了太慢了", "外卖太慢了", "太慢，催了三次", "每次都太慢"],
    ["两个小时才送到", "一个半小时才送来", "等了两个小时", "十二点下单两点才到", "整整两个小时", "三个小时才吃上"],
    ["等了一个小时", "一个多小时才到", "下单一小时还没到", "一个小时后才送来", "等了快一个小时", "足足一小时"],
    ["菜太咸了", "太油太咸", "咸得没法吃", "盐放多了", "咸死了", "很咸"],
    ["盐太多", "齁咸", "口味太重", "咸", "太咸了吧", "咸到发苦"],
    ["餐盒破了", "汤洒了", "包装漏了", "洒了一半", "袋子里全是汤", "盒子压坏了"],
    ["汤洒了一袋", "洒得到处都是", "漏了一半", "汤全洒了", "盒子漏汤", "洒了"],
    ["很好吃", "味道不错", "真香", "好吃", "味道正宗", "很棒"],
    ["好吃好吃", "味道很好", "香", "下次还点，好吃", "口味很赞", "好吃极了"],
    ["小哥辛苦了", "谢谢师傅", "骑手很热情", "小哥态度很好", "服务周到", "谢谢小哥"],
    ["师傅辛苦", "感谢小哥", "骑手辛苦了", "谢谢骑手", "小哥人很好", "辛苦了"],
]
EN = [
    ["Delivery too slow", "Too slow, never again", "So slow", "Way too slow", "Slow, bad", "Slow slow slow"],
    ["Delivery is slow", "Slow courier", "Too slow again", "Always slow", "Slow, called three times", "Slow as usual"],
    ["Two hours to arrive", "Came after an hour and a half", "Waited two hours", "Ordered at noon, came at two",
     "Two full hours", "Three hours for lunch"],
    ["Waited an hour", "Over an hour to come", "An hour and still nothing", "Came an hour later", "Nearly an hour",
     "A whole hour"],
    ["Too salty", "Salty and oily", "Way too much salt", "Salt everywhere", "Salty", "Very salty"],
    ["Much salt", "Salt overload", "Heavy salt", "Salt", "So salty", "Bitter with salt"],
    ["Box broke", "Soup spilled", "Leaking bag", "Half spilled", "Bag full of soup", "Crushed box"],
    ["Soup all over the bag", "Spilled everywhere", "Leaked half", "All spilled", "Leaking box", "Spilled"],
    ["Tasty", "Good taste", "Delicious", "Yummy", "Authentic taste", "Great food"],
    ["So tasty", "Tastes great", "Yum", "Will order again, tasty", "Lovely flavour", "Delicious food"],
    ["Thanks to the driver", "Thank you courier", "Friendly rider", "Kind driver", "Nice service", "Thanks"],
    ["Driver worked hard", "Thanks rider", "Rider was kind", "Thank you driver", "Nice courier", "Thanks a lot"],
]
MOODS = np.array([-1] * 8 + [1] * 4)
KINDS = np.where(MOODS < 0, 0, 3)
SIZES = np.full(12, 100)
PARENTS = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])


def _square() -> np.ndarray:
    """Pairs at 0.2; slow and hours late 0.5 apart (beyond a cut of 0.35, within 1.5x); the rest 0.9."""
    square = np.full((12, 12), 0.9)
    for a in range(0, 12, 2):
        square[a, a + 1] = square[a + 1, a] = 0.2
    square[np.ix_([0, 1], [2, 3])] = square[np.ix_([2, 3], [0, 1])] = 0.5
    np.fill_diagonal(square, 0.0)
    return square


def _votes(across: float = 0.3, back: float | None = None) -> np.ndarray:
    """Each sub-theme's members: 1 - ``across`` nearest to its pair, ``across`` to the slow / hours-late parent
    opposite (``back`` for the hours-late side; the other parents: their pair only)."""
    votes = np.zeros((12, 12))
    for k in range(12):
        votes[k, k ^ 1] = 1.0
    for k, other, share in [(0, 2, across), (1, 3, across), (2, 0, across if back is None else back),
                            (3, 1, across if back is None else back)]:
        votes[k, k ^ 1], votes[k, other] = 1.0 - share, share
    return votes


def _group(texts, votes, kinds=KINDS, max_share=0.34):
    return group_subthemes(squareform(_square(), checks=False), SIZES, 0.35, max_top=12, moods=MOODS,
                           max_share=max_share, concept=(kinds, cm.term_shares(texts)), votes=votes)


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_slow_and_hours_late_merge_when_their_members_vote_for_each_other(texts):
    out = _group(texts, _votes())
    assert out[0] == out[1] == out[2] == out[3]  # old code: two parents (beyond the cut, no key term in common)
    assert len({out[4], out[6], out[8], out[10], out[0]}) == 5  # nothing else merged
    assert (cm.merge_voted_parents(PARENTS, _votes(), _square(), SIZES, MOODS, KINDS, 0.525, np.inf, 5)
            == [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4]).all()


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_no_merge_on_one_sided_votes_other_kind_past_the_cap_or_beyond_reach(texts):
    assert _group(texts, _votes(0.3, back=0.05))[0] != _group(texts, _votes(0.3, back=0.05))[2]  # one-sided
    kinds = KINDS.copy()
    kinds[2:4] = 1  # hours late read as requests
    assert _group(texts, _votes(), kinds)[0] != _group(texts, _votes(), kinds)[2]
    capped = _group(texts, _votes(), max_share=0.3)  # together past the ordinary cap (400 > 360 items)
    assert capped[0] != capped[2]
    far = cm.merge_voted_parents(PARENTS, _votes(), _square(), SIZES, MOODS, KINDS, 0.45, np.inf, 5)  # stop < 0.5
    assert (far == PARENTS).all()

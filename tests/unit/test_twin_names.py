"""Near-duplicates held together by a name stay together: after the concept passes put a sub-theme beside its twin
(``theme_concepts.twins``), the last pass of ``group_subthemes`` (``theme_groups.attach_names``: each name-only
sub-theme re-placed alone by its members re-embedded without the name) no longer tears the pair apart. On
apple-tweets "Steve Jobs emails" and "Steve Jobs at the trial" were both name-only twins; each went to a different
parent by its name-less centroid, and so did the two automated "APPLE intraday" stock posts (bench/RESULTS.md,
"Session 12: slow12").

Texts are written here; distances and votes are given directly so that the rule, not the embedding model, is what
is tested."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import squareform

from analysis import theme_concepts as cm
from analysis.theme_groups import attach_names
from analysis.theme_tree import group_subthemes

ZH = [  # 0-1 name-only twins (a shop's name); 2-4 slow; 5-7 salty; 8-10 apart
    ["黄太吉", "黄太吉黄太吉", "又是黄太吉", "黄太吉的"],
    ["黄太吉啊", "还是黄太吉", "黄太吉呀", "点了黄太吉"],
    ["送餐太慢", "太慢了", "配送慢", "真慢"],
    ["速度太慢", "送得慢", "慢死了", "每次都慢"],
    ["送餐员太慢", "怎么这么慢", "太慢了吧", "配送速度慢"],
    ["菜太咸", "太油太咸", "咸得没法吃", "咸死了"],
    ["盐太多", "齁咸", "口味太重", "咸到发苦"],
    ["太咸了", "很咸", "咸", "盐放多了"],
    ["没有发票", "发票呢", "不给发票", "发票没开"],
    ["没有筷子", "筷子呢", "不给筷子", "少了筷子"],
    ["没有吸管", "吸管呢", "不给吸管", "少了吸管"],
]
EN = [
    ["Steve Jobs", "Steve Jobs again", "Steve Jobs, Steve Jobs", "About Steve Jobs"],
    ["Steve Jobs emails", "Steve Jobs said", "Steve Jobs trial", "Steve Jobs video"],
    ["Delivery too slow", "Too slow", "So slow", "Way too slow"],
    ["Slow courier", "Slow again", "Always slow", "Slow as usual"],
    ["The driver was slow", "Why so slow", "Slow service", "Painfully slow"],
    ["Too salty", "Salty and oily", "Way too much salt", "Very salty"],
    ["Much salt", "Salt overload", "Heavy salt", "Bitter with salt"],
    ["Salty", "So salty", "Salt", "Salt everywhere"],
    ["No invoice", "Where is the invoice", "Invoice missing", "No receipt"],
    ["No chopsticks", "Where are the chopsticks", "Chopsticks missing", "No cutlery"],
    ["No straw", "Where is the straw", "Straw missing", "No straws"],
]
N = 11
MOODS = np.full(N, -1)
KINDS = np.zeros(N, dtype=np.int64)
SIZES = np.full(N, 50)
NAMES = [0, 1]


def _square() -> np.ndarray:
    """The twins 0.05 apart and 0.3 from slow (2-4, 0.1 apart); salty (5-7) 0.1 apart; the rest 0.9."""
    square = np.full((N, N), 0.9)
    for group in ([2, 3, 4], [5, 6, 7]):
        square[np.ix_(group, group)] = 0.1
    square[np.ix_([0, 1], [2, 3, 4])] = square[np.ix_([2, 3, 4], [0, 1])] = 0.3
    square[0, 1] = square[1, 0] = 0.05
    np.fill_diagonal(square, 0.0)
    return square


def _name_less(one_to_salty: float = 0.8) -> np.ndarray:
    """Without the name, 0 reads nearer salty (0.2 vs 0.6) and 1 nearer slow (0.1 vs ``one_to_salty``)."""
    square = _square()
    for k, slow, salty in ((0, 0.6, 0.2), (1, 0.1 if one_to_salty > 0.2 else 0.8, one_to_salty)):
        square[k, [2, 3, 4]] = square[[2, 3, 4], k] = slow
        square[k, [5, 6, 7]] = square[[5, 6, 7], k] = salty
    return square


def _votes() -> np.ndarray:
    """Each sub-theme's members sit nearest its neighbours: the twins each other, slow and salty their siblings."""
    votes = np.zeros((N, N))
    votes[0, 1] = votes[1, 0] = 0.9
    for group in ([2, 3, 4], [5, 6, 7]):
        for k in group:
            votes[k, [j for j in group if j != k]] = 0.5
    return votes


def _group(texts, votes, names=NAMES, name_less=None):
    near = _name_less() if name_less is None else name_less
    return group_subthemes(squareform(_square(), checks=False), SIZES, 0.35, max_top=N, moods=MOODS,
                           attach=names, attach_distances=squareform(near, checks=False),
                           concept=(KINDS, cm.term_shares(texts)), votes=votes)


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_name_only_twins_stay_together(texts):
    votes = _votes()
    assert cm.twins(votes, _square(), MOODS, KINDS)[:2].tolist() == [1, 0]
    out = _group(texts, votes)
    assert out[0] == out[1] == out[2]  # old code: 0 re-attached to salty by its name-less centroid, 1 left with slow
    assert out[5] == out[6] == out[7] != out[2]
    moved = _group(texts, votes, name_less=_name_less(one_to_salty=0.15))  # both read nearer salty: both move
    assert moved[0] == moved[1] == moved[5] != moved[2]


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_a_name_only_sub_theme_stays_beside_its_content_twin(texts):
    out = _group(texts, _votes(), names=[0])  # 1 is a content sub-theme: it anchors its twin
    assert out[0] == out[1] == out[2]  # old code: 0 re-attached to salty


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_without_votes_each_name_only_sub_theme_is_still_re_placed(texts):
    out = _group(texts, None)  # no members' votes: no twins, the name-less centroids decide as before
    assert out[0] == out[5] and out[1] == out[2]


def test_a_name_only_pair_whose_nearest_parent_is_full_stays_together():
    # 0-1 name-only twins in a group of their own; nearest (0.3) to the full group of 2-4, far (0.9) from 5-7
    groups = np.array([9, 9, 0, 0, 0, 1, 1, 1])
    sizes = np.array([10, 10, 100, 100, 100, 10, 10, 10])
    square = np.full((8, 8), 0.9)
    square[np.ix_([0, 1], [2, 3, 4])] = square[np.ix_([2, 3, 4], [0, 1])] = 0.3
    square[0, 1] = square[1, 0] = 0.05
    np.fill_diagonal(square, 0.0)
    twin = np.array([1, 0, -1, -1, -1, -1, -1, -1])
    alone = attach_names(groups, [0, 1], square, sizes, None, 305.0, 2)
    assert alone[0] == alone[1] == 1  # each placed alone: past the full group to the far one
    paired = attach_names(groups, [0, 1], square, sizes, None, 305.0, 2, twin=twin)
    assert paired[0] == paired[1] == 9  # the pair stays where it is rather than going further
    roomy = attach_names(groups, [0, 1], square, sizes, None, 315.0, 2, twin=twin)
    assert roomy[0] == roomy[1] == 0  # 300 + the larger twin (10) fits: a second wording adds no claim

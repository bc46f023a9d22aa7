"""A plain complaint joins its near-duplicate parent past the type gap when both are firmly of one type, and a
mixed sibling does not hold it back (``theme_concepts.follow_members`` with ``firm``, ``theme_tree.firm_kinds``).

The case (the app's waimai sample, session 12): "送餐速度太慢" (a quarter of its members praise-typed: "慢, 饭还可以")
sat beside the mixed "配送速度" (speed remarks both ways) while most of its members sat nearest the main slow-delivery
parent. The guard it must not weaken (nlbse24): a sub-theme whose type only just leads stays out of a parent of
firm crash reports. Votes, distances and type mixes are written here so that the rule is what is tested."""
from __future__ import annotations

import numpy as np

from analysis import theme_concepts as cm
from analysis.theme_tree import MIXED_KIND, clear_kinds, firm_kinds, type_gaps
from tests.unit.concept_fixtures import distances

TEXTS = [  # 0-2 the main slow-delivery parent; 3 mixed speed remarks; 4-5 plain slow complaints beside it; 6-7 other
    ["两个小时才送到", "等了两个小时", "两个多小时才到"],
    ["送餐太慢了", "太慢了", "配送太慢"],
    ["一个半小时才送来", "晚了一个小时", "超时一个小时"],
    ["配送速度还行", "速度一般", "配送速度有点慢"],
    ["送餐速度太慢", "速度太慢,饭还可以", "送餐速度慢"],
    ["时间太长了", "送餐时间太长", "时间问题"],
    ["菜太咸了", "咸得没法吃", "太咸"],
    ["汤洒了", "餐盒破了", "洒了一半"],
]
GROUPS = np.array([0, 0, 0, 1, 1, 1, 2, 2])
MOODS = np.full(8, -1)
FIRM_MAIN = [0.80, 0.02, 0.02, 0.10, 0.06]  # problem / request / question / praise / other, lead 0.70
MIXED = [0.45, 0.03, 0.02, 0.42, 0.08]  # lead 0.03: no clear type
SENT = [0.8, 0.0, 0.2]


def _mixes(plain: list[float]) -> np.ndarray:
    types = [FIRM_MAIN] * 3 + [MIXED, plain, plain] + [FIRM_MAIN] * 2
    return np.array([SENT + t for t in types])


def _votes() -> np.ndarray:
    votes = np.zeros((8, 8))
    votes[0, [1, 2]] = votes[1, [0, 2]] = votes[2, [0, 1]] = 0.5
    votes[3, [4, 5]] = 0.5
    votes[4, [0, 1, 3, 5]] = [0.25, 0.25, 0.3, 0.2]  # half nearest the main parent, 0.3 the mixed sibling
    votes[5, [3, 4]] = 0.5
    votes[6, 7] = votes[7, 6] = 1.0
    return votes


def _square() -> np.ndarray:
    return distances(8, [(0, 1, 0.3), (0, 2, 0.3), (1, 2, 0.3), (3, 4, 0.3), (3, 5, 0.3), (4, 5, 0.3), (6, 7, 0.3),
                         (4, 0, 0.5), (4, 1, 0.5), (4, 2, 0.5)])


def _follow(mixes: np.ndarray, guard: bool = True) -> np.ndarray:
    kinds = clear_kinds(mixes)
    return cm.follow_members(GROUPS, _votes(), _square(), np.full(8, 60.0), MOODS, kinds, cm.term_shares(TEXTS),
                             0.6, 1e9, 1e9, type_gaps=type_gaps(mixes) if guard else None,
                             firm=firm_kinds(mixes) if guard else None)


def test_firm_and_mixed_kinds_are_read_from_the_lead():
    mixes = _mixes([0.62, 0.03, 0.02, 0.25, 0.08])  # lead 0.37
    assert clear_kinds(mixes)[3] == MIXED_KIND and clear_kinds(mixes)[4] == 0
    assert firm_kinds(mixes).tolist() == [True] * 3 + [False] + [True] * 4
    assert not firm_kinds(_mixes([0.58, 0.03, 0.02, 0.30, 0.07]))[4]  # lead 0.28: clear, not firm


def test_a_mixed_sibling_does_not_hold_a_plain_complaint_back():
    """No type guard: half its members sit nearest the main parent, 0.3 nearest the mixed sibling and 0.2 the
    plain one; only the plain sibling (its own kind) counts against the move (old code: 0.5 vs 0.5, no move)."""
    out = _follow(_mixes([0.62, 0.03, 0.02, 0.25, 0.08]), guard=False)
    assert out[4] == out[0] and out[3] == out[5] != out[0]
    assert out[6] == out[7] != out[0]


def test_a_firm_complaint_joins_a_firm_parent_past_the_type_gap():
    mixes = _mixes([0.62, 0.03, 0.02, 0.25, 0.08])
    gaps = type_gaps(mixes)
    assert gaps[4, :3].mean() > gaps[4, [3, 5]].mean()  # further in type mix than its siblings: the gap holds
    out = _follow(mixes)
    assert out[4] == out[0] and out[3] == out[5] != out[0]


def test_a_type_that_only_just_leads_stays_out_past_the_gap():
    """nlbse24's guard: a 0.28 lead is a type, not a firm one; the gap to the firm parent still blocks."""
    out = _follow(_mixes([0.58, 0.03, 0.02, 0.30, 0.07]))
    assert out[4] == out[3] == out[5] != out[0]


def test_a_firm_complaint_stays_out_of_a_parent_with_a_sub_theme_not_firm():
    mixes = _mixes([0.62, 0.03, 0.02, 0.25, 0.08])
    mixes[2, 3:] = [0.55, 0.03, 0.02, 0.33, 0.07]  # lead 0.22: clear, of the parent's kind, not firm
    out = _follow(mixes)
    assert out[4] == out[3] != out[0]


def test_the_second_plain_complaint_leaves_its_mixed_sibling_too():
    """Once "送餐速度太慢" has gone, "时间问题" is left in a pair with the mixed "配送速度": a pair with a sibling of
    another kind is no concept, so it may follow its members too (old code: a pair is never torn apart but for a
    twin). The mixed sub-theme stays on its own."""
    mixes = _mixes([0.62, 0.03, 0.02, 0.25, 0.08])
    square = _square()
    for j in (0, 1, 2):
        square[5, j] = square[j, 5] = 0.5
    votes = _votes()
    votes[5] = 0.0
    votes[5, [0, 3, 4]] = [0.3, 0.3, 0.4]  # 0.7 nearest the main parent once 4 is there
    out = cm.follow_members(GROUPS, votes, square, np.full(8, 60.0), MOODS, clear_kinds(mixes),
                            cm.term_shares(TEXTS), 0.6, 1e9, 1e9, type_gaps=type_gaps(mixes), firm=firm_kinds(mixes))
    assert out[4] == out[5] == out[0] and out[3] != out[0]
    assert (out == out[3]).sum() == 1 and out[6] == out[7] != out[3]

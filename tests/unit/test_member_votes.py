"""A sub-theme follows its members: it moves to the parent whose sub-themes most of its members sit nearest to,
even when no key term links it there and the grouping distance (centroid and shared words) keeps it elsewhere
("两个小时才送到" beside "饭都凉了" rather than under "送餐太慢"; "Best app ever" beside trip reviews rather than
under "Great app"). Never across moods or kinds, never tearing a pair apart (``theme_concepts.follow_members``).

Texts and vectors are written here; distances are given directly so that the rule, not the embedding model, is
what is tested (real sets: bench/tree_quality.py)."""
from __future__ import annotations

import numpy as np
from scipy.spatial.distance import squareform

from analysis import theme_concepts as cm
from analysis.theme_tree import group_subthemes
from tests.unit.concept_fixtures import distances

ZH = [  # 0-2 say "slow" with 太慢; 3 says it in hours; 4-5 cold food; 6-8 other complaints; 9-11 praise
    ["送餐太慢了", "太慢了，下次不点", "配送太慢", "真的太慢了", "太慢，差评", "慢死了，太慢"],
    ["速度太慢了", "送得太慢", "太慢了太慢了", "外卖太慢了", "太慢，催了三次", "每次都太慢"],
    ["送餐员太慢了", "太慢，饿死了", "怎么这么慢", "太慢了吧", "慢得要命", "配送速度太慢"],
    ["两个小时才送到", "一个半小时才送来", "等了九十分钟", "十二点下单两点才到", "整整两个钟头", "三点才吃上午饭"],
    ["饭都凉了", "菜凉透了", "送来就冷了", "汤是凉的", "米饭冰凉", "凉的没法吃"],
    ["饭菜都凉了", "凉了不好吃", "冷冰冰的", "全凉了", "送到都凉了", "菜是冷的"],
    ["菜太咸了", "太油太咸", "咸得没法吃", "盐放多了", "咸死了", "很咸"],
    ["餐盒破了", "汤洒了", "包装漏了", "洒了一半", "袋子里全是汤", "盒子压坏了"],
    ["分量太少", "量少得可怜", "吃不饱", "菜少", "分量缩水", "就几块肉"],
    ["很好吃", "味道不错", "真香", "好吃", "味道正宗", "很棒"],
    ["小哥辛苦了", "谢谢师傅", "骑手很热情", "小哥态度很好", "服务周到", "谢谢小哥"],
    ["送得很快", "速度很快", "很快就到了", "配送很快", "半小时就到", "速度快"],
]
EN = [  # 0-2 generic praise of the app; 3 praise of trip reviews; 4-5 hotel praise; 6-8 complaints; 9-11 more praise
    ["Great app", "Great app, love it", "Really great app", "Great app for everyone", "Great app!", "A great app"],
    ["Love this app", "I love this app", "Love the app", "Love it, great app", "Love this app so much", "Love it"],
    ["Best app ever", "Best app I have", "The best app", "Best app on my phone", "Simply the best app", "Best"],
    ["Awesome, does what it should", "Amazing, five stars", "Perfect, nothing to add", "Excellent", "Superb", "Wow"],
    ["Trip reviews are helpful", "Good hotel reviews", "Reviews of places helped", "Trip reviews", "Hotels", "Trips"],
    ["Found a great hotel", "Hotel deals are good", "Booked a hotel", "Hotel prices", "Hotel photos", "Hotel"],
    ["It keeps crashing", "Crashes on start", "Crash after update", "Crashes a lot", "Crashing", "It crashed"],
    ["Cannot log in", "Login fails", "Password reset broken", "Cannot sign in", "Login error", "Log in loop"],
    ["Too many ads", "Ads everywhere", "Full screen ads", "Remove the ads", "Ads ads ads", "Ad after ad"],
    ["Photos look nice", "Nice photo filters", "Photo editing is good", "Good photos", "Nice photos", "Photos"],
    ["Chat with family", "Calls to friends work", "Talk to my family", "Family chat", "Friends", "Chatting"],
    ["Fast and light", "Quick to load", "Very fast", "Light on battery", "Fast", "Loads fast"],
]
MOODS = np.array([-1] * 9 + [1] * 3)
EN_MOODS = np.array([1] * 6 + [-1] * 3 + [1] * 3)
GROUPS = np.array([0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7])  # 3 sits with 4-5 (zh: cold food; en: trips and hotels)
EN_GROUPS = np.array([0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7])


def _near_slow(n: int) -> np.ndarray:
    """3 is nearer its siblings 4 and 5 by the grouping distance (they share words and length), still within
    reach of 0-2."""
    return distances(n, [(0, 1, 0.3), (0, 2, 0.3), (1, 2, 0.3), (3, 4, 0.3), (3, 5, 0.3), (4, 5, 0.3),
                       (3, 0, 0.5), (3, 1, 0.5), (3, 2, 0.5)])


def _vectors(n: int, target: int, rng: np.random.Generator, per: int = 30) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(documents' vectors, their sub-theme, centroids): sub-theme ``target``'s members lie between its own
    direction and sub-theme 0's, nearer 0 than any other sub-theme."""
    centroids = np.eye(n + 1)[:n] * 1.0
    docs, labels = [], []
    for k in range(n):
        for _ in range(per):
            v = centroids[k] + 0.05 * rng.standard_normal(n + 1)
            if k == target:
                v = centroids[k] + 0.8 * centroids[0] + 0.05 * rng.standard_normal(n + 1)
            docs.append(v / np.linalg.norm(v))
            labels.append(k)
    return np.array(docs), np.array(labels), centroids


def _follow(texts, moods, groups, square, votes, kinds=None, max_items=1e9):
    sizes = np.full(len(texts), 60)
    kinds = np.where(moods < 0, 0, 3) if kinds is None else kinds
    return cm.follow_members(groups, votes, square, sizes, moods, kinds, cm.term_shares(texts), 0.6, max_items,
                             1e9)


def test_members_vote_for_the_sub_theme_they_sit_nearest_to_never_of_the_other_mood():
    n = len(ZH)
    docs, labels, centroids = _vectors(n, 3, np.random.default_rng(1))
    votes = cm.member_votes(docs, labels, centroids, MOODS, np.random.default_rng(0))
    assert votes[3, 0] > 0.9  # "in hours" members sit nearest to "太慢"
    assert np.allclose(votes.sum(axis=1), 1.0) and (np.diag(votes) == 0).all()  # never their own sub-theme
    praise_near = docs.copy()
    praise_near[labels == 9] = centroids[9] + 0.9 * centroids[1]  # praise members near a complaint sub-theme
    votes = cm.member_votes(praise_near / np.linalg.norm(praise_near, axis=1, keepdims=True), labels, centroids,
                            MOODS, np.random.default_rng(0))
    assert votes[9, MOODS < 0].sum() == 0.0  # they vote among praise only


def test_hours_late_follows_its_members_to_the_slow_parent_chinese():
    n = len(ZH)
    docs, labels, centroids = _vectors(n, 3, np.random.default_rng(1))
    votes = cm.member_votes(docs, labels, centroids, MOODS, np.random.default_rng(0))
    out = _follow(ZH, MOODS, GROUPS, _near_slow(n), votes)
    assert out[3] == out[0] and out[4] == out[5] != out[0]
    assert len(set(out.tolist())) == len(set(GROUPS.tolist()))  # nothing else moved


def test_generic_praise_follows_its_members_to_the_praise_parent_english():
    n = len(EN)
    docs, labels, centroids = _vectors(n, 3, np.random.default_rng(2))
    votes = cm.member_votes(docs, labels, centroids, EN_MOODS, np.random.default_rng(0))
    out = _follow(EN, EN_MOODS, EN_GROUPS, _near_slow(n), votes)
    assert out[3] == out[0] and out[4] == out[5] != out[0]


def test_no_move_across_kind_nor_out_of_a_pair_nor_too_far_nor_past_the_cap():
    n = len(ZH)
    docs, labels, centroids = _vectors(n, 3, np.random.default_rng(1))
    votes = cm.member_votes(docs, labels, centroids, MOODS, np.random.default_rng(0))
    square = _near_slow(n)
    kinds = np.where(MOODS < 0, 0, 3)
    kinds[3] = 1  # "in hours" read as a request: another kind than the slow parent's problems
    assert (_follow(ZH, MOODS, GROUPS, square, votes, kinds) == GROUPS).all()
    pair = GROUPS.copy()
    pair[5] = 8  # 3 with 4 only: a pair is not torn apart
    assert _follow(ZH, MOODS, pair, square, votes)[3] == _follow(ZH, MOODS, pair, square, votes)[4]
    far = square.copy()
    far[3, :3] = far[:3, 3] = 0.8  # beyond reach (``stop`` 0.6)
    assert (_follow(ZH, MOODS, GROUPS, far, votes) == GROUPS).all()
    # the slow parent holds 180 items; with 3 it would hold 240: past an ordinary cap of 200 unless one concept
    texts = [list(t) for t in ZH]
    texts[3] = ["十二点下单两点才到", "下午才吃上", "三点才到", "等到三点", "一点半才来", "晚饭变夜宵"]
    assert (_follow(texts, MOODS, GROUPS, square, votes, max_items=200) == GROUPS).all()


def test_grouping_with_votes_keeps_hours_late_under_the_slow_parent():
    n = len(ZH)
    docs, labels, centroids = _vectors(n, 3, np.random.default_rng(1))
    votes = cm.member_votes(docs, labels, centroids, MOODS, np.random.default_rng(0))
    sizes = np.full(n, 60)
    kinds = np.where(MOODS < 0, 0, 3)
    square = _near_slow(n)
    args = dict(max_top=n, moods=MOODS, max_share=0.5, concept=(kinds, cm.term_shares(ZH)))
    without = group_subthemes(squareform(square, checks=False), sizes, 0.35, **args)
    assert without[3] == without[4] != without[0]  # the grouping distance alone keeps it with cold food
    grouped = group_subthemes(squareform(square, checks=False), sizes, 0.35, votes=votes, **args)
    assert grouped[3] == grouped[0] and grouped[4] == grouped[5] != grouped[0]

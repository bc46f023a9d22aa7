"""One concept, one parent: near-duplicate sub-themes of one concept end under one parent even past the
ordinary size cap; two concepts that only share a generic word do not (``analysis.theme_concepts``).

The sub-themes' texts are written here; distances are given directly so that the rule, not the embedding,
is what is tested (the grouping of real vectors is measured in bench/tree_quality.py)."""
from __future__ import annotations

import numpy as np
from scipy.spatial.distance import squareform

from analysis import theme_concepts as cm
from analysis.theme_tree import group_subthemes

SLOW = [  # three wordings of slow delivery
    ["送餐太慢了，等了两个小时", "太慢了，一个半小时才送到", "配送太慢，饿死了", "下午一点才送到，太慢", "送得太慢了",
     "等了好久，太慢了", "太慢了，下次不点了", "十二点下单，两点才到，太慢"],
    ["一个多小时才送到，太慢", "两个小时才送来，太慢了", "太慢了，整整九十分钟", "等了一个小时，太慢",
     "送餐太慢，饭都凉了", "速度太慢了", "太慢，等到饿过头", "真的太慢了"],
    ["太慢了太慢了", "配送速度太慢", "送餐员太慢了", "每次都这么慢，太慢了", "太慢，差评", "外卖太慢了",
     "太慢，催了三次", "慢死了，太慢了"],
]
COMPLAINTS = [  # other complaints: slow delivery is one concept among many, as in real feedback
    ["菜太咸了", "太油太咸", "味道很重，很咸", "咸得没法吃", "盐放多了", "咸死了"],
    ["餐盒破了，汤洒了", "包装漏了", "汤都洒在袋子里", "盒子压坏了", "洒了一半", "袋子里全是汤"],
    ["价格偏高，不值", "性价比低", "这么贵", "涨价了", "贵死了", "不值这个价"],
    ["饭菜都凉了", "汤是凉的", "菜冷冰冰", "米饭凉透了", "送来就冷了", "凉的没法吃"],
    ["分量太少", "就几块肉", "量少得可怜", "吃不饱", "菜少", "分量缩水"],
    ["送错餐了", "点的鸡肉给了牛肉", "少了一份", "订单错了", "送错地址", "漏了饮料"],
    ["没给筷子", "没有勺子", "餐具没给", "忘了放筷子", "没有纸巾", "缺餐具"],
    ["肉不新鲜", "有异味", "菜是坏的", "吃了拉肚子", "鸡蛋臭了", "不新鲜"],
    ["要发票不给", "发票没开", "开不了发票", "发票写错", "没有发票", "发票拖了一周"],
    ["客服态度差", "商家骂人", "电话里很凶", "服务态度恶劣", "不理人", "态度很差"],
    ["有头发", "吃出虫子", "不卫生", "有异物", "脏", "饭里有石子"],
]
PRAISE = [
    ["很好吃，味道不错", "菜很香，好吃", "味道很棒", "好吃，分量足", "味道正宗", "真香"],
    ["送餐小哥很辛苦，谢谢", "小哥态度很好", "骑手很热情", "谢谢师傅", "小哥辛苦了", "服务周到"],
    ["送得很快", "速度很快，点赞", "半小时就到了", "配送很快", "很快就送到了", "速度快"],
]


def _grouping(texts, sizes, moods, kinds, square, cut, concept=True):
    shares = cm.term_shares(texts)
    return group_subthemes(squareform(square, checks=False), sizes, cut, max_top=len(sizes), moods=moods,
                           max_share=0.15, concept=(kinds, shares) if concept else None)


def _slow_case():
    texts = SLOW + COMPLAINTS + PRAISE
    n = len(texts)
    sizes = np.full(n, 60)
    sizes[:3] = 80  # each slow one 7.4% of the items, the three 22%: past the ordinary cap (15%)
    moods = np.array([-1] * (3 + len(COMPLAINTS)) + [1] * len(PRAISE))
    kinds = np.where(moods < 0, 0, 3)  # problem / praise
    square = np.full((n, n), 0.9)
    square[:3, :3] = 0.3  # near-duplicates, just past the ordinary cut (0.25)
    np.fill_diagonal(square, 0.0)
    return texts, sizes, moods, kinds, square


def test_a_concept_larger_than_the_cap_lands_under_one_parent():
    texts, sizes, moods, kinds, square = _slow_case()
    plain = _grouping(texts, sizes, moods, kinds, square, 0.25, concept=False)
    assert len(set(plain[:3].tolist())) == 3  # the cap (and the cut) keep the three apart
    groups = _grouping(texts, sizes, moods, kinds, square, 0.25)
    assert len(set(groups[:3].tolist())) == 1
    share = sizes[groups == groups[0]].sum() / sizes.sum()
    assert 0.15 < share <= cm.CONCEPT_SHARE  # past the ordinary cap, within the concept ceiling
    assert set(np.flatnonzero(groups == groups[0]).tolist()) == {0, 1, 2}  # only the concept's sub-themes
    assert np.array_equal(groups, _grouping(texts, sizes, moods, kinds, square, 0.25))  # deterministic


def test_a_concept_never_crosses_moods_nor_passes_its_ceiling():
    texts, sizes, moods, kinds, square = _slow_case()
    mixed = moods.copy()
    mixed[2] = 1  # the third one praise: it stays out
    groups = _grouping(texts, sizes, mixed, kinds, square, 0.25)
    assert groups[0] == groups[1] != groups[2]
    big = sizes.copy()
    big[:3] = 200  # together 600 of 1,440 items (42%): past the concept ceiling too
    capped = _grouping(texts, big, moods, kinds, square, 0.25)
    assert len(set(capped[:3].tolist())) == 2  # two of them (28%) join, the third cannot
    assert np.bincount(capped, weights=big).max() <= cm.CONCEPT_SHARE * big.sum()


CRASH = ["the app crashes when I open it", "app crashes on start", "the app keeps crashing",
         "crashes every time, app useless",
         "app crashed again", "constant crashes in the app", "app crash after update", "it crashes, fix the app"]
LOGIN = ["cannot log in to the app", "app login fails", "the app says wrong password", "login broken in the app",
         "app won't let me sign in", "password reset in the app fails", "app login error", "can't log in, app useless"]
APP_PEERS = [  # more complaints that say "app": the word is generic among them
    ["the app drains my battery", "battery dies because of the app", "app eats battery", "battery drain from this app"],
    ["too many ads in the app", "app full of ads", "ads everywhere in this app", "the app shows ads all the time"],
    ["the app is slow to load", "app takes ages to load", "slow app, loading forever", "loading the app is slow"],
    ["app notifications never arrive", "no notifications from the app", "app stopped notifying me",
     "notifications broken in app"],
    ["payment in the app fails", "app charged me twice", "app refund never came", "app billing is wrong"],
    ["search in the app finds nothing", "app search is useless", "search results in the app are wrong",
     "app search broken"],
    ["the app camera is blurry", "camera in the app freezes the photo", "app photos look bad", "camera quality in app"],
    ["the app needs internet all the time", "app useless offline", "no offline mode in the app",
     "app won't work offline"],
]


def _app_case(second):
    texts = [CRASH, second] + APP_PEERS
    n = len(texts)
    sizes = np.full(n, 50)
    moods = np.full(n, -1)
    kinds = np.zeros(n, np.int64)
    square = np.full((n, n), 0.9)
    square[0, 1] = square[1, 0] = 0.3
    np.fill_diagonal(square, 0.0)
    return _grouping(texts, sizes, moods, kinds, square, 0.25)


def test_two_concepts_that_share_only_a_generic_word_stay_apart():
    groups = _app_case(LOGIN)
    assert groups[0] != groups[1]  # "app" is in every text, yet crashes and logins are not one concept
    twins = _app_case([t.replace("log in", "open").replace("login", "crash").replace("sign in", "start")
                       .replace("password", "crashes").replace("useless", "crashes") for t in LOGIN])
    assert twins[0] == twins[1]  # the same setting with a term key to both does join


SPILL = [["餐盒破了，汤洒了一袋子", "汤洒了，袋子里全是", "包装漏了，洒了一半", "盒子没盖好，洒了", "洒得到处都是",
          "汤洒在袋子里", "餐盒漏汤", "洒了好多"],
         ["汤都洒了", "洒了一袋子", "包装太差，洒了", "盒子破了，洒出来", "洒了，没法吃", "饮料洒了",
          "打开全洒了", "洒的满袋子"]]


def _mixed_parent_case(near_siblings: float):
    """Sub-themes 0-1 spills, 2-4 slow delivery, then other complaints; the linkage put slow one (2) with the
    spills. ``near_siblings``: its distance to the spills (its distance to the other slow ones is 0.3)."""
    texts = SPILL + SLOW + COMPLAINTS
    n = len(texts)
    sizes = np.full(n, 50)
    moods = np.full(n, -1)
    kinds = np.zeros(n, np.int64)
    square = np.full((n, n), 0.9)
    square[:2, :2] = 0.25
    square[2:5, 2:5] = 0.3
    square[2, :2] = square[:2, 2] = near_siblings
    np.fill_diagonal(square, 0.0)
    groups = np.array([0, 0, 0, 1, 1] + list(range(2, n - 3)))
    return texts, sizes, moods, kinds, square, groups


def _leave(texts, sizes, moods, kinds, square, groups):
    return cm.leave_mixed(groups, square, sizes, moods, kinds, cm.term_shares(texts), 0.6, 0.15 * sizes.sum(),
                          cm.CONCEPT_SHARE * sizes.sum())


def test_a_sub_theme_leaves_a_mixed_parent_for_its_concepts_parent():
    case = _mixed_parent_case(0.3)
    groups = _leave(*case)
    assert groups[2] == groups[3] == groups[4] != groups[0]  # slow delivery together, spills apart
    assert groups[0] == groups[1]
    assert np.array_equal(groups, _leave(*case))  # deterministic


def test_a_sub_theme_stays_when_nearer_its_siblings_or_of_the_other_mood():
    groups = _leave(*_mixed_parent_case(0.15))  # closer to the spills than to the slow parent: not moved
    assert groups[2] == groups[0] != groups[3]
    texts, sizes, moods, kinds, square, start = _mixed_parent_case(0.3)
    moods[3:5] = 1  # the other slow parent is praise (another mood, another kind): never joined
    kinds[3:5] = 3
    groups = _leave(texts, sizes, moods, kinds, square, start)
    assert groups[2] == groups[0] != groups[3]


def test_a_term_key_to_one_sub_theme_only_does_not_merge_parents(monkeypatch):
    layer = ["add a layer option", "the layer api", "layer support please", "new layer type", "layer export",
             "custom layer", "layer norm request", "layer docs"]
    weak = ["distributed training support", "multi gpu training", "training on tpu", "faster training",
            "layer checkpoints", "a layer for training", "training resume", "training metrics"]
    texts = [layer, weak] + APP_PEERS
    n = len(texts)
    sizes = np.full(n, 50)
    moods = np.full(n, -1)
    kinds = np.zeros(n, np.int64)
    square = np.full((n, n), 0.9)
    square[0, 1] = square[1, 0] = 0.3
    np.fill_diagonal(square, 0.0)
    args = (square, sizes, moods, kinds, cm.term_shares(texts), 0.6, 0.3 * sizes.sum())
    groups = cm.merge_parents(np.arange(n), *args, 5)
    assert groups[0] != groups[1]  # "layer" is key to one of them, merely used by the other
    monkeypatch.setattr(cm, "KEY_TIMES", 1)
    groups = cm.merge_parents(np.arange(n), *args, 5)
    assert groups[0] == groups[1]  # the session-8 rule joined them

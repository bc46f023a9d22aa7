"""Category names for a top-level theme whose sub-themes share no word (``parent_fit.fit``'s last options).

A person names such a parent by the category its children are kinds of: crashes, segfaults and overflows are
"Crashes"; packaging and a spilt soup are 包装问题. ``category`` picks the category of ``CATEGORIES`` whose cue
words the parent's members say (any cue counts: a segfault report says "segmentation", a crash report "crash"):
two or more children holding ``BREADTH`` of its items say them (each in ``CHILD_SHARE`` of its texts), and the
parent's texts say them ``CATEGORY_LIFT`` times as often as the other parents' (not "App" over app reviews), framed by
the parent's mood: "Crashes", "Notification problems", "Praise for the design", 包装问题, 配送好评; two joined when the
best leaves ``SECOND_GAIN`` of the items to another (包装、漏送问题), or when neither covers half of them but the two
cover most (``_pair_over_half``). In the language most of its members write (``chinese``).
Grounded in members' words, like every parent label; a category no cue of which the members say is never offered.

When no category fits, ``other`` names the parent as what it is, the theme of the feedback of that mood that fits no
category: "Other problems", "Other praise", "Other feedback" (其他问题, 其他好评, 其他反馈), one per mood (its
siblings' labels are taken); the last becomes "Other requests" (其他建议) over mostly requests (``request_frame``). Only after that the count form ("Page problems, and 5 more"), whose praise frame
``parent_fit._more`` keeps.
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple, Sequence

from .parent_labels import BREADTH, Said, _token_term


class Category(NamedTuple):
    bare: str  # no mood: "Crashes", 配送
    problem: str | None  # complaint: "Crash problems"... None: the bare name says it ("Crashes")
    praise: str | None  # praise: "Praise for the design"; None: never praise (ads, crashes)
    cues: tuple[str, ...]  # words members write (English inflections listed: matched as the text's terms)
    #: English endings of names of a kind (NullPointerException, KeyError): a longer word ending so is a cue too
    suffixes: tuple[str, ...] = ()


def _cat(bare: str, problem: str | None, praise: str | None, cues: str, suffixes: str = "") -> Category:
    return Category(bare, problem, praise, tuple(cues.split()), tuple(suffixes.split()))


#: The categories a PM briefs from (app and product reviews, issue trackers, food delivery).
CATEGORIES: tuple[Category, ...] = (
    _cat("Notifications", "Notification problems", "Praise for notifications",
         "notification notifications notify notified alert alerts reminder reminders"),
    _cat("Performance", "Performance problems", "Praise for speed",
         "slow slowly slower slowness lag laggy lagging performance memory ram battery cache cached caching disk "
         "speed faster multiprocessing"),
    _cat("Loading", "Loading problems", None, "load loads loading loaded open opens opening launch launching startup"),
    _cat("Updates", "Update problems", "Praise for the update", "update updates updated updating upgrade upgraded"),
    _cat("Crashes", None, None, "crash crashes crashing crashed segfault segmentation overflow abort aborted fatal "
                                "freeze freezes freezing frozen hang hangs"),
    _cat("Errors and exceptions", None, None,
         "exception exceptions traceback attributeerror typeerror valueerror keyerror importerror oserror "
         "runtimeerror indexerror nonetype unicodedecodeerror modulenotfounderror filenotfounderror connectionerror "
         "httperror npe stacktrace", "exception error"),  # any language's exception class: NullPointerException
    _cat("Ads", "Ad problems", None, "ad ads advert adverts advertisement advertisements advertising commercials"),
    _cat("Pricing", "Pricing problems", "Praise for the price",
         "price prices pricing subscription subscriptions subscribe pay paid paying payment payments money premium "
         "cost costs refund charge charged charges expensive cheap purchase purchased"),
    _cat("Login and account", "Login and account problems", None,
         "login logins logged password passwords account accounts signin verification verify"),
    _cat("Install and build", "Install and build problems", None,
         "install installed installing installation build builds building compile compiling compilation compiler "
         "pip cmake linker wheel wheels dependency dependencies"),
    _cat("Tests", "Test problems", None, "test tests testing pytest unittest ci"),
    _cat("Documentation", "Documentation problems", "Praise for the docs",
         "doc docs documentation documented readme tutorial tutorials typo typos docstring docstrings"),
    _cat("Sync and backup", "Sync and backup problems", None,
         "sync syncing synced synchronization backup backups restore restored"),
    _cat("Photos and videos", "Photo and video problems", "Praise for photos and videos",
         "photo photos picture pictures video videos camera image images"),
    _cat("Music and playlists", "Music and playlist problems", "Praise for the music",
         "song songs music playlist playlists album albums artist artists shuffle lyrics"),
    _cat("Star ratings", None, "High star ratings", "star stars rating ratings rate rated"),  # complaints give 5 too
    _cat("Sound", "Sound problems", "Praise for the sound", "sound sounds audio music volume speaker speakers"),
    _cat("Customer support", "Customer support problems", "Praise for customer support",
         "support customer staff reply replied response responded agent"),
    _cat("Delivery", "Delivery problems", "Praise for delivery",
         "delivery deliveries deliver delivered shipping shipped courier driver arrived"),
    _cat("Design", "Design problems", "Praise for the design",
         "design interface ui layout theme themes font fonts color colors colour icon icons"),
    _cat("Messaging", "Messaging problems", None, "message messages messaging chat chats inbox"),
    _cat("Files and downloads", "File and download problems", None,
         "file files json csv parquet url urls path paths folder download downloads downloading upload uploading"),
    _cat("Gameplay", "Gameplay problems", "Praise for the game", "game games gameplay level levels player players"),
    _cat("配送", "配送问题", "配送好评", "配送 送餐 送达 送到 送来 骑手 小哥 快递 外卖员 送货 超时 迟到 准时 及时"),
    _cat("口味", "口味问题", "口味好评", "味道 口味 咸 淡 辣 甜 油腻 难吃 好吃 入味 腥 酸"),
    _cat("菜品", "菜品问题", "菜品好评", "菜品 菜 米饭 饭 粥 汤 肉 面 饼 鸡 鱼 虾 新鲜"),
    _cat("包装", "包装问题", "包装好评", "包装 盒子 餐盒 袋子 洒 撒 漏 打包 盖子 保温"),
    _cat("漏送", "漏送问题", None, "没送 少送 漏送 没给 忘了 忘记 筷子 餐具 发票 少了"),
    _cat("服务", "服务问题", "服务好评", "服务 态度 客服 商家 电话 老板 热情"),
    _cat("价格", "价格问题", "价格好评", "价格 贵 便宜 实惠 优惠 红包 性价比 价钱 划算"),
    _cat("分量", "分量问题", "分量好评", "分量 份量 量少 量足 量大 太少 不够吃"),
    _cat("闪退", "闪退问题", None, "闪退 崩溃 打不开 死机"),
    _cat("性能", "性能问题", "性能好评", "卡顿 很卡 太卡 卡死 加载 耗电 内存"),
    _cat("登录和账号", "登录和账号问题", None, "登录 登陆 账号 密码 验证码 注册"),
    _cat("广告", "广告问题", None, "广告"),
    _cat("通知", "通知问题", None, "通知 推送 提醒"),
)
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
#: English categories and their Chinese twins: a parent whose members write both languages says a category in
#: either (登录失败 and "logged out" are both login problems), so each one's cues count for the other.
TWINS = {"Notifications": "通知", "Performance": "性能", "Crashes": "闪退", "Ads": "广告", "Pricing": "价格",
         "Login and account": "登录和账号", "Customer support": "服务", "Delivery": "配送"}
#: A child is of a category when this share of its sampled texts say one of its cues (higher than a head term's
#: ``parent_labels.CHILD_SHARE``: a cue said in passing, "see the docs", is not what a child is about).
CHILD_SHARE = 0.25
#: ...and names a parent whose texts say its cues this many times as often as the other parents' (a claim's lift,
#: ``parent_labels.CLAIM_LIFT``, lower than a head term's 2 since each child must say the cues more): "Files and
#: downloads" over JSON, URL and push errors in a tracker where files are said everywhere (1.9x).
CATEGORY_LIFT = 1.5


def _saying(cat: Category, said: Said, twins: bool = False):
    """A test of whether a text says one of a category's cues, or (``twins``) its twin's (``TWINS``); Chinese: as
    a substring; English: as a term, or a longer word with one of its ``suffixes``."""
    twin = _twin(cat) if twins else None
    cues = cat.cues + (twin.cues if twin else ())
    ends = cat.suffixes + (twin.suffixes if twin else ())
    zh_cues = [c for c in cues if _HAS_CJK.search(c)]
    pattern = re.compile("|".join(map(re.escape, zh_cues))) if zh_cues else None
    keys = frozenset(k for c in cues if not _HAS_CJK.search(c) and (k := _token_term(c)))
    if not keys and not ends:
        return lambda text: pattern is not None and pattern.search(text) is not None

    def english(text: str) -> bool:
        terms = said.terms(text)
        return not keys.isdisjoint(terms) or any(
            len(t) > len(e) + 2 and t.endswith(e) and t.isalpha() for t in terms for e in ends)
    return lambda text: ((pattern is not None and _HAS_CJK.search(text) is not None and pattern.search(text) is not None)
                         or english(text))


def _twin(cat: Category) -> Category | None:
    name = TWINS.get(cat.bare) or next((en for en, zh in TWINS.items() if zh == cat.bare), None)
    return next((c for c in CATEGORIES if c.bare == name), None) if name else None


def _share(test, texts) -> float:
    return sum(map(test, texts)) / len(texts) if texts else 0.0


def framed(cat: Category, mood: int) -> str | None:
    """A category's name in the parent's mood; None where it has no praise form (ads are never praised)."""
    if mood > 0:
        return cat.praise
    if mood < 0:
        return cat.problem or cat.bare
    return cat.bare


#: A parent whose members write one language by this margin over half (60%) is labelled in it, whatever its
#: children are labelled in; closer than that, the language its children's labels are in decides.
LANGUAGE_MARGIN = 0.1


def chinese_share(texts: Sequence[Sequence[str]], sizes: Sequence[int] = ()) -> float:
    """Share of a parent's items written in Chinese: each child's sampled texts, weighted by its size."""
    weights = list(sizes) if len(sizes) == len(texts) else [len(g) for g in texts]
    total = float(sum(w for w, g in zip(weights, texts) if g))
    if not total:
        return 0.0
    return sum(w * sum(bool(_HAS_CJK.search(t)) for t in g) / len(g) for w, g in zip(weights, texts) if g) / total


def chinese(texts: Sequence[Sequence[str]], child_labels: Sequence[str] = (), sizes: Sequence[int] = ()) -> bool:
    """Whether the parent reads as Chinese: most of its members write Chinese (by ``LANGUAGE_MARGIN``: a Chinese
    label over members who mostly write English is wrong, whatever one large child is labelled in); when the
    two languages are near even, children holding most of its items are labelled in Chinese (the labels a PM
    reads beside it), else most of its texts."""
    share = chinese_share(texts, sizes)
    if abs(share - 0.5) >= LANGUAGE_MARGIN:
        return share > 0.5
    if child_labels:
        zh = sum(n for label, n in zip(child_labels, sizes) if _HAS_CJK.search(label or ""))
        if zh * 2 != sum(sizes):
            return zh * 2 > sum(sizes)
    return share > 0.5


def written_in(label: str, zh: bool) -> bool:
    """Whether a label reads in the language ``zh`` says: a Chinese label holds a Chinese character; an English
    label of one token (a name: SSO, iOS) reads in either."""
    if bool(_HAS_CJK.search(label or "")) == zh:
        return True
    return zh and len((label or "").split()) == 1


def category(texts, sizes, other_texts, mood: int, said: Said, usable=lambda label: True,
             child_labels: Sequence[str] = (), twins: bool = False) -> str | None:
    """The best category of ``CATEGORIES`` in the parent's language whose cues members say (module docstring),
    framed by ``mood``, that ``usable`` accepts (not a sibling's); two joined ("包装、漏送问题", "Install, build
    and tests") when the best covers less than ``SECOND_BELOW`` of the items and another covers children holding
    ``SECOND_GAIN`` of them that it misses; ``twins``: its twin's cues count too (a parent whose label was in the
    language its members do not mostly write: what the others write of it is said of it too). None when none
    fits."""
    flat = [t for g in texts for t in g]
    if not flat:
        return None
    zh = chinese(texts, child_labels, sizes)
    floor = 1.0 / max(1, len(other_texts))
    total = float(sum(sizes)) or 1.0
    found = []  # (score, bare, category, covered children)
    for cat in CATEGORIES:
        if framed(cat, mood) is None or bool(_HAS_CJK.search(cat.bare)) != zh:
            continue
        test = _saying(cat, said, twins)
        shares = [_share(test, g) for g in texts]
        covered = frozenset(k for k, s in enumerate(shares) if s >= CHILD_SHARE)
        inside = sum(s * n for s, n in zip(shares, sizes)) / total
        if not covered:
            continue
        outside = _share(test, other_texts)
        if inside >= CATEGORY_LIFT * max(outside, floor):
            found.append((-inside * math.log(inside / max(outside, floor)), cat.bare, cat, covered))
    found.sort(key=lambda f: f[:2])

    def breadth(kids) -> float:
        return sum(sizes[k] for k in kids) / total

    for _, _, cat, covered in found:
        if len(covered) < 2 or breadth(covered) < BREADTH:
            pair = _pair_over_half(cat, covered, found, breadth, mood, usable)
            if pair:
                return pair  # sync conflicts and slow starts: neither is most of it, the two are
            continue
        if breadth(covered) < SECOND_BELOW:
            for _, _, second, more in found:
                if second is not cat and breadth(more - covered) >= SECOND_GAIN:
                    label = joined(cat, second, mood)
                    if label and usable(label):
                        return label
                    break
        if usable(framed(cat, mood)):
            return framed(cat, mood)
    return None


def _pair_over_half(cat: Category, covered: frozenset, found, breadth, mood: int, usable) -> str | None:
    """Two categories joined ("Sync, backup and performance problems") when neither covers ``BREADTH`` of a
    parent's items but together they cover ``SECOND_BELOW`` of them, each two or more children and ``SECOND_GAIN``
    of the items the other misses (one child per category names children, not a category)."""
    if breadth(covered) < SECOND_GAIN:
        return None
    for _, _, second, more in found:
        if (second is not cat and breadth(more - covered) >= SECOND_GAIN and breadth(covered - more) >= SECOND_GAIN
                and breadth(covered | more) >= SECOND_BELOW and min(len(covered), len(more)) >= 2):
            label = joined(cat, second, mood)
            return label if label and usable(label) else None
    return None


def category_reach(label: str, texts, sizes, said: Said) -> tuple[float, float] | None:
    """(share of the parent's items saying a cue, share of its items in children of the category) of the category
    ``label`` names in any mood ("Crashes", 包装问题); None when it names no single category."""
    cat = next((c for c in CATEGORIES if label in (c.bare, c.problem, c.praise)), None)
    if cat is None or not texts:
        return None
    test = _saying(cat, said)
    shares = [_share(test, g) for g in texts]
    total = float(sum(sizes)) or 1.0
    return (sum(s * n for s, n in zip(shares, sizes)) / total,
            sum(n for s, n in zip(shares, sizes) if s >= CHILD_SHARE) / total)


#: A second category joins the first when the first covers less than this share of the parent's items...
SECOND_BELOW = 0.7
#: ...and the second covers children holding this share that the first does not.
SECOND_GAIN = 0.15


def joined(first: Category, second: Category, mood: int) -> str | None:
    """Two categories as one label in the parent's mood ("包装、漏送问题", "Install, build and tests", "Crash and
    performance problems"); None when either has no such form or it would be too long."""
    from .parent_readable import MAX_WORDS, MAX_ZH_CHARS

    a, b = framed(first, mood), framed(second, mood)
    if a is None or b is None:
        return None
    if _HAS_CJK.search(first.bare):
        tail = "问题" if mood < 0 else "好评" if mood > 0 else ""
        out = f"{first.bare}、{second.bare}{tail}"
        return out if len(out) <= MAX_ZH_CHARS else None
    if mood > 0:
        parts = [a[len("Praise for "):], b[len("Praise for "):]]
        out = f"Praise for {parts[0]} and {parts[1]}"
    else:
        parts = [a, b] if mood == 0 or not a.endswith(" problems") or not b.endswith(" problems") else [
            a[:-len(" problems")], b[:-len(" problems")]]
        head = parts[0].replace(" and ", ", ") if " and " in parts[0] else parts[0]
        out = f"{head} and {parts[1][:1].lower() + parts[1][1:]}"
        out += " problems" if mood < 0 and a.endswith(" problems") and b.endswith(" problems") else ""
    return out if len(out.split()) <= MAX_WORDS and not (mood < 0 and not out.endswith(" problems")
                                                         and (first.problem or second.problem)) else None


_OTHER = re.compile(r"^(Other (problems|praise|feedback|requests)|其他(问题|好评|反馈|建议))$")


def is_other(label: str) -> bool:
    """A label ``other`` gives: it names the rest of one mood, no topic a sibling could share."""
    return bool(_OTHER.match((label or "").strip()))


def other(texts, mood: int, child_labels: Sequence[str] = (), sizes: Sequence[int] = ()) -> str:
    """The name of the theme that fits no category, in the parent's mood and language."""
    if chinese(texts, child_labels, sizes):
        return "其他问题" if mood < 0 else "其他好评" if mood > 0 else "其他反馈"
    return "Other problems" if mood < 0 else "Other praise" if mood > 0 else "Other feedback"


#: A top-level theme of one sub-theme is of a category when this share of its members say one of its cues (one
#: group of texts, so the bar is higher than a child's ``CHILD_SHARE``)...
LONE_SHARE = 0.4
#: ...this many times as often as the other themes' members (``lone_labels.LIFT``: what these members say).
LONE_LIFT = 3.0


def lone_category(texts: Sequence[str], other_texts: Sequence[str], mood: int, said: Said,
                  usable=lambda label: True) -> tuple[str, float] | None:
    """(the category of ``CATEGORIES`` in the texts' language whose cues ``LONE_SHARE`` of one theme's members say,
    ``LONE_LIFT`` times as often as the others' members, framed by ``mood``; the share saying it) for the best
    (share x log lift; ties by name) that ``usable`` accepts, or None: "Music and playlist problems" over
    complaints of songs, shuffle and playlists, "Star ratings" over reviews that give stars."""
    if not texts:
        return None
    zh = sum(bool(_HAS_CJK.search(t)) for t in texts) * 2 > len(texts)
    floor = 1.0 / max(1, len(other_texts))
    found = []
    for cat in CATEGORIES:
        label = framed(cat, mood)
        if label is None or bool(_HAS_CJK.search(cat.bare)) != zh:
            continue
        test = _saying(cat, said)
        inside = _share(test, texts)
        outside = max(_share(test, other_texts), floor)
        if inside >= LONE_SHARE and inside >= LONE_LIFT * outside:
            found.append((-inside * math.log(inside / outside), label, inside))
    for _, label, inside in sorted(found):
        if usable(label):
            return label, inside
    return None

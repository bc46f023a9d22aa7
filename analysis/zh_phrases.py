"""Chinese phrase candidates for theme labels: windows of jieba words keyed without degree adverbs.

送餐太慢, 送餐很慢 and 送餐慢 share one key (送餐, 慢), so phrases that differ only so count as one.
Parts of speech come from jieba's dictionary tags (``zh_words.word_tag``), corrected for a few
one-character adjectives it tags otherwise.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .topic_keywords import CHINESE_KEEP, CHINESE_STOP, _CHINESE_COUNT, is_profane
from .zh_words import is_chinese_name, word_tag

MAX_CHINESE_CHARS = 10


#: Chinese degree adverbs and particles left out of a phrase's key: 送餐太慢, 送餐很慢 and 送餐慢 say the same.
ZH_DEGREE = frozenset("很 太 超 挺 真 非常 特别 比较 有点 有些 超级 十分 相当 极 巨 蛮 太过 更 最 都 也 还 就 又 才 "
                      "了 的 得 地 真的 实在 确实 这么 那么 还是 已经".split())
#: ...a degree adverb fused with a one-character adjective by jieba (太慢, 很快, 超好): keyed as the adjective.
_ZH_DEGREE_CHARS = frozenset("很太超挺好真巨蛮")
#: Chinese negations: part of a phrase's key and they may start it (没送到, 不新鲜).
ZH_NEGATION = frozenset("不 没 没有 别 不是 不够 不太 不会 不能 无".split())
#: Chinese numerals that may precede a measure noun at a label's start (一个多小时才送到, 2个小时).
_ZH_NUMERAL = re.compile(r"^(?:[0-9]+|[零〇一二两俩三四五六七八九十百千万半几][个多半]*|[个多半]+)$")
#: A span of time the corpus fused into one word (俩小时, 半小时, 两天): keyed as its unit, so 送了俩小时 and
#: 送了两个小时 count as one phrase.
_ZH_SPAN = re.compile(r"^(?:[0-9]+|[一二两俩三四五六七八九十半几]+)[个多半]*(小时|钟头|分钟|天)$")
#: One-character adjectives that make a claim on their own once a degree adverb marks them (挺快, 太慢, 太咸):
#: how the theme's topic is, said by members who leave the topic out.
_ZH_CLAIM_CHARS = frozenset("快慢凉冷热贵咸淡辣少多硬晚甜油腻脏烫酸苦")
MAX_ZH_WORDS = 5


@lru_cache(maxsize=200_000)
def _zh_key(word: str) -> str | None:
    """A Chinese word as it counts in a phrase's key: None for degree adverbs and particles, the adjective
    for a fused degree + adjective (太慢 -> 慢), else the word."""
    if word in ZH_DEGREE:
        return None
    span = _ZH_SPAN.match(word)
    if span:
        return span.group(1)
    if len(word) == 2 and word[0] in _ZH_DEGREE_CHARS and (word_tag(word[1]).startswith("a") or word[1] in "快慢少多"):
        return word[1]
    return word


@lru_cache(maxsize=200_000)
def _zh_content(word: str) -> bool:
    """A Chinese word that can carry a label: no numeral, degree adverb or particle; a stop word only
    when it is an adjective (方便, 严重) or a fused degree + adjective (很好)."""
    if _CHINESE_COUNT.match(word) or _ZH_NUMERAL.match(word) or word in ZH_DEGREE:
        return False
    return word not in CHINESE_STOP or word_tag(word).startswith("a") or _zh_key(word) != word


def _chinese_candidates(clause: list[str]):
    """(key, surface) of Chinese words and phrases of a run: windows of up to ``MAX_ZH_WORDS`` words and
    ``MAX_CHINESE_CHARS`` characters that start with a content word or a negation (or with the numeral of a
    measure noun: 一个多小时才送到) and end with a content word. The key keeps content words and negations,
    so phrases differing only in degree adverbs and particles count as one ("or nearly")."""
    n = len(clause)
    profane = is_profane("".join(clause))  # a window of a clean run is clean (substrings)
    for i in range(n):
        first = clause[i]
        if not (_zh_content(first) or first in ZH_NEGATION) or (first == "好" and i + 1 < n and _zh_says(clause[i + 1])):
            continue  # 好难吃: 好 is a degree adverb there
        if len(first) == 1 and word_tag(first) == "f":
            continue  # 后单点登录失败 (of 升级到 2.3 后单点登录失败): "after" ends what came before, it starts no label
        start = i
        while start > 0 and _ZH_NUMERAL.match(clause[start - 1]) and i - start < 2:
            start -= 1
        if start < i and not (clause[start][0].isdigit() or clause[start][0] in "一二两三四五六七八九十半几"):
            start = i  # 个小时: no numeral, no prefix
        pending = False  # a preposition whose verb has not come yet (与钉钉 of 与钉钉集成)
        for j in range(i, min(n, i + MAX_ZH_WORDS)):
            last = clause[j]
            if last == "的":  # 洒的袋子: a relative clause, not a phrase a person would title with
                break
            if last in _ZH_PREPOSITIONS:
                pending = True
            elif pending and (word_tag(last).startswith(("v", "a")) or last in _ZH_ADJECTIVES):
                pending = False
            if pending:
                continue  # 希望支持与钉钉: the phrase ends before what is done with 钉钉
            surface = "".join(clause[(start if j > i else i):j + 1])  # a numeral only before a predicate
            if len(surface) > MAX_CHINESE_CHARS:
                break
            if not _zh_content(last) or (profane and is_profane(surface)):
                continue
            if len(last) == 1 and (word_tag(last) == "f" or (j + 1 < n and clause[j + 1] in _ZH_DIRECTIONS
                                                                and _zh_says(last))):
                continue  # 登录后 (when, not what); 单点登录后又跳 (of 跳回登录页): a verb keeps the direction it goes
            key = tuple(k for x, k in enumerate(_zh_key(w) if _zh_content(w) or w in ZH_NEGATION else None
                                                for w in clause[i:j + 1])
                        if k and not (k == "好" and i + x + 1 <= j and _zh_says(clause[i + x + 1])))
            if not key or (len(key) == 1 and (is_chinese_name(key[0]) or (
                    len(key[0]) < 2 and not (key[0] in _ZH_CLAIM_CHARS and surface != key[0])))):
                continue  # one character alone names nothing, unless it is a marked claim (挺快, 太慢)
            yield key, surface


#: Chinese prepositions that are never the verb of a phrase (给 and 在 may be: 没给发票): a phrase holding one ends
#: with the verb that follows its object (与钉钉集成, 把菜洒了), never with the object.
_ZH_PREPOSITIONS = frozenset("与 把 被 从 向 对于 关于 将 由 为了".split())

#: Directional complements jieba may split from a one-character verb (跳 + 回, 拿 + 走).
_ZH_DIRECTIONS = frozenset("回 来 去 走 出 进 起 过 到")

#: One-character Chinese adjectives that jieba's dictionary tags otherwise (晚 "tg", 咸 "ns", 辣 "n").
_ZH_ADJECTIVES = frozenset("晚咸热辣油多")


def _zh_says(word: str) -> bool:
    """A Chinese adjective or verb (jieba's tags), or an untagged word with a negative complement (打不通,
    吃不完) or ending in an adjective or verb character (送晚)."""
    if word in _ZH_ADJECTIVES:
        return True
    tag = word_tag(word)
    if tag:
        return tag.startswith(("a", "v"))
    return len(word) >= 2 and ("不" in word[1:] or "没" in word or word_tag(word[-1]).startswith(("a", "v")))


def _zh_predicate(key: tuple) -> bool:
    """A Chinese phrase that says how something is or what happened: subject + adjective/verb (送餐太慢,
    米饭量少, 小时才送到, 电话打不通), verb + object (取消订单) or a negation (没送到)."""
    if len(key) < 2:
        return False
    first = key[0]
    return (_zh_says(key[-1]) or word_tag(first).startswith("v") or any(w in ZH_NEGATION for w in key)
            or key[-1] in CHINESE_KEEP or (len(first) == 1 and _zh_says(first)))  # 晚了一个小时


#: Chinese evaluative verbs jieba does not tag as adjectives (好吃 is a "v"): negating them flips a label.
_ZH_EVALUATIVE = frozenset("好吃 好喝 好看 好用 喜欢 满意 值得 推荐 不错 划算 实惠 新鲜 干净 准时 方便 热情 礼貌".split())


#: Chinese words that make a phrase a complaint (beside negations): slow, poor, little, cold, late, expensive...
_ZH_NEGATIVE = frozenset("慢 差 少 凉 冷 晚 贵 咸 硬 淡 难吃 难喝 一般 失望 垃圾 太久 久 长 脏 错 漏 洒 撒 坏 糊 腻 油".split())

"""Whether a label says how something is, and which way: VADER's lexicon (English), word lists and
jieba's tags (Chinese). Used to grow topic labels into predicates and to keep them on the theme's side."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

from .en_phrases import _CJK, FUNCTION_WORDS, NEGATIONS, _is_cjk, _is_cjk_key, _norm_contraction, _Texts
from .zh_phrases import _ZH_CLAIM_CHARS, _ZH_EVALUATIVE, _ZH_NEGATIVE, ZH_NEGATION, _zh_content, _zh_key, _zh_predicate, _zh_says
from .zh_words import segmenter, word_tag

#: English words that make a phrase say how something is, beside VADER's sentiment words and negations:
#: problems that are not sentiment words, and requests ("Bring back the old layout").
PROBLEM_WORDS = frozenset("""
slow slower laggy lag lags lagging glitch glitches glitchy bug bugs buggy issue issues freeze freezes freezing froze
frozen crashes crashing crashed crash late delay delays long longer stuck missing wrong broken error errors fail fails
failed failing keeps keep won't can't cannot unable doesn't don't didn't isn't wasn't never too drain draining dead
add adding bring allow support wish want need needs please fix fixed expensive overpriced cold small
inaccurate incorrect unusable unresponsive useless blank empty gone deleted removed disappeared disappear disappears
lost disabled blocked locked hacked suspended banned charged overcharged declined denied rejected ignored unavailable
outdated confusing complicated laggy drains corrupted corrupt unreadable
""".split())


@lru_cache(maxsize=1)
def _valence() -> dict[str, float]:
    """VADER's sentiment lexicon (word -> valence), read from the vaderSentiment package; empty without it."""
    from importlib import resources

    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # a trimmed bundle: problem words only
        return {}
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) > 1 and " " not in parts[0]:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def evaluative_word(low: str) -> bool:
    """A problem or request word, a negation, or a VADER sentiment word (the word, or its stem without an
    inflection: crashes, loved, annoying; never a prefix: "window" is not "win")."""
    if low in PROBLEM_WORDS or low in NEGATIONS:
        return True
    lex = _valence()
    return any(len(stem) >= 3 and abs(lex.get(stem, 0.0)) >= 0.9 for stem in _stems(low))


def _stems(low: str) -> list[str]:
    out = [low]
    for suffix, add in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                        ("ly", ""), ("ies", "y"), ("ied", "y")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.append(low[:-len(suffix)] + add)
    return out


def says_how(label: str) -> bool:
    """Whether a label says how something is or what the members want (a problem, request or praise:
    "Too many ads", "Can't log in", "送餐太慢") rather than only naming a topic ("Ads", "米饭")."""
    if _CJK.search(label):
        tk = segmenter()
        key = tuple(k for k in (_zh_key(w) for w in tk.lcut(label) if _zh_content(w) or w in ZH_NEGATION) if k)
        return _zh_predicate(key) or (len(key) == 1 and key[0] in _ZH_CLAIM_CHARS and label != key[0])  # 挺快, 太慢
    words = [w.lower().strip("'") for w in label.replace("\u2019", "'").split()]
    return (any(evaluative_word(_norm_contraction(w)) for w in words)
            or any(w in _WANT_MORE for w in words[:-1]))  # "More lives", "Need fewer ads": a request


#: Words that make a request of the thing they precede ("More levels", "Fewer ads").
_WANT_MORE = frozenset(("more", "fewer"))


#: Words VADER scores that name things or are politeness in feedback, not praise or complaint ("Add friends",
#: "Alarm clock", "Fire TV stick", "Smart home", "Credit report", "Please add", "Share photos"): no weight in a
#: label's mood.
MOOD_NEUTRAL = frozenset("""friend friends credit credits wells support supports help care share shares sharing please
thanks thank like likes yes ok okay kind play playing save saved free alarm fire smart block""".split())


def _polarity(words: Sequence[str]) -> float:
    """VADER's valence of English words (lower case), a negation flipping the next three words' sign."""
    lex = _valence()
    total, flip = 0.0, 0
    for w in words:
        w = _norm_contraction(w)
        if w in NEGATIONS or w.endswith("n't"):
            flip = 3
            continue
        v = 0.0 if w in MOOD_NEUTRAL else lex.get(w, 0.0)
        if not v and w in PROBLEM_WORDS and w not in _REQUESTS:
            v = -1.0
        total += -v if flip else v
        flip = max(0, flip - 1)
    return total


_REQUESTS = frozenset("add adding bring allow support wish want need needs please fix".split())


#: Chinese words of praise (beside jieba adjectives, which may go either way).
_ZH_POSITIVE = frozenset("好吃 好喝 好 不错 满意 喜欢 推荐 新鲜 准时 热情 实惠 干净 方便 值得 划算 快 棒 赞 给力 好评 超赞 "
                         "美味 香 入味 及时 周到 辛苦 感谢 谢谢 可口 足".split())


def _zh_mood(words) -> int:
    """-1 for Chinese words that complain (negations, ``_ZH_NEGATIVE``; 不错 is praise), 1 for praise, else 0."""
    if any(w in ZH_NEGATION or w in _ZH_NEGATIVE or (w != "不错" and ("不" in w or "没" in w)) for w in words):
        return -1
    return 1 if any(w in _ZH_POSITIVE for w in words) else 0


def mood(key, text: str) -> int:
    """Which way a phrase goes: -1 complains, 1 praises, 0 neither (English: VADER's valence with negations;
    Chinese: ``_zh_mood``)."""
    if _is_cjk_key(key):
        return _zh_mood(key)
    v = _polarity(text.lower().split())
    return -1 if v < 0 else 1 if v > 0 else 0


#: Lead of one side over the other (share of texts) that gives a mostly Chinese theme a mood.
ZH_LEAD = 0.3


def _theme_polarity(texts: _Texts) -> int:
    """-1 when a theme's texts name problems at least as often as praise (reviews mix both: "great game but
    it crashes" is a crash report), 1 when praise clearly dominates, else 0. English: VADER's lexicon and
    problem words; Chinese: ``_zh_mood`` of the words."""
    neg = pos = n = zh_texts = 0
    for clauses in texts.clauses:
        counted, zh, text_neg, text_pos = _text_mood(clauses)
        n += counted
        zh_texts += zh
        neg += text_neg
        pos += text_pos
    if not n:
        return 0
    neg, pos = neg / n, pos / n
    if zh_texts * 2 > n:  # Chinese negations are also in praise (没想到这么好吃): one side must clearly lead
        return -1 if neg >= max(pos + ZH_LEAD, 0.3) else 1 if pos > neg + ZH_LEAD else 0
    return -1 if neg >= max(pos, 0.3) else 1 if pos > neg + 0.15 else 0


@lru_cache(maxsize=50_000)
def _text_mood(clauses: tuple[tuple[str, ...], ...]) -> tuple[bool, bool, bool, bool]:
    """(has words, has Chinese, names a problem, praises) for one text's clauses; cached, since the same
    member text is read at both levels of the tree."""
    lex = _valence()
    words = [_norm_contraction(w.lower()) for c in clauses if not any(_CJK.search(w) for w in c[:3]) for w in c]
    zh = [_zh_key(w) or "" for c in clauses if any(_CJK.search(w) for w in c[:3]) for w in c]
    if not words and not zh:
        return False, False, False, False
    neg = any(_zh_mood((w,)) < 0 for w in zh) or any(
        lex.get(w, 0.0) <= -0.9 or (w in PROBLEM_WORDS and w not in _REQUESTS) or w in NEGATIONS
        or w.endswith("n't") for w in words)
    pos = any(_zh_mood((w,)) > 0 for w in zh) or any(lex.get(w, 0.0) >= 0.9 for w in words)
    return True, bool(zh), neg, pos


def _key_says_how(key, text: str) -> bool:
    if _is_cjk_key(key):
        return _zh_predicate(key) or (len(key) == 1 and key[0] in _ZH_CLAIM_CHARS and text != key[0])  # 挺快
    return says_how(text)


def _negates(longer: tuple, key: tuple) -> bool:
    """Whether ``longer`` puts a negation right before an evaluative ``key`` (好吃 -> 不好吃, good -> not good):
    the opposite, not a longer way of saying it. Negating a topic is fine (login -> can't login, 送到 -> 没送到)."""
    head = key[0]
    if _is_cjk(head):
        evaluative = word_tag(head).startswith("a") or head in _ZH_EVALUATIVE
    else:
        evaluative = abs(_valence().get(head, 0.0)) >= 0.9
    if not evaluative:
        return False
    for i in range(1, len(longer) - len(key) + 1):
        if longer[i:i + len(key)] == key and (longer[i - 1] in ZH_NEGATION or longer[i - 1] in NEGATIONS):
            return True
    return False


def _sign(key, text: str) -> int:
    """-1 for a phrase that complains, 1 otherwise (English: VADER's valence; Chinese: negations and
    ``_ZH_NEGATIVE``; 不错 is praise)."""
    if not _is_cjk_key(key):
        return -1 if _polarity(text.lower().split()) < 0 else 1
    return -1 if any(w in ZH_NEGATION or w in _ZH_NEGATIVE or (w != "不错" and ("不" in w or "没" in w))
                     for w in key) else 1


#: A theme has a mood when this much larger a share of its members is of one sentiment than of the other.
MOOD_LEAD = 0.2


def app_polarity(said: Sequence[int]) -> int:
    """1 / -1 when ``MOOD_LEAD`` more of the members are positive than negative (or the reverse) by the app's
    sentiment; 0 otherwise (mixed or mostly neutral)."""
    if not said:
        return 0
    pos = sum(1 for m in said if m > 0) / len(said)
    neg = sum(1 for m in said if m < 0) / len(said)
    return 1 if pos - neg >= MOOD_LEAD else -1 if neg - pos >= MOOD_LEAD else 0


def moods_of(members: Sequence[Sequence[int]], profiled: np.ndarray, said: np.ndarray) -> list[list[int] | None]:
    """``phrase_labels``' ``moods`` from the app's sentiment: per group of document indices, each document's
    mood (-1, 0, 1) where ``said`` (the heads' argmax: 0 negative, 1 neutral, 2 positive) is known for the
    ``profiled`` documents; None for a group of which fewer than half are profiled (the word lists decide)."""
    known = dict(zip(np.asarray(profiled).tolist(), (np.asarray(said, dtype=np.int64) - 1).tolist()))
    out: list[list[int] | None] = []
    for idx in members:
        moods = [known.get(int(i)) for i in idx]
        out.append(None if 2 * sum(m is not None for m in moods) < max(1, len(moods)) else [m or 0 for m in moods])
    return out


def _text_moods(groups: list[list[str]], moods) -> list[dict | None]:
    """Per group: text -> the app's sentiment of its first copy (None without moods for that group)."""
    out: list[dict | None] = []
    for k, g in enumerate(groups):
        m = moods[k] if moods is not None and k < len(moods) else None
        if m is None or len(m) != len(g):
            out.append(None)
            continue
        seen: dict = {}
        for t, v in zip(g, m):
            seen.setdefault(t, int(np.sign(v)))
        out.append(seen)
    return out


class _Against:
    """Whether a phrase goes against its theme's mood (``polarity``, from the app's sentiment of the members
    when given): its words say the other way (VADER's valence, Chinese complaint and praise words:
    ``label_mood.mood``). The members who write the phrase are not asked: the app's per-item sentiment is
    right often enough for a theme's majority, not for the few texts that contain a phrase (好多肥肉 reads
    as praise to it)."""

    def __init__(self, polarity: int, trusted: bool = False):
        self.polarity, self.trusted = polarity, trusted  # trusted: the mood is the app's, not word lists

    def __call__(self, key, label: str) -> bool:
        return bool(self.polarity) and mood(key, label) * self.polarity < 0


def _topic_words(key: tuple) -> tuple:
    """The longest run of a phrase's words that only name something (no sentiment, problem, negation or
    function word): 送餐 of 送餐太慢, ("game",) of "good game"."""
    def plain(w: str) -> bool:
        if _is_cjk(w):
            return not (w in ZH_NEGATION or _zh_says(w) or w in _ZH_EVALUATIVE or _zh_mood((w,)))
        return w not in FUNCTION_WORDS and w not in NEGATIONS and not evaluative_word(w)

    best: tuple = ()
    run: list = []
    for w in key + ("",):
        if w and plain(w):
            run.append(w)
            continue
        if len(run) > len(best):
            best = tuple(run)
        run = []
    return best

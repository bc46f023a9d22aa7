"""Chinese segmentation that knows the corpus's own words, without touching jieba's global dictionary.

jieba's dictionary lacks a corpus's product and brand names and domain terms (森林人 becomes 森林 + 人).
``discover_words`` finds them the unsupervised way (character n-grams that are frequent, cohesive and
free at both ends):
- cohesion: the n-gram is much more frequent than its parts would make it by chance (the smallest
  pointwise mutual information over its two-part splits);
- freedom: the characters just before and after it vary (branching entropy on each side), so it is
  a unit of its own rather than a fragment of a longer word.
``segmenter(words)`` is a private ``jieba.Tokenizer`` with those words added; jieba's process-wide
dictionary (``jieba.dt``) is never changed.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

#: Words jieba splits that feedback uses whole (送餐员 would become 送 + 餐员).
JIEBA_WORDS = ("送餐员", "外卖员", "配送员", "快递员", "外卖小哥", "送餐小哥", "快递小哥")

#: Characters that a word rarely starts or ends with (particles, pronouns, adverbs, measure words).
_EDGE_CHARS = frozenset("的了是在我你他她它们很都也就还不没太有和与及吧啊呢吗哦呀嘛么啦这那个一又被把给让对从到说要会能得地着过再才更最非用比去只全想里吃")
#: ...and single characters that, split off by jieba, make the n-gram a phrase (速度 + 快), not a word.
_FREE_CHARS = _EDGE_CHARS | frozenset("快慢好差少多大小贵高低凉热冷咸淡甜辣香棒赞难真挺超")
#: Share of a candidate's occurrences that must start and end at a boundary of jieba's own segmentation
#: (员态度 inside 送餐员态度 does not: it is a fragment).
MIN_ALIGNED = 0.6
#: Characters that inside an n-gram make it a phrase (菜的味道, 送的太慢, 量很足).
_INNER_STOP = frozenset("的了很太都也是在")

#: Texts and characters per text read by ``discover_words`` (a seeded sample beyond).
MAX_TEXTS = 4000
MAX_CHARS = 300


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN.findall(text)


def _entropy(counter: Counter, free: int) -> float:
    """Branching entropy of the neighbours; each of ``free`` text boundaries counts as its own neighbour."""
    total = sum(counter.values()) + free
    if not total:
        return 0.0
    h = -sum(c / total * math.log(c / total) for c in counter.values())
    return h + free * (math.log(total) / total)


def discover_words(texts: Sequence[str], min_count: int = 5, max_len: int = 5, min_pmi: float = 3.0,
                   min_entropy: float = 1.0, limit: int = 300, seed: int = 0) -> list[str]:
    """Multi-character words of ``texts`` that jieba's dictionary would split, most frequent first.

    Deterministic: a seeded sample of at most ``MAX_TEXTS`` texts is read.
    """
    import numpy as np

    if len(texts) > MAX_TEXTS:
        take = np.sort(np.random.default_rng(seed).choice(len(texts), MAX_TEXTS, replace=False))
        texts = [texts[i] for i in take]
    runs = [r for t in texts for r in cjk_runs(t[:MAX_CHARS]) if len(r) >= 2]
    if not runs:
        return []
    counts: Counter[str] = Counter()
    for run in runs:
        n_run = len(run)
        for i in range(n_run):
            for n in range(1, min(max_len, n_run - i) + 1):
                counts[run[i:i + n]] += 1
    total = sum(c for g, c in counts.items() if len(g) == 1)
    min_count = max(min_count, 2)

    def pmi(word: str) -> float:
        c = counts[word]
        return min(math.log(c * total / (counts[word[:k]] * counts[word[k:]])) for k in range(1, len(word)))

    candidates = {g for g, c in counts.items() if 2 <= len(g) <= max_len and c >= min_count
                  and g[0] not in _EDGE_CHARS and g[-1] not in _EDGE_CHARS and not _INNER_STOP & set(g)}
    candidates = {g for g in candidates if pmi(g) >= min_pmi}
    if not candidates:
        return []
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    free_left: Counter[str] = Counter()
    free_right: Counter[str] = Counter()
    for run in runs:
        n_run = len(run)
        for i in range(n_run):
            for n in range(2, min(max_len, n_run - i) + 1):
                g = run[i:i + n]
                if g not in candidates:
                    continue
                if i > 0:
                    left[g][run[i - 1]] += 1
                else:
                    free_left[g] += 1
                if i + n < n_run:
                    right[g][run[i + n]] += 1
                else:
                    free_right[g] += 1
    base = _base_tokenizer()
    found: list[str] = []
    for g in sorted(candidates, key=lambda g: (len(g), g)):
        if min(_entropy(left[g], free_left[g]), _entropy(right[g], free_right[g])) < min_entropy:
            continue
        # jieba keeps it whole already, or it is made of words (味道 + 不错, 送餐 + 速度): nothing to learn
        if base.FREQ.get(g, 0) > 0 or _composed(g, base.FREQ, set(found)):
            continue
        found.append(g)
    found = _aligned(found, runs, base)
    # a found word inside a longer found word that explains most of its uses is a fragment (森林人: 林人)
    found.sort(key=lambda g: (-len(g), g))
    kept: list[str] = []
    for g in found:
        if any(g in longer and counts[longer] >= 0.7 * counts[g] for longer in kept):
            continue
        kept.append(g)
    kept.sort(key=lambda g: (-counts[g], g))
    return kept[:limit]


def _composed(word: str, freq: dict, learnt: set[str]) -> bool:
    """Whether ``word`` is a sequence of known words (dictionary or ``learnt``) and free characters."""
    n = len(word)
    ok = [True] + [False] * n
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            if not ok[start] or (start == 0 and end == n):
                continue
            piece = word[start:end]
            if (len(piece) == 1 and piece in _FREE_CHARS) or (len(piece) > 1 and (freq.get(piece, 0) > 0
                                                                                    or piece in learnt)):
                ok[end] = True
                break
    return ok[n]


def _aligned(words: list[str], runs: list[str], base) -> list[str]:
    """The ``words`` whose occurrences mostly start and end where jieba's segmentation has a boundary."""
    if not words:
        return []
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    pattern = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    for run in runs:
        matches = list(pattern.finditer(run))
        if not matches:
            continue
        bounds, pos = {0}, 0
        for piece in base.lcut(run, HMM=False):
            pos += len(piece)
            bounds.add(pos)
        for m in matches:
            seen[m.group()] += 1
            hits[m.group()] += m.start() in bounds and m.end() in bounds
    return [w for w in words if seen[w] and hits[w] >= MIN_ALIGNED * seen[w]]


@contextmanager
def quiet_jieba() -> Iterator[Any]:
    """jieba (its module) with its logger at WARNING: it reports loading its dictionary at DEBUG on
    its own stderr handler. The logger's level comes back afterwards."""
    import logging

    import jieba

    level = jieba.default_logger.level
    jieba.setLogLevel(logging.WARNING)
    try:
        yield jieba
    finally:
        jieba.setLogLevel(level)


@lru_cache(maxsize=1)
def _base_tokenizer():
    """jieba's default dictionary in a private Tokenizer, plus ``JIEBA_WORDS`` (loaded once: ~1 s)."""
    with quiet_jieba() as jieba:
        tk = jieba.Tokenizer()
        tk.initialize()
    for word in JIEBA_WORDS:
        tk.add_word(word)
    return tk


@lru_cache(maxsize=2)  # each copy of jieba's dictionary is ~15 MB
def segmenter(words: tuple[str, ...] = ()):
    """A private jieba Tokenizer that also knows ``words`` (kept whole); shares nothing mutable with jieba.dt."""
    base = _base_tokenizer()
    if not words:
        return base
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ, tk.total = dict(base.FREQ), base.total
    tk.user_word_tag_tab = dict(base.user_word_tag_tab)
    tk.initialized = True
    for word in words:
        tk.add_word(word, freq=max(10, 2 * tk.suggest_freq(word, False)), tag="nz")
    return tk


def words_key(words: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted(set(words or ())))


@lru_cache(maxsize=1)
def _name_tags() -> dict:
    """jieba's part-of-speech table (read only): person, place and organisation names are tagged nr/ns/nt,
    adjectives a*, verbs v*, nouns n*. Empty when this build lacks jieba's tagger."""
    try:
        import jieba.posseg

        return jieba.posseg.dt.word_tag_tab
    except Exception:  # noqa: BLE001 - a trimmed bundle: no name tags, names are then not told
        return {}


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word ("a", "v", "n", ...); "" when unknown."""
    return _name_tags().get(word, "")


def is_chinese_name(word: str) -> bool:
    """A person, place or organisation name by jieba's dictionary tags."""
    return len(word) >= 2 and _name_tags().get(word, "") in ("nr", "ns", "nt", "nrt", "nrfg")

"""Words for c-TF-IDF keywords and short theme labels, in English and Chinese.

BERTopic's ``language="english"`` strips every non-ASCII character before c-TF-IDF, so Chinese
keywords vanish. Here a CountVectorizer gets ``tokenize``: jieba words for runs of Chinese
characters (a private tokenizer that may know the corpus's own words, ``zh_words``), lower-cased Latin
words otherwise, with English (scikit-learn's list) and Chinese stop words (SnowNLP's list plus ours),
tokens that are not words and profanity removed. jieba is imported on the first Chinese text only.
"""
from __future__ import annotations

import functools
import re
from functools import lru_cache
from typing import Iterable

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
                    r"|(?<![0-9A-Za-z_])(?:[A-Za-z](?:[A-Za-z0-9_'+#]|-(?!-))*[A-Za-z0-9+#]|[A-Za-z])")

#: Words that say nothing about what a piece of feedback is about.
EXTRA_ENGLISH_STOP = frozenset("""
im ive id dont doesnt didnt cant wont isnt arent wasnt thats theres its youre ill lets pls plz please honestly
thanks thank hi hello hey ok okay just really also would could should like get got getting use using used
one even still every much many lot lots thing things way make makes made want need know see also yes
don't doesn't didn't can't won't isn't aren't wasn't i'm i've i'd it's that's there's you're i'll let's
""".split())


@lru_cache(maxsize=1)
def english_stop() -> frozenset[str]:
    """scikit-learn's English stop words and ours (sklearn is imported on first use: seconds)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | EXTRA_ENGLISH_STOP

#: Chinese function words and fillers that SnowNLP's list (below) lacks.
EXTRA_CHINESE_STOP = frozenset("""
的 了 是 我 你 他 她 它 们 我们 你们 他们 也 很 都 就 还 又 在 有 和 与 及 吧 啊 呢 吗 哦 呀 嘛 哈 么 啦 喔 噢
不 没 没有 不是 就是 还是 但是 可是 而且 因为 所以 如果 这个 那个 这 那 一个 一下 一点 一些 这么 那么 什么 怎么
给 让 被 把 对 从 到 向 为 为了 着 过 得 地 说 会 能 要 想 去 来 上 下 里 个 次 些 之 其 或 等 但 而 则 以 于
真的 非常 特别 比较 太 挺 好像 感觉 觉得 已经 然后 以后 之前 之后 现在 今天 每次 一直 还有 可以 应该 这样 那样
却 或者 而是 不过 只是 只有 就算 虽然 而已 一样 这次 那次 这种 那种 这些 那些 有点 有些 一次 一定 真是 实在
居然 竟然 简直 反正 总是 其实 本来 后来 最后 结果 然而 并且 并 再 才 刚 刚刚 又是 也是 都是 还要 就要 得到
不了 不能 不会 不要 了解 知道 出来 起来 下来 进去 明明
""".split())

#: Numbers and counts written in Chinese (两个, 一个半, 一个多) and laughter (哈哈哈): never keywords.
_CHINESE_COUNT = re.compile(r"^(?:[零〇一二两三四五六七八九十百千万亿半几个次]+|[零〇一二两三四五六七八九十百千万亿半几个次多]{2,}"
                            r"|[哈呵嘿嘻哦啊呀嗯]+)$")

#: Words of the lists that say what feedback is about ("味道一般": mediocre taste): kept.
CHINESE_KEEP = frozenset("一般 问题 多 少 快 慢 好 差 贵 便宜".split())


def _snownlp_stop_words() -> frozenset[str]:
    """The Chinese entries of SnowNLP's stop-word list (1,400 words incl. English and punctuation).

    SnowNLP is a dependency (Chinese sentiment); its file is read without importing the package.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "normal" / "stopwords.txt"
    try:
        words = path.read_text(encoding="utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(w for w in words if _is_cjk(w))


def _is_cjk(word: str) -> bool:
    return bool(word) and word[0] >= "\u3400"


#: Chinese words left out of keywords: SnowNLP's list, ours, less the ones feedback needs.
CHINESE_STOP = (_snownlp_stop_words() | EXTRA_CHINESE_STOP) - CHINESE_KEEP


#: Not words: hex strings and ids (``a3f9e2c1``, ``0x1f``), tokens of more digits than letters (``v12345``), identifiers with digits (``atomic_number_53``); ``v2`` stays.
_HEX = re.compile(r"^(?:0x)?[0-9a-f]{6,}$")


#: Tracker keys and advisory ids (HIVE-21786, cve-2021-44228: three digits or more after a hyphen; covid-19,
#: utf-8 and windows-10 stay) and tokens of one repeated letter or sign (xxxx of redactions, a++++).
#: A token of this many hyphens is a slug (a dataset, package or page id), not a word (up-to-date stays).
SLUG_HYPHENS = 4
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{3,}$|^(.)\1{2,}$|\+{3,}", re.I)


def is_word(token: str) -> bool:
    """A Latin token that can be a keyword: letters outnumber digits, not a hex string, id or tracker key."""
    digits = sum(ch.isdigit() for ch in token)
    return (digits <= len(token) - digits and not (digits and (_HEX.match(token) or "_" in token))
            and not _ID.search(token) and token.count("-") < SLUG_HYPHENS)


@lru_cache(maxsize=1)
def _profanity() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """English words, English prefixes (``fuck*``) and Chinese substrings that are profane (analysis/wordlists)."""
    from importlib import resources

    def read(name: str) -> list[str]:
        text = (resources.files("analysis.wordlists") / name).read_text(encoding="utf-8")
        return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]

    en = read("profanity_en.txt")
    return (frozenset(w for w in en if not w.endswith("*")), tuple(w[:-1] for w in en if w.endswith("*")),
            tuple(read("profanity_zh.txt")))


def is_profane(word: str) -> bool:
    """A profane word or phrase (English: a word of it; Chinese: contains an entry)."""
    words, prefixes, chinese = _profanity()
    for token in re.findall(r"[a-z0-9]+", word.lower()):
        if token in words or token.startswith(prefixes):
            return True
    return any(entry in word for entry in chinese)


#: Abuse aimed at someone ("Ur a disgrace", "You suck", 垃圾): a verdict on a person or the app, never a topic.
_INSULT_EN = re.compile(r"(?i)\b(disgrace(ful)?|idiots?|losers?|pathetic|clowns?|scum|shame on"
                        r"|(you|u|ur|y'?all) (suck|stink))\b")
_INSULT_ZH = ("垃圾", "废物", "辣鸡", "骗子", "无耻")


def is_insult(label: str) -> bool:
    """A label that is abuse, not a topic: profane, an insult word ("Ur a disgrace", "You suck"), or a Chinese
    insult (垃圾, 废物)."""
    return bool(is_profane(label) or _INSULT_EN.search(label) or any(w in label for w in _INSULT_ZH))


def _profane_token(token: str) -> bool:
    words, prefixes, _ = _profanity()
    return token in words or token.startswith(prefixes)


def tokenize(text: str, words: tuple[str, ...] = ()) -> list[str]:
    """Words of a text for c-TF-IDF: jieba (knowing the corpus's own ``words``) for Chinese,
    lower-cased words for Latin script; stop words, non-words and profanity left out."""
    from .zh_words import segmenter

    out: list[str] = []
    english = english_stop()
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word[0] >= "\u3400":
            for w in segmenter(words).lcut(word, HMM=True):
                if w not in CHINESE_STOP and not _CHINESE_COUNT.match(w) and not is_profane(w):
                    out.append(w)
        else:
            w = word.lower()
            if len(w) > 1 and w not in english and is_word(w) and not _profane_token(w):
                out.append(w)
    return out


_FILLERS = ("\u2205", "\u2205\u2205")  # never produced by tokenize; always scored 0


def make_vectorizer(ngram_range: tuple[int, int] = (1, 1), words: Iterable[str] | None = None):
    """The CountVectorizer for BERTopic's c-TF-IDF (no min_df: its documents are whole themes);
    ``words``: the corpus's own Chinese words (``zh_words.discover_words``), kept whole.

    c-TF-IDF fails on a vocabulary of fewer than two words (texts of numbers, emoji or one repeated
    word), so the vocabulary is padded with two filler words that no text contains.
    """
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    class KeywordVectorizer(CountVectorizer):
        def fit_transform(self, raw_documents, y=None):
            try:
                X = super().fit_transform(raw_documents, y)
            except ValueError:  # empty vocabulary: no text has a word
                self.vocabulary_ = {}
                X = sp.csr_matrix((len(raw_documents), 0), dtype=np.int64)
            missing = [w for w in _FILLERS if w not in self.vocabulary_][: max(0, 2 - X.shape[1])]
            for word in missing:
                self.vocabulary_[word] = len(self.vocabulary_)
            if missing:
                X = sp.hstack([X, sp.csr_matrix((X.shape[0], len(missing)), dtype=X.dtype)]).tocsr()
            return X

    from .zh_words import words_key

    return KeywordVectorizer(tokenizer=functools.partial(tokenize, words=words_key(words)), lowercase=False, token_pattern=None, ngram_range=ngram_range)


def short_label(keywords: list[str], n: int = 3) -> str:
    """A short label from the top keywords, skipping words contained in one already taken."""
    taken: list[str] = []
    for word in keywords:
        if any(word in t or t in word for t in taken):
            continue
        taken.append(word)
        if len(taken) == n:
            break
    if not taken:
        return "(no keywords)"
    sep = "、" if all(_is_cjk(w) for w in taken) else " / "
    return sep.join(taken)



def class_keywords(docs_by_class: list[list[str]], n_keywords: int = 10,
                   words: Iterable[str] | None = None) -> list[list[str]]:
    """Top c-TF-IDF words of each class (a theme's documents), computed as BERTopic's
    ``ClassTfidfTransformer(reduce_frequent_words=True)`` does on ``tokenize``'s words: l1-normalised
    word counts per class, square-rooted, times ``log(1 + mean words per class / word frequency)``.

    Used to re-describe themes after an incremental run, where importing BERTopic or scikit-learn
    would cost more (seconds) than the counting.
    """
    from collections import Counter

    import numpy as np

    if not docs_by_class:
        return []
    from .zh_words import words_key

    key = words_key(words)
    counters = [Counter(w for doc in docs for w in tokenize(doc, key)) for docs in docs_by_class]
    vocabulary = sorted(set().union(*counters))
    if not vocabulary:
        return [[] for _ in docs_by_class]
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = np.zeros((len(counters), len(vocabulary)), dtype=np.float64)
    for i, counter in enumerate(counters):
        for word, c in counter.items():
            counts[i, column[word]] = c
    frequency = counts.sum(axis=0)
    totals = counts.sum(axis=1, keepdims=True)
    mean_words = max(1, int(totals[totals > 0].mean()))  # over the classes that have words
    idf = np.log(mean_words / frequency + 1)
    scores = np.sqrt(counts / np.where(totals > 0, totals, 1)) * idf
    out = []
    for row in scores:
        order = np.argsort(-row, kind="stable")[:n_keywords]
        out.append([vocabulary[j] for j in order if row[j] > 0])
    return out

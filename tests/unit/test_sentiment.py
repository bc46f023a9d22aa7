"""Offline sentiment, English and Chinese; ratings outrank text."""
from __future__ import annotations

import pytest

from analysis import sentiment as se


def test_language_detection():
    assert se.language("The app crashes on start") == "en"
    assert se.language("送餐太慢了，饭都凉了") == "zh"
    assert se.language("登录 fails 总是失败") == "zh"
    assert se.language("Great app 好") == "en"


@pytest.mark.parametrize("text, label", [
    ("I love this app, it is fantastic and works great!", "positive"),
    ("Terrible update, it crashes all the time and I hate it.", "negative"),
    ("很快，好吃，味道足，量大", "positive"),
    ("送餐太慢了，等了两个小时，饭都凉了，难吃", "negative"),
])
def test_text_sentiment_in_english_and_chinese(text, label):
    s = se.text_sentiment(text)
    assert s.label == label
    assert s.method == ("snownlp" if se.language(text) == "zh" else "vader")
    assert -1.0 <= s.score <= 1.0


def test_ratings_outrank_text():
    s = se.item_sentiment("I love it, best thing ever!", rating=1)
    assert (s.label, s.method, s.score) == ("negative", "rating", -1.0)
    assert se.item_sentiment("awful", rating=5).label == "positive"
    assert se.item_sentiment("x", rating=3).label == "neutral"
    assert se.item_sentiment("hate it", nps=9).label == "positive"
    assert se.item_sentiment("great", nps=8).label == "neutral"
    assert se.item_sentiment("great", nps=0).score == -1.0
    assert se.item_sentiment("great", csat=2).label == "negative"
    assert se.item_sentiment("great", ces=7).score == 1.0
    assert se.item_sentiment("great", rating=9).method == "vader"  # off the scale: not a rating


def test_empty_text_is_neutral():
    assert se.text_sentiment("  ") == se.Sentiment(0.0, "neutral", "none")
    assert se.score_many([("", None, None, None, None), ("good", 2, None, None, None)])[1].label == "negative"

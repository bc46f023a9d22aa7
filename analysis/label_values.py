"""Sentiment and feedback-type values that a file already carries, in their common spellings, onto
our labels (``normalise_sentiment``, ``normalise_type``); None when a value means nothing we know.

Sentiment: words (positive/pos/neg/negative/neutral/mixed...), 1-5 stars (also "4 stars", "★★★★"),
-1/0/1, thumbs and smileys, Chinese (好评/中评/差评/正面/负面/积极/消极...).
Type: bug/defect/crash/complaint -> problem; feature/enhancement/suggestion/request -> request;
question/help/support/how-to -> question; praise/compliment/kudos -> praise; other/misc -> other;
and the Chinese words (问题/缺陷/投诉 -> problem, 建议/需求 -> request, 咨询/提问 -> question, 表扬 -> praise).
"""
from __future__ import annotations

import re

_SENTIMENT_WORDS = {
    "positive": ("positive", "pos", "good", "happy", "satisfied", "promoter", "like", "up", "+", "praise",
                 "好评", "正面", "积极", "正向", "满意", "好", "喜欢", "赞", "👍", "😀", "😊", "🙂", "😍", "❤️", "❤",
                 ":)", "thumbs up", "thumbsup"),
    "negative": ("negative", "neg", "bad", "unhappy", "dissatisfied", "detractor", "dislike", "down", "-",
                 "complaint", "差评", "负面", "消极", "负向", "不满意", "差", "不好", "👎", "😡", "😠", "🙁", "😞",
                 ":(", "thumbs down", "thumbsdown"),
    "neutral": ("neutral", "neu", "neut", "mixed", "ok", "okay", "passive", "none", "meh", "0",
                "中评", "中性", "中立", "一般", "还行", "😐"),
}
_SENTIMENT = {w: label for label, words in _SENTIMENT_WORDS.items() for w in words}

_TYPE_WORDS = {
    "problem": ("problem", "bug", "bugs", "defect", "bug report", "error", "crash", "issue", "incident", "fault",
                "complaint", "regression", "broken", "kind/bug", "type: bug", "type:bug",
                "问题", "缺陷", "故障", "错误", "投诉", "报错", "bug反馈"),
    "request": ("request", "feature", "feature request", "enhancement", "improvement", "suggestion", "idea",
                "wish", "proposal", "new feature", "kind/feature", "type: feature", "type:feature", "story",
                "建议", "需求", "功能需求", "功能请求", "改进", "优化", "新功能", "意见"),
    "question": ("question", "questions", "help", "help wanted", "support", "how-to", "howto", "how to", "faq",
                 "inquiry", "enquiry", "query", "kind/question", "type: question", "type:question",
                 "咨询", "提问", "疑问", "求助", "问答"),
    "praise": ("praise", "compliment", "kudos", "appreciation", "thanks", "positive feedback", "testimonial",
               "表扬", "赞扬", "好评", "称赞", "感谢"),
    "other": ("other", "others", "misc", "miscellaneous", "general", "comment", "n/a", "其他", "其它"),
}
_TYPE = {w: label for label, words in _TYPE_WORDS.items() for w in words}
_STARS = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*(?:/\s*5)?\s*(?:stars?|星|分)?|([★⭐]{1,5})[☆]*)$", re.I)


def normalise_sentiment(value) -> str | None:
    """``positive`` / ``neutral`` / ``negative`` from a stored value; None when not recognised."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _SENTIMENT:
        return _SENTIMENT[text]
    m = _STARS.match(text)
    if m:
        stars = len(m.group(2)) if m.group(2) else float(m.group(1).replace(",", "."))
        if 1 <= stars <= 5:  # a bare 1..5 is read as stars (the commonest scale in exports)
            return "negative" if stars < 2.5 else "neutral" if stars < 3.5 else "positive"
        return None
    if text in ("-1", "−1", "+1"):
        return "negative" if text != "+1" else "positive"
    for word, label in _SENTIMENT.items():  # "very positive", "mostly negative", "Positive 👍"
        if len(word) > 3 and re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text):
            return label
    return None


def normalise_type(value) -> str | None:
    """``problem`` / ``request`` / ``question`` / ``praise`` / ``other``; None when not recognised."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    if not text:
        return None
    if text in _TYPE:
        return _TYPE[text]
    for word, label in sorted(_TYPE.items(), key=lambda kv: -len(kv[0])):  # "Bug Report", "feature-request"
        if len(word) > 3 and re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text.replace("-", " ")):
            return label
    return None

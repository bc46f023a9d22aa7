"""Sentiment and feedback-type values that a file already carries, in their common spellings, onto
our labels (``normalise_sentiment``, ``normalise_type``); None when a value means nothing we know.

Sentiment: words (positive/pos/neg/negative/neutral/mixed...), 1-5 stars (also "4 stars", "★★★★"),
-1/0/1, thumbs and smileys, Chinese (好评/中评/差评/正面/负面/积极/消极...).
Type: bug/defect/crash/complaint -> problem; feature/enhancement/suggestion/request -> request;
question/help/support/how-to -> question; praise/compliment/kudos -> praise; other/misc -> other;
and the Chinese words (问题/缺陷/投诉 -> problem, 建议/需求 -> request, 咨询/提问 -> question, 表扬 -> praise).

Trackers: ``type_from_issue_type`` reads an issue or ticket type (Jira Bug/Story/Improvement/New
Feature, GitHub Bug/Feature, Zendesk problem/incident/question; Task, Epic and Sub-task say nothing
about the feedback and give None); ``type_from_labels`` reads issue labels with a stricter word list
than free values (GitHub's "help wanted" asks for contributors and is not a question; "feature: x"
names an area), problem before request before question when labels disagree.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


_CODE_HEADERS = re.compile(r"^(label|polarity|sentiment|sentiment ?label|情感|情感极性)$", re.I)
BINARY_CODES = {"0": "negative", "1": "positive"}
SIGNED_CODES = {"-1": "negative", "−1": "negative", "0": "neutral", "1": "positive", "+1": "positive"}


def sentiment_codes(header: str, values) -> dict[str, str] | None:
    """How a whole column's numbers read when they are polarity codes rather than stars: a clean 0/1
    column (public review sets: 1 = positive, 0 = negative) or -1/0/1, under a header that names a
    label or sentiment; None for anything else (a 2, a word, a blank-only column, another header).
    A column of 1s only is read so under "label"/"polarity" but not "sentiment" (there 1 may be a star)."""
    if not _CODE_HEADERS.match(str(header).strip()):
        return None
    seen = {str(v).strip() for v in values if v is not None and str(v).strip()}
    if not seen:
        return None
    if seen <= set(BINARY_CODES):
        if "0" not in seen and str(header).strip().lower() == "sentiment":
            return None
        return dict(BINARY_CODES)
    if seen <= set(SIGNED_CODES) and seen & {"-1", "−1"}:
        return dict(SIGNED_CODES)
    return None


@dataclass
class CodeReading:
    """How a whole sentiment column reads (``read_codes``): its codes (None: not codes), how many
    values were read, and the first value that is not a code as (row number, value)."""

    codes: dict[str, str] | None
    rows: int
    other: tuple[int, str] | None = None


def read_codes(header: str, numbered_values: Iterable[tuple[int, str]]) -> CodeReading:
    """``sentiment_codes`` over a whole column, read once as (row number, value) pairs: it stops at the
    first value that cannot be a code (a "3" in row 5,012 makes the column stars), so a column of
    stars or words costs a few rows and a column of codes one pass over one column."""
    seen: set[str] = set()
    rows = 0
    for number, value in numbered_values:
        text = "" if value is None else str(value).strip()
        if not text:
            continue
        rows += 1
        if text not in SIGNED_CODES:
            return CodeReading(None, rows, (number, text))
        seen.add(text)
    return CodeReading(sentiment_codes(header, seen), rows)


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


_ISSUE_TYPES = {
    "problem": ("bug", "defect", "incident", "problem", "error", "fault", "incidente", "fallo", "problema",
                "故障", "缺陷", "错误", "问题"),
    "request": ("story", "user story", "improvement", "new feature", "feature", "feature request", "enhancement",
                "suggestion", "idea", "mejora", "nueva función", "nueva característica", "historia",
                "改进", "新功能", "故事", "需求", "功能"),
    "question": ("question", "support", "support request", "help", "consulta", "pregunta", "咨询", "提问"),
}
_ISSUE_TYPE = {w: label for label, words in _ISSUE_TYPES.items() for w in words}
_LABELS = {
    "problem": ("bug", "bugs", "type: bug", "kind/bug", "defect", "regression", "crash", "bug report", "confirmed bug",
                "🐛", "🐞", "缺陷", "故障"),
    "request": ("enhancement", "feature", "feature request", "feature-request", "new feature", "improvement",
                "proposal", "suggestion", "idea", "ideas", "feature requests", "✨", "需求", "建议", "新功能", "改进"),
    "question": ("question", "questions", "support", "how-to", "howto", "usage", "usage question", "q&a", "q & a",
                 "help", "❓",
                 "咨询", "提问", "疑问"),
}
_LABEL = {w: label for label, words in _LABELS.items() for w in words}
_LABEL_PREFIX = re.compile(r"^(?:type|kind|t|category|c|issue[ -]?type)\s*(?:::|[:/\-])\s*", re.I)
_LABEL_DECOR = re.compile(r"^[\W_]+|[\W_]+$")


def type_from_issue_type(value) -> str | None:
    """``problem`` / ``request`` / ``question`` from an issue or ticket type; None for the rest."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    text = re.sub(r"^\[system\]\s*", "", text)  # Jira Service Management: "[System] Incident"
    return _ISSUE_TYPE.get(text)


def _label_type(label: str) -> str | None:
    text = re.sub(r"\s+", " ", str(label).strip().lower())
    if text in _LABEL:
        return _LABEL[text]
    bare = _LABEL_PREFIX.sub("", text)  # "type: bug", "kind/feature", "type::bug", "T-bug"
    if bare != text and bare in _LABEL:
        return _LABEL[bare]
    scope = text.split("::", 1)[0].strip()  # GitLab scoped labels: "bug::performance"
    if scope != text and scope in _LABEL:
        return _LABEL[scope]
    bare = _LABEL_DECOR.sub("", bare)  # "🐛 bug", "[bug]", ":bug:"
    return _LABEL.get(bare)


def type_from_labels(labels) -> str | None:
    """``problem`` / ``request`` / ``question`` from issue labels; None when no label says."""
    found = {_label_type(lab) for lab in labels or () if lab}
    for kind in ("problem", "request", "question"):
        if kind in found:
            return kind
    return None

"""Loaders for the labelled sets in ../shared/data used by bench/sentiment_eval.py (read only, never copied).

Each loader returns ``[(text, label), ...]`` with our label names. Sentiment sets: ``negative``,
``neutral``, ``positive``. Feedback-type sets: ``problem``, ``request``, ``question``, ``praise``.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
if not DATA.exists():  # a worktree under /work/wt/<name>
    DATA = Path("/work/shared/data")


def apple_tweets() -> list[tuple[str, str]]:
    """3 classes from the crowd's 'sentiment' (1 negative, 3 neutral, 5 positive); not_relevant left out."""
    raw = (DATA / "apple-tweets-sentiment" / "Apple-Twitter-Sentiment-DFE.csv").read_text(encoding="utf-8")
    body = raw.split("\n", 1)[1]  # a title line comes before the header
    names = {"1": "negative", "3": "neutral", "5": "positive"}
    out = []
    for row in csv.DictReader(io.StringIO(body), delimiter=";"):
        label, text = names.get((row.get("sentiment") or "").strip()), (row.get("text") or "").strip()
        if label and text:
            out.append((text, label))
    return out


def alexa(three_class: bool = False) -> list[tuple[str, str]]:
    """Stars: 4-5 positive, 1-2 negative; 3 stars left out (mixed reviews), or neutral with ``three_class``."""
    out = []
    with open(DATA / "amazon-alexa-reviews" / "amazon_alexa.tsv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rating, text = int(row["rating"]), (row["verified_reviews"] or "").strip()
            if not text or (rating == 3 and not three_class):
                continue
            out.append((text, "positive" if rating >= 4 else "negative" if rating <= 2 else "neutral"))
    return out


def waimai() -> list[tuple[str, str]]:
    with open(DATA / "zh-waimai-10k" / "waimai_10k.csv", encoding="utf-8", newline="") as fh:
        return [(r["review"].strip(), "positive" if r["label"] == "1" else "negative")
                for r in csv.DictReader(fh) if r["review"].strip()]


#: app-reviews-4class labels onto ours: "rating" reviews are short verdicts, mostly praise; "user
#: experience" reviews describe using the app, mostly positively (the alternative, other, is also reported).
APP_REVIEW_TYPES = {"bug report": "problem", "feature request": "request", "rating": "praise",
                    "user experience": "praise"}


def app_reviews(mapping: dict[str, str] | None = None) -> list[tuple[str, str]]:
    mapping = mapping or APP_REVIEW_TYPES
    seen, out = set(), []
    with open(DATA / "app-reviews-4class" / "dataset_balanced_8000.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            text = (r["review"] or "").strip()
            if text and text not in seen and r["label"] in mapping:
                seen.add(text)
                out.append((text, mapping[r["label"]]))
    return out


def nlbse(split: str = "test") -> list[tuple[str, str, str]]:
    """(title, body, type): bug -> problem, feature -> request, question -> question."""
    csv.field_size_limit(1 << 30)
    names = {"bug": "problem", "feature": "request", "question": "question"}
    with open(DATA / "nlbse24-github-issues" / f"issues_{split}.csv", encoding="utf-8", newline="") as fh:
        return [(r["title"], r["body"], names[r["label"]]) for r in csv.DictReader(fh) if r["label"] in names]

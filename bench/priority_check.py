"""Does priority mean "what to fix next"? The top five themes by priority, with their praise share,
on the demo and on real sets, under the new definition (praise scaled out, growth neutral on short
data, votes) and under the previous one (baseline: no praise scaling, growth always 30-day windows,
no votes) computed in the same run from the same inputs.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/priority_check.py [--keep DIR]

Builds temporary workspaces (import, analyse, sentiment) of the demo, amazon-alexa-reviews (dated,
star ratings), app-reviews-4class (undated, text only) and apple-tweets-sentiment (nine days of
tweets) from ../shared/data, read only. Prints
Markdown tables for bench/RESULTS.md. A theme is "mostly praise" at a praise share >= 0.5.
"""
from __future__ import annotations

import argparse
import dataclasses
import tempfile
from pathlib import Path

from analysis import priority
from triage_app.demo import build_demo_workspace
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import metrics
from triage_app.services.analysis import run_analysis
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.store import open_workspace
from triage_app.store import metrics_queries as mq

DATA = Path(__file__).resolve().parents[1].parent.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")
SETS = {
    "amazon-alexa-reviews": ("amazon-alexa-reviews/amazon_alexa.tsv",
                             {"text": "verified_reviews", "created_at": "date", "rating": "rating"}),
    "app-reviews-4class": ("app-reviews-4class/dataset_unbalanced_4000.csv", {"text": "review", "id": "ID"}),
    "apple-tweets-sentiment": ("apple-tweets-sentiment/Apple-Twitter-Sentiment-DFE.csv", {"text": "text", "created_at": "date"}),
}


def _tweets_csv(source: Path, folder: Path) -> Path:
    """The tweets file has a title line before its header (';'-separated): a plain CSV of date and text."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8").split("\n", 1)[1]), delimiter=";"))
    ti, di = rows[0].index("text"), rows[0].index("date")
    out = folder / "tweets.csv"
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["date", "text"])
        w.writerows([r[di], r[ti]] for r in rows[1:] if len(r) > max(ti, di))
    return out


def build(name: str, folder: Path) -> Path:
    path = folder / f"{name}.ftw"
    if path.exists():
        return path
    if name == "demo":
        build_demo_workspace(path, analyse=True)
    else:
        rel, mapping = SETS[name]
        file = DATA / rel if name != "apple-tweets-sentiment" else _tweets_csv(DATA / rel, folder)
        ws = open_workspace(path)
        run_import(ws, str(file), ImportOptions(mapping=mapping))
        run_analysis(ws)
        ws.close()
    ws = open_workspace(path, create=False)
    drive(score_items(ws.conn))
    ws.close()
    return path


def ranked(scores: dict) -> list[int]:
    return [t for t, _ in sorted(scores.items(), key=lambda kv: (-kv[1]["priority"], kv[0]))]


def report(name: str, path: Path, top: int = 5) -> dict:
    ws = open_workspace(path, create=False)
    conn = ws.conn
    inputs = metrics.theme_inputs(conn)
    labels = {t: r["label"] for t, r in mq.theme_rollup(conn).items()}
    new = priority.weighted(inputs, metrics.weights(conn))
    old_inputs = [dataclasses.replace(t, praise_share=0.0, votes=0.0, growth_days=priority.GROWTH_WINDOW_DAYS)
                  for t in inputs]
    old_w = {**metrics.weights(conn), "votes": 0.0}
    old = priority.weighted(old_inputs, old_w)
    praise = {t.theme_id: t.praise_share for t in inputs}
    span = inputs[0].span_days if inputs else None
    ws.close()
    out = {"name": name, "themes": len(inputs), "span": span, "growth_days": inputs[0].growth_days if inputs else None,
           "mostly_praise": sum(p >= priority.PRAISE_THEME_SHARE for p in praise.values())}
    for key, scores in (("before", old), ("after", new)):
        order = ranked(scores)[:top]
        out[key] = [(t, labels.get(t, "?"), scores[t]["priority"], praise[t]) for t in order]
        out[key + "_praise_in_top"] = sum(praise[t] >= priority.PRAISE_THEME_SHARE for t in order)
        out[key + "_growth_max"] = sum(scores[t]["scaled"]["growth"] >= 1.0 for t in scores)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="folder to build the workspaces in (and reuse them)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = [report(name, build(name, folder)) for name in ("demo", *SETS)]
    print("| data set | themes | span (days) | growth window | mostly-praise themes | in top 5 before | in top 5 after "
          "| themes at full growth before / after |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        span = "no dates" if r["span"] is None else f"{r['span']:.0f}"
        window = f"{r['growth_days']} d" if r["growth_days"] else "neutral"
        print(f"| {r['name']} | {r['themes']} | {span} | {window} | {r['mostly_praise']} | {r['before_praise_in_top']} "
              f"| {r['after_praise_in_top']} | {r['before_growth_max']} / {r['after_growth_max']} |")
    for r in results:
        print(f"\n**{r['name']}** top 5 (theme label as generated, priority, praise share)\n")
        print("| rank | before | after |")
        print("|---|---|---|")
        for i, (b, a) in enumerate(zip(r["before"], r["after"]), 1):
            cell = lambda x: f"{x[1][:40]} ({x[2]:.1f}, praise {x[3]:.0%})"  # noqa: E731
            print(f"| {i} | {cell(b)} | {cell(a)} |")


if __name__ == "__main__":
    main()

"""Does priority mean "what to fix next"? The top five top-level themes (as the board and the
briefing rank them), with their praise share, on the demo and on real sets, under three definitions
computed in the same run from the same inputs:

- **s2** (session 2): no praise scaling, growth always 30-day windows, no votes; ordered by priority;
- **s3** (session 3): praise scales the size-driven factors, growth neutral on short data, votes;
  ordered by priority;
- **now**: the s3 scores, ordered by ``analysis.priority.rank_key`` (themes to fix before mostly-praise ones).

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/priority_check.py [--keep DIR]

Builds temporary workspaces (import, analyse, sentiment) of the demo, amazon-alexa-reviews (dated,
star ratings), app-reviews-4class (undated, text only), apple-tweets-sentiment (nine days of
tweets) and zh-waimai-10k (undated Chinese reviews) from ../shared/data, read only. Prints
Markdown tables for bench/RESULTS.md. A theme is "mostly praise" above a praise share of 0.5 (``priority.mostly_praise``).
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
from triage_app.store import Workspace
from triage_app.store import metrics_queries as mq

DATA = Path(__file__).resolve().parents[1].parent.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")
SETS = {
    "amazon-alexa-reviews": ("amazon-alexa-reviews/amazon_alexa.tsv",
                             {"text": "verified_reviews", "created_at": "date", "rating": "rating"}),
    "app-reviews-4class": ("app-reviews-4class/dataset_unbalanced_4000.csv", {"text": "review", "id": "ID"}),
    "apple-tweets-sentiment": ("apple-tweets-sentiment/Apple-Twitter-Sentiment-DFE.csv", {"text": "text", "created_at": "date"}),
    # undated Chinese delivery reviews (its 0/1 "label" column is guessed as labels: no type, no sentiment)
    "zh-waimai-10k": ("zh-waimai-10k/waimai_10k.csv", {"text": "review"}),
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
        ws = Workspace(path)
        run_import(ws, str(file), ImportOptions(mapping=mapping))
        run_analysis(ws)
        ws.close()
    ws = Workspace(path, create=False)
    drive(score_items(ws.conn))
    ws.close()
    return path


def ranked(scores: dict, size: dict, praise: dict | None = None) -> list[int]:
    """Theme ids by priority (then size, id); with ``praise``, by analysis.priority.rank_key."""
    if praise is None:
        return sorted(scores, key=lambda t: (-scores[t]["priority"], -size.get(t, 0), t))
    return sorted(scores, key=lambda t: priority.rank_key(scores[t]["priority"], praise[t], size.get(t, 0), t))


def report(name: str, path: Path, top: int = 5) -> dict:
    from triage_app.services.theme_summaries import theme_summaries

    ws = Workspace(path, create=False)
    conn = ws.conn
    inputs = metrics.theme_inputs(conn)
    labels = {t: r["label"] for t, r in mq.theme_rollup(conn).items()}
    summaries = theme_summaries(conn)  # what the board lists: top-level themes (with their sub-themes' items)
    listed = {t.id for t in summaries}
    board = [t.id for t in summaries if t.parent_id is None or t.parent_id not in listed]
    size = {t.id: t.size for t in summaries}
    new = priority.weighted(inputs, metrics.weights(conn))
    old_inputs = [dataclasses.replace(t, praise_share=0.0, votes=0.0, growth_days=priority.GROWTH_WINDOW_DAYS)
                  for t in inputs]
    old_w = {**metrics.weights(conn), "votes": 0.0}
    old = priority.weighted(old_inputs, old_w)
    praise = {t.theme_id: t.praise_share for t in inputs}
    span = inputs[0].span_days if inputs else None
    ws.close()
    keep = set(board)
    new, old = {t: v for t, v in new.items() if t in keep}, {t: v for t, v in old.items() if t in keep}
    out = {"name": name, "themes": len(board), "span": span, "growth_days": inputs[0].growth_days if inputs else None,
           "mostly_praise": sum(priority.mostly_praise(praise[t]) for t in board)}
    for key, scores, order in (("s2", old, ranked(old, size)), ("s3", new, ranked(new, size)),
                               ("now", new, ranked(new, size, praise))):
        order = order[:top]
        out[key] = [(t, labels.get(t, "?"), scores[t]["priority"], praise[t]) for t in order]
        out[key + "_praise_in_top"] = sum(priority.mostly_praise(praise[t]) for t in order)
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
    print("| data set | top-level themes | span (days) | growth window | mostly-praise themes | in top 5: s2 | s3 "
          "| now | themes at full growth s2 / now |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        span = "no dates" if r["span"] is None else f"{r['span']:.0f}"
        window = f"{r['growth_days']} d" if r["growth_days"] else "neutral"
        print(f"| {r['name']} | {r['themes']} | {span} | {window} | {r['mostly_praise']} | {r['s2_praise_in_top']} "
              f"| {r['s3_praise_in_top']} | **{r['now_praise_in_top']}** | {r['s2_growth_max']} / {r['now_growth_max']} |")
    for r in results:
        print(f"\n**{r['name']}** top 5 (theme label as generated, priority, praise share)\n")
        print("| rank | s2 | s3 | now |")
        print("|---|---|---|---|")
        cell = lambda x: f"{x[1][:32]} ({x[2]:.1f}, praise {x[3]:.0%})"  # noqa: E731
        for i, row in enumerate(zip(r["s2"], r["s3"], r["now"]), 1):
            print(f"| {i} | " + " | ".join(cell(x) for x in row) + " |")


if __name__ == "__main__":
    main()

"""Does priority mean "what to fix next"? The top five top-level themes (as the board and the
briefing rank them, ``analysis.priority.rank_key``) on the demo and on real sets, under the praise
share of main 367b0af (**before**: typed praise whenever a type exists) and this tree's (**after**:
store.metrics_queries.PRAISE_SQL, a satisfied score outranks the guessed type), computed in the same
run on the same workspaces. Each theme is judged by

- (a) its praise share, as that definition computes it (what the product ranks by);
- (b) the share of its items with positive sentiment (stored sentiment: a rating/NPS/CSAT first);
- (c) the share of 4-5 star items among its rated items, where ratings exist;
- (d) the share the set's own labels call positive, where the workspace carries them (zh-waimai-10k's 0/1).

A theme is "mostly positive" by a judge above 0.5 (``priority.mostly_praise``). The defect this
checks: a theme mostly positive by (b) or (c) that the product does not see as mostly praise ranks
among the themes to fix. The top five is the one each version's briefing reports: before, the first
five by ``rank_key`` (mostly-praise themes fill it when fewer are left to fix); after, the first five
themes to fix (mostly-praise ones are only under What people love).

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/priority_check.py [--keep DIR]

Builds temporary workspaces (import, analyse, sentiment) of the demo, amazon-alexa-reviews (dated,
star ratings), app-reviews-4class (undated, text only), apple-tweets-sentiment (nine days of
tweets) and zh-waimai-10k (undated Chinese reviews) from ../shared/data, read only. Prints
Markdown tables for bench/RESULTS.md. (Session 3's s2/s3 comparison of the scoring: git history.)
"""
from __future__ import annotations

import argparse
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


#: main 367b0af's praise item: typed praise whenever a type exists, else sentiment, else the score
BEFORE_PRAISE_SQL = ("(CASE WHEN s.feedback_type IS NOT NULL THEN s.feedback_type = 'praise'"
                     " WHEN s.label IS NOT NULL THEN s.label = 'positive'"
                     " WHEN coalesce(i.rating, i.csat, r.rating, r.csat) IS NOT NULL"
                     "  THEN coalesce(i.rating, i.csat, r.rating, r.csat) >= 4"
                     " WHEN coalesce(i.nps, r.nps) IS NOT NULL THEN coalesce(i.nps, r.nps) >= 9 ELSE 0 END)")
#: per top-level theme (its own and its sub-themes' items): items, positive, rated, 4-5 stars, labelled 1, labelled 0
_JUDGES_SQL = ("SELECT coalesce(t.parent_id, t.id), count(*), total(s.label = 'positive'), total(i.rating IS NOT NULL),"
               " total(i.rating >= 4), total(i.labels = '[\"1\"]'), total(i.labels = '[\"0\"]')"
               " FROM item_themes it JOIN themes t ON t.id = it.theme_id JOIN items i ON i.id = it.item_id"
               " LEFT JOIN item_sentiment s ON s.item_id = i.id WHERE t.merged_into IS NULL GROUP BY 1")
JUDGES = ("a", "b", "c", "d")


def judges(conn) -> dict[int, dict[str, float | None]]:
    out = {}
    for theme, n, pos, rated, top2, yes, no in conn.execute(_JUDGES_SQL):
        out[theme] = {"b": pos / n if n else None, "c": top2 / rated if rated else None,
                      "d": yes / (yes + no) if yes + no else None}
    return out


def _shares(conn, sql: str) -> tuple[dict, dict]:
    """(priorities, praise shares) with ``sql`` as the praise item."""
    saved, mq.PRAISE_SQL = mq.PRAISE_SQL, sql
    try:
        inputs = metrics.theme_inputs(conn)
    finally:
        mq.PRAISE_SQL = saved
    return priority.weighted(inputs, metrics.weights(conn)), {t.theme_id: t.praise_share for t in inputs}


def report(name: str, path: Path, top: int = 5) -> dict:
    from triage_app.services.theme_board import loved_themes
    from triage_app.services.theme_summaries import theme_summaries

    ws = Workspace(path, create=False)
    conn = ws.conn
    summaries = theme_summaries(conn)  # what the board lists: top-level themes (with their sub-themes' items)
    listed = {t.id for t in summaries}
    board = [t.id for t in summaries if t.parent_id is None or t.parent_id not in listed]
    size = {t.id: t.size for t in summaries}
    labels = {t.id: t.label for t in summaries}
    judged = judges(conn)
    out = {"name": name, "themes": len(board)}
    for key, sql in (("before", BEFORE_PRAISE_SQL), ("after", mq.PRAISE_SQL)):
        scores, praise = _shares(conn, sql)
        ids = [t for t in board if t in scores]
        order = sorted(ids, key=lambda t: priority.rank_key(scores[t]["priority"], praise[t], size.get(t, 0), t))
        rows = [{"id": t, "label": labels[t], "priority": scores[t]["priority"], "a": praise[t], **judged.get(t, {})}
                for t in order]
        if key == "after":  # this tree's briefing reports the themes to fix only (services.briefing._themes)
            rows = [r for r in rows if not priority.mostly_praise(r["a"])]
        first = rows[:top]
        positive = {j: sum(priority.mostly_praise(r.get(j)) for r in first) for j in JUDGES}
        # ranked as a theme to fix although its items are mostly positive by sentiment or stars
        unseen = [r for r in first if not priority.mostly_praise(r["a"])
                  and (priority.mostly_praise(r.get("b")) or priority.mostly_praise(r.get("c")))]
        loved = loved_themes([{"id": t, "label": labels[t], "size": size.get(t, 0), "praise_share": praise[t]}
                              for t in ids])
        out[key] = {"top": first, "positive": positive, "unseen": len(unseen),
                    "to_fix": sum(not priority.mostly_praise(praise[t]) for t in ids),
                    "loved": [{**r, **judged.get(r["id"], {}), "a": praise[r["id"]]} for r in loved]}
    ws.close()
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _cell(r: dict) -> str:
    return f"{r['label'][:26]} (" + ", ".join(f"{j} {_pct(r.get(j))}" for j in JUDGES if r.get(j) is not None) + ")"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="folder to build the workspaces in (and reuse them)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = [report(name, build(name, folder)) for name in ("demo", *SETS)]
    print("| data set | top-level themes | themes to fix before / after | mostly positive in top 5 by "
          "(a) praise share | (b) sentiment | (c) 4-5 stars | (d) own labels | of those ranked as to fix |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        b, a = r["before"], r["after"]
        ba = lambda j: f"{b['positive'][j]} / **{a['positive'][j]}**"  # noqa: E731
        has = {j: any(x.get(j) is not None for x in b["top"] + a["top"]) for j in JUDGES}
        print(f"| {r['name']} | {r['themes']} | {b['to_fix']} / {a['to_fix']} | {ba('a')} | {ba('b')} "
              f"| {ba('c') if has['c'] else 'no ratings'} | {ba('d') if has['d'] else 'no labels'} "
              f"| {b['unseen']} / **{a['unseen']}** |")
    print("\n(before / after; \"of those ranked as to fix\": mostly positive by (b) or (c) but not mostly praise by (a),"
          " so ranked among the themes to fix - the defect.)")
    for r in results:
        print(f"\n**{r['name']}** top 5 (theme label as generated; a praise share, b positive, c 4-5 stars, d own labels)\n")
        print("| rank | before | after |")
        print("|---|---|---|")
        before, after = r["before"]["top"], r["after"]["top"]
        for i in range(max(len(before), len(after))):
            cell = lambda rows: (_cell(rows[i]) + (" *mostly praise*" if priority.mostly_praise(rows[i]["a"]) else "")  # noqa: E731
                                 if i < len(rows) else "(no further theme to fix)")
            print(f"| {i + 1} | {cell(before)} | {cell(after)} |")
        print("\nWhat people love, after: " + ("; ".join(_cell(x) for x in r["after"]["loved"]) or "none")
              + "  \nbefore: " + ("; ".join(_cell(x) for x in r["before"]["loved"]) or "none"))


if __name__ == "__main__":
    main()

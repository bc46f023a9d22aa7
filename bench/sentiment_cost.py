"""What scoring sentiment and feedback type adds to an analysis (issue 13: at most 10% of a warm one).

    PYTHONPATH=. .venv/bin/python bench/sentiment_cost.py [--n 100000]

Imports N generated items (theme_bench's generator) into a new workspace, then times, in the same run:
- the stage the analysis now runs (``score_items`` with the analysis' vectors handed over in memory:
  read the items to score, mapped values and scores, cue features, the two heads, write);
- the same with the vectors read from the workspace's cache instead (``triage-app sentiment`` after
  an analysis; the vectors are written to the cache first, not timed);
- the baseline: the scoring before issue 13 (VADER / SnowNLP per text, ratings first), same items.
The vectors are random unit vectors of the right size: the stage's cost does not depend on them.
A warm analysis of 100,000 items took 33.2 s on the idle machine (bench/RESULTS.md, theme_bench.py);
its ``seconds`` now include a ``sentiment`` stage, so theme_bench.py measures the share directly.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    from theme_bench import generate, write_csv

    from analysis.embeddings import text_hash
    from analysis.sentiment import item_sentiment
    from triage_app.domain import drive
    from triage_app.services.analysis import EMBED_CHARS, analysis_rows
    from triage_app.services.importing import run_import
    from triage_app.services.sentiment import MODEL, heads, score_items
    from triage_app.services.theme_describe import clean_rows
    from triage_app.store import Workspace
    from triage_app.store import themes as tq
    from triage_app.store.queries import transaction

    tmp = Path(tempfile.mkdtemp(prefix="sentiment-cost-"))
    write_csv(tmp / "items.csv", generate(args.n, 7))
    ws = Workspace(tmp / "w.triage")
    run_import(ws, tmp / "items.csv")
    rows = analysis_rows(ws.conn)
    ids = np.array([r[0] for r in rows])
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(ids), 512)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    heads()  # loaded once per process, as in the app
    load = os.getloadavg()[0]

    def reset():
        with transaction(ws.conn):
            ws.conn.execute("DELETE FROM item_sentiment")

    start, cpu = time.perf_counter(), time.process_time()
    drive(score_items(ws.conn, known=(ids, vectors)))
    in_memory, in_memory_cpu = time.perf_counter() - start, time.process_time() - cpu

    docs = [d[:EMBED_CHARS] for d in clean_rows(rows, list(range(len(rows))))]
    with transaction(ws.conn):
        tq.store_vectors(ws.conn, MODEL, 512, [(text_hash(d), v.tobytes()) for d, v in zip(docs, vectors)])
    reset()
    start, cpu = time.perf_counter(), time.process_time()
    drive(score_items(ws.conn))
    from_cache, from_cache_cpu = time.perf_counter() - start, time.process_time() - cpu

    texts = ws.conn.execute("SELECT title, text, rating FROM items").fetchall()
    start, cpu = time.perf_counter(), time.process_time()
    for title, text, rating in texts:
        item_sentiment(f"{title}. {text}" if title else text, rating=rating)
    lexicons, lexicons_cpu = time.perf_counter() - start, time.process_time() - cpu
    # the model part alone (cue features + heads, no store), today's heads against session 6's and 4's
    from sentiment_eval import SESSION4, SESSION6, _git_show, _module_at

    def at(commit):
        old_file = tmp / f"heads-{commit}.npz"
        old_file.write_bytes(_git_show(commit, "resources/classifier/heads.npz"))
        return _module_at(commit, "analysis/feedback_classes.py").Heads.load(old_file)

    models = []
    for name, model, long_form in (
            ("heads now, model part only (cue features + heads + Chinese grams)", heads(), None),
            ("heads now, model part only, every item long-form (the issue type head)", heads(), True),
            (f"session 6 heads-5 (git {SESSION6}), model part only", at(SESSION6), None),
            (f"session 4 heads-3 (git {SESSION4}), model part only", at(SESSION4), None)):
        start, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(docs), 10_000):
            args = (vectors[i:i + 10_000], docs[i:i + 10_000])
            model.probabilities(*args, [True] * len(args[1])) if long_form else model.probabilities(*args)
        models.append((name, time.perf_counter() - start, time.process_time() - cpu))
    warm = 33.2 * len(ids) / 100_000
    print(f"| stage ({len(ids):,} items; load average {load:.1f} at start) | wall s | CPU s | CPU share of a warm "
          f"analysis (33.2 s per 100,000, idle) |")
    print("|---|---|---|---|")
    for name, wall, cpu in (
            ("**sentiment + type in the analysis (vectors in memory)**", in_memory, in_memory_cpu),
            ("same, vectors read from the cache (`triage-app sentiment` after an analysis)", from_cache, from_cache_cpu),
            ("baseline: VADER / SnowNLP per text (before issue 13; sentiment only, no write)", lexicons, lexicons_cpu),
            *models):
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {cpu / warm:.1%} |")
    ws.close()


if __name__ == "__main__":
    main()

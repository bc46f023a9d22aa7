"""What scoring sentiment and type adds to a warm analysis (issue 13: at most 10%), this code against a
baseline checkout, alternating, in one run.

    .venv/bin/python bench/sentiment_stage_compare.py --baseline-root /path/to/baseline \
        [--source /tmp/theme-bench/bench-100000.triage] [--reps 1] [--stage-reps 3] [--dir /tmp/sentiment-stage]

Both sides start from copies of the same analysed workspace (``theme_bench.py``'s, vectors cached,
every item scored). Each side opens its copy once first (schema upgrade, redaction cache filled).
Then, in fresh processes, alternating baseline / this code:
- ``stage``: the analysis' sentiment + type stage alone (``services.analysis._score_classes`` with the
  analysis' vectors in memory) after clearing ``item_sentiment``, ``--stage-reps`` times in one process;
  the table of scores written is hashed (equal hashes: the same rows);
- ``warm``: ``run_analysis(mode="full")`` with every item scored (nothing to score: the denominator);
- ``warm + scoring``: the same after clearing ``item_sentiment`` (every item scored in the analysis),
  with the CPU seconds of its sentiment stage measured in the process.
Prints a Markdown table: wall and CPU seconds, the load average at the start and end of each run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def load() -> float:
    return round(os.getloadavg()[0], 1)


# -- children (a fresh process each, PYTHONPATH = the side's checkout) -----------------------------
def child_prefill(workspace: str) -> dict:
    from triage_app.services.analysis import analysis_rows
    from triage_app.store import Workspace

    with Workspace(workspace) as ws:
        analysis_rows(ws.conn)
    return {}


def _clear(ws) -> None:
    from triage_app.store.queries import transaction

    with transaction(ws.conn):
        ws.conn.execute("DELETE FROM item_sentiment")


def child_stage(workspace: str, reps: int) -> dict:
    """The stage alone, with the vectors the analysis would hold (read from the cache, not timed)."""
    import hashlib

    import numpy as np

    from analysis.embeddings import text_hash
    from triage_app.domain import CancelToken, drive
    from triage_app.services import analysis as A
    from triage_app.services.sentiment import MODEL, heads
    from triage_app.store import Workspace
    from triage_app.store import themes as tq

    runs = []
    with Workspace(workspace) as ws:
        rows = A.analysis_rows(ws.conn)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        hashes = [text_hash(d[:A.EMBED_CHARS]) for d in A.clean_corpus([r[1:] for r in rows])]
        cached = tq.cached_vectors(ws.conn, MODEL, hashes)
        vectors = np.stack([np.frombuffer(cached[h], dtype=np.float32) for h in hashes])
        heads()  # loaded once per process, as in the app
        for _ in range(reps):
            _clear(ws)
            result = A.AnalysisResult(run_id=None, mode="full", model=MODEL, items=len(rows))
            before, t, c = load(), time.perf_counter(), time.process_time()
            drive(A._score_classes(ws, result, MODEL, ids, vectors, CancelToken()))
            runs.append({"wall_s": round(time.perf_counter() - t, 2), "cpu_s": round(time.process_time() - c, 2),
                         "load": (before, load())})
        table = ws.conn.execute("SELECT * FROM item_sentiment ORDER BY item_id").fetchall()
    return {"runs": runs, "scored": len(table), "hash": hashlib.sha256(repr(table).encode()).hexdigest()[:16]}


def child_warm(workspace: str, clear: bool) -> dict:
    from triage_app.services import analysis as A
    from triage_app.store import Workspace

    stage = {"cpu_s": 0.0}
    original = A._score_classes

    def measured(*args, **kwargs):
        c = time.process_time()
        out = yield from original(*args, **kwargs)
        stage["cpu_s"] += time.process_time() - c
        return out

    A._score_classes = measured
    with Workspace(workspace) as ws:
        if clear:
            _clear(ws)
        c = time.process_time()
        r = A.run_analysis(ws, mode="full")
        cpu = time.process_time() - c
    return {"cpu_s": round(cpu, 2), "stage_cpu_s": round(stage["cpu_s"], 2), "stages": r.seconds,
            "themes": r.themes, "scored": r.info.get("sentiment_scored")}


def run_child(root: Path, *args: str) -> dict:
    before, t = load(), time.perf_counter()
    out = subprocess.run([PY, str(Path(__file__).resolve()), "--child", *args], cwd=root, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"})
    if out.returncode != 0:
        raise SystemExit(f"{root}: {args[0]} failed\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data.update(wall_s=round(time.perf_counter() - t, 1), load=(before, load()))
    return data


def _median(runs: list[dict], key: str, nested: str | None = None) -> float:
    values = [(r[nested] if nested else r)[key] for r in runs]
    return round(statistics.median(values), 2)


def table(res: dict, items: int) -> str:
    b, o = res["baseline"], res["ours"]
    loads = lambda runs: "; ".join(f"{x['load'][0]}→{x['load'][1]}" for x in runs)  # noqa: E731
    stage_b = [x for r in b["stage"] for x in r["runs"]]
    stage_o = [x for r in o["stage"] for x in r["runs"]]
    lines = [f"| {items:,} items | baseline | this code | load (1-min, start→end) |", "|---|---|---|---|"]

    def row(name, fb, fo, ld=""):
        lines.append(f"| {name} | {fb} | **{fo}** | {ld} |")

    row("stage alone: CPU s (median)", _median(stage_b, "cpu_s"), _median(stage_o, "cpu_s"),
        f"{loads(stage_b)} / {loads(stage_o)}")
    row("stage alone: wall s (median)", _median(stage_b, "wall_s"), _median(stage_o, "wall_s"))
    row("rows written (hash of item_sentiment)", b["stage"][0]["hash"], o["stage"][0]["hash"])
    for name, key in (("warm analysis, nothing to score", "warm"), ("warm analysis scoring every item", "scoring")):
        row(f"{name}: CPU s", _median(b[key], "cpu_s"), _median(o[key], "cpu_s"),
            f"{loads(b[key])} / {loads(o[key])}")
        row(f"{name}: wall s", _median(b[key], "wall_s"), _median(o[key], "wall_s"))
    row("its sentiment stage: CPU s (in the process)", _median(b["scoring"], "stage_cpu_s"),
        _median(o["scoring"], "stage_cpu_s"))
    row("its sentiment stage: wall s", _median(b["scoring"], "sentiment", "stages"),
        _median(o["scoring"], "sentiment", "stages"))
    for side in (b, o):
        warm = _median(side["warm"], "cpu_s")
        side["share_stage"] = f"{_median(side['scoring'], 'stage_cpu_s') / warm:.1%}"
        side["share_alone"] = f"{statistics.median(x['cpu_s'] for x in (stage_b if side is b else stage_o)) / warm:.1%}"
        side["share_diff"] = f"{(_median(side['scoring'], 'cpu_s') - warm) / warm:.1%}"
    row("**stage CPU / warm CPU (goal ≤ 10%)**", b["share_stage"], o["share_stage"])
    row("stage alone CPU / warm CPU", b["share_alone"], o["share_alone"])
    row("(warm scoring − warm) / warm, CPU", b["share_diff"], o["share_diff"])
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline-root", type=Path)
    ap.add_argument("--ours-root", type=Path, default=ROOT)
    ap.add_argument("--source", type=Path, default=Path("/tmp/theme-bench/bench-100000.triage"))
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--stage-reps", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/sentiment-stage"))
    ap.add_argument("--no-warm", action="store_true", help="the stage alone only")
    ap.add_argument("--child", nargs="*")
    args = ap.parse_args()
    if args.child:
        kind, workspace, *rest = args.child
        data = {"prefill": lambda: child_prefill(workspace),
                "stage": lambda: child_stage(workspace, int(rest[0])),
                "warm": lambda: child_warm(workspace, clear=False),
                "scoring": lambda: child_warm(workspace, clear=True)}[kind]()
        print(json.dumps(data))
        return
    if args.baseline_root is None:
        ap.error("--baseline-root is required")
    sides = {"baseline": args.baseline_root.resolve(), "ours": args.ours_root.resolve()}
    args.dir.mkdir(parents=True, exist_ok=True)
    ws = {}
    for side, root in sides.items():
        ws[side] = args.dir / f"{side}.triage"
        for old in args.dir.glob(f"{side}.triage*"):
            old.unlink()
        shutil.copyfile(args.source, ws[side])
        run_child(root, "prefill", str(ws[side]))
    res = {side: {"stage": [], "warm": [], "scoring": []} for side in sides}
    items = 0
    for _ in range(args.reps):  # "stage" and "scoring" leave every item scored, so "warm" scores none
        for kind in ("stage",) if args.no_warm else ("stage", "warm", "scoring"):
            for side, root in sides.items():
                extra = (str(args.stage_reps),) if kind == "stage" else ()
                r = run_child(root, kind, str(ws[side]), *extra)
                if kind == "stage":
                    items = r["scored"]
                res[side][kind].append(r)
                print(json.dumps({side: {kind: r}}), flush=True)
    (args.dir / "results.json").write_text(json.dumps(res, indent=1))
    if args.no_warm:
        for side in sides:
            runs = [x for r in res[side]["stage"] for x in r["runs"]]
            print(f"{side}: stage CPU {_median(runs, 'cpu_s')} s, wall {_median(runs, 'wall_s')} s, "
                  f"hash {res[side]['stage'][0]['hash']}")
        return
    print(table(res, int(items)))


if __name__ == "__main__":
    main()

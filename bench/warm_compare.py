"""Warm analysis and adding items, this code against a baseline checkout, alternating, in one run.

    .venv/bin/python bench/warm_compare.py --baseline-root /path/to/checkout-of-e3c99e6 \
        [--source /tmp/theme-bench] [--sizes 20000,100000] [--reps 2] [--dir /tmp/warm-compare]

Both sides start from copies of the same workspaces (``theme_bench.py``'s ``bench-N.triage``, vectors
cached). This code opens its copy once first (schema upgrade, redaction cache filled: the first
analysis after an upgrade, reported as "first run"); then the warm runs (``analyze --mode full``, a
fresh process each, as ``theme_bench.py`` times them) alternate baseline / this code ``--reps``
times, and last each side imports the same 1,000 new items into its own copy and runs ``analyze``
(auto: incremental). Prints a Markdown table with wall and CPU seconds, stages and the load average
(the machine may be shared: compare the two columns of one run, not runs of different days).
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
sys.path.insert(0, str(ROOT / "bench"))
PY = sys.executable

from theme_bench import generate, write_csv  # noqa: E402


def load() -> float:
    return round(os.getloadavg()[0], 1)


def analyze(root: Path, workspace: Path, mode: str = "full") -> dict:
    """One ``theme_bench.py --child analyze`` of ``root``'s code, in a fresh process."""
    before, t = load(), time.perf_counter()
    out = subprocess.run([PY, str(root / "bench" / "theme_bench.py"), "--child", "analyze", "--workspace",
                          str(workspace), "--mode", mode], cwd=root, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"})
    if out.returncode != 0:
        raise SystemExit(f"{root}: analyze failed\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data.update(wall_s=round(time.perf_counter() - t, 1), load=(before, load()))
    return data


def prefill(root: Path, workspace: Path) -> dict:
    """Open the workspace with ``root``'s code (schema upgrade) and read the items as analysis does
    (the redaction cache is filled, as the first analysis after the upgrade fills it)."""
    code = ("import json, time; from triage_app.store import Workspace;"
            "from triage_app.services.analysis import analysis_rows; t = time.perf_counter(); c = time.process_time();"
            f"ws = Workspace({str(workspace)!r}); analysis_rows(ws.conn); ws.close();"
            "print(json.dumps({'stages': {'read': round(time.perf_counter() - t, 1)},"
            " 'cpu_s': round(time.process_time() - c, 1)}))")
    before, t = load(), time.perf_counter()
    out = subprocess.run([PY, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(root)})
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data.update(wall_s=round(time.perf_counter() - t, 1), load=(before, load()))
    return data


def add_items(root: Path, workspace: Path, csv_path: Path) -> dict:
    """Import ``csv_path`` with ``root``'s code, then ``triage-app analyze --json`` (auto mode)."""
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"}
    subprocess.run([PY, "-m", "triage_app", "import", str(csv_path), "-w", str(workspace), "--map", "text=Comment",
                    "--map", "id=id", "--map", "created_at=Date"], cwd=root, env=env, check=True, capture_output=True)
    before, t = load(), time.perf_counter()
    c0 = os.times()
    out = subprocess.run([PY, "-m", "triage_app", "analyze", "-w", str(workspace), "--json"], cwd=root, env=env,
                         capture_output=True, text=True, check=True)
    c1 = os.times()
    data = json.loads(out.stdout)
    return {"wall_s": round(time.perf_counter() - t, 1), "cpu_s": round(c1.children_user + c1.children_system
                                                                         - c0.children_user - c0.children_system, 1),
            "stages": data["seconds"], "mode": data["mode"], "load": (before, load())}


def median_stages(runs: list[dict]) -> dict[str, float]:
    keys = dict.fromkeys(k for r in runs for k in r["stages"])
    return {k: round(statistics.median(r["stages"].get(k, 0.0) for r in runs), 1) for k in keys}


def table(results: dict) -> str:
    lines = ["| items | measure | baseline | this code | load (1-min, start→end of each run) |", "|---|---|---|---|---|"]
    for n, r in results.items():
        for name in ("warm", "add_1000"):
            if not r.get(name, {}).get("ours"):
                continue
            base, ours = r[name]["baseline"], r[name]["ours"]
            loads = "; ".join(f"{a}→{b}" for x in base + ours for a, b in [x["load"]])
            med = lambda runs, key: round(statistics.median(x[key] for x in runs), 1)  # noqa: E731
            lines.append(f"| {n:,} | {name}: wall s (median of {len(base)}) | {med(base, 'wall_s')} | "
                         f"**{med(ours, 'wall_s')}** | {loads} |")
            lines.append(f"| {n:,} | {name}: CPU s | {med(base, 'cpu_s')} | **{med(ours, 'cpu_s')}** | |")
            sb, so = median_stages(base), median_stages(ours)
            for stage in dict.fromkeys([*sb, *so]):
                lines.append(f"| {n:,} | {name}: {stage} | {sb.get(stage, '-')} | {so.get(stage, '-')} | |")
        if "first" in r:
            f = r["first"]
            lines.append(f"| {n:,} | first run of this code (upgrade, redaction cache filled) | | {f['wall_s']} "
                         f"(CPU {f['cpu_s']}, read {f['stages'].get('read')}) | {f['load'][0]}→{f['load'][1]} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline-root", type=Path, required=True)
    ap.add_argument("--ours-root", type=Path, default=ROOT, help="this code (default: this checkout)")
    ap.add_argument("--source", type=Path, default=Path("/tmp/theme-bench"))
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/warm-compare"))
    ap.add_argument("--no-add", action="store_true")
    ap.add_argument("--prefill-baseline", action="store_true",
                    help="open the baseline's copy first too (its first warm run then pays no schema upgrade or "
                         "redaction: both sides' warm runs are warm)")
    ap.add_argument("--first-run", action="store_true",
                    help="a whole analysis as this code's first run (default: only read the items, which fills "
                         "the redaction cache)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    sides = {"baseline": args.baseline_root.resolve(), "ours": args.ours_root.resolve()}
    results: dict = {}
    for n in (int(s) for s in args.sizes.split(",")):
        source = args.source / f"bench-{n}.triage"
        ws = {side: args.dir / f"{side}-{n}.triage" for side in sides}
        for side, path in ws.items():
            for old in args.dir.glob(f"{side}-{n}.triage*"):
                old.unlink()
            shutil.copyfile(source, path)
        r: dict = {"warm": {"baseline": [], "ours": []}}
        r["first"] = analyze(sides["ours"], ws["ours"]) if args.first_run else prefill(sides["ours"], ws["ours"])
        if args.prefill_baseline:
            prefill(sides["baseline"], ws["baseline"])
        print(json.dumps({n: r}), flush=True)
        for _ in range(args.reps):
            for side in ("baseline", "ours"):
                r["warm"][side].append(analyze(sides[side], ws[side]))
                print(json.dumps({n: {side: r["warm"][side][-1]}}), flush=True)
        if not args.no_add:
            import sqlite3

            count = sqlite3.connect(ws["ours"]).execute("SELECT count(*) FROM items").fetchone()[0]
            more = args.dir / f"more-{n}.csv"
            write_csv(more, generate(1000, seed=count + 1), start=count)
            r["add_1000"] = {side: [add_items(sides[side], ws[side], more)] for side in ("baseline", "ours")}
            print(json.dumps({n: r["add_1000"]}), flush=True)
        results[n] = r
        (args.dir / "results.json").write_text(json.dumps(results, indent=1))
        print(table(results), flush=True)


if __name__ == "__main__":
    main()

"""Import benchmark (issue: foundation). A benchmark, not a test: run it by hand.

    .venv/bin/python bench/import_bench.py [--rows 1000000] [--keep DIR]

Generates a survey-style CSV (response id, ISO time, NPS 0-10, ~200-character comment, plan),
then measures in one run:
  floor   plain sqlite3: executemany of the same rows (already in memory) into one table, and
          csv.reader + executemany (parse + store, nothing else)
  ours    `run_import` in a child process: rows/s of parse+store, full-text index seconds,
          peak RSS of the process
  stats   `stats` query time on the result, and the CLI command's wall time
  search  first page (50, newest first) of a full-text search, for common words and a two-word query
  encoding  (issue 14) the same import with whole-file encoding validation off (the baseline) and on,
          alternated off/on/on/off, best of each; and ``--validate-gb N``: an N GB UTF-8 file with
          Chinese text validated by ``validate.scan_file`` in a child process (MB/s and peak RSS)
Prints a JSON summary and a Markdown table to paste into bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("app crashes when I open the settings page after the update login is slow and the sync fails "
         "sometimes dark mode would be great please add export to excel the new dashboard is confusing "
         "support answered quickly thanks notifications arrive late battery drain since version search "
         "results are wrong pricing is too high for small teams onboarding was easy love the api docs").split()
PLANS = ("free", "team", "business", "enterprise")


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Response ID", "Submitted At", "How likely are you to recommend us? (0-10)",
                    "What could we improve?", "Plan"])
        base = 1_700_000_000
        for i in range(rows):
            words = rng.choices(WORDS, k=36)
            text = " ".join(words)[:200].capitalize() + "."
            ts = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(base + i * 17))
            w.writerow([f"R_{i:08d}", ts, rng.randint(0, 10), text, rng.choice(PLANS)])


def floor_in_memory(path: Path) -> float:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    db = Path(tempfile.mkdtemp()) / "floor.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (id TEXT, ts TEXT, score INTEGER, text TEXT, plan TEXT)")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t VALUES (?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return len(rows) / seconds


def floor_parse_and_store(path: Path) -> float:
    db = Path(tempfile.mkdtemp()) / "floor2.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (id TEXT, ts TEXT, score INTEGER, text TEXT, plan TEXT)")
    start = time.perf_counter()
    conn.execute("BEGIN")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        n = 0
        while True:
            batch = [r for _, r in zip(range(5000), reader)]
            if not batch:
                break
            conn.executemany("INSERT INTO t VALUES (?,?,?,?,?)", batch)
            n += len(batch)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return n / seconds


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from triage_app.store import Workspace
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import import_file
try:  # what the triage-app entry point sets for its process (older code: the import did it)
    from triage_app.process import configure
    configure()
except ImportError:
    pass
ws = Workspace(sys.argv[2])
marks, cpu = {}, {}
start = time.perf_counter()
gen = import_file(ws, sys.argv[1], ImportOptions(format="generic"))
try:
    while True:
        p = next(gen)
        marks.setdefault(p.stage, time.perf_counter() - start)
        if p.stage == "indexing" and not cpu:  # CPU of each side while the rows land (the reader has ended)
            child = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = {"importer_cpu_s": time.process_time(), "reader_cpu_s": child.ru_utime + child.ru_stime}
except StopIteration as stop:
    result = stop.value
total = time.perf_counter() - start
print(json.dumps({"added": result.added, "rejected": result.rejected, "total_s": total,
                  "rows_s": marks.get("indexing", total), "index_s": total - marks.get("indexing", total),
                  # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent
                  "peak_rss_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024,
                  "reader_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, **cpu}))
"""


CHILD = "if __name__ == '__main__':\n" + "".join("    " + line + "\n" for line in CHILD.strip().splitlines())


def ours(path: Path, workspace: Path, validate: bool = True, root: Path = ROOT) -> dict:
    """The import in a child process; ``root``: the code to run (another checkout: a baseline)."""
    for p in (workspace, Path(f"{workspace}-wal"), Path(f"{workspace}-shm")):
        p.unlink(missing_ok=True)
    env = dict(os.environ, TRIAGE_VALIDATE_ENCODING="1" if validate else "0")
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(workspace), str(root)],
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


READ_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
from triage_app.importers.source import ImportOptions, SourceFile
from triage_app.services.reading import parse_chunks
cpu, wall = time.process_time(), time.perf_counter()
rows = sum(len(c.items) for c in parse_chunks(SourceFile(sys.argv[1], ImportOptions(format="generic")), "generic", 5000))
print(json.dumps({"rows": rows, "cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}))
"""


def reader_cpu(path: Path, validate: bool, root: Path = ROOT) -> dict:
    """CPU seconds of reading the whole file into stored rows (the side validation adds to), one process;
    ``root``: the code to run (another checkout: today's code before this change)."""
    env = dict(os.environ, TRIAGE_VALIDATE_ENCODING="1" if validate else "0")
    out = subprocess.run([sys.executable, "-c", READ_CHILD, str(path), str(root)],
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


SCAN_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
from triage_app.importers.validate import scan_file
start = time.perf_counter()
stats = scan_file(sys.argv[1], sys.argv[2])
seconds = time.perf_counter() - start
print(json.dumps({**stats, "seconds": seconds,
                  "peak_rss_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
"""


def validate_big(folder: Path, gigabytes: float) -> dict:
    """Write an N GB UTF-8 CSV with Chinese and English text and validate it whole in a child process."""
    path = folder / "big.csv"
    target = int(gigabytes * 1e9)
    if not path.exists() or path.stat().st_size < target:
        rng = random.Random(3)
        zh = "配送太慢了饭菜都凉了客服态度很好下次还会再来包装破损汤洒了一半价格有点贵但是味道不错"
        block = "".join(f"{i},{''.join(rng.choices(zh, k=40))} {' '.join(rng.choices(WORDS, k=12))}\n"
                        for i in range(20_000)).encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(b"id,comment\n")
            written = 0
            while written < target:
                fh.write(block)
                written += len(block)
    out = subprocess.run([sys.executable, "-c", SCAN_CHILD, str(path), "utf-8", str(ROOT)],
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout)
    result["file_gb"] = round(path.stat().st_size / 1e9, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="keep the CSV and workspace in this folder")
    parser.add_argument("--validate-gb", type=float, default=0.0, help="also validate a file of this many GB")
    parser.add_argument("--encoding-only", action="store_true", help="only the encoding-validation comparison")
    parser.add_argument("--reader-only", action="store_true", help="with --encoding-only: reader CPU only, no imports")
    parser.add_argument("--today", type=Path, help="with --encoding-only: also the reader CPU of this checkout")
    parser.add_argument("--compare", type=Path, help="only: this code vs the checkout at COMPARE (the baseline), "
                        "imports alternated baseline/this/this/baseline, best of each")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="triage-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, ws_path = folder / "survey.csv", folder / "bench.triage"
    for p in (ws_path, Path(f"{ws_path}-wal"), Path(f"{ws_path}-shm")):
        p.unlink(missing_ok=True)
    if not csv_path.exists() or sum(1 for _ in open(csv_path, encoding="utf-8")) != args.rows + 1:
        generate(csv_path, args.rows)
    size_mb = csv_path.stat().st_size / 1e6

    load_at_start = os.getloadavg()[0]
    if args.encoding_only:
        encoding_comparison(csv_path, ws_path, args, folder, load_at_start)
        return
    if args.compare:
        code_comparison(csv_path, ws_path, args, load_at_start)
        return
    floor_mem = floor_in_memory(csv_path)
    floor_csv = floor_parse_and_store(csv_path)
    mine = ours(csv_path, ws_path)
    rows_per_s = mine["added"] / mine["rows_s"]

    from triage_app.store import Workspace, queries
    with Workspace(ws_path, create=False) as ws:
        t = time.perf_counter(); ws.stats(); stats_query = time.perf_counter() - t
        timings = {}
        for word in ("crashes", "excel"):
            t = time.perf_counter(); hits = queries.search_items(ws.conn, word, limit=50)
            timings[word] = (time.perf_counter() - t, len(hits))
        t = time.perf_counter(); queries.search_items(ws.conn, "battery drain", limit=50)
        timings["battery drain"] = (time.perf_counter() - t, 50)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "triage_app", "stats", "-w", str(ws_path), "--json"],
                   check=True, capture_output=True, cwd=ROOT)
    stats_cli = time.perf_counter() - t

    summary = {
        "rows": args.rows, "csv_mb": round(size_mb, 1),
        "floor_executemany_rows_s": round(floor_mem), "floor_csv_plus_executemany_rows_s": round(floor_csv),
        "import_rows_s": round(rows_per_s), "import_seconds": round(mine["rows_s"], 2),
        "fts_index_seconds": round(mine["index_s"], 2), "peak_rss_mb": round(mine["peak_rss_mb"]),
        "reader_process_peak_rss_mb": round(mine["reader_peak_rss_mb"]),
        # CPU per row of each process until the rows have landed (start-up included): on a shared
        # machine these say more than the wall-clock rate
        "importer_cpu_us_per_row": round(mine["importer_cpu_s"] / mine["added"] * 1e6, 2),
        "reader_cpu_us_per_row": round(mine["reader_cpu_s"] / mine["added"] * 1e6, 2),
        "load_average_1min": [round(load_at_start, 2), round(os.getloadavg()[0], 2)],  # at start and end
        "stats_query_s": round(stats_query, 3), "stats_cli_s": round(stats_cli, 2),
        "search_first_page_ms": {k: round(v[0] * 1000, 1) for k, v in timings.items()},
        "workspace_mb": round(ws_path.stat().st_size / 1e6, 1),
    }
    print(json.dumps(summary, indent=2))
    print()
    print(f"| rows | floor executemany | floor csv+executemany | import rows/s | x of floor | FTS index | peak RSS | stats query / CLI | search first page |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.rows:,} | {floor_mem:,.0f}/s | {floor_csv:,.0f}/s | {rows_per_s:,.0f}/s | "
          f"{floor_mem / rows_per_s:.2f}x | {mine['index_s']:.1f} s | {mine['peak_rss_mb']:.0f} MB (+ reader {mine['reader_peak_rss_mb']:.0f} MB) | "
          f"{stats_query * 1000:.0f} ms / {stats_cli:.2f} s | "
          + ", ".join(f"{k}: {v[0] * 1000:.1f} ms" for k, v in timings.items()) + " |")


def code_comparison(csv_path: Path, ws_path: Path, args, load_at_start: float) -> None:
    """Rows/s and CPU per row of this code and of a baseline checkout, same file, same run."""
    runs: dict[str, list[dict]] = {"baseline": [], "this": []}
    reads: dict[str, list[dict]] = {"baseline": [], "this": []}
    for name in ("baseline", "this", "this", "baseline"):
        root = args.compare if name == "baseline" else ROOT
        reads[name].append(reader_cpu(csv_path, True, root))
        runs[name].append(ours(csv_path, ws_path, True, root))
    best = {n: max(r["added"] / r["rows_s"] for r in runs[n]) for n in runs}
    cpu = {n: min(r["importer_cpu_s"] / r["added"] for r in runs[n]) * 1e6 for n in runs}
    read = {n: min(r["cpu_s"] for r in reads[n]) / args.rows * 1e6 for n in reads}
    load = [round(load_at_start, 2), round(os.getloadavg()[0], 2)]
    print(json.dumps({"rows": args.rows, "baseline": str(args.compare), "load_average_1min": load,
                      "all_runs_rows_s": {n: [round(r["added"] / r["rows_s"]) for r in runs[n]] for n in runs},
                      "importer_cpu_us_per_row": {n: [round(r["importer_cpu_s"] / r["added"] * 1e6, 2) for r in runs[n]]
                                                  for n in runs},
                      "reader_cpu_us_per_row": {n: [round(r["cpu_s"] / args.rows * 1e6, 2) for r in reads[n]] for n in reads}},
                     indent=2))
    print()
    print("| rows | import rows/s, baseline / this | change | importer CPU/row, baseline / this | reader CPU/row, "
          "baseline / this | load avg (start, end) |")
    print("|---|---|---|---|---|---|")
    print(f"| {args.rows:,} | {best['baseline']:,.0f} / {best['this']:,.0f} | {(best['this'] / best['baseline'] - 1) * 100:+.1f}% | "
          f"{cpu['baseline']:.2f} / {cpu['this']:.2f} µs ({(cpu['this'] / cpu['baseline'] - 1) * 100:+.1f}%) | "
          f"{read['baseline']:.2f} / {read['this']:.2f} µs ({(read['this'] / read['baseline'] - 1) * 100:+.1f}%) | "
          f"{load[0]}, {load[1]} |")


def encoding_comparison(csv_path: Path, ws_path: Path, args, folder: Path, load_at_start: float) -> None:
    """Issue 14: rows/s with whole-file encoding validation off (baseline) and on, same run."""
    runs = {False: [], True: []}
    reads = {False: [], True: []}
    today = []
    for validate in (False, True, True, False):
        reads[validate].append(reader_cpu(csv_path, validate))
        if args.today and validate:
            today.append(reader_cpu(csv_path, True, args.today))
    if args.reader_only:
        runs = {v: [{"added": 1, "rows_s": 1}] for v in runs}
    else:
        for validate in (False, True, True, False):
            runs[validate].append(ours(csv_path, ws_path, validate))
    best = {v: max(r["added"] / r["rows_s"] for r in runs[v]) for v in runs}
    # the reader's CPU per row: what validation adds, and far less disturbed by other processes than wall time
    read_us = {v: min(r["cpu_s"] for r in reads[v]) / args.rows * 1e6 for v in reads}
    summary = {"rows": args.rows, "rows_s_validation_off": round(best[False]), "rows_s_validation_on": round(best[True]),
               "change_pct": round((best[True] / best[False] - 1) * 100, 1),
               "all_runs_rows_s": {str(v): [round(r["added"] / r["rows_s"]) for r in runs[v]] for v in runs},
               "reader_cpu_us_per_row": {str(v): [round(r["cpu_s"] / args.rows * 1e6, 2) for r in reads[v]] for v in reads},
               "reader_cpu_change_pct": round((read_us[True] / read_us[False] - 1) * 100, 1),
               "load_average_1min": [round(load_at_start, 2), round(os.getloadavg()[0], 2)]}
    if today:
        summary["today_reader_cpu_us_per_row"] = [round(r["cpu_s"] / args.rows * 1e6, 2) for r in today]
    big = validate_big(folder, args.validate_gb) if args.validate_gb else None
    if big:
        summary["validate_big"] = big
    print(json.dumps(summary, indent=2))
    print()
    print("| rows | import, validation off (baseline) | import, validation on | change | reader CPU/row off / on | change | load avg (start, end) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {args.rows:,} | {best[False]:,.0f}/s | {best[True]:,.0f}/s | {summary['change_pct']:+.1f}% | "
          f"{read_us[False]:.2f} / {read_us[True]:.2f} µs | {summary['reader_cpu_change_pct']:+.1f}% | "
          f"{summary['load_average_1min'][0]}, {summary['load_average_1min'][1]} |")
    if today:
        best_today = min(r["cpu_s"] for r in today) / args.rows * 1e6
        print()
        print(f"Reader CPU per row of today's code ({args.today}): {best_today:.2f} µs; this branch, validation on: "
              f"{read_us[True]:.2f} µs ({(read_us[True] / best_today - 1) * 100:+.1f}%).")
    if big:
        print()
        print("| file | validated in | rate | peak RSS | bad bytes |")
        print("|---|---|---|---|---|")
        print(f"| {big['file_gb']} GB UTF-8 (Chinese + English) | {big['seconds']:.1f} s | "
              f"{big['bytes'] / 1e6 / big['seconds']:,.0f} MB/s | {big['peak_rss_mb']:.0f} MB | {big['bad_bytes']} |")


if __name__ == "__main__":
    main()

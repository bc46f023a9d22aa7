"""CPU per row of each import stage, this code vs a baseline checkout, same file, same run (session 4:
the typed stored row). A benchmark, not a test: run it by hand.

    .venv/bin/python bench/import_stages_bench.py FILE.csv BASELINE_DIR [ROUNDS]

Stages, each in a fresh child process per round (alternated baseline/this), best of the rounds:
  parse   read the CSV into stored rows (parse_chunks, generic fast path)
  pack    the reader process's marshal of each chunk's rows
  unpack  the importing process's unmarshal
  write   ImportWriter.write_prepared into an empty workspace (no full-text index)
CPU time (process_time), which a shared machine disturbs far less than wall time.
"""
import json
import os
import subprocess
import sys
CHILD = r'''
import sys, time, marshal, json, tempfile, os
sys.path.insert(0, sys.argv[2])
from triage_app.importers.source import ImportOptions, SourceFile
from triage_app.services import reading
from triage_app.store import Workspace
from triage_app.store.writer import ImportWriter
from triage_app.store import queries
t = time.process_time()
chunks = list(reading.parse_chunks(SourceFile(sys.argv[1], ImportOptions(format="generic")), "generic", 5000))
parse = time.process_time() - t
t = time.process_time()
packed = list(reading._packed(iter(chunks)))
blobs = [c.items for c in packed]
pack = time.process_time() - t
t = time.process_time()
unpacked = [reading._unpacked(c) for c in packed]
unpack = time.process_time() - t
d = tempfile.mkdtemp(); ws = Workspace(os.path.join(d, "w.triage"))
conn = ws.conn
conn.execute("BEGIN")
imp = queries.create_import(conn, file_name="x", file_path="x", format="generic", encoding="utf-8", content_hash="h", size_bytes=1, options={})
w = ImportWriter(conn, imp, "generic")
t = time.process_time()
for c in unpacked:
    w.write_prepared(c.respondents, c.items)
write = time.process_time() - t
conn.execute("COMMIT")
rows = sum(len(c.items) for c in unpacked)
print(json.dumps({"parse": parse / rows * 1e6, "pack": pack / rows * 1e6, "unpack": unpack / rows * 1e6, "write": write / rows * 1e6}))
'''
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
csv, trees = sys.argv[1], {"baseline": sys.argv[2], "this": ROOT}
n = int(sys.argv[3]) if len(sys.argv) > 3 else 3
load = os.getloadavg()[0]
res = {k: [] for k in trees}
for i in range(n):
    for name in (("baseline", "this") if i % 2 == 0 else ("this", "baseline")):
        out = subprocess.run([sys.executable, "-c", CHILD, csv, trees[name]], capture_output=True, text=True, check=True)
        res[name].append(json.loads(out.stdout))
best = {name: {k: min(r[k] for r in runs) for k in runs[0]} for name, runs in res.items()}
print(json.dumps({"runs": res, "load_average_1min": [round(load, 2), round(os.getloadavg()[0], 2)]}, indent=1))
print()
print("| stage (µs CPU per row) | baseline | this | change |")
print("|---|---|---|---|")
for k in list(best["this"]) + ["total"]:
    b = sum(best["baseline"].values()) if k == "total" else best["baseline"][k]
    t = sum(best["this"].values()) if k == "total" else best["this"][k]
    print(f"| {k} | {b:.2f} | {t:.2f} | {(t / b - 1) * 100:+.1f}% |")
print(f"\nload average (start, end): {load:.1f}, {os.getloadavg()[0]:.1f}")

"""Cold analysis of N generated items (issue 18): the local engine as before (one process embeds)
vs the local engine on every core vs Ray on a local two-node cluster (head + one worker, one CPU
each, via ``ray start`` on 127.0.0.1), in one run. Seconds per stage, peak RSS of the driver (the
``triage-app analyze`` process with its helpers) and of the Ray nodes, vectors/assignments compared.

    python bench/scale_bench.py --sizes 100000            # add 1000000 on an idle machine
    python bench/scale_bench.py --sizes 20000 --batches 256,1024,4096   # Ray batch sizes
    python bench/scale_bench.py --sizes 1000000 --engines cores,ray      # 1M: the default engine and Ray

Prints Markdown for bench/RESULTS.md with every stage's seconds and a projection for 10 million
items on a 16-node cluster from the measured per-worker throughput and the driver's stages.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PY = sys.executable


class PeakRss:
    """Peak summed RSS (MB) of process trees, and the peak of any one process below a root (a
    worker), sampled every 0.25 s."""

    def __init__(self, roots) -> None:
        from triage_app.engines.local_cluster import psutil_module

        psutil = psutil_module()
        self.psutil, self.roots, self.peak, self.peak_one = psutil, roots, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            total = 0
            for root in self.roots():
                try:
                    procs = [root] + root.children(recursive=True)
                except self.psutil.NoSuchProcess:
                    continue
                for p in procs:
                    try:
                        rss = p.memory_info().rss
                    except self.psutil.NoSuchProcess:
                        continue
                    total += rss
                    if p is not root:
                        self.peak_one = max(self.peak_one, rss / 2**20)
            self.peak = max(self.peak, total / 2**20)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return round(self.peak)


def analyze(workspace: Path, args: list[str], env: dict, cluster=None) -> dict:
    from triage_app.engines.local_cluster import psutil_module

    psutil = psutil_module()

    t = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "triage_app", "analyze", "-w", str(workspace), "--json", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", **env})
    me = psutil.Process(proc.pid)
    driver = PeakRss(lambda: [me])
    nodes = PeakRss(lambda: [psutil.Process(pid) for pid in cluster.pids()]) if cluster else None
    driver_main, loads = 0.0, []
    while proc.poll() is None:
        try:
            driver_main = max(driver_main, me.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            break
        if len(loads) < int((time.perf_counter() - t) / 30) + 1:
            loads.append(os.getloadavg()[0])  # every 30 s
        time.sleep(0.25)
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"analyze {' '.join(args)} failed:\n{err[-3000:]}")
    result = json.loads(out)
    tree = driver.stop()
    return {"wall": round(wall, 1), "stages": result["seconds"], "themes": result["themes"],
            "embedded": result["embedded"], "driver_rss": round(driver_main), "driver_tree_rss": tree,
            "helper_rss": round(driver.peak_one), "nodes_rss": nodes.stop() if nodes else None,
            "worker_rss": round(nodes.peak_one) if nodes else None,
            "load_during": round(sum(loads) / max(1, len(loads)), 1)}


def fingerprint(workspace: Path) -> tuple[str, str]:
    """SHA-256 of every cached vector (by text hash) and of every assignment, streamed from SQLite."""
    import hashlib

    out = []
    with sqlite3.connect(workspace) as c:
        for sql in ("SELECT text_hash || model, vector FROM embeddings ORDER BY 1",
                    "SELECT item_id, theme_id FROM item_themes ORDER BY item_id"):
            h = hashlib.sha256()
            for a, b in c.execute(sql):
                h.update(str(a).encode() + b"|" + (b if isinstance(b, bytes) else str(b).encode()))
            out.append(h.hexdigest())
    return out[0], out[1]


def batch_rates(cluster, texts: list[str], sizes: str) -> None:
    """Texts/s of the Ray embedding job alone (actors started, first batch included) per batch size."""
    from triage_app.domain import CancelToken
    from triage_app.engines.ray_engine import RayEngine

    os.environ.update(cluster.env)
    print("\n| Ray batch size | texts | seconds | texts/s | load |\n|---|---|---|---|---|")
    for b in [int(x) for x in sizes.split(",")]:
        engine = RayEngine(cluster.address, batch_size=b)
        engine.start()
        t = time.perf_counter()
        done = sum(len(v) for _i, v in engine.embed("use-multilingual", texts, CancelToken()))
        seconds = time.perf_counter() - t
        engine.close()
        print(f"| {b:,} | {done:,} | {seconds:.1f} | {done / seconds:,.0f} | {load()} |", flush=True)


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batches", default="", help="also time Ray batch sizes (comma-separated) on the first size")
    ap.add_argument("--engines", default="before,cores,ray", help="any of before (one process), cores, ray")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    from theme_bench import generate, write_csv

    from triage_app.engines.local_cluster import LocalRayCluster

    tmp = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    print(f"load average at start: {load()}; cores: {os.cpu_count()}", flush=True)
    cluster = LocalRayCluster(workers=1, cpus_per_node=1)
    rows = []
    try:
        cluster.wait_ready()
        for n in [int(s) for s in args.sizes.split(",")]:
            csv_path = tmp / f"items-{n}.csv"
            write_csv(csv_path, generate(n, args.seed))
            base = tmp / f"base-{n}.triage"
            subprocess.run([PY, "-m", "triage_app", "import", str(csv_path), "-w", str(base), "--map", "text=Comment",
                            "--map", "id=id", "--map", "created_at=Date"], check=True, capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
            runs = {}
            for key, name, extra, env, on_cluster in (
                ("before", "local, one process (as before)", [], {"TRIAGE_EMBED_WORKERS": "1"}, False),
                ("cores", "local, every core (default)", [], {}, False),
                ("ray", "Ray, local 2-node cluster", ["--engine", "ray", "--address", cluster.address], cluster.env,
                 True),
            ):
                if key not in args.engines.split(","):
                    continue
                ws = tmp / f"{n}-{len(runs)}.triage"
                shutil.copy(base, ws)
                before = load()
                r = analyze(ws, extra, env, cluster if on_cluster else None)
                r["load"] = f"{before} -> {load()}"
                r["ws"] = ws
                runs[name] = r
                print(name, n, json.dumps({k: v for k, v in r.items() if k != "ws"}), flush=True)
            ref = None
            for name, r in runs.items():  # compared with the first engine run
                mine = fingerprint(r["ws"])
                ref = ref or mine
                r["same_vectors"], r["same_assignments"] = mine[0] == ref[0], mine[1] == ref[1]
                rows.append((n, name, r))
            if args.batches and n == int(args.sizes.split(",")[0]):
                batch_rates(cluster, generate(min(n, 16_384), args.seed + 1), args.batches)
    finally:
        cluster.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    report(rows)
    print(f"\nload average at the end: {load()}")


FIXED = {"load engine", "cluster", "keywords", "grouping and labels"}  # a fixed-size sample: no growth with N


def store_rate(n: int = 200_000, dim: int = 512) -> float:
    """Vectors per second the driver writes into a workspace's cache (the part of the embed stage
    that stays on the driver whatever the cluster's size)."""
    import numpy as np

    from triage_app.store import Workspace
    from triage_app.store.queries import transaction
    from triage_app.store import themes as tq

    tmp = Path(tempfile.mkdtemp(prefix="store-rate-"))
    try:
        rng = np.random.default_rng(0)
        with Workspace(str(tmp / "w.triage"), create=True) as ws:
            t = time.perf_counter()
            for s in range(0, n, 4096):
                block = rng.standard_normal((min(4096, n - s), dim), dtype=np.float32)
                rows = [(f"h{s + i}", v.tobytes()) for i, v in enumerate(block)]
                with transaction(ws.conn):
                    tq.store_vectors(ws.conn, "use-multilingual", dim, rows)
            return n / (time.perf_counter() - t)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(rows, ray_cpus: int = 2) -> None:
    print("\n| items | engine | total (wall) | embed | texts/s embedded | driver RSS (with helpers) | largest helper | "
          "Ray nodes RSS | largest Ray process | same vectors / assignments | load before -> after (mean during) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, name, r in rows:
        s = r["stages"]
        embed = s.get("embed", 0.0)
        rate = round(r["embedded"] / embed) if embed else 0
        nodes = f"{r['nodes_rss']:,} MB" if r["nodes_rss"] else "-"
        worker = f"{r['worker_rss']:,} MB" if r["worker_rss"] else "-"
        print(f"| {n:,} | {name} | {r['wall']} s | {embed:.1f} s | {rate:,} | {r['driver_rss']:,} MB "
              f"({r['driver_tree_rss']:,} MB) | {r['helper_rss']:,} MB | {nodes} | {worker} | "
              f"{'yes' if r['same_vectors'] else 'NO'} / {'yes' if r['same_assignments'] else 'NO'} | "
              f"{r['load']} ({r['load_during']}) |")
    stages = sorted({k for _n, _name, r in rows for k in r["stages"]}, key=lambda k: min(
        list(r["stages"]).index(k) for _n, _name, r in rows if k in r["stages"]))
    print("\nSeconds per stage (the analyze command's own figures; `embed` includes writing the vector cache):\n")
    print("| items | engine | " + " | ".join(stages) + " |")
    print("|---|---|" + "---|" * len(stages))
    for n, name, r in rows:
        print(f"| {n:,} | {name} | " + " | ".join(f"{r['stages'].get(k, 0):.1f}" for k in stages) + " |")
    ray = [(n, r) for n, name, r in rows if name.startswith("Ray")]
    if not ray:
        return
    n, r = ray[-1]
    s = r["stages"]
    per_worker = r["embedded"] / s["embed"] / ray_cpus
    writes = store_rate()
    linear = sum(v for k, v in s.items() if k not in FIXED and k != "embed")
    fixed = sum(v for k, v in s.items() if k in FIXED)
    big = 10_000_000
    cluster_min = big / (per_worker * 128) / 60
    write_min = big / writes / 60
    print(f"\nProjection, {big:,} items on 16 nodes x 8 CPUs (128 one-CPU workers), from the Ray run at {n:,}:")
    print(f"- embedding on the cluster at the measured {per_worker:,.0f} texts/s per worker: {cluster_min:.1f} min; "
          f"the driver writes the vectors into the workspace's cache at {writes:,.0f} vectors/s (measured here): "
          f"{write_min:.1f} min, so the embed stage takes ~{max(cluster_min, write_min):.1f} min")
    print(f"- driver stages that grow with N (read, clean, outliers, write, sentiment: {linear:.1f} s at {n:,}): "
          f"~{linear * big / n / 60:.0f} min; fixed-size stages (engine load, clustering of the sample, keywords, "
          f"labels: {fixed:.1f} s): ~{fixed / 60:.1f} min")
    total = max(cluster_min, write_min) + linear * big / n / 60 + fixed / 60
    print(f"- total ~{total:.0f} min, of which the cluster's share is {cluster_min:.1f} min "
          f"({100 * cluster_min / total:.0f}%); the driver holds {big * 512 * 4 / 2**30:.0f} GB of vectors")


if __name__ == "__main__":
    main()

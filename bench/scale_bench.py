"""Cold analysis of N generated items (issue 18): the local engine as before (one process embeds)
vs the local engine on every core vs Ray on a local two-node cluster (head + one worker, one CPU
each, via ``ray start`` on 127.0.0.1), in one run. Seconds per stage, peak RSS of the driver (the
``triage-app analyze`` process with its helpers) and of the Ray nodes, vectors/assignments compared.

    python bench/scale_bench.py --sizes 100000            # add 1000000 on an idle machine
    python bench/scale_bench.py --sizes 20000 --batches 256,1024,4096   # Ray batch sizes

Prints Markdown for bench/RESULTS.md ("Scale (session 4)") with a projection for 10 million items
on a 16-node cluster from the measured per-worker throughput.
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
    """Peak summed RSS (MB) of process trees, sampled every 0.25 s."""

    def __init__(self, roots) -> None:
        from triage_app.engines.local_cluster import psutil_module

        psutil = psutil_module()
        self.psutil, self.roots, self.peak = psutil, roots, 0.0
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
                        total += p.memory_info().rss
                    except self.psutil.NoSuchProcess:
                        pass
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
    driver_main = 0.0
    while proc.poll() is None:
        try:
            driver_main = max(driver_main, me.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.25)
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"analyze {' '.join(args)} failed:\n{err[-3000:]}")
    result = json.loads(out)
    return {"wall": round(wall, 1), "stages": result["seconds"], "themes": result["themes"],
            "embedded": result["embedded"], "driver_rss": round(driver_main), "driver_tree_rss": driver.stop(),
            "nodes_rss": nodes.stop() if nodes else None}


def assignments(workspace: Path) -> list[tuple]:
    with sqlite3.connect(workspace) as c:
        return c.execute("SELECT item_id, theme_id FROM item_themes ORDER BY item_id").fetchall()


def vectors(workspace: Path) -> dict:
    with sqlite3.connect(workspace) as c:
        return dict(c.execute("SELECT text_hash || model, vector FROM embeddings"))


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
            for name, extra, env, on_cluster in (
                ("local, one process (as before)", [], {"TRIAGE_EMBED_WORKERS": "1"}, False),
                ("local, every core", [], {}, False),
                ("Ray, local 2-node cluster", ["--engine", "ray", "--address", cluster.address], cluster.env, True),
            ):
                ws = tmp / f"{n}-{len(runs)}.triage"
                shutil.copy(base, ws)
                before = load()
                r = analyze(ws, extra, env, cluster if on_cluster else None)
                r["load"] = f"{before} -> {load()}"
                r["ws"] = ws
                runs[name] = r
                print(name, n, json.dumps({k: v for k, v in r.items() if k != "ws"}), flush=True)
            ref = runs["local, one process (as before)"]["ws"]
            ref_vectors, ref_assign = vectors(ref), assignments(ref)
            for name, r in runs.items():
                r["same_vectors"] = vectors(r["ws"]) == ref_vectors
                r["same_assignments"] = assignments(r["ws"]) == ref_assign
                rows.append((n, name, r))
            if args.batches and n == int(args.sizes.split(",")[0]):
                batch_rates(cluster, generate(min(n, 16_384), args.seed + 1), args.batches)
    finally:
        cluster.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    report(rows)


def report(rows) -> None:
    print("\n| items | engine | total (wall) | embed | cluster | rest on the driver | texts/s embedded | "
          "driver RSS (tree) | Ray nodes RSS | same vectors / assignments | load before -> after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, name, r in rows:
        s = r["stages"]
        embed = s.get("embed", 0.0)
        cluster = s.get("cluster", 0.0)
        rest = round(sum(s.values()) - embed - cluster, 1)
        rate = round(r["embedded"] / embed) if embed else 0
        nodes = f"{r['nodes_rss']:,} MB" if r["nodes_rss"] else "-"
        print(f"| {n:,} | {name} | {r['wall']} s | {embed:.1f} s | {cluster:.1f} s | {rest} s | {rate:,} | "
              f"{r['driver_rss']:,} MB ({r['driver_tree_rss']:,} MB) | {nodes} | "
              f"{'yes' if r['same_vectors'] else 'NO'} / {'yes' if r['same_assignments'] else 'NO'} | {r['load']} |")
    ray = [(n, r) for n, name, r in rows if name.startswith("Ray")]
    if ray:
        n, r = ray[-1]
        s = r["stages"]
        per_worker = r["embedded"] / s["embed"] / 2  # two one-CPU nodes
        driver = sum(v for k, v in s.items() if k != "embed")
        print(f"\nProjection, 10,000,000 items, 16 nodes x 8 CPUs: embedding at the measured {per_worker:,.0f} "
              f"texts/s per worker = {10_000_000 / (per_worker * 128) / 60:.1f} min; the driver's stages "
              f"(measured {driver:.1f} s at {n:,}) scale to ~{driver * 10_000_000 / n / 60:.0f} min if linear "
              "(an upper bound: clustering fits a fixed 10,000-item sample).")


if __name__ == "__main__":
    main()

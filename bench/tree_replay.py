"""Same tree and labels, less CPU: ``build_tree`` of this code against a baseline checkout, on the
inputs of one real analysis, in one run.

    .venv/bin/python bench/tree_replay.py --baseline-root /path/to/checkout --workspace WS [--reps 2]

A full analysis of the workspace (vectors cached; the workspace is not changed) is run once with
this code up to ``build_tree``, whose inputs (documents, vectors, sub-themes, the feedback-class
profile) are saved; then each side replays ``build_tree`` on them in a fresh process (embedding
model loaded, imports done before the clock starts), alternating. Prints CPU seconds and whether
the top-level themes, their labels, keywords and quotes and the sub-theme labels are identical.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def capture(workspace: str, out: str) -> None:
    """Run this code's analysis of ``workspace`` up to build_tree (read-only) and pickle its inputs."""
    import numpy as np

    import analysis.topics as topics
    from triage_app.engine_cache import cache_dir as engine_cache_dir
    from analysis.embeddings import get_backend
    from analysis.text_clean import clean_views
    from triage_app.domain import CancelToken, drive
    from triage_app.services.analysis import EMBED_CHARS, analysis_rows, embed_texts, kind_profile
    from triage_app.store import Workspace

    real = topics.build_tree

    def keep(*args, **kw):
        profile, profiled = kw.get("profile"), kw.get("profiled")
        sent, kind = profile(np.asarray(profiled)) if profile is not None else (None, None)
        data = {"args": args, "kw": {k: v for k, v in kw.items() if k not in ("embed", "profile")},
                "sent": sent, "kind": kind}
        with open(out, "wb") as fh:
            pickle.dump(data, fh)
        return real(*args, **kw)

    topics.build_tree = keep
    with Workspace(workspace) as ws:
        rows = analysis_rows(ws.conn)
        embedded, docs = clean_views([r[1:] for r in rows])
        vectors = drive(embed_texts(ws, [d[:EMBED_CHARS] for d in embedded], "use-multilingual", CancelToken(), {}))
    topics.find_themes(docs, vectors, topics.ThemeParams(), embed=get_backend("use-multilingual").encode,
                       profile=kind_profile("use-multilingual", vectors, embedded), cache_dir=engine_cache_dir())


def load_replay(path: str):
    """(build_tree's positional args with empty sub-theme labels, its keyword args, the embedding backend,
    the feedback-class profile or None) from a capture; the model, stop words and the segmenter are warmed
    up first, so that a timed build_tree pays no loading."""
    import numpy as np

    from analysis.embeddings import get_backend

    with open(path, "rb") as fh:
        data = pickle.load(fh)
    position = {int(i): j for j, i in enumerate(np.asarray(data["kw"]["profiled"]))}

    def profile(indices):
        rows = [position[int(i)] for i in indices]
        return data["sent"][rows], data["kind"][rows]

    backend = get_backend("use-multilingual")
    backend.encode(["warm up"])  # the model is loaded before the clock starts, as are these imports
    import sklearn.feature_extraction.text  # noqa: F401

    from analysis.topic_keywords import english_stop
    from analysis.zh_words import segmenter, word_tag

    english_stop(), segmenter(()).lcut("预热"), word_tag("预热")
    args = list(data["args"])
    args[6] = [""] * len(args[4])
    return args, data["kw"], backend, profile if data.get("sent") is not None else None


def timed_tree(path: str):
    """``build_tree`` of the code on PYTHONPATH over the pickled inputs at ``path``: (CPU seconds, the sub-theme
    labels it filled, top index per sub-theme, top-level themes)."""
    import time

    from analysis.theme_tree import build_tree

    args, kw, backend, profile = load_replay(path)
    sub_labels = args[6]
    started = time.process_time()
    top_of, tops = build_tree(*args, **kw, embed=backend.encode, profile=profile)
    return time.process_time() - started, sub_labels, top_of, tops


def replay(path: str) -> None:
    cpu, sub_labels, top_of, tops = timed_tree(path)
    print(json.dumps({"cpu_s": round(cpu, 2), "top_of": top_of.tolist(), "sub_labels": sub_labels,
                      "tops": [[t.children, t.keywords, t.label, t.size, t.quotes] for t in tops]}))


def run_replay(root: Path, path: str) -> dict:
    out = subprocess.run([PY, str(ROOT / "bench" / "tree_replay.py"), "--replay", path], cwd=root, text=True,
                         capture_output=True, env={**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"})
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline-root", type=Path)
    ap.add_argument("--workspace")
    ap.add_argument("--inputs", help="a pickle of an earlier capture (skips the analysis)")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--replay", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.replay:  # the code on PYTHONPATH (a side)
        replay(args.replay)
        return
    sys.path.insert(0, str(ROOT))
    path = args.inputs or os.path.join(tempfile.mkdtemp(prefix="tree-replay-"), "inputs.pkl")
    if not args.inputs:
        capture(args.workspace, path)
    runs: dict[str, list[dict]] = {"baseline": [], "this code": []}
    for _ in range(args.reps):
        runs["baseline"].append(run_replay(args.baseline_root.resolve(), path))
        runs["this code"].append(run_replay(ROOT, path))
    strip = lambda r: {k: v for k, v in r.items() if k != "cpu_s"}  # noqa: E731
    same = all(strip(r) == strip(runs["baseline"][0]) for side in runs.values() for r in side)
    print(f"| build_tree replay ({len(runs['baseline'][0]['sub_labels'])} sub-themes, "
          f"{len(runs['baseline'][0]['tops'])} top-level) | baseline | this code |\n|---|---|---|")
    print("| CPU s, each run | " + " / ".join(str(r["cpu_s"]) for r in runs["baseline"]) + " | "
          + " / ".join(str(r["cpu_s"]) for r in runs["this code"]) + " |")
    print(f"| tree, labels, keywords, quotes identical | | {'yes' if same else '**NO**'} |")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

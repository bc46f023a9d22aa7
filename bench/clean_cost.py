"""CPU seconds of the analysis' cleaning stage (``text_clean.clean_views``) with this code and a baseline checkout,
on the same workspace rows, and whether both give the same texts.

    PYTHONPATH=. .venv/bin/python bench/clean_cost.py --base /tmp/base_main11 WORKSPACE.triage [...] [--reps 2]

Each side runs in its own process (its code first on ``sys.path``): it reads the rows a full analysis reads
(``analysis_rows``), cleans them ``--reps`` times (alternating sides, the median process CPU time counts) and prints
a SHA-256 of both views. Prints a Markdown table; exits 1 when a digest differs.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import hashlib, json, sys, time
from triage_app.store import Workspace
from triage_app.services.analysis import analysis_rows
from analysis.text_clean import clean_views
ws = Workspace(sys.argv[1], create=False)
records = [r[1:] for r in analysis_rows(ws.conn)]
t = time.process_time()
embedded, read = clean_views(records)
seconds = time.process_time() - t
digest = hashlib.sha256("\0".join(embedded + ["--"] + read).encode()).hexdigest()
print(json.dumps({"seconds": seconds, "digest": digest, "items": len(records),
                  "differ": sum(e != r for e, r in zip(embedded, read))}))
"""


def run(root: Path, workspace: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(workspace)], cwd=root, env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workspaces", nargs="+", type=Path)
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--reps", type=int, default=2)
    args = ap.parse_args()
    print("| workspace | items | read view differs | baseline CPU s | this code CPU s | texts |")
    print("|---|---|---|---|---|---|")
    failed = False
    for ws in args.workspaces:
        runs: dict[str, list[dict]] = {"base": [], "ours": []}
        for _ in range(args.reps):
            runs["base"].append(run(args.base.resolve(), ws))
            runs["ours"].append(run(ROOT, ws))
        same = {r["digest"] for r in runs["base"] + runs["ours"]}
        failed |= len(same) != 1
        secs = {side: " / ".join(f"{r['seconds']:.2f}" for r in rs) for side, rs in runs.items()}
        med = {side: statistics.median(r["seconds"] for r in rs) for side, rs in runs.items()}
        first = runs["ours"][0]
        print(f"| {ws.stem} | {first['items']:,} | {first['differ']:,} | {secs['base']} (median {med['base']:.2f}) | "
              f"{secs['ours']} (median {med['ours']:.2f}) | {'identical' if len(same) == 1 else 'DIFFERENT'} |",
              flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""Huge single values in an import (issue 16): a JSON string of N MB in a top-level array, the same
wrapped in an object, and a CSV field of N MB. Each case is imported into a fresh workspace in its
own process (time and peak memory of that process and of its reader process), with the code of
this checkout and, in the same run, with the code before issue 16 (``--baseline DIR``: a checkout
of that commit, e.g. ``git worktree add /tmp/before ea7c5e7``).

    .venv/bin/python bench/huge_fields.py [--sizes 5,20,80] [--csv 100] [--baseline DIR] [--timeout 120]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_ONE = r"""
import os, resource, sys, tempfile, time
if __name__ == "__main__":
    sys.path.insert(0, sys.argv[1])
    from triage_app.domain import ImportFailure
    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    try:  # what the triage-app entry point sets for its process (older code: the import did it)
        from triage_app.process import configure
        configure()
    except ImportError:
        pass
    ws = Workspace(os.path.join(tempfile.mkdtemp(), "w.triage"), create=True)
    started = time.perf_counter()
    try:
        r = run_import(ws, sys.argv[2], ImportOptions(format="generic"))
        text = ws.conn.execute("SELECT length(text) FROM items").fetchone()
        outcome = f"imported ({text[0] / 1e6:.0f} M characters)" if r.added else f"rejected: {r.rejected_rows[:1]}"
    except ImportFailure as exc:
        outcome = f"refused: {exc.reason}"
    seconds = time.perf_counter() - started
    status = open("/proc/self/status").read()  # VmHWM: this process's own peak (ru_maxrss keeps the parent's)
    own = int(status.split("VmHWM:")[1].split()[0]) // 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"{seconds:.2f}|{own}|{child}|{outcome}")
"""


def _write(folder: Path, kind: str, mb: int) -> Path:
    """Written 1 MB at a time: this process stays small (a child's peak memory starts from it)."""
    piece = ("lorem ipsum dolor sit amet, " * 40_000)[: 1 << 20]
    path = folder / f"{kind}{mb}.{'csv' if kind == 'csv' else 'json'}"
    head, tail = {"array": ('[{"id":"x","text":"', '"}]'), "object": ('{"tickets":[{"id":"x","text":"', '"}]}'),
                  "csv": ('id,text\nx,"', '"\n')}[kind]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head)
        for _ in range(mb):
            fh.write(piece)
        fh.write(tail)
    return path


def _run(code_root: Path, path: Path, timeout: float) -> str:
    try:
        out = subprocess.run([sys.executable, "-c", _ONE, str(code_root), str(path)], capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (stopped) | - | - | did not finish"
    line = (out.stdout.strip().splitlines() or ["?|?|?|" + out.stderr.strip()[-200:]])[-1]
    seconds, own, child, outcome = line.split("|", 3)
    return f"{seconds} s | {own} MB | {child} MB | {outcome}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="5,20,80")
    ap.add_argument("--csv", default="100")
    ap.add_argument("--baseline", type=Path)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    cases = [(k, int(mb)) for k in ("array", "object") for mb in args.sizes.split(",")]
    cases += [("csv", int(mb)) for mb in args.csv.split(",") if mb]
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores shared)\n")
    print("| case | code | time | peak memory (importer) | peak memory (reader process) | outcome |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, mb in cases:
            path = _write(Path(tmp), kind, mb)
            label = {"array": f'`[{{"id":"x","text":"<{mb} MB>"}}]`', "object": f"wrapped in an object, {mb} MB",
                     "csv": f"CSV field of {mb} MB"}[kind]
            roots = [("now", ROOT)] + ([("before", args.baseline)] if args.baseline else [])
            for name, root in roots:
                print(f"| {label} | {name} | {_run(root, path, args.timeout)} |", flush=True)
            path.unlink()
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

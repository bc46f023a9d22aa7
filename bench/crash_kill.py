"""SIGKILL imports and a whole-workspace redaction at random moments, many times over.

    .venv/bin/python bench/crash_kill.py --rounds 50 --rows 20000

Each round kills a child process at a random moment (drawn up to 1.1x the time one import takes
here), then checks: PRAGMA integrity_check passes, ``triage-app check`` is healthy, the killed
import is there whole or not at all (a redaction: every item or none), and running it again
completes. The test tests/reliability/test_crash_kill.py runs the same cycle a few times.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "reliability")]

from crash_kill import analysis_kill_cycle, kill_cycle  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--analysis-rounds", type=int, default=0, help="also kill this many theme analyses")
    args = ap.parse_args()
    started = time.time()
    if args.analysis_rounds:
        with tempfile.TemporaryDirectory() as tmp:
            a = analysis_kill_cycle(Path(tmp), args.analysis_rounds, seed=args.seed)
        print(f"{args.analysis_rounds} theme analyses (2,000 items, static model): {a.kills} killed mid-run, "
              f"{a.finished_first} finished first; every check passed ({time.time() - started:.0f} s)", flush=True)
        started = time.time()
    if not args.rounds:
        return
    with tempfile.TemporaryDirectory() as tmp:
        stats = kill_cycle(Path(tmp), args.rounds, rows=args.rows, seed=args.seed)
    print(f"{args.rounds} rounds of {args.rows:,} rows: {stats.kills} killed mid-work, {stats.finished_first} finished "
          f"before the kill; by operation {stats.outcomes}; every check passed ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()

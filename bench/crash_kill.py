"""SIGKILL imports, a whole-workspace redaction and theme analyses at random moments, many times over.

    .venv/bin/python bench/crash_kill.py --rounds 50 --rows 20000
    .venv/bin/python bench/crash_kill.py --rounds 0 --analysis-rounds 21   # analyses only

Each round kills a child process at a random moment (drawn up to 1.1x the time one import takes
here), then checks: PRAGMA integrity_check passes, ``triage-app check`` is healthy, the killed
import is there whole or not at all (a redaction: every item or none), and running it again
completes. Analyses (bench/harness/analysis_kill.py) are killed in turn while embedding,
clustering and writing themes; afterwards the themes are the previous or the new complete result.
The test tests/reliability/test_crash_kill.py runs the same cycles a few times.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from harness.analysis_kill import analysis_kill_cycle  # noqa: E402
from harness.crash_kill import kill_cycle  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--analysis-rounds", type=int, default=0, help="also kill this many theme analyses")
    ap.add_argument("--analysis-rows", type=int, default=1_500, help="items before the first analysis kill")
    ap.add_argument("--analysis-new", type=int, default=500, help="new items imported before each analysis kill")
    args = ap.parse_args()
    started = time.time()
    if args.analysis_rounds:
        with tempfile.TemporaryDirectory() as tmp:
            a = analysis_kill_cycle(Path(tmp), args.analysis_rounds, rows=args.analysis_rows,
                                    new_per_round=args.analysis_new, seed=args.seed, strict=False,
                                    log=lambda m: print(m, file=sys.stderr, flush=True))
        print(f"{a.rounds} theme analyses (static model, {args.analysis_rows:,} items + {args.analysis_new:,} new per "
              f"round): {a.kills} killed mid-run (by stage {a.killed_in}), {a.finished_first} finished first; themes "
              f"afterwards: previous {a.kept_previous}, new complete result {a.got_new}; last stage durations "
              f"{ {k: round(v, 2) for k, v in a.durations.items()} }; failures {len(a.failures)} "
              f"({time.time() - started:.0f} s)", flush=True)
        for failure in a.failures:
            print("FAILED:", failure, flush=True)
        started = time.time()
    if not args.rounds:
        return
    with tempfile.TemporaryDirectory() as tmp:
        stats = kill_cycle(Path(tmp), args.rounds, rows=args.rows, seed=args.seed)
    print(f"{args.rounds} rounds of {args.rows:,} rows: {stats.kills} killed mid-work, {stats.finished_first} finished "
          f"before the kill; by operation {stats.outcomes}; every check passed ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()

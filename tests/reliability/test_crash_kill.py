"""SIGKILL during imports and during a whole-workspace redaction: the workspace survives intact.

The default run kills 6 times (about 15 s on an idle machine); bench/crash_kill.py runs the same cycle 50+ times and
records the count in bench/RESULTS.md.
"""
from __future__ import annotations

import os

from crash_kill import kill_cycle

ROUNDS = int(os.environ.get("TRIAGE_KILL_ROUNDS", "6"))


def test_sigkill_at_random_points_never_corrupts_or_half_imports(tmp_path):
    stats = kill_cycle(tmp_path, ROUNDS, rows=4_000, seed=7)
    assert stats.kills + stats.finished_first == ROUNDS
    assert stats.kills >= ROUNDS // 2  # most kills land while the work is under way
    assert stats.outcomes.get("redact", 0) >= 1

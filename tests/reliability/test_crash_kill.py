"""SIGKILL during imports, a whole-workspace redaction and a theme analysis: the workspace survives intact.

The default run kills 6 imports/redactions (about 15 s on an idle machine) and one analysis (a few
analyses of 400 items in fresh processes: about 40 s of CPU); bench/crash_kill.py runs the same cycles
50+ and 20+ times and records the counts in bench/RESULTS.md.
"""
from __future__ import annotations

import os

from harness.crash_kill import kill_cycle

ROUNDS = int(os.environ.get("TRIAGE_KILL_ROUNDS", "6"))


def test_sigkill_at_random_points_never_corrupts_or_half_imports(tmp_path):
    stats = kill_cycle(tmp_path, ROUNDS, rows=4_000, seed=7)
    assert stats.kills + stats.finished_first == ROUNDS
    assert stats.kills >= ROUNDS // 2  # most kills land while the work is under way
    assert stats.outcomes.get("redact", 0) >= 1


def test_sigkill_during_theme_analysis_keeps_whole_themes(tmp_path):
    """One analysis killed while embedding (or later): the themes are the previous run's or the new run's
    complete result, and the next run completes (analysis_kill.py checks the details)."""
    from harness.analysis_kill import analysis_kill_cycle

    stats = analysis_kill_cycle(tmp_path, 1, rows=300, new_per_round=100, seed=3)
    assert stats.rounds == 1 and stats.kills == 1, stats
    assert stats.kept_previous + stats.got_new == 1

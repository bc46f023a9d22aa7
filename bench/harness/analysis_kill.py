"""SIGKILL theme analyses in the middle of a chosen stage (embedding, clustering, writing themes).

Shared by tests/reliability/test_crash_kill.py (one cheap kill) and bench/crash_kill.py (20+ kills).
Each round adds new feedback (texts the embedding cache has not seen), makes a user edit and undoes
another (so the edit journal has something a finished run changes), then starts a full analysis in a
forked child. The child reports every stage through a pipe; the parent waits for the target stage and
kills after a random 0-1.2x of that stage's measured duration. Afterwards:

- ``PRAGMA integrity_check`` is ok and ``triage-app check`` finds the workspace healthy;
- themes, assignments, runs and the journal are exactly the state before the run, or exactly the
  complete result of the same run (computed on a copy of the workspace taken before the kill);
- no assignment points to a missing theme and every theme's size matches its assignments;
- the next analysis completes.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from .crash_kill import check_after_kill

STAGES = ("embedding", "clustering", "writing")
_TOPICS = [
    "delivery arrived late again {w} parcel courier", "app crashes when I open the {w} screen",
    "refund still not processed after {w} weeks", "price went up too much for the {w} plan",
    "support team was friendly and fixed {w} quickly", "cannot log in password reset {w} email never arrives",
    "battery drains fast since the {w} update", "please add dark mode and {w} export",
]
_WORDS = ["red", "blue", "morning", "basket", "kitchen", "winter", "ticket", "garden", "window", "coffee",
          "river", "pocket", "summer", "laptop", "forest", "camera", "yellow", "bridge", "planet", "pencil"]


def write_feedback(path: Path, rows: int, start: int, seed: int) -> Path:
    """A CSV of varied feedback on eight topics (so clustering finds real themes)."""
    rng = random.Random(seed)
    lines = ["id,created,comment"]
    for i in range(start, start + rows):
        words = " ".join(rng.choices(_WORDS, k=3))
        text = rng.choice(_TOPICS).format(w=rng.choice(_WORDS)) + f" {words} {i}"
        lines.append(f"a{i},2024-03-{1 + i % 28:02d},{text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _child(kind: str, workspace: str, arg: str, conn) -> None:
    from triage_app.store import Workspace

    ws = Workspace(workspace)
    conn.send(("open", time.perf_counter()))
    if kind == "import":
        from triage_app.services.importing import run_import

        run_import(ws, arg)
    else:
        from triage_app.services.analysis import analyse

        last = None
        for progress in analyse(ws, model="static", mode="full"):
            if progress.stage != last:
                last = progress.stage
                conn.send((last, time.perf_counter()))
    ws.close()
    conn.send(("exit", time.perf_counter()))


def run(kind: str, workspace: Path, arg: str = "", kill_stage: str | None = None,
        kill_after: float = 0.0) -> tuple[bool, str, dict[str, float]]:
    """Run an import or a full analysis in a forked child. With ``kill_stage``, SIGKILL it
    ``kill_after`` seconds after it reports that stage. Returns (killed, stage at the kill, stage start times)."""
    ctx = mp.get_context("fork")
    ours, theirs = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(kind, str(workspace), arg, theirs))
    child.start()
    theirs.close()
    times: dict[str, float] = {}
    stage = "start"
    killed = False
    while True:
        if not ours.poll(300):
            raise AssertionError(f"{kind} child silent for 300 s at stage {stage}")
        try:
            stage, at = ours.recv()
        except EOFError:
            break
        times[stage] = at
        if stage == "exit":
            break
        if stage == kill_stage:
            time.sleep(kill_after)
            while ours.poll():  # the stage it reached when the signal went out
                try:
                    stage, at = ours.recv()
                except EOFError:
                    break
                times[stage] = at
            killed = stage != "exit"
            if killed:
                os.kill(child.pid, signal.SIGKILL)
            break
    child.join(60)
    if not killed:
        assert child.exitcode == 0, f"{kind} child failed with exit code {child.exitcode}"
    ours.close()
    return killed, stage, times


def stage_durations(times: dict[str, float]) -> dict[str, float]:
    order = ["embedding", "clustering", "writing", "done"]
    return {s: times[order[i + 1]] - times[s] for i, s in enumerate(order[:-1]) if s in times and order[i + 1] in times}


def snapshot(workspace: Path) -> tuple:
    """What a finished analysis changes: themes, assignments, runs and the edit journal."""
    conn = sqlite3.connect(workspace)
    try:
        return tuple(tuple(conn.execute(sql).fetchall()) for sql in (
            "SELECT id, label, label_edited, keywords, quotes, status, hidden, merged_into, size, created_run_id,"
            " updated_run_id FROM themes ORDER BY id",
            "SELECT item_id, theme_id, origin, run_id FROM item_themes ORDER BY item_id",
            "SELECT id, model, finished_at IS NOT NULL FROM analysis_runs ORDER BY id",
            "SELECT id, action, payload, undone FROM edit_journal ORDER BY id",
            "SELECT key, value FROM meta WHERE key = 'embedding_model'",
        ))
    finally:
        conn.close()


def _diff(a: tuple, b: tuple) -> str:
    names = ("themes", "assignments", "runs", "journal", "meta")
    out = []
    for name, x, y in zip(names, a, b):
        if x != y:
            first = next((i for i, (u, v) in enumerate(zip(x, y)) if u != v), min(len(x), len(y)))
            out.append(f"{name} ({len(x)} vs {len(y)} rows; first difference {x[first:first + 1]}"
                       f" vs {y[first:first + 1]})")
    return "; ".join(out) or "nothing"


def check_themes_consistent(workspace: Path) -> None:
    conn = sqlite3.connect(workspace)
    try:
        dangling = conn.execute("SELECT count(*) FROM item_themes WHERE theme_id IS NOT NULL AND theme_id NOT IN"
                                " (SELECT id FROM themes)").fetchone()[0]
        assert dangling == 0, f"{dangling} items point at missing themes"
        # a theme's size: its own items and, for a top-level theme, its sub-themes' items
        wrong = conn.execute("SELECT count(*) FROM themes t WHERE size != (SELECT count(*) FROM item_themes i"
                             " WHERE i.theme_id = t.id OR (t.parent_id IS NULL AND i.theme_id IN"
                             " (SELECT c.id FROM themes c WHERE c.parent_id = t.id AND c.merged_into IS NULL)))"
                             ).fetchone()[0]
        assert wrong == 0, f"{wrong} themes' sizes do not match their items"
        unfinished = conn.execute("SELECT count(*) FROM analysis_runs WHERE finished_at IS NULL").fetchone()[0]
        assert unfinished == 0, f"{unfinished} analysis runs never finished"
    finally:
        conn.close()


def _copy(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()


def _edit(workspace: Path, r: int) -> None:
    """A user edit that stays (a rename) and one that is undone (a redo a full run discards)."""
    from triage_app.services import theme_edits
    from triage_app.store import Workspace

    ws = Workspace(workspace)
    try:
        themes = ws.conn.execute("SELECT id FROM themes WHERE merged_into IS NULL AND size > 0 ORDER BY id").fetchall()
        if len(themes) >= 2:
            theme_edits.rename(ws, themes[r % len(themes)][0], f"renamed in round {r}")
            theme_edits.rename(ws, themes[(r + 1) % len(themes)][0], f"undone in round {r}")
            theme_edits.undo(ws)
    finally:
        ws.close()


@dataclass
class AnalysisKillStats:
    rounds: int = 0
    kills: int = 0
    finished_first: int = 0
    killed_in: dict = field(default_factory=dict)  # stage the child was in when killed
    kept_previous: int = 0  # themes afterwards: the state before the run
    got_new: int = 0  # themes afterwards: the run's complete result
    durations: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)


def _check_round(ws: Path, ref: Path, before: tuple, stats: AnalysisKillStats, label: str) -> None:
    check_after_kill(ws)
    check_themes_consistent(ws)
    after = snapshot(ws)
    if after == before:
        stats.kept_previous += 1
        return
    run("analyze", ref)  # the same run, uninterrupted, from the same state
    new_state = snapshot(ref)
    assert after == new_state, (f"{label}: themes are neither the previous nor the new complete result; differs from"
                                f" the new in {_diff(after, new_state)}, from the old in {_diff(after, before)}")
    stats.got_new += 1


def analysis_kill_cycle(tmp: Path, rounds: int, rows: int = 1_500, new_per_round: int = 500,
                        seed: int = 0, strict: bool = True, log=None) -> AnalysisKillStats:
    """``rounds`` analyses killed in turn while embedding, clustering and writing themes. With
    ``strict`` a failed check raises; otherwise it is recorded in ``failures`` and the cycle goes on."""
    rng = random.Random(seed)
    stats = AnalysisKillStats()
    ws, ref = tmp / "analysis.triage", tmp / "reference.triage"
    run("import", ws, str(write_feedback(tmp / "base.csv", rows, 0, seed)))
    run("analyze", ws)  # loads the model, fills the cache for the base items
    next_row = rows
    for r in range(rounds):
        new = write_feedback(tmp / f"new{r}.csv", new_per_round, next_row, seed + r + 1)
        next_row += new_per_round
        run("import", ws, str(new))
        _edit(ws, r)
        before = snapshot(ws)
        _copy(ws, ref)
        stage = STAGES[r % len(STAGES)]
        if r % 6 == 0:  # measure the stages of a run like the ones killed (they grow with the items)
            _, _, times = run("analyze", ref)
            stats.durations = stage_durations(times)
            _copy(ws, ref)
        killed, at, _ = run("analyze", ws, kill_stage=stage,
                            kill_after=rng.uniform(0, 1.2 * stats.durations.get(stage, 0.1)))
        stats.rounds += 1
        stats.kills += killed
        stats.finished_first += not killed
        if killed:
            stats.killed_in[at] = stats.killed_in.get(at, 0) + 1
        try:
            _check_round(ws, ref, before, stats, f"round {r} (killed: {killed}, in {at})")
        except AssertionError as exc:
            if strict:
                raise
            stats.failures.append(str(exc))
        run("analyze", ws)  # the next analysis completes
        check_after_kill(ws)
        check_themes_consistent(ws)
        if log:
            log(f"round {r}: target {stage}, killed {killed} in {at}; {stats}")
    for name in os.listdir(tmp):
        if name.startswith("reference.triage"):
            (tmp / name).unlink()
    return stats

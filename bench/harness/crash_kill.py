"""SIGKILL a process at random points of an import (or a redaction) and check the workspace.

Shared by tests/reliability/test_crash_kill.py (a short run) and bench/crash_kill.py (many kills);
analysis_kill.py does the same for theme analyses.
After every kill: PRAGMA integrity_check passes, ``triage-app check`` finds the workspace healthy,
the killed import is there whole or not at all, and running it again completes.
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


def write_csv(path: Path, rows: int, start: int = 0, tag: str = "") -> Path:
    lines = ["id,created,comment,nps"]
    for i in range(start, start + rows):
        lines.append(f"r{i},2024-03-{1 + i % 28:02d} 10:{i % 60:02d}:00,\"{tag} slow delivery {i}, app crashes 配送慢 {i}\","
                     f"{i % 11}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _child_import(workspace: str, file: str, ready) -> None:
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    ready.set()  # before opening: a kill may also land while the schema is created
    ws = Workspace(workspace)
    run_import(ws, file)
    ws.close()


def _child_redact(workspace: str, file: str, ready) -> None:
    from triage_app.services.privacy import PrivacySettings, redact_workspace
    from triage_app.store import Workspace

    ws = Workspace(workspace)
    ready.set()
    gen = redact_workspace(ws, settings=PrivacySettings(redact_stored=True, keep_originals=True))
    for _ in gen:
        pass
    ws.close()


CHILDREN = {"import": _child_import, "redact": _child_redact}


def run_child(kind: str, workspace: Path, file: Path, kill_after: float | None) -> bool:
    """Run one operation in a forked child; SIGKILL it ``kill_after`` seconds after it has opened the
    workspace (None: let it finish). Returns True when the child was killed before it finished."""
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    child = ctx.Process(target=CHILDREN[kind], args=(str(workspace), str(file), ready))
    child.start()
    ready.wait(30)
    if kill_after is None:
        child.join(120)
        assert child.exitcode == 0, f"{kind} child failed with exit code {child.exitcode}"
        return False
    time.sleep(kill_after)
    killed = child.is_alive()
    if killed:
        os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    return killed


def counts(workspace: Path) -> tuple[int, int, int]:
    if not workspace.exists():
        return (0, 0, 0)
    conn = sqlite3.connect(workspace)
    try:
        if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name='items'").fetchone()[0]:
            return (0, 0, 0)
        return conn.execute("SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM imports),"
                            " (SELECT count(*) FROM items WHERE text LIKE '%[PHONE]%')").fetchone()
    finally:
        conn.close()


def check_after_kill(workspace: Path) -> None:
    from triage_app.services.health import check_workspace

    conn = sqlite3.connect(workspace)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    report = check_workspace(workspace)
    assert report.healthy, [c for c in report.checks if c.level == "error"]


@dataclass
class KillStats:
    kills: int = 0  # children killed while working
    finished_first: int = 0  # children that finished before the kill time
    outcomes: dict = field(default_factory=dict)


def kill_cycle(tmp: Path, rounds: int, rows: int = 20_000, seed: int = 0, redact_every: int = 4) -> KillStats:
    """``rounds`` kills at random moments, alternating imports into an empty workspace, imports on top
    of earlier data, and (every ``redact_every``-th) a whole-workspace redaction pass."""
    rng = random.Random(seed)
    stats = KillStats()
    base = write_csv(tmp / "base.csv", rows, 0, "base")
    more = write_csv(tmp / "more.csv", rows, rows, "call 13812345678")
    # How long one import takes here: kill times are drawn up to a little past it.
    probe = tmp / "probe.triage"
    started = time.perf_counter()
    run_child("import", probe, base, None)
    duration = time.perf_counter() - started
    for name in os.listdir(tmp):
        if name.startswith("probe.triage"):
            (tmp / name).unlink()
    for r in range(rounds):
        ws = tmp / f"w{r}.triage"
        on_top = r % 2 == 1
        if on_top:
            run_child("import", ws, base, None)
        before = counts(ws) if ws.exists() else (0, 0, 0)
        kind = "redact" if redact_every and r % redact_every == redact_every - 1 and on_top else "import"
        if kind == "redact":
            run_child("import", ws, more, None)
            before = counts(ws)
        file = more if on_top else base
        killed = run_child(kind, ws, file, rng.uniform(0, duration * 1.1))
        stats.kills += killed
        stats.finished_first += not killed
        check_after_kill(ws)
        after = counts(ws)
        if kind == "import":
            assert after in (before, (before[0] + rows, before[1] + 1, after[2])), (before, after)
        else:  # all or nothing: either no item or every phone-bearing item was redacted
            assert after[2] in (0, rows), after
        run_child(kind, ws, file, None)  # the next run completes
        check_after_kill(ws)
        final = counts(ws)
        if kind == "import":
            assert final[0] == (2 * rows if on_top else rows), (before, after, final)
        else:
            assert final[2] == rows
        stats.outcomes[kind] = stats.outcomes.get(kind, 0) + 1
        for name in os.listdir(tmp):
            if name.startswith(f"w{r}.triage"):
                (tmp / name).unlink()
    return stats

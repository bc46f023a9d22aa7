"""The import's reader process dies with its parent, and no multiprocessing resource tracker
outlives the import (issue 16): the parent is SIGKILLed while its reader is blocked writing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_PARENT = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from triage_app.services import reading
from triage_app.importers.source import ImportOptions, SourceFile
reading.PROCESS_THRESHOLD_BYTES = 0  # a process reader for this small file
gen = reading.read_chunks(SourceFile(sys.argv[2], ImportOptions(format="generic")), "generic", size=200, depth=1)
next(gen)  # one chunk read; the reader goes on until the pipe is full, then blocks writing
print("ready", flush=True)
if sys.argv[3] == "finish":
    for _ in gen:
        pass
    print("done", flush=True)
time.sleep(600)
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie waits only for its new parent to reap it


def _start(tmp_path, mode: str) -> tuple[subprocess.Popen, list[int]]:
    data = tmp_path / "big.csv"
    data.write_text("id,text\n" + "".join(f"{i},feedback number {i} about the export and the sync\n"
                                          for i in range(60_000)), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(ROOT), str(data), mode],
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "ready"
    time.sleep(1.0)  # the reader fills the pipe
    return parent, _children(parent.pid)


def test_no_child_survives_a_sigkilled_parent(tmp_path):
    parent, children = _start(tmp_path, "block")
    assert len(children) >= 2  # the reader and multiprocessing's resource tracker
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [c for c in children if _alive(c)]
    for c in survivors:  # only the PIDs this test started
        os.kill(c, signal.SIGKILL)
    assert not survivors


def test_no_process_outlives_a_finished_import(tmp_path):
    parent, _ = _start(tmp_path, "finish")
    try:
        assert parent.stdout.readline().strip() == "done"
        deadline = time.monotonic() + 10
        while _children(parent.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [c for c in _children(parent.pid) if _alive(c)] == []  # no reader, no resource tracker
    finally:
        parent.kill()
        parent.wait()

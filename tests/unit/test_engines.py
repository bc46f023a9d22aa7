"""The local engine embeds on every core with the vectors of one process bit for bit, honours
cancel (its worker processes end), and a Ray engine without Ray installed says how to get it."""
from __future__ import annotations

import multiprocessing as mp
import random

import numpy as np
import pytest

from triage_app.domain import CancelToken, Cancelled
from triage_app.engines import EngineError, get_engine
from triage_app.engines import local

WORDS = ("app crash login slow refund camera dark mode please search export report update "
         "快递 太慢 包裹 客服 登录 闪退").split()


def texts(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(2, 14))) + f" #{i}" for i in range(n)]


def embed_all(engine, corpus, cancel=None) -> np.ndarray:
    out = np.full((len(corpus), 512), np.nan, np.float32)
    for indices, vectors in engine.embed("use-multilingual", corpus, cancel or CancelToken()):
        out[indices] = vectors
    return out


def test_every_core_gives_the_vectors_of_one_process(monkeypatch):
    monkeypatch.setattr(local, "POOL_MIN", 100)  # a small job still goes to the worker processes
    corpus = texts(700)  # two chunks of 512 (4 model batches each) and a short one
    one = local.LocalEngine(workers=1)
    two = local.LocalEngine(workers=2)
    alone, pooled = embed_all(one, corpus), embed_all(two, corpus)
    assert (one.last_workers, two.last_workers) == (1, 2)
    assert not np.isnan(pooled).any()
    assert np.array_equal(alone, pooled)  # bit for bit: the same sub-batches, one BLAS thread each
    assert not [p for p in mp.active_children() if p.is_alive()]  # the pool is gone


def test_cancel_stops_the_workers(monkeypatch):
    monkeypatch.setattr(local, "POOL_MIN", 100)
    cancel = CancelToken()
    seen = 0
    with pytest.raises(Cancelled):
        for _indices, vectors in local.LocalEngine(workers=2).embed("use-multilingual", texts(3000), cancel):
            seen += len(vectors)
            cancel.cancel()
    assert 0 < seen < 3000
    assert not [p for p in mp.active_children() if p.is_alive()]


def test_worker_count_follows_the_setting(monkeypatch):
    monkeypatch.setenv("TRIAGE_EMBED_WORKERS", "3")
    assert local.worker_count() == 3
    monkeypatch.delenv("TRIAGE_EMBED_WORKERS")
    assert local.worker_count() >= 1


def test_unknown_engine_and_missing_ray_are_sentences(monkeypatch):
    with pytest.raises(EngineError, match="unknown engine"):
        get_engine("spark")
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))
    with pytest.raises(EngineError, match=r"feedback-triage\[scale\]"):
        get_engine("ray", "127.0.0.1:6379")


def test_address_needs_the_ray_engine(tmp_path):
    from click.testing import CliRunner

    from triage_app.cli import cli

    result = CliRunner().invoke(cli, ["analyze", "-w", str(tmp_path / "w.triage"), "--address", "127.0.0.1:6379"])
    assert result.exit_code == 2 and "--address needs --engine ray" in result.output


KILLED = """
import multiprocessing as mp, sys, time
sys.path.insert(0, {root!r})
from triage_app.domain import CancelToken
from triage_app.engines import local
local.POOL_MIN = 1
run = local.LocalEngine(workers=2).embed("use-multilingual", [f"the export breaks {{i}}" for i in range(6000)],
                                         CancelToken())
next(run)
print(" ".join(str(p.pid) for p in mp.active_children()), flush=True)
time.sleep(120)
"""


def test_the_workers_end_when_their_process_is_killed():
    """The process that embeds is killed (as by the out-of-memory killer): its pool's workers, busy
    or waiting for tasks, end too instead of waiting forever."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.Popen([sys.executable, "-c", KILLED.format(root=root)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in proc.stdout.readline().split()]
    try:
        assert len(workers) == 2 and all(alive(pid) for pid in workers)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        for pid in [proc.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """Running and not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False

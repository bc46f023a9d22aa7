"""The Ray engine on a real cluster: a head and one worker node started with ``ray start`` on
127.0.0.1 (one CPU each), once for this module. The pipeline runs through ``--address`` and is
compared with the local engine; a cancelled run and a cluster that goes away leave the workspace as
it was. Skipped without Ray (the [scale] extra; ``make test`` installs it with the test extras).

Kept small for the suite's time: a few hundred items, one cluster, three Ray jobs (one per test),
the local references analysed in this process. The last test takes the cluster down."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("ray")
pytestmark = pytest.mark.ray_cluster

ROOT = Path(__file__).resolve().parents[2]
TOPICS = ["the app crashes when I open the camera", "login fails with a wrong password error",
          "my refund never arrived after two weeks", "please add a dark mode", "search is very slow on big projects",
          "快递太慢了，包裹丢了", "客服态度很差，没人回复", "export to excel breaks the dates"]
EXTRA = "again today really still please help week month phone tablet version update".split()


def make_workspace(path: Path, n: int, seed: int = 5) -> Path:
    import csv
    import random

    from triage_app.importers.source import ImportOptions
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    rng = random.Random(seed)
    table = path.with_suffix(".csv")
    with open(table, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "created", "comment"])
        for i in range(n):
            w.writerow([i, f"2025-0{1 + i % 9}-{1 + i % 28:02d}",
                        f"{rng.choice(TOPICS)} {' '.join(rng.choices(EXTRA, k=rng.randint(1, 8)))} ({i})"])
    with Workspace(str(path), create=True) as ws:
        run_import(ws, str(table), ImportOptions(format="generic"))
    return path


def state(path: Path) -> dict:
    with sqlite3.connect(path) as c:
        return {"assignments": c.execute("SELECT item_id, theme_id FROM item_themes ORDER BY item_id").fetchall(),
                "themes": c.execute("SELECT id, label, size, parent_id FROM themes ORDER BY id").fetchall(),
                "runs": c.execute("SELECT count(*) FROM analysis_runs").fetchone()[0],
                "vectors": dict(c.execute("SELECT text_hash || model, vector FROM embeddings"))}


def analyse_here(path: Path, engine=None, **params) -> None:
    """The analysis in this process (the local engine unless ``engine``)."""
    from analysis.topics import ThemeParams
    from triage_app.domain import drive
    from triage_app.services.analysis import analyse
    from triage_app.store import Workspace

    with Workspace(str(path)) as ws:
        drive(analyse(ws, params=ThemeParams(**params), mode="full", engine=engine))


def cli(*args, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "triage_app", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", **env})


@pytest.fixture(scope="module")
def cluster():
    from triage_app.engines.local_cluster import LocalRayCluster

    c = LocalRayCluster(workers=1, cpus_per_node=1)
    try:
        c.wait_ready()
        yield c
    finally:
        c.stop()
    assert not [p for p in c.descendants() if p.is_running()]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("ray") / "base.triage", 600)


def test_analyze_through_address_gives_the_local_themes(cluster, base, tmp_path):
    on_ray, local = tmp_path / "ray.triage", tmp_path / "local.triage"
    shutil.copy(base, on_ray)
    shutil.copy(base, local)
    run = cli("analyze", "-w", on_ray, "--engine", "ray", "--address", cluster.address, "--json", env=cluster.env)
    analyse_here(local)  # meanwhile, the local engine here
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err[-2000:]
    a, b = state(on_ray), state(local)
    assert len(a["vectors"]) == 600 and a["vectors"] == b["vectors"]  # bit for bit
    assert a["assignments"] == b["assignments"] and a["themes"] == b["themes"] and a["runs"] == 1
    assert '"embedded": 600' in out


def test_assignment_on_the_cluster_then_cancel(cluster, base, tmp_path, monkeypatch):
    """A fitted sample of 200: the other 400 items find their theme as Ray tasks, as locally. Then,
    on the same connection, a run cancelled while the cluster embeds: the driver (and with it the
    cluster job) stops and no run is written."""
    from triage_app.domain import CancelToken, Cancelled, drive
    from triage_app.engines.ray_engine import RayEngine
    from triage_app.services.analysis import analyse
    from triage_app.store import Workspace

    for key, value in cluster.env.items():
        monkeypatch.setenv(key, value)
    for name in ("ray", "local"):
        shutil.copy(base, tmp_path / f"{name}.triage")
    engine = RayEngine(cluster.address, batch_size=128)
    calls = []
    real = engine.nearest
    engine.nearest = lambda v, c: calls.append(len(v)) or real(v, c)
    try:
        analyse_here(tmp_path / "ray.triage", engine, max_fit=200)
        assert calls == [400] and engine._child is not None and engine.info["nodes"] == 2
        analyse_here(tmp_path / "local.triage", max_fit=200)
        ray, local = state(tmp_path / "ray.triage"), state(tmp_path / "local.triage")
        assert ray["assignments"] == local["assignments"] and ray["themes"] == local["themes"]

        fresh = make_workspace(tmp_path / "cancel.triage", 1500, seed=9)
        cancel = CancelToken()

        def stop_after_first_batch(p):
            if p.stage == "embedding" and p.done:
                cancel.cancel()

        with Workspace(str(fresh)) as ws, pytest.raises(Cancelled):
            drive(analyse(ws, mode="full", cancel=cancel, engine=engine), stop_after_first_batch)
        assert engine._child is None  # the driver process was stopped
    finally:
        engine.close(now=True)
    after = state(fresh)
    assert after["runs"] == 0 and after["assignments"] == [] and after["themes"] == []
    assert 0 < len(after["vectors"]) < 1500  # finished batches stay cached for the next run


def test_a_cluster_that_goes_away_leaves_the_workspace_as_it_was(cluster, tmp_path):
    """Last (it takes the module's cluster down): head and worker killed while the analysis embeds."""
    ws = make_workspace(tmp_path / "gone.triage", 20_000, seed=11)  # ~10 s of embedding on 2 idle CPUs
    proc = cli("analyze", "-w", ws, "--engine", "ray", "--address", cluster.address,
               env={"TRIAGE_RAY_BATCH": "128", **cluster.env})
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        with sqlite3.connect(f"file:{ws}?mode=ro", uri=True) as c:
            if c.execute("SELECT count(*) FROM embeddings").fetchone()[0]:
                break
        time.sleep(0.1)
    assert proc.poll() is None, proc.communicate()
    cluster.stop(now=True)  # the machines go away mid-run
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 2, (out, err)
    assert "went away" in err or "failed during" in err
    assert "workspace is as it was" in err and "Traceback" not in err
    after = state(ws)
    assert after["runs"] == 0 and after["assignments"] == [] and after["themes"] == []
    assert 0 < len(after["vectors"]) < 20_000

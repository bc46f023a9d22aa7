"""The Ray driver: a child process that holds the only connection to the cluster (engines.ray_engine).

Kept out of the workspace's process on purpose: when a cluster's head goes away Ray ends its driver
process after a time-out without a Python exception, and a process can be stopped at once on
cancel. Both then show in the parent as this child ending, with the workspace never touched here.

Messages on the pipe, parent -> child: ("embed", model, texts, batch_size), ("nearest", vectors,
centroids), ("stop",); child -> parent: ("ready", info), ("batch", indices, vectors), ("embedded",),
("nearest", best, similarity), ("error", sentence).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

#: seconds without its cluster's head before a driver gives up (Ray's default is 60)
HEAD_TIMEOUT_S = "10"
NEAREST_ROWS = 8192 * 8  # rows per assignment task (a multiple of topic_matching's chunk: same sums)


def _connect(address: str | None):
    os.environ.setdefault("RAY_gcs_rpc_server_reconnect_timeout_s", HEAD_TIMEOUT_S)
    os.environ.setdefault("RAY_DATA_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")  # its C++ notes are not for our users; failures arrive as exceptions
    import ray

    import analysis

    runtime_env = {
        # our pure analysis package travels with the job; the model's weights come from its pip
        # package installed on the workers (no download at run time)
        "py_modules": [str(Path(analysis.__file__).parent)],
        "env_vars": {"HF_HUB_OFFLINE": "1", "TRIAGE_EMBED_WORKERS": "1"},
    }
    kwargs = dict(runtime_env=runtime_env, log_to_driver=False, logging_level=logging.ERROR)
    if address:
        ray.init(address=address, **kwargs)
    else:  # a Ray instance on this machine only, for as long as the analysis runs
        ray.init(include_dashboard=False, **kwargs)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    ctx.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return ray


def _embed(ray, conn, model: str, texts: list[str], batch_size: int, cpus: int) -> None:
    import pyarrow as pa

    from analysis.batch_embed import EmbedBatch

    n = len(texts)
    indices = np.arange(n, dtype=np.int64)
    table = pa.table({"i": indices, "text": pa.array(texts, pa.string())})
    # one block per batch, aligned on the model's batch size: the same sub-batches as locally
    blocks = [table.slice(s, batch_size) for s in range(0, n, batch_size)]
    ds = ray.data.from_arrow(blocks).map_batches(
        EmbedBatch, fn_constructor_kwargs={"model": model}, batch_size=batch_size, batch_format="numpy",
        concurrency=max(1, min(cpus, len(blocks))), num_cpus=1)
    for batch in ds.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=2):
        conn.send(("batch", np.asarray(batch["i"]), np.asarray(batch["vector"], dtype=np.float32)))
    conn.send(("embedded",))


def _nearest(ray, conn, vectors: np.ndarray, centroids: np.ndarray) -> None:
    from analysis.topic_matching import nearest

    remote = ray.remote(num_cpus=1)(nearest)
    ref = ray.put(centroids)
    parts = ray.get([remote.remote(vectors[s:s + NEAREST_ROWS], ref) for s in range(0, len(vectors), NEAREST_ROWS)])
    best = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    sim = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.float32)
    conn.send(("nearest", best, sim))


def log_path() -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / "triage-ray-driver.log"


def _quiet_output() -> None:
    """Ray's own notes and tracebacks (a lost head, a stop) go to a log file, not to the user."""
    fd = os.open(log_path(), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def main(conn, address: str | None) -> None:
    _quiet_output()
    try:
        ray = _connect(address)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        conn.send(("ready", {"cpus": cpus, "nodes": len([n for n in ray.nodes() if n.get("Alive")])}))
    except Exception as exc:  # noqa: BLE001 - becomes the parent's sentence
        hint = ("; check the address, and for a cluster with token authentication set RAY_AUTH_MODE=token and "
                "its token in RAY_AUTH_TOKEN (docs/scale.md)") if address else ""
        conn.send(("error", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}{hint}"))
        return
    try:
        while True:
            message = conn.recv()
            if message[0] == "embed":
                model, texts, batch_size = message[1:]
                _embed(ray, conn, model, texts, batch_size, cpus=cpus)
            elif message[0] == "nearest":
                _nearest(ray, conn, *message[1:])
            else:
                break
    except (EOFError, BrokenPipeError):
        pass  # the parent went away
    except Exception as exc:  # noqa: BLE001 - a lost node or head: the parent says so
        text = str(exc).strip().splitlines()
        try:
            conn.send(("error", f"{type(exc).__name__}: {text[0] if text else ''}"[:400]))
        except (OSError, EOFError):
            pass
    finally:
        try:
            ray.shutdown()
        except Exception:  # noqa: BLE001 - the cluster may be gone already
            pass

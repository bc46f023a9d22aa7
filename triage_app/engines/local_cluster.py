"""A Ray cluster of several nodes on this machine (head + workers via ``ray start`` on 127.0.0.1),
for the tests and bench/scale_bench.py: how a data team's cluster looks, on one computer.

Each node is a ``ray start --block`` process in its own session; ``stop`` ends exactly those
process groups (never other Ray processes on the machine). Token authentication is on, with a
token made for this cluster (``env`` holds what a driver needs to connect).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

START = "import sys; from ray.scripts.scripts import main; sys.argv[0] = 'ray'; main()"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalRayCluster:
    def __init__(self, workers: int = 1, cpus_per_node: int = 1) -> None:
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.temp_dir = tempfile.mkdtemp(prefix="rt", dir="/tmp")  # short: Ray's socket paths are limited
        self.env = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": os.urandom(16).hex(), "RAY_USAGE_STATS_ENABLED": "0"}
        self.nodes = 1 + workers
        self.procs: list[subprocess.Popen] = []
        env = {**os.environ, **self.env}
        common = ["--block", f"--num-cpus={cpus_per_node}", "--num-gpus=0", "--node-ip-address=127.0.0.1",
                  "--disable-usage-stats"]
        self._start(["--head", f"--port={self.port}", f"--temp-dir={self.temp_dir}", "--include-dashboard=false"]
                    + common, env)
        for _ in range(workers):
            self._start([f"--address={self.address}"] + common, env)

    def _start(self, args: list[str], env: dict) -> None:
        self.procs.append(subprocess.Popen([sys.executable, "-c", START, "start", *args], env=env,
                                           start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Until every node has joined, asked by one short-lived driver in a child process (which
        retries while the head is not up yet)."""
        check = ("import ray, sys, time\n"
                 "ray.init(address=sys.argv[1], logging_level='ERROR')\n"
                 "end = time.monotonic() + float(sys.argv[3])\n"
                 "while sum(1 for n in ray.nodes() if n['Alive']) < int(sys.argv[2]) and time.monotonic() < end:\n"
                 "    time.sleep(0.2)\n"
                 "print(sum(1 for n in ray.nodes() if n['Alive']))")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            left = deadline - time.monotonic()
            try:
                out = subprocess.run([sys.executable, "-c", check, self.address, str(self.nodes), str(left)],
                                     capture_output=True, text=True, env={**os.environ, **self.env}, timeout=left + 30)
            except subprocess.TimeoutExpired:
                break
            if out.returncode == 0 and out.stdout.strip().splitlines()[-1:] == [str(self.nodes)]:
                return
            time.sleep(0.5)
        raise TimeoutError(f"the local Ray cluster at {self.address} did not come up in {timeout:.0f} s")

    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def stop(self, now: bool = False) -> None:
        """End the nodes (their process groups and every process they started), head last;
        ``now``: kill them at once, as when the machines go away."""
        started = self.descendants()
        for p in reversed(self.procs):
            _signal_group(p.pid, signal.SIGKILL if now else signal.SIGTERM)
        deadline = time.monotonic() + 20
        for p in self.procs:
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(p.pid, signal.SIGKILL)  # whatever of that node is left (raylet, workers)
        for child in started:  # Ray workers that left the node's process group
            try:
                child.kill()
            except Exception:  # noqa: BLE001 - gone already
                pass
        self.procs = []

    def descendants(self) -> list:
        """Every process the nodes started (psutil.Process objects), for stopping and measuring."""
        psutil = psutil_module()

        found = []
        for p in self.procs:
            try:
                found += psutil.Process(p.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                pass
        return found

    def __enter__(self) -> "LocalRayCluster":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def psutil_module():
    """psutil: installed, or the copy Ray ships (on the path once ray is imported)."""
    try:
        import psutil
    except ImportError:
        import ray  # noqa: F401
        import psutil
    return psutil


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass

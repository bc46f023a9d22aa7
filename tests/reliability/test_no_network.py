"""No network at run time: import, analysis, metrics, export and briefing run in a process where
creating an internet socket or resolving a name raises, and none is even attempted.

The guard is installed as ``sitecustomize`` on ``PYTHONPATH``, so any Python process the pipeline
starts (e.g. a reader process for a large file) is guarded too, and each one reports its attempts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from harness.crash_kill import write_csv

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = r'''
import socket, sys, atexit
attempts = []
class _NoNetwork(OSError):
    pass
_Real = socket.socket
class _Guarded(_Real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family != socket.AF_UNIX:
            attempts.append(f"socket({family})")
            raise _NoNetwork("network blocked by the test")
        super().__init__(family, type, proto, fileno)
def _blocked(name):
    def fail(*args, **kwargs):
        attempts.append(f"{name}{args[:1]}")
        raise _NoNetwork("network blocked by the test")
    return fail
socket.socket = _Guarded
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "socketpair"):
    setattr(socket, _name, _blocked(_name))
atexit.register(lambda: print(f"NETWORK-ATTEMPTS {len(attempts)} {attempts[:5]}", file=sys.stderr))
'''

SCRIPT = r'''
import json, sys
from pathlib import Path
from triage_app.cli import cli
ws, data, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])

def run(*args):
    try:
        cli.main(args=list(args), prog_name="triage-app", standalone_mode=False)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise RuntimeError(f"{args[0]} exited with {exc.code}")
    print(f"STEP-OK {args[0]}", file=sys.stderr, flush=True)

import socket
try:
    socket.create_connection(("example.com", 80), timeout=1)
    print("GUARD-MISSING", file=sys.stderr)
except OSError:
    pass
del sys.modules["sitecustomize"].attempts[:]  # that probe was ours

run("import", data, "-w", ws)
run("analyze", "-w", ws)
run("metrics", "-w", ws, "--json", "--by", "month")
run("export", "-w", ws, "-o", str(out / "items.xlsx"))
run("export", "-w", ws, "-o", str(out / "items.csv"))
from triage_app.services import briefing
from triage_app.store import Workspace
with Workspace(ws) as w:
    gen = briefing.generate(w.conn, briefing.BriefingRequest(period="3650"), out / "brief.pdf")
    try:
        while True:
            next(gen)
    except StopIteration:
        pass
print("STEP-OK briefing", file=sys.stderr, flush=True)
run("check", "-w", ws)
'''


def test_the_whole_pipeline_runs_with_the_network_blocked(tmp_path):
    data = write_csv(tmp_path / "feedback.csv", 300, 0, "")
    lines = data.read_text(encoding="utf-8").splitlines()
    topics = ["the app crashes when I save a file", "delivery was very late and the food was cold",
              "please add dark mode to the settings", "login fails with a wrong password error",
              "配送太慢了，外卖都凉了", "价格太贵，优惠太少"]
    body = [f"r{i},2024-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00,\"{topics[i % len(topics)]} ({i})\",{i % 11}"
            for i in range(300)]
    data.write_text("\n".join(lines[:1] + body) + "\n", encoding="utf-8")
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(PRELUDE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    extra = [env["PYTHONPATH"]] if env.get("PYTHONPATH") else []
    env["PYTHONPATH"] = os.pathsep.join([str(guard), str(ROOT), *extra])
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "w.triage"), str(data), str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "GUARD-MISSING" not in out.stderr
    steps = [line.split()[1] for line in out.stderr.splitlines() if line.startswith("STEP-OK")]
    assert steps == ["import", "analyze", "metrics", "export", "export", "briefing", "check"], out.stderr[-2000:]
    attempts = [line for line in out.stderr.splitlines() if line.startswith("NETWORK-ATTEMPTS")]
    assert attempts and set(attempts) == {"NETWORK-ATTEMPTS 0 []"}, out.stderr[-2000:]
    print("steps run offline:", steps)

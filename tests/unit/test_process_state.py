"""Library code changes no process-wide state: importing every module of ``analysis`` and
``triage_app`` and running an analysis, a chart, Chinese sentiment and an import leave the
environment, the garbage collector, numba, warnings, loggers and matplotlib's settings as they were.
Process settings belong to the entry points (``triage_app.process``); the test runs in a fresh
interpreter, so nothing else in the test session has touched them yet."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import gc, importlib, json, logging, os, pkgutil, sys, tempfile, warnings
from pathlib import Path

import numpy as np
import matplotlib
import numba
from numba.core import config as numba_config
# The libraries' own import-time settings are theirs (scikit-learn sets KMP_* variables, scipy adds
# warnings filters, jieba sets its logger): measured after they are loaded. BERTopic, UMAP and hdbscan
# are loaded by our code (analysis.topics.import_engine), so what their import does is measured.
import jieba, pandas, scipy.sparse, scipy.special, scipy.stats, sklearn
import sklearn.cluster, sklearn.decomposition, sklearn.feature_extraction.text, sklearn.neighbors

def state():
    return {
        "environ": dict(os.environ),
        "gc": list(gc.get_threshold()),
        "gc_frozen": gc.get_freeze_count(),
        "numba.njit": id(numba.njit), "numba.jit": id(numba.jit), "numba cache dir": numba_config.CACHE_DIR,
        "warnings": [repr(f) for f in warnings.filters],
        "root logger": [logging.root.level, [repr(h) for h in logging.root.handlers]],
        "BERTopic logger": logging.getLogger("BERTopic").level,
        "jieba logger": jieba.default_logger.level,
        "rcParams": {k: repr(v) for k, v in matplotlib.rcParams.items()},
        "modules blocked": sorted(k for k, v in sys.modules.items() if v is None and not k.startswith("encodings.")),
    }

def changed(before, after):
    out = {}
    for key in before:
        if before[key] != after[key]:
            if isinstance(before[key], dict):
                keys = set(before[key]) | set(after[key])
                out[key] = {k: [before[key].get(k), after[key].get(k)] for k in keys if before[key].get(k) != after[key].get(k)}
            else:
                out[key] = [before[key], after[key]]
    return out

report = {}
before = state()
skipped = []
for package in ("analysis", "triage_app"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        try:
            importlib.import_module(info.name)
        except ImportError as exc:  # an optional extra (ray, pyarrow) that is not installed
            skipped.append(f"{info.name}: {exc}")
report["import"] = changed(before, state())

tmp = Path(tempfile.mkdtemp())
before = state()
from analysis.topics import ThemeParams, find_themes
rng = np.random.default_rng(0)
centres = rng.normal(size=(4, 16))
vectors = (centres[np.arange(120) % 4] + 0.1 * rng.normal(size=(120, 16))).astype(np.float32)
vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
docs = [f"word{i % 4} topic text number {i}" for i in range(120)]
found = find_themes(docs, vectors, ThemeParams(reducer="pca", seed=1), cache_dir=tmp / "numba")
assert found.themes, "no theme found"
report["analysis"] = changed(before, state())

before = state()
from analysis import charts
from analysis.chart_style import ChartMeta, export
fig = charts.priority_ranking([{"label": "登录失败", "priority": 2.0, "factors": {"volume": 2.0}}], ChartMeta(period="2024"))
export(fig, tmp / "chart", ("png",))
report["chart"] = changed(before, state())

before = state()
from analysis.sentiment import chinese_score
chinese_score("这个应用很好用")
report["sentiment"] = changed(before, state())

before = state()
from triage_app.services.importing import run_import
from triage_app.store import Workspace
(tmp / "f.csv").write_text("id,text\n1,the app crashes\n2,love it\n", encoding="utf-8")
ws = Workspace(tmp / "w.triage")
result = run_import(ws, tmp / "f.csv")
ws.close()
assert result.added == 2
report["import a file"] = changed(before, state())
print(json.dumps({"report": report, "skipped": skipped}))
"""


def test_library_code_leaves_process_state_alone(tmp_path):
    """The fresh interpreter has no HF_HUB_OFFLINE and a home folder that does not exist: nothing of
    ours may set the one or write under the other (the compile cache goes where the caller says)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT),
           "MPLCONFIGDIR": str(tmp_path / "matplotlib"), "QT_QPA_PLATFORM": "offscreen", "MPLBACKEND": "Agg"}  # no HF_HUB_OFFLINE: the library must not set it
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["report"] == {"import": {}, "analysis": {}, "chart": {}, "sentiment": {}, "import a file": {}}
    assert not [s for s in result["skipped"] if "ray" not in s and "pyarrow" not in s], result["skipped"]
    assert not (tmp_path / "home").exists()


def test_entry_point_makes_the_process_settings(monkeypatch, capsys):
    """What the library no longer does, ``triage-app`` does for its process (children inherit it)."""
    import os

    import pytest

    from triage_app.cli import main

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0 and "Feedback Triage" in capsys.readouterr().out
    assert os.environ["HF_HUB_OFFLINE"] == "1"

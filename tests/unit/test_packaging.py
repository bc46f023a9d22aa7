"""Packaging: the built wheel carries every resource the code loads, and a build without an
optional embedding model says so clearly instead of failing on an import."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analysis import embeddings
from analysis.embeddings import Backend, BackendUnavailable, get_backend

ROOT = Path(__file__).resolve().parents[2]

# Loaded through importlib.resources by ui/app.py, triage_app/demo.py, services/briefing_pages.py and
# services/sentiment.py.
LOADED = [f"resources/icons/feedback-triage-{size}.png" for size in (16, 32, 48, 64, 128, 256, 512)] + [
    "resources/icons/feedback-triage.svg",
    "resources/translations/triage_zh_CN.qm",
    "resources/demo/feedback.json",
    "resources/briefing/zh.json",
    "resources/classifier/heads.npz",  # services/sentiment.py
]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    """File names in a wheel built (as pip would) from a copy of the sources."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for package in ("triage_app", "analysis", "ui", "resources"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    out = src / "dist"
    build = "from setuptools import build_meta as b; print(b.build_wheel('dist'))"
    subprocess.run([sys.executable, "-c", build], cwd=src, check=True, capture_output=True, timeout=300)
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_carries_every_resource_the_code_loads(wheel_names):
    missing = [name for name in LOADED if name not in wheel_names]
    assert not missing, f"not in the wheel: {missing}"


def test_wheel_carries_every_data_file_under_resources(wheel_names):
    data = [p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    assert len(data) >= len(LOADED)
    assert sorted(set(data) - wheel_names) == []


def test_wheel_has_the_packages_and_the_command(wheel_names):
    for module in ("triage_app/cli/__init__.py", "triage_app/__main__.py", "analysis/embeddings.py", "ui/app.py"):
        assert module in wheel_names
    assert any(n.endswith(".dist-info/entry_points.txt") for n in wheel_names)
    assert not any(n.startswith(("tests/", "bench/", "packaging/", "docs/")) for n in wheel_names)


def test_a_backend_whose_packages_are_missing_says_it_is_not_in_this_build(monkeypatch):
    class NeedsAbsent(Backend):
        name, dim = "needs-absent", 2
        requires = ("numpy", "no_such_module_for_feedback_triage")

    monkeypatch.setitem(embeddings._BACKENDS, NeedsAbsent.name, NeedsAbsent)
    with pytest.raises(BackendUnavailable, match="not available in this build.*no_such_module_for_feedback_triage"):
        get_backend(NeedsAbsent.name)
    with pytest.raises(KeyError):  # callers that handle unknown names handle this too
        get_backend(NeedsAbsent.name)

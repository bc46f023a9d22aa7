"""Whether this machine's compiled cache of the theme engine (UMAP's numba code) is ready.

The first analysis on a machine compiles ~50 numba functions (~55 s on 2 cores); later processes
load them from the disk cache. The desktop app warms the cache in a background process at its first
start (``triage-app warm-up``), so the first analysis a user runs does not pay for the compile.
A marker records the library versions the cache was built with: an upgrade makes it cold again.

The app decides where the cache lives (here, in the core); ``analysis.topics`` is given the folder
(``find_themes(..., cache_dir=...)``) and changes no process setting to use it.
"""
from __future__ import annotations

import json
import os
import sys
from importlib import metadata
from pathlib import Path

PACKAGES = ("numba", "umap-learn", "pynndescent", "hdbscan", "bertopic")


def cache_dir() -> Path:
    """Where the compiled code lives: ``NUMBA_CACHE_DIR`` when set, else the user's cache folder."""
    return Path(os.environ.get("NUMBA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "feedback-triage", "numba"))


def signature() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"python": sys.version.split()[0], **versions}


def _marker() -> Path:
    return cache_dir() / "warm.json"


def is_warm() -> bool:
    try:
        return bool(json.loads(_marker().read_text(encoding="utf-8")) == signature())
    except (OSError, ValueError):
        return False


def mark_warm() -> None:
    marker = _marker()
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps(signature()), encoding="utf-8")
    os.replace(tmp, marker)

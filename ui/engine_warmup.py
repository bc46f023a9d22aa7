"""At the app's first start on a machine, compile the theme engine's code cache in a background
process (``triage-app warm-up --background``), so the user's first analysis does not wait ~1 min
for it. A separate process keeps the window fluid (compiling in a thread would hold the GIL)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QProcess

from triage_app.engine_cache import is_warm


def warm_up_command() -> tuple[str, list[str]]:
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is triage-app itself
        return sys.executable, ["warm-up", "--background"]
    return sys.executable, ["-m", "triage_app", "warm-up", "--background"]


def start_if_cold() -> int | None:
    """Start the warm-up unless the cache is ready; returns its process id. The process is detached:
    closing the window does not stop it (the next start then finds the cache ready)."""
    if is_warm():
        return None
    program, args = warm_up_command()
    started, pid = QProcess.startDetached(program, args)
    return pid if started else None

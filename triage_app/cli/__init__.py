"""``triage-app``: the headless commands. Their flags and JSON keys are a contract; add, don't rename.

Exit codes: 0 success, 1 a check failed, 2 bad input (unreadable file, bad workspace, bad flags).
One module a command group: ``data`` (import, formats, stats, search, export), ``workspace`` (check,
demo, warm-up), ``themes``, ``metrics``, ``brief``, ``tell``; ``common`` holds what they share.
"""
from __future__ import annotations

from . import brief, data, metrics, tell, themes, workspace  # noqa: F401  (each registers its commands)
from .common import EXIT_BAD_INPUT, add_no_redact
from .group import cli, main

add_no_redact(cli)

__all__ = ["cli", "main", "EXIT_BAD_INPUT"]

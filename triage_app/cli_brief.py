"""triage-app commands of the briefing area (registered on the group in cli.py)."""
from __future__ import annotations

from .cli import cli  # noqa: F401  (commands are added to this group)

"""The process-wide settings of a Feedback Triage process, made by its entry points only.

Library code (``analysis/``, the store, the services) changes no process state: whatever it needs
is scoped and restored (numba's disk cache in ``analysis.topics.compiled_cache``, the collector's
thresholds during an import, BERTopic's logger, matplotlib's fonts in ``chart_style.style``).
What cannot be scoped is set here, once, by ``triage-app`` (commands and the window alike; the
desktop bundle's launcher goes through it) and by the child processes that need it:

- ``HF_HUB_OFFLINE=1`` (unless set): no model hub is ever asked; spawned children inherit it.
- glibc serves allocations of 4 MiB or more by mmap (``return_large_blocks``): a huge field's copies
  go back to the OS when freed (an import's peak memory), and the heap is trimmed less often.
"""
from __future__ import annotations

import ctypes
import os
import sys

_MMAP_THRESHOLD = 4 << 20  # M_MMAP_THRESHOLD: blocks this large come from (and go back to) the OS
_TRIM_THRESHOLD = 2 * _MMAP_THRESHOLD  # else the heap top is trimmed at 128 KiB: slower ordinary imports


def configure() -> None:
    """The settings of a Feedback Triage process (idempotent)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return_large_blocks()


def return_large_blocks() -> None:
    """Linux (glibc): serve every allocation of 4 MiB or more by mmap, so a huge field's copies go
    back to the OS when freed. By default glibc raises its threshold after the first such free
    (up to 32 MiB), and the next copies stay in the heap for good: the import's peak memory then
    stacks every copy of a 30 MB field made on its way (parse, row, SQLite, search index).
    A process-wide malloc setting that cannot be read back: entry points only."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(-3, _MMAP_THRESHOLD)  # M_MMAP_THRESHOLD = -3
        libc.mallopt(-1, _TRIM_THRESHOLD)  # M_TRIM_THRESHOLD = -1: what glibc's own adjustment would set
    except (OSError, AttributeError):
        pass

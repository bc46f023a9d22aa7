"""A full disk, told plainly (issue 16): is this error a full disk, and a message with the free
space left and roughly what was needed."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

_SQLITE_FULL = 13


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return True
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL or "disk is full" in str(exc)
    return False


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def free_bytes(path: str | os.PathLike[str]) -> int | None:
    folder = Path(path)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def disk_full_message(path: str | os.PathLike[str], needed: int | None, what: str) -> str:
    """"the disk holding X is full (12.0 KB free; <what> needs roughly 40.0 MB)"."""
    free = free_bytes(path)
    parts = [f"{_size(free)} free" if free is not None else None,
             f"{what} needs roughly {_size(needed)}" if needed else None]
    detail = "; ".join(p for p in parts if p)
    return f"the disk holding {Path(path).parent if Path(path).suffix else path} is full" + (f" ({detail})" if detail else "")

"""Library globals changed for the length of a block, and put back after it: ``patched``.

The analysis changes a few names inside libraries while it fits (``seeded_eigsh``: scipy's ``eigsh`` gets a seeded
generator; ``topics.compiled_cache``: numba's ``njit``/``jit`` cache their code in the app's folder). Both assume one
analysis at a time in the process; each decides itself what to do when it is already inside.
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator, Sequence


@contextlib.contextmanager
def patched(changes: Sequence[tuple[Any, str, Any]]) -> Iterator[None]:
    """Set each ``(owner, name, value)`` (``setattr``) while inside; every old value comes back on exit, also after
    an error, in reverse order."""
    old = [(owner, name, getattr(owner, name)) for owner, name, _ in changes]
    for owner, name, value in changes:
        setattr(owner, name, value)
    try:
        yield
    finally:
        for owner, name, value in reversed(old):
            setattr(owner, name, value)

"""A guard against JSON nested too deeply to parse safely.

ijson's cost per event grows with the nesting depth (it builds each event's path), so a 200 KB
file of 100,000 nested ``[`` takes gigabytes; Python's ``json`` and ``orjson`` hit recursion
limits. ``DepthGuard`` wraps the byte stream a parser reads and refuses the file before any chunk
deeper than ``MAX_DEPTH`` reaches the parser. It is string-aware (brackets inside strings do not
count) and runs at C speed: escapes and non-bracket bytes are dropped with ``bytes`` methods and a
regex, and only the remaining brackets are summed.
"""
from __future__ import annotations

import io
import re
from itertools import accumulate

MAX_DEPTH = 100  # real exports nest under 10 levels; orjson refuses beyond 255

_ESCAPES = re.compile(rb"\\.", re.DOTALL)
_STRINGS = re.compile(rb'"[^"]*"')
_DROP = bytes(b for b in range(256) if b not in b'[]{}"')
_SIGNS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


class TooDeep(ValueError):
    """The JSON nests deeper than MAX_DEPTH."""


class DepthTracker:
    def __init__(self, limit: int = MAX_DEPTH):
        self.limit = limit
        self.depth = 0
        self.in_string = False
        self.pending_escape = False

    def feed(self, chunk: bytes) -> None:
        """Account for the next bytes of the document; raises TooDeep."""
        if not chunk:
            return
        if self.pending_escape:
            chunk, self.pending_escape = chunk[1:], False
        if b"\\" in chunk:
            chunk = _ESCAPES.sub(b"", chunk)
            if chunk.endswith(b"\\"):  # an escape split across two chunks
                chunk, self.pending_escape = chunk[:-1], True
        marks = chunk.translate(None, _DROP)
        if self.in_string:
            end = marks.find(b'"')
            if end < 0:
                return
            marks, self.in_string = marks[end + 1:], False
        if b'"' in marks:
            marks = _STRINGS.sub(b"", marks)
            start = marks.find(b'"')
            if start >= 0:
                marks, self.in_string = marks[:start], True
        if not marks:
            return
        signs = memoryview(marks.translate(_SIGNS)).cast("b")
        deepest = max(accumulate(signs, initial=self.depth))
        if deepest > self.limit:
            raise TooDeep(f"nests deeper than {self.limit} levels")
        self.depth += sum(signs)


def check_depth(data: bytes, limit: int = MAX_DEPTH) -> None:
    DepthTracker(limit).feed(data)


class DepthGuard(io.RawIOBase):
    """A readable byte stream that checks each chunk before passing it on."""

    def __init__(self, raw, limit: int = MAX_DEPTH):
        self._raw = raw
        self._tracker = DepthTracker(limit)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._tracker.feed(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

"""A guard against JSON nested too deeply to parse safely.

ijson's cost per event grows with the nesting depth (it builds each event's path), so a 200 KB
file of 100,000 nested ``[`` takes gigabytes; Python's ``json`` and ``orjson`` hit recursion
limits. ``DepthGuard`` wraps the byte stream a parser reads and refuses the file before any chunk
deeper than ``MAX_DEPTH`` reaches the parser. It is string-aware (brackets inside strings do not
count) and runs at C speed: escapes and non-bracket bytes are dropped with ``bytes`` methods and a
regex, and only the remaining brackets are summed.

It also keeps ijson linear on huge strings (issue 16): ijson's C backend re-scans a token that
spans reads from its start at every read, so a 20 MB string read 64 KB at a time costs seconds.
While the document is inside a string, ``DepthGuard`` doubles the size of each read (ijson takes
what it is given), so a string of any length arrives in a logarithmic number of reads. Strings
longer than ``MAX_STRING_BYTES`` are refused with a message naming the limit.
"""
from __future__ import annotations

import io
import re
from itertools import accumulate

MAX_DEPTH = 100  # real exports nest under 10 levels; orjson refuses beyond 255
# One field (a JSON string, a CSV cell) of at most 32 MiB: far beyond any real feedback text (GitHub
# caps an issue body at 65,536 characters), and it bounds an import's memory (a field costs several
# times its size on its way into the workspace). README, "Importing", states it.
MAX_STRING_BYTES = 32 << 20

_ESCAPES = re.compile(rb"\\.", re.DOTALL)
_STRINGS = re.compile(rb'"[^"]*"')
_DROP = bytes(b for b in range(256) if b not in b'[]{}"')
_SIGNS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


class TooDeep(ValueError):
    """The JSON nests deeper than MAX_DEPTH."""


class TooLong(ValueError):
    """A JSON string is longer than MAX_STRING_BYTES."""


def too_long_message(limit: int | None = None) -> str:
    return f"holds a text longer than {(limit or MAX_STRING_BYTES) >> 20} MB, the limit for one field"


class DepthTracker:
    def __init__(self, limit: int = MAX_DEPTH, string_limit: int | None = None):
        self.limit = limit
        self.string_limit = string_limit or MAX_STRING_BYTES
        self.depth = 0
        self.in_string = False
        self.pending_escape = False
        self.string_bytes = 0  # bytes read since the open string began

    def feed(self, chunk: bytes) -> None:
        """Account for the next bytes of the document; raises TooDeep or TooLong."""
        if not chunk:
            return
        if self.in_string and b'"' not in chunk:  # the middle of a long string: nothing else to see
            self.string_bytes += len(chunk)
            if self.string_bytes > self.string_limit:
                raise TooLong(too_long_message(self.string_limit))
            body = chunk[1:] if self.pending_escape else chunk
            self.pending_escape = (len(body) - len(body.rstrip(b"\\"))) % 2 == 1  # an escape split across reads
            return
        if self.in_string and self.string_bytes + chunk.find(b'"') > self.string_limit:
            raise TooLong(too_long_message(self.string_limit))
        self._feed(chunk)
        if self.in_string:
            self.string_bytes = len(chunk) - chunk.rfind(b'"')

    def _feed(self, chunk: bytes) -> None:
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
            raise TooDeep(f"is nested deeper than {self.limit} levels")
        self.depth += sum(signs)


def check_depth(data: bytes, limit: int = MAX_DEPTH) -> None:
    DepthTracker(limit).feed(data)


class DepthGuard(io.RawIOBase):
    """A readable byte stream that checks each chunk before passing it on (and reads ever larger
    chunks while inside a string: see the module's docstring)."""

    def __init__(self, raw, limit: int = MAX_DEPTH, string_limit: int | None = None):
        self._raw = raw
        self._tracker = DepthTracker(limit, string_limit)
        self._grown = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if size > 0 and self._tracker.in_string:
            self._grown = min(max(self._grown, size) * 2, 1 << 30)
            size = self._grown
        else:
            self._grown = 0
        data = self._raw.read(size)
        self._tracker.feed(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

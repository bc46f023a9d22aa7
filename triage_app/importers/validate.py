"""Checking the whole file against its encoding while it is read (streaming, one pass).

- Bytes that do not decode are let through as lone surrogates by the ``triage-count`` error
  handler, which also counts them; only once it has counted something are rows searched, so a
  clean file pays nothing per row. A row with such bytes is rejected (or, in a UTF-8 file, read as
  Windows-1252 when that reads plausibly, with a warning); many of them stop the import as an
  uncertain encoding.
- Under the text decoder, ``Watch`` looks at each raw block: text read in a single-byte or
  Chinese encoding whose bytes look like UTF-8, or single-byte text made of runs of high bytes
  (GBK read as Windows-1252), stops the import with the candidates for that block. It also counts
  quote marks, which tells a file that ends inside a quoted field (a truncated download).
"""
from __future__ import annotations

import codecs
import io
import os
import re
from functools import lru_cache

from .plausible import PLAUSIBLE, plausibility

#: False: decode strictly with no row checks (the baseline of bench/import_bench.py, which turns it
#: off for the spawned reader process too with TRIAGE_VALIDATE_ENCODING=0)
ENABLED = os.environ.get("TRIAGE_VALIDATE_ENCODING", "1") != "0"
#: bytes that did not decode, all files together (only its changes matter)
BAD_BYTES = [0]
_BAD = re.compile("[\udc00-\udcff]")
_BLOCK = 1 << 18
_HIGH = bytes(range(128, 256))
_UTF8_SEQ = re.compile(rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})+")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
_LATIN = {"cp1252", "latin-1", "iso8859-1", "iso8859-15", "cp1250", "cp1254", "cp1257", "iso8859-2", "iso8859-9",
          "mac-roman", "cp850", "cp437", "iso8859-4", "iso8859-13", "iso8859-16", "hp-roman8", "cp858"}


def _count_and_escape(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)  # registered for decoding only
    BAD_BYTES[0] += exc.end - exc.start
    return "".join(chr(0xDC00 + b) for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("triage-count", _count_and_escape)


class EncodingDoubt(Exception):
    """Raised from inside the reader: the bytes at ``offset`` do not look like the encoding."""

    def __init__(self, offset: int, reason: str, block: bytes):
        super().__init__(reason)
        self.offset, self.reason, self.block = offset, reason, block


@lru_cache(maxsize=64)
def single_byte(encoding: str) -> bool:
    try:
        return len(bytes(range(256)).decode(encoding, "replace")) == 256
    except LookupError:
        return False


def is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


class Watch(io.RawIOBase):
    """A raw binary stream that checks each block it passes on (see the module docstring)."""

    def __init__(self, fh, encoding: str, stop: bool = True):
        self._fh = fh
        self._stop = stop  # False (an encoding the user chose): doubts are kept in ``doubt``, not raised
        self.doubt: EncodingDoubt | None = None
        self.offset = 0
        self.quotes = 0
        self.last_byte = b""
        name = codecs.lookup(encoding).name
        self._ascii_compatible = not name.startswith(("utf-16", "utf-32"))
        self._check_utf8 = self._ascii_compatible and not is_utf8(name)
        # runs of high bytes are words in Cyrillic, Greek, Hebrew... code pages: only Latin ones are checked
        self._single = single_byte(name) and name in _LATIN

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._fh.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if n:
            if self._ascii_compatible:
                self.quotes += data.count(b'"')
                if self._check_utf8:
                    self._check(data)
            self.offset += n
            self.last_byte = data[-1:]
        return n

    def _check(self, data: bytes) -> None:
        high = len(data) - len(data.translate(None, _HIGH))
        if high < 64:
            return
        utf8 = sum(len(m) for m in _UTF8_SEQ.findall(data))
        doubt = None
        if utf8 >= 0.6 * high:
            doubt = EncodingDoubt(self.offset, "the text here is written in UTF-8", data)
        elif self._single:
            runs = sum(len(m) for m in _HIGH_RUN.findall(data)) - utf8
            if runs >= 0.6 * high:
                doubt = EncodingDoubt(self.offset, "the text here is in a double-byte (e.g. Chinese) encoding", data)
        if doubt is not None:
            if self._stop:
                raise doubt
            self.doubt = self.doubt or doubt


def open_text(path, encoding: str, stop: bool = True) -> tuple[io.TextIOBase, Watch | None]:
    """The file as text, checked while read; (stream, its watch) — no watch when disabled.
    ``stop``: False for an encoding the user chose (doubts become a warning, see Watch)."""
    if not ENABLED:
        return open(path, "r", encoding=encoding, errors="strict", newline=""), None
    watch = Watch(open(path, "rb"), encoding, stop)
    text = io.TextIOWrapper(io.BufferedReader(watch, _BLOCK), encoding=encoding, errors="triage-count", newline="")
    return text, watch


class RowCheck:
    """Rows of a file in which some bytes did not decode: each is rejected, or repaired (a
    Windows-1252 row in a UTF-8 file), and too many of them stop the import."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self.utf8 = is_utf8(encoding)
        self.bad_rows = 0
        self.bad_bytes = bytearray()
        self._recent: list[bool] = []  # the last rows checked: did they not decode?

    def __call__(self, cells: list[str]) -> tuple[list[str] | None, str | None]:
        """(cells to use, None) for a good or repaired row — the second value a warning when repaired —
        or (None, reason) for a rejected one."""
        if not _BAD.search("\x1f".join(cells)):
            self._remember(False)
            return cells, None
        self._remember(True)
        self.bad_rows += 1
        try:
            raw = [c.encode("utf-8" if self.utf8 else self.encoding, "surrogateescape") for c in cells]
        except UnicodeEncodeError:  # e.g. UTF-16 with an odd byte: no way back to the bytes
            return None, f"is not valid {self.encoding} (the file is damaged here)"
        if len(self.bad_bytes) < 200_000:
            self.bad_bytes += b"\n" + b",".join(raw)
        if self.utf8:
            try:
                repaired = [r.decode("cp1252") for r in raw]
                joined = "\x1f".join(repaired)
                # Ã and Â alone are what broken UTF-8 lead bytes become, not words
                if plausibility(joined)[0] >= PLAUSIBLE and "Ã" not in joined and "Â" not in joined:
                    return repaired, "a row that is not UTF-8 was read as Windows-1252 (cp1252)"
            except UnicodeDecodeError:
                pass
        first = next(r for r, c in zip(raw, cells) if _BAD.search(c))
        # the bytes may decode on their own (a sequence cut at a block edge): then show the row's start
        found = _BAD.search(first.decode("utf-8" if self.utf8 else self.encoding, "surrogateescape"))
        bad = found.start() if found else 0
        return None, (f"is not valid {self.encoding}: bytes {first[max(0, bad - 2):bad + 4].hex(' ')} do not decode "
                      "(a damaged row, or the file mixes encodings)")

    def _remember(self, bad: bool) -> None:
        self._recent.append(bad)
        if len(self._recent) > 100:
            del self._recent[0]

    def too_many(self, rows: int, at_end: bool = False, chosen: bool = False) -> bool:
        """Too many rows do not decode for this to be a few damaged rows: the encoding is wrong
        (half the file by its end; or, unless the user chose it, a tenth so far or 20 of the last 100)."""
        if at_end:
            return self.bad_rows * 2 >= rows
        if chosen or self.bad_rows < 3:
            return False
        return self.bad_rows > 0.1 * rows or sum(self._recent) >= 20


def scan_file(path, encoding: str, block: int = 1 << 20) -> dict:
    """Validate a whole file against ``encoding`` without parsing it as CSV (streaming, constant
    memory): bytes that do not decode and the Watch's checks. Raises EncodingDoubt."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="triage-count")
    before = BAD_BYTES[0]
    with open(path, "rb") as fh:
        watch = Watch(fh, encoding)
        buffer = bytearray(block)
        view = memoryview(buffer)
        chars = 0
        while True:
            n = watch.readinto(view)
            if not n:
                break
            chars += len(decoder.decode(view[:n]))
        chars += len(decoder.decode(b"", final=True))
    return {"bytes": watch.offset, "chars": chars, "bad_bytes": BAD_BYTES[0] - before, "quotes": watch.quotes}

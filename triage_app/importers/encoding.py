"""Detecting a text file's encoding: byte-order marks first, then strict UTF-8, then charset-normalizer.

A wrong guess must never silently give mojibake: the guess is shown in the preview, can be
overridden, and the file is decoded strictly, so bytes that do not fit stop the import with the
row where it happened.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1 << 20

# charset-normalizer names -> the codec we decode with (supersets, so nothing valid is refused).
_PREFERRED = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "hz": "gb18030",
    "ascii": "utf-8",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_15": "cp1252",
}


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str
    reason: str  # shown to the user: "byte-order mark", "valid UTF-8", "detected (cp1252)"


def _looks_utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


_WESTERN_LOOKALIKES = {
    "cp1250", "cp1254", "cp1257", "cp1258", "iso8859_2", "iso8859_9", "iso8859_13", "iso8859_16",
    "mac_roman", "mac_latin2", "cp850", "cp437", "latin_1", "iso8859_1", "iso8859_15",
}


_OTHER_CJK = {"cp949", "euc_kr", "johab", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
              "iso2022_jp", "iso2022_kr", "shift_jis_2004", "euc_jis_2004"}


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def detect_encoding(sample: bytes) -> EncodingGuess:
    """Guess the encoding of a file from its first bytes."""
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8-sig", "byte-order mark (UTF-8)")
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        return EncodingGuess("utf-16", "byte-order mark (UTF-16)")
    utf16 = _looks_utf16_without_bom(sample[:4096])
    if utf16:
        return EncodingGuess(utf16, "UTF-16 without byte-order mark")
    trimmed = sample
    if len(sample) >= SAMPLE_BYTES:  # a cut may split a multi-byte character: drop the tail
        trimmed = sample[: max(0, len(sample) - 4)]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(trimmed, final=False)
        return EncodingGuess("utf-8", "valid UTF-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(trimmed[:200_000]).best()
    if best is None:
        return EncodingGuess("cp1252", "no confident guess; assumed Windows-1252")
    name = _PREFERRED.get(best.encoding, best.encoding)
    if name in _OTHER_CJK and _decodes(trimmed, "gb18030"):
        # Short Chinese samples are often taken for Korean or Japanese double-byte encodings.
        # Chinese teams are our first-class users: prefer GB18030 (the preview can override).
        return EncodingGuess("gb18030", f"detected (GB18030 preferred over {best.encoding})")
    if name in _WESTERN_LOOKALIKES and _decodes(trimmed, "cp1252"):
        # Single-byte Latin code pages are hard to tell apart from a sample; Excel on Western
        # Windows (the common case) writes cp1252, and the preview lets the user pick another.
        name = "cp1252"
    # CJK double-byte guesses for text that decodes as GB18030 stay GB18030; Western text
    # that charset-normalizer calls cp125x but that is not valid in it falls back to cp1252.
    try:
        trimmed[:200_000].decode(name)
    except (UnicodeDecodeError, LookupError):
        name = "cp1252"
    return EncodingGuess(name, f"detected ({name})")


def check_encoding(name: str) -> str:
    """Validate a user-supplied encoding name; return its canonical codec name."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None

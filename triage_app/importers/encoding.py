"""Detecting a text file's encoding: byte-order marks, then UTF-8, then the candidates that read
the text most plausibly (GB18030, Big5/cp950, Windows-1252 and charset-normalizer's pick).

A wrong guess must never silently give mojibake: each candidate is scored on how plausible its
characters are (``plausible.py``); when none reads the text plausibly or two read it about as
well, the guess is marked uncertain and the import stops naming the candidates. The whole file is
then checked while it is read (``validate.py``).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .plausible import MARGIN, PLAUSIBLE, plausibility

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
    "big5": "cp950",
}


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str
    reason: str  # shown to the user: "byte-order mark", "valid UTF-8", "detected (cp1252)"
    #: False when the text is implausible in every encoding or two encodings read it about as well
    certain: bool = True
    #: (encoding, share of plausible characters, sample text), best first; empty when obvious
    candidates: tuple = ()


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
    "cp1250", "cp1254", "cp1257", "cp1258", "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_13", "iso8859_16",
    "mac_roman", "mac_latin2", "cp850", "cp437", "latin_1", "iso8859_1", "iso8859_15", "hp_roman8", "iso8859_10",
    "mac_iceland", "cp1125", "cp858",
}
#: always tried when a file is not UTF-8: Chinese first-class (simplified and traditional), then Western
BASE_CANDIDATES = ("gb18030", "cp950", "cp1252")
_BAD = re.compile("[\udc00-\udcff]")
_LINE = re.compile("[^\n]*\n?")


def _decode_sample(data: bytes, encoding: str, final: bool) -> tuple[str, int]:
    """The sample as text (undecodable bytes as lone surrogates) and how many bytes did not decode."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
    try:
        text = decoder.decode(data, final=final)
    except UnicodeDecodeError:  # bytes below 0x80 cannot be escaped (UTF-16 ending on an odd byte)
        text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(data, final=final)
        return text, text.count("\ufffd")
    return text, len(_BAD.findall(text))


def _mostly_utf8(text: str) -> bool:
    """UTF-8 with a few broken or foreign lines (those rows are checked one by one on import)."""
    bad_lines = good_lines = 0
    for line in text.splitlines():
        if _BAD.search(line):
            bad_lines += 1
        elif not line.isascii():
            good_lines += 1
    return good_lines >= 1 and bad_lines <= max(2, good_lines // 10)


def rank_encodings(data: bytes, final: bool = True, extra: tuple[str, ...] = ()) -> list[tuple[str, float, str]]:
    """Candidate encodings for ``data``, best first: (encoding, score 0..1, a sample of the text)."""
    ranked = []
    for name in dict.fromkeys(BASE_CANDIDATES + extra):
        try:
            text, bad = _decode_sample(data, name, final)
        except LookupError:
            continue
        if bad > max(2, len(data) // 1000):
            continue
        score, looked = plausibility(text)
        score *= 1.0 - min(1.0, bad / max(1, looked))
        ranked.append((name, round(score, 3), _sample_line(text)))
    ranked.sort(key=lambda c: -c[1])
    return ranked


def _sample_line(text: str) -> str:
    """A short line of the text holding non-ASCII characters (what the user compares)."""
    for line in text.splitlines():
        if not line.isascii():
            line = _BAD.sub("\ufffd", line.strip())
            return line[:80]
    return text[:80]


def detect_encoding(sample: bytes, whole: bool = False) -> EncodingGuess:
    """Guess the encoding of a file from its first bytes (``whole``: the sample is the whole file)."""
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8-sig", "byte-order mark (UTF-8)")
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        return EncodingGuess("utf-16", "byte-order mark (UTF-16)")
    utf16 = _looks_utf16_without_bom(sample[:4096])
    if utf16:
        return EncodingGuess(utf16, "UTF-16 without byte-order mark")
    final = whole or len(sample) < SAMPLE_BYTES  # a cut may split a multi-byte character
    text, bad = _decode_sample(sample, "utf-8", final)
    if not bad:
        return EncodingGuess("utf-8", "valid UTF-8")
    if _mostly_utf8(text):
        return EncodingGuess("utf-8", "UTF-8 (some rows are not; they are checked one by one)")
    extra: tuple[str, ...] = ()
    best = from_bytes(sample[:200_000]).best()
    if best is not None:
        name = _PREFERRED.get(best.encoding, best.encoding)
        extra = (name,)
    ranked = rank_encodings(sample, final, extra)
    if not ranked:
        return EncodingGuess("cp1252", "no encoding reads this file", certain=False)
    top = ranked[0]
    high = len(sample) - len(sample.translate(None, bytes(range(128, 256))))
    if top[1] < PLAUSIBLE and high < 200 and high < len(sample) // 1000:
        # a few stray bytes in a text that is otherwise ASCII: they read wrongly in any encoding
        return EncodingGuess("cp1252", f"almost all ASCII; {high} other bytes read as Windows-1252",
                             candidates=tuple(ranked[:3]))
    if top[1] < PLAUSIBLE:
        return EncodingGuess(top[0], f"no encoding reads this text plausibly (best: {top[0]}, "
                             f"{top[1]:.0%} plausible characters)", certain=False, candidates=tuple(ranked[:3]))
    close = [c for c in ranked[1:] if top[1] - c[1] < MARGIN
             and not (top[0] == "cp1252" and c[0] in _WESTERN_LOOKALIKES)]  # Excel's Western default wins ties
    if close:
        return EncodingGuess(top[0], " or ".join(c[0] for c in [top] + close) + " read it about as well",
                             certain=False, candidates=tuple([top] + close))
    return EncodingGuess(top[0], f"detected ({top[0]}, {top[1]:.0%} plausible characters)", candidates=tuple(ranked[:3]))


def check_encoding(name: str) -> str:
    """Validate a user-supplied encoding name; return its canonical codec name."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None

"""How plausible a decoded text is: the test that tells a right encoding from mojibake.

Every candidate encoding decodes most bytes into *something*; what differs is whether the
characters are ones people write. Over the non-ASCII characters of a sample:

- common Chinese characters (GB2312 level 1, or Big5's frequently used range) and CJK
  punctuation count fully; rarer Han characters a little;
- accented Latin letters count only when they stand alone inside ASCII words ("café", not
  "ÖÐÎÄ", which is GBK read as Windows-1252); runs of letters of another alphabet (Cyrillic,
  Greek, Arabic...) count when the run keeps to one script;
- kana, bopomofo, box drawing, private-use characters, C1 controls and the replacement
  character (what a wrong CJK guess produces) do not count.

The score is the share that counts (0..1); ASCII-only text is 1.0.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
#: below this share the text is taken as mojibake
PLAUSIBLE = 0.85
#: a second candidate within this much of the best one makes the choice uncertain
MARGIN = 0.12
_MAX_CHARS = 60_000


@lru_cache(maxsize=65536)
def _han_weight(ch: str) -> float:
    try:
        gb = ch.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:  # level 1: the 3,755 most used characters
            return 1.0
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        if 0xA440 <= (b5[0] << 8 | b5[1]) <= 0xC67E:  # 常用字, the 5,401 frequently used
            return 1.0
    except UnicodeEncodeError:
        pass
    return 0.3


def _kind(ch: str) -> str:
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF:
        return "han"
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or o in (0x2026, 0x2014, 0x00B7, 0x201C, 0x201D, 0x2018, 0x2019):
        return "cjk_punct"  # also the quotes and dashes Chinese text uses
    if 0x80 <= o <= 0x9F or 0xE000 <= o <= 0xF8FF or o == 0xFFFD or 0xDC80 <= o <= 0xDCFF:
        return "bad"
    if 0x3040 <= o <= 0x30FF or 0x3100 <= o <= 0x312F or 0x2500 <= o <= 0x259F or 0xF900 <= o <= 0xFAFF \
            or 0x3400 <= o <= 0x4DBF or 0x2460 <= o <= 0x24FF or 0xFE30 <= o <= 0xFE6F or 0xFF61 <= o <= 0xFF9F:
        return "odd"  # kana (also half-width), bopomofo, box drawing, rare Han forms, enclosed, small forms
    if 0xAC00 <= o <= 0xD7A3:
        return "odd"  # Hangul: a wrong double-byte guess (Korean feedback comes as UTF-8)
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        return "latin" if o < 0x250 else "letter"
    if cat.startswith(("P", "S", "Z", "N")):
        return "punct"
    return "odd"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def plausibility(text: str) -> tuple[float, int]:
    """(share of plausible non-ASCII characters, how many were looked at)."""
    total = 0
    good = 0.0
    for match in _NON_ASCII_RUN.finditer(text):
        run = match.group()
        kinds = [_kind(c) for c in run]
        total += len(run)
        if len(run) == 1:
            k = kinds[0]
            # a lone Han character between ASCII is plausible ("男", "是") but is what stray bytes become too
            good += 0.7 * _han_weight(run) if k == "han" else 1.0 if k in ("cjk_punct", "latin", "punct", "letter") else 0.0
        elif any(k in ("han", "cjk_punct") for k in kinds):
            for c, k in zip(run, kinds):
                good += _han_weight(c) if k == "han" else 1.0 if k == "cjk_punct" else 0.5 if k == "punct" else 0.0
        elif all(k == "punct" for k in kinds):
            good += len(run)  # "’”", "——", "€…"
        elif all(k in ("letter", "punct") for k in kinds) and len({_script(c) for c, k in zip(run, kinds) if k == "letter"}) == 1:
            good += len(run)  # a word in one non-Latin alphabet
        elif len(run) == 2 and all(k in ("latin", "punct") for k in kinds) and not _mojibake_pair(run):
            good += 1.0  # "ção": two accented letters side by side happen, half credit
        if total >= _MAX_CHARS:
            break
    if total == 0:
        return 1.0, 0
    return good / total, total


def _mojibake_pair(pair: str) -> bool:
    """UTF-8 read as a Latin code page: 'Ã©', 'Â ', 'â€'."""
    return pair[0] in "ÃÂâÅÆÐÑ×Ø" and (0x80 <= ord(pair[1]) <= 0xBF or pair[1] in "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")

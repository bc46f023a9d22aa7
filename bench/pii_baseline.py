"""Baseline for bench/pii_eval.py: analysis/pii.py as it was before issue 16 (frozen copy, not used by the app)."""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Iterable

KINDS = ("EMAIL", "PHONE", "IP", "CARD", "TOKEN")
PLACEHOLDERS = {kind: f"[{kind}]" for kind in KINDS}
# When findings overlap, the more specific kind wins.
_PRIORITY = {"EMAIL": 0, "TOKEN": 1, "CARD": 2, "IP": 3, "PHONE": 4}
_PHONE_REGIONS = ("CN", "US", "GB")


@dataclass(frozen=True, slots=True)
class PiiSpan:
    kind: str  # one of KINDS
    start: int
    end: int
    text: str


_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}(?![A-Za-z0-9-])",
    re.ASCII,
)
# Boundaries are ASCII-only: in Chinese text an address often touches a character ("IP地址1.2.3.4无法").
_IPV4 = re.compile(r"(?<![A-Za-z0-9_.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)(?![A-Za-z0-9_-])")
_IPV6 = re.compile(
    r"(?<![A-Za-z0-9_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?"
    r"(?:%[A-Za-z0-9_]+)?(?![A-Za-z0-9_:.]|\.\d)"
)
_SPELLED_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_.-])[A-Za-z0-9_-]+(?:(?:\s+dot\s+|\.)[A-Za-z0-9_-]+)*\s*(?:\s+at\s+|\s*[\[(]at[\])]\s*)"
    r"[A-Za-z0-9-]+(?:\s*(?:\s+dot\s+|[\[(]dot[\])]|\.)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:\s+dot\s+|[\[(]dot[\])]|\.)\s*(?:com|net|org|edu|gov|io|cn|co|uk|de|fr|jp|info)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_CARD = re.compile(r"(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d]|[.,]\d)")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'，。；、）]+", re.IGNORECASE)
_SECRET_PARAM = re.compile(
    r"(?i)(?:^|[_-])(?:token|access_token|auth|authorization|key|apikey|api_key|secret|client_secret|sig|"
    r"signature|password|passwd|pwd|session|sessionid|sid|code|otp|jwt|bearer|credential|credentials|"
    r"x-amz-signature|x-amz-credential|x-amz-security-token)$"
)
_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://[^/@:\s]+):([^/@\s]+)@", re.IGNORECASE)
_URL_PASSWORD_BEFORE = re.compile(r"://[^\s/@:]*:$")
_JOINED_BEFORE = re.compile(r"(?:[A-Za-z]|[A-Za-z0-9]-)$")
_DIGITS7 = re.compile(r"\d(?:[\s\-().\u00a0/]*\d){6}")  # cheap filter: 7+ digits before the phone matcher


def _emails(text: str) -> Iterable[PiiSpan]:
    for m in _EMAIL.finditer(text):
        if _URL_PASSWORD_BEFORE.search(text, max(0, m.start() - 200), m.start()):
            continue  # the "password@host" of https://user:password@host
        yield PiiSpan("EMAIL", m.start(), m.end(), m.group())
    if " at " in text or "at]" in text or "at)" in text:
        for m in _SPELLED_EMAIL.finditer(text):  # "john dot smith at example dot com"
            yield PiiSpan("EMAIL", m.start(), m.end(), m.group())


def _ips(text: str) -> Iterable[PiiSpan]:
    for m in _IPV4.finditer(text):
        if text[max(0, m.start() - 1):m.start()] in ("v", "V"):
            continue  # v1.2.3.4 is a version
        try:
            ipaddress.IPv4Address(m.group())
        except ValueError:
            continue
        yield PiiSpan("IP", m.start(), m.end(), m.group())
    if "::" not in text and text.count(":") < 5:
        return
    for m in _IPV6.finditer(text):
        candidate = m.group()
        groups = [g for g in re.split(r"[:%]", candidate.split("%")[0]) if g]
        if len(groups) < 2 or not re.search(r"\d", candidate):
            continue  # "a::b" in code, "::" alone
        try:
            ipaddress.IPv6Address(candidate.split("%")[0])
        except ValueError:
            continue
        yield PiiSpan("IP", m.start(), m.end(), candidate)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _cards(text: str) -> Iterable[PiiSpan]:
    for m in _CARD.finditer(text):
        raw = m.group()
        digits = re.sub(r"\D", "", raw)
        separators = set(re.sub(r"\d", "", raw))
        if len(separators) > 1 or len(set(digits)) < 2:
            continue  # mixed separators, or 0000 0000 0000 0000
        if 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_ok(digits):
            yield PiiSpan("CARD", m.start(), m.end(), raw)


def _url_tokens(text: str) -> Iterable[PiiSpan]:
    if "://" not in text:
        return
    for m in _URL.finditer(text):
        url, base = m.group().rstrip(".,;:!?)]}"), m.start()
        user = _USERINFO.match(url)
        if user:
            start = base + user.end(1) + 1
            yield PiiSpan("TOKEN", start, start + len(user.group(2)), user.group(2))
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=-1)
        if cut < 0:
            continue
        pos = cut + 1
        for part in re.split(r"([&;#?])", url[cut + 1:]):
            if part and part not in "&;#?":
                name, eq, value = part.partition("=")
                if eq and value and _SECRET_PARAM.search(name):
                    start = base + pos + len(name) + 1
                    yield PiiSpan("TOKEN", start, start + len(value), value)
            pos += len(part)


def _phones(text: str) -> Iterable[PiiSpan]:
    if not _DIGITS7.search(text):
        return
    import phonenumbers  # ~50 ms to import: only texts with 7+ digits pay for it

    seen: set[tuple[int, int]] = set()
    for region in _PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            if _JOINED_BEFORE.search(text, max(0, match.start - 2), match.start):
                continue  # INV-2024-000123, AB2024000123: part of an identifier
            if (match.start, match.end) not in seen:
                seen.add((match.start, match.end))
                yield PiiSpan("PHONE", match.start, match.end, match.raw_string)


_DETECTORS = {"EMAIL": _emails, "TOKEN": _url_tokens, "CARD": _cards, "IP": _ips, "PHONE": _phones}


# Every kind needs one of these: a digit (phones, IPs, cards, tokens' values), "@" or a spelled "at"
# (emails), "://" (URLs with tokens). Most feedback has none, and skips the detectors (C speed).
_DIGIT_OR_AT = re.compile(r"[\d@]")
_SPELLED_AT = re.compile(r"[\s\[(][Aa][Tt][\s\])]")


def _maybe_pii(text: str) -> bool:
    return bool(_DIGIT_OR_AT.search(text)) or "://" in text or bool(_SPELLED_AT.search(text))


def find_pii(text: str | None, kinds: Iterable[str] | None = None) -> list[PiiSpan]:
    """Non-overlapping findings in text order (the more specific kind wins an overlap)."""
    if not text or not _maybe_pii(text):
        if kinds is not None and set(kinds) - set(KINDS):
            raise ValueError(f"unknown PII kinds: {sorted(set(kinds) - set(KINDS))}")
        return []
    wanted = KINDS if kinds is None else tuple(kinds)
    unknown = set(wanted) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown PII kinds: {sorted(unknown)}")
    found = [span for kind in wanted for span in _DETECTORS[kind](text)]
    found.sort(key=lambda s: (_PRIORITY[s.kind], s.start, -(s.end - s.start)))
    kept: list[PiiSpan] = []
    for span in found:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def redact(text: str | None, kinds: Iterable[str] | None = None) -> str | None:
    """The text with every finding replaced by its placeholder (None and "" pass through)."""
    if not text:
        return text
    spans = find_pii(text, kinds)
    if not spans:
        return text
    out, last = [], 0
    for span in spans:
        out.append(text[last:span.start])
        out.append(PLACEHOLDERS[span.kind])
        last = span.end
    out.append(text[last:])
    return "".join(out)


def contains_pii(text: str | None, kinds: Iterable[str] | None = None) -> bool:
    return bool(find_pii(text, kinds))

"""Find and redact personal data in feedback text: e-mails (IDN too), phone numbers, IP addresses,
card numbers, secrets in URLs, Chinese resident ID numbers, IBANs, @handles, person names and
postal addresses (English and Chinese). Pure (no I/O), offline.

Each finding becomes a typed placeholder (``[EMAIL]``, ``[PHONE]``, ``[IP]``, ``[CARD]``,
``[TOKEN]``, ``[ID]``, ``[IBAN]``, ``[HANDLE]``, ``[NAME]``, ``[ADDRESS]``), so redacted text still
reads ("call me on [PHONE]") and clusters sensibly.

- Phone numbers: Google's libphonenumber (the ``phonenumbers`` package, offline metadata) finds
  and validates international numbers (``+44 20 7946 0958``) and national ones for CN, US, GB, AU,
  DE, JP and IN (``13812345678``, ``(415) 555-2671``, ``0412 345 678``, ``090-1234-5678``); only
  numbers valid for their region count, national numbers outside CN/US need their trunk "0" (or, for
  India, a phone word nearby), and a number after "order"/"订单号" is not a phone.
- Card numbers: a card brand's prefix and length, passing the Luhn check (an 18-digit order number
  rarely is one); Chinese resident IDs (``python-stdnum``: region, birth date, check digit) and IBANs
  (``python-stdnum``: country format and mod-97) win over cards.
- IP addresses: candidates validated by :mod:`ipaddress` (``999.1.1.1`` and ``10:15:22`` are not);
  "Version 1.2.3.4" / "v1.2.3.4" / "版本 1.2.3.4" are versions.
- Names and addresses: :mod:`analysis.pii_people` (evidence-based, to keep precision).
- URLs: only the values of secret-looking query parameters (``token``, ``key``, ``sig``...) and
  passwords in ``user:password@host`` are replaced; the rest of the link stays useful.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Iterable

from .pii_people import find_addresses, find_names

KINDS = ("EMAIL", "PHONE", "IP", "CARD", "TOKEN", "ID", "IBAN", "HANDLE", "NAME", "ADDRESS")
#: the kinds before issue 16: a workspace whose saved setting lists exactly these gets all of KINDS
KINDS_V1 = ("EMAIL", "PHONE", "IP", "CARD", "TOKEN")
PLACEHOLDERS = {kind: f"[{kind}]" for kind in KINDS}
# When findings overlap, the more specific kind wins.
_PRIORITY = {"EMAIL": 0, "TOKEN": 1, "IBAN": 2, "ID": 3, "CARD": 4, "ADDRESS": 5, "IP": 6, "PHONE": 7,
             "HANDLE": 8, "NAME": 9}
_PHONE_REGIONS = ("CN", "US", "GB", "AU", "DE", "JP", "IN")
_TRUNK_ZERO_REGIONS = ("GB", "AU", "DE", "JP")


@dataclass(frozen=True, slots=True)
class PiiSpan:
    kind: str  # one of KINDS
    start: int
    end: int
    text: str


_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]|'(?=[A-Za-z])){0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}(?![A-Za-z0-9-])",
    re.ASCII,
)
# Boundaries are ASCII-only: in Chinese text an address often touches a character ("IP地址1.2.3.4无法").
_IPV4 = re.compile(r"(?<![A-Za-z0-9_.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)(?![A-Za-z0-9_-])")
_IPV6 = re.compile(
    r"(?<![A-Za-z0-9_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?"
    r"(?:%[A-Za-z0-9_]+)?(?![A-Za-z0-9_]|[:.][0-9A-Fa-f])"
)
# Internationalised addresses (josé@exemple.fr, 用户@例子.中国, info@bücher.de): Unicode letters allowed;
# a CJK top-level domain is two characters (中国, 公司, 网络), so "例子.中国请回复" stops at 中国.
_IDN_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64}@(?:[\w](?:[\w-]{0,61}[\w])?\.)+"
    r"(?:[\u4e00-\u9fff]{2}|[^\W\d_\u4e00-\u9fff]{2,24})(?![^\W\u4e00-\u9fff])"
)
_SPELLED_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_.-])[A-Za-z0-9_-]+(?:(?:\s+dot\s+|\.)[A-Za-z0-9_-]+)*\s*(?:\s+at\s+|\s*[\[(]at[\])]\s*)"
    r"[A-Za-z0-9-]+(?:\s*(?:\s+dot\s+|[\[(]dot[\])]|\.)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:\s+dot\s+|[\[(]dot[\])]|\.)\s*(?:com|net|org|edu|gov|io|cn|co|uk|de|fr|jp|info)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_VERSION_BEFORE = re.compile(r"(?:\b[Vv]|\b(?i:version|ver\.?|release|build|firmware|fw|rev)\s*[:#]?\s*|版本号?\s*[:：]?\s*)$")
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


_ZH_EMAIL_LEAD = re.compile(r".*(?:邮箱|邮件|地址|联系|发到|发给|是|为|：|:)")


_FILE_SUFFIX = frozenset("png jpg jpeg gif svg webp bmp ico tif tiff pdf js mjs ts tsx jsx css scss json md txt py rb go rs java kt "
                         "swift c h cpp hpp cs php html xml yml yaml toml lock zip gz tar mp3 mp4 mov wav".split())


def _emails(text: str) -> Iterable[PiiSpan]:
    for m in _EMAIL.finditer(text):
        if m.group().rsplit(".", 1)[-1].lower() in _FILE_SUFFIX and re.search(r"@\d+x\.|@\d", m.group()):
            continue  # icon@2x.png, logo@3x.webp
        if _URL_PASSWORD_BEFORE.search(text, max(0, m.start() - 200), m.start()):
            continue  # the "password@host" of https://user:password@host
        yield PiiSpan("EMAIL", m.start(), m.end(), m.group())
    if not text.isascii():
        for m in _IDN_EMAIL.finditer(text):
            if not m.group().isascii():
                start = m.start()
                local = m.group()[:m.group().index("@")]
                cut = _ZH_EMAIL_LEAD.match(local)  # "请联系用户@..." -> "用户@..."
                if cut and cut.end() < len(local):
                    start += cut.end()
                yield PiiSpan("EMAIL", start, m.end(), text[start:m.end()])
    if " at " in text or "at]" in text or "at)" in text:
        for m in _SPELLED_EMAIL.finditer(text):  # "john dot smith at example dot com"
            yield PiiSpan("EMAIL", m.start(), m.end(), m.group())


def _ips(text: str) -> Iterable[PiiSpan]:
    for m in _IPV4.finditer(text):
        if _VERSION_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # v1.2.3.4, "Version 1.2.3.4", "版本 1.2.3.4" are versions
        try:
            ipaddress.IPv4Address(m.group())
        except ValueError:
            continue
        yield PiiSpan("IP", m.start(), m.end(), m.group())
    if "::" not in text and text.count(":") < 5:
        return
    for m in _IPV6.finditer(text):
        candidate = m.group()
        if candidate.endswith(":") and not candidate.endswith("::"):
            candidate = candidate[:-1]  # "2001:db8::1: refused"
        groups = [g for g in re.split(r"[:%]", candidate.split("%")[0]) if g]
        bracketed = text[m.start() - 1:m.start()] == "[" and text[m.start() + len(candidate):][:1] == "]"
        if (len(groups) < 2 and not bracketed) or not re.search(r"\d", candidate):
            continue  # "a::b" in code, "::" alone
        try:
            ipaddress.IPv6Address(candidate.split("%")[0])
        except ValueError:
            continue
        yield PiiSpan("IP", m.start(), m.start() + len(candidate), candidate)


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
        if _card_brand(digits) and luhn_ok(digits) and not _NOT_PERSONAL_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            yield PiiSpan("CARD", m.start(), m.end(), raw)


def _card_brand(digits: str) -> bool:
    """The number has a card brand's prefix and one of its lengths (Visa, Mastercard, Amex,
    Discover, JCB, Diners, UnionPay)."""
    n, p2, p4 = len(digits), int(digits[:2]), int(digits[:4])
    return ((digits[0] == "4" and n in (13, 16, 19))
            or ((51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16)
            or (p2 in (34, 37) and n == 15)
            or ((p4 == 6011 or p2 == 65 or 644 <= p4 // 10 <= 649) and n in (16, 19))
            or (3528 <= p4 <= 3589 and 16 <= n <= 19)
            or ((p2 in (36, 38, 39) or 300 <= p4 // 10 <= 305) and 14 <= n <= 19)
            or (p2 == 62 and 16 <= n <= 19))


# Words before a number that make it an identifier, not personal data.
_NOT_PERSONAL_BEFORE = re.compile(
    r"(?:(?i:order|invoice|ticket|tracking|case|ref|reference|sku|serial|transaction|txn|build|job|lot|batch|"
    r"part|model|item|product|upc|ean|gtin|barcode|coupon|voucher|promo|shipment|parcel|"
    r"request|no\.|nr\.|id)\s*(?:number|no\.?|id|#)?\s*[:#]?\s*|订单号?\s*[:：]?\s*|单号\s*[:：]?\s*|"
    r"编号\s*[:：]?\s*|工单号?\s*[:：]?\s*|流水号\s*[:：]?\s*|#)$")


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
    regions = [r for r in _PHONE_REGIONS if r in ("CN", "US")
               or (r in _TRUNK_ZERO_REGIONS and _TRUNK_CANDIDATE.search(text))
               or (r == "IN" and ("+91" in text or _PHONE_WORD.search(text)))]  # skip regions with no candidate
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            if _JOINED_BEFORE.search(text, max(0, match.start - 2), match.start):
                continue  # INV-2024-000123, AB2024000123: part of an identifier
            raw = match.raw_string.lstrip("(")
            if not raw.startswith("+"):
                if _NOT_PERSONAL_BEFORE.search(text, max(0, match.start - 24), match.start):
                    continue  # "order 0412345678"
                if region in _TRUNK_ZERO_REGIONS and (not raw.startswith("0") or "." in raw
                                                      or text[match.start - 1:match.start] in (".", ":", "-")):
                    continue  # 04.927313 in a log's time, -0.0514788: numbers, not phones
                if region == "IN" and not raw.startswith("0") and not (
                        re.search(r"\D", raw) or _PHONE_WORD.search(text, max(0, match.start - 40), match.start)):
                    continue  # a bare 10-digit number is an Indian mobile only when called a phone
            if (match.start, match.end) not in seen:
                seen.add((match.start, match.end))
                yield PiiSpan("PHONE", match.start, match.end, match.raw_string)


_TRUNK_CANDIDATE = re.compile(r"(?<![\w.:-])\(?0\d[\d \-()]{6,16}\d")
_PHONE_WORD = re.compile(r"(?i:phone|mobile|cell|call|tel|whatsapp|contact|number|ring|text me|sms)|手机|电话|联系")

_CN_ID = re.compile(r"(?<![\dA-Za-z])[1-8]\d{5}\s?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?\d{3}[\dXx](?![\dA-Za-z])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/])@([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,38}[A-Za-z0-9_])?(?![\w.]*[.(/]\w)|[\u4e00-\u9fff][\w\u4e00-\u9fff-]{1,15})")
_DOTTED_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/])@([A-Za-z0-9_]{1,30}(?:\.[A-Za-z0-9_]{1,30}){1,2})(?![\w.]*[(/]\w)(?![\w@-])(?!\.\w)")
# Module names a decorator starts with (@tf.function, @pytest.fixture): code, not a person.
_CODE_MODULES = frozenset("tf torch jax np pd pytest app router api bp blueprint contextlib functools abc typing "
                          "unittest mock patch dataclasses property staticmethod classmethod asyncio celery numba "
                          "njit nb lru_cache cache django flask fastapi pydantic validator click task shared_task "
                          "hydra ray st streamlit jit nn keras hook hooks vue angular core".split())
_DOMAIN_ENDINGS = frozenset("com org net io dev app ai co cn uk de fr jp edu gov info biz me tv us eu ru in au ca".split())
# "@" words that are code, CSS or a chat's broadcast, not a person.
_NOT_HANDLES = frozenset("""
param return returns throws override deprecated media import keyframes font-face property staticmethod classmethod
dataclass test before after autowired component service inject input output viewchild hostlistener everyone here
channel all import supports page charset namespace layer container apply tailwind types type see link since author
version example interface end implementation protocol synthesize dynamic selector objc available mainactor
published state binding environment escaping discardableresult nonobjc main jvmstatic suppresswarnings functionalinterface
transactional entity table column id getmapping postmapping requestmapping restcontroller controller bean configuration
value mock beforeeach aftereach pytest fixture app route property setter click ngmodule injectable
description brief file details note todo fixme exception throw internal private public protected
typedef struct enum fn var const default override ts-ignore ts-expect-error eslint-disable babel angular
""".split())


def _ids(text: str) -> Iterable[PiiSpan]:
    if not re.search(r"\d{6}", text):
        return
    from stdnum.cn import ric

    for m in _CN_ID.finditer(text):
        if ric.is_valid(m.group().replace(" ", "").upper()):
            yield PiiSpan("ID", m.start(), m.end(), m.group())


def _ibans(text: str) -> Iterable[PiiSpan]:
    from stdnum import iban

    for m in _IBAN.finditer(text):
        value = m.group()
        while len(value.replace(" ", "")) >= 15:  # drop trailing groups until it checks out
            if iban.is_valid(value):
                yield PiiSpan("IBAN", m.start(), m.start() + len(value), value)
                break
            value = value[:-1].rstrip()


def _handles(text: str) -> Iterable[PiiSpan]:
    if "@" not in text:
        return
    for m in _HANDLE.finditer(text):
        name = m.group(1)
        end = m.end()
        if "\u4e00" <= name[0] <= "\u9fff":
            cut = re.search(r"[说的在和是了也都回把对给发]", name[1:])
            if cut:
                name, end = name[:cut.start() + 1], m.start(1) + cut.start() + 1
        if name.lower() in _NOT_HANDLES or re.fullmatch(r"\d+(?:x|px|am|pm|ms|s|h|k|%)?", name, re.IGNORECASE):
            continue  # @param, @2x, @5pm
        if text[m.end():m.end() + 1] == "(" and name[:1].isupper():
            continue  # @Component(...) is a decorator
        yield PiiSpan("HANDLE", m.start(), end, text[m.start():end])
    for m in _DOTTED_HANDLE.finditer(text):  # @j.smith (Instagram, Mastodon, forums), not @types.d.ts
        parts = m.group(1).lower().split(".")
        line_start = text.rfind("\n", 0, m.start()) + 1
        if (parts[-1] not in _FILE_SUFFIX | _DOMAIN_ENDINGS and not set(parts) & _NOT_HANDLES
                and parts[0] not in _CODE_MODULES and text[line_start:m.start()].strip() not in ("", "`")
                and text[m.start() - 1:m.start()] != "`"):
            yield PiiSpan("HANDLE", m.start(), m.end(), m.group())


def _names(text: str) -> Iterable[PiiSpan]:
    for start, end in find_names(text):
        yield PiiSpan("NAME", start, end, text[start:end])


def _addresses(text: str) -> Iterable[PiiSpan]:
    for start, end in find_addresses(text):
        yield PiiSpan("ADDRESS", start, end, text[start:end])


_DETECTORS = {"EMAIL": _emails, "TOKEN": _url_tokens, "CARD": _cards, "IP": _ips, "PHONE": _phones,
              "ID": _ids, "IBAN": _ibans, "HANDLE": _handles, "NAME": _names, "ADDRESS": _addresses}


# The kinds of PHONE/IP/CARD/TOKEN/EMAIL/ID/IBAN/HANDLE need one of these: a digit, "@" or a spelled
# "at", "://". Most feedback has none, and skips those detectors (C speed); names and addresses
# have their own cheap checks.
_DIGIT_OR_AT = re.compile(r"[\d@]")
_SPELLED_AT = re.compile(r"[\s\[(][Aa][Tt][\s\])]")
_ALWAYS = ("NAME", "ADDRESS")


def _maybe_pii(text: str) -> bool:
    return bool(_DIGIT_OR_AT.search(text)) or "://" in text or bool(_SPELLED_AT.search(text))


def _merge_same_kind(found: list[PiiSpan], text: str) -> list[PiiSpan]:
    """Overlapping findings of one kind become one ("四川省成都市高新区天府大道" + "天府大道北段1700号")."""
    merged: list[PiiSpan] = []
    for span in sorted(found, key=lambda s: (s.kind, s.start, -s.end)):
        last = merged[-1] if merged else None
        if last and last.kind == span.kind and span.start < last.end:
            if span.end > last.end:
                merged[-1] = PiiSpan(span.kind, last.start, span.end, text[last.start:span.end])
        else:
            merged.append(span)
    return merged


def find_pii(text: str | None, kinds: Iterable[str] | None = None) -> list[PiiSpan]:
    """Non-overlapping findings in text order (the more specific kind wins an overlap)."""
    wanted = KINDS if kinds is None else tuple(kinds)
    unknown = set(wanted) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown PII kinds: {sorted(unknown)}")
    if not text:
        return []
    if not _maybe_pii(text):
        wanted = tuple(k for k in wanted if k in _ALWAYS)
    found = _merge_same_kind([span for kind in wanted for span in _DETECTORS[kind](text)], text)
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

"""Date and time parsing for exports: ISO fast path, then python-dateutil with localised month names.

Every parsed time is returned as an ISO 8601 string in UTC. Times without a zone are taken as
UTC unless the caller gives another zone. Day-first vs month-first is decided per column from the
values themselves (a first number above 12 means day-first) and falls back to the format's habit.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo

from dateutil import parser as dateutil_parser
from dateutil import tz as dateutil_tz

UTC = timezone.utc


class _MultilingualInfo(dateutil_parser.parserinfo):
    """English month and weekday names plus Spanish, German, French, Portuguese and Italian ones."""

    MONTHS = [
        ("Jan", "January", "ene", "enero", "janv", "janvier", "janeiro", "gen", "gennaio", "jän", "jänner", "januar"),
        ("Feb", "February", "febrero", "févr", "fevr", "février", "fev", "fevereiro", "febbraio", "februar"),
        ("Mar", "March", "marzo", "mär", "märz", "mars", "março", "marco"),
        ("Apr", "April", "abr", "abril", "avr", "avril", "aprile"),
        ("May", "mayo", "mai", "maio", "mag", "maggio"),
        ("Jun", "June", "junio", "juin", "junho", "giu", "giugno", "juni"),
        ("Jul", "July", "julio", "juil", "juillet", "julho", "lug", "luglio", "juli"),
        ("Aug", "August", "ago", "agosto", "août", "aout"),
        ("Sep", "Sept", "September", "set", "sept", "septiembre", "septembre", "setembro", "settembre"),
        ("Oct", "October", "octubre", "okt", "oktober", "octobre", "out", "outubro", "ott", "ottobre"),
        ("Nov", "November", "noviembre", "novembre", "novembro"),
        ("Dec", "December", "dic", "diciembre", "dez", "dezember", "déc", "decembre", "décembre", "dezembro", "dicembre"),
    ]


_INFO = _MultilingualInfo()
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_CJK_AMPM = re.compile(r"(上午|下午|午前|午後)\s*(\d{1,2}:\d{2}(?::\d{2})?)")
_YEAR_FIRST = re.compile(r"^\s*\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}")
_EPOCH = re.compile(r"^(\d{9,10}|\d{12,13})(\.\d{1,9})?$")
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")


def _normalise(text: str) -> str:
    # Google Forms writes "GMT+1" meaning UTC+1; dateutil would read it POSIX-style (UTC-1).
    text = _GMT_OFFSET.sub(lambda m: f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", text)
    if "年" in text:
        text = _CJK_DATE.sub(r"\1-\2-\3 ", text)
    if "午" in text:  # Chinese/Japanese locales put the AM/PM marker before the time: "2024/3/5 下午3:15:22"
        text = _CJK_AMPM.sub(lambda m: f" {m.group(2)} {'AM' if m.group(1) in ('上午', '午前') else 'PM'}", text)
    return text.strip()


def infer_dayfirst(values) -> bool | None:
    """From sample strings of one column: True (dd/mm), False (mm/dd) or None (cannot tell)."""
    for value in values:
        m = _NUMERIC_DATE.match(value or "")
        if not m or len(m.group(1)) == 4:
            continue
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    return None


def to_utc_iso(dt: datetime, default_tz: tzinfo = UTC) -> str:
    if dt.tzinfo is None:
        if default_tz is UTC:
            return dt.isoformat() + "+00:00"
        dt = dt.replace(tzinfo=default_tz)
    return dt.astimezone(UTC).isoformat()


class DateParser:
    """Parses the values of one date column; remembers day-first once the values reveal it."""

    def __init__(self, dayfirst: bool | None = None, default_tz: tzinfo | str | None = None):
        self.dayfirst = dayfirst
        zone = dateutil_tz.gettz(default_tz) if isinstance(default_tz, str) else default_tz
        self.default_tz: tzinfo = zone or UTC

    def __call__(self, value) -> str | None:
        """ISO UTC string, None for an empty value; ValueError for something that is not a date."""
        if type(value) is str and self.default_tz is UTC:  # the common case first (same result)
            text = value.strip()
            if len(text) == 19 and text[10] in " T":
                try:
                    dt = datetime.fromisoformat(text)
                except ValueError:
                    dt = None
                if dt is not None and dt.tzinfo is None:
                    return f"{text[:10]}T{text[11:]}+00:00"
        return self._parse(value)

    def parse_many(self, values: list[str]) -> list[str | None]:
        """``[self(v) for v in values]`` for a column of cells, faster when every cell is a plain
        ISO time without a zone (then checked and rewritten in bulk); ValueError as ``__call__``."""
        if self.default_tz is UTC:
            texts = list(map(str.strip, values))
            if all(len(t) == 19 and t[10] in " T" for t in texts):
                try:
                    parsed = list(map(datetime.fromisoformat, texts))
                except ValueError:
                    parsed = None
                if parsed is not None and all(d.tzinfo is None for d in parsed):
                    return [f"{t[:10]}T{t[11:]}+00:00" for t in texts]
        return list(map(self, values))

    def _parse(self, value) -> str | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return to_utc_iso(value, self.default_tz)
        text = str(value).strip()
        if not text:
            return None
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if dt.tzinfo is None and self.default_tz is UTC and len(text) == 19 and text[10] in " T":
                return f"{text[:10]}T{text[11:]}+00:00"  # already canonical: skip the round trip
            return to_utc_iso(dt, self.default_tz)
        epoch = _EPOCH.match(text)
        if epoch:  # Unix seconds or milliseconds, Slack's "1705312800.000200" too
            seconds = float(text) / (1000 if len(epoch.group(1)) >= 12 else 1)
            return datetime.fromtimestamp(seconds, UTC).isoformat()
        normal = _normalise(text)
        dayfirst = self.dayfirst
        if dayfirst is None:
            dayfirst = infer_dayfirst([normal])
        yearfirst = bool(_YEAR_FIRST.match(normal))
        if yearfirst:
            dayfirst = False  # 2024/03/05 is always year, month, day
        try:
            dt = dateutil_parser.parse(normal, parserinfo=_INFO, dayfirst=bool(dayfirst), yearfirst=yearfirst)
        except (ValueError, OverflowError, dateutil_parser.ParserError) as exc:
            raise ValueError(f"not a date: {text[:40]!r}") from exc
        return to_utc_iso(dt, self.default_tz)


def parse_datetime(value, dayfirst: bool | None = None, default_tz: tzinfo | str | None = None) -> str | None:
    """One-off parse (see DateParser)."""
    return DateParser(dayfirst, default_tz)(value)

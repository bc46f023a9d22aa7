"""Date parsing to UTC and encoding detection: the traps real exports set."""
from __future__ import annotations

import pytest

from triage_app.importers.dates import DateParser, infer_dayfirst, parse_datetime
from triage_app.importers.encoding import detect_encoding


@pytest.mark.parametrize("text, expected", [
    ("2024-03-05 10:15:22", "2024-03-05T10:15:22+00:00"),
    ("2024-03-05T10:15:22Z", "2024-03-05T10:15:22+00:00"),
    ("2024-03-05T18:15:22+08:00", "2024-03-05T10:15:22+00:00"),
    ("2024/03/05 10:15:22 AM GMT+1", "2024-03-05T09:15:22+00:00"),  # Google Forms: GMT+1 means UTC+1
    ("16/Feb/17 3:29 PM", "2017-02-16T15:29:00+00:00"),             # Jira
    ("10/nov/25 4:51 PM", "2025-11-10T16:51:00+00:00"),             # Spanish Jira
    ("2024年3月5日 下午3:15", "2024-03-05T15:15:00+00:00"),
    ("31-Jul-18", "2018-07-31T00:00:00+00:00"),
    ("1700000000", "2023-11-14T22:13:20+00:00"),
])
def test_formats_to_utc(text, expected):
    assert parse_datetime(text) == expected


def test_year_first_is_never_day_first():
    assert DateParser(dayfirst=True)("2024/03/05 10:00") == "2024-03-05T10:00:00+00:00"
    assert DateParser(dayfirst=True)("05/03/2024 10:00") == "2024-03-05T10:00:00+00:00"
    assert DateParser(dayfirst=False)("05/03/2024 10:00") == "2024-05-03T10:00:00+00:00"


def test_dayfirst_inferred_from_values():
    assert infer_dayfirst(["03/04/2024", "25/04/2024"]) is True
    assert infer_dayfirst(["04/25/2024"]) is False
    assert infer_dayfirst(["03/04/2024"]) is None


def test_local_time_zone_for_naive_times():
    assert parse_datetime("2024-03-05 10:15:22", default_tz="Asia/Shanghai") == "2024-03-05T02:15:22+00:00"


def test_not_a_date():
    with pytest.raises(ValueError, match="not a date"):
        parse_datetime("yesterday-ish")


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-8", "utf-8"), ("gb18030", "gb18030"), ("cp1252", "cp1252"),
])
def test_encodings_detected(encoding, expected):
    text = "id,comment\n1,配送太慢了，饭菜都凉了\n2,客服态度很好\n" if encoding in ("gb18030", "utf-8", "utf-8-sig", "utf-16") \
        else "id,comment\n1,Café crème – “great” résumé\n2,naïve façade\n"
    assert detect_encoding(text.encode(encoding)).encoding == expected

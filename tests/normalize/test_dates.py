"""Date parsing: every accepted form, zones, garbage, and the future clamp."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from feedparser.datetimes.rfc822 import timezone_names

from app.normalize import RawItem, normalize, parse_date
from app.normalize.dates import clamp_future, zone, zone_abbreviation, zone_offsets

from .support import NOW, SETTINGS


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "tz", "expected"),
    [
        ("February 25, 2021 at 09:14PM", "UTC", utc(2021, 2, 25, 21, 14)),
        ("February 25, 2021 at 09:14PM", "America/New_York", utc(2021, 2, 26, 2, 14)),
        ("April 14, 2018 at 02:09PM", "Europe/Berlin", utc(2018, 4, 14, 12, 9)),
        ("April 4, 2018 at 2:09 pm", "UTC", utc(2018, 4, 4, 14, 9)),
        ("Sept 1, 2020 at 12:00AM", "UTC", utc(2020, 9, 1, 0, 0)),
        ("Dec 31, 2020 at 12:30PM", "UTC", utc(2020, 12, 31, 12, 30)),
        # Without "at", with a comma, or with no time at all (midnight in the caller's zone).
        ("Oct 8, 2024 9:14 PM", "UTC", utc(2024, 10, 8, 21, 14)),
        ("Oct 8, 2024, 9:14 p.m.", "UTC", utc(2024, 10, 8, 21, 14)),
        ("April 14, 2018", "UTC", utc(2018, 4, 14)),
        # Day first with a 12-hour time, after a weekday in any language (Arabic's م and ص as PM and AM).
        ("14 Apr 2018 9:14 PM", "UTC", utc(2018, 4, 14, 21, 14)),
        ("Mon, 14 Dec 2026 10:13:55 PM", "UTC", utc(2026, 12, 14, 22, 13, 55)),  # seconds before the meridiem
        ("الجمعة، 04 ديسمبر 2026 03:00 م", "UTC", utc(2026, 12, 4, 15, 0)),
        ("الخميس، 03 ديسمبر 2026 11:20 ص", "Africa/Cairo", utc(2026, 12, 3, 9, 20)),
        ("April 14, 2018", "America/New_York", utc(2018, 4, 14, 4)),
        ("Thu, 25 Feb 2021 21:14:00 +0000", "Asia/Tokyo", utc(2021, 2, 25, 21, 14)),
        ("Thu, 25 Feb 2021 21:14:00 GMT", "UTC", utc(2021, 2, 25, 21, 14)),
        ("Thu, 25 Feb 2021 16:14:00 EST", "UTC", utc(2021, 2, 25, 21, 14)),
        ("Thu, 25 Feb 2021 22:14:00 +0100", "UTC", utc(2021, 2, 25, 21, 14)),
        ("Thu, 25 Feb 2021 21:14:00 -0000", "America/New_York", utc(2021, 2, 25, 21, 14)),
        ("Thu, 25 Feb 2021 16:14:00", "America/New_York", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25T21:14:00Z", "Asia/Tokyo", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25T21:14:00.000+00:00", "UTC", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25T23:14:00+02:00", "UTC", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25T21:14:00+0000", "UTC", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25 21:14:00 +00:00", "UTC", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25T16:14:00", "America/New_York", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25T21:14:00", "UTC", utc(2021, 2, 25, 21, 14)),
        ("2021-02-25", "UTC", utc(2021, 2, 25)),
        ("  2021-02-25T21:14:00Z  ", "UTC", utc(2021, 2, 25, 21, 14)),
        # A Unix time, in seconds or milliseconds, whatever the zone (Inoreader's "published": 1614287640).
        ("1614287640", "Asia/Tokyo", utc(2021, 2, 25, 21, 14)),
        ("1614287640.5", "UTC", utc(2021, 2, 25, 21, 14)),
        ("1614287640123", "UTC", utc(2021, 2, 25, 21, 14)),
    ],
)
def test_strings(value: str, tz: str, expected: datetime) -> None:
    parsed = parse_date(value, timezone=tz)
    assert parsed == expected
    assert parsed is not None
    assert parsed.tzinfo is UTC


def test_struct_time_is_utc() -> None:
    parsed = time.strptime("2021-02-25 21:14:00", "%Y-%m-%d %H:%M:%S")
    assert parse_date(parsed, timezone="America/New_York") == utc(2021, 2, 25, 21, 14)


def test_struct_time_leap_second() -> None:
    leap = time.struct_time((2016, 12, 31, 23, 59, 60, 5, 366, 0))
    assert parse_date(leap) == utc(2016, 12, 31, 23, 59, 59)


def test_datetimes() -> None:
    assert parse_date(datetime(2021, 2, 25, 16, 14), timezone="America/New_York") == utc(2021, 2, 25, 21, 14)
    aware = datetime(2021, 2, 26, 6, 14, tzinfo=timezone(timedelta(hours=9)))
    assert parse_date(aware, timezone="America/New_York") == utc(2021, 2, 25, 21, 14)


def test_dst_gap_and_fold_do_not_fail() -> None:
    assert parse_date("March 14, 2021 at 02:30AM", timezone="America/New_York") is not None
    assert parse_date("November 7, 2021 at 01:30AM", timezone="America/New_York") is not None


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "garbage",
        "yesterday",
        "February 30, 2021 at 09:14PM",
        "February 25, 2021 at 13:14PM",
        "Smarch 25, 2021 at 09:14PM",
        "14 Apr 2018 9:14 PM +0200",  # email.utils would read 09:14: better no date than one 12 hours off
        "2021-02-30T10:00:00Z",
        "2021-13-01",
        "Thu, 32 Feb 2021 21:14:00 +0000",
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+05:00",
        "1" * 500,
        "2021-02-25T21:14:00Z" + "x" * 200,
        time.struct_time((2021, 0, 40, 99, 99, 99, 0, 0, 0)),
    ],
)
def test_unparseable_is_none(value: str | time.struct_time | None) -> None:
    assert parse_date(value) is None


def test_unknown_zone_falls_back_to_utc() -> None:
    assert zone("Not/AZone") is UTC
    assert zone("../../etc/passwd") is UTC
    assert parse_date("2021-02-25T21:14:00", timezone="Nowhere/Special") == utc(2021, 2, 25, 21, 14)


def test_clamp_future() -> None:
    now = utc(2025, 1, 1)
    assert clamp_future(utc(2025, 1, 1, 23), now=now, tolerance_seconds=86_400) == (utc(2025, 1, 1, 23), False)
    assert clamp_future(utc(2025, 1, 3), now=now, tolerance_seconds=86_400) == (now, True)
    assert clamp_future(utc(2020, 1, 1), now=now, tolerance_seconds=0) == (utc(2020, 1, 1), False)
    assert clamp_future(utc(2025, 1, 1, 0, 0, 1), now=now, tolerance_seconds=0) == (now, True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thu, 25 Feb 2021 21:14:00 CEST", utc(2021, 2, 25, 19, 14)),
        ("Thu, 25 Feb 2021 21:14:00 CET", utc(2021, 2, 25, 20, 14)),
        ("Thu, 25 Feb 2021 21:14:00 BST", utc(2021, 2, 25, 20, 14)),
        ("Thu, 25 Feb 2021 21:14:00 IST", utc(2021, 2, 25, 15, 44)),
        ("Thu, 25 Feb 2021 21:14:00 JST", utc(2021, 2, 25, 12, 14)),
        ("Thu, 25 Feb 2021 21:14:00 AEST", utc(2021, 2, 25, 11, 14)),
        ("Thu, 25 Feb 2021 21:14:00 AEDT", utc(2021, 2, 25, 10, 14)),
        ("Thu, 25 Feb 2021 21:14:00 EEST", utc(2021, 2, 25, 18, 14)),
        ("Thu, 25 Feb 2021 21:14:00 MSK", utc(2021, 2, 25, 18, 14)),
        ("Thu, 25 Feb 2021 21:14:00 HKT", utc(2021, 2, 25, 13, 14)),
        ("Thu, 25 Feb 2021 21:14:00 SGT", utc(2021, 2, 25, 13, 14)),
        ("Thu, 25 Feb 2021 21:14:00 NZST", utc(2021, 2, 25, 9, 14)),
        ("Thu, 25 Feb 2021 21:14:00 NPT", utc(2021, 2, 25, 15, 29)),
        ("Thu, 25 Feb 2021 21:14:00 pdt", utc(2021, 2, 26, 4, 14)),
        ("25 Feb 2021 21:14 (CEST)", utc(2021, 2, 25, 19, 14)),
        ("Thu, 25 Feb 2021 21:14:00 +0200 (CEST)", utc(2021, 2, 25, 19, 14)),
        ("Thu, 25 Feb 2021 21:14:00 +0000 (CEST)", utc(2021, 2, 25, 21, 14)),  # the digits are the offset
        ("2021-02-25 21:14:00 CEST", utc(2021, 2, 25, 19, 14)),
        ("2021-02-25T21:14:00 JST", utc(2021, 2, 25, 12, 14)),
    ],
)
def test_zone_abbreviations(value: str, expected: datetime) -> None:
    # Read in New York: none of these may fall back to the caller's zone, nor to UTC.
    assert parse_date(value, timezone="America/New_York") == expected


def test_the_zone_table_agrees_with_feedparser_and_email_utils() -> None:
    # Where the other readers of a date know a name, the table gives it the same offset.
    def hours(offset: str) -> float:
        sign = -1 if offset[0] == "-" else 1
        return sign * (int(offset[1:3]) + int(offset[4:6]) / 60)

    table = zone_offsets()
    shared_feedparser = {n.upper(): h for n, h in timezone_names.items() if n.upper() in table}
    assert {n: hours(table[n]) for n in shared_feedparser} == shared_feedparser
    for name, offset in table.items():
        known = email.utils.parsedate_to_datetime(f"Thu, 25 Feb 2021 21:14:00 {name}").utcoffset()
        assert known is None or known == timedelta(hours=hours(offset)), name
    assert len(shared_feedparser) >= 15


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("Thu, 25 Feb 2021 21:14:00 CEST", "CEST"),
        ("Thu, 25 Feb 2021 21:14:00 (jst)", "JST"),
        ("Thu, 25 Feb 2021 21:14:00 +0200 (CEST)", None),
        ("Thu, 25 Feb 2021 21:14:00 XYZT", None),
        ("Oct 8, 2024 9:14 PM", None),
        ("CEST", None),
    ],
)
def test_zone_abbreviation(value: str, name: str | None) -> None:
    assert zone_abbreviation(value) == name


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # UOL's Portuguese feed (rbren/rss-parser:test/input/uolNoticias.rss): day and month in Portuguese
        ("Seg, 24 Set 2018 19:42:40 -0300", datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)),
        ("Sáb, 22 Dez 2018 09:00:00 -0200", datetime(2018, 12, 22, 11, 0, tzinfo=UTC)),
        # French with dotted abbreviations ("mar." is Tuesday, before the comma: never a month)
        ("mar., 25 sept. 2018 10:00:00 +0200", datetime(2018, 9, 25, 8, 0, tzinfo=UTC)),
        ("jeu., 1 févr. 2024 07:30:00 +0100", datetime(2024, 2, 1, 6, 30, tzinfo=UTC)),
        # German with a German zone name, Spanish, Italian, Dutch
        ("Mo, 24 Okt 2018 10:00:00 MESZ", datetime(2018, 10, 24, 8, 0, tzinfo=UTC)),
        ("mié, 24 oct 2018 10:00:00 +0200", datetime(2018, 10, 24, 8, 0, tzinfo=UTC)),
        ("24 März 2018 10:00 +0100", datetime(2018, 3, 24, 9, 0, tzinfo=UTC)),
        ("Mer, 05 Giu 2024 16:20:00 +0200", datetime(2024, 6, 5, 14, 20, tzinfo=UTC)),
        ("wo, 13 mrt 2024 09:00:00 +0100", datetime(2024, 3, 13, 8, 0, tzinfo=UTC)),
    ],
)
def test_month_names_in_other_languages(value: str, expected: datetime) -> None:
    assert parse_date(value) == expected


def test_words_that_are_no_month_still_read_as_no_date() -> None:
    assert parse_date("Seg, 24 Foo 2018 19:42:40 -0300") is None
    assert parse_date("set out ago") is None


def test_an_items_date_is_kept_to_the_second() -> None:
    raw = RawItem(title="T", content="<p>Text.</p>", published="2025-06-24T17:03:41.218Z")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2025-06-24T17:03:41+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024.02.05", datetime(2024, 2, 5, tzinfo=UTC)),
        ("2024.02.05 13:20", datetime(2024, 2, 5, 13, 20, tzinfo=UTC)),
        ("2024/2/5 08:01:02", datetime(2024, 2, 5, 8, 1, 2, tzinfo=UTC)),
        ("2024.13.05", None),
    ],
)
def test_a_year_first_date_with_dots_or_slashes(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("value", ["42", "161428764", "16142876401", "-1614287640"])
def test_a_number_that_is_no_unix_time_is_no_date(value: str) -> None:
    assert parse_date(value, timezone="UTC") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25.11.2026 10:40 МСК", datetime(2026, 11, 25, 7, 40, tzinfo=UTC)),  # day first with dots, Moscow time
        ("24.11.2026, 07:00", datetime(2026, 11, 24, 7, 0, tzinfo=UTC)),
        ("3. 12. 2026 14:05", datetime(2026, 12, 3, 14, 5, tzinfo=UTC)),  # Czech spacing
        ("01.12.2026, 05:00 MEZ", datetime(2026, 12, 1, 4, 0, tzinfo=UTC)),
        ("11/25/2026 9:40 AM", datetime(2026, 11, 25, 9, 40, tzinfo=UTC)),  # only month first is a date
        ("29/11/2026 08:00", datetime(2026, 11, 29, 8, 0, tzinfo=UTC)),  # only day first is a date
        ("04/12/2026", None),  # April or December: nothing says which
        ("31.02.2026", None),
    ],
)
def test_numeric_dates_day_first_with_dots_and_by_the_only_reading_with_slashes(
    value: str, expected: datetime | None
) -> None:
    assert parse_date(value) == expected

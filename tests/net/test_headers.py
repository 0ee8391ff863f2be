"""HTTP header meanings read once for the feed fetcher and the webhook deliveries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.net.headers import cache_directives, delta_seconds, parse_http_date, retry_after_seconds

NOW = datetime(2021, 2, 25, 21, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "value", "expected"),
    [
        (429, "120", 120),
        (503, "Thu, 25 Feb 2021 21:16:00 GMT", 60),
        (503, "Thu, 25 Feb 2021 21:14:00 GMT", 0),
        (503, "99999999999999", 2**31 - 1),
        (429, "soon", None),
        (429, "²", None),
        (500, "120", None),
        (None, "120", None),
    ],
)
def test_retry_after(status: int | None, value: str, expected: int | None) -> None:
    assert retry_after_seconds(status, {"retry-after": value}, NOW) == expected


def test_a_retry_after_date_between_seconds_is_rounded_up() -> None:
    later = datetime(2021, 2, 25, 21, 14, 59, 500_000, tzinfo=UTC)
    assert retry_after_seconds(503, {"retry-after": "Thu, 25 Feb 2021 21:15:00 GMT"}, later) == 1


def test_parse_http_date() -> None:
    # RFC 9110 §5.6.7: recipients accept the IMF-fixdate and the two obsolete formats.
    expected = datetime(2025, 1, 1, 12, 10, tzinfo=UTC)
    formats = ("Wed, 01 Jan 2025 12:10:00 GMT", "Wednesday, 01-Jan-25 12:10:00 GMT", "Wed Jan  1 12:10:00 2025")
    assert [parse_http_date(v) for v in formats] == [expected] * 3
    assert [parse_http_date(v) for v in (None, "", "yesterday", "0")] == [None] * 4


@pytest.mark.parametrize(("value", "seconds"), [("0", 0), (" 60 ", 60), ("-1", None), ("1.5", None), ("", None)])
def test_delta_seconds(value: str, seconds: int | None) -> None:
    assert delta_seconds(value) == seconds


def test_cache_directives_are_case_insensitive_and_unquoted() -> None:
    directives = cache_directives({"cache-control": 'Max-Age="60", no-transform,  PRIVATE'})
    assert directives == {"max-age": "60", "no-transform": "", "private": ""}

"""Tests of app.feeds.result: each caching header's meaning, including malformed values."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from app.feeds.result import FetchResult

RECEIVED = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
LATER = "Wed, 01 Jan 2025 12:10:00 GMT"  # RECEIVED + 600 s
MAX = 2**31 - 1


def result(status: int, **headers: str) -> FetchResult:
    return FetchResult(
        status="error",
        final_url="https://x.example/feed",
        http_status=status,
        # Bytes, as on the wire: latin-1 values such as "²" reach us although str headers must be ASCII.
        headers=httpx.Headers([(k.replace("_", "-").encode(), v.encode("latin-1")) for k, v in headers.items()]),
        received_at=RECEIVED,
    )


@pytest.mark.parametrize(
    ("status", "value", "seconds"),
    [
        (429, "120", 120),
        (503, " 7 ", 7),
        (429, LATER, 600),  # an HTTP-date, measured from when the response arrived
        (429, "Wed, 01 Jan 2025 11:00:00 GMT", 0),  # in the past: retry now
        (429, "soon", None),
        (429, "-5", None),
        (429, "1.5", None),
        (429, "²", None),  # a digit to str.isdigit, not to HTTP
        (429, "9" * 5000, MAX),  # past Python's int-parsing limit, still an answer
        (429, "Fri, 31 Dec 9999 23:59:59 GMT", MAX),
        (500, "120", None),  # only 429 and 503 carry a meaningful Retry-After
        (200, "120", None),
    ],
)
def test_retry_after(status: int, value: str, seconds: int | None) -> None:
    assert result(status, retry_after=value).retry_after_seconds == seconds


def test_retry_after_date_prefers_the_servers_clock() -> None:
    skewed = result(429, retry_after=LATER, date="Wed, 01 Jan 2025 12:05:00 GMT")
    assert skewed.retry_after_seconds == 300


@pytest.mark.parametrize(
    ("cache_control", "max_age"),
    [("max-age=60", 60), ("MAX-AGE=60", 60), ("private, max-age=0", 0), ("max-age=²", None), ("max-age", None)],
)
def test_max_age(cache_control: str, max_age: int | None) -> None:
    assert result(200, cache_control=cache_control).max_age_seconds == max_age


@pytest.mark.parametrize(
    ("headers", "freshness"),
    [
        ({"expires": LATER}, 600),
        ({"expires": LATER, "cache_control": "max-age=30"}, 30),  # max-age wins over Expires
        ({"expires": LATER, "cache_control": "no-store"}, None),
        ({"expires": "0"}, None),  # invalid Expires: no hint
        ({}, None),
    ],
)
def test_freshness(headers: dict[str, str], freshness: int | None) -> None:
    assert result(200, **headers).freshness_seconds == freshness

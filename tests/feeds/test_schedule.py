"""Tests of app.feeds.schedule: the next-check rule, table-driven, and properties of both functions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.feeds.schedule import next_check
from app.net.retry import backoff

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
PROPERTY = settings(max_examples=300, deadline=None, database=None)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


@pytest.mark.parametrize(
    ("interval", "ttl", "max_age", "retry_after", "expected"),
    [
        (60, None, None, None, 60),  # no hints: the base interval
        (60, 90, None, None, 90),  # RSS <ttl> raises it
        (60, None, 120, None, 120),  # Cache-Control max-age raises it
        (60, None, None, 180, 180),  # Retry-After raises it
        (60, 90, 120, 30, 120),  # the largest hint wins
        (60, 10, 5, 1, 60),  # hints never lower the interval
        (60, 10_000, None, None, 1440),  # clamped to the maximum
        (1, None, None, None, 15),  # clamped to the minimum
        (60, None, None, 100_000, 1440),  # even a huge Retry-After: the feed is not dropped for months
    ],
)
def test_next_check(
    interval: int, ttl: int | None, max_age: int | None, retry_after: int | None, expected: int
) -> None:
    def hint(value: int | None) -> timedelta | None:
        return None if value is None else minutes(value)

    due = next_check(
        now=NOW,
        interval=minutes(interval),
        ttl=hint(ttl),
        max_age=hint(max_age),
        retry_after=hint(retry_after),
        min_interval=minutes(15),
        max_interval=minutes(1440),
    )
    assert due == NOW + minutes(expected)


def test_bounds_must_make_sense() -> None:
    with pytest.raises(ValueError, match="min_interval <= max_interval"):
        next_check(now=NOW, interval=minutes(5), min_interval=minutes(10), max_interval=minutes(5))
    with pytest.raises(ValueError, match="min_interval <= max_interval"):
        backoff(now=NOW, error_count=1, base=minutes(10), max_interval=minutes(5), rng=random.Random(1))


@pytest.mark.parametrize(
    ("error_count", "low", "high"),
    [(0, 5, 5), (1, 5, 5), (2, 5, 10), (3, 5, 20), (4, 5, 40), (10, 5, 600), (10_000, 5, 600)],
)
def test_backoff_ceiling_doubles_up_to_the_maximum(error_count: int, low: int, high: int) -> None:
    draws = [
        backoff(now=NOW, error_count=error_count, base=minutes(5), max_interval=minutes(600), rng=random.Random(seed))
        for seed in range(200)
    ]
    assert all(NOW + minutes(low) <= due <= NOW + minutes(high) for due in draws)
    if high > low:
        assert len(set(draws)) > 150  # jittered: failing feeds do not retry in lockstep


def test_backoff_is_deterministic_for_a_given_rng() -> None:
    def draw() -> datetime:
        return backoff(now=NOW, error_count=5, base=minutes(1), max_interval=minutes(60), rng=random.Random(42))

    assert draw() == draw()


def test_retry_after_is_a_floor_on_backoff_but_the_maximum_still_caps() -> None:
    def draw(retry_after: int) -> datetime:
        return backoff(
            now=NOW,
            error_count=1,
            base=minutes(1),
            max_interval=minutes(60),
            rng=random.Random(7),
            retry_after=minutes(retry_after),
        )

    assert draw(30) == NOW + minutes(30)
    assert draw(6000) == NOW + minutes(60)


_DURATIONS = st.integers(min_value=0, max_value=10**8).map(lambda s: timedelta(seconds=s))
_HINTS = st.none() | _DURATIONS


@PROPERTY
@given(interval=_DURATIONS, ttl=_HINTS, max_age=_HINTS, retry_after=_HINTS, bounds=st.tuples(_DURATIONS, _DURATIONS))
def test_next_check_is_always_within_bounds(
    interval: timedelta,
    ttl: timedelta | None,
    max_age: timedelta | None,
    retry_after: timedelta | None,
    bounds: tuple[timedelta, timedelta],
) -> None:
    low, high = sorted(bounds)
    due = next_check(
        now=NOW,
        interval=interval,
        ttl=ttl,
        max_age=max_age,
        retry_after=retry_after,
        min_interval=low,
        max_interval=high,
    )
    assert NOW + low <= due <= NOW + high


@PROPERTY
@given(
    error_count=st.integers(min_value=-5, max_value=10**6),
    bounds=st.tuples(_DURATIONS, _DURATIONS),
    retry_after=_HINTS,
    seed=st.integers(),
)
def test_backoff_is_always_within_bounds(
    error_count: int, bounds: tuple[timedelta, timedelta], retry_after: timedelta | None, seed: int
) -> None:
    base, high = sorted(bounds)
    due = backoff(
        now=NOW, error_count=error_count, base=base, max_interval=high, rng=random.Random(seed), retry_after=retry_after
    )
    assert NOW + base <= due <= NOW + high

"""Retry backoff for every outbound call that fails: feed polls, webhook deliveries, shortlink lookups.

Pure: ``now`` and the random source are arguments.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

__all__ = ["backoff", "check_bounds"]


def check_bounds(low: timedelta, high: timedelta) -> None:
    """Refuse an interval range that is empty or starts below zero."""
    if low < timedelta(0) or high < low:
        raise ValueError(f"need 0 <= min_interval <= max_interval, got {low} and {high}")


def backoff(
    *,
    now: datetime,
    error_count: int,
    base: timedelta,
    max_interval: timedelta,
    rng: random.Random,
    retry_after: timedelta | None = None,
) -> datetime:
    """The next poll after ``error_count`` consecutive failures: capped exponential backoff with full jitter.

    The ceiling doubles per failure, ``base · 2^(n-1)``, up to ``max_interval``; the wait is drawn uniformly
    from [base, ceiling] (AWS Architecture Blog, "Exponential Backoff and Jitter", full jitter above a
    floor of ``base`` so that failing feeds are never retried at once). A server's Retry-After
    (RFC 9110 §10.2.3) is a floor on the draw; ``max_interval`` still caps everything.
    """
    check_bounds(base, max_interval)
    # In float seconds, with a capped exponent: finite however long a feed has been failing.
    low, high = base.total_seconds(), max_interval.total_seconds()
    ceiling = min(high, low * 2.0 ** min(max(error_count, 1) - 1, 64))
    wait = timedelta(seconds=low + (ceiling - low) * rng.random())
    # Float rounding must not step outside [base, max_interval].
    wait = max(wait, base, retry_after or timedelta(0))
    return now + min(wait, max_interval)

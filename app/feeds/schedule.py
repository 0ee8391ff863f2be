"""When to poll a feed next: pure functions of their inputs (``now`` and the random source are arguments)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.net.retry import check_bounds

__all__ = ["next_check"]


def next_check(
    *,
    now: datetime,
    interval: timedelta,
    ttl: timedelta | None = None,
    max_age: timedelta | None = None,
    retry_after: timedelta | None = None,
    min_interval: timedelta,
    max_interval: timedelta,
) -> datetime:
    """The next poll after a success: miniflux's rule.

    The base ``interval`` is raised to the largest publisher hint (RSS ``<ttl>``, Cache-Control max-age or
    Expires, Retry-After), never lowered by one, then clamped to [min_interval, max_interval] so that a
    misconfigured feed can neither hammer us nor go silent for months.
    """
    check_bounds(min_interval, max_interval)
    wait = max([interval, *(hint for hint in (ttl, max_age, retry_after) if hint is not None)])
    return now + min(max(wait, min_interval), max_interval)

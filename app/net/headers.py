"""HTTP response headers read once for everyone: dates, delta-seconds, Cache-Control and Retry-After.

The feed fetch result (app.feeds.result) and the webhook deliveries (app.outputs.webhooks) both ask these
questions of a response; the answers are written here, each citing its RFC section.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = [
    "MAX_SECONDS",
    "cache_directives",
    "delta_seconds",
    "parse_http_date",
    "retry_after_seconds",
    "seconds_until",
]

MAX_SECONDS = 2**31 - 1
"""About 68 years: "never" for any scheduler, and still a valid timedelta."""


def delta_seconds(value: str) -> int | None:
    """Non-negative decimal seconds (RFC 9110 §1.2.1 delta-seconds), capped; None for anything else."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()):  # str.isdigit alone admits "²" and other digits
        return None
    return MAX_SECONDS if len(value) > 10 else min(int(value), MAX_SECONDS)


def parse_http_date(value: str | None) -> datetime | None:
    """An aware datetime from an HTTP-date (RFC 9110 §5.6.7), or None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def seconds_until(moment: datetime, reference: datetime) -> int:
    """Whole seconds from `reference` to `moment`, rounded up, within [0, MAX_SECONDS]."""
    return min(MAX_SECONDS, max(0, math.ceil((moment - reference).total_seconds())))


def retry_after_seconds(status_code: int | None, headers: Mapping[str, str], reference: datetime) -> int | None:
    """Retry-After on a 429 or 503 (RFC 9110 §10.2.3), delta-seconds or an HTTP-date, in seconds.

    An HTTP-date is measured from `reference`: the server's own Date header when the caller has it (the
    dates in a response are the server's clock), else the moment the response was received.
    """
    if status_code not in (429, 503):
        return None
    value = headers.get("retry-after") or ""
    seconds = delta_seconds(value)
    if seconds is not None:
        return seconds
    moment = parse_http_date(value)
    return None if moment is None else seconds_until(moment, reference)


def cache_directives(headers: Mapping[str, str]) -> dict[str, str]:
    """Cache-Control's directives by lower-case name, values unquoted (RFC 9111 §5.2)."""
    directives: dict[str, str] = {}
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip().strip('"')
    return directives

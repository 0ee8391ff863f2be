"""What one fetch produced, with one small property per caching header meaning (after miniflux's ResponseHandler)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal

__all__ = ["FetchResult", "FetchStatus", "parse_http_date"]

FetchStatus = Literal["ok", "not_modified", "gone", "error"]
_MAX_SECONDS = 2**31 - 1  # about 68 years: "never" for any scheduler, and still a valid timedelta


def _delta_seconds(value: str) -> int | None:
    """Non-negative decimal seconds (RFC 9110 delta-seconds), capped; None for anything else."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()):  # str.isdigit alone admits "²" and other digits
        return None
    return _MAX_SECONDS if len(value) > 10 else min(int(value), _MAX_SECONDS)


def parse_http_date(value: str | None) -> datetime | None:
    """An aware datetime from an HTTP-date (RFC 9110 §5.6.7), or None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FetchResult:
    """The outcome of fetching one feed URL; ``content`` is the decoded body and only set when ``status`` is ok."""

    status: FetchStatus
    final_url: str
    content: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict, compare=False)
    """The response's headers by lower-case name."""
    permanent_url: str | None = None
    """Where the feed now lives, after a run of permanent redirects (301/308) that ended in success; else None."""
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    error: str | None = None
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def _reference_time(self) -> datetime:
        # Dates in headers are the server's clock: measure them against its own Date header when it sent one.
        return parse_http_date(self.headers.get("date")) or self.received_at

    def _seconds_until(self, moment: datetime) -> int:
        return min(_MAX_SECONDS, max(0, math.ceil((moment - self._reference_time).total_seconds())))

    @property
    def retry_after_seconds(self) -> int | None:
        """Retry-After on a 429 or 503 (RFC 9110 §10.2.3), as delta-seconds or an HTTP-date, in seconds."""
        if self.http_status not in (429, 503):
            return None
        value = self.headers.get("retry-after") or ""
        seconds = _delta_seconds(value)
        if seconds is not None:
            return seconds
        moment = parse_http_date(value)
        return None if moment is None else self._seconds_until(moment)

    @property
    def _cache_directives(self) -> dict[str, str]:
        directives: dict[str, str] = {}
        for part in self.headers.get("cache-control", "").split(","):
            name, _, value = part.strip().partition("=")
            if name:
                directives[name.lower()] = value.strip().strip('"')
        return directives

    @property
    def max_age_seconds(self) -> int | None:
        """Cache-Control max-age (RFC 9111 §5.2.2.1); None when absent or under no-cache / no-store."""
        directives = self._cache_directives
        if "no-cache" in directives or "no-store" in directives:
            return None
        return _delta_seconds(directives.get("max-age", ""))

    @property
    def expires(self) -> datetime | None:
        """The Expires header as an aware datetime; None when absent or invalid (RFC 9111 §5.3)."""
        return parse_http_date(self.headers.get("expires"))

    @property
    def freshness_seconds(self) -> int | None:
        """How long the response stays fresh: max-age, else Expires minus Date (RFC 9111 §4.2.1)."""
        directives = self._cache_directives
        if "no-cache" in directives or "no-store" in directives:
            return None
        if self.max_age_seconds is not None:
            return self.max_age_seconds
        expires = self.expires
        return None if expires is None else self._seconds_until(expires)

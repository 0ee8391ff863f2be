"""What one fetch produced, with one small property per caching header meaning (after miniflux's ResponseHandler)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from app.net.headers import cache_directives, delta_seconds, parse_http_date, retry_after_seconds, seconds_until

__all__ = ["FetchResult", "FetchStatus"]

FetchStatus = Literal["ok", "not_modified", "gone", "error"]


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

    @property
    def retry_after_seconds(self) -> int | None:
        """Retry-After on a 429 or 503 (RFC 9110 §10.2.3), as delta-seconds or an HTTP-date, in seconds."""
        return retry_after_seconds(self.http_status, self.headers, self._reference_time)

    @property
    def _cache_directives(self) -> dict[str, str]:
        return cache_directives(self.headers)

    @property
    def max_age_seconds(self) -> int | None:
        """Cache-Control max-age (RFC 9111 §5.2.2.1); None when absent or under no-cache / no-store."""
        directives = self._cache_directives
        if "no-cache" in directives or "no-store" in directives:
            return None
        return delta_seconds(directives.get("max-age", ""))

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
        return None if expires is None else seconds_until(expires, self._reference_time)

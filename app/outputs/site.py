"""Where the feed outputs' absolute URLs may point: the configured public URL, else trusted Host values."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Site"]


@dataclass(frozen=True, slots=True)
class Site:
    """The service's public address as the operator configured it (see app.api.outputs._feed_meta)."""

    public_url: str | None
    trusted_hosts: frozenset[str]
    """Host header values (lower-case, port included when sent) the feed outputs may build their URLs from."""
    title: str = "feedhook"
    """The output feeds' title (FEEDHOOK_FEED_TITLE)."""

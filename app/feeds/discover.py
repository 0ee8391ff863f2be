"""Feed autodiscovery: from a site's page to its feed, by `<link rel="alternate">` (the RSS autodiscovery convention).

The operator pastes whatever URL they have; a feed is taken as is, an HTML page is searched for the feeds it
announces (https://www.rssboard.org/rss-autodiscovery), fetched through the same guarded client as polls.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
from lxml import etree

from app.errors import DiscoveryError
from app.feeds.fetcher import fetch
from app.net.feed_client import FeedClient

__all__ = ["FEED_TYPES", "DiscoveryError", "discover_feed", "feed_links"]

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)
"""Link types that announce a feed, in the order of preference when a page announces several."""


def feed_links(page: bytes, base_url: str) -> list[str]:
    """The feeds an HTML page announces, absolute, RSS and Atom before JSON, each once (pure)."""
    try:
        root = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found: list[tuple[int, str]] = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            found.append((FEED_TYPES.index(kind), urljoin(base_url, href)))
    links: list[str] = []
    for _, url in sorted(found, key=lambda pair: pair[0]):
        if url not in links:
            links.append(url)
    return links


def _is_html(content_type: str, body: bytes) -> bool:
    if "html" in content_type:
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


async def discover_feed(client: FeedClient, url: str, *, max_bytes: int, deadline_seconds: float) -> str:
    """The feed URL for `url`: itself when it serves a feed, else the first feed its page announces."""
    result = await fetch(client, url, max_bytes=max_bytes, deadline_seconds=deadline_seconds)
    if result.status != "ok":
        raise DiscoveryError(f"{url} could not be fetched: {result.error or result.status}")
    if not _is_html(result.headers.get("content-type", "").lower(), result.content):
        return result.final_url
    links = feed_links(result.content, result.final_url)
    if not links:
        raise DiscoveryError(f"{url} is a web page that announces no feed (no <link rel=alternate>)")
    return links[0]

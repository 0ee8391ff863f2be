"""Feed autodiscovery: the feeds a page announces, and a site URL resolved to its feed over loopback."""

from __future__ import annotations

import pytest

from app.errors import DiscoveryError
from app.feeds.discover import discover_feed, feed_links
from app.net.feed_client import FeedClient
from app.net.guard import OutboundGuard
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed

PAGE = b"""<!doctype html><html><head>
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
<link rel="alternate" type="text/html" href="/fr/" hreflang="fr">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example.org/atom.xml">
<link rel="stylesheet" type="application/rss+xml" href="/not-a-feed.xml">
</head><body></body></html>"""


def test_a_page_announces_its_feeds_atom_and_rss_before_json() -> None:
    assert feed_links(PAGE, "https://example.org/blog/") == [
        "https://example.org/blog/atom.xml",
        "https://cdn.example.org/atom.xml",
        "https://example.org/feed.json",
    ]
    assert feed_links(b"", "https://example.org/") == []
    assert feed_links(b"<p>no head</p>", "https://example.org/") == []


async def test_a_site_url_is_resolved_to_its_feed_and_a_feed_url_stays() -> None:
    async with (
        LoopbackServer("127.0.0.1") as site,
        FeedClient(guard=OutboundGuard(allow_private=True), user_agent="feedhook-test") as client,
    ):
        site.route("/", Response(200, {"Content-Type": "text/html"}, PAGE.replace(b"atom.xml", b"rss.xml", 1)))
        site.route("/blog/", Response(200, {"Content-Type": "text/html"}, b"<html><head></head></html>"))
        site.route("/rss.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(1)])))
        found = await discover_feed(client, site.url("/"), max_bytes=2**20, deadline_seconds=5)
        assert found == site.url("/rss.xml")
        assert await discover_feed(client, found, max_bytes=2**20, deadline_seconds=5) == found
        with pytest.raises(DiscoveryError, match="announces no feed"):
            await discover_feed(client, site.url("/blog/"), max_bytes=2**20, deadline_seconds=5)
        with pytest.raises(DiscoveryError, match="could not be fetched"):
            await discover_feed(client, site.url("/missing"), max_bytes=2**20, deadline_seconds=5)

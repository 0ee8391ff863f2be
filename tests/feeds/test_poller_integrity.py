"""The poller stores what it may and nothing it may not: foreign stories, long feed URLs, refused entries."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from app.clock import to_micros
from app.feeds.poller import Poller, PollerSettings
from app.net.feed_client import FeedClient
from app.normalize.model import NormalizeSettings
from app.store.db import Database
from app.store.feeds import add_feed
from app.store.subscriptions import add_subscription
from app.store.tables import CHANNEL_FEED, deliveries, item_sightings, items, quarantine
from tests.feeds.server import LoopbackServer, Response
from tests.refusals import refuse_poisoned_headlines

RSS = {"Content-Type": "application/rss+xml"}
ARTICLE = "https://www.publisher.example/2026/12/markets-rally"


def _rss(entries: list[tuple[str, str, str]], *, site: str = "https://www.publisher.example/") -> bytes:
    """An RSS document of (title, link, guid) entries, each with a paragraph of its own."""
    items_xml = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f'<guid isPermaLink="false">{html.escape(guid)}</guid>'
        f"<pubDate>Tue, 01 Dec 2026 09:00:00 +0000</pubDate>"
        f"<description>{html.escape(f'<p>{title}: the paragraph of this story.</p>')}</description></item>"
        for title, link, guid in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>A feed</title>'
        f"<link>{site}</link>{items_xml}</channel></rss>"
    ).encode()


async def _feed(db: Database, server: LoopbackServer, path: str, document: bytes) -> int:
    server.route(path, Response(200, RSS, document))
    return int(
        await db.write(
            add_feed(url=server.url(path), title=None, interval_seconds=900, now=to_micros(datetime.now(UTC)))
        )
    )


def _poller(db: Database, client: FeedClient) -> Poller:
    return Poller(
        db=db,
        client=client,
        settings=PollerSettings(owner="integrity", deadline_seconds=10.0),
        normalize_settings=NormalizeSettings(),
    )


async def test_a_feed_carrying_another_publishers_url_cannot_rewrite_that_story(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    publisher = await _feed(db, server, "/publisher.xml", _rss([("Markets rally", ARTICLE, ARTICLE)]))
    # Another registered feed, on another site, that claims the publisher's site and rewrites its story.
    forged = [("Publisher admits fraud", ARTICLE, ARTICLE)]
    forger = await _feed(db, server, "/forger.xml", _rss(forged, site="https://www.publisher.example/"))
    poller = _poller(db, client)
    assert (await poller.poll_now(publisher)).new == 1
    await db.write(add_subscription(url="http://127.0.0.1:9/hook", secret="s", filters={}, now=0))
    outcome = await poller.poll_now(forger)
    assert (outcome.status, outcome.new, outcome.updated, outcome.unchanged) == ("ok", 0, 0, 1)
    stored = await db.read(lambda conn: conn.execute(sa.select(items.c.headline, items.c.id)).all())
    assert [headline for headline, _ in stored] == ["Markets rally"]
    assert await db.read(lambda conn: conn.execute(sa.select(deliveries)).all()) == []
    seen_by = await db.read(
        lambda conn: conn.execute(sa.select(item_sightings.c.channel, item_sightings.c.feed_id)).all()
    )
    assert sorted(tuple(row) for row in seen_by) == [(CHANNEL_FEED, publisher), (CHANNEL_FEED, forger)]


async def test_a_long_feed_url_with_plain_guids_stores_its_entries(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    path = "/feeds/" + "/".join(f"section-{n:03d}" for n in range(60)) + ".xml"  # ~700 characters
    entries = [(f"Story {n} of a deep feed", f"{ARTICLE}-{n}", f"entry-{n}") for n in range(3)]
    feed_id = await _feed(db, server, path, _rss(entries))
    poller = _poller(db, client)
    first = await poller.poll_now(feed_id)
    assert (first.status, first.new) == ("ok", 3), first
    await db.write(
        lambda conn: conn.execute(sa.text("UPDATE feeds SET next_poll_at = 0, etag = NULL, last_modified = NULL"))
    )
    again = await poller.poll_now(feed_id)
    assert (again.status, again.new, again.unchanged) == ("ok", 0, 3), again


async def test_an_entry_the_database_refuses_is_quarantined_and_the_rest_stored(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    await db.write(refuse_poisoned_headlines)
    entries = [
        (title, f"{ARTICLE}-{n}", f"{ARTICLE}-{n}") for n, title in enumerate(["Fine one", "A poison", "Fine two"])
    ]
    feed_id = await _feed(db, server, "/mixed.xml", _rss(entries))
    outcome = await _poller(db, client).poll_now(feed_id)
    assert (outcome.status, outcome.new, outcome.quarantined) == ("ok", 2, 1), outcome

    def stored(conn: Connection) -> tuple[list[str], list[tuple[str, str]]]:
        headlines = conn.execute(sa.select(items.c.headline).order_by(items.c.id)).scalars().all()
        kept = conn.execute(sa.select(quarantine.c.reason, quarantine.c.detail)).all()
        return list(headlines), [(reason, detail) for reason, detail in kept]

    headlines, kept = await db.read(stored)
    assert sorted(headlines) == ["Fine one", "Fine two"]
    assert [reason for reason, _ in kept] == ["unstorable-item"]
    assert "poisoned headline" in kept[0][1]

"""Shortlink resolution against a loopback shortener reached as `ift.tt`: resolve, cache, merge, give up."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
import sqlalchemy as sa

from app.clock import to_micros
from app.ingest.resolver import ShortlinkResolver
from app.net.guard import IPAddress, OutboundGuard
from app.net.outbound import build_http_client
from app.normalize import normalize
from app.normalize.model import NormalizeSettings, RawItem
from app.store.db import Database
from app.store.items import save_item
from app.store.listings import get_item
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, item_sightings
from tests.feeds.server import LoopbackServer, Response

ARTICLE = "https://www.businessinsider.com/biden-airstrikes-syria-2021-2"


async def _loopback_dns(host: str, port: int) -> list[IPAddress]:
    # ift.tt is our loopback shortener; anything else must not be looked up (the article is never fetched).
    assert host == "ift.tt", f"unexpected lookup of {host}"
    return [ipaddress.ip_address("127.0.0.1")]


@pytest.fixture
async def shortener() -> AsyncIterator[LoopbackServer]:
    async with LoopbackServer("127.0.0.1") as server:
        yield server
    assert not server.errors, server.errors


@pytest.fixture
async def resolving_client() -> AsyncIterator[httpx.AsyncClient]:
    guard = OutboundGuard(allow_private=True, resolver=_loopback_dns)
    async with build_http_client(guard=guard, user_agent="feedhook-test") as client:
        yield client


def _item(link: str, *, title: str = "Biden orders airstrikes in Syria", guid: str | None = None) -> object:
    raw = RawItem(title=title, content="<p>Paragraph one.</p>", link=link, feed_title="Business Insider", guid=guid)
    return normalize(raw, now=datetime.now(UTC), settings=NormalizeSettings())


async def _store(db: Database, link: str, channel: int = CHANNEL_WEBHOOK, **fields: str) -> int:
    item = _item(link, **fields)
    saved = await db.write(save_item(item, channel=channel, received_at=to_micros(datetime.now(UTC))))  # type: ignore[arg-type]
    return int(saved.id)


def _short(server: LoopbackServer, path: str) -> str:
    return f"http://ift.tt:{server.port}{path}"


async def test_a_shortlink_item_gets_its_canonical_article_url(
    db: Database, shortener: LoopbackServer, resolving_client: httpx.AsyncClient
) -> None:
    shortener.route("/abc", Response(301, {"Location": _short(shortener, "/hop")}))
    shortener.route("/hop", Response(302, {"Location": ARTICLE + "?utm_source=ifttt&utm_medium=rss#top"}))
    item_id = await _store(db, _short(shortener, "/abc"))
    before = await db.read(get_item, item_id)
    assert before is not None
    assert (before.url, before.resolve_after is not None) == (None, True)

    resolver = ShortlinkResolver(db=db, client=resolving_client)
    [resolution] = await resolver.run_once()
    assert resolution is not None
    assert (resolution.outcome, resolution.item_id) == ("resolved", item_id)
    after = await db.read(get_item, item_id)
    assert after is not None
    assert after.url == ARTICLE
    assert after.source_link == _short(shortener, "/abc")  # as received
    assert after.resolve_after is None
    assert await resolver.run_once() == []

    # The same shortlink on another item comes from the cache: no request to the shortener.
    hits = len(shortener.requests)
    other = await _store(db, _short(shortener, "/abc"), title="The same link, another headline", guid="g-2")
    [again] = await resolver.run_once()
    assert again is not None
    assert again.outcome == "merged"
    assert again.item_id == item_id
    assert len(shortener.requests) == hits
    merged = await db.read(get_item, other)
    assert merged is not None
    assert merged.id == item_id


async def test_a_resolved_shortlink_merges_into_the_story_we_had(
    db: Database, shortener: LoopbackServer, resolving_client: httpx.AsyncClient
) -> None:
    shortener.route("/xyz", Response(301, {"Location": ARTICLE}))
    from_feed = await _store(db, ARTICLE, channel=CHANNEL_FEED, guid="bi-123")
    from_webhook = await _store(db, _short(shortener, "/xyz"))
    assert from_feed != from_webhook

    [resolution] = await ShortlinkResolver(db=db, client=resolving_client).run_once()
    assert resolution is not None
    assert (resolution.outcome, resolution.item_id) == ("merged", from_feed)
    story = await db.read(get_item, from_webhook)  # the id the webhook answered with still works
    assert story is not None
    assert story.id == from_feed
    assert story.channels == CHANNEL_FEED | CHANNEL_WEBHOOK
    # Both sources' sightings are the story's now.
    seen = await db.read(lambda conn: conn.execute(sa.select(item_sightings.c.item_id, item_sightings.c.channel)).all())
    assert sorted(tuple(row) for row in seen) == [(from_feed, CHANNEL_WEBHOOK), (from_feed, CHANNEL_FEED)]

    # IFTTT delivering the same item again is a duplicate of the merged story, not a new row.
    repeat = await db.write(
        save_item(_item(_short(shortener, "/xyz")), channel=CHANNEL_WEBHOOK, received_at=1)  # type: ignore[arg-type]
    )
    assert (repeat.id, repeat.status) == (from_feed, "duplicate")


async def test_an_unresolvable_shortlink_backs_off_then_gives_up(
    db: Database, shortener: LoopbackServer, resolving_client: httpx.AsyncClient
) -> None:
    shortener.route("/dead", Response(404))
    item_id = await _store(db, _short(shortener, "/dead"))
    clock_now = [datetime.now(UTC)]
    resolver = ShortlinkResolver(db=db, client=resolving_client, clock=lambda: clock_now[0], max_attempts=2)
    assert await resolver.run_once() == [None]
    row = await db.read(get_item, item_id)
    assert row is not None
    assert row.resolve_attempts == 1
    assert row.resolve_after > to_micros(clock_now[0])
    assert await resolver.run_once() == []  # not due yet

    clock_now[0] = datetime.fromtimestamp(row.resolve_after / 1e6 + 1, UTC)
    assert await resolver.run_once() == [None]
    row = await db.read(get_item, item_id)
    assert row is not None
    assert (row.resolve_attempts, row.resolve_after, row.url) == (2, None, None)

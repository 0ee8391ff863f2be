"""The feed registry: the guard's check before every new URL, changes, enabling, removal, OPML import."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest

from app.clock import to_micros
from app.errors import BlockedURL, Conflict, NotFound
from app.feeds.opml import OpmlFeed
from app.feeds.registry import KEEP, FeedChanges, FeedRegistry
from app.net.guard import OutboundGuard
from app.store.db import Database
from app.store.feeds import Feed
from app.store.tables import feeds as feeds_table

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


async def public_dns(host: str, port: int) -> list[IPv4Address | IPv6Address]:
    """Every name resolves to one public address (no network in tests)."""
    return [ip_address("93.184.215.14")]


def _registry(db: Database, woken: list[str]) -> FeedRegistry:
    return FeedRegistry(
        db=db,
        guard=OutboundGuard(allow_private=False, resolver=public_dns),
        clock=lambda: NOW,
        default_interval_seconds=900,
        on_due=lambda: woken.append("poller"),
    )


async def test_a_feed_is_registered_only_when_the_guard_allows_its_url(db: Database) -> None:
    woken: list[str] = []
    feeds = _registry(db, woken)
    with pytest.raises(BlockedURL):
        await feeds.register("http://127.0.0.1/feed.xml")
    assert list(await feeds.all()) == []
    assert woken == []
    feed_id = await feeds.register("https://news.example/feed.xml", title="Seven")
    row = await feeds.get(feed_id)
    assert (row.url, row.title, row.interval_seconds) == ("https://news.example/feed.xml", "Seven", 900)
    assert woken == ["poller"]  # a new feed is due at once
    with pytest.raises(Conflict):
        await feeds.register("https://news.example/feed.xml")


async def test_changes_check_a_new_url_and_enabling_makes_the_feed_due_now(db: Database) -> None:
    woken: list[str] = []
    feeds = _registry(db, woken)
    feed_id = await feeds.register("https://news.example/a.xml", title="A")
    with pytest.raises(BlockedURL):
        await feeds.change(feed_id, FeedChanges(url="http://10.0.0.1/a.xml"))
    changed = await feeds.change(feed_id, FeedChanges(url="https://news2.example/a.xml", interval_seconds=3600))
    assert (changed.url, changed.title, changed.interval_seconds) == ("https://news2.example/a.xml", "A", 3600)
    assert (await feeds.change(feed_id, FeedChanges(title=None))).title is None
    assert (await feeds.change(feed_id, FeedChanges(title=KEEP))).url == "https://news2.example/a.xml"
    assert (await feeds.disable(feed_id)).disabled
    woken.clear()
    enabled = await feeds.enable(feed_id)
    assert not enabled.disabled
    assert (enabled.error_count, enabled.next_poll_at) == (0, to_micros(NOW))
    assert woken == ["poller"]


async def test_a_feed_is_found_by_id_or_url_and_removed(db: Database) -> None:
    feeds = _registry(db, [])
    feed_id = await feeds.register("https://news.example/a.xml")
    assert await feeds.find("https://news.example/a.xml") == feed_id
    assert await feeds.find(str(feed_id)) == feed_id
    await feeds.remove(feed_id)
    with pytest.raises(NotFound):
        await feeds.find("https://news.example/a.xml")
    with pytest.raises(NotFound):
        await feeds.get(feed_id)
    with pytest.raises(NotFound):
        await feeds.remove(feed_id)


async def test_an_opml_import_reports_each_refused_or_existing_feed_and_goes_on(db: Database) -> None:
    feeds = _registry(db, [])
    entries = [
        OpmlFeed(url="https://news.example/a.xml", title="A"),
        OpmlFeed(url="http://127.0.0.1/private.xml", title="Private"),
        OpmlFeed(url="https://news.example/a.xml", title="A again"),
        OpmlFeed(url="https://b.example/b.xml", title=None),
    ]
    results = await feeds.import_opml(entries)
    assert [url for url, _ in results] == [entry.url for entry in entries]
    assert results[0][1].startswith("added as ")
    assert "non-public address" in results[1][1]
    assert not results[2][1].startswith("added as ")
    assert results[3][1].startswith("added as ")
    assert sorted(row.url for row in await feeds.all()) == ["https://b.example/b.xml", "https://news.example/a.xml"]


async def test_configured_feeds_are_registered_once_without_the_guard(db: Database) -> None:
    feeds = _registry(db, [])
    await feeds.register_configured(["http://127.0.0.1:9/own.xml"])  # an operator's own host: allowed here
    await feeds.register_configured(["http://127.0.0.1:9/own.xml"])
    assert [row.url for row in await feeds.all()] == ["http://127.0.0.1:9/own.xml"]
    assert await feeds.due_count() == 1


def test_the_feed_record_holds_every_column_of_the_table_and_the_item_count() -> None:
    assert [field.name for field in dataclasses.fields(Feed)] == [*feeds_table.c.keys(), "item_count"]


async def test_the_registry_hands_out_typed_feed_records(db: Database) -> None:
    feeds = _registry(db, [])
    feed_id = await feeds.register("https://news.example/feed.xml")

    disabled = await feeds.disable(feed_id)
    (listed,) = await feeds.all()

    assert isinstance(disabled, Feed)
    assert disabled.disabled is True  # a bool, whatever the database's boolean is
    assert listed == disabled
    assert (listed.id, listed.item_count, listed.next_poll_at) == (feed_id, 0, to_micros(NOW))

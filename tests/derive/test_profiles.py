"""Learned boilerplate end to end: a feed's recurring trailer is mined after a poll and cleaned from later items."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from app.clock import to_micros
from app.derive.profiles import profile_of, refresh_due, webhook_source_key
from app.derive.renormalize import renormalize
from app.feeds.poller import Poller, PollerSettings
from app.net.feed_client import FeedClient
from app.net.guard import OutboundGuard
from app.normalize import NormalizeSettings, RawItem
from app.normalize.boilerplate import BoilerplateLine, BoilerplateProfile, mine_profile
from app.store.db import Database
from app.store.feeds import add_feed
from app.store.listings import ItemFilters, list_items
from tests.feeds.server import LoopbackServer, Response
from tests.test_cli import feedhook

# A line only this feed prints (no generic rule knows it), under every story.
TRAILER = "The Harbour Times is printed on paper from the Eastside mill, as it has been since 1911."
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _feed(numbers: range, *, only_trailer: int | None = None) -> bytes:
    items = []
    for n in numbers:
        story = (
            f"<p>{TRAILER}</p>"
            if n == only_trailer
            else f"<p>Story {n} opens with its own first sentence about pier {n}.</p>"
            f"<p>Its second paragraph, number {n}, quotes a harbour official.</p><p>{TRAILER}</p>"
        )
        items.append(
            f"<item><title>Harbour story {n}</title><link>https://harbourtimes.example/news/{n}</link>"
            f"<guid>https://harbourtimes.example/news/{n}</guid>"
            f"<pubDate>Mon, 0{1 + n % 9} Nov 2026 09:00:00 +0000</pubDate>"
            f"<description>{html.escape(story)}</description></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>'
        "<link>https://harbourtimes.example/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


def _serve(server: LoopbackServer, document: bytes) -> str:
    server.route("/harbour.xml", Response(200, {"Content-Type": "application/rss+xml"}, document))
    return server.url("/harbour.xml")


async def _bodies(db: Database) -> dict[str, list[str]]:
    page = await db.read(list_items, limit=50, before=None, filters=ItemFilters())
    return {row.headline: orjson.loads(row.body) for row in page}


@pytest.mark.parametrize(
    ("bodies", "head", "tail"),
    [
        ([["a", "x", "T"], ["b", "y", "T"], ["c", "z", "T"]], [], ["T"]),  # a shared trailer
        ([["H", "a"], ["H", "b"], ["H", "c"], ["d"]], ["H"], []),  # a shared header in 3 of 4
        ([["a", "T"], ["b", "U"], ["c", "V"]], [], []),  # nothing recurs
        ([["a", "T"], ["b", "T"]], [], []),  # too few items to tell
        ([["T", "T", "T"], ["a"], ["b"], ["c"]], [], []),  # one item repeating a line is no evidence
    ],
)
def test_mining_keeps_only_lines_that_recur_across_items(
    bodies: list[list[str]], head: list[str], tail: list[str]
) -> None:
    profile = mine_profile(bodies, min_items=3, min_share=0.6)
    assert [line.text for line in profile.head] == head
    assert [line.text for line in profile.tail] == tail


async def test_a_feeds_trailer_is_learned_and_cleaned_from_later_and_stored_items(db: Database) -> None:
    async with (
        LoopbackServer("127.0.0.1") as server,
        FeedClient(guard=OutboundGuard(allow_private=True), user_agent="feedhook-test", timeout=5.0) as client,
    ):
        await _learn_then_clean(db, server, client)


async def _learn_then_clean(db: Database, server: LoopbackServer, client: FeedClient) -> None:
    # Documents of one item: too few for a document to tell its own boilerplate (app/feeds/cleaning.py),
    # so only the profile mined from what is stored can.
    url = _serve(server, _feed(range(1)))
    feed_id = await db.write(add_feed(url=url, title=None, interval_seconds=900, now=to_micros(NOW)))
    poller = Poller(
        db=db,
        client=client,
        settings=PollerSettings(owner="t", deadline_seconds=10.0),
        normalize_settings=NormalizeSettings(),
    )
    await poller.run_cycle()
    for polled in (range(n, n + 1) for n in range(1, 6)):
        _serve(server, _feed(polled))
        await poller.poll_now(int(feed_id))
    await refresh_due(db, now=NOW, settings=NormalizeSettings())  # what the poller runs after each cycle
    assert all(body[-1] == TRAILER for body in (await _bodies(db)).values())  # stored before anything was learned
    profile = await profile_of(db, f"feed:{feed_id}")
    assert profile is not None
    assert [(line.text, line.count) for line in profile.tail] == [(TRAILER, 6)]
    assert profile.head == ()

    _serve(server, _feed(range(6, 9), only_trailer=8))
    await poller.poll_now(int(feed_id))
    bodies = await _bodies(db)
    assert TRAILER not in bodies["Harbour story 7"]
    assert bodies["Harbour story 7"] == [
        "Story 7 opens with its own first sentence about pier 7.",
        "Its second paragraph, number 7, quotes a harbour official.",
    ]
    assert bodies["Harbour story 8"] == [TRAILER]  # never an item without a body because of a profile

    changed = [r async for r in renormalize(db=db, now=NOW, settings=NormalizeSettings())]
    assert {r.item_id for r in changed}
    assert all(c.name in ("body", "blocks", "body_html") for r in changed for c in r.changes)
    assert all(body == [TRAILER] or TRAILER not in body for body in (await _bodies(db)).values())


def test_a_webhook_post_is_profiled_by_its_feed_else_by_its_host() -> None:
    assert webhook_source_key(RawItem(feed_url="https://Example.com/feed?utm_source=x")) == (
        "feedurl:https://example.com/feed"
    )
    assert webhook_source_key(RawItem(link="https://www.example.com/a")) == "host:www.example.com"
    assert webhook_source_key(RawItem(link="https://ift.tt/3abc")) is None
    assert webhook_source_key(RawItem(title="no link")) is None


def test_a_profile_round_trips_as_stored() -> None:
    profile = BoilerplateProfile(tail=(BoilerplateLine(text=TRAILER, count=5),))
    assert BoilerplateProfile.model_validate_json(profile.model_dump_json()) == profile


async def test_boilerplate_show_prints_each_learned_line_with_its_evidence(tmp_path: Path) -> None:
    async with LoopbackServer("127.0.0.1") as server:
        url = _serve(server, _feed(range(6)))
        await feedhook(tmp_path, "migrate")
        await feedhook(tmp_path, "feeds", "add", url)
        await feedhook(tmp_path, "poll", "--once")
    shown = await feedhook(tmp_path, "boilerplate", "show", "1")
    assert "feed:1: mined from 6 item(s)" in shown
    assert f"in 6 of 6 items: {TRAILER}" in shown
    assert "head: nothing recurs" in shown
    (learned,) = json.loads(await feedhook(tmp_path, "boilerplate", "show", "1", "--json"))
    assert (learned["source_key"], learned["items_mined"], learned["head"]) == ("feed:1", 6, [])
    assert learned["tail"] == [{"text": TRAILER, "count": 6}]
    missing = await feedhook(tmp_path, "boilerplate", "show", "host:nowhere.example", check=False)
    assert "nothing learned for 'host:nowhere.example' yet" in missing
    assert await feedhook(tmp_path, "boilerplate", "show", "host:nowhere.example", "--json", check=False) == "[]\n"

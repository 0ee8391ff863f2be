"""Characters no parser or store takes: a bad reference or a NUL costs its characters, never the feed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.clock import to_micros
from app.feeds.characters import repair_characters, storable, storable_item
from app.feeds.parser import parse_feed
from app.feeds.poller import Poller, PollerSettings
from app.net.feed_client import FeedClient
from app.normalize.model import NormalizeSettings, RawItem
from app.store.db import Database
from app.store.feeds import add_feed, get_feed
from app.store.listings import ItemFilters, list_items
from tests.feeds.server import LoopbackServer, Response


def _rss(feed_title: str, *titles: str) -> bytes:
    items = "".join(f"<item><title>{title}</title><guid>g{n}</guid></item>" for n, title in enumerate(titles))
    return f'<rss version="2.0"><channel><title>{feed_title}</title>{items}</channel></rss>'.encode()


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("&#55357;&#56832;", "😀"),  # UTF-16 halves of U+1F600 written as two references
        ("&#xD83D;&#xde00;", "😀"),
        ("&#55357;", "\ufffd"),  # a lone half
        ("&#56832;&#55357;", "\ufffd\ufffd"),  # halves in the wrong order are two lone ones
        ("&#99999999;", "\ufffd"),  # past U+10FFFF
        ("&#x110000;", "\ufffd"),
        ("&#0;", ""),
        ("&#x1;&#27;", ""),
        ("&#9;", "\t"),  # tab, line feed and carriage return are characters XML allows
        ("&#8217;", "\u2019"),
    ],
)
def test_a_bad_character_reference_costs_its_characters_only(reference: str, expected: str, fast: bool) -> None:
    feed = parse_feed(_rss(f"Feed {reference}.", f"a {reference}.", "fine"), url="u", fast=fast)
    assert feed.title == f"Feed {expected}."
    assert [entry.title for entry in feed.entries] == [f"a {expected}.", "fine"]


def test_raw_controls_are_dropped_before_parsing() -> None:
    feed = parse_feed(_rss("Feed\x00 one\x1b", "a\x00b", "fine"), url="u")
    assert (feed.title, [entry.title for entry in feed.entries]) == ("Feed one", ["ab", "fine"])


def test_references_in_ordinary_text_are_left_as_they_are() -> None:
    document = _rss("A &#8217; &#x27; &#10; &#55;", "&amp;#0; is text")
    assert repair_characters(document) is document


def test_json_feed_text_is_storable() -> None:
    document = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "T \\ud83d\\u0000",'
        b' "items": [{"id": "1\\u0000", "title": "a \\ud83d\\ude00", "content_text": "c \\udc00"}]}'
    )
    feed = parse_feed(document, url="u")
    entry = feed.entries[0]
    assert (feed.title, entry.guid, entry.title, entry.content) == ("T \ufffd", "1", "a 😀", "c \ufffd")
    assert entry.feed_title == "T \ufffd"


def test_storable_keeps_the_object_when_nothing_is_wrong() -> None:
    item = RawItem(title="é", content="plain", guid="1")
    assert storable_item(item) is item
    assert storable("ok") == "ok"
    assert storable("a\x00\udfffb") == "a\ufffdb"


async def test_a_feed_with_nul_and_surrogates_in_its_title_is_polled_and_stored(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    # Before: the parser failed on the whole document, and a NUL in the title failed record_poll on
    # PostgreSQL, so the feed sat in error and backed off.
    document = _rss("Feed &#0; &#55357; &#55357;&#56832;", "one &#55357;&#56832;", "two &#0;", "three")
    server.route("/f.xml", Response(200, {"Content-Type": "application/rss+xml"}, document))
    now = to_micros(datetime.now(UTC))
    feed_id = await db.write(add_feed(url=server.url("/f.xml"), title=None, interval_seconds=900, now=now))
    settings = PollerSettings(owner="t", deadline_seconds=10.0)
    poller = Poller(db=db, client=client, settings=settings, normalize_settings=NormalizeSettings())
    [outcome] = await poller.run_cycle()
    assert (outcome.status, outcome.new) == ("ok", 3)
    feed = await db.read(get_feed, feed_id)
    assert feed is not None
    assert (feed.title, feed.last_status) == ("Feed  \ufffd 😀", "ok")
    rows = await db.read(list_items, limit=10, before=None, filters=ItemFilters())
    assert sorted(row.headline for row in rows) == ["one 😀", "three", "two"]

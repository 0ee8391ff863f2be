"""Nothing lost, nothing forged: per-field merges, owners, sightings, long identities, numbered changes."""

from __future__ import annotations

from typing import Any

import orjson
import sqlalchemy as sa

from app.clock import to_micros, utcnow
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.store.db import Database
from app.store.decide import owner_hosts
from app.store.items import SaveResult, save_item, save_items
from app.store.listings import ItemFilters, get_item, list_changes
from app.store.subscriptions import add_subscription
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, AnyRow, deliveries, item_sightings, items

SECOND = 1_000_000
URL = "https://www.publisher.example/2026/12/markets-rally"
FULL = RawItem(
    title="Markets rally as rates fall",
    content="<ul><li>Stocks rose.</li><li>Bonds fell.</li></ul><p>The first paragraph of the story.</p>"
    "<p>The second paragraph, with more of the story.</p>",
    link=URL,
    author="A. Writer",
    image="https://img.publisher.example/1.jpg",
    published="2026-12-01T09:00:00Z",
    feed_title="Publisher",
)


def item(raw: RawItem = FULL, **changes: Any) -> NormalizedItem:
    return normalize(raw.model_copy(update=changes), now=utcnow(), settings=NormalizeSettings())


async def save(
    db: Database, story: NormalizedItem, *, at: int, channel: int = CHANNEL_FEED, feed_id: int | None = 7, **kw: Any
) -> SaveResult:
    result: SaveResult = await db.write(save_item(story, channel=channel, received_at=at, feed_id=feed_id, **kw))
    return result


async def row(db: Database, item_id: int) -> AnyRow:
    found = await db.read(get_item, item_id)
    assert found is not None
    return found


async def sightings(db: Database, item_id: int) -> list[tuple[int, int, int, int]]:
    query = (
        sa.select(
            item_sightings.c.channel, item_sightings.c.feed_id, item_sightings.c.first_seen, item_sightings.c.last_seen
        )
        .where(item_sightings.c.item_id == item_id)
        .order_by(item_sightings.c.channel, item_sightings.c.feed_id)
    )
    return [tuple(found) for found in await db.read(lambda conn: conn.execute(query).all())]


async def test_an_update_without_date_image_bullets_or_author_blanks_none_of_them(db: Database) -> None:
    now = to_micros(utcnow())
    first = await save(db, item(), at=now)
    # The feed's next copy: the headline corrected, the date, image, author and summary list gone.
    corrected = item(
        title="Markets rally as rates fall again",
        content="<p>The first paragraph of the story.</p><p>The second paragraph, with more of the story.</p>",
        published=None,
        image=None,
        author=None,
    )
    again = await save(db, corrected, at=now + SECOND)
    assert (again.id, again.status) == (first.id, "updated")
    stored = await row(db, first.id)
    assert stored.headline == "Markets rally as rates fall again"
    assert orjson.loads(stored.bullets) == ["Stocks rose.", "Bonds fell."]
    assert (stored.author, stored.image_url) == ("A. Writer", "https://img.publisher.example/1.jpg")
    assert stored.published_at == to_micros(item().published_at)  # type: ignore[arg-type]
    assert stored.sort_at == stored.published_at


async def test_a_short_webhook_copy_of_a_feed_item_replaces_nothing(db: Database) -> None:
    now = to_micros(utcnow())
    first = await save(db, item(), at=now)
    short = item(content="<p>The first paragraph.</p>", image=None, author=None, published=None)
    again = await save(db, short, at=now + SECOND, channel=CHANNEL_WEBHOOK, feed_id=None)
    assert (again.id, again.status) == (first.id, "duplicate")
    stored = await row(db, first.id)
    assert orjson.loads(stored.body) == [
        "The first paragraph of the story.",
        "The second paragraph, with more of the story.",
    ]
    assert (stored.image_url, stored.updated_at, stored.channels) == (FULL.image, now, CHANNEL_FEED | CHANNEL_WEBHOOK)


async def test_another_feed_cannot_rewrite_a_story_and_subscribers_hear_nothing(db: Database) -> None:
    now = to_micros(utcnow())
    first = await save(db, item(), at=now)
    await db.write(add_subscription(url="http://127.0.0.1:9/hook", secret="s", filters={}, now=now))
    forged = item(title="Publisher admits fraud", content="<p>Forged words, many more than the story had.</p>" * 5)
    forger_hosts = owner_hosts("https://forger.example/feed.xml", "https://www.publisher.example/")
    again = await save(
        db, forged.model_copy(update={"source": "Forger"}), at=now + SECOND, feed_id=8, hosts=forger_hosts
    )
    assert (again.id, again.status, again.deliveries_queued) == (first.id, "duplicate", 0)
    stored = await row(db, first.id)
    assert (stored.headline, stored.source, stored.updated_at) == (FULL.title, "Publisher", now)
    assert await db.read(lambda conn: conn.execute(sa.select(deliveries)).all()) == []
    # The forger's copy is recorded as a sighting: who has carried the story, and when first.
    assert await sightings(db, first.id) == [(CHANNEL_FEED, 7, now, now), (CHANNEL_FEED, 8, now + SECOND, now + SECOND)]
    await save(db, forged, at=now + 2 * SECOND, feed_id=8, hosts=forger_hosts)
    assert (await sightings(db, first.id))[1] == (CHANNEL_FEED, 8, now + SECOND, now + 2 * SECOND)


async def test_the_publishers_own_feed_edits_a_story_another_source_stored(db: Database) -> None:
    now = to_micros(utcnow())
    first = await save(
        db,
        item(content="<p>The first paragraph of the story.</p>", image=None),
        at=now,
        feed_id=None,
        channel=CHANNEL_WEBHOOK,
    )
    hosts = owner_hosts("https://feeds.publisher.example/rss", "https://www.publisher.example/")
    again = await save(db, item(), at=now + SECOND, feed_id=9, hosts=hosts)
    assert (again.id, again.status) == (first.id, "updated")
    stored = await row(db, first.id)
    assert len(orjson.loads(stored.body)) == 2
    assert stored.image_url == FULL.image


async def test_identities_longer_than_the_column_are_stored_and_found_again(db: Database) -> None:
    now = to_micros(utcnow())
    long_url = URL + "?" + "&".join(f"topic{n}=markets" for n in range(60))  # ~1,000 characters
    story = item(link=long_url)
    assert len(story.identity) > 512
    first = await save(db, story, at=now)
    assert first.status == "created"
    assert (await save(db, story, at=now + SECOND)).status == "duplicate"
    batch: list[SaveResult] = await db.write(
        save_items([story, item(link=long_url + "&other=1")], channel=CHANNEL_FEED, received_at=now, feed_id=7)
    )
    assert [result.status for result in batch] == ["duplicate", "created"]
    assert batch[0].id == first.id
    keys = await db.read(lambda conn: conn.execute(sa.select(items.c.identity)).scalars().all())
    assert all(len(key) <= 512 for key in keys)


async def test_changes_are_numbered_by_the_database_not_by_the_writers_clock(db: Database) -> None:
    now = to_micros(utcnow())
    ahead = await save(db, item(link=URL + "-1"), at=now)
    seen = await db.read(list_changes, limit=10, after=0, settle_micros=0, filters=ItemFilters())
    assert [found.id for found in seen] == [ahead.id]
    # A replica ten seconds behind stores the next story, and then edits the first.
    behind = await save(db, item(link=URL + "-2"), at=now - 10 * SECOND)
    await save(db, item(link=URL + "-1", title="Markets rally, corrected"), at=now - 9 * SECOND)
    later = await db.read(list_changes, limit=10, after=seen[-1].change_seq, settle_micros=0, filters=ItemFilters())
    assert [found.id for found in later] == [behind.id, ahead.id]
    assert later[0].change_seq > seen[-1].change_seq

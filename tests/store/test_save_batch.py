"""save_items, a feed's entries in one operation: the same results, rows and deliveries as save_item per entry."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy import Connection

from app.clock import to_micros, utcnow
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.store.db import Database, migrate
from app.store.items import _INSERT_MANY, SaveResult, save_item, save_items
from app.store.listings import ItemFilters, get_item, search_items
from app.store.subscriptions import add_subscription
from app.store.tables import (
    CHANNEL_FEED,
    CHANNEL_WEBHOOK,
    AnyRow,
    deliveries,
    delivery_payloads,
    item_aliases,
    items,
    subscriptions,
)

SECOND = 1_000_000
FEED_ID = 7
SHORTLINK_IDENTITY = "url:https://sho.rt/x3"


def story(number: int, *, body: str = "One paragraph.") -> NormalizedItem:
    """A story with a word of its own (``quokkaN``) for full-text search."""
    raw = RawItem(
        title=f"Story {number} moves the markets",
        content=f"<p>Quokka{number} {body}</p>",
        link=f"https://www.example.com/story-{number}",
        feed_title="Business Insider",
        published="2021-02-25T21:14:00Z",
    )
    return normalize(raw, now=utcnow(), settings=NormalizeSettings())


async def save_one(db: Database, item: NormalizedItem, *, channel: int = CHANNEL_FEED, now: int) -> int:
    result = await db.write(save_item(item, channel=channel, received_at=now, feed_id=FEED_ID))
    return int(result.id)


async def save_batch(db: Database, batch: Sequence[NormalizedItem], *, now: int) -> list[SaveResult]:
    results: list[SaveResult] = await db.write(
        save_items(batch, channel=CHANNEL_FEED, received_at=now, feed_id=FEED_ID)
    )
    return results


async def stored_ids(db: Database) -> dict[str, int]:
    rows = await db.read(lambda conn: conn.execute(sa.select(items.c.identity, items.c.id)).all())
    return {identity: int(item_id) for identity, item_id in rows}


async def stored(db: Database, item_id: int) -> AnyRow:
    row = await db.read(get_item, item_id)
    assert row is not None
    return row


async def found(db: Database, words: str) -> list[int]:
    rows = await db.read(search_items, q=words, limit=10, before_id=None, filters=ItemFilters())
    return [int(row.id) for row in rows]


async def all_deliveries(db: Database) -> list[AnyRow]:
    # Each delivery with the body it sends (shared by an event's deliveries: delivery_payloads).
    query = (
        sa.select(
            *(column for column in deliveries.c if column.name != "payload"),
            sa.func.coalesce(deliveries.c.payload, delivery_payloads.c.body).label("payload"),
        )
        .select_from(deliveries.outerjoin(delivery_payloads, delivery_payloads.c.id == deliveries.c.payload_id))
        .order_by(deliveries.c.id)
    )
    return list(await db.read(lambda conn: conn.execute(query).all()))


async def subscribe(db: Database, *, active: bool = True) -> int:
    subscription_id = int(
        await db.write(add_subscription(url="http://127.0.0.1:9/hook", secret="s", filters={}, now=0))
    )
    if not active:
        await db.write(
            lambda conn: conn.execute(
                sa.update(subscriptions).where(subscriptions.c.id == subscription_id).values(active=False)
            )
        )
    return subscription_id


async def test_a_mixed_batch_creates_merges_and_finds_like_one_save_per_entry(db: Database) -> None:
    before = to_micros(utcnow())
    duplicate = await save_one(db, story(1), now=before)
    changed = await save_one(db, story(2), now=before)
    aliased = await save_one(db, story(3), now=before)
    other_channel = await save_one(db, story(5), channel=CHANNEL_WEBHOOK, now=before)
    await db.write(
        lambda conn: conn.execute(
            sa.insert(item_aliases).values(old_id=10**6, identity=SHORTLINK_IDENTITY, item_id=aliased)
        )
    )
    await db.write(lambda conn: conn.execute(sa.update(items).where(items.c.id == other_channel).values(feed_id=None)))
    now = before + SECOND
    batch = [
        story(10),
        story(1),  # an exact duplicate
        story(12),
        story(2, body="A corrected paragraph."),  # updated
        story(3).model_copy(update={"identity": SHORTLINK_IDENTITY, "url": None}),  # through the alias
        story(12, body="Second version."),  # the same identity again, changed: an update of the first
        story(5).model_copy(update={"identity": "guid:#feed-5"}),  # by URL, stored from the webhook
        story(11),
        story(13),
        story(13).model_copy(update={"identity": "guid:#other-13"}),  # the same URL again: a duplicate
    ]

    results = await save_batch(db, batch, now=now)

    ids = await stored_ids(db)
    created = {number: ids[story(number).identity] for number in (10, 11, 12, 13)}
    assert [(result.id, result.status) for result in results] == [
        (created[10], "created"),
        (duplicate, "duplicate"),
        (created[12], "created"),
        (changed, "updated"),
        (aliased, "duplicate"),
        (created[12], "updated"),
        (other_channel, "duplicate"),
        (created[11], "created"),
        (created[13], "created"),
        (created[13], "duplicate"),
    ]
    assert len(ids) == 8, "one row per story"
    assert all(result.deliveries_queued == 0 for result in results), "no subscription, no delivery"
    assert await all_deliveries(db) == []
    published = to_micros(story(10).published_at)  # type: ignore[arg-type]
    for number, item_id in created.items():
        row = await stored(db, item_id)
        assert (row.headline, row.url, row.source) == (story(number).headline, story(number).url, "Business Insider")
        assert (row.channels, row.feed_id, row.received_at, row.updated_at) == (CHANNEL_FEED, FEED_ID, now, now)
        assert (row.sort_at, row.resolve_after) == (published, None)
        assert await found(db, f"quokka{number}") == [item_id]
    second = await stored(db, created[12])
    assert orjson.loads(second.body) == ["Quokka12 Second version."]
    assert second.content_hash == story(12, body="Second version.").content_hash
    assert await found(db, "second version") == [created[12]]
    updated = await stored(db, changed)
    assert orjson.loads(updated.body) == ["Quokka2 A corrected paragraph."]
    assert (updated.received_at, updated.updated_at, updated.feed_id) == (before, now, FEED_ID)
    assert await found(db, "corrected") == [changed]
    merged = await stored(db, other_channel)
    assert (merged.channels, merged.feed_id, merged.updated_at) == (CHANNEL_WEBHOOK | CHANNEL_FEED, FEED_ID, before)
    untouched = await stored(db, aliased)
    assert (untouched.url, untouched.updated_at) == (story(3).url, before)


async def test_a_batch_queues_a_delivery_per_created_or_updated_entry(db: Database) -> None:
    before = to_micros(utcnow())
    stored_first = await save_one(db, story(1), now=before)
    subscription_id = await subscribe(db)
    await subscribe(db, active=False)
    now = before + SECOND
    batch = [story(20), story(1), story(21), story(21, body="Second version."), story(1, body="Changed.")]

    results = await save_batch(db, batch, now=now)

    ids = await stored_ids(db)
    first, second = ids[story(20).identity], ids[story(21).identity]
    assert [(r.id, r.status, r.deliveries_queued) for r in results] == [
        (first, "created", 1),
        (stored_first, "duplicate", 0),
        (second, "created", 1),
        (second, "updated", 1),
        (stored_first, "updated", 1),
    ]
    rows = await all_deliveries(db)
    assert [(row.subscription_id, row.item_id, row.event) for row in rows] == [
        (subscription_id, first, "item.created"),
        (subscription_id, second, "item.created"),
        (subscription_id, second, "item.updated"),
        (subscription_id, stored_first, "item.updated"),
    ]
    # Each payload is the story as that entry saved it, not as the batch left it.
    bodies = [orjson.loads(row.payload)["data"]["body"] for row in rows]
    assert bodies == [
        ["Quokka20 One paragraph."],
        ["Quokka21 One paragraph."],
        ["Quokka21 Second version."],
        ["Quokka1 Changed."],
    ]


async def test_a_batch_with_only_inactive_subscriptions_queues_nothing(db: Database) -> None:
    await subscribe(db, active=False)
    results = await save_batch(db, [story(1), story(2)], now=to_micros(utcnow()))
    assert [(r.status, r.deliveries_queued) for r in results] == [("created", 0), ("created", 0)]
    assert await all_deliveries(db) == []


def _many(count: int) -> list[NormalizedItem]:
    template = story(0)
    return [
        template.model_copy(
            update={
                "identity": f"guid:#bulk-{n}",
                "url": f"https://www.example.com/bulk-{n}",
                "headline": f"Bulk story {n}",
                "content_hash": f"bulk-{n}",
            }
        )
        for n in range(count)
    ]


async def test_a_batch_larger_than_one_insert_stores_every_entry_under_its_id(db: Database) -> None:
    chunk = _INSERT_MANY.chunk_rows(sqlite3.connect(":memory:"))
    await save_one(db, story(1), now=to_micros(utcnow()))
    batch = _many(chunk + 62)
    batch.insert(chunk - 1, story(1))  # a duplicate at the first chunk's end
    batch.insert(chunk + 10, batch[chunk + 5])  # a repeat in the second chunk

    results = await save_batch(db, batch, now=to_micros(utcnow()))

    ids = await stored_ids(db)
    assert len(ids) == chunk + 63
    assert [result.id for result in results] == [ids[item.identity] for item in batch]
    assert [result.status for result in results].count("created") == chunk + 62
    assert results[chunk - 1].status == results[chunk + 10].status == "duplicate"
    for position in (0, chunk - 2, chunk, len(batch) - 1):
        row = await stored(db, results[position].id)
        assert row.headline == batch[position].headline


async def test_ids_are_read_back_when_sqlite_cannot_hand_out_consecutive_ids(db: Database) -> None:
    """Past the largest rowid SQLite picks random free ones: the batch must not assume consecutive ids."""
    values: dict[str, Any] = {
        "id": 2**63 - 1,
        "identity": "guid:#last",
        "headline": "The last id",
        "bullets": "[]",
        "body": "[]",
        "received_at": 0,
        "updated_at": 0,
        "sort_at": 0,
        "channels": CHANNEL_FEED,
        "content_hash": "last",
    }
    await db.write(lambda conn: conn.execute(sa.insert(items).values(values)))
    batch = _many(40)

    results = await save_batch(db, batch, now=to_micros(utcnow()))

    ids = await stored_ids(db)
    assert [(result.id, result.status) for result in results] == [(ids[item.identity], "created") for item in batch]
    for result, item in zip(results, batch, strict=True):
        assert (await stored(db, result.id)).headline == item.headline


# SQLite only: the batched path against the per-entry one, and its statement count.


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[Connection, Connection]]:
    engines = []
    for name in ("batched", "one-by-one"):
        url = f"sqlite:///{tmp_path / name}.db"
        migrate(url)
        engines.append(sa.create_engine(url, poolclass=sa.pool.NullPool))
    with engines[0].connect() as batched, engines[1].connect() as one_by_one:
        yield batched, one_by_one
    for engine in engines:
        engine.dispose()


def _random_batch(rng: random.Random, size: int) -> list[NormalizedItem]:
    """Entries drawn from few identities, URLs and versions, so that they meet one another and the stored ones."""
    template = story(0)
    batch = []
    for _ in range(size):
        version = rng.randrange(3)
        url = rng.choice([None, *(f"https://www.example.com/u{n}" for n in range(8))])
        update = {"identity": f"guid:#i{rng.randrange(12)}", "url": url, "content_hash": f"v{version}"}
        batch.append(template.model_copy(update=update | {"headline": f"Version {version}"}))
    return batch


def _everything(conn: Connection) -> list[Any]:
    tables = (items, item_aliases)
    # Not the change numbers and their instants: a batch numbers its updates before its inserts.
    unnumbered = [[column for column in table.c if column.name not in ("change_seq", "changed_at")] for table in tables]
    rows = [
        tuple(row)
        for table, columns in zip(tables, unnumbered, strict=True)
        for row in conn.execute(sa.select(*columns).order_by(table.c[0].name))
    ]
    for version in range(3):  # what the full-text index finds, version by version
        matches = sa.text("SELECT rowid FROM items_fts WHERE items_fts MATCH :words ORDER BY rowid")
        rows += [(version, *row) for row in conn.execute(matches, {"words": f'"version" "{version}"'})]
    conn.rollback()
    return rows


@pytest.mark.parametrize("seed", range(8))
def test_the_batched_path_stores_what_saving_one_by_one_stores(
    two_stores: tuple[Connection, Connection], seed: int
) -> None:
    rng = random.Random(seed)
    batched, one_by_one = two_stores
    now = to_micros(utcnow())
    for conn in two_stores:
        with conn.begin():
            for number, item in enumerate(_random_batch(random.Random(-seed), 6)):
                save_item(item, channel=CHANNEL_WEBHOOK, received_at=now - SECOND, feed_id=number or None)(conn)
            alias = {"old_id": 10**6, "identity": "guid:#i11", "item_id": 1}
            conn.execute(sa.insert(item_aliases).values(alias))
    for _ in range(3):
        batch = _random_batch(rng, 40)
        with batched.begin():
            results = save_items(batch, channel=CHANNEL_FEED, received_at=now, feed_id=FEED_ID)(batched)
        with one_by_one.begin():
            expected = [
                save_item(item, channel=CHANNEL_FEED, received_at=now, feed_id=FEED_ID)(one_by_one) for item in batch
            ]
        assert results == expected
        assert _everything(batched) == _everything(one_by_one)
        now += SECOND


class _CountingCursor(sqlite3.Cursor):
    def execute(self, sql: str, parameters: Any = (), /) -> _CountingCursor:
        assert isinstance(self.connection, _CountingConnection)
        self.connection.executed.append(sql)
        return super().execute(sql, parameters)


class _CountingConnection(sqlite3.Connection):
    """Counts the statements executed through its cursors (SQLAlchemy's and the prepared statements')."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.executed: list[str] = []

    def cursor(self, factory: Any = None) -> _CountingCursor:  # type: ignore[override]
        return super().cursor(_CountingCursor)


def test_a_batch_runs_the_same_statements_however_many_entries_it_has(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'count.db'}"
    migrate(url)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"factory": _CountingConnection})
    counts = []
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, _CountingConnection)
        for size in (5, 50, 200):
            batch = _many(size)
            with conn.begin():  # half of them stored already, as on a re-poll
                save_items(batch[: size // 2], channel=CHANNEL_FEED, received_at=1, feed_id=FEED_ID)(conn)
            driver.executed.clear()
            with conn.begin():
                save_items(batch, channel=CHANNEL_FEED, received_at=2, feed_id=FEED_ID)(conn)
            counts.append(len(driver.executed))
            with conn.begin():
                conn.execute(sa.delete(items))
    engine.dispose()
    assert counts[0] == counts[1] == counts[2] <= 4, counts

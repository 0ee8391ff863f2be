"""Subscriptions repository on a real database: the outbox filled by item saves, leased claims, attempt records."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite

from app.clock import to_micros, utcnow
from app.document import item_document
from app.errors import NotFound
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.store.db import Database, migrate
from app.store.deliveries import Attempt, claim_due_deliveries, list_deliveries, next_due_at, record_attempt
from app.store.items import save_item
from app.store.listings import get_item
from app.store.subscriptions import (
    add_subscription,
    delete_subscription,
    enqueue_for_item,
    get_subscription,
)
from app.store.tables import (
    CHANNEL_FEED,
    CHANNEL_WEBHOOK,
    AnyRow,
    deliveries,
    delivery_attempts,
    delivery_payloads,
    subscriptions,
)

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SECOND = 1_000_000


def story(number: int, *, source: str = "Business Insider", body: str = "One paragraph.") -> NormalizedItem:
    raw = RawItem(
        title=f"Story {number} moves the markets",
        content=f"<ul><li>Point of story {number}.</li></ul><p>{body}</p>",
        link=f"https://www.example.com/story-{number}",
        feed_title=source,
        published="2021-02-25T21:14:00Z",
    )
    return normalize(raw, now=utcnow(), settings=NormalizeSettings())


async def subscribe(db: Database, filters: dict[str, Any] | None = None, *, now: int | None = None) -> int:
    now = to_micros(utcnow()) if now is None else now
    subscription_id: int = await db.write(
        add_subscription(url="http://127.0.0.1:9/hook", secret=SECRET, filters=filters or {}, now=now)
    )
    return subscription_id


async def switch_off(db: Database, subscription_id: int) -> None:
    await db.write(
        lambda conn: conn.execute(
            sa.update(subscriptions).where(subscriptions.c.id == subscription_id).values(active=False)
        )
    )


async def saved(db: Database, item: NormalizedItem, *, now: int | None = None) -> int:
    """Save an item. Tests that queue deliveries by hand save before subscribing: the save queues them too."""
    result = await db.write(save_item(item, channel=CHANNEL_WEBHOOK, received_at=now or to_micros(utcnow())))
    return int(result.id)


async def saved_many(db: Database, count: int) -> list[int]:
    return [await saved(db, story(number)) for number in range(count)]


async def enqueue(db: Database, item_id: int, *, now: int, event: str = "item.created") -> int:
    def op(conn: Connection) -> int:
        return enqueue_for_item(conn, item_id=item_id, event=event, now=now)  # type: ignore[arg-type]

    queued: int = await db.write(op)
    return queued


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


async def test_the_payload_data_is_the_item_as_the_api_shows_it(db: Database) -> None:
    item_id = await saved(db, story(1), now=to_micros(utcnow()) + 123)  # microseconds in the instants
    await db.write(save_item(story(1), channel=CHANNEL_FEED, received_at=to_micros(utcnow())))  # now both channels
    await subscribe(db)
    now = to_micros(utcnow())
    assert await enqueue(db, item_id, now=now, event="item.updated") == 1
    row = await db.read(get_item, item_id)
    assert row is not None
    assert row.channels == CHANNEL_WEBHOOK | CHANNEL_FEED
    payload = orjson.loads((await all_deliveries(db))[0].payload)
    assert payload["data"] == item_document(row)
    assert payload["data"]["channels"] == ["webhook", "feed"]


async def test_enqueue_queues_one_delivery_per_matching_active_subscription(db: Database) -> None:
    item_id = await saved(db, story(1, source="Business Insider"))
    everything = await subscribe(db)
    same_source = await subscribe(db, {"source": "Business Insider"})
    await subscribe(db, {"source": "Reuters"})
    await subscribe(db, {"channels": ["feed"]})
    await switch_off(db, await subscribe(db, {}))
    now = to_micros(utcnow())

    assert await enqueue(db, item_id, now=now) == 2
    rows = await all_deliveries(db)
    assert [row.subscription_id for row in rows] == [everything, same_source]
    assert {row.status for row in rows} == {"pending"}
    assert all(row.next_attempt_at == now and row.attempts == 0 for row in rows)
    assert all(row.webhook_id.startswith("msg_") for row in rows)
    assert len({row.webhook_id for row in rows}) == 2, "one message id per subscription"
    payload = orjson.loads(rows[0].payload)
    assert payload["type"] == "item.created"
    assert payload["timestamp"].endswith("Z")
    assert payload["data"]["id"] == item_id
    assert payload["data"]["headline"] == "Story 1 moves the markets"
    assert rows[0].payload == rows[1].payload


async def test_enqueue_without_subscriptions_queues_nothing(db: Database) -> None:
    item_id = await saved(db, story(1))
    assert await enqueue(db, item_id, now=to_micros(utcnow())) == 0
    assert await all_deliveries(db) == []


async def test_saving_an_item_queues_its_deliveries_in_the_same_transaction(db: Database) -> None:
    """The outbox hook in save_item: created and updated queue a delivery, a duplicate none, a rollback none."""
    subscription_id = await subscribe(db)
    now = to_micros(utcnow())
    item_id = await saved(db, story(1), now=now)
    await saved(db, story(1), now=now + SECOND)  # the same content again: a duplicate
    await saved(db, story(1, body="A corrected paragraph."), now=now + 2 * SECOND)
    rows = await all_deliveries(db)
    assert [(row.subscription_id, row.item_id, row.event) for row in rows] == [
        (subscription_id, item_id, "item.created"),
        (subscription_id, item_id, "item.updated"),
    ]
    assert orjson.loads(rows[1].payload)["data"]["body"] == ["A corrected paragraph."]

    def save_then_fail(conn: Connection) -> None:
        save_item(story(2), channel=CHANNEL_WEBHOOK, received_at=now)(conn)
        raise RuntimeError("the batch fails after the save")

    with pytest.raises(RuntimeError):
        await db.write(save_then_fail)
    assert len(await all_deliveries(db)) == 2, "a rolled-back item leaves no delivery behind"


async def test_a_save_says_how_many_deliveries_it_queued(db: Database) -> None:
    """The webhook wakes the delivery worker only when this count is not 0."""
    now = to_micros(utcnow())
    assert (await db.write(save_item(story(1), channel=CHANNEL_WEBHOOK, received_at=now))).deliveries_queued == 0
    await subscribe(db)
    await subscribe(db, {"source": "Nobody"})
    assert (await db.write(save_item(story(2), channel=CHANNEL_WEBHOOK, received_at=now))).deliveries_queued == 1
    duplicate = await db.write(save_item(story(2), channel=CHANNEL_WEBHOOK, received_at=now + SECOND))
    assert (duplicate.status, duplicate.deliveries_queued) == ("duplicate", 0)


async def test_claims_are_leases_and_skip_disabled_subscriptions(db: Database) -> None:
    item_id = await saved(db, story(1))
    first, second = await subscribe(db), await subscribe(db)
    now = to_micros(utcnow())
    await enqueue(db, item_id, now=now)

    mine = await db.write(claim_due_deliveries(owner="a", now=now, lease_micros=60 * SECOND, limit=10))
    assert [(claim.subscription_id, claim.url, claim.secret) for claim in mine] == [
        (first, "http://127.0.0.1:9/hook", SECRET),
        (second, "http://127.0.0.1:9/hook", SECRET),
    ]
    assert orjson.loads(mine[0].payload)["data"]["id"] == item_id
    assert await db.write(claim_due_deliveries(owner="b", now=now, lease_micros=60 * SECOND, limit=10)) == []
    assert await db.read(next_due_at) == now + 60 * SECOND, "the next chance is when the leases run out"

    # The leases run out (a crashed worker): another worker takes them, but only for active subscriptions.
    await switch_off(db, second)
    later = now + 61 * SECOND
    taken = await db.write(claim_due_deliveries(owner="b", now=later, lease_micros=60 * SECOND, limit=10))
    assert [claim.id for claim in taken] == [mine[0].id]
    assert taken[0].webhook_id == mine[0].webhook_id


async def test_attempts_settle_deliveries_and_count_failures(db: Database) -> None:
    item_id = await saved(db, story(1))
    subscription_id = await subscribe(db)
    now = to_micros(utcnow())
    await enqueue(db, item_id, now=now)
    [claim] = await db.write(claim_due_deliveries(owner="w", now=now, lease_micros=60 * SECOND, limit=10))

    retry = Attempt(
        claim.id, now, 12, 500, "HTTP 500 Internal Server Error", "retry", next_attempt_at=now + 30 * SECOND
    )
    assert await db.write(record_attempt(retry, owner="someone-else", failure_limit=5)) is None, "not the lease owner"
    assert await db.write(record_attempt(retry, owner="w", failure_limit=5)) == "failed"
    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert subscription.failure_count == 1
    assert await db.read(next_due_at) == now + 30 * SECOND

    later = now + 31 * SECOND
    [again] = await db.write(claim_due_deliveries(owner="w", now=later, lease_micros=60 * SECOND, limit=10))
    assert again.attempts == 1
    assert await db.write(
        record_attempt(Attempt(again.id, later, 8, 204, None, "delivered"), owner="w", failure_limit=5)
    )
    [view] = await db.read(list_deliveries, subscription_id=subscription_id, limit=10)
    assert view.delivery.status == "delivered"
    assert view.delivery.delivered_at == later
    assert view.delivery.next_attempt_at is None
    assert view.delivery.attempts == 2
    assert [(a.status_code, a.error) for a in view.attempts] == [(500, "HTTP 500 Internal Server Error"), (204, None)]
    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert subscription.failure_count == 0, "a success resets the count"
    assert await db.read(next_due_at) is None


async def test_gone_disables_the_subscription_and_kills_its_live_deliveries(db: Database) -> None:
    item_ids = await saved_many(db, 3)
    subscription_id = await subscribe(db)
    now = to_micros(utcnow())
    for item_id in item_ids:
        await enqueue(db, item_id, now=now)
    first, *_ = await db.write(claim_due_deliveries(owner="w", now=now, lease_micros=60 * SECOND, limit=1))
    gone = Attempt(first.id, now, 3, 410, "HTTP 410 Gone", "gone")
    assert await db.write(record_attempt(gone, owner="w", failure_limit=50)) == "dead"

    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert not subscription.active
    assert subscription.disabled_reason == "the endpoint answered 410 Gone"
    rows = await all_deliveries(db)
    assert {row.status for row in rows} == {"dead"}
    assert all(row.next_attempt_at is None for row in rows)
    assert rows[1].last_error == "subscription disabled: the endpoint answered 410 Gone"
    assert await db.write(claim_due_deliveries(owner="w", now=now, lease_micros=60 * SECOND, limit=10)) == []


async def test_the_nth_consecutive_failure_disables_the_subscription(db: Database) -> None:
    item_ids = await saved_many(db, 4)
    subscription_id = await subscribe(db)
    now = to_micros(utcnow())
    for item_id in item_ids:
        await enqueue(db, item_id, now=now)
    claims = await db.write(claim_due_deliveries(owner="w", now=now, lease_micros=60 * SECOND, limit=3))
    statuses = []
    for claim in claims:
        attempt = Attempt(claim.id, now, 5, None, "cannot connect", "retry", next_attempt_at=now + SECOND)
        statuses.append(await db.write(record_attempt(attempt, owner="w", failure_limit=3)))
    assert statuses == ["failed", "failed", "dead"]
    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert not subscription.active
    assert subscription.disabled_reason == "3 consecutive failed attempts"
    assert [row.status for row in await all_deliveries(db)] == ["dead"] * 4


async def test_deleting_a_subscription_removes_its_history_and_orphans_no_attempt(db: Database) -> None:
    [item_id] = await saved_many(db, 1)
    kept, dropped = await subscribe(db), await subscribe(db)
    now = to_micros(utcnow())
    await enqueue(db, item_id, now=now)
    claims = await db.write(claim_due_deliveries(owner="w", now=now, lease_micros=60 * SECOND, limit=10))
    for claim in claims:
        attempt = Attempt(claim.id, now, 5, 500, "HTTP 500", "retry", next_attempt_at=now + SECOND)
        await db.write(record_attempt(attempt, owner="w", failure_limit=50))
    [in_flight] = [
        claim
        for claim in await db.write(claim_due_deliveries(owner="w", now=now + 2 * SECOND, lease_micros=SECOND, limit=9))
        if claim.subscription_id == dropped
    ]
    await db.write(delete_subscription(dropped))
    late = Attempt(in_flight.id, now, 5, 200, None, "delivered")
    assert await db.write(record_attempt(late, owner="w", failure_limit=50)) is None
    assert await db.read(get_subscription, dropped) is None
    assert [row.subscription_id for row in await all_deliveries(db)] == [kept]
    attempts = await db.read(lambda conn: conn.execute(sa.select(delivery_attempts)).all())
    assert len(attempts) == 1
    with pytest.raises(NotFound):
        await db.write(delete_subscription(dropped))


async def test_deliveries_list_newest_first_in_pages(db: Database) -> None:
    item_ids = await saved_many(db, 5)
    subscription_id = await subscribe(db)
    now = to_micros(utcnow())
    for item_id in item_ids:
        await enqueue(db, item_id, now=now)
    first = await db.read(list_deliveries, subscription_id=subscription_id, limit=3)
    rest = await db.read(list_deliveries, subscription_id=subscription_id, limit=3, before_id=first[-1].delivery.id)
    ids = [view.delivery.id for view in first + rest]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == 5


async def test_a_subscription_gets_an_items_events_in_order(db: Database) -> None:
    """A retried item.created never lands after (and so overwrites) the newer item.updated of the same item."""
    [item_id] = await saved_many(db, 1)
    await subscribe(db)
    now = to_micros(utcnow())
    await enqueue(db, item_id, now=now, event="item.created")
    await enqueue(db, item_id, now=now, event="item.updated")
    lease = 60 * SECOND
    [created] = await db.write(claim_due_deliveries(owner="w", now=now, lease_micros=lease, limit=10))
    retry = Attempt(created.id, now, 5, 503, "HTTP 503", "retry", next_attempt_at=now + 30 * SECOND)
    await db.write(record_attempt(retry, owner="w", failure_limit=50))
    assert await db.write(claim_due_deliveries(owner="w", now=now + SECOND, lease_micros=lease, limit=10)) == []
    assert await db.read(next_due_at) == now + 30 * SECOND, "the update waits for the creation's retry"

    later = now + 31 * SECOND
    [again] = await db.write(claim_due_deliveries(owner="w", now=later, lease_micros=lease, limit=10))
    assert again.id == created.id
    await db.write(record_attempt(Attempt(again.id, later, 5, 200, None, "delivered"), owner="w", failure_limit=50))
    [updated] = await db.write(claim_due_deliveries(owner="w", now=later, lease_micros=lease, limit=10))
    assert orjson.loads(updated.payload)["type"] == "item.updated"


def test_claims_seek_the_due_and_item_indexes(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    migrate(f"sqlite:///{path}")
    statements: list[sa.ClauseElement] = []

    class Capture:
        dialect = sqlite.dialect()

        def execute(self, statement: sa.ClauseElement) -> Capture:
            statements.append(statement)
            return self

        def all(self) -> list[object]:
            return []

    claim_due_deliveries(owner="w", now=1, lease_micros=1, limit=16)(Capture())  # type: ignore[arg-type]
    compiled = statements[0].compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with sqlite3.connect(path) as conn:
        plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {compiled}"))
    # Walks the due deliveries in order (no sort), whatever history the subscriptions have.
    assert "SEARCH deliveries USING INDEX ix_deliveries_due (next_attempt_at<?)" in plan, plan
    assert "SEARCH older USING INDEX ix_deliveries_item (subscription_id=? AND item_id=? AND id<?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan

"""Migration 0006 on a store with data: numbered changes, first sources, hashed identities, kept payloads."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.db import Database, migrate
from app.store.deliveries import claim_due_deliveries
from app.store.keys import stored_key
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, deliveries, items, subscriptions

LONG = "url:https://publisher.example/story?" + "x" * 600


def _item(identity: str, *, updated_at: int, feed_id: int | None, channels: int) -> dict[str, object]:
    return {
        "identity": identity,
        "headline": identity[:40],
        "bullets": "[]",
        "body": "[]",
        "received_at": 1,
        "updated_at": updated_at,
        "sort_at": 1,
        "channels": channels,
        "feed_id": feed_id,
        "content_hash": "h",
        "flags": "[]",
    }


async def test_the_upgrade_numbers_existing_changes_and_keeps_every_delivery(empty_database: str) -> None:
    database_url = empty_database
    await asyncio.to_thread(migrate, database_url, "0004")
    sqlite = database_url.startswith("sqlite")
    old_rows = [
        _item("url:https://publisher.example/b", updated_at=30, feed_id=None, channels=CHANNEL_WEBHOOK),
        _item("url:https://publisher.example/a", updated_at=10, feed_id=7, channels=CHANNEL_FEED | CHANNEL_WEBHOOK),
    ]
    if sqlite:  # only SQLite could keep an identity longer than the column
        old_rows.append(_item(LONG, updated_at=20, feed_id=None, channels=CHANNEL_WEBHOOK))
    legacy = sa.table(
        "deliveries",
        *(sa.column(name) for name in ("subscription_id", "item_id", "event", "webhook_id", "payload", "status")),
        *(sa.column(name) for name in ("next_attempt_at", "created_at")),
    )

    def seed(conn: Connection) -> None:
        columns: list[sa.ColumnClause[object]] = [sa.column(name) for name in old_rows[0]]
        conn.execute(sa.insert(sa.table("items", *columns)), old_rows)
        conn.execute(sa.insert(subscriptions).values(id=1, url="http://127.0.0.1:9/hook", secret="s", created_at=0))
        delivery = {"subscription_id": 1, "item_id": 1, "event": "item.created", "webhook_id": "msg_old"}
        conn.execute(
            sa.insert(legacy).values(
                **delivery, payload='{"old": true}', status="pending", next_attempt_at=0, created_at=0
            )
        )

    db = Database(database_url)
    await db.start()
    try:
        await db.write(seed)
    finally:
        await db.close()
    await asyncio.to_thread(migrate, database_url)
    db = Database(database_url)
    await db.start()
    try:
        query = sa.select(items.c.identity, items.c.change_seq, items.c.origin_channel, items.c.origin_feed_id)
        rows = await db.read(lambda conn: conn.execute(query.order_by(items.c.change_seq)).all())
        expected: list[tuple[str, int, int, int | None]] = [("url:https://publisher.example/a", 1, CHANNEL_FEED, 7)]
        if sqlite:
            expected.append((stored_key(LONG), 2, CHANNEL_WEBHOOK, None))
        expected.append(("url:https://publisher.example/b", len(expected) + 1, CHANNEL_WEBHOOK, None))
        assert [tuple(row) for row in rows] == expected
        # The next change is numbered after them, and the delivery queued before still sends its own payload.
        await db.write(lambda conn: conn.execute(sa.update(items).where(items.c.id == 2).values(updated_at=40)))
        latest = await db.read(lambda conn: conn.execute(sa.select(items.c.change_seq).where(items.c.id == 2)).scalar())
        assert latest == len(expected) + 1
        claimed = await db.write(claim_due_deliveries(owner="w", now=1, lease_micros=10, limit=5))
        assert [(delivery.webhook_id, delivery.payload) for delivery in claimed] == [("msg_old", b'{"old": true}')]
        assert await db.read(lambda conn: conn.execute(sa.select(deliveries.c.payload_id)).scalars().all()) == [None]
    finally:
        await db.close()

"""Subscriptions repository: webhook targets, and the delivery outbox each item save fills.

A delivery is a row per (subscription, item event), inserted in the same transaction as the item it
announces, so an item is committed if and only if its deliveries are; its payload and ``webhook_id`` are
fixed then, and every retry sends the same bytes under the same id (Standard Webhooks). Sending them is
app/store/deliveries.py's part.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection

from app.document import ItemEvent, channel_names, event_payload
from app.errors import NotFound
from app.store.prepared import Prepared
from app.store.tables import (
    AnyRow,
    deliveries,
    delivery_attempts,
    delivery_payloads,
    items,
    subscriptions,
)
from app.store.writer import WriteOp

__all__ = [
    "active_subscriptions",
    "add_subscription",
    "delete_subscription",
    "enqueue_for_item",
    "get_subscription",
    "list_subscriptions",
]


def add_subscription(*, url: str, secret: str, filters: dict[str, Any], now: int) -> WriteOp[int]:
    """Register a webhook target; returns its id."""

    def op(conn: Connection) -> int:
        values = {"url": url, "secret": secret, "filters": orjson.dumps(filters).decode(), "created_at": now}
        return int(conn.execute(sa.insert(subscriptions).values(values).returning(subscriptions.c.id)).scalar_one())

    return op


def get_subscription(conn: Connection, subscription_id: int) -> AnyRow | None:
    return conn.execute(sa.select(subscriptions).where(subscriptions.c.id == subscription_id)).first()


def list_subscriptions(conn: Connection) -> Sequence[AnyRow]:
    return conn.execute(sa.select(subscriptions).order_by(subscriptions.c.id)).all()


def delete_subscription(subscription_id: int) -> WriteOp[None]:
    """Remove a subscription with its deliveries and their attempts; a worker mid-send then records nothing."""

    def op(conn: Connection) -> None:
        owned = sa.select(deliveries.c.id).where(deliveries.c.subscription_id == subscription_id)
        conn.execute(sa.delete(delivery_attempts).where(delivery_attempts.c.delivery_id.in_(owned)))
        conn.execute(sa.delete(deliveries).where(deliveries.c.subscription_id == subscription_id))
        if conn.execute(sa.delete(subscriptions).where(subscriptions.c.id == subscription_id)).rowcount == 0:
            raise NotFound(f"no subscription with id {subscription_id}")

    return op


def _matches(filters: dict[str, Any], row: AnyRow) -> bool:
    if filters.get("source") is not None and row.source != filters["source"]:
        return False
    wanted = filters.get("channels")
    return not wanted or any(name in channel_names(row.channels) for name in wanted)


# Built once: this runs inside every item save that creates or changes a story.
# Run for every saved item (once per feed for save_items), so prepared (app/store/prepared.py) like the save's own.
_ACTIVE = Prepared(sa.select(subscriptions.c.id, subscriptions.c.filters).where(subscriptions.c.active.is_(True)))
_ITEM = sa.select(items).where(items.c.id == sa.bindparam("item_id"))
_INSERT_DELIVERY = sa.insert(deliveries)
_INSERT_PAYLOAD = sa.insert(delivery_payloads).returning(delivery_payloads.c.id)


def active_subscriptions(conn: Connection) -> Sequence[Any]:
    """The active subscriptions (id, filters): read once for a batch of saves, then passed to `enqueue_for_item`."""
    return _ACTIVE.all(conn)


def enqueue_for_item(
    conn: Connection, *, item_id: int, event: ItemEvent, now: int, active: Sequence[Any] | None = None
) -> int:
    """Queue one delivery of the item per matching active subscription, in the caller's transaction.

    Call it from inside the item save, after the row is written: it reads the row as saved, so the
    payload is the item as committed. `active` is `active_subscriptions` read earlier in the same
    transaction (None: read them now). Returns how many deliveries were queued.
    """
    if active is None:
        active = active_subscriptions(conn)
    if not active:
        return 0
    row = conn.execute(_ITEM, {"item_id": item_id}).first()
    if row is None:
        return 0
    targets = [sub.id for sub in active if _matches(orjson.loads(sub.filters), row)]
    if targets:
        # One body for every subscription the event goes to: the deliveries share it, not copy it.
        body = event_payload(row, event=event, now=now).decode()
        payload_id = conn.execute(_INSERT_PAYLOAD, {"body": body, "created_at": now}).scalar_one()
        rows = [
            {
                "subscription_id": subscription_id,
                "item_id": item_id,
                "event": event,
                "webhook_id": f"msg_{uuid.uuid4().hex}",
                "payload_id": payload_id,
                "status": "pending",
                "next_attempt_at": now,
                "created_at": now,
            }
            for subscription_id in targets
        ]
        conn.execute(_INSERT_DELIVERY, rows)
    return len(targets)

"""Operator actions on a subscription: re-enable it (its secret kept) and queue a test event to it."""

from __future__ import annotations

import uuid

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection

from app.clock import from_micros
from app.errors import NotFound
from app.store.tables import deliveries, subscriptions
from app.store.writer import WriteOp

__all__ = ["TEST_EVENT", "queue_test_event", "reactivate_subscription"]

TEST_EVENT = "test"
"""The event type of a test delivery: a receiver can tell it from an item event and ignore it."""


def reactivate_subscription(subscription_id: int) -> WriteOp[None]:
    """Make a disabled subscription active again with a clean failure count; its secret stays as issued,
    so the receiver needs no change. Deliveries queued before it was disabled go out again."""

    def op(conn: Connection) -> None:
        result = conn.execute(
            sa.update(subscriptions)
            .where(subscriptions.c.id == subscription_id)
            .values(active=True, failure_count=0, disabled_reason=None)
        )
        if result.rowcount == 0:
            raise NotFound(f"no subscription with id {subscription_id}")

    return op


def queue_test_event(subscription_id: int, *, now: int) -> WriteOp[str]:
    """Queue one `test` delivery to the subscription (signed and retried like any other); its webhook id."""

    def op(conn: Connection) -> str:
        exists = conn.execute(sa.select(subscriptions.c.id).where(subscriptions.c.id == subscription_id)).first()
        if exists is None:
            raise NotFound(f"no subscription with id {subscription_id}")
        stamp = orjson.dumps(from_micros(now), option=orjson.OPT_UTC_Z).decode().strip('"')
        body = {"type": TEST_EVENT, "timestamp": stamp, "data": {"message": "A test event from the feedhook console."}}
        webhook_id = f"msg_{uuid.uuid4().hex}"
        conn.execute(
            sa.insert(deliveries).values(
                subscription_id=subscription_id,
                item_id=0,  # no item: the payload is inline, as rows queued before shared payloads carry theirs
                event=TEST_EVENT,
                webhook_id=webhook_id,
                payload=orjson.dumps(body).decode(),
                status="pending",
                next_attempt_at=now,
                created_at=now,
            )
        )
        return webhook_id

    return op

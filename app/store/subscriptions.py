"""Subscriptions repository: webhook targets, the delivery outbox filled with each item save, leased claims, attempts.

A delivery is a row per (subscription, item event), inserted in the same transaction as the item it
announces, so an item is committed if and only if its deliveries are; its payload and ``webhook_id`` are
fixed then, and every retry sends the same bytes under the same id (Standard Webhooks). Workers take due
deliveries as expiring leases, like feeds: two workers never hold one delivery at once, and a crashed
worker's delivery is taken again once its lease runs out (at least once: receivers dedupe on the id).
A subscription gets one item's events in order: an event waits while an older one of the same item is
live, so a retried ``item.created`` can never land after, and overwrite, a newer ``item.updated``.

Statuses: ``pending`` (never tried), ``failed`` (last attempt failed, a retry is due at
``next_attempt_at``), ``delivered``, ``dead`` (given up, or the subscription was disabled).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection

from app.clock import from_micros
from app.errors import NotFound
from app.store.prepared import Prepared
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, AnyRow, deliveries, delivery_attempts, items, subscriptions
from app.store.writer import WriteOp

__all__ = [
    "Attempt",
    "ClaimedDelivery",
    "DeliveryView",
    "ItemEvent",
    "Verdict",
    "add_subscription",
    "claim_due_deliveries",
    "delete_subscription",
    "enqueue_for_item",
    "event_payload",
    "get_subscription",
    "item_document",
    "list_deliveries",
    "list_subscriptions",
    "next_due_at",
    "record_attempt",
]

ItemEvent = Literal["item.created", "item.updated"]
Verdict = Literal["delivered", "retry", "gone", "give_up"]
"""What the sender concluded from one attempt; the store settles the delivery and its subscription."""

LIVE = ("pending", "failed")
_older = deliveries.alias("older")
_FIRST_IN_LINE = ~sa.exists().where(
    _older.c.subscription_id == deliveries.c.subscription_id,
    _older.c.item_id == deliveries.c.item_id,
    _older.c.id < deliveries.c.id,
    _older.c.status.in_(LIVE),
)
"""No older live delivery of the same item to the same subscription (seeks ix_deliveries_item)."""
_CHANNEL_BITS = {"webhook": CHANNEL_WEBHOOK, "feed": CHANNEL_FEED}


def add_subscription(*, url: str, secret: str, filters: dict[str, Any], now: int) -> WriteOp:
    """Register a webhook target; returns its id."""

    def op(conn: Connection) -> int:
        values = {"url": url, "secret": secret, "filters": orjson.dumps(filters).decode(), "created_at": now}
        return int(conn.execute(sa.insert(subscriptions).values(values).returning(subscriptions.c.id)).scalar_one())

    return op


def get_subscription(conn: Connection, subscription_id: int) -> AnyRow | None:
    return conn.execute(sa.select(subscriptions).where(subscriptions.c.id == subscription_id)).first()


def list_subscriptions(conn: Connection) -> Sequence[AnyRow]:
    return conn.execute(sa.select(subscriptions).order_by(subscriptions.c.id)).all()


def delete_subscription(subscription_id: int) -> WriteOp:
    """Remove a subscription with its deliveries and their attempts; a worker mid-send then records nothing."""

    def op(conn: Connection) -> None:
        owned = sa.select(deliveries.c.id).where(deliveries.c.subscription_id == subscription_id)
        conn.execute(sa.delete(delivery_attempts).where(delivery_attempts.c.delivery_id.in_(owned)))
        conn.execute(sa.delete(deliveries).where(deliveries.c.subscription_id == subscription_id))
        if conn.execute(sa.delete(subscriptions).where(subscriptions.c.id == subscription_id)).rowcount == 0:
            raise NotFound(f"no subscription with id {subscription_id}")

    return op


def _rfc3339(micros: int) -> str:
    # orjson's UTC "Z" form is byte for byte what pydantic writes for the API's ItemOut.
    return orjson.dumps(from_micros(micros), option=orjson.OPT_UTC_Z).decode().strip('"')


def item_document(row: AnyRow) -> dict[str, Any]:
    """An item row as the public API shows it (the ItemOut schema; tests/store keeps the two equal)."""
    return {
        "id": row.id,
        "headline": row.headline,
        "bullets": orjson.loads(row.bullets),
        "body": orjson.loads(row.body),
        "body_html": row.body_html,
        "source": row.source,
        "source_link": row.source_link,
        "url": row.url,
        "author": row.author,
        "image_url": row.image_url,
        "published_at": _rfc3339(row.published_at) if row.published_at is not None else None,
        "received_at": _rfc3339(row.received_at),
        "updated_at": _rfc3339(row.updated_at),
        "channels": [name for name, bit in _CHANNEL_BITS.items() if row.channels & bit],
        "feed_id": row.feed_id,
    }


def event_payload(row: AnyRow, *, event: ItemEvent, now: int) -> bytes:
    """The body subscribers receive, in the Standard Webhooks shape: ``{type, timestamp, data}``."""
    return orjson.dumps({"type": event, "timestamp": _rfc3339(now), "data": item_document(row)})


def _matches(filters: dict[str, Any], row: AnyRow) -> bool:
    if filters.get("source") is not None and row.source != filters["source"]:
        return False
    wanted = filters.get("channels")
    return not wanted or any(row.channels & _CHANNEL_BITS.get(name, 0) for name in wanted)


# Built once: this runs inside every item save that creates or changes a story.
# Run for every saved item, so prepared (app/store/prepared.py) like the item save's own statements.
_ACTIVE = Prepared(sa.select(subscriptions.c.id, subscriptions.c.filters).where(subscriptions.c.active.is_(True)))
_ITEM = sa.select(items).where(items.c.id == sa.bindparam("item_id"))
_INSERT_DELIVERY = sa.insert(deliveries)


def enqueue_for_item(conn: Connection, *, item_id: int, event: ItemEvent, now: int) -> int:
    """Queue one delivery of the item per matching active subscription, in the caller's transaction.

    Call it from inside the item save, after the row is written: it reads the row as saved, so the
    payload is the item as committed. Returns how many deliveries were queued.
    """
    active = _ACTIVE.all(conn)
    if not active:
        return 0
    row = conn.execute(_ITEM, {"item_id": item_id}).first()
    if row is None:
        return 0
    payload = event_payload(row, event=event, now=now).decode()
    targets = [sub.id for sub in active if _matches(orjson.loads(sub.filters), row)]
    if targets:
        rows = [
            {
                "subscription_id": subscription_id,
                "item_id": item_id,
                "event": event,
                "webhook_id": f"msg_{uuid.uuid4().hex}",
                "payload": payload,
                "status": "pending",
                "next_attempt_at": now,
                "created_at": now,
            }
            for subscription_id in targets
        ]
        conn.execute(_INSERT_DELIVERY, rows)
    return len(targets)


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """A delivery leased to one worker, with what sending it needs."""

    id: int
    subscription_id: int
    webhook_id: str
    payload: bytes
    attempts: int
    url: str
    secret: str


def claim_due_deliveries(*, owner: str, now: int, lease_micros: int, limit: int) -> WriteOp:
    """Lease up to `limit` due deliveries of active subscriptions to `owner` until `now + lease`.

    One UPDATE … RETURNING, as for feeds: atomic on SQLite (one writer), and on PostgreSQL the candidate
    rows are locked with SKIP LOCKED so that concurrent workers take different deliveries.
    """

    def op(conn: Connection) -> list[ClaimedDelivery]:
        # EXISTS per candidate rather than IN (active ids): the planner must walk the due index, not every
        # delivery an active subscription ever had.
        active = sa.exists().where(subscriptions.c.id == deliveries.c.subscription_id, subscriptions.c.active.is_(True))
        candidates = (
            sa.select(deliveries.c.id)
            .where(
                deliveries.c.next_attempt_at <= now,
                deliveries.c.status.in_(LIVE),
                sa.or_(deliveries.c.lease_until.is_(None), deliveries.c.lease_until < now),
                active,
                _FIRST_IN_LINE,
            )
            .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
            .limit(limit)
        )
        if conn.dialect.name == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True, of=deliveries)
        statement = (
            sa.update(deliveries)
            .where(deliveries.c.id.in_(candidates.scalar_subquery()))
            .values(lease_owner=owner, lease_until=now + lease_micros)
            .returning(
                deliveries.c.id,
                deliveries.c.subscription_id,
                deliveries.c.webhook_id,
                deliveries.c.payload,
                deliveries.c.attempts,
            )
        )
        claimed = conn.execute(statement).all()
        if not claimed:
            return []
        targets = {
            sub.id: sub
            for sub in conn.execute(
                sa.select(subscriptions.c.id, subscriptions.c.url, subscriptions.c.secret).where(
                    subscriptions.c.id.in_({row.subscription_id for row in claimed})
                )
            )
        }
        return [
            ClaimedDelivery(
                id=row.id,
                subscription_id=row.subscription_id,
                webhook_id=row.webhook_id,
                payload=row.payload.encode(),
                attempts=row.attempts,
                url=targets[row.subscription_id].url,
                secret=targets[row.subscription_id].secret,
            )
            for row in sorted(claimed, key=lambda row: row.id)
        ]

    return op


@dataclass(frozen=True, slots=True)
class Attempt:
    """One POST of a delivery and the sender's verdict on it; `next_attempt_at` only with "retry"."""

    delivery_id: int
    attempted_at: int
    duration_ms: int
    status_code: int | None
    error: str | None
    verdict: Verdict
    next_attempt_at: int | None = None


def _disable(conn: Connection, subscription_id: int, reason: str) -> None:
    """Switch a subscription off and give up its live deliveries (one still leased is settled by its sender)."""
    conn.execute(
        sa.update(subscriptions)
        .where(subscriptions.c.id == subscription_id)
        .values(active=False, disabled_reason=reason)
    )
    conn.execute(
        sa.update(deliveries)
        .where(deliveries.c.subscription_id == subscription_id, deliveries.c.status.in_(LIVE))
        .values(status="dead", next_attempt_at=None, last_error=f"subscription disabled: {reason}")
    )


def record_attempt(attempt: Attempt, *, owner: str, failure_limit: int) -> WriteOp:
    """Store an attempt, settle its delivery, count the subscription's consecutive failures.

    Returns the delivery's new status, or None when `owner` no longer holds its lease (the subscription
    was deleted, or the lease ran out and another worker has it): then nothing is recorded.
    A 410 disables the subscription, and so does its `failure_limit`-th consecutive failed attempt.
    """

    def op(conn: Connection) -> str | None:
        held = conn.execute(
            sa.select(deliveries.c.subscription_id).where(
                deliveries.c.id == attempt.delivery_id, deliveries.c.lease_owner == owner
            )
        ).first()
        if held is None:
            return None
        subscription_id = held.subscription_id
        conn.execute(
            sa.insert(delivery_attempts).values(
                delivery_id=attempt.delivery_id,
                attempted_at=attempt.attempted_at,
                status_code=attempt.status_code,
                error=attempt.error,
                duration_ms=attempt.duration_ms,
            )
        )
        values: dict[str, Any] = {
            "attempts": deliveries.c.attempts + 1,
            "last_status_code": attempt.status_code,
            "last_error": attempt.error,
            "lease_owner": None,
            "lease_until": None,
            "next_attempt_at": None,
        }
        if attempt.verdict == "delivered":
            conn.execute(sa.update(subscriptions).where(subscriptions.c.id == subscription_id).values(failure_count=0))
            values |= {"status": "delivered", "delivered_at": attempt.attempted_at}
        else:
            counted = conn.execute(
                sa.update(subscriptions)
                .where(subscriptions.c.id == subscription_id)
                .values(failure_count=subscriptions.c.failure_count + 1)
                .returning(subscriptions.c.failure_count, subscriptions.c.active)
            ).first()
            reason = None
            if attempt.verdict == "gone":
                reason = "the endpoint answered 410 Gone"
            elif counted is not None and counted.active and counted.failure_count >= failure_limit:
                reason = f"{counted.failure_count} consecutive failed attempts"
            if reason is not None and counted is not None and counted.active:
                _disable(conn, subscription_id, reason)
            retrying = attempt.verdict == "retry" and reason is None and counted is not None and counted.active
            values |= (
                {"status": "failed", "next_attempt_at": attempt.next_attempt_at} if retrying else {"status": "dead"}
            )
        conn.execute(sa.update(deliveries).where(deliveries.c.id == attempt.delivery_id).values(values))
        return str(values["status"])

    return op


@dataclass(frozen=True, slots=True)
class DeliveryView:
    """A delivery row with its attempts, oldest attempt first."""

    delivery: AnyRow
    attempts: list[AnyRow] = field(default_factory=list)


def list_deliveries(
    conn: Connection, *, subscription_id: int, limit: int, before_id: int | None = None
) -> list[DeliveryView]:
    """A subscription's deliveries, newest first (keyset on id), each with its attempts."""
    query = sa.select(deliveries).where(deliveries.c.subscription_id == subscription_id)
    if before_id is not None:
        query = query.where(deliveries.c.id < before_id)
    rows = conn.execute(query.order_by(deliveries.c.id.desc()).limit(limit)).all()
    views = {row.id: DeliveryView(row) for row in rows}
    if views:
        attempts = conn.execute(
            sa.select(delivery_attempts)
            .where(delivery_attempts.c.delivery_id.in_(views))
            .order_by(delivery_attempts.c.id)
        )
        for attempt in attempts:
            views[attempt.delivery_id].attempts.append(attempt)
    return list(views.values())


def next_due_at(conn: Connection) -> int | None:
    """When the earliest claimable delivery can be claimed (its retry time, or when its lease runs out)."""
    ready = sa.case(
        (deliveries.c.lease_until > deliveries.c.next_attempt_at, deliveries.c.lease_until),
        else_=deliveries.c.next_attempt_at,
    )
    # One waiting behind an older event of its item is not counted: it is due when that one settles.
    query = sa.select(sa.func.min(ready)).where(deliveries.c.next_attempt_at.is_not(None), _FIRST_IN_LINE)
    value = conn.execute(query).scalar()
    return None if value is None else int(value)

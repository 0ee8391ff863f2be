"""Deliveries repository: leased claims of due deliveries, attempts, and their history.

Workers take due deliveries as expiring leases, like feeds: two workers never hold one delivery at once,
and a crashed worker's delivery is taken again once its lease runs out (at least once: receivers dedupe
on the id). A subscription gets one item's events in order: an event waits while an older one of the
same item is live, so a retried ``item.created`` can never land after, and overwrite, a newer ``item.updated``.

Statuses: ``pending`` (never tried), ``failed`` (last attempt failed, a retry is due at
``next_attempt_at``), ``delivered``, ``dead`` (given up, or the subscription was disabled).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.tables import AnyRow, deliveries, delivery_attempts, delivery_payloads, subscriptions
from app.store.writer import WriteOp

__all__ = [
    "Attempt",
    "ClaimedDelivery",
    "DeliveryView",
    "Verdict",
    "claim_due_deliveries",
    "list_deliveries",
    "next_due_at",
    "prune_deliveries",
    "record_attempt",
]

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


def release_deliveries(ids: Collection[int], *, owner: str) -> WriteOp[None]:
    """Give back leased deliveries not attempted (the worker had no slot for them): due again at once."""

    def op(conn: Connection) -> None:
        if ids:
            conn.execute(
                sa.update(deliveries)
                .where(deliveries.c.id.in_(list(ids)), deliveries.c.lease_owner == owner)
                .values(lease_owner=None, lease_until=None)
            )

    return op


def claim_due_deliveries(
    *, owner: str, now: int, lease_micros: int, limit: int, skip_subscriptions: Collection[int] = ()
) -> WriteOp[list[ClaimedDelivery]]:
    """Lease up to `limit` due deliveries of active subscriptions to `owner` until `now + lease`, none of
    `skip_subscriptions` (those the worker already has as many attempts in flight for as it allows).

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
                deliveries.c.subscription_id.not_in(list(skip_subscriptions)) if skip_subscriptions else sa.true(),
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
                deliveries.c.payload_id,
                deliveries.c.attempts,
            )
        )
        claimed = conn.execute(statement).all()
        if not claimed:
            return []
        shared = {row.payload_id for row in claimed if row.payload is None}
        bodies = dict(
            conn.execute(
                sa.select(delivery_payloads.c.id, delivery_payloads.c.body).where(delivery_payloads.c.id.in_(shared))
            ).all()
        )
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
                payload=(row.payload if row.payload is not None else bodies[row.payload_id]).encode(),
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


def record_attempt(attempt: Attempt, *, owner: str, failure_limit: int) -> WriteOp[str | None]:
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


def prune_deliveries(*, delivered_before: int, limit: int = 1000) -> WriteOp[int]:
    """Delete up to `limit` deliveries delivered before the instant, their attempts, and payloads no delivery uses.

    Only delivered ones: a dead delivery stays for its subscriber's owner to see why. Returns how many
    deliveries went; the worker calls it again while it finds a full batch.
    """

    def op(conn: Connection) -> int:
        old = (
            sa.select(deliveries.c.id)
            .where(deliveries.c.delivered_at < delivered_before, deliveries.c.status == "delivered")
            .order_by(deliveries.c.delivered_at)
            .limit(limit)
        )
        ids = list(conn.execute(old).scalars())
        if not ids:
            return 0
        payload_ids = set(
            conn.execute(
                sa.select(deliveries.c.payload_id).where(deliveries.c.id.in_(ids), deliveries.c.payload_id.is_not(None))
            ).scalars()
        )
        conn.execute(sa.delete(delivery_attempts).where(delivery_attempts.c.delivery_id.in_(ids)))
        conn.execute(sa.delete(deliveries).where(deliveries.c.id.in_(ids)))
        if payload_ids:
            used = sa.exists().where(deliveries.c.payload_id == delivery_payloads.c.id)
            conn.execute(sa.delete(delivery_payloads).where(delivery_payloads.c.id.in_(payload_ids), ~used))
        return len(ids)

    return op

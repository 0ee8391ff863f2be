"""Webhook inbox repository: each authenticated webhook request, its body and what became of it, for a while."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.items import SaveResult
from app.store.tables import AnyRow, webhook_requests
from app.store.writer import WriteOp

T = TypeVar("T", SaveResult, int)  # an item save, or the id of a payload kept in quarantine

__all__ = [
    "INBOX_RETENTION_MICROS",
    "InboxEntry",
    "delete_requests_before",
    "get_request",
    "has_requests_before",
    "recent_requests",
    "with_inbox_entry",
]

INBOX_RETENTION_MICROS = 7 * 24 * 3600 * 1_000_000
"""A week of bodies by default (FEEDHOOK_INBOX_RETENTION_DAYS): long enough to debug an applet after a
weekend, short enough to hold few stories."""


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """A request to record: its body must already be without the webhook token (the table is not secret)."""

    body: bytes
    content_type: str | None
    received_at: int
    retain_micros: int = INBOX_RETENTION_MICROS


def with_inbox_entry(write: WriteOp[T], entry: InboxEntry) -> WriteOp[T]:
    """`write` (an item save, or a payload kept in quarantine) followed, in the same transaction, by the
    inbox row saying what became of the request; rows past the retention period go in the same breath.

    One INSERT and one index-bounded DELETE ride on the transaction the webhook commits anyway.
    """

    def op(conn: Connection) -> T:
        result = write(conn)
        outcome: str
        if isinstance(result, SaveResult):
            outcome, item_id, quarantine_id = result.status, result.id, None
        else:  # keep_payload's new quarantine id
            outcome, item_id, quarantine_id = "quarantined", None, int(result)
        conn.execute(
            sa.insert(webhook_requests).values(
                received_at=entry.received_at,
                content_type=entry.content_type,
                body=entry.body,
                outcome=outcome,
                item_id=item_id,
                quarantine_id=quarantine_id,
            )
        )
        cutoff = entry.received_at - entry.retain_micros
        conn.execute(sa.delete(webhook_requests).where(webhook_requests.c.received_at < cutoff))
        return result

    return op


def recent_requests(conn: Connection, *, limit: int) -> Sequence[AnyRow]:
    """The newest requests first."""
    return conn.execute(sa.select(webhook_requests).order_by(webhook_requests.c.id.desc()).limit(limit)).all()


def get_request(conn: Connection, request_id: int) -> AnyRow | None:
    return conn.execute(sa.select(webhook_requests).where(webhook_requests.c.id == request_id)).first()


def delete_requests_before(cutoff: int) -> WriteOp[int]:
    """Forget the requests received before `cutoff` (microseconds); the op returns how many went.

    Each webhook write already drops the rows past the retention; this catches up when no webhook came
    (or the retention was shortened), so bodies never stay longer than the operator said.
    """

    def op(conn: Connection) -> int:
        return int(conn.execute(sa.delete(webhook_requests).where(webhook_requests.c.received_at < cutoff)).rowcount)

    return op


def has_requests_before(conn: Connection, cutoff: int) -> bool:
    """Whether a request was received before `cutoff` (by the received_at index)."""
    query = sa.select(webhook_requests.c.id).where(webhook_requests.c.received_at < cutoff).limit(1)
    return conn.execute(query).first() is not None

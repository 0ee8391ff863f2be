"""Quarantine repository: payloads we could not turn into an item, kept so nothing a sender sent is lost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.tables import AnyRow, quarantine
from app.store.writer import WriteOp

__all__ = ["keep_payload", "mark_replayed", "pending_payloads"]


def keep_payload(*, body: bytes, content_type: str | None, reason: str, detail: str, received_at: int) -> WriteOp:
    def op(conn: Connection) -> int:
        statement = (
            sa.insert(quarantine)
            .values(body=body, content_type=content_type, reason=reason, detail=detail, received_at=received_at)
            .returning(quarantine.c.id)
        )
        return int(conn.execute(statement).scalar_one())

    return op


def pending_payloads(conn: Connection, *, include_replayed: bool = False) -> Sequence[AnyRow]:
    query = sa.select(quarantine).order_by(quarantine.c.id)
    if not include_replayed:
        query = query.where(quarantine.c.replayed_at.is_(None))
    return conn.execute(query).all()


def mark_replayed(quarantine_id: int, *, item_id: int | None, at: int, detail: str | None = None) -> WriteOp:
    def op(conn: Connection) -> None:
        values: dict[str, Any] = {"replayed_at": at if item_id is not None else None, "item_id": item_id}
        if detail is not None:
            values["detail"] = detail
        conn.execute(sa.update(quarantine).where(quarantine.c.id == quarantine_id).values(values))

    return op

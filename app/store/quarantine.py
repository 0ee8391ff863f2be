"""Quarantine repository: payloads we could not turn into an item, kept so nothing a sender sent is lost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection

from app.normalize.model import NormalizedItem
from app.store.tables import AnyRow, quarantine
from app.store.writer import WriteOp

__all__ = [
    "delete_payload",
    "entry_payload",
    "get_payload",
    "keep_payload",
    "mark_replayed",
    "pending_payloads",
    "recent_payloads",
    "unstorable_reason",
]


def keep_payload(*, body: bytes, content_type: str | None, reason: str, detail: str, received_at: int) -> WriteOp[int]:
    def op(conn: Connection) -> int:
        statement = (
            sa.insert(quarantine)
            .values(body=body, content_type=content_type, reason=reason, detail=detail, received_at=received_at)
            .returning(quarantine.c.id)
        )
        return int(conn.execute(statement).scalar_one())

    return op


def pending_payloads(
    conn: Connection, *, include_replayed: bool = False, ids: Sequence[int] | None = None
) -> Sequence[AnyRow]:
    """Kept payloads not replayed yet (or all); `ids` picks these, replayed or not."""
    query = sa.select(quarantine).order_by(quarantine.c.id)
    if ids is not None:
        query = query.where(quarantine.c.id.in_(list(ids)))
    elif not include_replayed:
        query = query.where(quarantine.c.replayed_at.is_(None))
    return conn.execute(query).all()


def get_payload(conn: Connection, quarantine_id: int) -> AnyRow | None:
    """One kept payload, replayed or not."""
    return conn.execute(sa.select(quarantine).where(quarantine.c.id == quarantine_id)).first()


def delete_payload(quarantine_id: int) -> WriteOp[bool]:
    """Drop a kept payload for good; the op returns whether there was one."""

    def op(conn: Connection) -> bool:
        return conn.execute(sa.delete(quarantine).where(quarantine.c.id == quarantine_id)).rowcount == 1

    return op


def mark_replayed(quarantine_id: int, *, item_id: int | None, at: int, detail: str | None = None) -> WriteOp[None]:
    def op(conn: Connection) -> None:
        values: dict[str, Any] = {"replayed_at": at if item_id is not None else None, "item_id": item_id}
        if detail is not None:
            values["detail"] = detail
        conn.execute(sa.update(quarantine).where(quarantine.c.id == quarantine_id).values(values))

    return op


def unstorable_reason(exc: BaseException) -> str:
    """The database's own reason for refusing a row, without the statement and parameters SQLAlchemy appends."""
    cause = getattr(exc, "orig", None) or exc
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0][:300]


def entry_payload(item: NormalizedItem, *, feed_url: str | None) -> bytes:
    """A feed entry the store refused, as a webhook body (JSON fields): a replay ingests it like one."""
    fields = {
        "title": item.headline,
        "url": item.url or item.source_link,
        "content": item.body_html or "\n\n".join(item.bullets + item.body),
        "author": item.author,
        "image": item.image_url,
        "published": item.published_at.isoformat() if item.published_at else None,
        "feed_title": item.source,
        "feed_url": feed_url,
    }
    return orjson.dumps({name: value for name, value in fields.items() if value is not None})


def recent_payloads(conn: Connection, *, limit: int) -> Sequence[AnyRow]:
    """The newest kept payloads first, replayed ones included (the console shows what became of them)."""
    return conn.execute(sa.select(quarantine).order_by(quarantine.c.id.desc()).limit(limit)).all()

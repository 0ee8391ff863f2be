"""Item retention: items stored before a cutoff are deleted in small batches, with what hangs off them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.tables import item_aliases, item_sightings, items, raw_inputs
from app.store.writer import WriteOp

__all__ = ["BATCH", "delete_items_before", "has_items_before"]

BATCH = 500
"""Items one transaction deletes: a long delete would hold SQLite's write lock from every webhook."""


def delete_items_before(cutoff: int, *, batch: int = BATCH) -> WriteOp[int]:
    """Delete up to `batch` items received before `cutoff` (microseconds), oldest first; the op returns how
    many. Their sightings and aliases go with them, and so does a kept raw input no other item shares (raw
    inputs are content-addressed). The FTS index follows by the trigger of migration 0001."""

    def op(conn: Connection) -> int:
        ids = list(
            conn.execute(
                sa.select(items.c.id).where(items.c.received_at < cutoff).order_by(items.c.received_at).limit(batch)
            ).scalars()
        )
        if not ids:
            return 0
        digests = set(
            conn.execute(
                sa.select(items.c.raw_digest).where(items.c.id.in_(ids), items.c.raw_digest.is_not(None))
            ).scalars()
        )
        conn.execute(sa.delete(items).where(items.c.id.in_(ids)))
        conn.execute(sa.delete(item_sightings).where(item_sightings.c.item_id.in_(ids)))
        conn.execute(sa.delete(item_aliases).where(item_aliases.c.item_id.in_(ids)))
        if digests:
            still_used = sa.select(items.c.raw_digest).where(items.c.raw_digest.in_(digests))
            conn.execute(
                sa.delete(raw_inputs).where(raw_inputs.c.digest.in_(digests), raw_inputs.c.digest.not_in(still_used))
            )
        return len(ids)

    return op


def has_items_before(conn: Connection, cutoff: int) -> bool:
    """Whether an item was received before `cutoff`: a pass that finds none takes no write lock."""
    return conn.execute(sa.select(items.c.id).where(items.c.received_at < cutoff).limit(1)).first() is not None

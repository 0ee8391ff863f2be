"""Which sources have sent a story, and when first and last (the item_sightings table, read for the console)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.tables import AnyRow, feeds, item_sightings

__all__ = ["sightings_of"]


def sightings_of(conn: Connection, item_id: int) -> Sequence[AnyRow]:
    """The item's sightings, earliest first: channel, feed id and URL (none for the webhook), first and last seen."""
    query = (
        sa.select(
            item_sightings.c.channel,
            item_sightings.c.feed_id,
            feeds.c.url.label("feed_url"),
            item_sightings.c.first_seen,
            item_sightings.c.last_seen,
        )
        .select_from(item_sightings.outerjoin(feeds, feeds.c.id == item_sightings.c.feed_id))
        .where(item_sightings.c.item_id == item_id)
        .order_by(item_sightings.c.first_seen)
    )
    return conn.execute(query).all()

"""The console's overview figures: arrivals per hour by channel, feeds in error, quarantine and delivery backlog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.tables import AnyRow, deliveries, feeds, items, quarantine

__all__ = ["HOUR_MICROS", "Backlog", "arrivals_per_hour", "backlog", "feeds_in_error"]

HOUR_MICROS = 3_600_000_000


@dataclass(frozen=True, slots=True)
class Backlog:
    """What waits: kept payloads not yet replayed, and deliveries not yet settled with the oldest's creation."""

    quarantined: int
    deliveries_pending: int
    oldest_pending_at: int | None


def arrivals_per_hour(conn: Connection, *, since: int) -> Sequence[tuple[int, int, int]]:
    """(hour number since the epoch, origin channel, items first stored in that hour) from `since` on."""
    # Integer floor division: SQLAlchemy renders `//` of two integers as the database's own `/` on both.
    hour = items.c.received_at // sa.literal(HOUR_MICROS, sa.BigInteger)
    query = (
        sa.select(hour.label("hour"), items.c.origin_channel, sa.func.count())
        .where(items.c.received_at >= since)
        .group_by(hour, items.c.origin_channel)
    )
    return [(int(row[0]), int(row[1]), int(row[2])) for row in conn.execute(query)]


def feeds_in_error(conn: Connection) -> Sequence[AnyRow]:
    """Enabled feeds whose last polls failed, the longest streak first."""
    query = (
        sa.select(feeds.c.id, feeds.c.url, feeds.c.title, feeds.c.error_count, feeds.c.last_error)
        .where(feeds.c.error_count > 0, feeds.c.disabled.is_(sa.false()))
        .order_by(feeds.c.error_count.desc(), feeds.c.id)
    )
    return conn.execute(query).all()


def backlog(conn: Connection) -> Backlog:
    quarantined = conn.execute(
        sa.select(sa.func.count()).select_from(quarantine).where(quarantine.c.replayed_at.is_(None))
    ).scalar_one()
    pending, oldest = conn.execute(
        sa.select(sa.func.count(), sa.func.min(deliveries.c.created_at)).where(
            deliveries.c.next_attempt_at.is_not(None)
        )
    ).one()
    return Backlog(int(quarantined), int(pending), None if oldest is None else int(oldest))

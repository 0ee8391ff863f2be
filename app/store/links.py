"""Shortlink work in the store: items waiting for their article URL, the resolution cache, merges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from app.store.tables import item_aliases, item_sightings, items, shortlinks
from app.store.writer import WriteOp

__all__ = [
    "DueResolution",
    "Resolution",
    "apply_resolution",
    "cached_resolution",
    "due_resolutions",
    "postpone_resolution",
]


@dataclass(frozen=True, slots=True)
class Resolution:
    outcome: Literal["resolved", "merged", "missing"]
    item_id: int
    """The item that now holds the story: the same one, or the one it was merged into."""


class DueResolution(NamedTuple):
    """An item whose shortlink is due another try at resolving."""

    id: int
    source_link: str
    resolve_attempts: int


def due_resolutions(conn: Connection, *, now: int, limit: int) -> list[DueResolution]:
    query = (
        sa.select(items.c.id, items.c.source_link, items.c.resolve_attempts)
        .where(items.c.resolve_after <= now)
        .order_by(items.c.resolve_after)
        .limit(limit)
    )
    return [DueResolution(*row) for row in conn.execute(query)]


def cached_resolution(conn: Connection, link: str) -> str | None:
    return conn.execute(sa.select(shortlinks.c.url).where(shortlinks.c.link == link)).scalar_one_or_none()


def _remember(conn: Connection, *, link: str, url: str, now: int) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(shortlinks).values(link=link, url=url, resolved_at=now)
    conn.execute(statement.on_conflict_do_update(index_elements=["link"], set_={"url": url, "resolved_at": now}))


def apply_resolution(*, item_id: int, link: str, url: str, now: int) -> WriteOp[Resolution]:
    """Give the item its article URL, or merge it into the story that already has that URL."""

    def op(conn: Connection) -> Resolution:
        _remember(conn, link=link, url=url, now=now)
        item = conn.execute(
            sa.select(items.c.id, items.c.identity, items.c.channels, items.c.feed_id).where(items.c.id == item_id)
        ).first()
        if item is None:
            return Resolution("missing", item_id)
        other = conn.execute(
            sa.select(items.c.id, items.c.channels, items.c.feed_id)
            .where(items.c.url == url, items.c.id != item_id)
            .order_by(items.c.id)
            .limit(1)
        ).first()
        if other is None:
            conn.execute(
                sa.update(items).where(items.c.id == item_id).values(url=url, resolve_after=None, updated_at=now)
            )
            return Resolution("resolved", item_id)
        conn.execute(
            sa.update(items)
            .where(items.c.id == other.id)
            .values(channels=other.channels | item.channels, feed_id=other.feed_id or item.feed_id, updated_at=now)
        )
        conn.execute(sa.update(item_aliases).where(item_aliases.c.item_id == item_id).values(item_id=other.id))
        _move_sightings(conn, from_id=item_id, to_id=int(other.id))
        conn.execute(sa.insert(item_aliases).values(old_id=item_id, identity=item.identity, item_id=other.id))
        conn.execute(sa.delete(items).where(items.c.id == item_id))
        return Resolution("merged", int(other.id))

    return op


def _move_sightings(conn: Connection, *, from_id: int, to_id: int) -> None:
    """The merged item's sightings become the story's: a source seen on both keeps its first and last time."""
    postgres = conn.dialect.name == "postgresql"
    insert = (postgresql if postgres else sqlite).insert(item_sightings)
    earliest, latest = (sa.func.least, sa.func.greatest) if postgres else (sa.func.min, sa.func.max)
    moved = sa.select(
        sa.literal(to_id, sa.BigInteger),
        item_sightings.c.channel,
        item_sightings.c.feed_id,
        item_sightings.c.first_seen,
        item_sightings.c.last_seen,
    ).where(item_sightings.c.item_id == from_id)
    statement = insert.from_select(["item_id", "channel", "feed_id", "first_seen", "last_seen"], moved)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["item_id", "channel", "feed_id"],
            set_={
                "first_seen": earliest(item_sightings.c.first_seen, statement.excluded.first_seen),
                "last_seen": latest(item_sightings.c.last_seen, statement.excluded.last_seen),
            },
        )
    )
    conn.execute(sa.delete(item_sightings).where(item_sightings.c.item_id == from_id))


def postpone_resolution(*, item_id: int, attempts: int, next_after: int | None) -> WriteOp[None]:
    """Record a failed try; `next_after=None` gives up (the item keeps its shortlink and a null URL)."""

    def op(conn: Connection) -> None:
        conn.execute(
            sa.update(items).where(items.c.id == item_id).values(resolve_attempts=attempts, resolve_after=next_after)
        )

    return op

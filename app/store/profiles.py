"""Boilerplate profiles repository: one row per source key, and the raw inputs a profile is mined from."""

from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import Connection

from app.store.tables import items, raw_inputs, source_profiles
from app.store.writer import WriteOp

__all__ = [
    "ProfileRow",
    "claim_refresh",
    "due_profiles",
    "profile_row",
    "profile_rows",
    "recent_inputs",
    "store_profile",
]


class ProfileRow(NamedTuple):
    """A source's learned profile (JSON, None until first mined) and how many items it has seen."""

    source_key: str
    profile: str | None
    items_mined: int
    items_since: int
    refreshed_at: int | None


_COLUMNS = (
    source_profiles.c.source_key,
    source_profiles.c.profile,
    source_profiles.c.items_mined,
    source_profiles.c.items_since,
    source_profiles.c.refreshed_at,
)


def profile_row(conn: Connection, source_key: str) -> ProfileRow | None:
    row = conn.execute(sa.select(*_COLUMNS).where(source_profiles.c.source_key == source_key)).first()
    return None if row is None else ProfileRow(*row)


def profile_rows(conn: Connection, *, like: str | None = None) -> list[ProfileRow]:
    """Every source's row (those whose key contains ``like``), by key."""
    query = sa.select(*_COLUMNS).order_by(source_profiles.c.source_key)
    if like:
        query = query.where(source_profiles.c.source_key.contains(like, autoescape=True))
    return [ProfileRow(*row) for row in conn.execute(query)]


def recent_inputs(conn: Connection, source_key: str, *, limit: int) -> list[bytes]:
    """The stored forms of the source's newest ``limit`` items' raw inputs, newest first."""
    query = (
        sa.select(raw_inputs.c.data)
        .join(items, items.c.raw_digest == raw_inputs.c.digest)
        .where(items.c.source_key == source_key)
        .order_by(items.c.id.desc())
        .limit(limit)
    )
    return [bytes(data) for data in conn.execute(query).scalars()]


def _due(first_after: int, again_after: int) -> sa.ColumnElement[bool]:
    never = source_profiles.c.profile.is_(None) & (source_profiles.c.items_since >= first_after)
    return never | (source_profiles.c.items_since >= again_after)


def due_profiles(conn: Connection, *, first_after: int, again_after: int, limit: int) -> list[str]:
    """Sources with enough new items since their profile was mined (or enough for a first one)."""
    query = sa.select(source_profiles.c.source_key).where(_due(first_after, again_after)).limit(limit)
    return list(conn.execute(query).scalars())


def claim_refresh(source_key: str, *, first_after: int, again_after: int) -> WriteOp[bool]:
    """Claim a due source for mining (its count starts again): True for the one claimer that got it.

    Several pollers (replicas) may see the same source due; the conditional update lets one mine it.
    """

    def op(conn: Connection) -> bool:
        claimed = conn.execute(
            source_profiles.update()
            .where(source_profiles.c.source_key == source_key, _due(first_after, again_after))
            .values(items_since=0)
        )
        return claimed.rowcount == 1

    return op


def store_profile(source_key: str, *, profile: str, items_mined: int, now: int) -> WriteOp[None]:
    """Keep a freshly mined profile."""

    def op(conn: Connection) -> None:
        conn.execute(
            source_profiles.update()
            .where(source_profiles.c.source_key == source_key)
            .values(profile=profile, items_mined=items_mined, refreshed_at=now)
        )

    return op

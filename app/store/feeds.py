"""Feeds repository: registration, listing, due-feed claims as expiring leases, and poll results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from app.errors import Conflict, NotFound
from app.store.prepared import Prepared
from app.store.tables import AnyRow, feeds, items, removed_feeds
from app.store.writer import WriteOp

__all__ = [
    "FAILED_STATUSES",
    "ClaimedFeed",
    "Feed",
    "FeedPollUpdate",
    "add_feed",
    "claim_due_feeds",
    "claim_feed",
    "count_due_feeds",
    "delete_feed",
    "find_feed_by_url",
    "get_feed",
    "list_feeds",
    "record_poll",
    "register_feeds",
    "update_feed",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """A registered feed as the registry hands it out: its row of ``feeds`` and how many stored items it
    brought. Instants are UTC microseconds, as the table keeps them (app.clock.from_micros reads them)."""

    id: int
    url: str
    title: str | None
    """The operator's title; None shows the feed's own."""
    site_url: str | None
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    next_poll_at: int
    last_polled_at: int | None
    last_status: str | None
    error_count: int
    last_error: str | None
    failing_since: int | None
    """When the current failure streak began; None when the last poll succeeded (or the streak predates it)."""
    poll_count: int
    not_modified_count: int
    disabled: bool
    lease_owner: str | None
    lease_until: int | None
    created_at: int
    item_count: int

    @classmethod
    def of(cls, row: AnyRow) -> Feed:
        """From a row of `_with_item_count` (every column of ``feeds`` and ``item_count``)."""
        return cls(**row._mapping)


def _insert(conn: Connection) -> Any:
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(feeds)


def add_feed(*, url: str, title: str | None, interval_seconds: int, now: int) -> WriteOp[int]:
    """Register a feed, due at once; Conflict when the URL is registered already."""

    def op(conn: Connection) -> int:
        values = {
            "url": url,
            "title": title,
            "interval_seconds": interval_seconds,
            "next_poll_at": now,
            "created_at": now,
        }
        statement = _insert(conn).values(values).on_conflict_do_nothing(index_elements=["url"]).returning(feeds.c.id)
        feed_id = conn.execute(statement).scalar_one_or_none()
        if feed_id is None:
            raise Conflict(f"a feed with URL {url} is registered already")
        conn.execute(sa.delete(removed_feeds).where(removed_feeds.c.url == url))  # added by hand: wanted again
        return int(feed_id)

    return op


def register_feeds(*, urls: Sequence[str], interval_seconds: int, now: int) -> WriteOp[int]:
    """Register the configured feeds that are not registered yet (at start-up), except those an operator
    removed; returns how many were new."""

    def op(conn: Connection) -> int:
        added = 0
        removed = set(conn.execute(sa.select(removed_feeds.c.url).where(removed_feeds.c.url.in_(list(urls)))).scalars())
        for url in urls:
            if url in removed:
                continue
            values = {"url": url, "interval_seconds": interval_seconds, "next_poll_at": now, "created_at": now}
            statement = _insert(conn).values(values).on_conflict_do_nothing(index_elements=["url"])
            added += conn.execute(statement).rowcount or 0
        return added

    return op


def _with_item_count() -> sa.Select[Any]:
    count = sa.select(sa.func.count()).select_from(items).where(items.c.feed_id == feeds.c.id).scalar_subquery()
    return sa.select(feeds, count.label("item_count"))


def get_feed(conn: Connection, feed_id: int) -> Feed | None:
    row = conn.execute(_with_item_count().where(feeds.c.id == feed_id)).first()
    return None if row is None else Feed.of(row)


def list_feeds(conn: Connection) -> list[Feed]:
    return [Feed.of(row) for row in conn.execute(_with_item_count().order_by(feeds.c.id))]


def update_feed(feed_id: int, changes: dict[str, Any]) -> WriteOp[None]:
    def op(conn: Connection) -> None:
        if not changes:
            if conn.execute(sa.select(feeds.c.id).where(feeds.c.id == feed_id)).first() is None:
                raise NotFound(f"no feed with id {feed_id}")
            return
        try:
            with conn.begin_nested():
                result = conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(changes))
        except sa.exc.IntegrityError as exc:
            raise Conflict("another feed has that URL") from exc
        if result.rowcount == 0:
            raise NotFound(f"no feed with id {feed_id}")

    return op


def delete_feed(feed_id: int, *, now: int = 0) -> WriteOp[None]:
    """Remove a feed; its items stay (they are stories, whichever channel brought them). Its URL is kept as
    removed, so FEEDHOOK_FEEDS naming it does not bring it back at the next start."""

    def op(conn: Connection) -> None:
        url = conn.execute(sa.delete(feeds).where(feeds.c.id == feed_id).returning(feeds.c.url)).scalar()
        if url is None:
            raise NotFound(f"no feed with id {feed_id}")
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(removed_feeds).values(url=url, removed_at=now)
        conn.execute(statement.on_conflict_do_update(index_elements=["url"], set_={"removed_at": now}))
        conn.execute(sa.update(items).where(items.c.feed_id == feed_id).values(feed_id=None))

    return op


class ClaimedFeed(NamedTuple):
    """A feed a poller holds the lease of: what the poll recipe reads of it (the columns of ``_CLAIMED``)."""

    id: int
    url: str
    title: str | None
    site_url: str | None
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    error_count: int


_CLAIMED = tuple(feeds.c[name] for name in ClaimedFeed._fields)


def claim_due_feeds(*, owner: str, now: int, lease_micros: int, limit: int) -> WriteOp[list[ClaimedFeed]]:
    """Take up to `limit` due feeds for `owner` until `now + lease`: no other poller gets them meanwhile.

    One UPDATE … RETURNING: atomic on SQLite (one writer), and on PostgreSQL the candidate rows are
    locked with SKIP LOCKED so concurrent pollers each take different feeds instead of waiting.
    """

    def op(conn: Connection) -> list[ClaimedFeed]:
        candidates = (
            sa.select(feeds.c.id)
            .where(
                feeds.c.disabled.is_(False),
                feeds.c.next_poll_at <= now,
                sa.or_(feeds.c.lease_until.is_(None), feeds.c.lease_until < now),
            )
            .order_by(feeds.c.next_poll_at)
            .limit(limit)
        )
        if conn.dialect.name == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        statement = (
            sa.update(feeds)
            .where(feeds.c.id.in_(candidates.scalar_subquery()))
            .values(lease_owner=owner, lease_until=now + lease_micros)
            .returning(*_CLAIMED)
        )
        return [ClaimedFeed(*row) for row in conn.execute(statement)]

    return op


@dataclass(frozen=True, slots=True)
class FeedPollUpdate:
    """What one poll learned about a feed; None leaves a column as it is."""

    status: str
    polled_at: int
    next_poll_at: int
    error_count: int
    last_error: str | None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_url: str | None = None
    url: str | None = None
    disabled: bool | None = None


FAILED_STATUSES = frozenset({"error", "gone"})
"""Poll statuses that start or continue a failure streak; any other ends it."""

# Every poll ends here, a 304 included: built per call, this UPDATE cost the writer ~0.2 ms of Python per
# feed (compiling it), a fifth of a 304's CPU. Prepared compiles it once per set of columns it sets.
# The health counters are computed by the database from the row itself (never read back first, so two
# writers cannot lose a count): one more poll, one more 304 when it was one, and a failure streak's start
# kept while it lasts, set by its first failure and cleared by a success.
_RECORD_POLL = Prepared(
    sa.update(feeds)
    .where(feeds.c.id == sa.bindparam("poll_feed_id"), feeds.c.lease_owner == sa.bindparam("poll_owner"))
    .values(
        poll_count=feeds.c.poll_count + 1,
        not_modified_count=feeds.c.not_modified_count + sa.bindparam("poll_not_modified", type_=sa.Integer),
        failing_since=sa.case(
            (
                sa.bindparam("poll_failed", type_=sa.Integer) == 1,
                sa.func.coalesce(feeds.c.failing_since, sa.bindparam("poll_at", type_=sa.BigInteger)),
            ),
            else_=sa.null(),
        ),
    )
    .returning(feeds.c.id)
)


def record_poll(feed_id: int, *, owner: str, update: FeedPollUpdate) -> WriteOp[bool]:
    """Store a poll's outcome and its health counts and release the lease, only if `owner` still holds it
    (else returns False)."""

    def op(conn: Connection) -> bool:
        values: dict[str, Any] = {
            "last_status": update.status,
            "last_polled_at": update.polled_at,
            "next_poll_at": update.next_poll_at,
            "error_count": update.error_count,
            "last_error": update.last_error,
            "lease_owner": None,
            "lease_until": None,
        }
        optional = ("etag", "last_modified", "title", "site_url", "url", "disabled")
        values |= {name: getattr(update, name) for name in optional if getattr(update, name) is not None}
        if update.url is not None:
            taken = conn.execute(sa.select(feeds.c.id).where(feeds.c.url == update.url, feeds.c.id != feed_id)).first()
            if taken is not None:  # the feed moved onto a URL we already poll: keep the old URL
                del values["url"]
        health = {
            "poll_not_modified": int(update.status == "not_modified"),
            "poll_failed": int(update.status in FAILED_STATUSES),
            "poll_at": update.polled_at,
        }
        params = values | health | {"poll_feed_id": feed_id, "poll_owner": owner}
        return _RECORD_POLL.first(conn, params) is not None

    return op


def claim_feed(*, feed_id: int, owner: str, now: int, lease_micros: int) -> WriteOp[ClaimedFeed | None]:
    """Take one feed now, due or not (poll-now); None when another poller holds it. NotFound if absent."""

    def op(conn: Connection) -> ClaimedFeed | None:
        statement = (
            sa.update(feeds)
            .where(feeds.c.id == feed_id, sa.or_(feeds.c.lease_until.is_(None), feeds.c.lease_until < now))
            .values(lease_owner=owner, lease_until=now + lease_micros)
            .returning(*_CLAIMED)
        )
        row = conn.execute(statement).first()
        if row is None and conn.execute(sa.select(feeds.c.id).where(feeds.c.id == feed_id)).first() is None:
            raise NotFound(f"no feed with id {feed_id}")
        return None if row is None else ClaimedFeed(*row)

    return op


def count_due_feeds(conn: Connection, *, now: int) -> int:
    query = (
        sa.select(sa.func.count()).select_from(feeds).where(feeds.c.disabled.is_(False), feeds.c.next_poll_at <= now)
    )
    return int(conn.execute(query).scalar_one())


def find_feed_by_url(conn: Connection, url: str) -> Feed | None:
    row = conn.execute(_with_item_count().where(feeds.c.url == url)).first()
    return None if row is None else Feed.of(row)

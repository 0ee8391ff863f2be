"""Feed health on both stores: migration 0010 down and up, and what each poll records (streak start, 304s)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from app.store.db import Database, migrate
from app.store.feeds import FeedPollUpdate, add_feed, claim_feed, get_feed, record_poll, update_feed
from app.store.tables import feeds
from tests.store.test_blocks import _run
from tests.store.test_migration_raw_inputs import _config

BEFORE = "0009_webhook_inbox"
HEALTH = {"failing_since", "poll_count", "not_modified_count"}
MINUTE = 60_000_000


def _columns(conn: sa.Connection) -> set[str]:
    return {column["name"] for column in sa.inspect(conn).get_columns("feeds")}


def test_feed_health_migration_goes_down_and_up_keeping_the_feeds(empty_database: str) -> None:
    migrate(empty_database, BEFORE)
    values = {"url": "https://example.com/feed", "interval_seconds": 900, "next_poll_at": 1, "created_at": 1}
    old_feeds = sa.table("feeds", *(sa.column(name) for name in values))
    _run(empty_database, lambda conn: conn.execute(sa.insert(old_feeds).values(values)))
    assert not HEALTH & _run(empty_database, _columns)
    migrate(empty_database)
    assert _run(empty_database, _columns) >= HEALTH
    row = _run(empty_database, lambda conn: conn.execute(sa.select(feeds)).one())
    assert (row.url, row.failing_since, row.poll_count, row.not_modified_count) == (values["url"], None, 0, 0)
    command.downgrade(_config(empty_database), BEFORE)
    assert not HEALTH & _run(empty_database, _columns)
    assert (
        _run(empty_database, lambda conn: conn.execute(sa.text("SELECT url FROM feeds")).scalar_one()) == values["url"]
    )


async def _poll(db: Database, feed_id: int, status: str, at: int) -> None:
    assert await db.write(claim_feed(feed_id=feed_id, owner="test", now=at, lease_micros=MINUTE)) is not None
    failed = status in ("error", "gone")
    update = FeedPollUpdate(
        status=status,
        polled_at=at,
        next_poll_at=at + MINUTE,
        error_count=0,
        last_error="HTTP 500" if failed else None,
    )
    assert await db.write(record_poll(feed_id, owner="test", update=update))


async def test_each_poll_counts_and_a_streak_keeps_the_time_of_its_first_failure(db: Database) -> None:
    feed_id = await db.write(add_feed(url="https://example.com/feed", title=None, interval_seconds=900, now=0))
    timeline = [
        ("ok", None),
        ("not_modified", None),
        ("error", 3 * MINUTE),  # the streak begins
        ("error", 3 * MINUTE),  # and keeps its start
        ("not_modified", None),  # a 304 is a success: the streak ends
        ("error", 6 * MINUTE),  # a new streak
        ("gone", 6 * MINUTE),  # 410 continues it
    ]
    for number, (status, failing_since) in enumerate(timeline, start=1):
        await _poll(db, feed_id, status, number * MINUTE)
        row = await db.read(get_feed, feed_id)
        assert row is not None
        assert row.failing_since == failing_since, (number, status)
        assert row.poll_count == number
        assert row.not_modified_count == (2 if number >= 5 else 1 if number >= 2 else 0)


async def test_a_lost_lease_counts_nothing(db: Database) -> None:
    feed_id = await db.write(add_feed(url="https://example.com/feed", title=None, interval_seconds=900, now=0))
    await db.write(claim_feed(feed_id=feed_id, owner="other", now=0, lease_micros=MINUTE))
    update = FeedPollUpdate(status="error", polled_at=1, next_poll_at=2, error_count=1, last_error="x")
    assert not await db.write(record_poll(feed_id, owner="test", update=update))
    await db.write(update_feed(feed_id, {}))
    row = await db.read(get_feed, feed_id)
    assert row is not None
    assert (row.poll_count, row.failing_since) == (0, None)

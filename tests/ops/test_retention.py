"""Retention passes on both stores: old items (when a retention is set) and old inbox requests go, the rest stay."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.clock import from_micros
from app.normalize import normalize
from app.normalize.model import NormalizeSettings, RawItem
from app.ops.retention import Pruned, RetentionSettings, RetentionWorker
from app.store.db import Database
from app.store.inbox import InboxEntry, with_inbox_entry
from app.store.items import save_item
from app.store.tables import CHANNEL_WEBHOOK, items, webhook_requests

DAY = 24 * 3600 * 1_000_000
NOW = 1_800_000_000_000_000


async def _store(db: Database, number: int, *, days_ago: float) -> None:
    """One webhook item and its inbox row, both received `days_ago` before NOW."""
    at = NOW - int(days_ago * DAY)
    item = normalize(
        RawItem(title=f"Story number {number} opens", content="Traffic flows.", link=f"https://example.com/{number}"),
        now=from_micros(at),
        settings=NormalizeSettings(),
    )
    entry = InboxEntry(
        body=f"story {number}".encode(), content_type="text/plain", received_at=at, retain_micros=1000 * DAY
    )
    await db.write(with_inbox_entry(save_item(item, channel=CHANNEL_WEBHOOK, received_at=at), entry))


async def _bodies(db: Database) -> tuple[list[str], list[bytes]]:
    def read(conn: sa.Connection) -> tuple[list[str], list[bytes]]:
        headlines = list(conn.execute(sa.select(items.c.headline).order_by(items.c.id)).scalars())
        bodies = [
            bytes(b) for b in conn.execute(sa.select(webhook_requests.c.body).order_by(webhook_requests.c.id)).scalars()
        ]
        return headlines, bodies

    return await db.read(read)


async def test_a_pass_deletes_items_and_requests_past_their_retention_in_batches(db: Database) -> None:
    for number, days_ago in enumerate([10, 9, 8, 3, 1.5, 0.5]):
        await _store(db, number, days_ago=days_ago)
    settings = RetentionSettings(items=timedelta(days=5), inbox=timedelta(days=1), batch=2)
    worker = RetentionWorker(db=db, settings=settings, clock=lambda: from_micros(NOW))
    assert await worker.run_once() == Pruned(items=3, requests=5)  # three old items, two batches and one
    headlines, bodies = await _bodies(db)
    assert headlines == ["Story number 3 opens", "Story number 4 opens", "Story number 5 opens"]
    assert bodies == [b"story 5"]
    assert await worker.run_once() == Pruned(items=0, requests=0)


async def test_without_an_item_retention_items_stay_and_the_inbox_is_still_pruned(db: Database) -> None:
    await _store(db, 1, days_ago=400)
    await _store(db, 2, days_ago=6)
    worker = RetentionWorker(db=db, settings=RetentionSettings(items=None), clock=lambda: from_micros(NOW))
    assert await worker.run_once() == Pruned(items=0, requests=1)  # the default inbox retention: 7 days
    assert await _bodies(db) == (["Story number 1 opens", "Story number 2 opens"], [b"story 2"])


async def test_a_pass_that_finds_nothing_old_takes_no_turn_of_the_writer(db: Database) -> None:
    await _store(db, 1, days_ago=0.5)
    before = db.writer.operations
    worker = RetentionWorker(db=db, settings=RetentionSettings(items=timedelta(days=1)), clock=lambda: from_micros(NOW))
    assert await worker.run_once() == Pruned(items=0, requests=0)
    assert db.writer.operations == before

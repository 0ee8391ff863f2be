"""Retention inside the server: items past FEEDHOOK_RETENTION_DAYS and inbox requests past
FEEDHOOK_INBOX_RETENTION_DAYS are deleted on a schedule (hourly), not only by `feedhook cleanup`.

Items go in small batches, each its own write: the writer takes webhook saves between them, so a large
backlog of old items never holds SQLite's write lock from an arriving request. Every server process (and
replica) may run a pass: the deletes are idempotent, so two passes at once cost a second look, nothing more.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.background import run_until_stopped
from app.clock import to_micros
from app.store.db import Database
from app.store.inbox import delete_requests_before, has_requests_before
from app.store.retention import BATCH, delete_items_before, has_items_before

__all__ = ["Pruned", "RetentionSettings", "RetentionWorker"]

log = logging.getLogger("app.ops.retention")


@dataclass(frozen=True, slots=True)
class RetentionSettings:
    items: timedelta | None
    """How long an item is kept after it was stored; None keeps items forever (the default)."""
    inbox: timedelta = timedelta(days=7)
    """How long the webhook inbox keeps a request and its body."""
    every: timedelta = timedelta(hours=1)
    """Time between passes: an hour late is nothing against retentions counted in days."""
    batch: int = BATCH


@dataclass(frozen=True, slots=True)
class Pruned:
    """What one pass deleted."""

    items: int
    requests: int


class RetentionWorker:
    """Deletes what is past its retention, a pass at a time; the server runs it until it stops."""

    def __init__(self, *, db: Database, settings: RetentionSettings, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self._wake = asyncio.Event()

    async def run_once(self) -> Pruned:
        """One pass: every item past the retention (batch by batch), then the inbox's old requests.

        Each part reads first and writes only when something is past its retention: most hourly passes
        find nothing, and then take no turn of the writer (nor SQLite's write lock).
        """
        now = self.clock()
        items = requests = 0
        if self.settings.items is not None:
            cutoff = to_micros(now - self.settings.items)
            if await self.db.read(has_items_before, cutoff):
                while deleted := await self.db.write(delete_items_before(cutoff, batch=self.settings.batch)):
                    items += deleted
        cutoff = to_micros(now - self.settings.inbox)
        if await self.db.read(has_requests_before, cutoff):
            requests = await self.db.write(delete_requests_before(cutoff))
        if items or requests:
            log.info("retention pass", extra={"fh_items_deleted": items, "fh_requests_deleted": requests})
        return Pruned(items=items, requests=requests)

    async def run_forever(self, stop: asyncio.Event) -> None:
        await run_until_stopped(
            self.run_once,
            stop=stop,
            wake=self._wake,
            idle_seconds=self.settings.every.total_seconds(),
            log=log,
            name="retention",
        )

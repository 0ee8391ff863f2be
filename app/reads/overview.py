"""The console's overview reads: arrivals per hour, the delivery backlog and the feeds in error."""

from __future__ import annotations

from collections.abc import Sequence

from app.store.db import Database
from app.store.overview import HOUR_MICROS, Backlog, arrivals_per_hour, backlog, feeds_in_error
from app.store.tables import AnyRow

__all__ = ["HOUR_MICROS", "Backlog", "OverviewReader"]


class OverviewReader:
    """What the operator sees first: how much arrived, what waits, which feeds fail."""

    def __init__(self, *, db: Database) -> None:
        self._db = db

    async def arrivals_per_hour(self, *, since: int) -> Sequence[tuple[int, int, int]]:
        """(hour, webhook, feed) arrival counts from `since` (microseconds) on."""
        return await self._db.read(arrivals_per_hour, since=since)

    async def backlog(self) -> Backlog:
        return await self._db.read(backlog)

    async def feeds_in_error(self) -> Sequence[AnyRow]:
        return await self._db.read(feeds_in_error)

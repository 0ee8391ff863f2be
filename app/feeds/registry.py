"""The feed registry: register (after the guard's check), change, enable, disable, remove, import OPML.

One place for what the API's /v1/feeds and the `feedhook feeds`/`opml` commands both do: "check the URL
with the guard, then add the feed" was written three times before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Final, Literal

from app.clock import to_micros
from app.errors import FeedhookError, NotFound
from app.feeds.opml import OpmlFeed
from app.net.guard import OutboundGuard
from app.store.db import Database
from app.store.feeds import (
    Feed,
    add_feed,
    count_due_feeds,
    delete_feed,
    find_feed_by_url,
    get_feed,
    list_feeds,
    register_feeds,
    update_feed,
)

__all__ = ["KEEP", "FeedChanges", "FeedRegistry"]


class _Keep(Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""A title left as it is: None is a title cleared (the feed's own is shown again)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedChanges:
    """What to change on a feed; None (KEEP for the title) leaves a field as it is."""

    url: str | None = None
    title: str | Literal[_Keep.KEEP] | None = KEEP
    interval_seconds: int | None = None
    disabled: bool | None = None


class FeedRegistry:
    """The registered feeds, with the checks every caller owes them; wakes the poller when a feed is due now."""

    def __init__(
        self,
        *,
        db: Database,
        guard: OutboundGuard,
        clock: Callable[[], datetime],
        default_interval_seconds: int,
        on_due: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = db
        self._guard = guard
        self._clock = clock
        self._interval = default_interval_seconds
        self._on_due = on_due

    async def register(self, url: str, *, title: str | None = None, interval_seconds: int | None = None) -> int:
        """Add a feed once the outbound-URL guard allows its URL; its id. It is polled at once."""
        await self._guard.check_url(url)
        feed_id = int(
            await self._db.write(
                add_feed(
                    url=url,
                    title=title,
                    interval_seconds=interval_seconds or self._interval,
                    now=to_micros(self._clock()),
                )
            )
        )
        self._on_due()
        return feed_id

    async def register_configured(self, urls: Sequence[str]) -> None:
        """Register the configured feeds (FEEDHOOK_FEEDS) that are not registered yet.

        Without the guard's DNS check: offline at start, a feed shows its error and backs off.
        """
        if urls:
            await self._db.write(
                register_feeds(urls=urls, interval_seconds=self._interval, now=to_micros(self._clock()))
            )

    async def import_opml(self, entries: Iterable[OpmlFeed]) -> list[tuple[str, str]]:
        """Register each feed of an OPML list: (url, result) pairs, where a refused or existing feed is a result."""
        results: list[tuple[str, str]] = []
        for entry in entries:
            try:
                feed_id = await self.register(entry.url, title=entry.title)
            except FeedhookError as error:
                results.append((entry.url, f"{error.title}: {error.detail}"))
            else:
                results.append((entry.url, f"added as {feed_id}"))
        return results

    async def get(self, feed_id: int) -> Feed:
        """One feed with its polling state (NotFound when there is none)."""
        row = await self._db.read(get_feed, feed_id)
        if row is None:
            raise NotFound(f"no feed with id {feed_id}")
        return row

    async def all(self) -> list[Feed]:
        """Every registered feed with its polling state."""
        return await self._db.read(list_feeds)

    async def due_count(self) -> int:
        """How many feeds are due for a poll now."""
        return await self._db.read(count_due_feeds, now=to_micros(self._clock()))

    async def change(self, feed_id: int, changes: FeedChanges) -> Feed:
        """Change a feed; a new URL is checked by the guard and forgets the old one's validators."""
        values: dict[str, Any] = {}
        if changes.url is not None:
            await self._guard.check_url(changes.url)
            values |= {"url": changes.url, "etag": None, "last_modified": None}
        if changes.title is not KEEP:
            values["title"] = changes.title
        if changes.interval_seconds is not None:
            values["interval_seconds"] = changes.interval_seconds
        if changes.disabled is not None:
            values["disabled"] = changes.disabled
        if changes.disabled is False:  # enabled again: its failures are forgiven and it is due now
            values |= {"error_count": 0, "failing_since": None, "next_poll_at": to_micros(self._clock())}
        await self._db.write(update_feed(feed_id, values))
        if changes.disabled is False:
            self._on_due()
        return await self.get(feed_id)

    async def enable(self, feed_id: int) -> Feed:
        return await self.change(feed_id, FeedChanges(disabled=False))

    async def disable(self, feed_id: int) -> Feed:
        return await self.change(feed_id, FeedChanges(disabled=True))

    async def remove(self, feed_id: int) -> None:
        """Stop polling a feed; the items it brought stay."""
        await self._db.write(delete_feed(feed_id, now=to_micros(self._clock())))

    async def find(self, reference: str) -> int:
        """The id of the feed a command names by id or URL (NotFound for an unknown URL)."""
        if reference.isdigit():
            return int(reference)
        row = await self._db.read(find_feed_by_url, reference)
        if row is None:
            raise NotFound(f"no feed with URL {reference}")
        return int(row.id)

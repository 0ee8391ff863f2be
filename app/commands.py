"""The work of the `feedhook` poll, feeds and opml commands, on the services cli.py built.

Nothing here builds settings, engines or clients (only main.py and cli.py do): each step is given them.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import Progress

from app.clock import to_micros, utcnow
from app.errors import FeedhookError, NotFound
from app.feeds.guard import OutboundGuard
from app.feeds.opml import OpmlFeed
from app.feeds.poller import Poller, PollOutcome
from app.store.db import Database
from app.store.feeds import (
    add_feed,
    count_due_feeds,
    delete_feed,
    find_feed_by_url,
    list_feeds,
    register_feeds,
    update_feed,
)

if TYPE_CHECKING:  # the type only: the settings are cli.py's to build
    from app.config import Settings

__all__ = [
    "Services",
    "add_checked_feed",
    "feed_id_of",
    "import_feeds",
    "poll_due_feeds",
    "poll_feeds_now",
    "poll_until_signalled",
    "register_configured_feeds",
    "remove_feed",
    "set_feed_enabled",
]


@dataclass
class Services:
    """What a command needs to reach the database and the network, built from settings."""

    settings: Settings
    db: Database
    guard: OutboundGuard
    poller: Poller


async def register_configured_feeds(running: Services) -> None:
    """Register the feeds the settings name (FEEDHOOK_FEEDS) that are not registered yet."""
    settings = running.settings
    if settings.feed_urls():
        await running.db.write(
            register_feeds(
                urls=settings.feed_urls(),
                interval_seconds=settings.poll_interval_seconds,
                now=to_micros(utcnow()),
            )
        )


async def poll_until_signalled(running: Services) -> None:
    """Run the poller until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await running.poller.run_forever(stop)


async def poll_due_feeds(running: Services, console: Console) -> tuple[list[PollOutcome], dict[int, str]]:
    """One poll cycle over the feeds due now, with a progress bar on ``console``; the outcomes and feed URLs."""
    due = await running.db.read(count_due_feeds, now=to_micros(utcnow()))
    urls = {row.id: row.url for row in await running.db.read(list_feeds)}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("polling", total=due)
        outcomes = await running.poller.run_cycle(on_outcome=lambda _: progress.advance(task))
    return outcomes, urls


async def add_checked_feed(running: Services, url: str, *, title: str | None, interval: int | None) -> int:
    """Register a feed once the outbound-URL guard allows it; its id."""
    await running.guard.check_url(url)
    return int(
        await running.db.write(
            add_feed(
                url=url,
                title=title,
                interval_seconds=interval or running.settings.poll_interval_seconds,
                now=to_micros(utcnow()),
            )
        )
    )


async def feed_id_of(running: Services, feed: str) -> int:
    """The id of the feed with this id or URL (NotFound for an unknown one)."""
    if feed.isdigit():
        return int(feed)
    row = await running.db.read(find_feed_by_url, feed)
    if row is None:
        raise NotFound(f"no feed with URL {feed} (`feedhook feeds list` shows them)")
    return int(row.id)


async def remove_feed(running: Services, feed: str) -> int:
    """Stop polling the feed with this id or URL; its id (NotFound for an unknown URL)."""
    feed_id = await feed_id_of(running, feed)
    await running.db.write(delete_feed(feed_id, now=to_micros(utcnow())))
    return feed_id


async def set_feed_enabled(running: Services, feed: str, *, enabled: bool) -> int:
    """Enable (its error streak forgotten, due at once) or disable the feed with this id or URL; its id."""
    feed_id = await feed_id_of(running, feed)
    changes: dict[str, object] = {"disabled": not enabled}
    if enabled:
        changes |= {"error_count": 0, "next_poll_at": to_micros(utcnow())}
    await running.db.write(update_feed(feed_id, changes))
    return feed_id


async def poll_feeds_now(running: Services, feed: str | None) -> tuple[list[PollOutcome], dict[int, str]]:
    """Poll one feed (id or URL), or with None every enabled feed, due or not; the outcomes and feed URLs."""
    rows = await running.db.read(list_feeds)
    urls = {row.id: row.url for row in rows}
    if feed is not None:
        feed_id = await feed_id_of(running, feed)
        if feed_id not in urls:
            raise NotFound(f"no feed with id {feed_id} (`feedhook feeds list` shows them)")
        targets = [feed_id]
    else:
        targets = [row.id for row in rows if not row.disabled]
    outcomes = list(await asyncio.gather(*(running.poller.poll_now(feed_id) for feed_id in targets)))
    return outcomes, urls


async def import_feeds(running: Services, entries: Iterable[OpmlFeed]) -> list[tuple[str, str]]:
    """Register each feed of an OPML list: (url, result) pairs, where a refused or existing feed is a result."""
    results: list[tuple[str, str]] = []
    for entry in entries:
        try:
            await running.guard.check_url(entry.url)
            feed_id = await running.db.write(
                add_feed(
                    url=entry.url,
                    title=entry.title,
                    interval_seconds=running.settings.poll_interval_seconds,
                    now=to_micros(utcnow()),
                )
            )
            results.append((entry.url, f"added as {feed_id}"))
        except FeedhookError as error:
            results.append((entry.url, f"{error.title}: {error.detail}"))
    return results

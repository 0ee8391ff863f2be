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
from app.store.feeds import add_feed, count_due_feeds, delete_feed, find_feed_by_url, list_feeds, register_feeds

if TYPE_CHECKING:  # the type only: the settings are cli.py's to build
    from app.config import Settings

__all__ = [
    "Services",
    "add_checked_feed",
    "import_feeds",
    "poll_due_feeds",
    "poll_until_signalled",
    "register_configured_feeds",
    "remove_feed",
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


async def remove_feed(running: Services, feed: str) -> int:
    """Stop polling the feed with this id or URL; its id (NotFound for an unknown URL)."""
    if feed.isdigit():
        feed_id = int(feed)
    else:
        row = await running.db.read(find_feed_by_url, feed)
        if row is None:
            raise NotFound(f"no feed with URL {feed}")
        feed_id = int(row.id)
    await running.db.write(delete_feed(feed_id))
    return feed_id


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

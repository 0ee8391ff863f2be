"""The work of the `feedhook` poll command, on the services cli.py opened (app.services).

Nothing here builds settings, engines or clients: each step is given them.
"""

from __future__ import annotations

import asyncio
import signal

from rich.console import Console
from rich.progress import Progress

from app.errors import NotFound
from app.feeds.poller import PollOutcome
from app.ops.logging import logging_through
from app.services import Services

__all__ = ["poll_due_feeds", "poll_feeds_now", "poll_until_signalled", "set_feed_enabled"]


async def poll_until_signalled(running: Services) -> None:
    """Run the poller until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await running.poller.run_forever(stop)


async def poll_due_feeds(running: Services, console: Console) -> tuple[list[PollOutcome], dict[int, str]]:
    """One poll cycle over the feeds due now, with a progress bar on ``console``; the outcomes and feed URLs.

    Log lines (a failed feed's WARNING) go through the bar's console meanwhile, so each prints whole above
    the bar instead of into it.
    """
    due = await running.feeds.due_count()
    urls = {row.id: row.url for row in await running.feeds.all()}
    with Progress(console=console, transient=True) as progress, logging_through(progress.console):
        task = progress.add_task("polling", total=due)
        outcomes = await running.poller.run_cycle(on_outcome=lambda _: progress.advance(task))
    return outcomes, urls


async def set_feed_enabled(running: Services, feed: str, *, enabled: bool) -> int:
    """Enable (its error streak forgotten, due at once) or disable the feed with this id or URL; its id."""
    feed_id = await running.feeds.find(feed)
    await (running.feeds.enable(feed_id) if enabled else running.feeds.disable(feed_id))
    return feed_id


async def poll_feeds_now(running: Services, feed: str | None) -> tuple[list[PollOutcome], dict[int, str]]:
    """Poll one feed (id or URL), or with None every enabled feed, due or not; the outcomes and feed URLs."""
    rows = await running.feeds.all()
    urls = {row.id: row.url for row in rows}
    if feed is not None:
        feed_id = await running.feeds.find(feed)
        if feed_id not in urls:
            raise NotFound(f"no feed with id {feed_id} (`feedhook feeds list` shows them)")
        targets = [feed_id]
    else:
        targets = [row.id for row in rows if not row.disabled]
    outcomes = list(await asyncio.gather(*(running.poller.poll_now(feed_id) for feed_id in targets)))
    return outcomes, urls

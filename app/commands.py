"""The work of the `feedhook` poll command, on the services cli.py opened (app.services).

Nothing here builds settings, engines or clients: each step is given them.
"""

from __future__ import annotations

import asyncio
import signal

from rich.console import Console
from rich.progress import Progress

from app.feeds.poller import PollOutcome
from app.services import Services

__all__ = ["poll_due_feeds", "poll_until_signalled"]


async def poll_until_signalled(running: Services) -> None:
    """Run the poller until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await running.poller.run_forever(stop)


async def poll_due_feeds(running: Services, console: Console) -> tuple[list[PollOutcome], dict[int, str]]:
    """One poll cycle over the feeds due now, with a progress bar on ``console``; the outcomes and feed URLs."""
    due = await running.feeds.due_count()
    urls = {row.id: row.url for row in await running.feeds.all()}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("polling", total=due)
        outcomes = await running.poller.run_cycle(on_outcome=lambda _: progress.advance(task))
    return outcomes, urls

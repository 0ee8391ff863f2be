"""The loop every background worker runs: a pass, then sleep until woken, stopped, or the idle time is up."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

__all__ = ["run_until_stopped"]


async def run_until_stopped(
    step: Callable[[], Awaitable[object]],
    *,
    stop: asyncio.Event,
    wake: asyncio.Event,
    idle_seconds: float,
    log: logging.Logger,
    name: str,
) -> None:
    """Run `step` until `stop` is set; a failing pass is logged and retried later, never fatal.

    `wake` starts the next pass at once (new work was queued in this process); other processes' work
    is found by the next pass within `idle_seconds`.
    """
    log.info("%s started", name)
    while not stop.is_set():
        try:
            await step()
        except Exception:  # an outage (the database, say) costs a pass, never the worker
            log.exception("%s pass failed", name)
        wake.clear()
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())]
        await asyncio.wait(waiters, timeout=idle_seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
    log.info("%s stopped", name)

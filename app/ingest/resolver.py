"""Background shortlink resolution: follow `ift.tt`-style redirects off the request path, set the article URL.

It finishes webhook items (IFTTT sends shortlinks). Work is durable by construction: an item stored with
only a shortlink carries `resolve_after`, so a restart loses nothing. Redirects are followed through the
guarded outbound client (app.net), hop by hop, and only until the link leaves the shortener hosts: the
article page itself is never requested. Results are cached in the `shortlinks` table (shared by replicas);
when the resolved URL belongs to a story we already have, the item is merged into it (store/links.py).
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from app.background import run_until_stopped
from app.clock import to_micros, utcnow
from app.net.retry import backoff
from app.normalize import canonical_url, is_shortlink
from app.store.db import Database
from app.store.links import (
    DueResolution,
    Resolution,
    apply_resolution,
    cached_resolution,
    due_resolutions,
    postpone_resolution,
)

__all__ = ["ShortlinkResolver", "follow_shortlink"]

log = logging.getLogger("app.ingest.resolver")

_REDIRECTS = {301, 302, 303, 307, 308}
_META_REFRESH = re.compile(
    rb"""<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*\d+\s*;\s*url=([^"'>\s]+)""", re.IGNORECASE
)
_META_BYTES = 32 * 1024


async def follow_shortlink(client: httpx.AsyncClient, link: str, *, max_hops: int = 5) -> str | None:
    """The first URL off the shortener hosts that `link` redirects to, or None when there is none."""
    url = link
    for _ in range(max_hops):
        async with client.stream("GET", url) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                url = str(response.url.join(response.headers["location"]))
            elif response.status_code == 200:
                # Some shorteners answer 200 with an HTML meta refresh instead of a redirect.
                head = b""
                async for chunk in response.aiter_raw():
                    head += chunk
                    if len(head) >= _META_BYTES:
                        break
                found = _META_REFRESH.search(head)
                if found is None:
                    return None
                url = str(response.url.join(found.group(1).decode("latin-1")))
            else:
                return None
        if not is_shortlink(url):
            return url
    return None


class ShortlinkResolver:
    """Resolves due shortlink items in small concurrent batches; woken by the webhook, else every minute."""

    def __init__(
        self,
        *,
        db: Database,
        client: httpx.AsyncClient,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        batch: int = 32,
        concurrency: int = 8,
        max_attempts: int = 6,
        deadline_seconds: float = 10.0,
        idle_seconds: float = 60.0,
    ) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.rng = rng or random.Random()
        self.batch = batch
        self.max_attempts = max_attempts
        self.deadline_seconds = deadline_seconds
        self.idle_seconds = idle_seconds
        self._limit = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run_forever(self, stop: asyncio.Event) -> None:
        await run_until_stopped(
            self._drain, stop=stop, wake=self._wake, idle_seconds=self.idle_seconds, log=log, name="shortlink resolver"
        )

    async def _drain(self) -> None:
        while await self.run_once():
            pass

    async def run_once(self) -> list[Resolution | None]:
        """Try every item due now (up to a batch); returns what each try did (None: not resolved yet)."""
        due = await self.db.read(due_resolutions, now=to_micros(self.clock()), limit=self.batch)
        return list(await asyncio.gather(*(self._resolve_limited(row) for row in due)))

    async def _resolve_limited(self, row: DueResolution) -> Resolution | None:
        async with self._limit:
            return await self.resolve(row)

    async def resolve(self, row: DueResolution) -> Resolution | None:
        link = row.source_link
        target = await self.db.read(cached_resolution, link)
        if target is None:
            try:
                async with asyncio.timeout(self.deadline_seconds):
                    found = await follow_shortlink(self.client, link)
            except (httpx.HTTPError, TimeoutError) as exc:
                log.info(
                    "shortlink not resolved", extra={"fh_item_id": row.id, "fh_error": str(exc) or type(exc).__name__}
                )
                found = None
            target = canonical_url(found)
        if target is None or is_shortlink(target):
            await self._postpone(row)
            return None
        resolution: Resolution = await self.db.write(
            apply_resolution(item_id=row.id, link=link, url=target, now=to_micros(self.clock()))
        )
        log.info("shortlink resolved", extra={"fh_item_id": row.id, "fh_outcome": resolution.outcome})
        return resolution

    async def _postpone(self, row: DueResolution) -> None:
        attempts = row.resolve_attempts + 1
        next_after = None
        if attempts < self.max_attempts:  # then give up: the item keeps its shortlink and a null URL
            due = backoff(
                now=self.clock(),
                error_count=attempts,
                base=timedelta(minutes=1),
                max_interval=timedelta(hours=6),
                rng=self.rng,
            )
            next_after = to_micros(due)
        await self.db.write(postpone_resolution(item_id=row.id, attempts=attempts, next_after=next_after))

"""The feed-polling use case: claim due feeds → fetch → 304? → parse → normalize → save → schedule.

Each step of one poll is a branch with a structured log line; a feed's failure state lives on its row
(error count, message, next poll), never only in the log. Claims are leases (store/feeds.py), so any
number of poller processes can share one database and each due feed is polled once per cycle.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import secrets
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from app.background import run_until_stopped
from app.clock import to_micros, utcnow
from app.derive.profiles import feed_source_key, profile_of, refresh_due
from app.errors import FeedParseError, Unavailable, UnstorableItem
from app.feeds.cleaning import CleanedFeed
from app.feeds.fetcher import fetch
from app.feeds.parsepool import ParsePool
from app.feeds.result import FetchResult
from app.feeds.schedule import next_check
from app.net.feed_client import FeedClient
from app.net.retry import backoff
from app.normalize.model import NormalizedItem, NormalizeSettings
from app.normalize.raw import EncodedRaw, normalizer_version
from app.store.db import Database
from app.store.decide import owner_hosts
from app.store.feeds import ClaimedFeed, FeedPollUpdate, claim_due_feeds, claim_feed, record_poll
from app.store.items import SaveResult, save_items
from app.store.quarantine import entry_payload, keep_payload, unstorable_reason
from app.store.raw_inputs import with_raw_inputs
from app.store.tables import CHANNEL_FEED
from app.store.writer import is_row_error

__all__ = ["PollOutcome", "Poller", "PollerSettings", "worker_name"]

log = logging.getLogger("app.feeds.poller")

PollStatus = Literal["ok", "not_modified", "error", "gone"]


def worker_name() -> str:
    """A lease owner name that is unique per process and readable in the feeds table."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass(frozen=True, slots=True)
class PollerSettings:
    owner: str
    interval: timedelta = timedelta(minutes=15)
    min_interval: timedelta = timedelta(minutes=1)
    max_interval: timedelta = timedelta(days=1)
    error_base: timedelta = timedelta(minutes=1)
    lease: timedelta = timedelta(minutes=2)
    claim_batch: int = 64
    concurrency: int = 32
    max_bytes: int = 10 * 2**20
    deadline_seconds: float = 30.0
    idle_seconds: float = 15.0
    """Longest sleep between cycles when nothing is due (a new feed wakes the poller at once)."""
    parse_threads: int = 0
    """Threads that parse and normalize fetched feeds when there is no worker process; 0: one per CPU, at most 4."""


@dataclass(frozen=True, slots=True)
class PollOutcome:
    feed_id: int
    status: PollStatus
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    """Entries the normalizer could not use (no headline, say); the rest of the feed is stored."""
    quarantined: int = 0
    """Entries the database refused to store, kept in the quarantine with its reason."""
    error: str | None = None


def _seconds(value: int | None) -> timedelta | None:
    return None if value is None else timedelta(seconds=value)


class Poller:
    """Polls feeds on their schedules; one instance per process, sharing the app's database and client."""

    def __init__(
        self,
        *,
        db: Database,
        client: FeedClient,
        settings: PollerSettings,
        normalize_settings: NormalizeSettings,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        on_items_changed: Callable[[], None] | None = None,
        on_saved: Callable[[PollOutcome], None] | None = None,
        on_polled: Callable[[PollOutcome], None] | None = None,
        on_parsed: Callable[[float], None] | None = None,
        parse_pool: ParsePool | None = None,
    ) -> None:
        self.db = db
        self.parse_pool = parse_pool or ParsePool(threads=settings.parse_threads)
        """Where fetched feeds are parsed and normalized; its owner closes it (a default one has no processes)."""
        self.on_items_changed = on_items_changed
        """Called when a poll created or updated items (the delivery worker sends their webhooks now)."""
        self.on_saved = on_saved
        """Called with every poll that saved a feed's entries (the metrics count them)."""
        self.on_polled = on_polled
        """Called with every poll's outcome, failed ones too (metrics count polls by outcome)."""
        self.on_parsed = on_parsed
        """Called with the seconds one fetched document took to parse and normalize."""
        self.client = client
        self.settings = settings
        self.normalize_settings = normalize_settings
        self.clock = clock
        self.rng = rng or random.Random()
        self._wake = asyncio.Event()
        self._limit = asyncio.Semaphore(settings.concurrency)
        self._lease_micros = int(settings.lease.total_seconds() * 1_000_000)
        self._in_flight: dict[int, asyncio.Future[PollOutcome]] = {}

    def wake(self) -> None:
        """Start the next cycle now (a feed was added or changed)."""
        self._wake.set()

    async def run_forever(self, stop: asyncio.Event) -> None:
        await run_until_stopped(
            self.run_cycle,
            stop=stop,
            wake=self._wake,
            idle_seconds=self.settings.idle_seconds,
            log=log,
            name=f"poller {self.settings.owner}",
        )

    async def run_cycle(self, *, on_outcome: Callable[[PollOutcome], None] | None = None) -> list[PollOutcome]:
        """Poll every feed due now, each once: claim in batches until none is left due."""
        outcomes: list[PollOutcome] = []
        while True:
            now = to_micros(self.clock())
            claimed = await self.db.write(
                claim_due_feeds(
                    owner=self.settings.owner, now=now, lease_micros=self._lease_micros, limit=self.settings.claim_batch
                )
            )
            if not claimed:
                # Learned boilerplate for every source with enough new items (feeds and webhook posts alike).
                await refresh_due(self.db, now=self.clock(), settings=self.normalize_settings)
                return outcomes
            for outcome in await asyncio.gather(*(self._poll_limited(feed) for feed in claimed)):
                outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)

    async def poll_now(self, feed_id: int) -> PollOutcome:
        """Poll one feed at once, due or not; reports an error when another process is polling it right now."""
        running = self._in_flight.get(feed_id)
        if running is not None:  # this process is polling it already: that poll's outcome is the answer
            return await asyncio.shield(running)
        feed = await self.db.write(
            claim_feed(
                feed_id=feed_id, owner=self.settings.owner, now=to_micros(self.clock()), lease_micros=self._lease_micros
            )
        )
        if feed is None:
            return PollOutcome(feed_id, "error", error="another poller is polling this feed right now")
        return await self._poll_limited(feed)

    async def _poll_limited(self, feed: ClaimedFeed) -> PollOutcome:
        done: asyncio.Future[PollOutcome] = asyncio.get_running_loop().create_future()
        self._in_flight[feed.id] = done
        try:
            async with self._limit:
                try:
                    outcome = await self.poll(feed)
                except Exception as exc:  # a bug or an outage must cost one feed one poll, not the cycle
                    log.exception("poll failed", extra={"fh_feed_id": feed.id})
                    outcome = await self._record_error(feed, f"internal error: {type(exc).__name__}", None)
            if self.on_polled is not None:
                self.on_polled(outcome)
            done.set_result(outcome)
            return outcome
        finally:
            if not done.done():
                done.cancel()
            del self._in_flight[feed.id]

    async def poll(self, feed: ClaimedFeed) -> PollOutcome:
        """The recipe for one claimed feed."""
        result = await fetch(
            self.client,
            feed.url,
            etag=feed.etag,
            last_modified=feed.last_modified,
            max_bytes=self.settings.max_bytes,
            deadline_seconds=self.settings.deadline_seconds,
        )
        if result.status == "not_modified":
            log.debug("not modified", extra={"fh_feed_id": feed.id})
            return await self._record_success(feed, result, None, PollOutcome(feed.id, "not_modified"))
        if result.status == "gone":
            log.warning("feed gone (410): disabled", extra={"fh_feed_id": feed.id, "fh_url": feed.url})
            return await self._record_gone(feed, result)
        if result.status == "error":
            log.warning("fetch failed", extra={"fh_feed_id": feed.id, "fh_error": result.error})
            return await self._record_error(feed, result.error or "fetch failed", result)
        now = self.clock()
        source_key = feed_source_key(feed.id)
        parse_started = time.perf_counter()
        try:
            cleaned = await self.parse_pool.clean(
                result.content,
                headers=result.headers,
                url=result.final_url,
                now=now,
                settings=self.normalize_settings,
                profile=await profile_of(self.db, source_key),
            )
        except FeedParseError as exc:
            log.warning("not a feed", extra={"fh_feed_id": feed.id, "fh_error": exc.detail})
            return await self._record_error(feed, exc.detail, result)
        except Unavailable as exc:  # a parse worker died: not this feed's fault, as far as anyone knows
            log.warning("parse failed", extra={"fh_feed_id": feed.id, "fh_error": exc.detail})
            return await self._record_error(feed, exc.detail, result)
        if self.on_parsed is not None:
            self.on_parsed(time.perf_counter() - parse_started)
        # The feed edits its own stories and those on its own host; any other story it carries is a sighting.
        hosts = owner_hosts(feed.url, feed.site_url)
        received_at = to_micros(now)
        version = normalizer_version()
        try:
            save = save_items(
                cleaned.items, channel=CHANNEL_FEED, received_at=received_at, feed_id=feed.id, hosts=hosts
            )
            saved: list[SaveResult] = await self.db.write(
                with_raw_inputs(save, cleaned.raws, source_key=source_key, version=version, now=received_at)
            )
            unstorable = 0
        except Exception as exc:
            if not is_row_error(exc):
                raise
            saved, unstorable = await self._save_each(
                feed, list(zip(cleaned.items, cleaned.raws, strict=True)), received_at=received_at, hosts=hosts
            )
        statuses = [save.status for save in saved]
        outcome = PollOutcome(
            feed.id,
            "ok",
            new=statuses.count("created"),
            updated=statuses.count("updated"),
            unchanged=statuses.count("duplicate"),
            rejected=cleaned.rejected,
            quarantined=unstorable,
        )
        if self.on_saved is not None:
            self.on_saved(outcome)
        if (outcome.new or outcome.updated) and self.on_items_changed is not None:
            self.on_items_changed()
        log.info(
            "polled",
            extra={
                "fh_feed_id": feed.id,
                "fh_new": outcome.new,
                "fh_updated": outcome.updated,
                "fh_rejected": cleaned.rejected,
            },
        )
        return await self._record_success(feed, result, cleaned, outcome)

    async def _save_each(
        self,
        feed: ClaimedFeed,
        entries: Sequence[tuple[NormalizedItem, EncodedRaw]],
        *,
        received_at: int,
        hosts: frozenset[str],
    ) -> tuple[list[SaveResult], int]:
        """Save a feed whose batch the store refused, entry by entry: each entry it refuses is quarantined.

        One entry the database cannot take (a value it refuses) must cost that entry, not the feed's other
        entries on every poll; the quarantine keeps it, with the database's reason, for a replay.
        """

        async def save_one(entry: NormalizedItem, raw: EncodedRaw) -> SaveResult | None:
            try:
                save = save_items([entry], channel=CHANNEL_FEED, received_at=received_at, feed_id=feed.id, hosts=hosts)
                results: list[SaveResult] = await self.db.write(
                    with_raw_inputs(
                        save, [raw], source_key=feed_source_key(feed.id), version=normalizer_version(), now=received_at
                    )
                )
                return results[0]
            except Exception as exc:
                if not is_row_error(exc):
                    raise
                reason = unstorable_reason(exc)
                log.warning("entry not stored", extra={"fh_feed_id": feed.id, "fh_error": reason})
                await self.db.write(
                    keep_payload(
                        body=entry_payload(entry, feed_url=feed.url),
                        content_type="application/json",
                        reason=UnstorableItem.code,
                        detail=f"the store refused an entry of feed {feed.id}: {reason}",
                        received_at=received_at,
                    )
                )
                return None

        outcomes = await asyncio.gather(*(save_one(entry, raw) for entry, raw in entries))
        saved = [outcome for outcome in outcomes if outcome is not None]
        return saved, len(outcomes) - len(saved)

    async def _record_success(
        self, feed: ClaimedFeed, result: FetchResult, parsed: CleanedFeed | None, outcome: PollOutcome
    ) -> PollOutcome:
        now = self.clock()
        ttl = _seconds(parsed.ttl_seconds) if parsed is not None else None
        due = next_check(
            now=now,
            interval=timedelta(seconds=feed.interval_seconds),
            ttl=ttl,
            max_age=_seconds(result.freshness_seconds),
            min_interval=self.settings.min_interval,
            max_interval=self.settings.max_interval,
        )
        update = FeedPollUpdate(
            status=outcome.status,
            polled_at=to_micros(now),
            next_poll_at=to_micros(due),
            error_count=0,
            last_error=None,
            etag=result.etag,
            last_modified=result.last_modified,
            title=parsed.title if parsed is not None and not feed.title else None,
            site_url=parsed.site_url if parsed is not None and not feed.site_url else None,
            url=result.permanent_url,
        )
        await self.db.write(record_poll(feed.id, owner=self.settings.owner, update=update))
        return outcome

    async def _record_error(self, feed: ClaimedFeed, error: str, result: FetchResult | None) -> PollOutcome:
        now = self.clock()
        errors = feed.error_count + 1
        retry_after = _seconds(result.retry_after_seconds) if result is not None else None
        due = backoff(
            now=now,
            error_count=errors,
            base=max(self.settings.error_base, self.settings.min_interval),
            max_interval=self.settings.max_interval,
            rng=self.rng,
            retry_after=retry_after,
        )
        update = FeedPollUpdate(
            status="error", polled_at=to_micros(now), next_poll_at=to_micros(due), error_count=errors, last_error=error
        )
        await self.db.write(record_poll(feed.id, owner=self.settings.owner, update=update))
        return PollOutcome(feed.id, "error", error=error)

    async def _record_gone(self, feed: ClaimedFeed, result: FetchResult) -> PollOutcome:
        now = to_micros(self.clock())
        update = FeedPollUpdate(
            status="gone",
            polled_at=now,
            next_poll_at=now,
            error_count=feed.error_count + 1,
            last_error=f"HTTP {result.http_status}: the feed is gone; polling is disabled",
            disabled=True,
        )
        await self.db.write(record_poll(feed.id, owner=self.settings.owner, update=update))
        return PollOutcome(feed.id, "gone", error=update.last_error)

"""The composition root: every long-lived object, built from Settings in one place and closed in reverse.

The server's lifespan (app.main) and every `feedhook` command (app.cli) open the same ``open_services``;
routes get narrow pieces of it through app.api.deps. ``Database``, the feed client and the poller are
constructed here and nowhere else in the application.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import httpx

from app.access.keys import Access
from app.clock import to_micros, utcnow
from app.config import GeneratedSecrets, Settings
from app.feeds.parsepool import ParsePool
from app.feeds.poller import Poller, PollOutcome
from app.feeds.registry import FeedRegistry
from app.ingest.inbox import Inbox
from app.ingest.resolver import ShortlinkResolver
from app.net.feed_client import FeedClient
from app.net.guard import OutboundGuard, Resolver
from app.net.outbound import build_http_client
from app.normalize.model import NormalizeSettings
from app.ops.metrics import Metrics, ParseWorkers, ReadsMoved
from app.ops.retention import RetentionWorker
from app.outputs.site import Site
from app.outputs.subscriptions import SubscriptionRegistry
from app.outputs.webhooks import DeliveryWorker
from app.reads.item_detail import ItemDetailReader
from app.reads.overview import OverviewReader
from app.reads.pages import PageReader
from app.store.db import Database
from app.store.overview import backlog, feeds_in_error
from app.wiring import delivery_settings, parse_pool, poller_settings, retention_settings, user_agent

if TYPE_CHECKING:  # the type only: `feedhook poll` and the feed commands never load the webhook recipe
    from app.ingest.service import WebhookIntake

__all__ = ["Services", "open_services", "run_workers"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Services:
    """What the server and the commands work with; built by ``open_services``, never by hand."""

    settings: Settings
    secrets: GeneratedSecrets | None
    """The webhook token and admin key; None for commands that need neither (no secrets file is made for them)."""
    clock: Callable[[], datetime]
    metrics: Metrics
    normalize_settings: NormalizeSettings
    db: Database
    guard: OutboundGuard
    http: httpx.AsyncClient
    """The outbound client for webhook deliveries and shortlinks (the feed client is the poller's)."""
    feed_client: FeedClient
    parse_pool: ParsePool
    poller: Poller
    deliveries: DeliveryWorker
    retention: RetentionWorker
    """Deletes old items (when FEEDHOOK_RETENTION_DAYS is set) and old inbox requests, hourly in the server."""
    resolver: ShortlinkResolver | None
    feeds: FeedRegistry
    subscriptions: SubscriptionRegistry
    pages: PageReader
    item_detail: ItemDetailReader
    overview: OverviewReader
    inbox: Inbox
    intake: WebhookIntake | None
    """The webhook recipe; None when no secrets were given (commands that take no webhooks)."""
    access: Access | None
    """Keys with scopes, public reads, the metrics key and the webhook token in force; None without secrets."""
    site: Site

    async def refresh_store_figures(self) -> None:
        """Read what waits in the database into the metrics (a scrape renders them right after)."""
        state = self.metrics.store_state
        waiting = await self.db.read(backlog)
        state.feed_streaks = {row.id: row.error_count for row in await self.db.read(feeds_in_error)}
        state.quarantined, state.deliveries_pending = waiting.quarantined, waiting.deliveries_pending
        oldest = waiting.oldest_pending_at
        age = 0.0 if oldest is None else max(0.0, to_micros(self.clock()) - oldest) / 1e6
        state.oldest_delivery_age_seconds = age

    def wake(self, *, resolver: bool = False, deliveries: bool = False) -> None:
        """Wake the background workers new work was queued for; the caller does not wait for them."""
        if resolver and self.resolver is not None:
            self.resolver.wake()
        if deliveries:
            self.deliveries.wake()


@asynccontextmanager
async def open_services(
    settings: Settings,
    *,
    secrets: GeneratedSecrets | None = None,
    metrics: Metrics | None = None,
    clock: Callable[[], datetime] = utcnow,
    resolver: Resolver | None = None,
) -> AsyncIterator[Services]:
    """Build every long-lived object from `settings`; on exit, close them in the reverse order.

    `resolver` replaces the system's DNS for every outbound connection (the guard dials them all): tests
    point feed hosts at loopback with it.
    """
    metrics = metrics or Metrics()
    async with AsyncExitStack() as stack:
        db = Database(
            settings.database_url,
            write_batch_max=settings.write_batch_max,
            busy_timeout_ms=settings.sqlite_busy_timeout_ms,
        )
        await db.start()
        stack.push_async_callback(db.close)
        stack.callback(metrics.unwatch, metrics.watch(ReadsMoved(db.quick_reads_moved)))
        guard = OutboundGuard(allow_private=settings.allow_private_networks, resolver=resolver)
        http = build_http_client(guard=guard, user_agent=user_agent(settings))
        stack.push_async_callback(http.aclose)
        feed_client = FeedClient(
            guard=guard,
            user_agent=user_agent(settings),
            per_host_limit=settings.fetch_per_host,
            keepalive_seconds=settings.fetch_keepalive_seconds,
        )
        stack.push_async_callback(feed_client.aclose)
        workers = parse_pool(settings)  # no process starts before the first feed is parsed
        stack.push_async_callback(workers.aclose)
        stack.callback(
            metrics.unwatch,
            metrics.watch(ParseWorkers(alive=lambda: len(workers.worker_pids()), restarts=lambda: workers.restarts)),
        )
        normalize_settings = NormalizeSettings(timezone=settings.timezone)
        deliveries = DeliveryWorker(db=db, client=http, settings=delivery_settings(settings))

        def count_poll(outcome: PollOutcome) -> None:
            metrics.count_poll(
                created=outcome.new,
                updated=outcome.updated,
                duplicate=outcome.unchanged,
                quarantined=outcome.quarantined,
            )

        poller = Poller(
            db=db,
            client=feed_client,
            settings=poller_settings(settings),
            normalize_settings=normalize_settings,
            on_items_changed=deliveries.wake,
            on_saved=count_poll,
            parse_pool=workers,
            on_polled=lambda outcome: metrics.polls.labels(outcome.status).inc(),
            on_parsed=metrics.parse_seconds.observe,
        )
        intake, access = None, None
        if secrets is not None:
            from app.ingest.service import WebhookIntake

            access = Access(
                db=db,
                bootstrap_key=secrets.api_key,
                webhook_token=secrets.webhook_token,
                public_reads=settings.public_reads,
                metrics_key=settings.metrics_key.get_secret_value() if settings.metrics_key else None,
                clock=clock,
            )
            intake = WebhookIntake(
                db=db,
                token=access.webhook_token,
                max_body_bytes=settings.max_body_bytes,
                settings=normalize_settings,
                clock=clock,
                on_outcome=lambda status: metrics.items.labels("webhook", status).inc(),
                inbox_retention=retention_settings(settings).inbox,
            )
        yield Services(
            settings=settings,
            secrets=secrets,
            clock=clock,
            metrics=metrics,
            normalize_settings=normalize_settings,
            db=db,
            guard=guard,
            http=http,
            feed_client=feed_client,
            parse_pool=workers,
            poller=poller,
            deliveries=deliveries,
            retention=RetentionWorker(db=db, settings=retention_settings(settings), clock=clock),
            resolver=ShortlinkResolver(db=db, client=http) if settings.resolve_shortlinks else None,
            feeds=FeedRegistry(
                db=db,
                guard=guard,
                clock=clock,
                default_interval_seconds=settings.poll_interval_seconds,
                on_due=poller.wake,
            ),
            subscriptions=SubscriptionRegistry(db=db, guard=guard, clock=clock),
            pages=PageReader(db=db, settle_micros=int(settings.changes_settle_seconds * 1_000_000)),
            item_detail=ItemDetailReader(db=db),
            overview=OverviewReader(db=db),
            inbox=Inbox(db=db),
            intake=intake,
            access=access,
            site=Site(
                public_url=settings.public_url,
                trusted_hosts=settings.trusted_host_names(),
                title=settings.feed_title.strip() or "feedhook",
            ),
        )


@asynccontextmanager
async def run_workers(services: Services) -> AsyncIterator[None]:
    """Run the background workers the settings ask for (poller, resolver, deliveries) and retention until the
    block ends."""
    settings = services.settings
    await services.feeds.register_configured(settings.feed_urls())
    stop = asyncio.Event()
    tasks: list[asyncio.Task[None]] = []
    if settings.poller:
        tasks.append(asyncio.create_task(services.poller.run_forever(stop), name="feedhook-poller"))
    if services.resolver is not None:
        tasks.append(asyncio.create_task(services.resolver.run_forever(stop), name="feedhook-resolver"))
    if settings.deliveries:
        tasks.append(asyncio.create_task(services.deliveries.run_forever(stop), name="feedhook-deliveries"))
    tasks.append(asyncio.create_task(services.retention.run_forever(stop), name="feedhook-retention"))
    try:
        yield
    finally:
        stop.set()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, timeout=settings.fetch_timeout_seconds + 5)

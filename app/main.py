"""The application factory: builds settings, the database and the runtime in the lifespan, wires routes."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import __version__
from app.access.keys import Access
from app.api import feeds, items, keys, ops, outputs, subscriptions, webhooks
from app.api.deps import Runtime
from app.api.problems import install_problem_handlers, install_problem_openapi
from app.clock import to_micros, utcnow
from app.config import Settings, ensure_secrets
from app.feeds.client import FeedClient
from app.feeds.guard import OutboundGuard
from app.feeds.outbound import build_http_client
from app.feeds.poller import Poller
from app.feeds.resolver import ShortlinkResolver
from app.normalize.model import NormalizeSettings
from app.ops.metrics import Metrics, MetricsMiddleware
from app.outputs.webhooks import DeliveryWorker
from app.store.db import Database
from app.store.feeds import register_feeds
from app.ui import install_console
from app.wiring import delivery_settings, parse_pool, poller_settings, user_agent

__all__ = ["create_app"]

DESCRIPTION = """
feedhook ingests news from IFTTT webhooks and RSS/Atom feeds, cleans every item into a typed record
(headline, bullets, body paragraphs, source name and link) and serves it.

Errors are RFC 9457 `application/problem+json` documents.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; nothing connects until the lifespan starts (uvicorn's factory mode calls this)."""
    settings = settings or Settings()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        secrets = ensure_secrets(settings)
        db = Database(
            settings.database_url,
            write_batch_max=settings.write_batch_max,
            busy_timeout_ms=settings.sqlite_busy_timeout_ms,
        )
        await db.start()
        metrics.reads_moved.counts = db.quick_reads_moved
        guard = OutboundGuard(allow_private=settings.allow_private_networks)
        client = build_http_client(guard=guard, user_agent=user_agent(settings))  # webhooks and shortlinks
        feed_client = FeedClient(
            guard=guard,
            user_agent=user_agent(settings),
            per_host_limit=settings.fetch_per_host,
            keepalive_seconds=settings.fetch_keepalive_seconds,
        )
        normalize_settings = NormalizeSettings(timezone=settings.timezone)
        deliveries = DeliveryWorker(db=db, client=client, settings=delivery_settings(settings))
        workers = parse_pool(settings)  # no process starts before the first feed is parsed
        metrics.parse_workers.alive = lambda: len(workers.worker_pids())
        metrics.parse_workers.restarts = lambda: workers.restarts
        poller = Poller(
            db=db,
            client=feed_client,
            settings=poller_settings(settings),
            normalize_settings=normalize_settings,
            on_items_changed=deliveries.wake,
            on_saved=lambda outcome: metrics.count_poll(
                created=outcome.new,
                updated=outcome.updated,
                duplicate=outcome.unchanged,
                quarantined=outcome.quarantined,
            ),
            parse_pool=workers,
            on_polled=lambda outcome: metrics.polls.labels(outcome.status).inc(),
            on_parsed=metrics.parse_seconds.observe,
        )
        resolver = ShortlinkResolver(db=db, client=client) if settings.resolve_shortlinks else None
        app.state.runtime = Runtime(
            db=db,
            metrics=metrics,
            normalize_settings=normalize_settings,
            webhook_token=secrets.webhook_token,
            api_key=secrets.api_key,
            max_body_bytes=settings.max_body_bytes,
            guard=guard,
            poller=poller,
            poll_interval_seconds=settings.poll_interval_seconds,
            resolver=resolver,
            deliveries=deliveries,
            changes_settle_micros=int(settings.changes_settle_seconds * 1_000_000),
            public_url=settings.public_url,
            feed_title=settings.feed_title.strip() or "feedhook",
            trusted_hosts=settings.trusted_host_names(),
            access=Access(
                db=db,
                bootstrap_key=secrets.api_key,
                webhook_token=secrets.webhook_token,
                public_reads=settings.public_reads,
                metrics_key=settings.metrics_key.get_secret_value() if settings.metrics_key else None,
            ),
        )
        stop = asyncio.Event()
        background: list[asyncio.Task[None]] = []
        try:
            if settings.feed_urls():
                # Registered without the guard's DNS check: offline at start, a feed shows its error and backs off.
                await db.write(
                    register_feeds(
                        urls=settings.feed_urls(),
                        interval_seconds=settings.poll_interval_seconds,
                        now=to_micros(utcnow()),
                    )
                )
            if settings.poller:
                background.append(asyncio.create_task(poller.run_forever(stop), name="feedhook-poller"))
            if resolver is not None:
                background.append(asyncio.create_task(resolver.run_forever(stop), name="feedhook-resolver"))
            if settings.deliveries:
                background.append(asyncio.create_task(deliveries.run_forever(stop), name="feedhook-deliveries"))
            # What exists now (modules, the app, its routes and schemas) lives as long as the process: freeze it
            # so that a full collection walks only what requests left behind. Unfrozen, such a collection
            # stopped the server ~45 ms every ~1,000 reads, the largest share of p99 (docs/benchmarks-reads.md).
            gc.collect()
            gc.freeze()
            yield
        finally:
            gc.unfreeze()  # several apps in one process (tests): what this one built can be collected again
            stop.set()
            for task in background:
                with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                    await asyncio.wait_for(task, timeout=settings.fetch_timeout_seconds + 5)
            await workers.aclose()
            await feed_client.aclose()
            await client.aclose()
            await db.close()

    app = FastAPI(
        title="feedhook",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    install_problem_openapi(app, finish=outputs.document_examples)
    app.include_router(webhooks.router)
    app.include_router(items.router)
    app.include_router(feeds.router)
    app.include_router(subscriptions.router)
    app.include_router(keys.router)
    app.include_router(outputs.router)
    app.include_router(ops.router)
    ops.install_docs(app)
    install_console(app)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app

"""Prometheus metrics, on a registry of the app's own (two apps in one process never collide)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import Collector

__all__ = ["CONTENT_TYPE_LATEST", "Metrics", "MetricsMiddleware", "ParseWorkers", "ReadsMoved", "StoreState"]

Scope = dict[str, Any]
ASGIApp = Any


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "feedhook_http_requests",
            "HTTP requests by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "feedhook_http_request_duration_seconds",
            "HTTP request duration by route template.",
            ["route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
            registry=self.registry,
        )
        self.items = Counter(
            "feedhook_items",
            "Items ingested, by outcome: created, duplicate, updated, quarantined.",
            ["channel", "outcome"],
            registry=self.registry,
        )

        self.polls = Counter(
            "feedhook_feed_polls",
            "Feed polls by outcome: ok, not_modified (a 304), error, gone (a 410: the feed is disabled).",
            ["outcome"],
            registry=self.registry,
        )
        self.parse_seconds = Histogram(
            "feedhook_feed_parse_seconds",
            "Time to parse and normalize one fetched feed document (a 304 parses nothing).",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
            registry=self.registry,
        )
        self.store_state = StoreState()
        self.registry.register(self.store_state)

    def watch(self, collector: Collector) -> Collector:
        """Export what `collector` reads from a running part (the store, the parse pool); it, to unwatch later."""
        self.registry.register(collector)
        return collector

    def unwatch(self, collector: Collector) -> None:
        """The part closed: its figures leave the exposition (another may be watched in its place)."""
        self.registry.unregister(collector)

    def count_poll(self, *, created: int, updated: int, duplicate: int, quarantined: int) -> None:
        """Count a poll's saved entries in feedhook_items_total, as the webhook counts its items."""
        for outcome, count in (
            ("created", created),
            ("updated", updated),
            ("duplicate", duplicate),
            ("quarantined", quarantined),
        ):
            if count:
                self.items.labels("feed", outcome).inc(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class StoreState(Collector):
    """What waits in the database, read by the /metrics route just before each scrape renders.

    A collector cannot await the database, so the route reads the figures and sets them here; between
    scrapes nothing is queried.
    """

    def __init__(self) -> None:
        self.feed_streaks: Mapping[int, int] = {}
        """Enabled feeds in error: feed id → failed polls in a row."""
        self.quarantined = 0
        self.deliveries_pending = 0
        self.oldest_delivery_age_seconds = 0.0

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "feedhook_feeds_in_error", "Enabled feeds whose last poll failed.", value=len(self.feed_streaks)
        )
        streaks = GaugeMetricFamily(
            "feedhook_feed_error_streak",
            "Failed polls in a row, per enabled feed in error (a feed that recovers leaves the series).",
            labels=["feed_id"],
        )
        for feed_id, streak in sorted(self.feed_streaks.items()):
            streaks.add_metric([str(feed_id)], streak)
        yield streaks
        yield GaugeMetricFamily(
            "feedhook_quarantine_size", "Webhook payloads kept in quarantine, not yet replayed.", value=self.quarantined
        )
        yield GaugeMetricFamily(
            "feedhook_delivery_backlog",
            "Outbound webhook deliveries not yet delivered or given up.",
            value=self.deliveries_pending,
        )
        yield GaugeMetricFamily(
            "feedhook_delivery_backlog_oldest_age_seconds",
            "Age of the oldest delivery in the backlog (0 when it is empty).",
            value=self.oldest_delivery_age_seconds,
        )


class ReadsMoved(Collector):
    """Quick reads the store moved from the event loop to a reader thread, counted by the store itself."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = counts  # the store's own counter, read at each scrape

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily(
            "feedhook_db_quick_reads_moved",
            "Page reads moved from the event loop to a reader thread: over_budget (the query scanned past its "
            "time budget) or locked (the database was locked). A steady rise means a listing needs an index.",
            labels=["reason"],
        )
        for reason, count in sorted(self.counts.items()):
            family.add_metric([reason], count)
        yield family


class ParseWorkers(Collector):
    """The poller's parse worker processes, read from the pool at each scrape."""

    def __init__(self, *, alive: Callable[[], int], restarts: Callable[[], int]) -> None:
        self.alive = alive
        self.restarts = restarts

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "feedhook_parse_workers",
            "Parse worker processes alive (0 when parsing on threads, and until the first feed is parsed).",
            value=self.alive(),
        )
        yield CounterMetricFamily(
            "feedhook_parse_worker_restarts",
            "Parse worker pools replaced after a worker died (killed, out of memory, crashed in a C extension) or "
            "a feed overran the parse deadline; each cost the feeds it was parsing one poll.",
            value=self.restarts(),
        )


class MetricsMiddleware:
    """Counts every HTTP request by its route template (never the raw path: unbounded label values)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_and_record(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(template, scope["method"], str(status)).inc()
            self.metrics.latency.labels(template).observe(time.perf_counter() - started)

"""Request dependencies: the app's runtime objects, exposed as Annotated aliases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from app.access.keys import Access
from app.api.access import AdminDep, FeedReadDep, ReadDep
from app.clock import utcnow
from app.feeds.guard import OutboundGuard
from app.feeds.poller import Poller
from app.feeds.resolver import ShortlinkResolver
from app.normalize.model import NormalizeSettings
from app.ops.metrics import Metrics
from app.outputs.webhooks import DeliveryWorker
from app.store.db import Database

__all__ = ["MAX_ID", "AdminDep", "FeedReadDep", "ReadDep", "Runtime", "RuntimeDep", "get_runtime"]

MAX_ID = 2**63 - 1
"""Ids are BIGINT: a larger path id must be a 422, not a driver overflow (500)."""


@dataclass(slots=True)
class Runtime:
    """Everything a request needs, built once by main.create_app and kept on app.state."""

    db: Database
    metrics: Metrics
    normalize_settings: NormalizeSettings
    webhook_token: str
    api_key: str
    max_body_bytes: int
    guard: OutboundGuard
    poller: Poller
    poll_interval_seconds: int
    resolver: ShortlinkResolver | None = None
    deliveries: DeliveryWorker | None = None
    changes_settle_micros: int = 2_000_000
    public_url: str | None = None
    feed_title: str = "feedhook"
    """The output feeds' title (FEEDHOOK_FEED_TITLE)."""
    trusted_hosts: frozenset[str] = frozenset()
    """Host header values (lower-case, port included when sent) the feed outputs may build their URLs from."""
    clock: Callable[[], datetime] = utcnow
    access: Access | None = None
    """Keys, public reads, the metrics key and the webhook token in force (app.access.keys)."""

    def wake_poller(self) -> None:
        self.poller.wake()

    def wake_deliveries(self) -> None:
        """A stored item was created or changed: its webhook deliveries are due now."""
        if self.deliveries is not None:
            self.deliveries.wake()


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]

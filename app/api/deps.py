"""Request dependencies: narrow pieces of the services the lifespan opened, as Annotated aliases.

A route asks for what it uses (the feed registry, the page reader, the clock…), never for the whole
``Services``; tests swap one piece with ``app.dependency_overrides``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from app.access.keys import Access
from app.feeds.poller import Poller
from app.feeds.registry import FeedRegistry
from app.ingest.service import IngestOutcome, WebhookIntake
from app.ops.metrics import Metrics
from app.outputs.site import Site
from app.outputs.subscriptions import SubscriptionRegistry
from app.reads.pages import PageReader
from app.services import Services

__all__ = [
    "MAX_ID",
    "AccessDep",
    "ClockDep",
    "FeedsDep",
    "IntakeDep",
    "MetricsDep",
    "PagesDep",
    "PollerDep",
    "ReadinessDep",
    "ServicesDep",
    "SiteDep",
    "SubscriptionsDep",
    "WakeDep",
]

MAX_ID = 2**63 - 1
"""Ids are BIGINT: a larger path id must be a 422, not a driver overflow (500)."""


# Every provider is `async def` and reads app.state itself: FastAPI runs a plain `def` dependency on a
# worker thread, and a provider that depends on another is one more solving step on every request.


def _opened(request: Request) -> Services:
    opened: Services = request.app.state.services
    return opened


async def services(request: Request) -> Services:
    """The services app.main's lifespan opened for this app."""
    return _opened(request)


ServicesDep = Annotated[Services, Depends(services)]


async def clock(request: Request) -> Callable[[], datetime]:
    return _opened(request).clock


async def feed_registry(request: Request) -> FeedRegistry:
    return _opened(request).feeds


async def subscription_registry(request: Request) -> SubscriptionRegistry:
    return _opened(request).subscriptions


async def page_reader(request: Request) -> PageReader:
    return _opened(request).pages


async def poller(request: Request) -> Poller:
    return _opened(request).poller


async def metrics(request: Request) -> Metrics:
    return _opened(request).metrics


async def site(request: Request) -> Site:
    return _opened(request).site


async def wake_workers(request: Request) -> Callable[[IngestOutcome], None]:
    opened = _opened(request)

    def wake(outcome: IngestOutcome) -> None:
        opened.wake(resolver=outcome.wake_resolver, deliveries=outcome.wake_deliveries)

    return wake


async def webhook_intake(request: Request) -> WebhookIntake:
    opened = _opened(request)
    assert opened.intake is not None, "the server's services are opened with the secrets"
    return opened.intake


async def access(request: Request) -> Access:
    """Keys, public reads, the metrics key and the webhook token in force (app.access.keys)."""
    opened = _opened(request)
    assert opened.access is not None, "the server's services are opened with the secrets"
    return opened.access


async def readiness(request: Request) -> None:
    """The database answers a query through its schema (and a SQLite file is still the one open, with room)."""
    await _opened(request).db.check_ready()


ClockDep = Annotated[Callable[[], datetime], Depends(clock)]
FeedsDep = Annotated[FeedRegistry, Depends(feed_registry)]
SubscriptionsDep = Annotated[SubscriptionRegistry, Depends(subscription_registry)]
PagesDep = Annotated[PageReader, Depends(page_reader)]
PollerDep = Annotated[Poller, Depends(poller)]
MetricsDep = Annotated[Metrics, Depends(metrics)]
SiteDep = Annotated[Site, Depends(site)]
IntakeDep = Annotated[WebhookIntake, Depends(webhook_intake)]
WakeDep = Annotated[Callable[[IngestOutcome], None], Depends(wake_workers)]
"""Wakes the background workers a stored webhook item gave work to."""
ReadinessDep = Annotated[None, Depends(readiness)]
AccessDep = Annotated[Access, Depends(access)]

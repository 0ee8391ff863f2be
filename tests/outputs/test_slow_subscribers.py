"""One slow subscriber delays no other: slots refill as attempts end, a subscription's in-flight share is capped."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from app.clock import utcnow
from app.net.guard import OutboundGuard
from app.net.outbound import build_http_client
from app.store.db import Database
from app.store.deliveries import list_deliveries
from tests.feeds.server import LoopbackServer, Request, Response
from tests.outputs.test_webhooks import queue, worker

SLOW_SECONDS = 1.0


@pytest.fixture
async def endpoints() -> AsyncIterator[tuple[LoopbackServer, list[str]]]:
    arrivals: list[str] = []

    async def slow(request: Request) -> Response:
        arrivals.append("slow")
        await asyncio.sleep(SLOW_SECONDS)
        return Response(200)

    def fast(request: Request) -> Response:
        arrivals.append("fast")
        return Response(200)

    async with LoopbackServer("127.0.0.1") as running:
        running.route("/slow", slow)
        running.route("/fast", fast)
        yield running, arrivals
    assert not running.errors, running.errors


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with build_http_client(guard=OutboundGuard(allow_private=True), user_agent="feedhook/test") as http:
        yield http


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_slow_subscriber_does_not_hold_back_a_healthy_one(
    db: Database, client: httpx.AsyncClient, endpoints: tuple[LoopbackServer, list[str]]
) -> None:
    server, arrivals = endpoints
    slow_id, _ = await queue(db, server.url("/slow"), 6)
    fast_id, _ = await queue(db, server.url("/fast"), 8)
    sender = worker(
        db, client, utcnow, claim_batch=4, concurrency=4, per_subscription=1, slow_seconds=0.5, slow_flag_after=3
    )
    outcomes = await sender.run_once()
    assert len(outcomes) == 14
    assert {outcome.status for outcome in outcomes} == {"delivered"}
    # Before: batches of four, awaited whole, so the healthy endpoint got two deliveries per slow answer.
    assert arrivals.index("slow", arrivals.index("slow") + 1) > max(
        i for i, who in enumerate(arrivals) if who == "fast"
    )
    assert arrivals[:2].count("slow") <= 1  # never more than its share in flight
    assert sender.slow_subscriptions == {slow_id}
    rows = await db.read(list_deliveries, subscription_id=fast_id, limit=50)
    assert [view.delivery.status for view in rows] == ["delivered"] * 8

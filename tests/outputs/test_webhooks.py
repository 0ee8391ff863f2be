"""Outbound webhooks: signatures checked by the `standardwebhooks` package, the worker against loopback subscribers."""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

import httpx
import orjson
import pytest
import sqlalchemy as sa
import standardwebhooks
from sqlalchemy import Connection

from app.clock import to_micros, utcnow
from app.net.guard import OutboundGuard
from app.net.outbound import build_http_client
from app.normalize import normalize
from app.normalize.model import NormalizeSettings, RawItem
from app.outputs.webhooks import (
    DeliverySettings,
    DeliveryWorker,
    new_secret,
    sign,
    webhook_headers,
)
from app.store.db import Database
from app.store.deliveries import claim_due_deliveries, list_deliveries
from app.store.items import save_item
from app.store.subscriptions import add_subscription, enqueue_for_item, get_subscription
from app.store.tables import CHANNEL_WEBHOOK, deliveries, delivery_attempts, delivery_payloads
from tests.feeds.server import LoopbackServer, Request, Response

HOOK = "/hook"


class Clock:
    """A clock the test moves; it starts at the real time so that `standardwebhooks` accepts the timestamps."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def scripted(statuses: list[int], headers: dict[str, str] | None = None) -> Callable[[Request], Response]:
    """A subscriber that answers each message's n-th attempt with statuses[n] (the last one from then on)."""
    seen: Counter[str] = Counter()

    def handle(request: Request) -> Response:
        attempt = seen[request.headers["webhook-id"]]
        seen[request.headers["webhook-id"]] += 1
        return Response(statuses[min(attempt, len(statuses) - 1)], headers or {})

    return handle


@pytest.fixture
async def subscriber() -> AsyncIterator[LoopbackServer]:
    async with LoopbackServer("127.0.0.1") as running:
        yield running
    assert not running.errors, running.errors


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    # The guarded client of the app; loopback is allowed as FEEDHOOK_ALLOW_PRIVATE_NETWORKS=true allows it.
    async with build_http_client(guard=OutboundGuard(allow_private=True), user_agent="feedhook/test") as http:
        yield http


def worker(
    db: Database, client: httpx.AsyncClient, clock: Callable[[], datetime], owner: str = "w1", **overrides: object
) -> DeliveryWorker:
    options: dict[str, object] = {"retry_base": timedelta(seconds=1), "retry_max": timedelta(seconds=2)}
    settings = DeliverySettings(owner=owner, **(options | overrides))  # type: ignore[arg-type]
    return DeliveryWorker(db=db, client=client, settings=settings, clock=clock)


async def queue(db: Database, url: str, count: int) -> tuple[int, str]:
    """`count` new items and a subscription to `url` with their deliveries queued; returns its id and secret.

    Items and subscription share a source of their own, so no other subscription of the test gets them;
    the items are saved before the subscription exists, so only the explicit enqueue queues deliveries.
    """
    now = to_micros(utcnow())
    source = f"Source {uuid.uuid4().hex[:8]}"
    item_ids = []
    for number in range(count):
        raw = RawItem(
            title=f"Story {number}",
            content=f"<p>Paragraph {number}.</p>",
            link=f"https://e.com/{source[7:]}/{number}",
            feed_title=source,
        )
        item = normalize(raw, now=utcnow(), settings=NormalizeSettings())
        item_ids.append((await db.write(save_item(item, channel=CHANNEL_WEBHOOK, received_at=now))).id)
    secret = new_secret()
    filters = {"source": source}
    subscription_id = await db.write(add_subscription(url=url, secret=secret, filters=filters, now=now))

    def enqueue_all(conn: Connection) -> None:
        for item_id in item_ids:
            enqueue_for_item(conn, item_id=item_id, event="item.created", now=now)

    await db.write(enqueue_all)
    return subscription_id, secret


def verified(secret: str, request: Request) -> dict[str, object]:
    payload: dict[str, object] = standardwebhooks.Webhook(secret).verify(request.body, request.headers)
    return payload


def test_signature_matches_the_standard_webhooks_example() -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # the spec's published test vector
    signature = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}')
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_headers_verify_with_the_standardwebhooks_package_and_tampering_fails() -> None:
    secret, body = new_secret(), b'{"type":"item.created","data":{"id":1,"headline":"Caf\xc3\xa9"}}'
    headers = webhook_headers(secret, "msg_abc", int(utcnow().timestamp()), body)
    assert headers["Content-Type"] == "application/json"
    assert standardwebhooks.Webhook(secret).verify(body, headers)["data"]["headline"] == "Café"
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(secret).verify(body.replace(b"1", b"2"), headers)
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(new_secret()).verify(body, headers)


def test_new_secrets_are_whsec_and_32_random_bytes() -> None:
    secrets = {new_secret() for _ in range(50)}
    assert len(secrets) == 50
    assert all(s.startswith("whsec_") and len(base64.b64decode(s[6:])) == 32 for s in secrets)


def test_a_lease_shorter_than_an_attempt_is_refused() -> None:
    # Claims never exceed the free slots, so a claimed delivery starts at once: one attempt must fit the lease.
    with pytest.raises(ValueError, match="lease"):
        DeliverySettings(owner="w", lease=timedelta(seconds=8), deadline_seconds=10)
    DeliverySettings(owner="w", lease=timedelta(seconds=15), claim_batch=32, concurrency=16, deadline_seconds=10)


async def test_failing_twice_then_succeeding_delivers_each_item_once_under_one_id(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, scripted([500, 500, 200]))
    subscription_id, secret = await queue(db, subscriber.url(HOOK), 3)
    clock = Clock()
    sender = worker(db, client, clock)

    for expected in ("failed", "failed", "delivered"):
        outcomes = await sender.run_once()
        assert [outcome.status for outcome in outcomes] == [expected] * 3
        assert await sender.run_once() == [], "nothing is due before its retry time"
        clock.advance(3)

    by_id: dict[str, list[Request]] = {}
    for request in subscriber.hits(HOOK):
        by_id.setdefault(request.headers["webhook-id"], []).append(request)
    assert len(by_id) == 3
    received = []
    for attempts in by_id.values():
        assert len(attempts) == 3
        assert len({request.body for request in attempts}) == 1, "every retry sends the same bytes"
        stamps = [int(request.headers["webhook-timestamp"]) for request in attempts]
        assert stamps[0] < stamps[1] < stamps[2], "the timestamp is the attempt's, the id the message's"
        for request in attempts:
            assert request.headers["content-type"] == "application/json"
            assert verified(secret, request)["type"] == "item.created"
        received.append(orjson.loads(attempts[-1].body)["data"]["headline"])
    assert sorted(received) == ["Story 0", "Story 1", "Story 2"]

    views = await db.read(list_deliveries, subscription_id=subscription_id, limit=10)
    assert [view.delivery.status for view in views] == ["delivered"] * 3
    assert all([a.status_code for a in view.attempts] == [500, 500, 200] for view in views)
    assert await sender.run_once() == []


async def test_410_disables_the_subscription_and_stops_sending(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, Response(410))
    subscription_id, _ = await queue(db, subscriber.url(HOOK), 3)
    outcomes = await worker(db, client, Clock(), claim_batch=1, concurrency=1).run_once()
    assert [outcome.status for outcome in outcomes] == ["dead"]
    assert len(subscriber.hits(HOOK)) == 1
    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert not subscription.active
    assert "410" in subscription.disabled_reason
    views = await db.read(list_deliveries, subscription_id=subscription_id, limit=10)
    assert [view.delivery.status for view in views] == ["dead"] * 3


async def test_n_consecutive_failures_disable_the_subscription(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, Response(503))
    subscription_id, _ = await queue(db, subscriber.url(HOOK), 2)
    clock = Clock()
    sender = worker(db, client, clock, failure_limit=5, max_attempts=10, claim_batch=1, concurrency=1)
    for _ in range(3):
        await sender.run_once()
        clock.advance(3)
    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert not subscription.active
    assert subscription.disabled_reason == "5 consecutive failed attempts"
    assert len(subscriber.hits(HOOK)) == 5
    assert await sender.run_once() == []


async def test_a_delivery_is_dead_after_max_attempts(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, Response(500))
    subscription_id, _ = await queue(db, subscriber.url(HOOK), 1)
    clock = Clock()
    sender = worker(db, client, clock, max_attempts=3)
    statuses = []
    for _ in range(4):
        statuses += [outcome.status for outcome in await sender.run_once()]
        clock.advance(3)
    assert statuses == ["failed", "failed", "dead"]
    subscription = await db.read(get_subscription, subscription_id)
    assert subscription is not None
    assert subscription.active, "one dead delivery does not disable the subscription"


async def test_retry_after_is_a_floor_on_the_backoff(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, Response(429, {"Retry-After": "120"}))
    subscription_id, _ = await queue(db, subscriber.url(HOOK), 1)
    clock = Clock()
    await worker(db, client, clock, retry_max=timedelta(hours=1)).run_once()
    [view] = await db.read(list_deliveries, subscription_id=subscription_id, limit=1)
    assert view.delivery.next_attempt_at >= to_micros(clock.now) + 120_000_000
    assert view.delivery.last_error == "HTTP 429 Too Many Requests"


async def test_network_errors_timeouts_and_redirects_are_failed_attempts(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    async def slow(_request: Request) -> Response:
        await asyncio.sleep(5)
        return Response(200)

    subscriber.route("/slow", slow)
    subscriber.route("/moved", Response(302, {"Location": "http://127.0.0.1:9/elsewhere"}))
    closed = LoopbackServer("127.0.0.1")
    async with closed:
        refused_url = closed.url(HOOK)  # nothing listens there once the server is closed
    targets = [subscriber.url("/slow"), subscriber.url("/moved"), refused_url]
    subscriptions = [(await queue(db, url, 1))[0] for url in targets]
    await worker(db, client, Clock(), deadline_seconds=0.5).run_once()
    errors = []
    for subscription_id in subscriptions:
        [view] = await db.read(list_deliveries, subscription_id=subscription_id, limit=1)
        assert view.delivery.status == "failed"
        errors.append(view.attempts[0].error)
    assert errors[0] == "timed out: no answer within 0.5 s"
    assert errors[1] == "HTTP 302 Found (redirects are not followed)"
    assert errors[2].startswith("ConnectError")
    assert not subscriber.hits("/elsewhere")


async def test_the_guard_refuses_private_targets_at_send_time(db: Database, subscriber: LoopbackServer) -> None:
    subscriber.route(HOOK, Response(200))
    subscription_id, _ = await queue(db, subscriber.url(HOOK), 1)
    async with build_http_client(guard=OutboundGuard(allow_private=False), user_agent="feedhook/test") as strict:
        await worker(db, strict, Clock()).run_once()
    [view] = await db.read(list_deliveries, subscription_id=subscription_id, limit=1)
    assert view.delivery.status == "failed"
    assert view.attempts[0].error.startswith("blocked: '127.0.0.1' resolves to a non-public address")
    assert subscriber.hits(HOOK) == []


async def test_a_restarted_worker_continues_where_the_old_one_stopped(
    database_url: str, db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    answers = iter([500])
    subscriber.route(HOOK, lambda _request: Response(next(answers, 200)))
    subscription_id, secret = await queue(db, subscriber.url(HOOK), 2)
    clock = Clock()
    # A worker claims one delivery and dies; another worker's attempt at the other fails (a retry is due later).
    now, lease = to_micros(clock.now), 60_000_000
    [orphan] = await db.write(claim_due_deliveries(owner="died", now=now, lease_micros=lease, limit=1))
    [failed] = await worker(db, client, clock).run_once()
    assert failed.status == "failed"
    await db.close()

    clock.advance(61)  # past the retry time and the dead worker's lease
    restarted = Database(database_url)
    await restarted.start()
    try:
        outcomes = await worker(restarted, client, clock, owner="w2").run_once()
        assert sorted((o.webhook_id, o.status) for o in outcomes) == sorted(
            [(failed.webhook_id, "delivered"), (orphan.webhook_id, "delivered")]
        )
        views = await restarted.read(list_deliveries, subscription_id=subscription_id, limit=10)
    finally:
        await restarted.close()
        await db.start()  # the fixture closes it again
    assert {view.delivery.status for view in views} == {"delivered"}
    ids = [request.headers["webhook-id"] for request in subscriber.hits(HOOK)]
    assert Counter(ids) == {failed.webhook_id: 2, orphan.webhook_id: 1}
    assert all(verified(secret, request) for request in subscriber.hits(HOOK))


async def test_two_workers_on_one_database_never_send_a_delivery_twice(
    database_url: str, db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, Response(204))
    await queue(db, subscriber.url(HOOK), 40)
    other = Database(database_url)  # a second process: its own engine and writer on the same database
    await other.start()
    try:
        clock = Clock()
        results = await asyncio.gather(
            worker(db, client, clock, owner="a", claim_batch=4, concurrency=4).run_once(),
            worker(other, client, clock, owner="b", claim_batch=4, concurrency=4).run_once(),
        )
    finally:
        await other.close()
    sent = [outcome.webhook_id for outcomes in results for outcome in outcomes]
    assert len(sent) == len(set(sent)) == 40
    ids = [request.headers["webhook-id"] for request in subscriber.hits(HOOK)]
    assert len(ids) == len(set(ids)) == 40


async def test_run_forever_sends_when_woken_and_stops(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    both_received = asyncio.Event()

    def receive(_request: Request) -> Response:
        if len(subscriber.hits(HOOK)) == 2:
            both_received.set()
        return Response(200)

    subscriber.route(HOOK, receive)
    sender = worker(db, client, utcnow, idle_seconds=30.0)
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run_forever(stop))
    await asyncio.sleep(0.05)
    await queue(db, subscriber.url(HOOK), 2)
    sender.wake()
    await asyncio.wait_for(both_received.wait(), timeout=5)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
    assert len(subscriber.hits(HOOK)) == 2


async def test_an_events_deliveries_share_one_payload_and_delivered_ones_are_pruned_after_the_retention(
    db: Database, subscriber: LoopbackServer, client: httpx.AsyncClient
) -> None:
    subscriber.route(HOOK, scripted([200]))
    subscriber.route("/down", scripted([500]))
    now = to_micros(utcnow())
    secrets = [new_secret() for _ in range(3)]
    for secret, path in zip(secrets, (HOOK, HOOK, "/down"), strict=True):
        await db.write(add_subscription(url=subscriber.url(path), secret=secret, filters={}, now=now))
    raw = RawItem(title="Shared story", content="<p>Words.</p>", link=f"https://e.com/{uuid.uuid4().hex}")
    story = normalize(raw, now=utcnow(), settings=NormalizeSettings())
    await db.write(save_item(story, channel=CHANNEL_WEBHOOK, received_at=now))

    def counts(conn: Connection) -> tuple[int, int, int]:
        def count(table: sa.Table) -> int:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

        return count(deliveries), count(delivery_payloads), count(delivery_attempts)

    assert await db.read(counts) == (3, 1, 0), "three deliveries, one body"
    clock = Clock()
    sender = worker(db, client, clock, retention=timedelta(days=30), prune_every=timedelta(hours=1))
    assert sorted(str(outcome.status) for outcome in await sender.run_once()) == ["delivered", "delivered", "failed"]
    bodies = {request.body for request in subscriber.hits(HOOK)}
    assert len(bodies) == 1, "both subscribers receive the same bytes"
    assert orjson.loads(bodies.pop())["data"]["headline"] == "Shared story"
    clock.advance(29 * 86_400)
    assert await sender.prune() == 0, "kept for the retention period"
    clock.advance(2 * 86_400)
    assert await sender.prune() == 2
    # The failing subscription's delivery is still there, and so is the payload it will send.
    assert await db.read(counts) == (1, 1, 1)

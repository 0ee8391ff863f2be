"""Subscriptions API over HTTP: register targets, items pushed to a real loopback subscriber, deliveries shown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx
import orjson
import pytest
import standardwebhooks
from fastapi import FastAPI

from app.clock import utcnow
from app.config import Settings
from app.main import create_app
from app.net.outbound import build_http_client
from app.outputs.webhooks import DeliverySettings, DeliveryWorker
from app.store.db import migrate
from tests.conftest import API_KEY, READ_KEY_HOOKS, WEBHOOK_TOKEN
from tests.feeds.server import LoopbackServer, Request, Response
from tests.samples import Story, generated_story

ADMIN = {"Authorization": f"Bearer {API_KEY}"}
TOKEN = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}


class Clock:
    """A clock the test moves, from the real time (`standardwebhooks` checks timestamps against it)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
async def subscriber() -> AsyncIterator[LoopbackServer]:
    async with LoopbackServer("127.0.0.1") as running:
        yield running
    assert not running.errors, running.errors


async def deliver(app: FastAPI, clock: Clock, *, rounds: int) -> None:
    """What the app's delivery worker does, run here round by round with a clock the test moves."""
    services = app.state.services
    settings = DeliverySettings(owner="api-test", retry_base=timedelta(seconds=1), retry_max=timedelta(seconds=2))
    async with build_http_client(guard=services.guard, user_agent="feedhook/test") as http:
        sender = DeliveryWorker(db=services.db, client=http, settings=settings, clock=clock)
        for _ in range(rounds):
            await sender.run_once()
            clock.advance(3)
        assert await sender.run_once() == [], "nothing is left to send"


async def post_story(client: httpx.AsyncClient, story: Story) -> httpx.Response:
    return await client.post("/v1/webhooks/ifttt", content=story.json_valid(), headers=TOKEN)


async def test_a_subscriber_failing_twice_then_succeeding_gets_each_item_once_under_one_id(
    app: FastAPI, client: httpx.AsyncClient, subscriber: LoopbackServer
) -> None:
    answered: list[tuple[Request, int]] = []

    def flaky(request: Request) -> Response:
        tries = sum(1 for earlier, _ in answered if earlier.headers["webhook-id"] == request.headers["webhook-id"])
        status = 500 if tries < 2 else 200
        answered.append((request, status))
        return Response(status)

    subscriber.route("/hook", flaky)
    created = await client.post("/v1/subscriptions", json={"url": subscriber.url("/hook")}, headers=ADMIN)
    assert created.status_code == 201, created.text
    subscription = created.json()
    secret = subscription["secret"]
    assert secret.startswith("whsec_")
    item_ids = []
    for number in range(3):
        posted = await post_story(client, generated_story(number))
        assert posted.status_code == 201
        item_ids.append(posted.json()["id"])

    await deliver(app, Clock(), rounds=3)

    by_id: dict[str, list[tuple[Request, int]]] = {}
    for request, status in answered:
        by_id.setdefault(request.headers["webhook-id"], []).append((request, status))
    assert len(by_id) == 3
    delivered_items = []
    for exchanges in by_id.values():
        assert [status for _, status in exchanges] == [500, 500, 200], "same webhook-id on all three attempts"
        assert len({request.body for request, _ in exchanges}) == 1
        for request, _ in exchanges:
            standardwebhooks.Webhook(secret).verify(request.body, request.headers)
        event = orjson.loads(exchanges[-1][0].body)
        assert event["type"] == "item.created"
        shown = (await client.get(f"/v1/items/{event['data']['id']}")).json()
        assert event["data"] == shown, "the payload is the item as the API shows it"
        delivered_items.append(event["data"]["id"])
    assert sorted(delivered_items) == sorted(item_ids), "each item received exactly once as a 2xx delivery"

    page = await client.get(f"/v1/subscriptions/{subscription['id']}/deliveries", headers=ADMIN)
    assert page.status_code == 200
    deliveries = page.json()["deliveries"]
    assert [d["item_id"] for d in deliveries] == sorted(item_ids, reverse=True), "newest first"
    assert page.json()["next_before"] is None
    for delivery in deliveries:
        assert delivery["status"] == "delivered"
        assert delivery["event"] == "item.created"
        assert delivery["webhook_id"] in by_id
        assert [a["status_code"] for a in delivery["attempts"]] == [500, 500, 200]
        assert delivery["attempts"][0]["error"] == "HTTP 500 Internal Server Error"
        assert delivery["delivered_at"] is not None
        assert delivery["next_attempt_at"] is None
    first = (await client.get(f"/v1/subscriptions/{subscription['id']}/deliveries?limit=2", headers=ADMIN)).json()
    rest = await client.get(
        f"/v1/subscriptions/{subscription['id']}/deliveries", params={"before": first["next_before"]}, headers=ADMIN
    )
    assert [d["id"] for d in first["deliveries"] + rest.json()["deliveries"]] == [d["id"] for d in deliveries]
    health = (await client.get(f"/v1/subscriptions/{subscription['id']}", headers=ADMIN)).json()
    assert health["active"] is True
    assert health["failure_count"] == 0


async def test_an_updated_item_is_pushed_as_item_updated_and_a_repeat_is_not_pushed(
    app: FastAPI, client: httpx.AsyncClient, subscriber: LoopbackServer
) -> None:
    subscriber.route("/hook", Response(204))
    created = (await client.post("/v1/subscriptions", json={"url": subscriber.url("/hook")}, headers=ADMIN)).json()
    story = generated_story(7)
    assert (await post_story(client, story)).status_code == 201
    assert (await post_story(client, story)).json()["status"] == "duplicate"
    edited = Story(**{**story.__dict__, "paragraphs": ["A corrected first paragraph."]})
    assert (await post_story(client, edited)).json()["status"] == "updated"
    await deliver(app, Clock(), rounds=1)
    events = [orjson.loads(request.body) for request in subscriber.hits("/hook")]
    assert [event["type"] for event in events] == ["item.created", "item.updated"]
    assert events[1]["data"]["body"] == ["A corrected first paragraph."]
    deliveries = (await client.get(f"/v1/subscriptions/{created['id']}/deliveries", headers=ADMIN)).json()
    assert [d["event"] for d in deliveries["deliveries"]] == ["item.updated", "item.created"]


async def test_register_read_list_and_remove(client: httpx.AsyncClient) -> None:
    body = {"url": "http://127.0.0.1:9/hook", "filters": {"source": "Business Insider", "channels": ["feed"]}}
    created = await client.post("/v1/subscriptions", json=body, headers=ADMIN)
    assert created.status_code == 201
    subscription = created.json()
    assert set(subscription) == {
        "id",
        "url",
        "filters",
        "secret",
        "active",
        "failure_count",
        "disabled_reason",
        "created_at",
    }
    assert subscription["filters"] == body["filters"]
    assert subscription["active"] is True

    shown = (await client.get(f"/v1/subscriptions/{subscription['id']}", headers=ADMIN)).json()
    assert "secret" not in shown, "the secret is shown only at creation"
    assert shown == {key: value for key, value in subscription.items() if key != "secret"}
    assert (await client.get("/v1/subscriptions", headers=ADMIN)).json() == [shown]
    unfiltered = (await client.post("/v1/subscriptions", json={"url": body["url"]}, headers=ADMIN)).json()
    assert unfiltered["filters"] == {"source": None, "channels": None}
    assert unfiltered["secret"] != subscription["secret"]

    empty = (await client.get(f"/v1/subscriptions/{subscription['id']}/deliveries", headers=ADMIN)).json()
    assert empty == {"deliveries": [], "next_before": None}
    assert (await client.delete(f"/v1/subscriptions/{subscription['id']}", headers=ADMIN)).status_code == 204
    for method, path in [
        ("GET", f"/v1/subscriptions/{subscription['id']}"),
        ("DELETE", f"/v1/subscriptions/{subscription['id']}"),
        ("GET", f"/v1/subscriptions/{subscription['id']}/deliveries"),
    ]:
        missing = await client.request(method, path, headers=ADMIN)
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://example.com/hook"},
        {"url": "http://127.0.0.1:9/hook", "filters": {"q": "markets"}},
        {"url": "http://127.0.0.1:9/hook", "filters": {"channels": ["email"]}},
        {"url": "http://127.0.0.1:9/hook", "secret": "whsec_mine"},
    ],
)
async def test_invalid_subscriptions_are_422(client: httpx.AsyncClient, body: dict[str, object]) -> None:
    response = await client.post("/v1/subscriptions", json=body, headers=ADMIN)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/v1/subscriptions/43290765044057149769477259264", "/v1/subscriptions/0"])
async def test_ids_outside_bigint_are_422_not_a_driver_error(client: httpx.AsyncClient, path: str) -> None:
    for target in (path, f"{path}/deliveries", f"/v1/subscriptions/1/deliveries?before={path.rsplit('/', 1)[1]}"):
        response = await client.get(target, headers=ADMIN)
        assert response.status_code == 422, target
        assert response.headers["content-type"] == "application/problem+json"


async def test_the_admin_key_is_required(client: httpx.AsyncClient) -> None:
    for method, path in [
        ("GET", "/v1/subscriptions"),
        ("POST", "/v1/subscriptions"),
        ("DELETE", "/v1/subscriptions/1"),
    ]:
        response = await client.request(method, path, headers=TOKEN)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"


async def test_the_guard_refuses_private_targets_when_on(settings: Settings) -> None:
    strict = settings.model_copy(update={"allow_private_networks": False})
    await asyncio.to_thread(migrate, strict.database_url)
    application = create_app(strict)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://feedhook.test", event_hooks=READ_KEY_HOOKS
        ) as http:
            for url in ("http://127.0.0.1:8080/hook", "http://10.0.0.8/hook", "http://[::1]/hook"):
                response = await http.post("/v1/subscriptions", json={"url": url}, headers=ADMIN)
                assert response.status_code == 422, url
                assert response.headers["content-type"] == "application/problem+json"
                assert response.json()["code"] == "blocked-url"
            assert (await http.get("/v1/subscriptions", headers=ADMIN)).json() == []

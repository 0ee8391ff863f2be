"""Reads need a read key, admin routes an admin key: 401 and 403 as problem+json, keys managed at /v1/keys."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from app.config import Settings
from app.main import create_app
from app.ops.logging import redact
from app.store.db import migrate
from tests.conftest import API_KEY, WEBHOOK_TOKEN
from tests.samples import generated_story

ADMIN = {"Authorization": f"Bearer {API_KEY}"}
READS = ["/v1/items", "/v1/items/1", "/v1/feed.json", "/v1/feed.atom"]


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client that sends only what each test gives it (the shared one adds a read key)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://feedhook.test") as client:
        story = await client.post(
            "/v1/webhooks/ifttt",
            content=generated_story(1).json_valid(),
            headers={"Authorization": f"Bearer {WEBHOOK_TOKEN}"},
        )
        assert story.status_code == 201, story.text
        yield client


async def _key(http: httpx.AsyncClient, name: str, scope: str) -> str:
    created = await http.post("/v1/keys", json={"name": name, "scope": scope}, headers=ADMIN)
    assert created.status_code == 201, created.text
    secret: str = created.json()["secret"]
    return secret


def _is_problem(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status


@pytest.mark.parametrize("path", [*READS, "/v1/items/stream"])
async def test_reads_without_a_key_are_401_problems(http: httpx.AsyncClient, path: str) -> None:
    response = await http.get(path)
    _is_problem(response, 401)
    assert response.headers["www-authenticate"] == 'Bearer realm="feedhook"'
    assert "Authorization: Bearer" in response.json()["detail"]
    _is_problem(await http.get(path, headers={"Authorization": "Bearer fhk_not-a-key-at-all-0123456789"}), 401)


@pytest.mark.parametrize("path", READS)
async def test_a_read_key_reads(http: httpx.AsyncClient, path: str) -> None:
    reader = await _key(http, "reader", "read")
    response = await http.get(path, headers={"Authorization": f"Bearer {reader}"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("path", ["/v1/feed.json", "/v1/feed.atom"])
async def test_feed_outputs_take_the_key_in_the_query(http: httpx.AsyncClient, path: str) -> None:
    reader = await _key(http, "feedreader", "read")
    assert (await http.get(path, params={"key": reader})).status_code == 200
    _is_problem(await http.get(path, params={"key": reader[:-2]}), 401)
    # The next page of a reader that holds the key in its URL keeps it; one sent as a header stays out.
    await http.post(
        "/v1/webhooks/ifttt",
        content=generated_story(2).json_valid(),
        headers={"Authorization": f"Bearer {WEBHOOK_TOKEN}"},
    )
    paged = await http.get(path, params={"key": reader, "limit": 1})
    assert f"key={reader}" in paged.text
    assert "cursor=" in paged.text
    headed = await http.get(path, params={"limit": 1}, headers={"Authorization": f"Bearer {reader}"})
    assert reader not in headed.text


async def test_the_query_key_is_only_for_clients_that_cannot_send_headers(http: httpx.AsyncClient) -> None:
    reader = await _key(http, "reader", "read")
    _is_problem(await http.get("/v1/items", params={"key": reader}), 401)
    _is_problem(await http.get("/v1/items/stream", params={"key": reader[:-2]}), 401)


async def test_a_revoked_key_is_refused_at_once(http: httpx.AsyncClient) -> None:
    reader = await _key(http, "reader", "read")
    headers = {"Authorization": f"Bearer {reader}"}
    assert (await http.get("/v1/items", headers=headers)).status_code == 200
    revoked = await http.delete("/v1/keys/reader", headers=ADMIN)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    _is_problem(await http.get("/v1/items", headers=headers), 401)
    _is_problem(await http.get("/v1/feed.json", params={"key": reader}), 401)


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/feeds"), ("GET", "/v1/subscriptions"), ("GET", "/v1/keys"), ("POST", "/v1/webhook-token")],
)
async def test_a_read_key_cannot_reach_an_admin_route(http: httpx.AsyncClient, method: str, path: str) -> None:
    reader = await _key(http, "reader", "read")
    response = await http.request(method, path, headers={"Authorization": f"Bearer {reader}"})
    _is_problem(response, 403)
    assert "'read'" in response.json()["detail"]
    _is_problem(await http.request(method, path), 401)


async def test_an_admin_key_from_the_database_administers(http: httpx.AsyncClient) -> None:
    admin = await _key(http, "operator", "admin")
    headers = {"Authorization": f"Bearer {admin}"}
    assert (await http.get("/v1/feeds", headers=headers)).status_code == 200
    assert (await http.get("/v1/items", headers=headers)).status_code == 200
    made = await http.post("/v1/keys", json={"name": "made-by-operator"}, headers=headers)
    assert (made.status_code, made.json()["scope"]) == (201, "read")


async def test_the_key_listing_never_shows_a_secret(http: httpx.AsyncClient) -> None:
    reader = await _key(http, "reader", "read")
    await http.get("/v1/items", headers={"Authorization": f"Bearer {reader}"})
    listing = await http.get("/v1/keys", headers=ADMIN)
    assert listing.status_code == 200
    assert reader not in listing.text
    (key,) = listing.json()
    assert set(key) == {"id", "name", "scope", "prefix", "created_at", "last_used_at", "revoked_at"}
    assert key["prefix"] == reader[:12]
    assert key["last_used_at"] is not None


async def test_key_names_are_unique_and_checked(http: httpx.AsyncClient) -> None:
    await _key(http, "reader", "read")
    _is_problem(await http.post("/v1/keys", json={"name": "reader", "scope": "read"}, headers=ADMIN), 409)
    _is_problem(await http.post("/v1/keys", json={"name": "bad name", "scope": "read"}, headers=ADMIN), 422)
    _is_problem(await http.post("/v1/keys", json={"name": "x", "scope": "root"}, headers=ADMIN), 422)
    _is_problem(await http.delete("/v1/keys/nobody", headers=ADMIN), 404)


async def test_the_webhook_token_rotates_without_a_restart(http: httpx.AsyncClient) -> None:
    rotated = await http.post("/v1/webhook-token", headers=ADMIN)
    assert rotated.status_code == 200, rotated.text
    token = rotated.json()["webhook_token"]
    body = generated_story(2).json_valid()
    _is_problem(await http.post("/v1/webhooks/ifttt", content=body, headers={"X-Feedhook-Token": WEBHOOK_TOKEN}), 401)
    accepted = await http.post("/v1/webhooks/ifttt", content=body, params={"token": token})
    assert accepted.status_code == 201, accepted.text


async def _app(settings: Settings, **overrides: object) -> AsyncIterator[httpx.AsyncClient]:
    await asyncio.to_thread(migrate, settings.database_url)
    application = create_app(settings.model_copy(update=overrides))
    transport = httpx.ASGITransport(app=application)
    async with (
        application.router.lifespan_context(application),
        httpx.AsyncClient(transport=transport, base_url="http://t") as client,
    ):
        yield client


@pytest.mark.parametrize("path", [*READS[:1], *READS[2:]])
async def test_public_reads_open_the_read_routes_and_nothing_else(settings: Settings, path: str) -> None:
    async for http in _app(settings, public_reads=True):
        assert (await http.get(path)).status_code == 200
        _is_problem(await http.get("/v1/feeds"), 401)


async def test_a_metrics_key_guards_metrics(settings: Settings) -> None:
    metrics_key = "metrics-key-0123456789abcdef"
    async for http in _app(settings, metrics_key=SecretStr(metrics_key)):
        _is_problem(await http.get("/metrics"), 401)
        _is_problem(await http.get("/metrics", headers={"Authorization": "Bearer metrics-key-wrong-0123"}), 401)
        assert (await http.get("/metrics", headers={"Authorization": f"Bearer {metrics_key}"})).status_code == 200
        assert (await http.get("/metrics", headers=ADMIN)).status_code == 200
        reader = await _key(http, "reader", "read")
        _is_problem(await http.get("/metrics", headers={"Authorization": f"Bearer {reader}"}), 403)
        _is_problem(await http.get("/v1/items", headers={"Authorization": f"Bearer {metrics_key}"}), 401)
    async for http in _app(settings):
        assert (await http.get("/metrics")).status_code == 200  # open unless a metrics key is set


def test_a_key_in_the_query_is_redacted_from_access_log_lines() -> None:
    line = 'GET /v1/feed.json?source=BI&key=fhk_Q2x1cGVyX2V4YW1wbGU HTTP/1.1" 200'
    assert "fhk_Q2x1" not in redact(line)
    assert "source=BI" in redact(line)


async def test_the_openapi_document_declares_the_security_schemes(app: FastAPI) -> None:
    document = app.openapi()
    schemes = document["components"]["securitySchemes"]
    assert schemes["apiKey"] == {"type": "http", "scheme": "bearer", "description": schemes["apiKey"]["description"]}
    assert (schemes["keyInQuery"]["in"], schemes["keyInQuery"]["name"]) == ("query", "key")
    assert document["paths"]["/v1/items"]["get"]["security"] == [{"apiKey": []}]
    assert {"keyInQuery": []} in document["paths"]["/v1/feed.atom"]["get"]["security"]
    assert "security" not in document["paths"]["/v1/webhooks/ifttt"]["post"]  # the webhook token is its own
    assert set(document["paths"]["/v1/items"]["get"]["responses"]) >= {"401", "403"}


async def test_every_guarded_operation_of_the_document_refuses_a_missing_or_wrong_key(app: FastAPI) -> None:
    document = app.openapi()
    guarded = [
        (method.upper(), path.replace("{item_id}", "1").replace("{feed_id}", "1").replace("{subscription_id}", "1"))
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    ]
    assert len(guarded) >= 15
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://feedhook.test") as http:
        for method, path in guarded:
            path = path.replace("{key}", "somebody")
            for headers in ({}, {"Authorization": "Bearer fhk_made-up-0123456789"}):
                response = await http.request(method, path, headers=headers, params={"key": "fhk_made-up-01234"})
                assert response.status_code == 401, (method, path, headers, response.text)

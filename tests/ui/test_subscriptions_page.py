"""Console subscriptions: a disabled one enabled again keeps its secret; a test event is delivered and shown."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import orjson
import pytest
import sqlalchemy as sa
import standardwebhooks
from fastapi import FastAPI

from app.store.tables import subscriptions
from tests.conftest import API_KEY
from tests.feeds.server import LoopbackServer, Response
from tests.ui.test_console import _login

ADMIN = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture
async def receiver() -> AsyncIterator[LoopbackServer]:
    async with LoopbackServer("127.0.0.1") as running:
        yield running
    assert not running.errors, running.errors


async def test_a_disabled_subscription_is_enabled_with_its_secret_and_gets_a_signed_test_event(
    app: FastAPI, client: httpx.AsyncClient, receiver: LoopbackServer
) -> None:
    receiver.route("/hook", Response(204))
    created = (await client.post("/v1/subscriptions", json={"url": receiver.url("/hook")}, headers=ADMIN)).json()
    runtime = app.state.services

    def disable(conn: sa.Connection) -> None:
        conn.execute(
            sa.update(subscriptions).values(active=False, failure_count=9, disabled_reason="HTTP 500 nine times")
        )

    await runtime.db.write(disable)
    token = await _login(client)
    page = (await client.get("/ui/subscriptions")).text
    assert "HTTP 500 nine times" in page
    enabled = await client.post(f"/ui/subscriptions/{created['id']}/enable", data={"csrf": token})
    assert enabled.status_code == 303
    health = (await client.get(f"/v1/subscriptions/{created['id']}", headers=ADMIN)).json()
    assert (health["active"], health["failure_count"], health["disabled_reason"]) == (True, 0, None)

    sent = await client.post(f"/ui/subscriptions/{created['id']}/test", data={"csrf": token}, follow_redirects=True)
    assert "Test event msg_" in sent.text
    await runtime.deliveries.run_once()
    [request] = receiver.hits("/hook")
    # Signed with the secret issued at creation: enabling it again changed nothing the receiver holds.
    standardwebhooks.Webhook(created["secret"]).verify(request.body, request.headers)
    assert orjson.loads(request.body)["type"] == "test"
    page = (await client.get("/ui/subscriptions")).text
    assert request.headers["webhook-id"] in page
    assert ": 204" in page  # the attempt, with the receiver's answer
    assert ">delivered<" in page

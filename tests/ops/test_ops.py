"""Health, readiness, metrics and the offline docs."""

from __future__ import annotations

import asyncio
import gc

import httpx
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.store.db import migrate
from tests.conftest import READ_KEY_HOOKS, WEBHOOK_TOKEN
from tests.samples import generated_story


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready", "database": "ok"}


async def test_metrics_count_requests_by_route_and_items_by_outcome(client: httpx.AsyncClient) -> None:
    headers = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
    body = generated_story(1).json_valid()
    await client.post("/v1/webhooks/ifttt", content=body, headers=headers)
    await client.post("/v1/webhooks/ifttt", content=body, headers=headers)
    await client.post("/v1/webhooks/ifttt", content=b'{"content": ""}', headers=headers)
    await client.get("/v1/items/12345")
    text = (await client.get("/metrics")).text
    assert 'feedhook_items_total{channel="webhook",outcome="created"} 1.0' in text
    assert 'feedhook_items_total{channel="webhook",outcome="duplicate"} 1.0' in text
    assert 'feedhook_items_total{channel="webhook",outcome="quarantined"} 1.0' in text
    assert 'feedhook_http_requests_total{method="GET",route="/v1/items/{item_id}",status="404"} 1.0' in text
    assert 'route="/v1/webhooks/ifttt",status="201"' in text


async def test_metrics_export_the_stores_count_of_reads_moved_off_the_loop(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://feedhook.test", event_hooks=READ_KEY_HOOKS
    ) as client:
        exposition = (await client.get("/metrics")).text
        assert "# TYPE feedhook_db_quick_reads_moved_total counter" in exposition
        assert "feedhook_parse_workers 0.0" in exposition  # none started before the first feed is parsed
        assert "feedhook_parse_worker_restarts_total 0.0" in exposition
        app.state.services.db.quick_reads_moved["over_budget"] += 2  # what a scanning read on the loop records
        text = (await client.get("/metrics")).text
    assert 'feedhook_db_quick_reads_moved_total{reason="over_budget"} 2.0' in text


async def test_docs_work_offline(client: httpx.AsyncClient) -> None:
    page = (await client.get("/docs")).text
    assert "/docs/assets/swagger-ui-bundle.js" in page
    assert "cdn." not in page
    asset = await client.get("/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200
    assert len(asset.content) > 100_000
    assert (await client.get("/docs/assets/swagger-ui.css")).status_code == 200


async def test_start_up_freezes_what_it_built_and_shutdown_thaws_it(settings: Settings) -> None:
    await asyncio.to_thread(migrate, settings.database_url)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        assert gc.get_freeze_count() > 0, "the long-lived start-up objects are out of the collector's way"
    assert gc.get_freeze_count() == 0, "another app in this process can collect what this one built"
